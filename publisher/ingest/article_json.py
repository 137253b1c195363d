"""A cleaned article as plain JSON data and back, for the cache: written field by field,
and read back only when every field has the type the model gives it.

Dates keep what they were: naive stays naive, an aware date keeps its UTC offset (and the
name of its zone, when it has one, as ``ICT``). Anything the reader does not expect (a
missing or unknown field, a wrong type, a date that does not parse) is ``InvalidRecord``:
to the cache, a miss.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from publisher.model import Article, Block, Figure, Heading, ListBlock, Paragraph, PrintedDate, Quote, Source


class InvalidRecord(ValueError):
    """Stored data that is not an article as this code writes one."""


class Unrepresentable(ValueError):
    """An article this format cannot carry exactly (it is then not cached)."""


_ARTICLE_FIELDS = ("title", "body", "kicker", "subtitle", "published", "authors", "source", "language", "lead", "path")
_BLOCK_FIELDS: dict[type, tuple[str, ...]] = {
    Paragraph: ("text",),
    Heading: ("text", "level"),
    Figure: ("caption", "src", "alt", "image"),
    Quote: ("text",),
    ListBlock: ("items", "ordered"),
}
_BLOCK_TYPES = {cls.__name__.lower(): cls for cls in _BLOCK_FIELDS}


def article_to_data(article: Article) -> dict[str, Any]:
    """``article`` as JSON-ready data; ``Unrepresentable`` when the model has grown a
    field this format does not know (caching it would lose that field)."""
    _known_fields(Article, _ARTICLE_FIELDS)
    _known_fields(PrintedDate, ("value", "printed"))
    _known_fields(Source, ("name", "url"))
    return {
        "title": article.title,
        "body": [_block_to_data(block) for block in article.body],
        "kicker": article.kicker,
        "subtitle": article.subtitle,
        "published": _date_to_data(article.published) if article.published is not None else None,
        "authors": list(article.authors),
        "source": {"name": article.source.name, "url": article.source.url},
        "language": article.language,
        "lead": article.lead,
        "path": str(article.path) if article.path is not None else None,
    }


def article_from_data(data: Any) -> Article:
    fields = _record(data, _ARTICLE_FIELDS)
    body = fields["body"]
    if not isinstance(body, list):
        raise InvalidRecord("body is not a list")
    source = _record(fields["source"], ("name", "url"))
    published = fields["published"]
    return Article(
        title=_text(fields["title"]),
        body=tuple(_block_from_data(block) for block in body),
        kicker=_optional_text(fields["kicker"]),
        subtitle=_optional_text(fields["subtitle"]),
        published=_date_from_data(published) if published is not None else None,
        authors=_texts(fields["authors"]),
        source=Source(name=_optional_text(source["name"]), url=_optional_text(source["url"])),
        language=_text(fields["language"]),
        lead=_optional_text(fields["lead"]),
        path=_optional_path(fields["path"]),
    )


def _block_to_data(block: Block) -> dict[str, Any]:
    names = _BLOCK_FIELDS.get(type(block))
    if names is None:
        raise Unrepresentable(f"a block of type {type(block).__name__}")
    _known_fields(type(block), names)
    data: dict[str, Any] = {"type": type(block).__name__.lower()}
    for name in names:
        value = getattr(block, name)
        data[name] = list(value) if isinstance(value, tuple) else str(value) if isinstance(value, Path) else value
    return data


def _block_from_data(data: Any) -> Block:
    if not isinstance(data, dict) or data.get("type") not in _BLOCK_TYPES:
        raise InvalidRecord("a block of no known type")
    cls = _BLOCK_TYPES[data["type"]]
    fields = _record({k: v for k, v in data.items() if k != "type"}, _BLOCK_FIELDS[cls])
    if cls is Heading:
        if type(fields["level"]) is not int:
            raise InvalidRecord("a heading's level is not a number")
        return Heading(text=_text(fields["text"]), level=fields["level"])
    if cls is Figure:
        return Figure(caption=_text(fields["caption"]), src=_optional_text(fields["src"]),
                      alt=_optional_text(fields["alt"]), image=_optional_path(fields["image"]))
    if cls is ListBlock:
        if type(fields["ordered"]) is not bool:
            raise InvalidRecord("a list's 'ordered' is not true or false")
        return ListBlock(items=_texts(fields["items"]), ordered=fields["ordered"])
    return Quote(text=_text(fields["text"])) if cls is Quote else Paragraph(text=_text(fields["text"]))


def _date_to_data(date: PrintedDate) -> dict[str, Any]:
    value = date.value
    zone = value.tzinfo
    if zone is not None and not isinstance(zone, timezone):
        raise Unrepresentable(f"a date in a zone of type {type(zone).__name__}")
    name = None
    if zone is not None:
        offset = zone.utcoffset(None)
        if zone.tzname(None) != timezone(offset).tzname(None):
            name = zone.tzname(None)
    return {"value": value.isoformat(), "zone_name": name, "printed": date.printed}


def _date_from_data(data: Any) -> PrintedDate:
    fields = _record(data, ("value", "zone_name", "printed"))
    try:
        value = datetime.fromisoformat(_text(fields["value"]))
    except ValueError:
        raise InvalidRecord("a date that does not parse") from None
    name = _optional_text(fields["zone_name"])
    if name is not None:
        offset = value.utcoffset()
        if offset is None or not timedelta(hours=-24) < offset < timedelta(hours=24):
            raise InvalidRecord("a zone name on a date without an offset")
        value = value.replace(tzinfo=timezone(offset, name))
    return PrintedDate(value=value, printed=_text(fields["printed"]))


def _known_fields(cls: type, names: tuple[str, ...]) -> None:
    if tuple(field.name for field in dataclasses.fields(cls)) != names:
        raise Unrepresentable(f"{cls.__name__} has fields this format does not know")


def _record(data: Any, names: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(data, dict) or set(data) != set(names):
        raise InvalidRecord(f"not a record of {', '.join(names)}")
    return data


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise InvalidRecord("a text that is not a string")
    return value


def _optional_text(value: Any) -> str | None:
    return None if value is None else _text(value)


def _texts(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise InvalidRecord("a list of texts that is not a list")
    return tuple(_text(item) for item in value)


def _optional_path(value: Any) -> Path | None:
    return None if value is None else Path(_text(value))
