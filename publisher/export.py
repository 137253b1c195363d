"""An article as Markdown with YAML front matter: what ``publisher clean`` prints."""

from __future__ import annotations

import re

from publisher.model import Article, Figure, Heading, ListBlock, Paragraph, Quote

_INLINE_SPECIALS = re.compile(r"([\\`*_\[\]<>&!])")
_LINE_START_SPECIALS = re.compile(r"^(\s*)([#>+\-=|~]|\d+[.)])")


def article_to_markdown(article: Article) -> str:
    meta: dict[str, object] = {"title": article.title}
    if article.kicker:
        meta["kicker"] = article.kicker
    if article.subtitle:
        meta["subtitle"] = article.subtitle
    if article.published:
        meta["date"] = article.published.value.isoformat()
        meta["date_printed"] = article.published.printed
    if article.authors:
        meta["authors"] = list(article.authors)
    if article.source.name:
        meta["source"] = article.source.name
    if article.source.url:
        meta["url"] = article.source.url
    meta["language"] = article.language
    if article.lead:
        meta["lead"] = article.lead
    import yaml  # here, not at the top: every command imports this module, few write Markdown

    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=100_000)
    blocks = [_block_to_markdown(block) for block in article.body]
    return f"---\n{front}---\n\n" + "\n\n".join(blocks) + "\n"


def _block_to_markdown(block: object) -> str:
    match block:
        case Heading(text=text, level=level):
            return "#" * level + " " + _escape(text)
        case Paragraph(text=text):
            return _escape_block(text)
        case Figure(caption=caption, src=src):
            return f"![{_escape(caption)}]({_escape_url(src or '')})"
        case Quote(text=text):
            return "> " + _escape(text)
        case ListBlock(items=items, ordered=ordered):
            return "\n".join((f"{n}. " if ordered else "- ") + _escape(item) for n, item in enumerate(items, 1))
    raise TypeError(f"unknown block {block!r}")


def _escape(text: str) -> str:
    return _INLINE_SPECIALS.sub(r"\\\1", text)


def _escape_block(text: str) -> str:
    return _LINE_START_SPECIALS.sub(lambda m: m.group(1) + "\\" + m.group(2) if len(m.group(2)) == 1 else m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], _escape(text))


def _escape_url(url: str) -> str:
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
