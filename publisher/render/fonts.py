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


@dataclass(frozen=True)
class FontFace:
    family: str
    path: Path
    weight: int = 400
    style: str = "normal"

    @cached_property
    def codepoints(self) -> frozenset[int]:
        from fontTools.ttLib import TTFont, TTLibError

        try:
            with TTFont(self.path, lazy=True) as font:
                # Only the code points are wanted: numbered glyph names spare reading the
                # 'post' table's names, a third of the time.
                font.setGlyphOrder([f"glyph{number:05d}" for number in range(font["maxp"].numGlyphs)])
                return frozenset(font.getBestCmap())
        except (OSError, TTLibError) as error:
            raise FontError(f"cannot read the font: {error}", self.path) from None

    @cached_property
    def postscript_name(self) -> str:
        from fontTools.ttLib import TTFont

        with TTFont(self.path, lazy=True) as font:
            return str(font["name"].getDebugName(6))


def face_codepoints(face: FontFace, cache: Cache | None) -> frozenset[int]:
    """``face.codepoints``, found in the cache by the font file's digest when it is there
    (reading a face's character map takes 4 ms); the face keeps them for later asks."""
    if cache is None or "codepoints" in face.__dict__:
        return face.codepoints
    key = digest("codepoints", file_digest(face.path))
    stored = cache.get(key)
    if stored is not None and len(stored) % 4 == 0:
        points = frozenset(int.from_bytes(stored[i : i + 4], "big") for i in range(0, len(stored), 4))
        face.__dict__["codepoints"] = points  # what cached_property would have stored
        return points
    points = face.codepoints
    cache.put(key, b"".join(point.to_bytes(4, "big") for point in sorted(points)))
    return points


def font_face_css(faces: Iterable[FontFace], url_for: Callable[[FontFace], str], font_format: str = "truetype") -> str:
    rules = []
    for face in faces:
        rules.append(
            "@font-face {\n"
            f'  font-family: "{face.family}";\n'
            f'  src: url("{url_for(face)}") format("{font_format}");\n'
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
        return _subset(face.path, kept, flavor)
    return cache.remember(_subset_key(face.path, kept, flavor), lambda: _subset(face.path, kept, flavor))


def _subset_key(path: Path, codepoints: frozenset[int], flavor: str | None) -> str:
    """What a subset's bytes depend on: the font file, the code points, the flavor, the
    recipe (this module's source) and the HarfBuzz and fontTools that ran it."""
    import uharfbuzz
    from fontTools import version as fonttools_version

    return digest("font-subset", uharfbuzz.__version__, fonttools_version, file_digest(Path(__file__)), file_digest(path),
                  flavor or "",
                  ",".join(map(str, sorted(codepoints))))


@lru_cache(maxsize=64)
def _subset(path: Path, codepoints: frozenset[int], flavor: str | None) -> bytes:
    """HarfBuzz's subsetter (a hundred times faster than fontTools'): the glyphs of
    ``codepoints`` and those the layout tables reach from them, every name kept; fontTools
    then packs WOFF2 when asked."""
    import uharfbuzz as hb

    face = hb.Face(hb.Blob.from_file_path(str(path)))
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
