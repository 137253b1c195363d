"""Booklet imposition: pages two-up on sheets in saddle-stitch order.

Printed duplex (flip on the short edge) and folded, the sheets read as a booklet. A5
pages land on A4 sheets at full size; other sizes are scaled to fit half a sheet.
"""

from __future__ import annotations

import io

from pypdf import PageObject, PdfReader, PdfWriter, Transformation

A4_LANDSCAPE = (841.8898, 595.2756)


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


def impose_booklet(pdf: bytes) -> bytes:
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter()
    sheet_width, sheet_height = A4_LANDSCAPE
    for left, right in booklet_order(len(reader.pages)):
        sheet = PageObject.create_blank_page(width=sheet_width, height=sheet_height)
        for slot, index in enumerate((left, right)):
            if index is None:
                continue
            page = reader.pages[index]
            width, height = float(page.mediabox.width), float(page.mediabox.height)
            scale = min((sheet_width / 2) / width, sheet_height / height)
            x = slot * sheet_width / 2 + (sheet_width / 2 - width * scale) / 2
            y = (sheet_height - height * scale) / 2
            sheet.merge_transformed_page(page, Transformation().scale(scale, scale).translate(x, y))
        writer.add_page(sheet)
    if reader.metadata:
        writer.add_metadata({key: value for key, value in reader.metadata.items() if key in ("/Title", "/Author")})
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
