"""Print options a build may set, and the page settings a layout renders with."""

from __future__ import annotations

import re
from dataclasses import dataclass

from publisher.errors import PublisherError

PDF_VARIANTS = ("pdf/a-3b", "pdf/ua-1")
_LENGTH = re.compile(r"^\d+(\.\d+)?(mm|cm|in|pt|px)$")
_PAGE_SIZES = {"a3", "a4", "a5", "a6", "b4", "b5", "letter", "legal", "ledger"}


@dataclass(frozen=True)
class PrintOptions:
    """Print-production choices from the command line; they win over manifest and layout."""

    page_size: str | None = None
    bleed: str | None = None
    marks: str | None = None
    mirror_margins: bool = False
    pdf_variant: str | None = None
    impose: str | None = None

    def validated(self) -> PrintOptions:
        if self.page_size and not valid_page_size(self.page_size):
            raise PublisherError(f"unknown page size '{self.page_size}' (A4, A5, letter, or '148mm 210mm')")
        if self.bleed and not _LENGTH.match(self.bleed):
            raise PublisherError(f"bleed must be a length such as '3mm', not '{self.bleed}'")
        if self.marks and not set(self.marks.split()) <= {"crop", "cross"}:
            raise PublisherError(f"marks must be 'crop', 'cross' or 'crop cross', not '{self.marks}'")
        if self.pdf_variant and self.pdf_variant not in PDF_VARIANTS:
            raise PublisherError(f"unknown PDF variant '{self.pdf_variant}' (choose from {', '.join(PDF_VARIANTS)})")
        if self.impose and self.impose != "booklet":
            raise PublisherError(f"unknown imposition '{self.impose}' (only 'booklet')")
        return self


def valid_page_size(value: str) -> bool:
    parts = value.lower().split()
    if len(parts) in (1, 2) and parts[0] in _PAGE_SIZES and (len(parts) == 1 or parts[1] in ("portrait", "landscape")):
        return True
    return len(parts) == 2 and all(_LENGTH.match(part) for part in parts)


_POINTS_PER_UNIT = {"mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72.0, "pt": 1.0, "px": 0.75}
MARKS_AREA_MM = 9.0  # room outside the bleed for crop and cross marks


def length_in_points(value: str | None) -> float:
    if not value:
        return 0.0
    match = re.match(r"^(\d+(?:\.\d+)?)(mm|cm|in|pt|px)$", value)
    if not match:
        raise PublisherError(f"not a length: '{value}'")
    return float(match.group(1)) * _POINTS_PER_UNIT[match.group(2)]


@dataclass(frozen=True)
class PageSettings:
    """What the print templates see as ``page``: layout defaults, then manifest, then options."""

    size: str
    columns: int
    font_size: str
    bleed: str | None
    marks: str | None
    mirror_margins: bool
    cover: bool

    @property
    def css_bleed(self) -> str | None:
        """The CSS ``bleed``: the bleed itself, plus room for the marks outside it."""
        if not self.bleed and not self.marks:
            return None
        points = length_in_points(self.bleed) + (MARKS_AREA_MM * 72 / 25.4 if self.marks else 0.0)
        return f"{points:.3f}pt"
