"""The one gate every resource of a PDF build passes: local files under allowed roots."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from publisher.engine import URLFetcher

if TYPE_CHECKING:
    from publisher.engine import URLFetcherResponse

_MAX_DATA_URL = 2_000_000


class SandboxedFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint ships no types: its class is Any here
    """Fetches ``file:`` URLs under ``roots`` and small ``data:`` URLs; refuses the rest."""

    def __init__(self, roots: tuple[Path, ...]) -> None:
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False, timeout=5)
        self._roots = tuple(root.resolve() for root in roots)

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
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
