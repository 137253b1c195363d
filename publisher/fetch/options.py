"""What a fetch may do, and which sources it reads."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from publisher.network import MAX_IMAGE_BYTES, TIMEOUT_SECONDS

PROJECT_URL = "https://github.com/publisher-news/publisher"


@dataclass(frozen=True)
class FetchOptions:
    since: datetime | None = None  # entries dated before it are passed over (aware, UTC)
    max_per_source: int | None = None
    delay: float = 1.0  # seconds between two requests to one host (robots.txt's Crawl-delay when longer)
    allow_private: bool = False  # loopback and private addresses too: an intranet, tests
    as_article: bool = False
    profile_dirs: tuple[Path, ...] = ()
    timeout: float = TIMEOUT_SECONDS  # for each connection and each read
    deadline: float = 60.0  # for a whole response: a server trickling bytes is cut off
    max_bytes: int = MAX_IMAGE_BYTES  # 10 MB, before and after decompression
    max_redirects: int = 10
    max_tries: int = 4  # for an answer 429 or 503
    backoff: float = 1.0  # the first wait after a 429 or 503 without Retry-After, doubled each try
    max_wait: float = 300.0  # the longest wait a Retry-After or Crawl-delay is obeyed for
    hosts_at_once: int = 8
    fetch_images: bool = True


@dataclass(frozen=True)
class SourceSpec:
    """A source: an http(s) address (feed, sitemap, article, site or section page) or a
    text file of addresses, with what its manifest entry says of it."""

    location: str
    since: datetime | None = None  # overrides the options' since
    max: int | None = None
    section: str | None = None
    profile: str | None = None
    where: str = ""  # the manifest's FILE:LINE, for messages about the entry

    @property
    def label(self) -> str:
        return self.location


_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*([hdw])", re.IGNORECASE)
_UNITS = {"h": timedelta(hours=1), "d": timedelta(days=1), "w": timedelta(weeks=1)}


def parse_since(text: str, now: datetime | None = None) -> datetime:
    """``7d``, ``36h``, ``2w`` (before ``now``) or a date such as ``2026-11-25``: the
    moment entries must be newer than, in UTC. ValueError for anything else."""
    text = text.strip()
    match = _DURATION.fullmatch(text)
    if match:
        return (now or datetime.now(UTC)) - float(match.group(1)) * _UNITS[match.group(2).lower()]
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is neither a time such as 7d, 36h or 2w nor a date such as 2026-11-25") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def user_agent() -> str:
    from publisher.version import package_version

    return f"publisher/{package_version()} (+{PROJECT_URL})"
