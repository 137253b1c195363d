"""Which files are articles, decided by name alone (no reader is loaded for it), and the
order they come in."""

from __future__ import annotations

import re
from pathlib import Path

from publisher.errors import InputError

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


def is_article_file(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in ARTICLE_SUFFIXES and not path.name.startswith(".")


def natural_key(path: Path) -> list[list[object]]:
    """Path order with numbers compared as numbers (2 before 10), folder by folder."""
    return [[int(piece) if piece.isdigit() else piece.casefold() for piece in re.split(r"(\d+)", part)] for part in path.parts]


_WEB_ADDRESS = re.compile(r"^(https?):/+(.+)$", re.IGNORECASE)


class WebAddressError(InputError):
    """A web address given where a file is expected: its message names the address."""


def web_address_error(path: Path | str) -> WebAddressError | None:
    """For a path that is a web address (``https://...``; a ``Path`` folds it to
    ``https:/...``), the error that says how pages are read; None for any other path."""
    match = _WEB_ADDRESS.match(str(path))
    if match is None:
        return None
    address = f"{match.group(1).lower()}://{match.group(2)}"
    return WebAddressError(f"{address}: a web address, and publisher reads files: fetch it into a folder with "
                           f"'publisher fetch {address} -o FOLDER' and build that folder, or save the page from the "
                           "browser (Save Page As, a web page) and build the saved .html file "
                           "('publisher clean FILE.html' shows what it reads from it)")
