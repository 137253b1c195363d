"""Assembly: article files (and a manifest, when there is one) into a Publication."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from urllib.parse import unquote, urlsplit

from publisher.article_files import is_article_file, natural_key, web_address_error
from publisher.cache import Cache
from publisher.clean.profiles import ProfileSet, load_profiles
from publisher.errors import InputError, NotAnArticleError
from publisher.ingest.remembered import ArticleReader
from publisher.manifest import MANIFEST_NAME, Manifest, load_manifest
from publisher.model import Article, Figure, Publication, Section, instant
from publisher.network import FetchRefused, NetworkPolicy, fetch_image
from publisher.outputs import is_output

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp")
Warn = Callable[[str], None]


def _ignore(_: str) -> None:
    return None


def load_publication(
    path: Path,
    profiles: ProfileSet | None = None,
    warn: Warn = _ignore,
    network: NetworkPolicy = NetworkPolicy(),
    fetch_folder: Path | None = None,
    cache: Cache | None = None,
    *,
    as_article: bool = False,
) -> Publication:
    """A publication from one article file, a folder of articles, or a folder with a manifest.
    With a cache, an article file read before is not cleaned again. ``as_article``: the user
    knows each page is an article (what would refuse one is a warning instead)."""
    reader = ArticleReader(profiles or load_profiles(), cache, as_article=as_article)
    if path.is_file():
        publication = _single_article_publication(_read_one(path, reader, warn), path.parent)
    elif not path.is_dir():
        raise web_address_error(path) or InputError("no such file or folder", path)
    elif (path / MANIFEST_NAME).is_file():
        publication = _from_manifest(load_manifest(path / MANIFEST_NAME), reader, warn)
    else:
        publication = _from_folder(path, reader, warn)
    return attach_images(publication, warn, network, fetch_folder)


def article_files(folder: Path, warn: Warn = _ignore) -> list[Path]:
    """The article files directly in ``folder``, in natural name order (2 before 10),
    without the outputs of earlier builds (``publisher.outputs``).

    A symbolic link that leads out of the folder is skipped with a warning.
    """
    root = folder.resolve()
    files = []
    articles = (p for p in folder.iterdir() if is_article_file(p) and not is_output(p))
    for path in sorted(articles, key=natural_key):
        if root not in path.resolve().parents:
            warn(f"skipped: {path} links to a file outside the folder")
            continue
        files.append(path)
    return files


def _read_one(path: Path, reader: ArticleReader, warn: Warn) -> Article:
    result = reader.read(path)
    for message in result.warnings:
        warn(f"{path}: {message}")
    return result.article


def _read_all(paths: list[Path], reader: ArticleReader, warn: Warn) -> list[Article]:
    articles = []
    for article_path in paths:
        try:
            articles.append(_read_one(article_path, reader, warn))
        except NotAnArticleError as error:
            warn(f"skipped: {error}")
    return articles


def _from_folder(folder: Path, reader: ArticleReader, warn: Warn) -> Publication:
    articles = _read_all(article_files(folder, warn), reader, warn)
    if not articles:
        raise InputError("the folder holds no article files (.txt, .md, .html)", folder)
    if len(articles) == 1:
        return _single_article_publication(articles[0], folder)
    dates = [a.published.value for a in articles if a.published]
    return Publication(
        title=_title_from_folder(folder),
        articles=tuple(articles),
        date=max(dates, key=instant) if dates else None,
        language=main_language(articles),
        folder=folder,
    )


def _from_manifest(manifest: Manifest, reader: ArticleReader, warn: Warn) -> Publication:
    if manifest.sections:
        groups = [(spec.title, _read_all(list(spec.articles), reader, warn)) for spec in manifest.sections]
    else:
        groups = [(None, _read_all(article_files(manifest.folder, warn), reader, warn))]
    articles = tuple(article for _, group in groups for article in group)
    if not articles:
        raise InputError("the publication has no articles", manifest.path)
    dates = [a.published.value for a in articles if a.published]
    return Publication(
        title=manifest.title,
        subtitle=manifest.subtitle,
        articles=articles,
        sections=tuple(Section(title=title, size=len(group)) for title, group in groups if group),
        date=manifest.date or (max(dates, key=instant) if dates else None),
        authors=manifest.editors,
        editors=manifest.editors,
        publisher=manifest.publisher,
        language=manifest.language or main_language(articles),
        layout=manifest.layout or "bulletin",
        issue=manifest.issue,
        layout_options=manifest.layout_options,
        formats=manifest.formats,
        cover=manifest.cover,
        cover_image=manifest.cover_image,
        folder=manifest.folder,
    )


def main_language(articles: Sequence[Article]) -> str:
    """The language most of ``articles`` are in (of a tie, the one that comes first)."""
    counts = Counter(article.language for article in articles)
    return max(counts, key=counts.__getitem__)


def _single_article_publication(article: Article, folder: Path) -> Publication:
    return Publication(
        title=article.title,
        articles=(article,),
        date=article.published.value if article.published else None,
        authors=article.authors,
        publisher=article.source.name,
        language=article.language,
        folder=folder,
    )


def _title_from_folder(path: Path) -> str:
    name = re.sub(r"[-_]+", " ", path.resolve().name).strip()
    return name[:1].upper() + name[1:] if name else "Publication"


def attach_images(
    publication: Publication, warn: Warn = _ignore, network: NetworkPolicy = NetworkPolicy(), fetch_folder: Path | None = None
) -> Publication:
    """Resolve each figure's image to a local file inside the publication's folder.

    A remote image is fetched only when the network policy allows it; a refused, missing
    or outside image is a warning, and the figure keeps its caption (a figure left with
    neither image nor caption shows nothing, and goes).
    """
    root = (publication.folder or Path.cwd()).resolve()

    def resolve(article: Article) -> Article:
        blocks = []
        for block in article.body:
            if isinstance(block, Figure) and block.src and block.image is None:
                block = dataclasses.replace(block, image=_image(block.src, article, root, warn, network, fetch_folder))
                if block.image is None and not block.caption:
                    continue
            blocks.append(block)
        return dataclasses.replace(article, body=tuple(blocks))

    roots = publication.resource_roots + ((fetch_folder,) if fetch_folder and network.allowed else ())
    return dataclasses.replace(publication, articles=tuple(resolve(a) for a in publication.articles), resource_roots=roots)


def local_source(src: str, base: Path) -> Path | None:
    """The file a relative path or ``file:`` URL names from ``base`` (resolved, symlinks
    too); None for any other scheme."""
    parts = urlsplit(src)
    if (parts.scheme and parts.scheme.lower() != "file") or src.startswith("data:"):
        return None
    return (base / unquote(parts.path if parts.scheme else src)).resolve()


def _image(src: str, article: Article, root: Path, warn: Warn, network: NetworkPolicy, fetch_folder: Path | None) -> Path | None:
    where = article.path or "article"
    scheme = urlsplit(src).scheme.lower()
    if scheme in ("http", "https"):
        if not network.allowed or fetch_folder is None:
            warn(f"{where}: remote image not fetched (its caption stays; --allow-network fetches it): {src}")
            return None
        try:
            return fetch_image(src, fetch_folder, network)
        except FetchRefused as refused:
            warn(f"{where}: image refused ({refused}): {src}")
            return None
    candidate = local_source(src, article.path.parent if article.path else root)
    if candidate is None:
        warn(f"{where}: image refused (only local files): {src[:80]}")
        return None
    if candidate != root and root not in candidate.parents:
        warn(f"{where}: image outside the publication's folder refused: {src}")
        return None
    if not candidate.is_file():
        warn(f"{where}: image not found (its caption stays): {src}")
        return None
    if candidate.suffix.lower() not in IMAGE_SUFFIXES:
        warn(f"{where}: not a JPEG, PNG, GIF or WebP image: {src}")
        return None
    return candidate
