"""An article as Markdown with YAML front matter: what ``publisher clean`` prints or writes."""

from __future__ import annotations

import dataclasses
import re
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from urllib.parse import unquote, urlsplit

from publisher.model import Article, Figure, Heading, ListBlock, Paragraph, Quote
from publisher.network import FetchRefused, NetworkPolicy, fetch_image

_INLINE_SPECIALS = re.compile(r"([\\`*_\[\]<>&!])")
_LINE_START_SPECIALS = re.compile(r"^(\s*)([#>+\-=|~]|\d+[.)])")


def article_to_markdown(article: Article, fetched: Mapping[str, str] | None = None) -> str:
    """``fetched``: what ``publisher fetch`` adds to the front matter (``fetched``,
    ``fetched_from``, ``etag``, ``last_modified``), after what the article says."""
    meta: dict[str, object] = {"title": article.title}
    if article.kicker:
        meta["kicker"] = article.kicker
    if article.subtitle:
        meta["subtitle"] = article.subtitle
    if article.published:
        meta["date"] = article.published.value.isoformat()
        meta["date_printed"] = article.published.printed
    if article.authors:
        meta["authors"] = list(article.authors)
    if article.source.name:
        meta["source"] = article.source.name
    if article.source.url:
        meta["url"] = article.source.url
    meta["language"] = article.language
    if article.lead:
        meta["lead"] = article.lead
    meta.update({key: value for key, value in (fetched or {}).items() if value})
    import yaml  # here, not at the top: every command imports this module, few write Markdown

    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=100_000)
    blocks = [_block_to_markdown(block) for block in article.body]
    return f"---\n{front}---\n\n" + "\n\n".join(blocks) + "\n"


def _ignore(_: str) -> None:
    return None


ImageFetcher = Callable[[str, Path, NetworkPolicy], Path]


def write_markdown_article(
    article: Article, out_dir: Path, stem: str, *, network: NetworkPolicy = NetworkPolicy(),
    warn: Callable[[str], None] = _ignore, fetch: ImageFetcher = fetch_image, fetched: Mapping[str, str] | None = None,
    markdown_name: str | None = None,
) -> tuple[Path, list[Path]]:
    """Write ``article`` as ``out_dir/STEM.md``, with the local images it shows copied into
    ``out_dir/STEM_files/`` and its figures pointing there: the folder builds on its own
    (a build reads no image outside the publication's folder). When ``network`` allows it,
    the remote images are downloaded there too, through the build's own gate
    (``publisher.network``). Returns the Markdown file and the images placed; an image that
    is not there keeps its path, one not downloaded its address (a warning says why), and
    the build says so. ``fetch`` downloads one image (``publisher fetch`` gives its own,
    polite one); ``fetched`` goes into the front matter; ``markdown_name`` replaces
    ``STEM.md``."""
    from publisher.writers import write_atomically

    images = out_dir / f"{stem}_files"
    placed: dict[Path | str, str | None] = {}  # a local file or a URL: its name in ``images`` (None: not downloaded)
    body = []
    with tempfile.TemporaryDirectory(prefix="publisher-fetched-") as scratch:
        for block in article.body:
            source = _local_image(block, article.path) or _remote_image(block, network)
            if source is not None and source not in placed:
                data, name = _image_data(source, Path(scratch), network, warn, article.path, fetch)
                if data is None:
                    placed[source] = None
                else:
                    placed[source] = free = _free_name(name, {n for n in placed.values() if n})
                    write_atomically(data, images / free)
            # Only a figure has an image (``source``).
            if source is not None and isinstance(block, Figure) and (placed_name := placed[source]) is not None:
                block = dataclasses.replace(block, src=f"{images.name}/{placed_name}")
            body.append(block)
    target = out_dir / (markdown_name or f"{stem}.md")
    write_atomically(article_to_markdown(dataclasses.replace(article, body=tuple(body)), fetched).encode("utf-8"), target)
    return target, [images / name for name in placed.values() if name]


def _remote_image(block: object, network: NetworkPolicy) -> str | None:
    """The http(s) address of a figure's image, when the user lets it be downloaded."""
    if not network.allowed or not isinstance(block, Figure) or not block.src:
        return None
    return block.src if urlsplit(block.src).scheme.lower() in ("http", "https") else None


def _image_data(
    source: Path | str, scratch: Path, network: NetworkPolicy, warn: Callable[[str], None], article_path: Path | None,
    fetch: ImageFetcher,
) -> tuple[bytes | None, str]:
    """The bytes of a local image or of a downloaded one, and a name for them."""
    if isinstance(source, Path):
        return source.read_bytes(), source.name
    try:
        fetched = fetch(source, scratch, network)
    except FetchRefused as refused:
        warn(f"{article_path or 'article'}: image not downloaded ({refused}); it keeps its address: {source}")
        return None, ""
    # The address's own file name, with the suffix of what was really sent.
    stem = Path(unquote(urlsplit(source).path).rsplit("/", 1)[-1]).stem or "image"
    return fetched.read_bytes(), stem + fetched.suffix


def _local_image(block: object, article_path: Path | None) -> Path | None:
    """The image file a figure's ``src`` names in its article's folder, if there is one."""
    if not isinstance(block, Figure) or not block.src or article_path is None:
        return None
    from publisher.assemble import IMAGE_SUFFIXES, local_source

    folder = article_path.parent.resolve()
    path = local_source(block.src, folder)
    if path is None or folder not in path.parents:  # as a build, read nothing outside the article's folder
        return None
    return path if path.suffix.lower() in IMAGE_SUFFIXES and path.is_file() else None


_UNSAFE_IN_NAME = re.compile(r"[^\w.\-]")


def _free_name(name: str, taken: set[str]) -> str:
    """``name`` with what a Markdown link would need escaped replaced, and numbered if taken."""
    name = _UNSAFE_IN_NAME.sub("_", name)
    stem, dot, suffix = name.rpartition(".")
    candidate, number = name, 1
    while candidate in taken:
        number += 1
        candidate = f"{stem}-{number}{dot}{suffix}" if dot else f"{name}-{number}"
    return candidate


def _block_to_markdown(block: object) -> str:
    match block:
        case Heading(text=text, level=level):
            return "#" * level + " " + _escape(text)
        case Paragraph(text=text):
            return _escape_block(text)
        case Figure(caption=caption, src=src):
            return f"![{_escape(caption)}]({_escape_url(src or '')})"
        case Quote(text=text):
            return "> " + _escape(text)
        case ListBlock(items=items, ordered=ordered):
            return "\n".join((f"{n}. " if ordered else "- ") + _escape(item) for n, item in enumerate(items, 1))
    raise TypeError(f"unknown block {block!r}")


def _escape(text: str) -> str:
    return _INLINE_SPECIALS.sub(r"\\\1", text)


def _escape_block(text: str) -> str:
    return _LINE_START_SPECIALS.sub(_escape_line_start, _escape(text))


def _escape_line_start(m: re.Match[str]) -> str:
    if len(m.group(2)) == 1:
        return m.group(1) + "\\" + m.group(2)
    return m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1]


def _escape_url(url: str) -> str:
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
