"""Cleaned articles kept in the cache by the bytes of their files: a rebuild after one
article changed reads and cleans that one article again, not all of them."""

from __future__ import annotations

import pickle
from pathlib import Path

from publisher.cache import Cache, code_version, digest
from publisher.clean.explain import CleanResult
from publisher.clean.profiles import ProfileSet
from publisher.ingest import article_bytes, read_article_bytes
from publisher.model import Article


class ArticleReader:
    """Reads article files; with a cache, each cleaned article is found again by its
    file's path and bytes, the profiles and this code's version."""

    def __init__(self, profiles: ProfileSet, cache: Cache | None = None, *, as_article: bool = False) -> None:
        self.profiles = profiles
        self.as_article = as_article
        self.cache = cache if profiles.source_digest else None
        self._context = digest("article", code_version(), profiles.source_digest, str(as_article)) if self.cache else ""

    def read(self, path: Path) -> CleanResult:
        """The cleaned article and the cleaner's warnings (what it dropped is not kept)."""
        data = article_bytes(path)
        if self.cache is None:
            return _without_record(read_article_bytes(data, path, self.profiles, as_article=self.as_article))
        key = digest(self._context, str(path.resolve()), data)
        result = _unpickled(self.cache.get(key))
        if result is None:
            result = _without_record(read_article_bytes(data, path, self.profiles, as_article=self.as_article))
            self.cache.put(key, pickle.dumps((result.article, result.warnings), protocol=pickle.HIGHEST_PROTOCOL))
        return result


def _without_record(result: CleanResult) -> CleanResult:
    return CleanResult(article=result.article, warnings=result.warnings)


def _unpickled(stored: bytes | None) -> CleanResult | None:
    if stored is None:
        return None
    try:
        article, warnings = pickle.loads(stored)
    except Exception:  # a damaged entry is a miss, and is overwritten
        return None
    if not isinstance(article, Article) or not all(isinstance(w, str) for w in warnings):
        return None
    return CleanResult(article=article, warnings=tuple(warnings))
