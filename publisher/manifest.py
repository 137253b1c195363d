"""``publication.toml``: what a publication is made of, validated before anything is built.

Every problem is reported once, with the manifest's path and the line it is on.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from publisher.errors import InputError
from publisher.model import LayoutOptions

MANIFEST_NAME = "publication.toml"
KNOWN_FORMATS = ("pdf", "epub", "html")


@dataclass(frozen=True)
class SectionSpec:
    title: str | None
    articles: tuple[Path, ...]


@dataclass(frozen=True)
class Manifest:
    path: Path
    title: str
    subtitle: str | None = None
    issue: str | None = None
    date: datetime | None = None
    publisher: str | None = None
    editors: tuple[str, ...] = ()
    language: str | None = None  # None: the language most of the articles are in
    layout: str | None = None
    layout_options: LayoutOptions = LayoutOptions()
    formats: tuple[str, ...] = ()
    cover: str | None = None
    cover_image: Path | None = None
    sections: tuple[SectionSpec, ...] = ()

    @property
    def folder(self) -> Path:
        return self.path.parent


class _Locator:
    """Finds the line of a key in TOML text: tomllib gives values but no positions."""

    _HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-]+)\s*\]\]?")
    _KEY = re.compile(r"^\s*([A-Za-z0-9_\-]+|\"[^\"]*\")\s*=")

    def __init__(self, text: str):
        self.lines: dict[tuple[str, str], int] = {}
        self.tables: dict[str, int] = {}
        counts: dict[str, int] = {}
        table = ""
        for number, line in enumerate(text.split("\n"), start=1):
            if header := self._HEADER.match(line):
                name = header.group(2)
                if header.group(1) == "[[":
                    index = counts.get(name, 0)
                    counts[name] = index + 1
                    name = f"{name}[{index}]"
                table = name
                self.tables.setdefault(table, number)
            elif key := self._KEY.match(line):
                self.lines.setdefault((table, key.group(1).strip('"')), number)

    def line(self, table: str, key: str | None = None) -> int | None:
        if key is None:
            return self.tables.get(table)
        return self.lines.get((table, key)) or self.tables.get(table)


_TOP_KEYS = {"title", "subtitle", "issue", "date", "publisher", "editors", "language", "layout", "formats", "cover", "sections"}
_LAYOUT_KEYS = {"name", "page_size", "columns", "font_size"}
_SECTION_KEYS = {"title", "articles"}


def load_manifest(path: Path) -> Manifest:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read the manifest: {error}", path) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+)", str(error))
        raise InputError(f"invalid TOML: {str(error).split(' (at')[0]}", path, int(match.group(1)) if match else None) from None
    return _Validator(path, data, _Locator(text)).manifest()


class _Validator:
    def __init__(self, path: Path, data: dict[str, Any], locator: _Locator):
        self.path = path
        self.data = data
        self.locator = locator

    def fail(self, message: str, table: str = "", key: str | None = None) -> InputError:
        return InputError(message, self.path, self.locator.line(table, key))

    def manifest(self) -> Manifest:
        data = self.data
        self._no_unknown_keys(data, _TOP_KEYS, "")
        layout_table = data.get("layout", {})
        layout_name = None
        options = LayoutOptions()
        if isinstance(layout_table, str):
            layout_name = layout_table
        elif isinstance(layout_table, dict):
            self._no_unknown_keys(layout_table, _LAYOUT_KEYS, "layout")
            layout_name = self._str(layout_table, "name", "layout")
            columns = layout_table.get("columns")
            if columns is not None and (not isinstance(columns, int) or isinstance(columns, bool) or not 1 <= columns <= 4):
                raise self.fail("'columns' must be a whole number from 1 to 4", "layout", "columns")
            options = LayoutOptions(
                page_size=self._str(layout_table, "page_size", "layout"),
                columns=columns,
                font_size=self._css_length(layout_table, "font_size", "layout"),
            )
        else:
            raise self.fail("'layout' must be a layout name or a [layout] table", "", "layout")

        title = self._str(data, "title", "")
        if not title:
            raise self.fail("the manifest needs a 'title'", "", "title")
        formats = self._str_list(data, "formats", "")
        for name in formats:
            if name not in KNOWN_FORMATS:
                raise self.fail(f"unknown format '{name}' (choose from {', '.join(KNOWN_FORMATS)})", "", "formats")
        issue = data.get("issue")
        if issue is not None and (not isinstance(issue, (str, int)) or isinstance(issue, bool)):
            raise self.fail("'issue' must be a number or text", "", "issue")
        return Manifest(
            path=self.path,
            title=title,
            subtitle=self._str(data, "subtitle", ""),
            issue=str(issue) if issue is not None else None,
            date=self._date(data),
            publisher=self._str(data, "publisher", ""),
            editors=tuple(self._str_list(data, "editors", "")),
            language=self._str(data, "language", "") or None,
            layout=layout_name,
            layout_options=options,
            formats=tuple(formats),
            cover=self._cover_mode(data),
            cover_image=self._cover(data),
            sections=self._sections(data),
        )

    def _no_unknown_keys(self, table: dict[str, Any], known: set[str], where: str) -> None:
        for key in table:
            if key not in known:
                raise self.fail(f"unknown key '{key}' (known: {', '.join(sorted(known))})", where, key)

    def _str(self, table: dict[str, Any], key: str, where: str) -> str | None:
        value = table.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.fail(f"'{key}' must be text, not {type(value).__name__}", where, key)
        return value.strip() or None

    def _str_list(self, table: dict[str, Any], key: str, where: str) -> list[str]:
        value = table.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.fail(f"'{key}' must be a list of text", where, key)
        return [item.strip() for item in value if item.strip()]

    def _css_length(self, table: dict[str, Any], key: str, where: str) -> str | None:
        value = table.get(key)
        if value is None:
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = f"{value}pt"
        if not isinstance(value, str) or not re.fullmatch(r"\d+(\.\d+)?(pt|px|mm|em|rem)", value.strip()):
            raise self.fail(f"'{key}' must be a length such as '10.5pt'", where, key)
        return value.strip()

    def _date(self, data: dict[str, Any]) -> datetime | None:
        value = data.get("date")
        if value is None:
            return None
        if isinstance(value, datetime):
            return value  # with its offset when the manifest gives one: no zone is assumed
        if isinstance(value, date):
            return datetime.combine(value, time(0, 0))
        raise self.fail("'date' must be a TOML date such as 2016-12-10", "", "date")

    def _inside_folder(self, relative: str, table: str, key: str) -> Path:
        folder = self.path.parent.resolve()
        candidate = (folder / relative).resolve()
        if candidate != folder and folder not in candidate.parents:
            raise self.fail(f"'{relative}' is outside the publication's folder", table, key)
        return candidate

    def _cover_mode(self, data: dict[str, Any]) -> str | None:
        value = self._str(data, "cover", "")
        if value in ("generated", "none"):
            return value
        return "image" if value else None

    def _cover(self, data: dict[str, Any]) -> Path | None:
        value = self._str(data, "cover", "")
        if value is None or value in ("generated", "none"):
            return None
        image = self._inside_folder(value, "", "cover")
        if not image.is_file():
            raise self.fail(f"cover image '{value}' not found", "", "cover")
        if image.suffix.lower() not in (".jpg", ".jpeg", ".png"):
            raise self.fail("the cover image must be a JPEG or PNG file", "", "cover")
        return image

    def _sections(self, data: dict[str, Any]) -> tuple[SectionSpec, ...]:
        sections = data.get("sections", [])
        if not isinstance(sections, list) or not all(isinstance(s, dict) for s in sections):
            raise self.fail("'sections' must be [[sections]] tables", "", "sections")
        specs = []
        for index, section in enumerate(sections):
            where = f"sections[{index}]"
            self._no_unknown_keys(section, _SECTION_KEYS, where)
            patterns = self._str_list(section, "articles", where)
            if not patterns:
                raise self.fail("a section needs 'articles' (paths or globs)", where, "articles")
            paths: list[Path] = []
            for pattern in patterns:
                paths += self._expand(pattern, where)
            specs.append(SectionSpec(title=self._str(section, "title", where), articles=tuple(paths)))
        return tuple(specs)

    def _expand(self, pattern: str, where: str) -> list[Path]:
        folder = self.path.parent.resolve()
        if Path(pattern).is_absolute():
            raise self.fail(f"'{pattern}' must be a path relative to the publication's folder", where, "articles")
        if any(ch in pattern for ch in "*?["):
            if ".." in Path(pattern).parts:
                raise self.fail(f"'{pattern}' is outside the publication's folder", where, "articles")
            matches = sorted(p.resolve() for p in folder.glob(pattern) if p.is_file())
            matches = [p for p in matches if folder in p.parents]
            if not matches:
                raise self.fail(f"no article matches '{pattern}'", where, "articles")
            return matches
        path = self._inside_folder(pattern, where, "articles")
        if not path.is_file():
            raise self.fail(f"article file '{pattern}' not found", where, "articles")
        return [path]
