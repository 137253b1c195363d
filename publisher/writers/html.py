"""One standalone HTML page: styles and subset fonts inline, readable on any screen."""

from __future__ import annotations

import base64
import mimetypes

from publisher.model import Figure
from publisher.render import Renderer
from publisher.render.fonts import font_face_css
from publisher.writers.base import Writer, WriterResult


class HtmlWriter(Writer):
    format_name = "html"
    suffix = ".html"

    def write(self, renderer: Renderer) -> WriterResult:
        urls = {face: _woff2_url(renderer.font_subset(face, flavor="woff2", with_base=False)) for face in renderer.used_fonts}
        fonts_css = font_face_css(renderer.used_fonts, urls.__getitem__, font_format="woff2")
        html = renderer.render(
            "web.html",
            image_href=_data_url,
            fonts_css=fonts_css,
            toc_href=lambda article, heading: "#" + (heading.anchor if heading else article.anchor),
            alt_beside_caption="",  # a picture's caption speaks for it (layouts/bulletin/_article.html)
        )
        return self._only(html.encode("utf-8"))


def _woff2_url(font: bytes) -> str:
    return "data:font/woff2;base64," + base64.b64encode(font).decode("ascii")


def _data_url(figure: Figure) -> str | None:
    if figure.image is None:
        return None
    media_type = mimetypes.guess_type(figure.image.name)[0] or "image/jpeg"
    return f"data:{media_type};base64," + base64.b64encode(figure.image.read_bytes()).decode("ascii")
