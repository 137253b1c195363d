"""Where a saved page's picture really is: the address its ``<img>`` shows once the page's
scripts have run, and the page's own address to resolve it against.

Sites load pictures lazily: ``src`` holds a placeholder (a ``data:`` GIF, a blank image)
and the real address waits in a ``data-`` attribute or a ``srcset``. Tracking pixels
(1x1) are no pictures.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from lxml import etree

# Lazy-loading scripts' attributes, most common first; each holds one address.
_LAZY_ADDRESSES = (
    "data-src", "data-original", "data-lazy-src", "data-lazy", "data-url", "data-echo", "data-original-src",
    "data-full-src", "data-hi-res-src", "data-orig-file", "data-large-file", "data-actualsrc", "data-img-src",
    "data-lazyload",
)
# ... and those that hold a srcset.
_LAZY_SRCSETS = ("data-srcset", "data-lazy-srcset", "data-original-srcset")
# What a build embeds; a <picture> offers other formats (AVIF, JPEG XL) beside these.
_USABLE_TYPES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp"})
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.I)
_PIXELS = re.compile(r"^\s*(\d+)")


def image_address(element: etree._Element, base_url: str | None, folder: Path | None = None) -> str | None:
    """The address of the picture an ``<img>`` shows: from its lazy-loading attributes,
    the largest candidate of its ``srcset`` or of its ``<picture>``'s sources, else its
    ``src``. Resolved against ``base_url``, except a relative address that names a file
    inside ``folder`` (a page saved complete, with ``page_files/``): that stays as
    written. None for a tracking pixel, or when only placeholders are there."""
    if _is_tracking_pixel(element):
        return None
    address = _chosen_address(element)
    return resolve_address(address, base_url, folder) if address else None


def resolve_address(address: str, base_url: str | None, folder: Path | None = None) -> str:
    """``address`` absolute against ``base_url``, unless it names a local file in ``folder``;
    a relative address with neither stays as written."""
    if _SCHEME.match(address):
        return address
    if address.startswith("//"):  # protocol-relative: the page's scheme, else https
        return f"{urlsplit(base_url).scheme if base_url else 'https'}:{address}"
    if folder is not None and local_image(address, folder) is not None:
        return address
    return urljoin(base_url, address).replace(" ", "%20") if base_url else address


def local_image(address: str, folder: Path) -> str | None:
    """The path (relative to ``folder``, decoded) of the file a relative ``address`` names
    inside ``folder``; None for a URL, a missing file or one outside the folder."""
    if not address or _SCHEME.match(address) or address.startswith("//"):
        return None
    relative = unquote(address.split("?", 1)[0].split("#", 1)[0])
    if not relative:
        return None
    root = folder.resolve()
    candidate = (root / relative).resolve()
    if root not in candidate.parents:
        return None
    return relative if candidate.is_file() else None


def page_base_url(root: etree._Element) -> str | None:
    """The page's own address, which its relative links are relative to: ``<base href>``
    (itself resolved against what follows), else the canonical link, else ``og:url``."""
    document = _web_address(_canonical(root)) or _web_address(_og_url(root))
    base = next((element.get("href") for element in root.iter("base") if element.get("href")), None)
    if base:
        resolved = _web_address(urljoin(document or "", base.strip()))
        if resolved:
            return resolved
    return document


def _chosen_address(element: etree._Element) -> str | None:
    """Lazy srcsets, then lazy single addresses, then ``srcset``, then the ``<picture>``'s
    sources, then ``src``: what the page shows, largest where it offers sizes."""
    # The attributes read at once: most of the twenty names asked for are not there.
    attributes = dict(element.items())
    for name in _LAZY_SRCSETS:
        if (srcset := attributes.get(name)) and (found := largest_candidate(srcset)):
            return found
    for name in _LAZY_ADDRESSES:
        if (value := attributes.get(name)) and _usable(value := value.strip()):
            return value
    if (srcset := attributes.get("srcset")) and (found := largest_candidate(srcset)):
        return found
    if found := _picture_source(element):
        return found
    src = (attributes.get("src") or "").strip()
    return src if _usable(src) else None


def _picture_source(element: etree._Element) -> str | None:
    # libxml2 knows no <source>: it nests each in the one before, and the <img> in the last.
    picture = next(element.iterancestors("picture"), None)
    if picture is None:
        return None
    for source in picture.iter("source"):
        kind = (source.get("type") or "").strip().lower()
        if kind and kind not in _USABLE_TYPES:
            continue
        for name in (*_LAZY_SRCSETS, "srcset"):
            if found := largest_candidate(source.get(name)):
                return found
    return None


def largest_candidate(srcset: str | None) -> str | None:
    """The address of a ``srcset``'s largest candidate: by width (``800w``) when the set
    gives widths, else by density (``2x``; none is ``1x``). Placeholders are skipped."""
    best: tuple[tuple[int, float], str] | None = None
    for address, descriptors in _candidates(srcset or ""):
        size = _size(descriptors)
        if size is not None and _usable(address) and (best is None or size > best[0]):
            best = (size, address)
    return best[1] if best else None


def _candidates(srcset: str) -> Iterator[tuple[str, str]]:
    """(address, descriptors) pairs, split as browsers do: an address is a run without
    spaces (a ``data:`` URL holds commas), descriptors run to the next comma."""
    position, end = 0, len(srcset)
    while position < end:
        while position < end and (srcset[position].isspace() or srcset[position] == ","):
            position += 1
        start = position
        while position < end and not srcset[position].isspace():
            position += 1
        address = srcset[start:position]
        if not address:
            return
        if address.endswith(","):
            yield address.rstrip(","), ""
            continue
        start, depth = position, 0
        while position < end and (srcset[position] != "," or depth):
            if srcset[position] == "(":
                depth += 1
            elif srcset[position] == ")":
                depth = max(depth - 1, 0)
            position += 1
        yield address, srcset[start:position].strip()
        position += 1


def _size(descriptors: str) -> tuple[int, float] | None:
    """A width outranks any density; None for descriptors that make no sense."""
    size = (0, 1.0)
    for token in descriptors.lower().split():
        try:
            if token.endswith("w"):
                size = (1, float(int(token[:-1])))
            elif token.endswith("x"):
                size = max(size, (0, float(token[:-1])))
        except ValueError:
            return None
    return size


def _usable(address: str) -> bool:
    """An http(s) URL, or a relative one; never a ``data:`` placeholder or another scheme."""
    if not address or address.startswith("#"):
        return False
    scheme = _SCHEME.match(address)
    return scheme is None or scheme.group(1).lower() in ("http", "https")


def _is_tracking_pixel(element: etree._Element) -> bool:
    sizes = [_PIXELS.match(element.get(name) or "") for name in ("width", "height")]
    return all(size is not None and int(size.group(1)) <= 1 for size in sizes)


def _canonical(root: etree._Element) -> str | None:
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            return link.get("href")
    return None


def _og_url(root: etree._Element) -> str | None:
    for meta in root.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").strip().lower() == "og:url" and meta.get("content"):
            return meta.get("content")
    return None


def _web_address(address: str | None) -> str | None:
    """``address`` when it is an absolute http(s) URL."""
    if not address:
        return None
    try:
        parts = urlsplit(address.strip())
    except ValueError:  # an unclosed IPv6 bracket
        return None
    return address.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


# Site furniture drawn as pictures: what an image's own file name, its declared or addressed
# size, or the element around it says it is. Each alone is evidence enough.
_FURNITURE_WORDS = r"icons?|ico|logos?|sprites?|avatars?|gravatar|badges?|buttons?|btn|loader|spinner|spacer|pixel|overlay|emoji"
# Words a photo's name may hold too (``social-media-summit.jpg``, ``share-prices.jpg``): furniture
# only in a drawing's format (PNG, GIF, SVG), never in a photo's (JPEG, WebP).
_GRAPHIC_WORDS = r"share|sharing|social|authors?"
_GRAPHIC_FORMATS = (".png", ".gif", ".svg")


def _path_words(words: str) -> re.Pattern[str]:
    """A word of the file's name or of a folder of its address: ``icon_twitter.png``,
    ``Icons-Blog-Footer/twitter.svg``, ``img/share/reddit.png``, ``ajax-loader.gif``."""
    return re.compile(rf"(?:^|[/_\-.\s]|(?<=[a-z])(?=[A-Z]))(?:{words})(?=$|[/_\-.\s\dA-Z])", re.I)


_FURNITURE_PATH = _path_words(_FURNITURE_WORDS)
_GRAPHIC_PATH = _path_words(_GRAPHIC_WORDS)
# The purpose an ancestor's class or id names: a share bar, a follow box, an avatar, a logo,
# the author's box by the byline.
_FURNITURE_CLASS = re.compile(
    r"(?:^|[\s_\-])(?:share|sharing|social|follow|icons?|avatars?|logos?|author|byline|gravatar|profile-?pic)"
    r"(?=$|[\s_\-\d])",
    re.I,
)
# Share endpoints, as the networks document them for a "share this" link.
_SHARE_LINK = re.compile(
    r"sharer|/share(?=[/?_.]|$)|/intent/|sharearticle|/pin/create|/submit\?|/send\?|addtoany|addthis|sharethis|^mailto:|^whatsapp:",
    re.I,
)
_SMALL_PIXELS = 120  # neither side of a news photo is this small once printed
_STRIP_PIXELS = 16  # a side this thin is a line or a border, whatever the other
_LARGE_PIXELS = 250  # a picture declared this large is shown as the article's, whatever wraps it
_BOX_TEXT = 400  # characters of text a share bar's or an author's box holds at most
_DECLARED_PIXELS = re.compile(r"^\s*(\d+)\s*(?:px)?\s*$", re.I)
# A size written into the address: ``/40x40/``, ``?s=64`` (a square), ``?w=105&h=105``, ``resize=96,96``.
_ADDRESS_SQUARE = re.compile(r"(?:^|[/_\-])(\d{1,4})x(\d{1,4})(?=$|[/_\-.])", re.I)
_ADDRESS_SIDE = re.compile(r"[?&](?:s|size)=(\d{1,4})(?=$|&)", re.I)
_ADDRESS_PAIR = re.compile(r"[?&](?:resize|fit)=(\d{1,4})(?:,|%2C)(\d{1,4})", re.I)
_ADDRESS_WIDTH = re.compile(r"[?&](?:w|width)=(\d{1,4})(?=$|&)", re.I)
_ADDRESS_HEIGHT = re.compile(r"[?&](?:h|height)=(\d{1,4})(?=$|&)", re.I)
_LEAST_SQUARE = 10  # below this, ``?s=2`` is a version or a page, not a size
_ANCESTOR_DEPTH = 4  # how far up a share bar's or an avatar box's class is looked for


def furniture_evidence(element: etree._Element, address: str) -> str | None:
    """What says an ``<img>`` showing ``address`` is site furniture (a share button, an
    avatar, a logo, a loader, a play overlay), not a picture of the article; None when
    nothing does. The first evidence found is named, for the record."""
    if _attribute(element, "role") == "presentation" or _attribute(element, "aria-hidden") == "true":
        return "marked decorative"
    if _is_small(_declared_size(element)):
        return "declared small"
    if _is_small(_address_size(address)):
        return "small in its address"
    path = urlsplit(address).path
    if _FURNITURE_PATH.search(path) or (path.lower().endswith(_GRAPHIC_FORMATS) and _GRAPHIC_PATH.search(path)):
        return "named furniture"
    if _is_large(_declared_size(element)):
        return None  # a "Pin it" link or a gallery's share box wraps the article's own photos
    for depth, ancestor in enumerate(element.iterancestors()):
        if depth >= _ANCESTOR_DEPTH:
            break
        if ancestor.tag == "a" and _SHARE_LINK.search(ancestor.get("href") or ""):
            return "a share link"
        if _FURNITURE_CLASS.search(f"{ancestor.get('class') or ''} {ancestor.get('id') or ''}") and _holds_little_text(ancestor):
            return "in furniture's box"
    return None


def _attribute(element: etree._Element, name: str) -> str:
    return (element.get(name) or "").strip().lower()


def _holds_little_text(element: etree._Element) -> bool:
    """A share bar, an avatar or a logo box holds a few words; an ``<article>`` whose class
    names its author (``author-jane``) holds the text."""
    length = 0
    for text in element.itertext():
        length += len(text.strip())
        if length > _BOX_TEXT:
            return False
    return True


def _is_large(size: tuple[int | None, int | None]) -> bool:
    return any(side and side >= _LARGE_PIXELS for side in size)


def _is_small(size: tuple[int | None, int | None]) -> bool:
    """Every known side small (an icon, a headshot), or one side a rule's thickness (a
    separator line, a box's border drawn as a picture). A side of 0 is no size: resizers
    write ``700x0`` for "700 wide, height to match"."""
    known = [side for side in size if side]
    return bool(known) and (max(known) <= _SMALL_PIXELS or min(known) <= _STRIP_PIXELS)


def _declared_size(element: etree._Element) -> tuple[int | None, int | None]:
    """``width`` and ``height`` in pixels (an inline style's sizes do not pass the sanitiser)."""
    sides = [_DECLARED_PIXELS.match(element.get(name) or "") for name in ("width", "height")]
    width, height = (int(side.group(1)) if side else None for side in sides)
    return width, height


def _address_size(address: str) -> tuple[int | None, int | None]:
    """A size the address asks for, when it gives both sides (a single width is often a
    lazy loader's blurred placeholder of a large photo) or one side of a square."""
    parts = urlsplit(address)
    if found := _ADDRESS_SQUARE.search(parts.path):
        return int(found.group(1)), int(found.group(2))
    query = f"?{parts.query}"
    if found := _ADDRESS_PAIR.search(query):
        return int(found.group(1)), int(found.group(2))
    if (found := _ADDRESS_SIDE.search(query)) and int(found.group(1)) >= _LEAST_SQUARE:
        return int(found.group(1)), int(found.group(1))
    width, height = _ADDRESS_WIDTH.search(query), _ADDRESS_HEIGHT.search(query)
    if width and height:
        return int(width.group(1)), int(height.group(1))
    return None, None
