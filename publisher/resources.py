"""Where the built-in layouts and the shipped fonts are, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    # A wheel carries the folders inside the package (see pyproject.toml); a source
    # checkout or an editable install has them beside the package.
    for candidate in (_PACKAGE_DIR / "_data" / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"publisher's {name}/ folder is missing from this installation")


def builtin_layouts_dir() -> Path:
    return _data_dir("layouts")


def shipped_fonts_dir() -> Path:
    return _data_dir("fonts")
