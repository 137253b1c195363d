"""The generated cover as a raster image (PNG): what e-reader shelves show.

Drawn with Pillow from the layout's own fonts, so it is the same on every machine and
byte-identical between builds.
"""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from publisher.cache import Cache, digest, file_digest
from publisher.model import Publication
from publisher.render.dates import format_date
from publisher.render.fonts import FontFace

if TYPE_CHECKING:
    from PIL import ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 1800
_Colour = tuple[int, int, int]
_PAPER = (244, 241, 234)
_ACCENT = (163, 23, 27)
_INK = (17, 17, 17)
_MARGIN = 110


def cover_png(publication: Publication, fonts: tuple[FontFace, ...], labels: dict[str, str], cache: Cache | None = None,
              fallbacks: tuple[FontFace, ...] = ()) -> bytes:
    """The cover drawn for ``publication`` with the layout's text ``fonts`` (and, for the
    characters those lack, ``fallbacks``, in order); with a ``cache``, one drawn before from
    the same text, fonts and code is read back (drawing and compressing it takes a
    twentieth of a second)."""
    if cache is None:
        return _draw(publication, fonts, labels, fallbacks)
    return cache.remember(_cover_key(publication, fonts + fallbacks, labels), "cover",
                          lambda: _draw(publication, fonts, labels, fallbacks), _is_png)


def _is_png(data: bytes) -> bool:
    return data.startswith(b"\x89PNG\r\n\x1a\n")


def _cover_key(publication: Publication, fonts: tuple[FontFace, ...], labels: dict[str, str]) -> str:
    from PIL import __version__ as pillow_version

    drawn = (publication.title, publication.subtitle, publication.issue, publication.date, publication.publisher,
             sorted(labels.items()), [(face.family, face.weight, face.style, face.index) for face in fonts])
    return digest("cover", pillow_version, file_digest(Path(__file__)), repr(drawn), *(face.digest for face in fonts))


def _draw(
    publication: Publication, fonts: tuple[FontFace, ...], labels: dict[str, str], fallbacks: tuple[FontFace, ...] = ()
) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (WIDTH, HEIGHT), _PAPER)
    draw = _FallbackDraw(ImageDraw.Draw(image), fallbacks)
    draw.rectangle((0, 0, WIDTH, 90), fill=_ACCENT)
    display_bold = _face(fonts, "Publisher Sans", 700) or _face(fonts, None, 700) or fonts[0]
    display = _face(fonts, "Publisher Sans", 400) or fonts[0]
    text_italic = _face(fonts, "Publisher Serif", 400, "italic") or display

    y = 230
    label = labels["bulletin"].upper()
    if publication.issue:
        label += f" · {labels['issue'].upper()} {publication.issue}"
    y = _write(draw, label, _font(display_bold, 44), _ACCENT, y, spacing=12) + 50

    title_font = _font(display_bold, 104)
    for size in (104, 92, 80, 68, 58):
        title_font = _font(display_bold, size)
        if len(_wrap(draw, publication.title, title_font)) <= 6:
            break
    y = _write(draw, publication.title, title_font, _INK, y, spacing=18) + 50
    if publication.subtitle:
        y = _write(draw, publication.subtitle, _font(text_italic, 48), _INK, y, spacing=12) + 40
    if publication.date:
        _write(draw, format_date(publication.date, publication.language), _font(display, 46), _INK, y, spacing=10)
    if publication.publisher:
        draw.line((_MARGIN, HEIGHT - 230, WIDTH - _MARGIN, HEIGHT - 230), fill=_INK, width=3)
        _write(draw, publication.publisher, _font(display_bold, 50), _INK, HEIGHT - 195, spacing=10)

    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=6)  # level 9 and optimize: 0.04 s more for 8% less
    return buffer.getvalue()


def _face(fonts: tuple[FontFace, ...], family: str | None, weight: int, style: str = "normal") -> FontFace | None:
    for face in fonts:
        if (family is None or face.family == family) and face.weight == weight and face.style == style:
            return face
    return None


def _font(face: FontFace, size: int) -> _SizedFace:
    return _SizedFace(face, size)


class _SizedFace:
    """A face at a size, opened by Pillow when first drawn with."""

    def __init__(self, face: FontFace, size: int) -> None:
        self.face = face
        self.size = size
        self._font: ImageFont.FreeTypeFont | None = None

    @property
    def font(self) -> ImageFont.FreeTypeFont:
        from PIL import ImageFont

        if self._font is None:
            self._font = ImageFont.truetype(str(self.face.path), self.size, index=self.face.index)
        return self._font

    def getmetrics(self) -> tuple[int, int]:
        return self.font.getmetrics()


class _FallbackDraw:
    """Pillow's drawing with font fallback: each run of text in the first face that has
    its characters (spaces go with the run they are in), shaped by Pillow's layout engine
    (Raqm, when present: Arabic joined, Thai marks placed), runs of a right-to-left line
    set from the right."""

    def __init__(self, draw: ImageDraw.ImageDraw, fallbacks: tuple[FontFace, ...]) -> None:
        self.draw = draw
        self.fallbacks = fallbacks

    def line(self, xy: tuple[int, int, int, int], fill: _Colour, width: int) -> None:
        self.draw.line(xy, fill=fill, width=width)

    def rectangle(self, xy: tuple[int, int, int, int], fill: _Colour) -> None:
        self.draw.rectangle(xy, fill=fill)

    def _runs(self, text: str, font: _SizedFace) -> list[tuple[str, ImageFont.FreeTypeFont]]:
        faces = [font.face, *(face for face in self.fallbacks if face.weight == font.face.weight),
                 *(face for face in self.fallbacks if face.weight != font.face.weight)]
        runs: list[tuple[str, FontFace]] = []
        for character in text:
            if character.isspace() and runs:
                face = runs[-1][1]
            else:
                face = next((f for f in faces if ord(character) in f.codepoints), font.face)
            if runs and runs[-1][1] == face:
                runs[-1] = (runs[-1][0] + character, face)
            else:
                runs.append((character, face))
        sized = {font.face: font}
        for _, face in runs:
            sized.setdefault(face, _SizedFace(face, font.size))
        ordered = [(run, sized[face].font) for run, face in runs]
        return ordered[::-1] if _right_to_left(text) else ordered

    def textlength(self, text: str, font: _SizedFace) -> float:
        return sum(self.draw.textlength(run, font=pillow_font) for run, pillow_font in self._runs(text, font))

    def text(self, xy: tuple[float, float], text: str, font: _SizedFace, fill: _Colour) -> None:
        x, y = xy
        for run, pillow_font in self._runs(text, font):
            self.draw.text((x, y), run, font=pillow_font, fill=fill)
            x += self.draw.textlength(run, font=pillow_font)


def _right_to_left(text: str) -> bool:
    """Whether the first strongly directional character of ``text`` is right-to-left."""
    for character in text:
        direction = unicodedata.bidirectional(character)
        if direction in ("L", "R", "AL"):
            return direction != "L"
    return False


def _wrap(draw: _FallbackDraw, text: str, font: _SizedFace) -> list[str]:
    """Lines within the cover's width, broken between words; a word wider than the
    width (Chinese, Japanese or Thai, written without spaces) between its characters."""
    width = WIDTH - 2 * _MARGIN
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if not current or draw.textlength(candidate, font=font) <= width:
            current = candidate
        else:
            lines.append(current)
            current = word
        while draw.textlength(current, font=font) > width and len(current) > 1:
            cut = len(current) - 1
            while cut > 1 and draw.textlength(current[:cut], font=font) > width:
                cut -= 1
            lines.append(current[:cut])
            current = current[cut:]
    if current:
        lines.append(current)
    return lines


def _write(draw: _FallbackDraw, text: str, font: _SizedFace, fill: _Colour, y: int, spacing: int) -> int:
    ascent, descent = font.getmetrics()
    for line in _wrap(draw, text, font):
        x = WIDTH - _MARGIN - round(draw.textlength(line, font=font)) if _right_to_left(line) else _MARGIN
        draw.text((x, y), line, font=font, fill=fill)
        y += ascent + descent + spacing
    return y
