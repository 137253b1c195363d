"""``publication.toml``: what a publication is made of, validated before anything is built.

Every problem is reported once, with the manifest's path and the line it is on.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from publisher.article_files import ARTICLE_SUFFIXES, is_article_file, natural_key
from publisher.errors import InputError, PublisherError
from publisher.model import LayoutOptions
from publisher.outputs import is_output
from publisher.schema import (
    Check,
    Document,
    Field,
    Invalid,
    Schema,
    a_date,
    each_one_of,
    either,
    length,
    one_of,
    text,
    text_list,
    whole_number,
)
from publisher.tomlfile import load_toml
from publisher.writers import FORMATS

if TYPE_CHECKING:
    from publisher.fetch.options import SourceSpec

MANIFEST_NAME = "publication.toml"


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


def _language(value: object) -> str:
    if not isinstance(value, str) or not _LANGUAGE.fullmatch(value.strip()):
        raise Invalid()
    return value.strip()


_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")


def _page_size(value: object) -> str:
    from publisher.render.options import valid_page_size

    if not isinstance(value, str) or not valid_page_size(value.strip()):
        raise Invalid()
    return value.strip()


LANGUAGE = Check("a language code such as 'vi' or 'en'", _language)
PAGE_SIZE = Check("a page size such as 'A4', 'A5', 'letter' or '148mm 210mm'", _page_size)

LAYOUT_TABLE = Schema("[layout]", (
    Field("name", text("a layout name"), description="bulletin, book, article, or a folder in layouts/"),
    Field("page_size", PAGE_SIZE, description="the layout's page size, replaced"),
    Field("columns", whole_number(1, 4), description="columns of text, replacing the layout's"),
    Field("font_size", length(), description="the text's size, replacing the layout's"),
    Field("openings", one_of("right", "any"),
          description="sections and the book's articles open on a right-hand page or on any page, replacing the layout's"),
    Field("text_align", one_of("justify", "start"), description="justified or ragged-right text, replacing the layout's"),
    Field("stylesheet", text("a CSS file in this folder"),
          description="a stylesheet of the publication's, applied after the layout's"),
))

SECTION_TABLE = Schema("[[sections]]", (
    Field("title", text(), description="the section's heading in the contents"),
    Field("articles", text_list("a list of article files or globs"), required=True,
          description="article files (paths, globs, or folders) relative to the manifest, in order"),
))

def _since(value: object) -> datetime:
    from datetime import UTC, date, time

    from publisher.fetch.options import parse_since

    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime.combine(value, time(0, 0), tzinfo=UTC)
    if not isinstance(value, str):
        raise Invalid()
    try:
        return parse_since(value)
    except ValueError:
        raise Invalid() from None


SOURCE_TABLE = Schema("[[sources]]", (
    Field("url", text("an http(s) address or a file of addresses"), required=True,
          description="a feed, a sitemap, an article, a site or section page, or a text file of addresses"),
    Field("since", Check("a time such as '7d', '36h' or '2w', or a date such as 2026-11-25", _since),
          description="only the articles newer than this (default: fetch's --since)"),
    Field("max", whole_number(1), description="at most this many of its articles (default: fetch's --max-per-source)"),
    Field("section", text("a section's title"), description="the section its articles go to (a folder of its own)"),
    Field("profile", text("a site profile's name"), description="the site profile its pages are cleaned with"),
))

MANIFEST_SCHEMA = Schema("the manifest", (
    Field("title", text(), required=True, description="the publication's title"),
    Field("subtitle", text()),
    Field("issue", either(whole_number(), text(), "a whole number or text"), description="the issue number"),
    Field("date", a_date("a TOML date such as 2016-12-10"), description="the issue's date (default: the newest article's)"),
    Field("publisher", text()),
    Field("editors", text_list(), default=[]),
    Field("language", LANGUAGE, description="default: the language most of the articles are in"),
    Field("layout", text("a layout name"), table=LAYOUT_TABLE),
    Field("formats", each_one_of(FORMATS, "format"), default=(), description="what a build writes when --format is not given"),
    Field("cover", text("'generated', 'none' or a JPEG/PNG file in this folder")),
    Field("sections", table=SECTION_TABLE, many=True, default=[],
          description="without sections, every article file in the folder, in name order"),
    Field("sources", table=SOURCE_TABLE, many=True, default=[], description="what 'publisher fetch FOLDER' fetches"),
))


def load_manifest(path: Path) -> Manifest:
    data, document = load_toml(path, InputError, "TOML")
    return _Validator(path, MANIFEST_SCHEMA.read(data, document), document).manifest()


def _ignore(_: str) -> None:
    return None


def load_sources(path: Path, warn: Callable[[str], None] = _ignore) -> list[SourceSpec]:
    """The manifest's ``[[sources]]``, checked (its articles need not exist yet: fetching
    makes them). A relative file of addresses is relative to the manifest's folder."""
    from publisher.fetch.options import SourceSpec

    data, document = load_toml(path, InputError, "TOML")
    values = MANIFEST_SCHEMA.read(data, document)
    specs = []
    for index, source in enumerate(values["sources"]):
        location = source["url"]
        if not location:
            raise document.fail("a [[sources]] entry needs a 'url' (an http(s) address or a file of addresses)",
                                ("sources", index, "url"))
        if "://" not in location:
            folder = path.parent.resolve()
            listed = (folder / location).resolve()
            if folder not in listed.parents:
                raise document.fail(f"'{location}' is outside the publication's folder (a file of addresses must be in it)",
                                    ("sources", index, "url"))
            location = str(path.parent / location)
        line = document.locate(("sources", index, "url"))
        specs.append(SourceSpec(location=location, since=source["since"], max=source["max"], section=source["section"] or None,
                                profile=source["profile"] or None, where=f"{path}:{line}" if line else str(path)))
    if not specs:
        raise document.fail("the manifest lists no [[sources]] to fetch (each with a url = \"...\")")
    titles = {section["title"] for section in values["sections"]}
    for spec in specs:
        if spec.section and spec.section not in titles:
            from publisher.slug import slugify

            warn(f"{spec.where}: section '{spec.section}' has no [[sections]] with that title: its articles go to "
                 f"{slugify(spec.section)}/, which a build reads only when a section lists them "
                 f"(title = \"{spec.section}\", articles = [\"{slugify(spec.section)}/*\"])")
    return specs


class _Validator:
    """What the schema cannot say alone: files that must exist inside the folder."""

    def __init__(self, path: Path, values: dict[str, Any], document: Document):
        self.path = path
        self.values = values
        self.document = document

    def fail(self, message: str, *key_path: str | int) -> PublisherError:
        return self.document.fail(message, key_path)

    def manifest(self) -> Manifest:
        values = self.values
        title = values["title"]
        if not title:
            raise self.fail("the manifest needs a 'title' (text)", "title")
        layout = values["layout"]
        layout_name, options = layout, LayoutOptions()
        if isinstance(layout, dict):
            layout_name = layout["name"]
            options = LayoutOptions(page_size=layout["page_size"], columns=layout["columns"], font_size=layout["font_size"],
                                    openings=layout["openings"], text_align=layout["text_align"],
                                    stylesheet=self._stylesheet(layout["stylesheet"]))
        issue = values["issue"]
        return Manifest(
            path=self.path,
            title=title,
            subtitle=values["subtitle"] or None,
            issue=str(issue) if issue is not None and issue != "" else None,
            date=values["date"],
            publisher=values["publisher"] or None,
            editors=tuple(values["editors"]),
            language=values["language"] or None,
            layout=layout_name or None,
            layout_options=options,
            formats=tuple(values["formats"]),
            cover=self._cover_mode(values["cover"]),
            cover_image=self._cover(values["cover"]),
            sections=self._sections(values["sections"]),
        )

    def _inside_folder(self, relative: str, *key_path: str | int) -> Path:
        folder = self.path.parent.resolve()
        candidate = (folder / relative).resolve()
        if candidate != folder and folder not in candidate.parents:
            raise self.fail(f"'{relative}' is outside the publication's folder", *key_path)
        return candidate

    @staticmethod
    def _cover_mode(value: str | None) -> str | None:
        if value in ("generated", "none"):
            return value
        return "image" if value else None

    def _cover(self, value: str | None) -> Path | None:
        if not value or value in ("generated", "none"):
            return None
        image = self._inside_folder(value, "cover")
        if not image.is_file():
            raise self.fail(f"cover image '{value}' not found (expected 'generated', 'none' or a JPEG/PNG file in this folder)",
                            "cover")
        if image.suffix.lower() not in (".jpg", ".jpeg", ".png"):
            raise self.fail("the cover image must be a JPEG or PNG file", "cover")
        return image

    def _stylesheet(self, value: str | None) -> Path | None:
        if not value:
            return None
        sheet = self._inside_folder(value, "layout", "stylesheet")
        if not sheet.is_file() or sheet.suffix.lower() != ".css":
            raise self.fail(f"stylesheet '{value}' not found (expected a .css file in this folder)", "layout", "stylesheet")
        return sheet

    def _sections(self, sections: list[dict[str, Any]]) -> tuple[SectionSpec, ...]:
        specs = []
        for index, section in enumerate(sections):
            patterns = section["articles"]
            if not patterns:
                raise self.fail("a section needs 'articles' (paths or globs)", "sections", index, "articles")
            paths: list[Path] = []
            for pattern in patterns:
                paths += self._expand(pattern, index)
            specs.append(SectionSpec(title=section["title"] or None, articles=tuple(paths)))
        return tuple(specs)

    def _expand(self, pattern: str, index: int) -> list[Path]:
        """A path, or a glob: the article files it matches (outputs of earlier builds left
        out), in natural name order (2 before 10)."""
        key_path = ("sections", index, "articles")
        folder = self.path.parent.resolve()
        if Path(pattern).is_absolute():
            raise self.fail(f"'{pattern}' must be a path relative to the publication's folder", *key_path)
        if any(ch in pattern for ch in "*?["):
            if ".." in Path(pattern).parts:
                raise self.fail(f"'{pattern}' is outside the publication's folder", *key_path)
            matches = [p.resolve() for p in folder.glob(pattern) if is_article_file(p) and not is_output(p, folder)]
            matches = sorted((p for p in matches if folder in p.parents), key=natural_key)
            if not matches:
                raise self.fail(f"no article matches '{pattern}' (article files end in {', '.join(ARTICLE_SUFFIXES)})",
                                *key_path)
            return matches
        path = self._inside_folder(pattern, *key_path)
        if not path.is_file():
            raise self.fail(f"article file '{pattern}' not found", *key_path)
        return [path]
