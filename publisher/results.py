"""What a build gives back: the files it wrote and what it has to say about them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class WrittenFile:
    format: str  # "pdf", "epub", "html", "booklet" or "print-html"
    path: Path  # at a URL: its place under the output folder
    size: int  # bytes
    url: str | None = None  # where it was published, when the output folder is a URL

    @property
    def location(self) -> str:
        return self.url or str(self.path)


@dataclass(frozen=True)
class PublicationResult:
    """One publication built (or put back from the cache): its files and warnings."""

    source: Path
    title: str
    files: tuple[WrittenFile, ...] = ()
    warnings: tuple[str, ...] = ()
    article_count: int = 0
    up_to_date: bool = False  # every output came whole from the cache
    # The system's font files the outputs depend on: (file name, path or "" when not
    # found, SHA-256 or ""). A cached build is reused only while they are unchanged.
    system_fonts: tuple[tuple[str, str, str], ...] = ()
    part_count: int = 0  # the parts its PDF was laid out in; 0: one piece, or no PDF
