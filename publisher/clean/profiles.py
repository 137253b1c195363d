"""Site profiles: what a site prints around its articles, kept as data (TOML files).

A profile adds words to the common Vietnamese one; it never replaces the general rules.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from publisher.clean.lines import line_key
from publisher.clean.selectors import Selectors, parse_selectors
from publisher.errors import InputError

_COUNT = re.compile(r"^\d+\s*|\s+\d+$")


def _key(text: str) -> str:
    return line_key(text)


@dataclass(frozen=True)
class SiteProfile:
    name: str
    domains: tuple[str, ...] = ()
    title_suffixes: tuple[str, ...] = ()
    chrome_lines: frozenset[str] = frozenset()
    end_markers: frozenset[str] = frozenset()
    caption_cues: tuple[str, ...] = ()
    attribution_prefixes: tuple[str, ...] = ()
    byline_prefixes: tuple[str, ...] = ()  # the words before a byline's names ("By", "Von", "Por")
    according_to_prefixes: tuple[str, ...] = ()  # "Theo": a source, or the author when a person's name follows
    agency_prefixes: tuple[str, ...] = ()
    max_subheading_words: int = 16
    thread_lines: frozenset[str] = frozenset()  # lines that mark posts of a forum or Q&A page
    teaser_markers: frozenset[str] = frozenset()  # "Xem tiếp", "Read more": under a story's first paragraph on a homepage
    timezone: str | None = None  # the site's time zone (+07:00), given to dates printed without one
    selectors: Selectors = field(default_factory=Selectors)  # where the site's markup puts an article's parts

    @cached_property
    def byline_pattern(self) -> re.Pattern[str]:
        """A byline's opening words, longest first, any case: a label ending with a colon,
        or a word followed by a space (``By`` opens ``By Jane``, not ``Bystanders``)."""
        labels = "|".join(re.escape(label) for label in self.byline_prefixes) or "(?!)"
        return re.compile(rf"((?:{labels}))(?:(?<=:)|(?= ))", re.IGNORECASE)

    def is_thread_line(self, line: str) -> bool:
        return _key(line) in self.thread_lines

    def is_chrome(self, line: str) -> bool:
        """A chrome line, or a line of chrome labels run together with bars and counts
        ("Posted in News | Permalink | 10 Comments")."""
        key = _key(line)
        if key in self.chrome_lines or _COUNT.sub("", key) in self.chrome_lines:
            return True  # "0 Bình luận", "0CHIA SẺ": a widget's label after its count
        if "|" not in key:
            return False
        parts = [_COUNT.sub("", part).strip() for part in key.split("|")]
        return sum(part in self.chrome_lines for part in parts if part) >= max(2, len(parts) - 1)

    def is_teaser_marker(self, line: str) -> bool:
        return _key(line) in self.teaser_markers

    def is_end_marker(self, line: str) -> bool:
        return _key(line) in self.end_markers

    def merged_with(self, site: SiteProfile) -> SiteProfile:
        """This (common) profile with a site's words added (or another common file's)."""
        return SiteProfile(
            name=site.name,
            domains=site.domains,
            title_suffixes=site.title_suffixes,
            chrome_lines=self.chrome_lines | site.chrome_lines,
            end_markers=self.end_markers | site.end_markers,
            caption_cues=self.caption_cues + site.caption_cues,
            attribution_prefixes=self.attribution_prefixes + site.attribution_prefixes,
            byline_prefixes=_longest_first(self.byline_prefixes + site.byline_prefixes),
            according_to_prefixes=self.according_to_prefixes + site.according_to_prefixes,
            agency_prefixes=self.agency_prefixes + site.agency_prefixes,
            max_subheading_words=site.max_subheading_words or self.max_subheading_words,
            thread_lines=self.thread_lines | site.thread_lines,
            teaser_markers=self.teaser_markers | site.teaser_markers,
            timezone=site.timezone or self.timezone,
            selectors=site.selectors,
        )


@dataclass(frozen=True)
class ProfileSet:
    common: SiteProfile
    sites: tuple[SiteProfile, ...]
    # The digest of the profiles' files: what a cache of cleaned articles is keyed by (the
    # sets' own repr changes order from one process to the next).
    source_digest: str = field(default="", compare=False)

    def for_site_name(self, name: str | None) -> SiteProfile:
        """The common profile merged with the site whose title suffix is ``name``."""
        if name:
            wanted = _key(name)
            for site in self.sites:
                if wanted in {_key(s) for s in site.title_suffixes} or wanted == _key(site.name):
                    return self.common.merged_with(site)
        return self.common

    def for_address(self, url: str | None) -> SiteProfile | None:
        """The common profile merged with the site whose domain serves ``url``."""
        host = (urlsplit(url).hostname or "").lower() if url else ""
        if not host:
            return None
        for site in self.sites:
            if any(host == domain.lower() or host.endswith("." + domain.lower()) for domain in site.domains):
                return self.common.merged_with(site)
        return None

    def known_site_names(self) -> frozenset[str]:
        return frozenset(_key(s) for site in self.sites for s in (site.name, *site.title_suffixes))


def parse_profile(text: str, origin: str) -> SiteProfile:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"invalid site profile: {error}", origin) from None
    site = data.get("site", {})
    chrome = data.get("chrome", {})
    structure = data.get("structure", {})
    return SiteProfile(
        name=site.get("name", origin),
        domains=tuple(site.get("domains", ())),
        title_suffixes=tuple(site.get("title_suffixes", ())),
        chrome_lines=frozenset(_key(s) for s in chrome.get("lines", ())),
        end_markers=frozenset(_key(s) for s in chrome.get("end_markers", ())),
        caption_cues=tuple(structure.get("caption_cues", ())),
        attribution_prefixes=tuple(structure.get("attribution_prefixes", ())),
        byline_prefixes=_longest_first(tuple(structure.get("byline_prefixes", ()))),
        according_to_prefixes=tuple(structure.get("according_to_prefixes", ())),
        agency_prefixes=tuple(structure.get("agency_prefixes", ())),
        max_subheading_words=int(structure.get("max_subheading_words", 0)),
        thread_lines=frozenset(_key(s) for s in data.get("not_article", {}).get("thread_lines", ())),
        teaser_markers=frozenset(_key(s) for s in data.get("not_article", {}).get("teaser_markers", ())),
        timezone=site.get("timezone"),
        selectors=parse_selectors(data.get("selectors"), origin),
    )


def _read_profile(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read the site profile: {error}", path) from None


def _longest_first(prefixes: tuple[str, ...]) -> tuple[str, ...]:
    """"Written by" is tried before "By"."""
    return tuple(sorted(dict.fromkeys(prefixes), key=len, reverse=True))


def load_profiles(extra_dirs: tuple[Path, ...] = ()) -> ProfileSet:
    """The shipped profiles, plus any ``*.toml`` in ``extra_dirs`` (a user's own sites)."""
    common: SiteProfile | None = None
    sites: list[SiteProfile] = []
    shipped = resources.files("publisher") / "profiles"
    sources = [(entry.name, entry.read_text(encoding="utf-8")) for entry in shipped.iterdir() if entry.name.endswith(".toml")]
    for folder in extra_dirs:
        if not folder.is_dir():
            raise InputError("no such folder of site profiles", folder)
        sources += [(str(p), _read_profile(p)) for p in sorted(folder.glob("*.toml"))]
    for origin, text in sorted(sources, key=lambda item: item[0]):
        profile = parse_profile(text, origin)
        if profile.name == "common":
            # Several files make the common profile: one per language's words.
            common = profile if common is None else common.merged_with(profile)
        else:
            sites.append(profile)
    assert common is not None, "the common profile ships with publisher"
    fingerprint = hashlib.sha256(repr(sorted(sources)).encode("utf-8")).hexdigest()
    return ProfileSet(common=common, sites=tuple(sites), source_digest=fingerprint)
