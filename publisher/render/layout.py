"""Layouts: a folder of Jinja templates, CSS and ``layout.toml``; user layouts first."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from publisher.cache import Cache
from publisher.errors import LayoutError
from publisher.render.fonts import FontFace
from publisher.render.system_fonts import find_system_fonts
from publisher.resources import builtin_layouts_dir, shipped_fonts_dir

LAYOUT_FILE = "layout.toml"
# What a fallback face serves: both, the text faces ("Publisher Serif") or the display faces.
ROLES = ("any", "text", "display")


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


def _load_layout(folder: Path, search_dirs: tuple[Path, ...], depth: int = 0) -> Layout:
    config_path = folder / LAYOUT_FILE
    try:
        config = tomllib.loads(config_path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise LayoutError(f"invalid layout file: {error}", config_path) from None
    parent: Layout | None = None
    if extends := config.get("extends"):
        if depth > 8 or extends == folder.name and folder.parent == builtin_layouts_dir():
            raise LayoutError(f"layout extends itself ('{extends}')", config_path)
        parent_folder = builtin_layouts_dir() / extends
        if not (parent_folder / LAYOUT_FILE).is_file():
            raise LayoutError(f"layout extends unknown layout '{extends}'", config_path)
        parent = _load_layout(parent_folder, search_dirs, depth + 1)
    fallback_entries = config.get("fallback_fonts", ())
    system_files = find_system_fonts(_system_file_names(fallback_entries, config_path))
    fonts = tuple(_font(entry, folder, config_path) for entry in config.get("fonts", ()))
    fallback_or_none = [_font(entry, folder, config_path, system_files) for entry in fallback_entries]
    fallbacks = tuple(face for face in fallback_or_none if face is not None)
    unavailable = tuple(entry["file"] for entry, face in zip(fallback_entries, fallback_or_none) if face is None)
    page = config.get("page", {})
    inherited = parent or Layout(name="", description="", template_dirs=(), fonts=())
    cover_page = str(page.get("cover", inherited.cover_page))
    if cover_page not in ("always", "when-asked", "never"):
        raise LayoutError("[page] cover must be 'always', 'when-asked' or 'never'", config_path)
    part_break = str(page.get("part_break", inherited.part_break))
    if part_break not in ("page", "right", "none"):
        raise LayoutError("[page] part_break must be 'page', 'right' or 'none'", config_path)
    return Layout(
        name=str(config.get("name", folder.name)),
        description=str(config.get("description", inherited.description)),
        template_dirs=(folder, *inherited.template_dirs),
        fonts=fonts or inherited.fonts,
        fallback_fonts=fallbacks if fallback_entries else inherited.fallback_fonts,
        unavailable_fonts=unavailable if fallback_entries else inherited.unavailable_fonts,
        page_size=str(page.get("size", inherited.page_size)),
        columns=int(page.get("columns", inherited.columns)),
        font_size=str(page.get("font_size", inherited.font_size)),
        cover_page=cover_page,
        front_matter_roman=bool(page.get("front_matter_roman", inherited.front_matter_roman)),
        part_break=part_break,
    )


def _system_file_names(entries, config_path: Path) -> list[str]:
    names = []
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
            raise LayoutError("a [[fallback_fonts]] entry needs a 'file' name", config_path)
        if entry.get("system", False):
            names.append(entry["file"])
    return names


def _font(entry: dict, folder: Path, config_path: Path, system_files: dict[str, Path] | None = None) -> FontFace | None:
    """The face an entry names, from the layout's fonts/, the shipped fonts or (with
    ``system = true``) the system's font folders; None for a system font this machine lacks."""
    try:
        file_name = entry["file"]
        family = entry["family"]
    except KeyError as missing:
        raise LayoutError(f"a [[fonts]] entry lacks {missing}", config_path) from None
    role = entry.get("role", "any")
    index = entry.get("index", 0)
    if role not in ROLES:
        raise LayoutError(f"font role must be one of {', '.join(ROLES)}, not '{role}'", config_path)
    if not isinstance(index, int) or isinstance(index, bool) or index < 0:
        raise LayoutError(f"font index must be a face number (0, 1, ...), not '{index}'", config_path)

    def face(path: Path, system: bool = False) -> FontFace:
        return FontFace(family=family, path=path, weight=int(entry.get("weight", 400)), style=entry.get("style", "normal"),
                        index=index, role=role, system=system)

    for base in (folder / "fonts", shipped_fonts_dir()):
        if (base / file_name).is_file():
            return face(base / file_name)
    if system_files is not None and entry.get("system", False):
        return face(system_files[file_name], system=True) if file_name in system_files else None
    raise LayoutError(f"font file '{file_name}' not found in the layout's fonts/ or the shipped fonts", config_path)
