"""Which files are articles, decided by name alone (no reader is loaded for it)."""

from __future__ import annotations

from pathlib import Path

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


def is_article_file(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in ARTICLE_SUFFIXES and not path.name.startswith(".")
