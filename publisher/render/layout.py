"""Layouts: a folder of Jinja templates, CSS and ``layout.toml``; user layouts first."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from publisher.errors import LayoutError
from publisher.render.fonts import FontFace
from publisher.resources import builtin_layouts_dir, shipped_fonts_dir

LAYOUT_FILE = "layout.toml"


@dataclass(frozen=True)
class Layout:
    name: str
    description: str
    template_dirs: tuple[Path, ...]  # the layout's own folder first, then what it extends
    fonts: tuple[FontFace, ...]
    page_size: str = "A4"

    @property
    def folder(self) -> Path:
        return self.template_dirs[0]


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
    return Layout(
        name=str(config.get("name", folder.name)),
        description=str(config.get("description", "")),
        template_dirs=(folder, *(parent.template_dirs if parent else ())),
        fonts=fonts or (parent.fonts if parent else ()),
        page_size=str(config.get("page", {}).get("size", parent.page_size if parent else "A4")),
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
