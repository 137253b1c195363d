"""``publisher fetch``: feeds, sitemaps, URL lists and pages into a publication folder
that builds offline, fetched politely and through the build's network gate.

- ``options.py``: what a fetch may do (``FetchOptions``) and ``--since``.
- ``http.py``: the requests themselves (robots.txt, one at a time per host, retries,
  redirects checked hop by hop, size and time caps), over ``publisher.network``.
- ``sources.py``: a source (feed, sitemap, list, page) into the articles it lists.
- ``duplicates.py``: the same story twice, by address or by text.
- ``record.py``: what earlier fetches into the folder left (validators, files written).
- ``run.py``: ``fetch_sources``, the whole run, and its ``FetchSummary``.
"""

from publisher.fetch.options import FetchOptions, SourceSpec, parse_since
from publisher.fetch.run import ArticleOutcome, FetchSummary, fetch_sources

__all__ = ["ArticleOutcome", "FetchOptions", "FetchSummary", "SourceSpec", "fetch_sources", "parse_since"]
