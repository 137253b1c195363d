"""The one gate every resource of a PDF build passes: local files under allowed roots."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from publisher.engine import URLFetcher

_MAX_DATA_URL = 2_000_000


class SandboxedFetcher(URLFetcher):
    """Fetches ``file:`` URLs under ``roots`` and small ``data:`` URLs; refuses the rest."""

    def __init__(self, roots: tuple[Path, ...]):
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False, timeout=5)
        self._roots = tuple(root.resolve() for root in roots)

    def fetch(self, url, headers=None):
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            if len(url) > _MAX_DATA_URL:
                raise ValueError("data: URL too large")
            return super().fetch(url, headers)
        if scheme != "file":
            raise ValueError(f"refused to fetch {url}: only files of the publication, layout and fonts")
        path = Path(unquote(urlsplit(url).path)).resolve()
        if not any(path == root or root in path.parents for root in self._roots):
            raise ValueError(f"refused to read {path}: outside the publication, layout and fonts")
        return super().fetch(url, headers)
