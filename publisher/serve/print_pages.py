"""The print preview's pages: each PDF page named by a digest of what it draws, its number
as printed and its size; images rendered by poppler's ``pdftoppm``, only for pages not
seen before, when first asked for.

pdftoppm rather than pypdfium2: poppler-utils is already what the tests read PDFs back
with (scripts/install-system-deps.sh), so the preview adds no dependency. A page is
rendered in its own process, ``-f N -l N``, as a JPEG: about a tenth of a second a page."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pypdf
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, PdfObject, StreamObject

from publisher.errors import PublisherError
from publisher.timing import mark

IMAGE_WIDTH = 900  # pixels: sharp on a laptop's screen in a column of pages
# JPEG, not PNG: pdftoppm writes a page's JPEG in a tenth of a second and its PNG in two
# thirds (zlib), at the same size (about 280 kB); at this quality text shows no fringes.
JPEG_QUALITY = 92
_FONT_TYPES = frozenset({"/Font", "/FontDescriptor"})
_SKIPPED_KEYS = frozenset({"/Parent", "/StructParents", "/StructParent", "/Annots", "/B"})


@dataclass(frozen=True)
class PrintPage:
    label: str  # the page number as printed (the PDF's /PageLabels)
    digest: str  # SHA-256 of what the page draws: equal digests, equal pictures
    width: float  # points
    height: float


def read_pages(pdf: bytes) -> tuple[PrintPage, ...]:
    """Every page of ``pdf``. A page's digest covers its content streams and resources,
    images and forms included, but of a font only its name without the subset tag: the
    join of a large PDF's parts writes each face once for the whole document, so one new
    character elsewhere changes the font file of every page without changing its picture
    (glyph numbers stay those of the face)."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    labels = reader.page_labels
    digests = _Digests()
    pages = []
    for index, page in enumerate(reader.pages):
        drawn = DictionaryObject({NameObject(key): page.raw_get(key) for key in ("/Contents", "/Resources") if key in page})
        box = page.mediabox
        pages.append(PrintPage(label=labels[index] if index < len(labels) else str(index + 1),
                               digest=digests.of(drawn).hex(), width=float(box.width), height=float(box.height)))
    return tuple(pages)


def first_changed(before: Sequence[PrintPage], after: Sequence[PrintPage]) -> int | None:
    """The index of the first page of ``after`` that differs from ``before``, or None."""
    for index, page in enumerate(after):
        if index >= len(before) or before[index].digest != page.digest:
            return index
    return None


class _Digests:
    """Digests of PDF objects, each indirect object once (fonts and forms are shared)."""

    def __init__(self) -> None:
        self._known: dict[tuple[int, int], bytes] = {}

    def of(self, value: PdfObject | None) -> bytes:
        if isinstance(value, IndirectObject):
            key = (value.idnum, value.generation)
            if key not in self._known:
                self._known[key] = b"(cycle)"
                self._known[key] = self.of(value.get_object())
            return self._known[key]
        digest = hashlib.sha256(type(value).__name__.encode())
        if isinstance(value, DictionaryObject):
            if value.get("/Type") in _FONT_TYPES:
                name = str(value.get("/BaseFont", value.get("/FontName", "")))
                digest.update(name.rpartition("+")[2].encode())
                return digest.digest()
            for key in sorted(value):
                if key not in _SKIPPED_KEYS:
                    digest.update(key.encode() + self.of(value.raw_get(key)))
            if isinstance(value, StreamObject):
                digest.update(value.get_data())
        elif isinstance(value, ArrayObject):
            for item in value:
                digest.update(self.of(item))
        else:
            digest.update(repr(value).encode())
        return digest.digest()


class PageImages:
    """JPEG pictures of pages by digest, rendered from a PDF that has them, each once."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._folder.mkdir(exist_ok=True)
        self._lock = threading.Lock()
        self._sources: dict[str, tuple[Path, int]] = {}  # digest -> (PDF, page index)
        self._kept_before: frozenset[str] = frozenset()
        self._rendering: dict[str, threading.Lock] = {}
        self._pdf_count = 0

    def add(self, pdf: bytes, pages: Sequence[PrintPage]) -> None:
        """Make ``pages`` (those of ``pdf``: a whole PDF, or a part of one) ones that can
        be asked for, until ``keep`` leaves them out twice."""
        with self._lock:
            self._pdf_count += 1
            path = self._folder / f"print-{self._pdf_count}.pdf"
            path.write_bytes(pdf)
            self._sources.update({page.digest: (path, index) for index, page in enumerate(pages)})

    def keep(self, digests: Iterable[str]) -> None:
        """Keep only the pages named ``digests`` and those kept the time before (a browser
        may ask for them until it hears of the new ones); other pictures and PDFs go."""
        wanted = frozenset(digests)
        with self._lock:
            kept = wanted | self._kept_before
            self._kept_before = wanted
            gone = set(self._sources) - kept
            for digest in gone:
                del self._sources[digest]
            self._rendering = {digest: lock for digest, lock in self._rendering.items() if digest in self._sources}
            sources = {source for source, _ in self._sources.values()}
            for old in self._folder.glob("print-*.pdf"):  # under the lock: not one being added
                if old not in sources:
                    old.unlink(missing_ok=True)
        for digest in gone:
            self._image_path(digest).unlink(missing_ok=True)

    def image(self, digest: str) -> Path | None:
        """The picture of the page named ``digest``, rendered now if it was not; None for
        a digest no page shown has."""
        with self._lock:
            source = self._sources.get(digest)
            if source is None:
                return None
            rendering = self._rendering.setdefault(digest, threading.Lock())
        target = self._image_path(digest)
        with rendering:
            if not target.exists():
                try:
                    _render(source[0], source[1], target)
                except (subprocess.SubprocessError, OSError) as error:
                    if not source[0].exists():  # the page left the views (``keep``) as it was asked for
                        return None
                    raise PublisherError(f"pdftoppm could not draw the page: {error}") from None
        return target

    def _image_path(self, digest: str) -> Path:
        return self._folder / f"{digest}.jpg"


def _render(pdf: Path, index: int, target: Path) -> None:
    tool = shutil.which("pdftoppm")
    if tool is None:
        raise PublisherError("pdftoppm is missing: install poppler-utils (scripts/install-system-deps.sh) "
                             "for the print preview's pages")
    with tempfile.TemporaryDirectory(dir=target.parent) as scratch:
        stem = Path(scratch) / "page"
        subprocess.run([tool, "-jpeg", "-jpegopt", f"quality={JPEG_QUALITY}", "-singlefile", "-f", str(index + 1),
                        "-l", str(index + 1), "-scale-to-x", str(IMAGE_WIDTH), "-scale-to-y", "-1", str(pdf), str(stem)],
                       check=True, capture_output=True, timeout=60)
        os.replace(stem.with_suffix(".jpg"), target)
    mark(f"image {target.stem[:8]} rendered (page {index + 1})")
