"""Markdown with YAML front matter: the format ``publisher clean`` writes and editors fix."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from publisher.clean.explain import CleanResult
from publisher.clean.unicode import normalise_text, tidy_line
from publisher.errors import InputError
from publisher.ingest.front_matter import read_front_matter
from publisher.model import Article, Block, Figure, Heading, ListBlock, Paragraph, PrintedDate, Quote, Source

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.DOTALL)


def read_markdown(text: str, path: Path | None) -> CleanResult:
    match = _FRONT_MATTER.match(text)
    if not match:
        raise InputError("a Markdown article must start with front matter between '---' lines", path, 1)
    meta = read_front_matter(match.group(1), path)
    body_start_line = match.group(0).count("\n") + 1
    body = _parse_body(text[match.end() :], path, body_start_line)

    title = _clean(meta["title"])
    if not title:
        raise InputError("the front matter's 'title' is empty", path, 2)
    article = Article(
        title=title,
        kicker=_optional(meta["kicker"]),
        subtitle=_optional(meta["subtitle"]),
        published=_printed_date(meta),
        authors=tuple(name for name in map(_clean, meta["authors"]) if name),
        source=Source(name=_optional(meta["source"]), url=_optional(meta["url"])),
        language=meta["language"],
        lead=_optional(meta["lead"]),
        body=tuple(body),
        path=path,
    )
    return CleanResult(article=article)


def _optional(value: str | None) -> str | None:
    return _clean(value) or None if value is not None else None


def _clean(text: str) -> str:
    """Character references resolved, as in the body (scrapers leave ``&#39;`` in titles);
    YAML escapes (\\uFEFF, \\x07) decode after the file was normalised: normalise again."""
    return tidy_line(normalise_text(html.unescape(text)))


def _printed_date(meta: dict[str, Any]) -> PrintedDate | None:
    moment = meta["date"]
    if moment is None:
        return None
    printed = meta["date_printed"]
    return PrintedDate(value=moment, printed=printed if printed else moment.strftime("%d/%m/%Y %H:%M"))


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
