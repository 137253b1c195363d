"""Readers: one per source kind, chosen by the file's suffix."""

from __future__ import annotations

from pathlib import Path

from publisher.article_files import ARTICLE_SUFFIXES, web_address_error
from publisher.clean.explain import CleanResult
from publisher.clean.profiles import ProfileSet
from publisher.clean.unicode import normalise_text
from publisher.errors import InputError, NotAnArticleError
from publisher.ingest.decode import declared_charset, decode_bytes
from publisher.ingest.mojibake import repair_mojibake

MAX_ARTICLE_BYTES = 5 * 1024 * 1024  # far above any news article; a bigger file is a data dump
MAX_BLOCKS = 3000


def read_article(path: Path, profiles: ProfileSet | None = None, *, as_article: bool = False) -> CleanResult:
    """Read, decode, normalise and clean one article file (``profiles``: the site profiles,
    default the shipped ones). ``as_article``: the user knows the page is an article; what
    would refuse it is a warning instead."""
    if profiles is None:
        from publisher.clean.profiles import load_profiles

        profiles = load_profiles()
    return read_article_bytes(article_bytes(path), path, profiles, as_article=as_article)


def article_bytes(path: Path) -> bytes:
    """The bytes of an article file, refused when it is too large to be one article."""
    try:
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            raise InputError(
                f"too large for one article ({size / 1048576:.1f} MB; the limit is {MAX_ARTICLE_BYTES // 1048576} MB)", path
            )
        return path.read_bytes()
    except OSError as error:
        raise web_address_error(path) or InputError(f"cannot read the file: {error.strerror}", path) from None


def read_article_bytes(data: bytes, path: Path, profiles: ProfileSet, *, as_article: bool = False) -> CleanResult:
    """Decode, normalise and clean the bytes of the article file at ``path``."""
    declared = declared_charset(data) if path.suffix.lower() in (".html", ".htm", ".txt") else None
    text = normalise_text(repair_mojibake(decode_bytes(data, path, declared)))
    if not text.strip():
        raise InputError("the file is empty", path)
    return read_article_text(text, path, profiles, as_article=as_article)


def _looks_like_html(text: str) -> bool:
    """A page's source saved under a .txt name."""
    return text.lstrip("\ufeff \n\t")[:100].lower().startswith(("<!doctype html", "<html"))


def read_article_text(text: str, path: Path, profiles: ProfileSet, *, as_article: bool = False) -> CleanResult:
    result = _read_by_suffix(text, path, profiles, as_article)
    blocks = len(result.article.body)
    if blocks > MAX_BLOCKS:
        raise NotAnArticleError(
            f"{blocks} paragraphs and other blocks is more than one article holds (limit {MAX_BLOCKS}); split it", path
        )
    return result


def _read_by_suffix(text: str, path: Path, profiles: ProfileSet, as_article: bool) -> CleanResult:
    """Each reader is imported when an article of its kind comes: Markdown needs neither
    the HTML parsers nor the page-dump cleaner."""
    suffix = path.suffix.lower()
    if suffix in (".md", ".markdown"):
        from publisher.ingest.markdown import read_markdown

        return read_markdown(text, path)
    if suffix in (".html", ".htm") or (suffix == ".txt" and _looks_like_html(text)):
        from publisher.ingest.html import read_html

        return read_html(text, path, profiles, as_article=as_article)
    if suffix == ".txt":
        from publisher.clean.pagedump import clean_page_dump

        return clean_page_dump(text, path, profiles, as_article=as_article)
    raise InputError(f"unknown article format '{suffix}' (expected one of {', '.join(ARTICLE_SUFFIXES)})", path)
