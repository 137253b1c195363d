"""The progress line a batch build shows on a terminal: publications and articles done."""

from __future__ import annotations

import sys
from typing import TextIO

from publisher.batch.runner import JobOutcome

_WIDTH = 30


class ProgressLine:
    """Redraws one line in place, messages printed above it; without a terminal, one line
    per publication as it ends."""

    def __init__(self, publications: int, articles: int, enabled: bool = True, stream: TextIO | None = None) -> None:
        self.publications, self.articles = publications, articles
        self.done_publications = self.done_articles = self.failed = 0
        self.enabled = enabled
        self.stream = stream or sys.stderr

    def line(self) -> str:
        share = self.done_publications / self.publications if self.publications else 1.0
        bar = "#" * round(share * _WIDTH)
        failed = f", {self.failed} failed" if self.failed else ""
        return (f"[{bar:<{_WIDTH}}] {self.done_publications}/{self.publications} publications, "
                f"{self.done_articles}/{self.articles} articles{failed}")

    def show(self) -> None:
        if self.enabled:
            self.stream.write("\r\x1b[K" + self.line())
            self.stream.flush()

    def advance(self, outcome: JobOutcome) -> None:
        self.done_publications += 1
        self.done_articles += outcome.job.expected_articles
        if outcome.error is not None:
            self.failed += 1
        if self.enabled:
            self.show()
        else:  # a log, not a terminal: one line per publication
            self.stream.write(f"{self.line()}: {outcome.status} {outcome.job.source}\n")

    def say(self, message: str) -> None:
        if self.enabled:
            self.stream.write("\r\x1b[K")
        self.stream.write(message + "\n")
        self.show()

    def finish(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()
