"""Layouts: a folder of Jinja templates, CSS and ``layout.toml``; user layouts first."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from publisher.cache import Cache
from publisher.errors import LayoutError
from publisher.render.fonts import FontFace
from publisher.render.options import PAGE_SIZE
from publisher.render.system_fonts import find_system_fonts
from publisher.resources import builtin_layouts_dir, shipped_fonts_dir
from publisher.schema import Document, Field, KeyPath, Schema, boolean, length, one_of, text, text_list, whole_number
from publisher.tomlfile import load_toml

LAYOUT_FILE = "layout.toml"
# What a fallback face serves: both, the text faces ("Publisher Serif") or the display faces.
ROLES = ("any", "text", "display")
OPENINGS = ("right", "any")
TEXT_ALIGNS = ("justify", "start")
# A stylesheet a layout folder adds after the built-in ones without being listed.
EXTRA_STYLESHEET = "extra.css"


@dataclass(frozen=True)
class Layout:
    name: str
    description: str
    template_dirs: tuple[Path, ...]  # the layout's own folder first, then what it extends
    fonts: tuple[FontFace, ...]
    fallback_fonts: tuple[FontFace, ...] = ()
    page_size: str = "A4"
    columns: int = 1
    font_size: str = "10.5pt"
    cover_page: str = "when-asked"  # print a cover page: "always", "when-asked" (by the manifest) or "never"
    front_matter_roman: bool = False  # pages before the first article are numbered i, ii, iii
    # Where every article may start a new page, so that a large publication can be laid
    # out in parts: "page", "right" (a right-hand page, as the articles already do) or
    # "none" (always laid out in one piece).
    part_break: str = "none"
    # Where sections (and the book's articles) open: on a right-hand page, with a blank
    # page before where needed, or on the next page ("any").
    openings: str = "any"
    text_align: str = "justify"  # the text's alignment: "justify", or "start" (ragged right)
    # Stylesheets applied after the layout's own, each a template: the extended layout's
    # first, then this one's (``stylesheets`` in layout.toml, or its extra.css).
    stylesheets: tuple[Path, ...] = ()
    # Fallback font files the layout may take from the system that this machine lacks:
    # their characters are reported as missing.
    unavailable_fonts: tuple[str, ...] = ()

    @property
    def folder(self) -> Path:
        return self.template_dirs[0]

    @property
    def all_fonts(self) -> tuple[FontFace, ...]:
        return self.fonts + self.fallback_fonts

    @property
    def primary_codepoints(self) -> frozenset[int]:
        """Code points every text face has: what never needs a fallback face."""
        if not self.fonts:
            return frozenset()
        return frozenset.intersection(*(face.codepoints for face in self.fonts))

    def drawable(self, cache: Cache | None = None, wanted: Iterable[int] | None = None) -> frozenset[int]:
        """Code points every text face has, plus those the fallback faces supply to both
        the text and the display faces; with ``wanted``, only those of them, and a
        fallback face is read only while some wanted character is still without a face
        (a Vietnamese bulletin never opens the CJK collections)."""
        primary = self.primary_codepoints
        if wanted is None:
            wanted = primary.union(*(face.codepoints for face in self.fallback_fonts))
        wanted = frozenset(wanted)
        needed = wanted - primary
        supplied = [_supply(self.fallback_stack(role), needed)[1] for role in ROLES[1:]]
        return (wanted & primary) | frozenset.intersection(*supplied)

    def fallback_stack(self, role: str) -> tuple[FontFace, ...]:
        """The fallback faces the ``role`` ("text" or "display") falls back on, in order."""
        return tuple(face for face in self.fallback_fonts if face.role in ("any", role))

    def fallback_faces_for(self, needed: Iterable[int]) -> tuple[FontFace, ...]:
        """The fallback faces (every weight and style of each family) that supply some of
        ``needed`` to the text or the display faces, in the layout's order."""
        needed = frozenset(needed)
        chosen = {face for role in ROLES[1:] for face in _supply(self.fallback_stack(role), needed)[0]}
        return tuple(face for face in self.fallback_fonts if face in chosen)


def _supply(stack: tuple[FontFace, ...], needed: frozenset[int]) -> tuple[tuple[FontFace, ...], frozenset[int]]:
    """The families of ``stack`` a renderer would take some of ``needed`` from (tried in
    order, as CSS font fallback does), and what they supply. Families after the last one
    needed are never read."""
    families: dict[str, list[FontFace]] = {}
    for face in stack:
        families.setdefault(face.family, []).append(face)
    chosen: list[FontFace] = []
    supplied: set[int] = set()
    for faces in families.values():
        remaining = needed - supplied
        if not remaining:
            break
        gives = remaining & frozenset().union(*(face.codepoints for face in faces))
        if gives:
            chosen += faces
            supplied |= gives
    return tuple(chosen), frozenset(supplied)


def find_layout(name_or_path: str, search_dirs: tuple[Path, ...] = ()) -> Layout:
    """A layout by folder path, or by name in ``search_dirs`` and then the built-ins."""
    candidate = Path(name_or_path)
    if (candidate / LAYOUT_FILE).is_file():
        return _load_layout(candidate.resolve(), search_dirs)
    for folder in (*search_dirs, builtin_layouts_dir()):
        if (folder / name_or_path / LAYOUT_FILE).is_file():
            return _load_layout((folder / name_or_path).resolve(), search_dirs)
    available = ", ".join(sorted(available_layouts(search_dirs)))
    raise LayoutError(f"no layout named '{name_or_path}' (available: {available})")


def builtin_layouts() -> dict[str, Path]:
    return available_layouts()


def available_layouts(search_dirs: tuple[Path, ...] = ()) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for folder in (builtin_layouts_dir(), *search_dirs):
        if folder.is_dir():
            for entry in sorted(folder.iterdir()):
                if (entry / LAYOUT_FILE).is_file():
                    found[entry.name] = entry
    return found


_PAGE_TABLE = Schema("[page]", (
    Field("size", PAGE_SIZE, description="the page size (default: the extended layout's, else A4)"),
    Field("columns", whole_number(1, 4), description="columns of text (default: the extended layout's, else 1)"),
    Field("font_size", length(), description="the text's size (default: the extended layout's, else 10.5pt)"),
    Field("cover", one_of("always", "when-asked", "never"),
          description="print a cover page always, when the manifest asks, or never (default: when-asked)"),
    Field("front_matter_roman", boolean(), description="pages before the first article numbered i, ii, iii"),
    Field("part_break", one_of("page", "right", "none"),
          description="where each article may open a page, so that large PDFs are laid out in parts"),
    Field("openings", one_of(*OPENINGS),
          description="sections and the book's articles open on a right-hand page (a blank page before "
                      "where needed) or on any page"),
    Field("text_align", one_of(*TEXT_ALIGNS),
          description="the text justified, or set ragged-right ('start'): narrow columns open no gaps between words"),
))

_FONT_FIELDS = (
    Field("family", text("a font family name"), required=True, description="the family name the CSS uses"),
    Field("file", text("a font file name"), required=True, description="in the layout's fonts/ or the shipped fonts/"),
    Field("weight", whole_number(100, 900), default=400),
    Field("style", one_of("normal", "italic"), default="normal"),
    Field("index", whole_number(0, expected="a face number (0, 1, ...)"), default=0,
          description="the face within a collection (.ttc)"),
)
_FONT_TABLE = Schema("[[fonts]]", _FONT_FIELDS)
_FALLBACK_FONT_TABLE = Schema("[[fallback_fonts]]", (
    *_FONT_FIELDS,
    Field("role", one_of(*ROLES), default="any", description="the faces it falls back from: text, display or any"),
    Field("system", boolean(), default=False, description="taken from the system's font folders when not shipped"),
))

LAYOUT_SCHEMA = Schema(LAYOUT_FILE, (
    Field("name", text("a layout name"), description="default: the folder's name"),
    Field("description", text(), description="what `publisher layouts` shows"),
    Field("extends", text("the name of a built-in layout"), description="a built-in layout whose files come after this one's"),
    Field("page", table=_PAGE_TABLE, default={}),
    Field("stylesheets", text_list("a list of CSS files in the layout's folder"), default=[],
          description=f"stylesheets applied after the built-in ones (default: {EXTRA_STYLESHEET} when the folder has one)"),
    Field("fonts", table=_FONT_TABLE, many=True, default=[], description="the text and display faces"),
    Field("fallback_fonts", table=_FALLBACK_FONT_TABLE, many=True, default=[],
          description="faces for the characters the text faces lack, tried in order"),
))


def _load_layout(folder: Path, search_dirs: tuple[Path, ...], depth: int = 0) -> Layout:
    config_path = folder / LAYOUT_FILE
    data, document = load_toml(config_path, LayoutError, "layout file")
    config = LAYOUT_SCHEMA.read(data, document)
    parent: Layout | None = None
    if extends := config["extends"]:
        if depth > 8 or (extends == folder.name and folder.parent == builtin_layouts_dir()):
            raise document.fail(f"layout extends itself ('{extends}')", ("extends",))
        parent_folder = builtin_layouts_dir() / extends
        if not (parent_folder / LAYOUT_FILE).is_file():
            available = ", ".join(sorted(builtin_layouts()))
            raise document.fail(f"layout extends unknown layout '{extends}' (expected one of the built-in layouts: {available})",
                                ("extends",))
        parent = _load_layout(parent_folder, search_dirs, depth + 1)
    fallback_entries = config["fallback_fonts"]
    system_files = find_system_fonts(entry["file"] for entry in fallback_entries if entry["system"])
    fonts = tuple(
        face for index, entry in enumerate(config["fonts"]) if (face := _font(entry, folder, document, ("fonts", index)))
    )
    fallback_or_none = [_font(entry, folder, document, ("fallback_fonts", index), system_files)
                        for index, entry in enumerate(fallback_entries)]
    fallbacks = tuple(face for face in fallback_or_none if face is not None)
    unavailable = tuple(entry["file"] for entry, face in zip(fallback_entries, fallback_or_none, strict=True) if face is None)
    page = {key: value for key, value in config["page"].items() if value is not None}
    inherited = parent or Layout(name="", description="", template_dirs=(), fonts=())
    return Layout(
        name=config["name"] or folder.name,
        description=config["description"] if config["description"] is not None else inherited.description,
        template_dirs=(folder, *inherited.template_dirs),
        fonts=fonts or inherited.fonts,
        fallback_fonts=fallbacks if fallback_entries else inherited.fallback_fonts,
        unavailable_fonts=unavailable if fallback_entries else inherited.unavailable_fonts,
        page_size=page.get("size", inherited.page_size),
        columns=page.get("columns", inherited.columns),
        font_size=page.get("font_size", inherited.font_size),
        cover_page=page.get("cover", inherited.cover_page),
        front_matter_roman=page.get("front_matter_roman", inherited.front_matter_roman),
        part_break=page.get("part_break", inherited.part_break),
        openings=page.get("openings", inherited.openings),
        text_align=page.get("text_align", inherited.text_align),
        stylesheets=inherited.stylesheets + _stylesheets(config["stylesheets"], folder, document),
    )


def _stylesheets(names: list[str], folder: Path, document: Document) -> tuple[Path, ...]:
    """The stylesheets a layout adds: those it lists, each a file in its folder, or its
    extra.css."""
    if not names:
        extra = folder / EXTRA_STYLESHEET
        return (extra,) if extra.is_file() else ()
    sheets = []
    for index, name in enumerate(names):
        path = (folder / name).resolve()
        if folder.resolve() not in path.parents or path.suffix.lower() != ".css" or not path.is_file():
            raise document.fail(f"stylesheet '{name}' is not a CSS file in the layout's folder", ("stylesheets", index))
        sheets.append(path)
    return tuple(sheets)


def _font(entry: dict[str, Any], folder: Path, document: Document, key_path: KeyPath,
          system_files: dict[str, Path] | None = None) -> FontFace | None:
    """The face an entry names, from the layout's fonts/, the shipped fonts or (with
    ``system = true``) the system's font folders; None for a system font this machine lacks."""
    file_name = entry["file"]

    def face(path: Path, system: bool = False) -> FontFace:
        return FontFace(family=entry["family"], path=path, weight=entry["weight"], style=entry["style"],
                        index=entry["index"], role=entry.get("role", "any"), system=system)

    for base in (folder / "fonts", shipped_fonts_dir()):
        if (base / file_name).is_file():
            return face(base / file_name)
    if system_files is not None and entry.get("system", False):
        return face(system_files[file_name], system=True) if file_name in system_files else None
    raise document.fail(f"font file '{file_name}' not found in the layout's fonts/ or the shipped fonts", (*key_path, "file"))
