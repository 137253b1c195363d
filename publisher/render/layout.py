"""Layouts: a folder of Jinja templates, CSS and ``layout.toml``; user layouts first."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from publisher.cache import Cache
from publisher.errors import LayoutError
from publisher.render.fonts import FontFace, face_codepoints
from publisher.resources import builtin_layouts_dir, shipped_fonts_dir

LAYOUT_FILE = "layout.toml"


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

    @property
    def folder(self) -> Path:
        return self.template_dirs[0]

    @property
    def all_fonts(self) -> tuple[FontFace, ...]:
        return self.fonts + self.fallback_fonts

    def drawable(self, cache: Cache | None = None) -> frozenset[int]:
        """Code points every text face has, plus those a fallback face supplies."""
        if not self.fonts:
            return frozenset()
        common = frozenset.intersection(*(face_codepoints(face, cache) for face in self.fonts))
        return common.union(*(face_codepoints(face, cache) for face in self.fallback_fonts))


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
    fonts = tuple(_font(entry, folder, config_path) for entry in config.get("fonts", ()))
    fallbacks = tuple(_font(entry, folder, config_path) for entry in config.get("fallback_fonts", ()))
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
        fallback_fonts=fallbacks or inherited.fallback_fonts,
        page_size=str(page.get("size", inherited.page_size)),
        columns=int(page.get("columns", inherited.columns)),
        font_size=str(page.get("font_size", inherited.font_size)),
        cover_page=cover_page,
        front_matter_roman=bool(page.get("front_matter_roman", inherited.front_matter_roman)),
        part_break=part_break,
    )


def _font(entry: dict, folder: Path, config_path: Path) -> FontFace:
    try:
        file_name = entry["file"]
        family = entry["family"]
    except KeyError as missing:
        raise LayoutError(f"a [[fonts]] entry lacks {missing}", config_path) from None
    for base in (folder / "fonts", shipped_fonts_dir()):
        if (base / file_name).is_file():
            return FontFace(family=family, path=base / file_name, weight=int(entry.get("weight", 400)), style=entry.get("style", "normal"))
    raise LayoutError(f"font file '{file_name}' not found in the layout's fonts/ or the shipped fonts", config_path)
