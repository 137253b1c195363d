"""Print options a build may set, and the page settings a layout renders with."""

from __future__ import annotations

import re
from dataclasses import dataclass

from publisher.errors import PublisherError
from publisher.schema import Check, Invalid, boolean, check_declared, one_of, option

PDF_VARIANTS = ("pdf/a-3b", "pdf/ua-1", "pdf/x-4")
_LENGTH = re.compile(r"^\d+(\.\d+)?(mm|cm|in|pt|px)$")
_PAGE_SIZES = {"a3", "a4", "a5", "a6", "b4", "b5", "letter", "legal", "ledger"}


def valid_page_size(value: str) -> bool:
    parts = value.lower().split()
    if len(parts) in (1, 2) and parts[0] in _PAGE_SIZES and (len(parts) == 1 or parts[1] in ("portrait", "landscape")):
        return True
    return len(parts) == 2 and all(_LENGTH.match(part) for part in parts)


def _page_size(value: object) -> str:
    if not isinstance(value, str) or not valid_page_size(value.strip()):
        raise Invalid()
    return value.strip()


def _print_length(value: object) -> str:
    if not isinstance(value, str) or not _LENGTH.match(value.strip()):
        raise Invalid()
    return value.strip()


def _marks(value: object) -> str:
    if not isinstance(value, str) or not value.split() or not set(value.split()) <= {"crop", "cross"}:
        raise Invalid()
    return value


PAGE_SIZE = Check("a page size such as 'A4', 'A5', 'letter' or '148mm 210mm'", _page_size)
PRINT_LENGTH = Check("a length such as '3mm'", _print_length)
MARKS = Check("'crop', 'cross' or 'crop cross'", _marks)


@dataclass(frozen=True)
class PrintOptions:
    """Print-production choices from the command line; they win over manifest and layout."""

    page_size: str | None = option(None, PAGE_SIZE, "--page-size")
    bleed: str | None = option(None, PRINT_LENGTH, "--bleed")
    marks: str | None = option(None, MARKS, "--marks")
    mirror_margins: bool = option(False, boolean(), "--mirror-margins")
    pdf_variant: str | None = option(None, one_of(*PDF_VARIANTS, noun="PDF variant"), "--pdf-variant")
    impose: str | None = option(None, one_of("booklet", noun="imposition"), "--impose")
    tags: bool = option(True, boolean(), "--no-tags", "a tagged PDF (structure tree, reading order)")

    def validated(self) -> PrintOptions:
        check_declared(self)
        return self


# A booklet's pages are half its sheet, imposed at full size: without --page-size, A5
# pages on A4 sheets.
BOOKLET_PAGE_SIZE = "A5"

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
    openings: str = "any"  # "right": sections (and the book's articles) open on right-hand pages
    text_align: str = "justify"  # or "start": ragged right

    @property
    def css_bleed(self) -> str | None:
        """The CSS ``bleed``: the bleed itself, plus room for the marks outside it."""
        if not self.bleed and not self.marks:
            return None
        points = length_in_points(self.bleed) + (MARKS_AREA_MM * 72 / 25.4 if self.marks else 0.0)
        return f"{points:.3f}pt"
