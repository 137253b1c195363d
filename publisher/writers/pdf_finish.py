"""What every PDF WeasyPrint writes for publisher shares: the last touches on its objects,
and the warnings WeasyPrint logged while making it."""

from __future__ import annotations

import logging
from pathlib import Path
from collections.abc import Iterator
from contextlib import contextmanager

import pydyf

from publisher.engine import is_font_load_failure, is_subsetter_notice
from publisher.errors import LayoutError

_LOG = logging.getLogger("publisher")


class Finisher:
    """Last touches on the PDF objects before WeasyPrint writes them."""

    def __init__(self, bleed_points: float):
        self.bleed_points = bleed_points

    def __call__(self, document, pdf: pydyf.PDF) -> None:
        # Viewers show the document's title, not its file name (PDF/UA asks for it).
        pdf.catalog["ViewerPreferences"] = pydyf.Dictionary({"DisplayDocTitle": "true"})
        # WeasyPrint makes the bleed box the whole media box; with printer's marks the media
        # box also holds the marks, so the bleed box is set back to trim box + bleed.
        for obj in pdf.objects:
            if isinstance(obj, pydyf.Dictionary) and obj.get("Type") == "/Page" and "TrimBox" in obj:
                left, bottom, right, top = (float(v) for v in obj["TrimBox"])
                b = self.bleed_points
                obj["BleedBox"] = pydyf.Array([left - b, bottom - b, right + b, top + b])


@contextmanager
def weasyprint_problems() -> Iterator[list[str]]:
    """Collect what WeasyPrint logs as warnings or errors while it renders."""
    problems: list[str] = []

    class Collector(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.WARNING:
                problems.append(record.getMessage())

    logger = logging.getLogger("weasyprint")
    handler = Collector()
    logger.addHandler(handler)
    previous_propagate = logger.propagate
    logger.propagate = False
    try:
        yield problems
    finally:
        logger.removeHandler(handler)
        logger.propagate = previous_propagate


def report_problems(problems: list[str] | tuple[str, ...], layout_file: Path) -> None:
    """A font that would not load fails the build (naming the layout); the rest are warnings."""
    font_problems = [p for p in problems if is_font_load_failure(p)]
    if font_problems:
        raise LayoutError(f"a font of the layout could not be loaded: {font_problems[0]}", layout_file)
    for problem in dict.fromkeys(problems):
        if not is_subsetter_notice(problem):
            _LOG.warning("PDF: %s", problem)
