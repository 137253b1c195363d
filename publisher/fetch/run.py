"""A whole fetch: the sources read, the articles they list fetched host by host in
parallel and cleaned, duplicates left out, and the folder written.

Each article is decided and written as it comes, while the other hosts are still being
fetched. Which copy of a duplicate is kept does not depend on which host answered first
(the one listed first is, and one written a moment earlier is taken back); the outcomes
are reported in the order the sources list them.
"""

from __future__ import annotations

import dataclasses
import http.client
import queue
import re
import shutil
import tempfile
import threading
from collections.abc import Callable, Generator, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

from publisher.clean.explain import CleanResult
from publisher.clean.profiles import ProfileSet, SiteProfile
from publisher.errors import NotAnArticleError, OutputError, PublisherError
from publisher.fetch.duplicates import SeenArticles, address_key, shingles
from publisher.fetch.http import Client, FetchFailed, Response, RobotsRefused, Validators, origin_of
from publisher.fetch.options import FetchOptions, SourceSpec
from publisher.fetch.record import Fetched, Listing, digest, load_listings, load_record, raw_folder, save_listings, save_record
from publisher.fetch.sources import Entry, SourceFailed, read_source, repair_utf8
from publisher.model import Figure, Source, instant
from publisher.network import FetchRefused, NetworkPolicy, save_image
from publisher.slug import slugify

_CLEANING_THREADS = 2  # the cleaning is Python under one lock: more threads would only wait
_WRITING_THREADS = 3  # enough to keep up with eight hosts: the writing mostly waits on fsync
_PAGE_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"
_IMAGE_ACCEPT = "image/avif,image/webp,image/png,image/jpeg,image/gif;q=0.9,*/*;q=0.5"

# Why an article was skipped, as the summary names it.
ROBOTS, NOT_AN_ARTICLE, DUPLICATE, TOO_OLD = "robots.txt", "not an article", "duplicate", "older than --since"


@dataclass(frozen=True)
class ArticleOutcome:
    """What became of one address (an article's, or a source's that failed)."""

    url: str
    status: str  # "fetched", "unchanged", "skipped" or "failed"
    reason: str = ""  # why it was skipped (ROBOTS, NOT_AN_ARTICLE, DUPLICATE, TOO_OLD)
    message: str = ""  # the details, in plain words
    path: Path | None = None  # the Markdown file written


@dataclass
class FetchSummary:
    outcomes: list[ArticleOutcome] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    def skipped_by_reason(self) -> dict[str, int]:
        reasons: dict[str, int] = {}
        for outcome in self.outcomes:
            if outcome.status == "skipped":
                reasons[outcome.reason] = reasons.get(outcome.reason, 0) + 1
        return reasons

    @property
    def failed(self) -> list[ArticleOutcome]:
        return [outcome for outcome in self.outcomes if outcome.status == "failed"]

    def describe(self) -> str:
        reasons = ", ".join(f"{count} {reason}" for reason, count in sorted(self.skipped_by_reason().items()))
        skipped = f"{self.count('skipped')} skipped" + (f" ({reasons})" if reasons else "")
        return (f"Fetched {self.count('fetched')} article(s): {self.count('unchanged')} unchanged, {skipped}, "
                f"{self.count('failed')} failed")


@dataclass(frozen=True)
class _Page:
    """An article fetched and cleaned, waiting to be decided and written."""

    entry: Entry
    response: Response
    raw: bytes
    result: CleanResult
    images: dict[str, Path | str]  # address: the file fetched, or why it was not
    keys: list[str]  # its addresses (as listed, after redirects, canonical) as duplicates.address_key gives them
    shingles: frozenset[int]  # its text's, for near-identical copies


def _ignore(*_: object) -> None:
    return None


def fetch_sources(
    sources: Sequence[SourceSpec], folder: Path, options: FetchOptions = FetchOptions(), *,
    on_outcome: Callable[[ArticleOutcome], None] = _ignore, on_progress: Callable[[int, int], None] = _ignore,
    warn: Callable[[str], None] = _ignore, client: Client | None = None,
) -> FetchSummary:
    """Fetch every article ``sources`` list into ``folder``: ``NAME.md`` (cleaned, with
    front matter), ``NAME_files/`` (its images) and the raw page under ``.fetched/``. A
    source or an article that fails is an outcome, never an exception."""
    summary = FetchSummary()
    lock = threading.Lock()

    def report(outcome: ArticleOutcome) -> None:
        summary.outcomes.append(outcome)
        on_outcome(outcome)

    def say(message: str) -> None:
        with lock:
            summary.warnings.append(message)
        warn(message)

    from publisher.clean.profiles import load_profiles

    profiles = load_profiles(options.profile_dirs)
    client = client or Client(options)
    record = load_record(folder, say)
    listings = load_listings(folder, say)
    listed_before = dict(listings)
    entries = _listed_entries(sources, client, options, profiles, record, listings, report, say)
    if listings != listed_before:
        save_listings(folder, listings)
    on_progress(0, len(entries))
    decided: dict[int, ArticleOutcome | Future[ArticleOutcome]] = {}
    with (tempfile.TemporaryDirectory(prefix="publisher-fetch-") as scratch,
          ThreadPoolExecutor(_WRITING_THREADS, thread_name_prefix="publisher-fetch-write") as workers):
        writer = _Writer(folder, record, client.policy, say, workers)
        try:
            with closing(_fetch_all(entries, client, options, profiles, record, folder, Path(scratch))) as pages:
                _write_as_they_come(entries, pages, writer, decided, on_progress, say)
        finally:  # what was written is recorded, even when interrupted
            workers.shutdown(wait=True)
            if writer.wrote_any:
                save_record(folder, record)
    for index in sorted(decided):
        outcome = decided[index]
        report(outcome.result() if isinstance(outcome, Future) else outcome)
    return summary


def _write_as_they_come(
    entries: list[Entry], pages: Iterable[tuple[int, _Page | ArticleOutcome]], writer: _Writer,
    decided: dict[int, ArticleOutcome | Future[ArticleOutcome]], on_progress: Callable[[int, int], None],
    say: Callable[[str], None],
) -> None:
    """Decide each article as it comes (a duplicate? of which?) and write it."""
    seen = SeenArticles()
    done = 0
    for index, page in pages:
        done += 1
        on_progress(done, len(entries))
        if isinstance(page, ArticleOutcome):
            decided[index] = page
            continue
        kept = seen.duplicate_of(page.keys, page.shingles)
        if kept is not None and (kept < index or writer.existed_before(entries[kept].url)):
            decided[index] = ArticleOutcome(page.entry.url, "skipped", DUPLICATE, f"the same article as {entries[kept].url}")
            continue
        if kept is not None:  # the one listed first is kept, whichever host answered first
            writer.remove(entries[kept].url)
            seen.forget(kept)
            decided[kept] = ArticleOutcome(entries[kept].url, "skipped", DUPLICATE, f"the same article as {page.entry.url}")
        seen.keep(index, page.keys, page.shingles)
        for message in page.result.warnings:
            say(f"{page.entry.url}: {message}")
        decided[index] = writer.write(page)


def _listed_entries(
    sources: Sequence[SourceSpec], client: Client, options: FetchOptions, profiles: ProfileSet,
    record: dict[str, Fetched], listings: dict[str, Listing], report: Callable[[ArticleOutcome], None],
    say: Callable[[str], None],
) -> list[Entry]:
    """Every source's entries, read in parallel; the ones to fetch, in the sources' order."""
    lock = threading.Lock()

    def listed(spec: SourceSpec) -> list[Entry] | ArticleOutcome:
        if spec.profile and _profile(profiles, spec.profile) is None:
            known = ", ".join(sorted(site.name for site in profiles.sites))
            return ArticleOutcome(spec.location, "failed", message=f"{spec.where or spec.location}: unknown profile "
                                  f"'{spec.profile}' (known: {known})")
        before = record.get(spec.location)
        try:
            entries, listing = read_source(
                spec, client, say, fetched_before=Validators(before.etag, before.last_modified) if before else None,
                listed_before=listings.get(spec.location))
            if listing is not None:
                with lock:
                    listings[spec.location] = listing
            return entries
        except RobotsRefused as refused:
            return ArticleOutcome(spec.location, "skipped", ROBOTS, str(refused))
        except (SourceFailed, FetchFailed) as problem:
            return ArticleOutcome(spec.location, "failed", message=str(problem))

    with ThreadPoolExecutor(max(1, min(options.hosts_at_once, len(sources)))) as pool:
        lists = list(pool.map(listed, sources))
    chosen: list[Entry] = []
    addresses: set[str] = set()
    for spec, found in zip(sources, lists, strict=True):
        if isinstance(found, ArticleOutcome):
            report(found)
            continue
        for entry in _chosen(found, spec, options, report):
            key = address_key(entry.url)
            if key in addresses:
                report(ArticleOutcome(entry.url, "skipped", DUPLICATE, "listed twice"))
                continue
            addresses.add(key)
            chosen.append(entry)
    return chosen


def _chosen(entries: list[Entry], spec: SourceSpec, options: FetchOptions,
            report: Callable[[ArticleOutcome], None]) -> list[Entry]:
    """Those newer than ``since`` (an entry without a date is judged by its page's date),
    newest first, at most ``max``."""
    since = spec.since or options.since
    kept = []
    for entry in entries:
        if since is not None and entry.date is not None and entry.date < since:
            report(ArticleOutcome(entry.url, "skipped", TOO_OLD, f"dated {entry.date:%Y-%m-%d %H:%M} UTC"))
        else:
            kept.append(entry)
    oldest = datetime.min.replace(tzinfo=UTC)
    kept.sort(key=lambda entry: entry.date or oldest, reverse=True)  # stable: undated entries keep their order
    limit = spec.max or options.max_per_source
    return kept[:limit] if limit else kept


def _profile(profiles: ProfileSet, wanted: str) -> SiteProfile | None:
    """The site profile named ``wanted``, or serving that domain."""
    wanted = wanted.strip().casefold()
    return next((site for site in profiles.sites
                 if site.name.casefold() == wanted or wanted in (domain.casefold() for domain in site.domains)), None)


def _profiles_for(profiles: ProfileSet, entry: Entry) -> ProfileSet:
    """With a source's ``profile``, that site profile applies to its pages wherever they are."""
    site = _profile(profiles, entry.source.profile) if entry.source.profile else None
    host = (urlsplit(entry.url).hostname or "").lower()
    if site is None or host in site.domains:
        return profiles
    forced = dataclasses.replace(site, domains=(host, *site.domains))
    return dataclasses.replace(profiles, sites=(forced, *(other for other in profiles.sites if other is not site)))


# Fetching and cleaning, host by host.

def _fetch_all(
    entries: list[Entry], client: Client, options: FetchOptions, profiles: ProfileSet, record: dict[str, Fetched],
    folder: Path, scratch: Path,
) -> Generator[tuple[int, _Page | ArticleOutcome], None, None]:
    """Each entry fetched (one thread per host) and cleaned (on threads of their own, so
    that a host's next request never waits for the cleaning), given back as it is ready:
    the caller writes while the hosts are still being fetched."""
    ready: queue.Queue[tuple[int, _Page | ArticleOutcome]] = queue.Queue()
    stop = threading.Event()  # the caller gave up (an error, Ctrl-C): no more requests
    by_origin: dict[str, list[int]] = {}
    for index, entry in enumerate(entries):
        by_origin.setdefault(origin_of(entry.url), []).append(index)

    def failed(index: int, problem: Exception) -> ArticleOutcome:
        # One article's unforeseen failure is reported, the others go on.
        return ArticleOutcome(entries[index].url, "failed", message=f"{entries[index].url}: {problem!r}")

    def clean(index: int, response: Response) -> None:
        entry = entries[index]
        result: _Page | ArticleOutcome
        try:
            result = _clean_article(entry, response, client, options, _profiles_for(profiles, entry), folder, scratch)
        except Exception as problem:
            result = failed(index, problem)
        ready.put((index, result))

    def fetch_host(indexes: list[int]) -> None:
        for index in indexes:
            if stop.is_set():
                return
            entry = entries[index]
            result: Response | ArticleOutcome
            try:
                result = _request_article(entry, client, record.get(entry.url), folder)
            except Exception as problem:
                result = failed(index, problem)
            if isinstance(result, Response):
                cleaners.submit(clean, index, result)
            else:
                ready.put((index, result))

    if not entries:
        return
    with (ThreadPoolExecutor(_CLEANING_THREADS, thread_name_prefix="publisher-fetch-clean") as cleaners,
          ThreadPoolExecutor(max(1, min(options.hosts_at_once, len(by_origin)))) as hosts):
        for indexes in by_origin.values():
            hosts.submit(fetch_host, indexes)
        try:
            for _ in entries:
                yield ready.get()
        finally:
            stop.set()


def _request_article(entry: Entry, client: Client, previous: Fetched | None, folder: Path) -> Response | ArticleOutcome:
    """The article's page, or what became of it: unchanged, refused, failed."""
    url = entry.url
    if entry.page is not None:
        response = entry.page
    else:
        validators = Validators(previous.etag, previous.last_modified) if previous else None
        try:
            response = client.get(url, validators, accept=_PAGE_ACCEPT)
        except RobotsRefused as refused:
            return ArticleOutcome(url, "skipped", ROBOTS, str(refused))
        except FetchFailed as problem:
            return ArticleOutcome(url, "failed", message=str(problem))
    if response.status == 304 and previous is not None:
        return ArticleOutcome(url, "unchanged", message="not modified (304)", path=folder / previous.markdown)
    if response.status != 200:
        reason = http.client.responses.get(response.status, "an unknown status")
        return ArticleOutcome(url, "failed", message=f"{url}: the server answered {response.status} ({reason})")
    if previous is not None and digest(response.body) == previous.page_digest:
        return ArticleOutcome(url, "unchanged", message="the same page as before", path=folder / previous.markdown)
    return response


def _clean_article(
    entry: Entry, response: Response, client: Client, options: FetchOptions, profiles: ProfileSet, folder: Path,
    scratch: Path,
) -> _Page | ArticleOutcome:
    """The page cleaned, judged by its date, with its images fetched."""
    url = entry.url
    body, broken = repair_utf8(response.body, response.headers.get("content-type", ""))
    raw = _with_base(body, response.url)
    raw_path = raw_folder(folder) / "pages" / (digest(url.encode("utf-8"))[:20] + ".html")
    from publisher.ingest import read_article_bytes

    try:
        result = read_article_bytes(raw, raw_path, profiles, as_article=options.as_article)
    except NotAnArticleError as refused:
        return ArticleOutcome(url, "skipped", NOT_AN_ARTICLE, f"{url}: {refused.message}")
    except PublisherError as problem:
        return ArticleOutcome(url, "failed", message=f"{url}: {problem.message}")
    since = entry.source.since or options.since
    published = result.article.published
    if since is not None and entry.date is None and published is not None and instant(published.value) < since:
        return ArticleOutcome(url, "skipped", TOO_OLD, f"the page is dated {published.printed}")
    images = _fetch_images(result, client, scratch) if options.fetch_images else {}
    if broken:
        replaced = f"{broken} byte(s) that are not UTF-8 replaced by \ufffd"
        result = dataclasses.replace(result, warnings=(*result.warnings, replaced))
    canonical = result.article.source.url
    keys = [address_key(address) for address in dict.fromkeys([url, response.url, *([canonical] if canonical else [])])]
    text = shingles("\n".join(str(getattr(block, "text", "")) for block in result.article.body))
    return _Page(entry, response, raw, result, images, keys, text)


_BASE = re.compile(rb"<base[\s>]", re.IGNORECASE)
_HEAD = re.compile(rb"<head(\s[^>]*)?>", re.IGNORECASE)


def _with_base(body: bytes, url: str) -> bytes:
    """The page with a ``<base href>`` naming where it came from (unless it has one), so
    that it can be cleaned again later with its relative links whole."""
    if body.startswith((b"\xff\xfe", b"\xfe\xff")) or _BASE.search(body[:65536]):
        return body
    head = _HEAD.search(body[:65536])
    if head is None:
        return body
    tag = f'<base href="{escape(url, quote=True)}">'.encode("ascii", "xmlcharrefreplace")
    return body[:head.end()] + tag + body[head.end():]


def _fetch_images(result: CleanResult, client: Client, scratch: Path) -> dict[str, Path | str]:
    images: dict[str, Path | str] = {}
    for block in result.article.body:
        if not isinstance(block, Figure) or not block.src or block.src in images:
            continue
        if not block.src.lower().startswith(("http://", "https://")):
            continue
        try:
            response = client.get(block.src, accept=_IMAGE_ACCEPT)
            if response.status != 200:
                raise FetchRefused(f"the server answered {response.status}")
            images[block.src] = save_image(response.body, response.media_type, block.src, scratch)
        except (FetchFailed, FetchRefused, RobotsRefused) as problem:
            images[block.src] = str(problem)
    return images


# Writing, one article at a time.

class _Writer:
    """Names each article as it is decided (in the caller's thread: names never race),
    then writes its files on a few threads of its own: fsync and the Markdown take longer
    than the decision, and would otherwise hold the next article back."""

    def __init__(self, folder: Path, record: dict[str, Fetched], policy: NetworkPolicy, say: Callable[[str], None],
                 workers: ThreadPoolExecutor):
        self.folder, self.record, self.policy, self.say, self.workers = folder, record, policy, say, workers
        self.names = {entry.markdown for entry in record.values()}
        self.before = set(record)  # the addresses earlier fetches wrote
        self.wrote_any = False
        self.lock = threading.Lock()  # over ``record``, which the writing threads fill
        self.pending: dict[str, Future[ArticleOutcome]] = {}

    def existed_before(self, url: str) -> bool:
        return url in self.before

    def remove(self, url: str) -> None:
        """Take back what this fetch wrote for ``url`` (a duplicate of one listed before it)."""
        if (writing := self.pending.pop(url, None)) is not None:
            writing.result()
        with self.lock:
            written = self.record.pop(url, None)
        if written is None or url in self.before:
            return
        markdown = self.folder / written.markdown
        markdown.unlink(missing_ok=True)
        shutil.rmtree(markdown.with_name(markdown.name.removesuffix(".md") + "_files"), ignore_errors=True)
        (self.folder / written.raw).unlink(missing_ok=True)

    def write(self, page: _Page) -> Future[ArticleOutcome]:
        url = page.entry.url
        with self.lock:
            previous = self.record.get(url)
        try:
            markdown = self.folder / previous.markdown if previous else self._new_name(page)
        except PublisherError as problem:
            failed: Future[ArticleOutcome] = Future()
            failed.set_result(ArticleOutcome(url, "failed", message=f"{url}: {problem}"))
            return failed
        self.wrote_any = True
        self.pending[url] = writing = self.workers.submit(self._write_files, page, markdown, previous)
        return writing

    def _write_files(self, page: _Page, markdown: Path, previous: Fetched | None) -> ArticleOutcome:
        from publisher.export import write_markdown_article
        from publisher.writers import write_atomically

        url = page.entry.url
        article = page.result.article
        if not article.source.url:
            article = dataclasses.replace(article, source=Source(name=article.source.name, url=page.response.url))
        validators = page.response.validators
        fetched = {
            "fetched": datetime.now(UTC).replace(microsecond=0).isoformat(),
            "fetched_from": page.entry.source.label, "etag": validators.etag or "",
            "last_modified": validators.last_modified or "",
        }
        edited = previous is not None and markdown.is_file() and digest(markdown.read_bytes()) != previous.markdown_digest
        raw_path = raw_folder(self.folder) / "pages" / (digest(url.encode("utf-8"))[:20] + ".html")
        try:
            write_atomically(page.raw, raw_path)
            stem = markdown.name.removesuffix(".md")
            # Beside a file the user edited: NAME.md.fetched (not an article file) and its own
            # NAME.fetched_files/, so that nothing the edited file shows is replaced.
            target, _images = write_markdown_article(
                article, markdown.parent, f"{stem}.fetched" if edited else stem, network=self.policy, warn=self.say,
                fetch=self._image_fetcher(page), fetched=fetched,
                markdown_name=markdown.name + ".fetched" if edited else markdown.name,
            )
        except PublisherError as problem:
            return ArticleOutcome(url, "failed", message=f"{url}: {problem}")
        if edited:
            self.say(f"{markdown} was edited since it was fetched: it is kept as it is, and the page's new version "
                     f"is beside it: {target}")
            markdown_digest = previous.markdown_digest if previous else ""
        else:
            markdown_digest = digest(target.read_bytes())
        written = Fetched(
            markdown=markdown.relative_to(self.folder).as_posix(), raw=raw_path.relative_to(self.folder).as_posix(),
            page_digest=digest(page.response.body), markdown_digest=markdown_digest,
            etag=validators.etag, last_modified=validators.last_modified,
        )
        with self.lock:
            self.record[url] = written
        return ArticleOutcome(url, "fetched", path=target, message="updated" if previous else "")

    def _new_name(self, page: _Page) -> Path:
        section = page.entry.source.section
        folder = self.folder / slugify(section) if section else self.folder
        stem = slugify(page.result.article.title)
        # A title taken: the name gets a piece of the address's digest, whichever came first.
        candidates = [stem, f"{stem}-{digest(page.entry.url.encode('utf-8'))[:8]}"]
        candidates += [f"{candidates[1]}-{number}" for number in range(2, 1000)]
        for candidate in candidates:
            path = folder / f"{candidate}.md"
            relative = path.relative_to(self.folder).as_posix()
            if relative not in self.names and not path.exists() and not (folder / f"{candidate}_files").exists():
                self.names.add(relative)
                return path
        raise OutputError(f"no free name for '{stem}.md'", folder)

    @staticmethod
    def _image_fetcher(page: _Page) -> Callable[[str, Path, NetworkPolicy], Path]:
        def fetched(url: str, _folder: Path, _policy: NetworkPolicy) -> Path:
            found = page.images.get(url, "not fetched")
            if isinstance(found, str):
                raise FetchRefused(found)
            return found

        return fetched
