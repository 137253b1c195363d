"""What earlier fetches into a folder left: for each address, the files written, the
validators to ask again with, and digests to tell what changed and what the user edited.

Kept in ``FOLDER/.fetched/record.json`` beside the raw pages (``.fetched/pages/``): a
hidden folder marked as publisher's own (``publisher.outputs``), so builds pass it over.
The file is data, read field by field; one that cannot be read is a warning and a fresh
record (the next fetch then asks for every page in full).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TypeVar

_Entry = TypeVar("_Entry")

RAW_FOLDER = ".fetched"
_RECORD = "record.json"
_VERSION = 1


@dataclass(frozen=True)
class Fetched:
    markdown: str  # relative to the folder (POSIX)
    raw: str  # relative to the folder
    page_digest: str  # SHA-256 of the page's bytes as received
    markdown_digest: str  # SHA-256 of the Markdown as written: another digest means the user edited it
    etag: str | None = None
    last_modified: str | None = None


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def raw_folder(folder: Path) -> Path:
    return folder / RAW_FOLDER


def load_record(folder: Path, warn: Callable[[str], None]) -> dict[str, Fetched]:
    return _load_tables(folder, _RECORD, "pages", _entry, warn, "every page is fetched anew")


def _load_tables(folder: Path, name: str, key: str, read_entry: Callable[[object], _Entry],
                 warn: Callable[[str], None], consequence: str) -> dict[str, _Entry]:
    """``.fetched/NAME``'s ``key`` table (address -> entry, each read field by field by
    ``read_entry``), or nothing with a warning when the file is missing, unreadable, of
    another version, or holds an entry of another shape."""
    path = raw_folder(folder) / name
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("version") != _VERSION or not isinstance(data.get(key), dict):
            raise ValueError(f"no {key} table of version {_VERSION}")
        return {str(url): read_entry(value) for url, value in data[key].items()}
    except (OSError, ValueError, TypeError, UnicodeDecodeError) as problem:
        warn(f"{path}: cannot be read ({problem}); {consequence}")
        return {}


def _save_tables(folder: Path, name: str, key: str, table: Mapping[str, Fetched | Listing]) -> None:
    from publisher.outputs import mark_output_folder
    from publisher.writers import write_atomically

    folder = raw_folder(folder)
    mark_output_folder(folder)
    data = {"version": _VERSION, key: {url: asdict(value) for url, value in sorted(table.items())}}
    write_atomically(json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"), folder / name)


def _entry(value: object) -> Fetched:
    if not isinstance(value, dict):
        raise ValueError("an entry is not a table")
    texts = {}
    for name in ("markdown", "raw", "page_digest", "markdown_digest"):
        if not isinstance(value.get(name), str):
            raise ValueError(f"an entry's '{name}' is not text")
        texts[name] = value[name]
    optional: dict[str, str | None] = {}
    for name in ("etag", "last_modified"):
        if value.get(name) is not None and not isinstance(value[name], str):
            raise ValueError(f"an entry's '{name}' is not text")
        optional[name] = value.get(name)
    for name, suffix in (("markdown", ".md"), ("raw", ".html")):
        path = Path(texts[name])
        if path.is_absolute() or ".." in path.parts or path.suffix != suffix:
            raise ValueError(f"an entry's '{name}' is not a {suffix} file inside the folder")
    return Fetched(markdown=texts["markdown"], raw=texts["raw"], page_digest=texts["page_digest"],
                   markdown_digest=texts["markdown_digest"], etag=optional["etag"], last_modified=optional["last_modified"])


def save_record(folder: Path, record: dict[str, Fetched]) -> None:
    _save_tables(folder, _RECORD, "pages", record)


@dataclass(frozen=True)
class Listing:
    """What a feed or sitemap listed when last read, with its validators: a 304 to the
    next conditional request means the same entries."""

    etag: str | None
    last_modified: str | None
    entries: tuple[tuple[str, str | None], ...]  # (address, date in ISO 8601 or None)


_LISTINGS = "sources.json"


def load_listings(folder: Path, warn: Callable[[str], None]) -> dict[str, Listing]:
    return _load_tables(folder, _LISTINGS, "sources", _listing, warn, "every feed is read anew")


def _listing(value: object) -> Listing:
    if not isinstance(value, dict) or not isinstance(value.get("entries"), list):
        raise ValueError("a source is not a table with entries")
    validators = [value.get(name) for name in ("etag", "last_modified")]
    if any(item is not None and not isinstance(item, str) for item in validators):
        raise ValueError("a source's validators are not text")
    entries = []
    for item in value["entries"]:
        if (not isinstance(item, list) or len(item) != 2 or not isinstance(item[0], str)
                or not (item[1] is None or isinstance(item[1], str))):
            raise ValueError("a source's entry is not [address, date]")
        entries.append((item[0], item[1]))
    return Listing(etag=validators[0], last_modified=validators[1], entries=tuple(entries))


def save_listings(folder: Path, listings: dict[str, Listing]) -> None:
    _save_tables(folder, _LISTINGS, "sources", listings)
