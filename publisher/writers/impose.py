"""Booklet imposition: pages two-up on sheets in saddle-stitch order, at full size.

Printed duplex (flip on the short edge) and folded, the sheets read as a booklet. Each
sheet is two pages wide (A5 pages, what a booklet is laid out at, ``BOOKLET_PAGE_SIZE``,
on A4 sheets), at 100%. Pages are placed by their trim boxes; their bleed runs off the
sheet's outer edges only (never across the fold), and a sheet with bleed or marks gets
its own crop marks and fold marks outside the pages, never the pages' marks inside it.
"""

from __future__ import annotations

import io
from typing import NamedTuple

from pypdf import PageObject, PdfReader, PdfWriter, Transformation
from pypdf.generic import ArrayObject, ContentStream, FloatObject, NameObject, RectangleObject

A4_LANDSCAPE = (841.8898, 595.2756)
MARK_LENGTH = 6 * 72 / 25.4  # crop marks 6 mm long,
MARK_GAP = 2 * 72 / 25.4  # starting 2 mm outside the bleed


def booklet_order(page_count: int) -> list[tuple[int | None, int | None]]:
    """(left, right) page indexes for each sheet side; None is a blank page.

    For 8 pages: (8,1) (2,7) (6,3) (4,5), counting from 1.
    """
    total = -(-page_count // 4) * 4

    def page(number: int) -> int | None:
        return number - 1 if number <= page_count else None

    sides = []
    for sheet in range(total // 4):
        outer_left, outer_right = total - 2 * sheet, 2 * sheet + 1
        sides.append((page(outer_left), page(outer_right)))
        sides.append((page(outer_right + 1), page(outer_left - 1)))
    return sides


class _Geometry(NamedTuple):
    """A page's trim size, its bleed, and the room beyond the bleed (for marks)."""

    width: float
    height: float
    bleed: float
    margin: float  # from the sheet's edge to the trim: bleed plus the marks' room

    @classmethod
    def of(cls, page: PageObject) -> _Geometry:
        media, trim, bleed = page.mediabox, page.trimbox, page.bleedbox
        bleed_width = max(0.0, float(trim.left) - float(bleed.left))
        margin = max(bleed_width, float(trim.left) - float(media.left))
        return cls(float(trim.width), float(trim.height), bleed_width, margin)


def impose_booklet(pdf: bytes) -> bytes:
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter()
    geometry = _Geometry.of(reader.pages[0])
    width, height, bleed, margin = geometry
    # Two A5 pages (296 mm) go on an A4 sheet (297 mm), centred: the sheet a shop prints on.
    sheet_trim = A4_LANDSCAPE if _near(2 * width, A4_LANDSCAPE[0]) and _near(height, A4_LANDSCAPE[1]) else (2 * width, height)
    inset = (sheet_trim[0] - 2 * width) / 2
    sheet_width, sheet_height = sheet_trim[0] + 2 * margin, sheet_trim[1] + 2 * margin
    for left, right in booklet_order(len(reader.pages)):
        sheet = PageObject.create_blank_page(width=sheet_width, height=sheet_height)
        for slot, index in enumerate((left, right)):
            if index is None:
                continue
            page = reader.pages[index]
            trim = page.trimbox
            # What shows of the page: its trim, and its bleed on the three outer sides.
            clip_left = float(trim.left) - (bleed if slot == 0 else 0.0)
            clip_right = float(trim.right) + (bleed if slot == 1 else 0.0)
            clip = RectangleObject((clip_left, float(trim.bottom) - bleed, clip_right, float(trim.top) + bleed))
            page.cropbox = clip
            page.trimbox = clip  # what older pypdf versions clip a merged page to
            x = margin + inset + slot * width - float(trim.left)
            y = margin - float(trim.bottom)
            sheet.merge_transformed_page(page, Transformation().translate(x, y))
        trim_box = (margin, margin, margin + sheet_trim[0], margin + sheet_trim[1])
        sheet[NameObject("/TrimBox")] = _rectangle(trim_box)
        sheet[NameObject("/BleedBox")] = _rectangle((trim_box[0] - bleed, trim_box[1] - bleed,
                                                     trim_box[2] + bleed, trim_box[3] + bleed))
        if margin > bleed:
            _draw_marks(sheet, trim_box, bleed)
        writer.add_page(sheet)
    if reader.metadata:
        writer.add_metadata({key: value for key, value in reader.metadata.items() if key in ("/Title", "/Author")})
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def _near(length: float, other: float) -> bool:
    return abs(length - other) < 3 * 72 / 25.4


def _rectangle(box: tuple[float, float, float, float]) -> ArrayObject:
    return ArrayObject(FloatObject(round(value, 3)) for value in box)


def _draw_marks(sheet: PageObject, trim: tuple[float, float, float, float], bleed: float) -> None:
    """Crop marks at the sheet's four trim corners and fold marks at the spine, all
    outside the bleed."""
    left, bottom, right, top = trim
    start, end = bleed + MARK_GAP, bleed + MARK_GAP + MARK_LENGTH
    lines = []
    for x, y, dx, dy in ((left, bottom, -1, -1), (right, bottom, 1, -1), (left, top, -1, 1), (right, top, 1, 1)):
        lines.append((x + dx * start, y, x + dx * end, y))
        lines.append((x, y + dy * start, x, y + dy * end))
    fold = (left + right) / 2
    lines.append((fold, bottom - start, fold, bottom - end))
    lines.append((fold, top + start, fold, top + end))
    operations = "".join(f"{x1:.3f} {y1:.3f} m {x2:.3f} {y2:.3f} l S\n" for x1, y1, x2, y2 in lines)
    stream = ContentStream(None, None)
    stream.set_data(f"q 0.25 w 1 1 1 1 K\n{operations}Q\n".encode("ascii"))
    contents = sheet.get_contents()
    if contents is None:
        sheet.replace_contents(stream)
        return
    merged = ContentStream(None, None)
    merged.set_data(contents.get_data() + b"\n" + stream.get_data())
    sheet.replace_contents(merged)
