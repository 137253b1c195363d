"""Joining laid-out parts into the one PDF WeasyPrint would have written.

The pages are copied as they are. Each part's named destinations become the whole
document's; the contents' links, written as links to ``PART_LINK_PREFIX#anchor`` because
their targets were in other parts, become links to those destinations; the outlines are
put end to end; each face's subsets become one font (``fontmerge``).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    Destination,
    DictionaryObject,
    Fit,
    FloatObject,
    IndirectObject,
    NameObject,
    NumberObject,
    PdfObject,
    TextStringObject,
)

from publisher.engine import add_indirect, forget_objects, info_reference, object_table
from publisher.render.fonts import FontFace
from publisher.render.pages import label_ranges
from publisher.writers.parts.compact import write_compact
from publisher.writers.parts.fontmerge import merge_fonts
from publisher.writers.parts.pdfobjects import dictionary, reference
from publisher.writers.parts.structure import PartStructure, copy_structure, join_structures

PART_LINK_PREFIX = "https://publisher.invalid/"

# A part's outline as pypdf reads it: its entries, and lists of the entries under the one before.
_Outline = Sequence["Destination | _Outline"]
# An outline entry: level, title, page (in the part, then in the whole), left, top, open.
_Entry = tuple[int, str, int, float, float, bool]
# A named destination: its page in the part, and where on it.
_Named = dict[str, tuple[int, Destination]]


class Joiner:
    """The parts' PDFs joined into one. They may arrive in any order: each is read as it
    comes, and its pages are copied in the order of ``order`` (the PDF's objects are
    numbered as they are copied, so the bytes do not depend on which part came first);
    ``finish`` puts the pages in the parts' order and makes what belongs to the whole."""

    def __init__(self, order: Sequence[int]) -> None:
        self.writer = PdfWriter()
        self.order = list(order)
        self.parts: dict[int, _Arrived] = {}
        self._read: dict[int, _Read] = {}

    def add(self, index: int, pdf: bytes, bookmark_levels: Sequence[int] = ()) -> None:
        """Part ``index``'s pages, destinations and outline entries (of the levels given, in order)."""
        reader = PdfReader(io.BytesIO(pdf))
        _read_pages(reader)
        destinations = {name: (_page_number(reader, d), d) for name, d in reader.named_destinations.items()}
        flat = _flatten(reader, reader.outline, 0)
        outline: list[_Entry] = [(level, *entry) for level, entry in zip(bookmark_levels or [1] * len(flat), flat, strict=False)]
        self._read[index] = _Read(reader, destinations, outline)
        while self.order and self.order[0] in self._read:
            index = self.order.pop(0)
            read = self._read.pop(index)
            pages = [reference(self.writer.add_page(page)) for page in read.reader.pages]
            # Copied now, while other parts are still laid out: part 0, the front, carries nothing.
            structure = copy_structure(self.writer, read.reader, pages, carries=index != 0)
            self.parts[index] = _Arrived(read.reader, pages, read.destinations, read.outline, structure)

    def finish(self, identifier: bytes, faces: Sequence[FontFace] = (), labels: Sequence[str] = ()) -> bytes:
        """The whole PDF; the first part's metadata is the whole's; ``labels``: each
        page's printed number, for the page labels viewers show."""
        if self.order:
            raise AssertionError(f"parts {self.order} never arrived")
        writer = self.writer
        arrived = [self.parts[index] for index in sorted(self.parts)]
        pages = [page for part in arrived for page in part.pages]
        dictionary(writer.root_object["/Pages"])[NameObject("/Kids")] = ArrayObject(pages)
        destinations: dict[str, ArrayObject] = {}
        entries: list[_Entry] = []
        offset = 0
        for part in arrived:
            for name, (page, destination) in part.destinations.items():
                destinations.setdefault(name, _destination(pages[offset + page], destination))
            entries += [
                (level, title, offset + page, left, top, is_open) for level, title, page, left, top, is_open in part.outline
            ]
            offset += len(part.pages)
        _set_named_destinations(writer, destinations)
        _link_contents(pages, destinations)
        _write_outline(writer, entries, pages)
        front = arrived[0].reader
        if front.metadata:
            writer.add_metadata(dict(front.metadata.items()))
        front_root = dictionary(front.trailer["/Root"])
        for key in ("/Lang", "/PageMode", "/ViewerPreferences", "/MarkInfo"):
            if key in front_root:
                writer.root_object[NameObject(key)] = front_root[key].clone(writer)
        join_structures(writer, [part.structure for part in arrived])
        if labels:
            _set_page_labels(writer, labels)
        merge_fonts(writer, pages, faces)
        _drop_unreachable(writer)
        return write_compact(writer, identifier)


@dataclass(frozen=True)
class _Read:
    reader: PdfReader
    destinations: _Named
    outline: list[_Entry]


def _read_pages(reader: PdfReader) -> None:
    """Parse every object the pages reach now (pypdf reads lazily), so that copying the
    pages later, when the parts before have come, is quick."""
    _reached(list(reader.pages))


def _reached(roots: Iterable[PdfObject | None]) -> set[int]:
    """The numbers of the objects ``roots`` reach, each read on the way."""
    seen: set[int] = set()
    pending = list(roots)
    while pending:
        value = pending.pop()
        if isinstance(value, IndirectObject):
            if value.idnum in seen:
                continue
            seen.add(value.idnum)
            pending.append(value.get_object())
        elif isinstance(value, DictionaryObject):  # streams too
            pending.extend(value.values())
        elif isinstance(value, ArrayObject):
            pending.extend(value)
    return seen


@dataclass(frozen=True)
class _Arrived:
    reader: PdfReader
    pages: list[IndirectObject]
    destinations: _Named
    outline: list[_Entry]
    structure: PartStructure | None


def _page_number(reader: PdfReader, destination: Destination) -> int:
    number = reader.get_destination_page_number(destination)
    if number is None:
        raise ValueError(f"a part's destination {destination.title!r} is on none of its pages")
    return number


def _destination(page: IndirectObject, destination: Destination) -> ArrayObject:
    return ArrayObject([page, NameObject("/XYZ"), _number(destination.left),
                        _number(destination.top), NumberObject(0)])


def _number(value: object) -> FloatObject:
    return FloatObject(float(value) if isinstance(value, (int, float)) else 0.0)


def _set_named_destinations(writer: PdfWriter, destinations: dict[str, ArrayObject]) -> None:
    names = ArrayObject()
    for name in sorted(destinations):  # a name tree's keys are sorted
        names.append(TextStringObject(name))
        names.append(destinations[name])
    tree = DictionaryObject({NameObject("/Dests"): add_indirect(writer, DictionaryObject({NameObject("/Names"): names}))})
    writer.root_object[NameObject("/Names")] = add_indirect(writer, tree)


def _set_page_labels(writer: PdfWriter, labels: Sequence[str]) -> None:
    numbers = ArrayObject()
    for index, style, start in label_ranges(labels):
        numbers += [NumberObject(index), DictionaryObject({NameObject("/S"): NameObject("/" + style),
                                                          NameObject("/St"): NumberObject(start)})]
    writer.root_object[NameObject("/PageLabels")] = DictionaryObject({NameObject("/Nums"): numbers})


def _link_contents(pages: list[IndirectObject], destinations: dict[str, ArrayObject]) -> None:
    for page in (dictionary(page_reference) for page_reference in pages):
        for annotation_reference in page.get("/Annots", ()) or ():
            annotation = dictionary(annotation_reference)
            action = annotation.get("/A")
            uri = dictionary(action).get("/URI") if action is not None else None
            if uri is None or not str(uri).startswith(PART_LINK_PREFIX + "#"):
                continue
            anchor = str(uri)[len(PART_LINK_PREFIX) + 1 :]
            del annotation["/A"]
            if anchor in destinations:
                annotation[NameObject("/Dest")] = TextStringObject(anchor)


def _flatten(reader: PdfReader, items: _Outline, offset: int) -> list[tuple[str, int, float, float, bool]]:
    """A part's outline in document order: title, page in the whole, position, open."""
    flat = []
    for item in items:
        if isinstance(item, Destination):
            flat.append((str(item.title), offset + _page_number(reader, item), float(_number(item.left)),
                         float(_number(item.top)), (item.get("/Count", 0) or 0) >= 0))
        else:
            flat += _flatten(reader, item, offset)
    return flat


def _write_outline(writer: PdfWriter, entries: list[_Entry], pages: list[IndirectObject]) -> None:
    """Nest the entries by level, as WeasyPrint nests bookmarks: each under the last one
    before it of a lower level."""
    stack: list[tuple[int, IndirectObject]] = []
    for level, title, page, left, top, is_open in entries:
        while stack and stack[-1][0] >= level:
            stack.pop()
        parent = stack[-1][1] if stack else None
        item = writer.add_outline_item(title=title, page_number=pages[page], parent=parent, fit=Fit.xyz(left, top, 0),
                                       is_open=is_open)
        stack.append((level, item))


def _drop_unreachable(writer: PdfWriter) -> None:
    """Leave out what nothing reaches from the catalog (font files shared away, the
    parts' own page trees): pypdf would write them all."""
    roots: list[PdfObject | None] = [writer.root_object]
    info = info_reference(writer)
    if info is not None:
        roots.append(info.get_object())
    reachable = _reached(roots)
    reachable.add(reference(writer.root_object).idnum)
    if info is not None:
        reachable.add(info.idnum)
    forget_objects(writer, set(range(1, len(object_table(writer)) + 1)) - reachable)
