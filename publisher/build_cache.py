"""A cached build: the digest of everything a build reads, and its outputs kept and put
back whole when none of it changed."""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from publisher.build_options import BuildOptions
from publisher.cache import Cache, code_version, digest, file_digest, files_digest
from publisher.outputs import is_output
from publisher.render.system_fonts import find_system_fonts
from publisher.resources import builtin_layouts_dir, shipped_fonts_dir
from publisher.results import PublicationResult, WrittenFile
from publisher.writers import write_atomically


def input_digest(source: Path, options: BuildOptions, name: str | None) -> str:
    """The digest of every file a build of ``source`` may read, taken before reading any."""
    if source.is_file():
        inputs = [source, *_referenced_files(source)]
    else:
        inputs = sorted(
            p for p in source.rglob("*")
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(source).parts) and not is_output(p, source)
        )
    layouts = sorted(p for p in builtin_layouts_dir().rglob("*") if p.is_file())
    if options.layout and Path(options.layout).is_dir():
        layouts += sorted(p for p in Path(options.layout).rglob("*") if p.is_file())
    fonts = sorted(shipped_fonts_dir().glob("*.[ot]tf"))
    profiles = sorted((Path(__file__).parent / "profiles").glob("*.toml"))
    profiles += [path for folder in options.profile_dirs for path in sorted(folder.glob("*.toml"))]
    settings = dataclasses.replace(options, cache_dir=None, force=False, pdf_jobs=None)
    return digest(
        "inputs", code_version(), repr(settings), name or "", str(source.resolve()),
        files_digest(inputs), files_digest(layouts), files_digest(fonts), files_digest(profiles),
        os.environ.get("SOURCE_DATE_EPOCH", ""),
    )


_MARKDOWN_IMAGE = re.compile(rb"!\[[^\]]*\]\(\s*<?([^)\s>]+)")
_IMAGE_TAG = re.compile(rb"<(?:img|source)\b[^>]*>", re.IGNORECASE)
_IMAGE_ATTRIBUTE = re.compile(rb"""\b(?:src|srcset|data-[\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)


def _referenced_files(article: Path) -> list[Path]:
    """Local files an article file names as images: they belong in its cache key. In a
    saved page, wherever the page reader may take a picture's address from: ``src``, the
    lazy-loading ``data-`` attributes, each candidate of a ``srcset``."""
    data = article.read_bytes()
    references = [match.group(1) for match in _MARKDOWN_IMAGE.finditer(data)]
    for tag in _IMAGE_TAG.finditer(data):
        for attribute in _IMAGE_ATTRIBUTE.finditer(tag.group()):
            value = (attribute.group(1) or attribute.group(2) or attribute.group(3) or b"").strip()
            references += [value, *(part.split()[0] for part in value.split(b",") if part.split())]
    found = set()
    for raw in references:
        reference = unquote(raw.decode("utf-8", "replace").split("?", 1)[0].split("#", 1)[0])
        if not reference or "://" in reference or reference.startswith("data:"):
            continue
        candidate = (article.parent / reference).resolve()
        if candidate.is_file():
            found.add(candidate)
    return sorted(found)


def restore_outputs(cache: Cache, input_key: str, source: Path, out_dir: Path) -> PublicationResult | None:
    record = _publication_record(cache, input_key)
    if record is None or not _system_fonts_unchanged(record["system_fonts"]):
        return None
    blobs = []
    for entry in record["files"]:
        data = cache.get(entry["key"], "output", _OUTPUT_SHAPES.get(entry["format"]))
        if data is None:
            return None
        blobs.append((entry, data))
    files = []
    for entry, data in blobs:
        target = out_dir / entry["name"]
        if not (target.is_file() and target.read_bytes() == data):
            write_atomically(data, target)
        files.append(WrittenFile(format=entry["format"], path=target, size=len(data)))
    return PublicationResult(source=source, title=record["title"], files=tuple(files), warnings=tuple(record["warnings"]),
                             article_count=record["articles"], up_to_date=True,
                             system_fonts=tuple(tuple(entry) for entry in record["system_fonts"]))


# A cheap look at an output's shape before it is put back (the seal is the guarantee).
_OUTPUT_SHAPES: dict[str, Callable[[bytes], bool]] = {
    "pdf": lambda data: data.startswith(b"%PDF-"),
    "booklet": lambda data: data.startswith(b"%PDF-"),
    "epub": lambda data: data.startswith(b"PK\x03\x04"),
}


def _publication_record(cache: Cache, input_key: str) -> dict[str, Any] | None:
    """The record of a cached build, when every field is what ``remember_outputs`` writes."""
    record = cache.get_json(input_key, "publication")
    if record is None:
        return None

    def texts(value: object, count: int | None = None) -> bool:
        return isinstance(value, list) and all(isinstance(v, str) for v in value) and count in (None, len(value))

    files = record.get("files")
    valid = (
        set(record) == {"title", "files", "warnings", "articles", "system_fonts"}
        and isinstance(record["title"], str) and texts(record["warnings"]) and type(record["articles"]) is int
        and isinstance(files, list) and all(isinstance(entry, dict) and set(entry) == {"format", "name", "key"}
                                            and texts(list(entry.values())) for entry in files)
        and all(entry["name"] == Path(entry["name"]).name and entry["name"] not in ("", ".", "..")
                and re.fullmatch("[0-9a-f]{64}", entry["key"]) for entry in files)
        and isinstance(record["system_fonts"], list) and all(texts(entry, 3) for entry in record["system_fonts"])
    )
    if not valid:
        cache.reject(input_key, "publication", "not a build's record")
        return None
    return record


def _system_fonts_unchanged(recorded: list[list[str]]) -> bool:
    """Whether each system font a cached build depended on is still found where it was,
    with the same bytes (or still not found). Only the fonts a build used are read, so a
    Vietnamese bulletin reads none of the CJK collections."""
    if not recorded:
        return True
    found = find_system_fonts(name for name, _, _ in recorded)
    for name, path, font_digest in recorded:
        now = found.get(name)
        if (str(now) if now else "") != path or (now is not None and file_digest(now) != font_digest):
            return False
    return True


def remember_outputs(cache: Cache, input_key: str, result: PublicationResult) -> None:
    entries = []
    for written in result.files:
        data = written.path.read_bytes()
        key = digest("written", data)
        cache.put(key, "output", data)
        entries.append({"format": written.format, "name": written.path.name, "key": key})
    cache.put_json(input_key, "publication", {"title": result.title, "files": entries, "warnings": list(result.warnings),
                               "articles": result.article_count, "system_fonts": [list(entry) for entry in result.system_fonts]})
