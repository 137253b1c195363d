"""One embedded font per face in a joined PDF.

Each part's PDF embeds its own subset of a face, under the same name (WeasyPrint names
a font by its description) and with the face's own glyph numbers (its subsets keep them).
The join keeps one font dictionary per name: glyph widths and the glyph-to-text map are
the union of the parts', and the font file is the face's own file cut down, with
HarfBuzz as WeasyPrint does it, to every glyph some part drew.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NumberObject,
    StreamObject,
)

from publisher.engine import add_indirect
from publisher.render.fonts import FontFace
from publisher.writers.parts.pdfobjects import array, dictionary, stream

_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.DOTALL)
_BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.DOTALL)
# Empty too: WeasyPrint maps a glyph that carries no text of its own (a Khmer cluster's
# second glyph) to <>, and the pairs after it must stay paired.
_HEX = re.compile(rb"<([0-9a-fA-F]*)>")


def merge_fonts(writer: PdfWriter, page_references: Sequence[IndirectObject], faces: Sequence[FontFace]) -> None:
    """Merge the fonts of ``writer`` that share a name and come from one of ``faces``
    (others stay as the parts embedded them: right, only larger)."""
    groups: dict[str, dict[int, IndirectObject]] = {}
    pages = [dictionary(reference) for reference in page_references]
    for page in pages:
        fonts = dictionary(page["/Resources"]).get("/Font")
        for reference in (dictionary(fonts).values() if fonts is not None else ()):
            if isinstance(reference, IndirectObject):
                font = dictionary(reference)
                if font.get("/Subtype") == "/Type0":
                    groups.setdefault(str(font["/BaseFont"]), {}).setdefault(reference.idnum, reference)
    replaced: dict[int, IndirectObject] = {}
    for base_font, references in groups.items():
        source = _source(base_font, references, faces)
        if len(references) > 1 and source is not None:
            first, *others = references.values()
            if _merge_into(writer, first, others, source):
                replaced.update({other.idnum: first for other in others})
    if not replaced:
        return
    for page in pages:
        fonts = dictionary(page["/Resources"]).get("/Font")
        if fonts is None:
            continue
        page_fonts = dictionary(fonts)
        for name, reference in list(page_fonts.items()):
            if isinstance(reference, IndirectObject) and reference.idnum in replaced:
                page_fonts[NameObject(name)] = replaced[reference.idnum]


def _source(base_font: str, references: dict[int, IndirectObject], faces: Sequence[FontFace]) -> Path | None:
    """The file of the face WeasyPrint named ``base_font`` (tag + family + style words)."""
    font = dictionary(next(iter(references.values())))
    descriptor = dictionary(dictionary(array(font["/DescendantFonts"])[0])["/FontDescriptor"])
    family = str(descriptor.get("/FontFamily", ""))
    words = base_font.split("+", 1)[-1][len(family.replace(" ", "-")):].lower().split("-")
    bold, italic = "bold" in words, "italic" in words or "oblique" in words
    # A face of a collection reached WeasyPrint as a subset with glyph numbers of its own:
    # its parts' fonts are left as they are.
    matches = [face.path for face in faces
               if face.family == family and (face.weight >= 600) == bold and (face.style != "normal") == italic
               and not face.in_collection]
    return matches[0] if len(matches) == 1 else None


def _merge_into(writer: PdfWriter, first: IndirectObject, others: list[IndirectObject], source: Path) -> bool:
    fonts = [dictionary(first), *(dictionary(other) for other in others)]
    cids = [dictionary(array(font["/DescendantFonts"])[0]) for font in fonts]
    widths: dict[int, float] = {}
    to_text: dict[int, bytes] = {}
    for font, cid in zip(fonts, cids, strict=True):
        widths.update(_widths(cid.get("/W", ())))
        if "/ToUnicode" in font:
            to_text.update(_to_unicode(stream(font["/ToUnicode"]).get_data()))
    target, descriptors = cids[0], [dictionary(cid["/FontDescriptor"]) for cid in cids]
    if "/FontFile2" not in descriptors[0] or not widths:
        return False
    merged = _subset(source.read_bytes(), set(widths) | set(to_text))
    if merged is None:
        return False
    font_file = _stream(merged)
    font_file[NameObject("/Length1")] = NumberObject(len(merged))
    descriptors[0][NameObject("/FontFile2")] = add_indirect(writer, font_file)
    target[NameObject("/W")] = _width_array(widths)
    fonts[0][NameObject("/ToUnicode")] = add_indirect(writer, _stream(_cmap(to_text)))
    boxes = [[float(v) for v in array(d["/FontBBox"])] for d in descriptors if "/FontBBox" in d]
    if boxes:
        union = [min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)]
        descriptors[0][NameObject("/FontBBox")] = ArrayObject(FloatObject(v) for v in union)
    return True


def _widths(entries: Iterable[float | list[float]]) -> dict[int, float]:
    """A CID font's /W: ``c [w1 w2 ...]`` or ``c_first c_last w``."""
    items = list(entries)
    widths: dict[int, float] = {}
    index = 0
    while index < len(items):
        start = int(_scalar(items[index]))
        following = items[index + 1]
        if isinstance(following, list):
            for offset, width in enumerate(following):
                widths[start + offset] = float(width)
            index += 2
        else:
            for glyph in range(start, int(following) + 1):
                widths[glyph] = float(_scalar(items[index + 2]))
            index += 3
    return widths


def _scalar(value: float | list[float]) -> float:
    if isinstance(value, list):
        raise TypeError("a number was expected in a font's /W, not an array")
    return value


def _width_array(widths: dict[int, float]) -> ArrayObject:
    array = ArrayObject()
    run: list[int] = []
    for glyph in sorted(widths):
        if run and glyph != run[-1] + 1:
            array += [NumberObject(run[0]), ArrayObject(_number(widths[g]) for g in run)]
            run = []
        run.append(glyph)
    if run:
        array += [NumberObject(run[0]), ArrayObject(_number(widths[g]) for g in run)]
    return array


def _number(value: float) -> NumberObject | FloatObject:
    return NumberObject(int(value)) if value == int(value) else FloatObject(value)


def _to_unicode(cmap: bytes) -> dict[int, bytes]:
    mapping: dict[int, bytes] = {}
    for block in _BFCHAR.findall(cmap):
        values = _HEX.findall(block)
        for source, text in zip(values[::2], values[1::2], strict=False):
            mapping[int(source, 16)] = text.lower()
    for block in _BFRANGE.findall(cmap):
        values = _HEX.findall(block)
        for low, high, text in zip(values[::3], values[1::3], values[2::3], strict=False):
            if not text:
                continue
            base = int(text, 16)
            for offset, glyph in enumerate(range(int(low, 16), int(high, 16) + 1)):
                mapping[glyph] = b"%0*x" % (len(text), base + offset)
    return mapping


def _cmap(mapping: dict[int, bytes]) -> bytes:
    lines = [b"/CIDInit /ProcSet findresource begin", b"12 dict begin", b"begincmap",
             b"/CIDSystemInfo", b"<< /Registry (Adobe)", b"/Ordering (UCS)", b"/Supplement 0", b">> def",
             b"/CMapName /Adobe-Identity-UCS def", b"/CMapType 2 def",
             b"1 begincodespacerange", b"<0000> <ffff>", b"endcodespacerange"]
    glyphs = sorted(mapping)
    for start in range(0, len(glyphs), 100):  # at most 100 entries per block
        chunk = glyphs[start : start + 100]
        lines.append(b"%d beginbfchar" % len(chunk))
        lines += [b"<%04x> <%s>" % (glyph, mapping[glyph]) for glyph in chunk]
        lines.append(b"endbfchar")
    lines += [b"endcmap", b"CMapName currentdict /CMap defineresource pop", b"end", b"end"]
    return b"\n".join(lines)


def _subset(source: bytes, glyphs: set[int]) -> bytes | None:
    """``source`` cut down to ``glyphs`` (and the glyphs they are made of), keeping their
    numbers, as WeasyPrint subsets the fonts it embeds."""
    import uharfbuzz as hb

    face = hb.Face(hb.Blob(source))
    first = hb.SubsetInput()
    first.glyph_set.update(glyphs)
    first.flags = hb.SubsetFlags.RETAIN_GIDS | hb.SubsetFlags.PASSTHROUGH_UNRECOGNIZED | hb.SubsetFlags.DESUBROUTINIZE
    first.sets(hb.SubsetInputSets.DROP_TABLE_TAG).update(_tags(_UNNEEDED_TABLES))
    kept = hb.subset(face, first)
    if kept is None:
        return None
    # Again, to drop the empty glyphs after the last one drawn (the numbers stay).
    second = hb.SubsetInput()
    second.glyph_set.update(range(max(glyphs) + 1))
    second.flags = hb.SubsetFlags.PASSTHROUGH_UNRECOGNIZED | hb.SubsetFlags.DESUBROUTINIZE | hb.SubsetFlags.NO_HINTING
    final = hb.subset(kept, second)
    return None if final is None else bytes(final.blob.data)


_UNNEEDED_TABLES = ("BASE", "DSIG", "EBDT", "EBLC", "EBSC", "GPOS", "GSUB", "JSTF", "LTSH", "PCLT", "SVG ")


def _tags(names: Iterable[str]) -> list[int]:
    return [int.from_bytes(name.encode("ascii"), "big") for name in names]


def _stream(data: bytes) -> StreamObject:
    stream = DecodedStreamObject()
    stream.set_data(data)
    return stream.flate_encode()

