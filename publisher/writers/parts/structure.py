"""The parts' structure trees (tagged PDF) merged into the one tree of the joined PDF.

WeasyPrint tags each page on its own: its Document element holds, page after page, the
top-level elements of each page, and its parent tree gives each page (``/StructParents``,
from 0) the elements its marked-content ids belong to, then each link annotation
(``/StructParent``, numbered after the pages) its Link element. Joined, the Document
element holds every part's top-level elements in the parts' order (the front first); the
pages are numbered anew over the whole document, then the annotations, in the order one
piece would number them. Marked-content ids belong to their page and stay as they are.
Each element's ``/Pg`` already names the joined page: the elements are copied after the
pages they point to.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NullObject,
    NumberObject,
)

from publisher.engine import add_indirect


@dataclass(frozen=True)
class PartStructure:
    """A part's structure tree, copied into the joined PDF's writer."""

    elements: list[Any]  # the top-level elements, in reading order
    pages: list[tuple[Any, Any]]  # per page: the copied page, its elements by marked-content id
    annotations: list[tuple[Any, Any]]  # per linked annotation, in the part's order: it, its element
    role_map: Any
    class_map: Any


def copy_structure(writer: PdfWriter, reader: PdfReader, copied: list[IndirectObject], carries: bool) -> PartStructure | None:
    """Part ``reader``'s structure tree copied into ``writer``, after its pages
    (``copied``): the elements' ``/Pg`` and ``/Obj`` then name the copies. ``carries``:
    a body part, whose first page may hold what its left-out page carried. None: untagged."""
    catalog: Any = reader.trailer["/Root"]
    root = catalog.get("/StructTreeRoot")
    if root is None:
        return None
    tree: Any = root.get_object().clone(writer)
    elements = _kids(tree)
    hidden: set[int] = set()
    if carries and copied:
        elements, hidden = _without_carried(elements, copied[0], reader.pages[0])
    parents = dict(_number_tree(tree["/ParentTree"].get_object()))
    if hidden:  # their marked content draws nothing: it belongs to no element
        for key, entry in parents.items():
            if isinstance(entry, ArrayObject):
                parents[key] = ArrayObject(NullObject() if _number(item) in hidden else item for item in entry)
    pages = []
    for original, reference in zip(reader.pages, copied, strict=True):
        page_key: Any = original.get("/StructParents")
        if page_key is not None:
            pages.append((reference.get_object(), parents[int(page_key)]))
    annotations = sorted(
        ((annotation, parents[int(annotation["/StructParent"])])
         for annotation in _annotations(copied) if "/StructParent" in annotation),
        key=lambda pair: int(pair[0]["/StructParent"]))
    return PartStructure(elements, pages, annotations, tree.get("/RoleMap"), tree.get("/ClassMap"))


def join_structures(writer: PdfWriter, parts: Sequence[PartStructure | None]) -> None:
    """One structure tree over ``parts``, in the joined order; nothing when a part is untagged."""
    if not parts or any(part is None for part in parts):
        return
    tagged = [part for part in parts if part is not None]
    document = DictionaryObject({NameObject("/Type"): NameObject("/StructElem"), NameObject("/S"): NameObject("/Document")})
    document_reference = add_indirect(writer, document)
    kids = ArrayObject()
    numbers = ArrayObject()
    role_map, class_map = DictionaryObject(), DictionaryObject()
    for part in tagged:
        for element in part.elements:
            element.get_object()[NameObject("/P")] = document_reference
            kids.append(element)
        for page, entry in part.pages:
            key = len(numbers) // 2
            page[NameObject("/StructParents")] = NumberObject(key)
            numbers += [NumberObject(key), entry]
        for mine, theirs in ((role_map, part.role_map), (class_map, part.class_map)):
            for name, value in (theirs.get_object().items() if theirs is not None else ()):
                mine.setdefault(name, value)
    for part in tagged:
        for annotation, entry in part.annotations:
            key = len(numbers) // 2
            annotation[NameObject("/StructParent")] = NumberObject(key)
            numbers += [NumberObject(key), entry]
    structure_root = DictionaryObject({
        NameObject("/Type"): NameObject("/StructTreeRoot"),
        NameObject("/K"): ArrayObject([document_reference]),
        NameObject("/ParentTree"): add_indirect(writer, DictionaryObject({NameObject("/Nums"): numbers})),
        NameObject("/ParentTreeNextKey"): NumberObject(len(numbers) // 2),
    })
    if role_map:
        structure_root[NameObject("/RoleMap")] = role_map
    if class_map:
        structure_root[NameObject("/ClassMap")] = class_map
    document[NameObject("/K")] = kids
    document[NameObject("/P")] = add_indirect(writer, structure_root)
    catalog = writer.root_object
    catalog[NameObject("/StructTreeRoot")] = document[NameObject("/P")]
    catalog[NameObject("/MarkInfo")] = DictionaryObject({NameObject("/Marked"): BooleanObject(True)})


def _without_carried(elements: list[Any], first_page: IndirectObject, original: Any) -> tuple[list[Any], set[int]]:
    """A body part's elements without those that lead it on its first page and draw
    nothing: the remains, on that page, of the masthead and article head its left-out
    page carried unseen (one piece has no such elements); and the numbers of every
    element left out."""
    drawn = _drawing_marks(original)
    kept = list(elements)
    hidden: set[int] = set()
    while kept:
        element = kept[0].get_object()
        if _number(element.get("/Pg")) != first_page.idnum or _draws(element, drawn):
            break
        hidden |= _subtree(kept.pop(0))
    return kept, hidden


def _drawing_marks(page: Any) -> set[int]:
    """The marked-content ids of ``page`` whose content shows text or an image. A scan of
    the content's tokens (strings and dictionaries skipped whole), not a full parse: the
    first page of a part is read this way, and pypdf's parser takes 0.3 s for it."""
    contents = page.get_contents()
    if contents is None:
        return set()
    drawn: set[int] = set()
    open_marks: list[int | None] = []
    mark: int | None = None
    for token in _TOKENS.finditer(contents.get_data()):
        number, operator = token.group("mcid"), token.group("operator")
        if number is not None:
            mark = int(number)
        elif operator in (b"BDC", b"BMC"):
            open_marks.append(mark if operator == b"BDC" else None)
            mark = None
        elif operator == b"EMC":
            if open_marks:
                open_marks.pop()
        elif operator is not None:
            drawn.update(m for m in open_marks if m is not None)
    return drawn


_TOKENS = re.compile(rb"""
    <[0-9A-Fa-f\s]*>                      # a hexadecimal string
  | \((?:\\.|[^\\)])*\)                    # a literal string (WeasyPrint writes none with parentheses)
  | /MCID\s+(?P<mcid>\d+)
  | (?<![A-Za-z'"])(?P<operator>BDC|BMC|EMC|Tj|TJ|Do|'|")(?![A-Za-z])
""", re.VERBOSE)


def _draws(element: Any, drawn: set[int]) -> bool:
    children = element.get("/K")
    for child in children if isinstance(children, ArrayObject) else [children]:
        if isinstance(child, NumberObject) and int(child) in drawn:
            return True
        child = child.get_object() if isinstance(child, IndirectObject) else child
        if isinstance(child, DictionaryObject):
            if child.get("/Type") == "/MCR" and int(child.get("/MCID", -1)) in drawn:
                return True
            if child.get("/Type") != "/OBJR" and "/S" in child and _draws(child, drawn):
                return True
    return False


def _subtree(reference: Any) -> set[int]:
    numbers = {reference.idnum} if isinstance(reference, IndirectObject) else set()
    children = reference.get_object().get("/K")
    for child in children if isinstance(children, ArrayObject) else [children]:
        if isinstance(child, IndirectObject) and "/S" in _dictionary(child):
            numbers |= _subtree(child)
    return numbers


def _dictionary(reference: IndirectObject) -> Any:
    return reference.get_object()


def _number(value: Any) -> int | None:
    return value.idnum if isinstance(value, IndirectObject) else None


def _kids(tree: Any) -> list[Any]:
    """The top-level elements of a part: the kids of its Document element."""
    top = tree.get("/K")
    documents = [document.get_object() for document in (top if isinstance(top, ArrayObject) else [top])]
    found: list[Any] = []
    for inner in (document.get("/K", ArrayObject()) for document in documents):
        found += list(inner) if isinstance(inner, ArrayObject) else [inner]
    return found


def _number_tree(node: Any) -> list[tuple[int, Any]]:
    """A number tree's (key, value) pairs, its kids' included."""
    numbers = node.get("/Nums", ArrayObject())
    pairs = [(int(numbers[index]), numbers[index + 1]) for index in range(0, len(numbers), 2)]
    for kid in node.get("/Kids", ArrayObject()):
        pairs += _number_tree(kid.get_object())
    return pairs


def _annotations(pages: list[IndirectObject]) -> list[Any]:
    found: list[Any] = [page.get_object() for page in pages]
    return [annotation.get_object() for page in found for annotation in page.get("/Annots", ()) or ()]
