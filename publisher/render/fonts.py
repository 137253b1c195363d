"""Fonts: the faces a layout uses, their @font-face rules, coverage and subsets."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from publisher.cache import Cache, digest, file_digest
from publisher.errors import FontError

# Basic Latin, Latin-1, Latin Extended-A/B and Vietnamese letters: an embedded subset keeps
# these so a reader's search and annotation still find every Vietnamese letter.
BASE_REPERTOIRE = frozenset(
    list(range(0x20, 0x7F)) + list(range(0xA0, 0x250)) + list(range(0x1EA0, 0x1F00))
    + [0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0x2022, 0x20AB]
)


_PRIVATE_USE_BMP = frozenset(range(0xE000, 0xF900))  # and planes 15 and 16, from U+F0000


@dataclass(frozen=True)
class FontFace:
    family: str
    path: Path
    weight: int = 400
    style: str = "normal"
    index: int = 0  # the face within a collection (.ttc); 0 for a single font
    role: str = "any"  # a fallback face for "text", for "display" (titles, labels) or "any"
    system: bool = False  # found in the system's font folders rather than shipped

    @property
    def in_collection(self) -> bool:
        """A face inside a collection: WeasyPrint and e-readers cannot take it as it is."""
        return self.path.suffix.lower() in (".ttc", ".otc")

    @cached_property
    def codepoints(self) -> frozenset[int]:
        # HarfBuzz maps the file and reads only the character map: half a millisecond
        # even for a 26 MB CJK collection (fontTools takes 150 ms there).
        import uharfbuzz as hb

        try:
            face = hb.Face(hb.Blob.from_file_path(str(self.path)), self.index)
        except Exception as error:  # uharfbuzz raises whatever its blob loader raises
            raise FontError(f"cannot read the font: {error}", self.path) from None
        if face.glyph_count == 0:
            raise FontError("cannot read the font: not a TrueType or OpenType font (or no such face)", self.path)
        # Private-use code points mean whatever the font that wrote them meant (Word's
        # Symbol bullets at U+F0B7): no other font's glyph there is the same character.
        points = frozenset(face.unicodes) - _PRIVATE_USE_BMP
        return points if max(points, default=0) < 0xF0000 else frozenset(point for point in points if point < 0xF0000)

    @cached_property
    def digest(self) -> str:
        """The font file's SHA-256, read once per face (a CJK collection takes 25 ms)."""
        return file_digest(self.path)

    @cached_property
    def postscript_name(self) -> str:
        from fontTools.ttLib import TTFont

        with TTFont(self.path, lazy=True, fontNumber=self.index) as font:
            return str(font["name"].getDebugName(6))


def sfnt_kind(data: bytes) -> tuple[str, str, str]:
    """(CSS format, file suffix, media type) of a font's bytes: CFF outlines (Noto CJK)
    are OpenType ``.otf``, glyf outlines TrueType ``.ttf``."""
    if data[:4] == b"OTTO":
        return "opentype", ".otf", "font/otf"
    return "truetype", ".ttf", "font/ttf"


def font_face_css(faces: Iterable[FontFace], url_for: Callable[[FontFace], str],
                  font_format: str | Callable[[FontFace], str] = "truetype") -> str:
    rules = []
    for face in faces:
        face_format = font_format if isinstance(font_format, str) else font_format(face)
        rules.append(
            "@font-face {\n"
            f'  font-family: "{face.family}";\n'
            f'  src: url("{url_for(face)}") format("{face_format}");\n'
            f"  font-weight: {face.weight};\n"
            f"  font-style: {face.style};\n"
            "}"
        )
    return "\n".join(rules) + "\n"


def subset_font(
    face: FontFace,
    codepoints: Iterable[int],
    flavor: str | None = None,
    with_base: bool = True,
    cache: Cache | None = None,
) -> bytes:
    """A deterministic subset of ``face`` holding ``codepoints`` (plus the base repertoire).

    Hinting is dropped: e-readers and browsers at reading sizes do without it, and the
    files are a third smaller. With a ``cache``, a subset already made from the same font
    file, code points and recipe is read back instead (the same bytes, since subsetting
    is deterministic).
    """
    wanted = set(codepoints) | (BASE_REPERTOIRE if with_base else set())
    kept = frozenset(wanted & face.codepoints)
    if cache is None:
        return _subset(face.path, face.index, kept, flavor)
    return cache.remember(_subset_key(face, kept, flavor), "font-subset", lambda: _subset(face.path, face.index, kept, flavor),
                          is_font)


# How a TrueType, OpenType, collection or WOFF file begins.
_FONT_SIGNATURES = (b"\x00\x01\x00\x00", b"OTTO", b"true", b"ttcf", b"wOFF", b"wOF2")


def is_font(data: bytes) -> bool:
    """Whether ``data`` begins as a font file does (a cheap look at a cached subset)."""
    return data[:4] in _FONT_SIGNATURES and len(data) > 12


def _subset_key(face: FontFace, codepoints: frozenset[int], flavor: str | None) -> str:
    """What a subset's bytes depend on: the font file and face, the code points, the
    flavor, the recipe (this module's source) and the HarfBuzz and fontTools that ran it."""
    import uharfbuzz
    from fontTools import version as fonttools_version

    return digest("font-subset", uharfbuzz.__version__, fonttools_version, file_digest(Path(__file__)), face.digest,
                  str(face.index), flavor or "",
                  ",".join(map(str, sorted(codepoints))))


@lru_cache(maxsize=64)
def _subset(path: Path, index: int, codepoints: frozenset[int], flavor: str | None) -> bytes:
    """HarfBuzz's subsetter (a hundred times faster than fontTools'): the glyphs of
    ``codepoints`` and those the layout tables reach from them (a CJK face's forms for
    each language, which its ``locl`` feature picks by the text's ``lang``), every name
    kept; fontTools then packs WOFF2 when asked. A face of a collection comes out as a
    font of its own."""
    import uharfbuzz as hb

    face = hb.Face(hb.Blob.from_file_path(str(path)), index)
    wanted = hb.SubsetInput()
    wanted.unicode_set.update(sorted(codepoints))
    wanted.flags = hb.SubsetFlags.NO_HINTING | hb.SubsetFlags.NOTDEF_OUTLINE
    wanted.sets(hb.SubsetInputSets.NAME_ID).update(range(_NAME_IDS))
    wanted.sets(hb.SubsetInputSets.NAME_LANG_ID).update(range(_NAME_LANGUAGES))
    subset = hb.subset(face, wanted)
    if subset is None:
        raise FontError("HarfBuzz could not subset the font", path)
    data = bytes(subset.blob.data)
    if flavor is None:
        return data
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(data), recalcTimestamp=False, recalcBBoxes=False)
    font.flavor = flavor
    buffer = io.BytesIO()
    font.save(buffer, reorderTables=True)
    return buffer.getvalue()


_NAME_IDS = 1024
_NAME_LANGUAGES = 0x10000
