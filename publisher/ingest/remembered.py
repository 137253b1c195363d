"""Cleaned articles kept in the cache by the bytes of their files: a rebuild after one
article changed reads and cleans that one article again, not all of them."""

from __future__ import annotations

import json
from pathlib import Path

from publisher.cache import Cache, code_version, digest
from publisher.clean.explain import CleanResult
from publisher.clean.profiles import ProfileSet
from publisher.ingest import article_bytes, read_article_bytes
from publisher.ingest.article_json import InvalidRecord, Unrepresentable, article_from_data, article_to_data

_KIND = "article"


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
        result = _remembered(self.cache, key)
        if result is None:
            result = _without_record(read_article_bytes(data, path, self.profiles, as_article=self.as_article))
            stored = _stored(result)
            if stored is not None:
                self.cache.put(key, _KIND, stored)
        return result


def _without_record(result: CleanResult) -> CleanResult:
    return CleanResult(article=result.article, warnings=result.warnings)


def _stored(result: CleanResult) -> bytes | None:
    """The cleaned article and its warnings as JSON; None when JSON cannot carry it exactly."""
    try:
        record = {"article": article_to_data(result.article), "warnings": list(result.warnings)}
        return json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8")
    except (Unrepresentable, UnicodeEncodeError):
        return None


def _remembered(cache: Cache, key: str) -> CleanResult | None:
    record = cache.get_json(key, _KIND)
    if record is None:
        return None
    try:
        if set(record) != {"article", "warnings"}:
            raise InvalidRecord("not an article and its warnings")
        warnings = record["warnings"]
        if not isinstance(warnings, list) or not all(isinstance(warning, str) for warning in warnings):
            raise InvalidRecord("warnings that are not texts")
        return CleanResult(article=article_from_data(record["article"]), warnings=tuple(warnings))
    except InvalidRecord as error:
        cache.reject(key, _KIND, f"not a cleaned article: {error}")
        return None
