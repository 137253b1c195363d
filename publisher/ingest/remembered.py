"""Cleaned articles kept in the cache by the bytes of their files: a rebuild after one
article changed reads and cleans that one article again, not all of them."""

from __future__ import annotations

import pickle
from pathlib import Path

from publisher.cache import Cache, code_version, digest
from publisher.clean.profiles import ProfileSet
from publisher.ingest import article_bytes, read_article_bytes
from publisher.model import Article


class ArticleReader:
    """Reads article files; with a cache, each cleaned article is found again by its
    file's path and bytes, the profiles and this code's version."""

    def __init__(self, profiles: ProfileSet, cache: Cache | None = None) -> None:
        self.profiles = profiles
        self.cache = cache if profiles.source_digest else None
        self._context = digest("article", code_version(), profiles.source_digest) if self.cache else ""

    def read(self, path: Path) -> Article:
        data = article_bytes(path)
        if self.cache is None:
            return read_article_bytes(data, path, self.profiles).article
        key = digest(self._context, str(path.resolve()), data)
        article = _unpickled(self.cache.get(key))
        if article is None:
            article = read_article_bytes(data, path, self.profiles).article
            self.cache.put(key, pickle.dumps(article, protocol=pickle.HIGHEST_PROTOCOL))
        return article


def _unpickled(stored: bytes | None) -> Article | None:
    if stored is None:
        return None
    try:
        value = pickle.loads(stored)
    except Exception:  # a damaged entry is a miss, and is overwritten
        return None
    return value if isinstance(value, Article) else None
