"""Markdown with YAML front matter: the format ``publisher clean`` writes and editors fix."""

from __future__ import annotations

import html
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from publisher.clean.explain import CleanResult
from publisher.clean.unicode import normalise_text, tidy_line
from publisher.errors import InputError
from publisher.model import Article, Block, Figure, Heading, ListBlock, Paragraph, PrintedDate, Quote, Source

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.DOTALL)
_KNOWN_KEYS = {"title", "kicker", "subtitle", "date", "date_printed", "authors", "source", "url", "language", "lead"}


def read_markdown(text: str, path: Path | None) -> CleanResult:
    match = _FRONT_MATTER.match(text)
    if not match:
        raise InputError("a Markdown article must start with front matter between '---' lines", path, 1)
    meta = _load_front_matter(match.group(1), path)
    body_start_line = match.group(0).count("\n") + 1
    body = _parse_body(text[match.end() :], path, body_start_line)

    title = meta.get("title")
    if not isinstance(title, str) or not _clean(title):
        raise InputError("the front matter has no 'title'", path, 2)
    authors = meta.get("authors") or ()
    if isinstance(authors, str):
        authors = (authors,)
    article = Article(
        title=_clean(title),
        kicker=_optional_str(meta, "kicker", path),
        subtitle=_optional_str(meta, "subtitle", path),
        published=_read_date(meta, path),
        authors=tuple(_clean(str(name)) for name in authors if _clean(str(name))),
        source=Source(name=_optional_str(meta, "source", path), url=_optional_str(meta, "url", path)),
        language=_optional_str(meta, "language", path) or "vi",
        lead=_optional_str(meta, "lead", path),
        body=tuple(body),
        path=path,
    )
    return CleanResult(article=article)


# libyaml's safe loader where PyYAML was built with it: the same documents, ten times faster.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load_front_matter(text: str, path: Path | None) -> dict[str, Any]:
    try:
        meta = yaml.load(text, Loader=_SAFE_LOADER) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None
        problem = getattr(error, "problem", None) or "invalid YAML"
        raise InputError(f"front matter: {problem}", path, line) from None
    if not isinstance(meta, dict):
        raise InputError("front matter must be a mapping of keys to values", path, 2)
    unknown = sorted(set(meta) - _KNOWN_KEYS)
    if unknown:
        line = _line_of_key(text, unknown[0])
        raise InputError(f"unknown front matter key '{unknown[0]}' (known: {', '.join(sorted(_KNOWN_KEYS))})", path, line)
    return meta


def _line_of_key(text: str, key: str) -> int | None:
    for number, line in enumerate(text.split("\n"), start=2):
        if line.startswith(f"{key}:"):
            return number
    return None


def _optional_str(meta: dict[str, Any], key: str, path: Path | None) -> str | None:
    value = meta.get(key)
    if value is None:
        return None
    if not isinstance(value, (str, int, float)):
        raise InputError(f"front matter '{key}' must be text", path)
    return _clean(str(value)) or None


def _clean(text: str) -> str:
    """Character references resolved, as in the body (scrapers leave ``&#39;`` in titles);
    YAML escapes (\\uFEFF, \\x07) decode after the file was normalised: normalise again."""
    return tidy_line(normalise_text(html.unescape(text)))


def _read_date(meta: dict[str, Any], path: Path | None) -> PrintedDate | None:
    value = meta.get("date")
    if value is None:
        return None
    if isinstance(value, datetime):
        moment = value
    else:
        try:
            moment = datetime.fromisoformat(str(value).strip())
        except ValueError:
            raise InputError(f"front matter 'date' is not an ISO date: {value!r}", path) from None
    printed = meta.get("date_printed")
    return PrintedDate(value=moment, printed=str(printed) if printed else moment.strftime("%d/%m/%Y %H:%M"))


def _parse_body(text: str, path: Path | None, first_line: int) -> list[Block]:
    tokens = MarkdownIt("commonmark").parse(text)
    blocks: list[Block] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "heading_open":
            blocks.append(Heading(_inline_text(tokens[index + 1]), level=max(2, int(token.tag[1]))))
            index += 3
        elif token.type == "paragraph_open":
            inline = tokens[index + 1]
            figure = _figure(inline)
            blocks.append(figure if figure else Paragraph(_inline_text(inline)))
            index += 3
        elif token.type == "blockquote_open":
            end = _closing(tokens, index)
            texts = [_inline_text(t) for t in tokens[index:end] if t.type == "inline"]
            blocks.append(Quote(" ".join(texts)))
            index = end + 1
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            end = _closing(tokens, index)
            items = tuple(_inline_text(t) for t in tokens[index:end] if t.type == "inline")
            blocks.append(ListBlock(items, ordered=token.type == "ordered_list_open"))
            index = end + 1
        elif token.type in ("hr", "html_block", "code_block", "fence"):
            if token.type in ("code_block", "fence") and token.content.strip():
                blocks.append(Paragraph(token.content.strip()))
            index += 1
        else:
            line = first_line + token.map[0] if token.map else None
            raise InputError(f"unsupported Markdown element '{token.type}'", path, line)
    return blocks


def _closing(tokens: list[Token], start: int) -> int:
    depth = 0
    for index in range(start, len(tokens)):
        depth += tokens[index].nesting
        if depth == 0:
            return index
    return len(tokens) - 1


def _figure(inline: Token) -> Figure | None:
    children = [c for c in inline.children or [] if not (c.type == "text" and not c.content.strip())]
    if len(children) == 1 and children[0].type == "image":
        image = children[0]
        src = str(image.attrs.get("src") or "") or None
        caption = "".join(child.content for child in image.children or [] if child.type in ("text", "code_inline"))
        return Figure(caption=caption.strip(), src=src)
    return None


def _inline_text(inline: Token) -> str:
    parts: list[str] = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)
    return "".join(parts).strip()
