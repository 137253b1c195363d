"""What every PDF WeasyPrint writes for publisher shares: the last touches on its objects,
and the warnings WeasyPrint logged while making it."""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path

import pydyf

from publisher.build_log import engine_messages, warn
from publisher.engine import is_font_load_failure, is_subsetter_notice
from publisher.errors import LayoutError


class Finisher:
    """Last touches on the PDF objects before WeasyPrint writes them."""

    def __init__(self, bleed_points: float):
        self.bleed_points = bleed_points

    def __call__(self, document, pdf: pydyf.PDF) -> None:
        # Viewers show the document's title, not its file name (PDF/UA asks for it).
        pdf.catalog["ViewerPreferences"] = pydyf.Dictionary({"DisplayDocTitle": "true"})
        # WeasyPrint makes the bleed box the whole media box; with printer's marks the media
        # box also holds the marks, so the bleed box is set back to trim box + bleed.
        for obj in pdf.objects:
            if isinstance(obj, pydyf.Dictionary) and obj.get("Type") == "/Page" and "TrimBox" in obj:
                left, bottom, right, top = (float(v) for v in obj["TrimBox"])
                b = self.bleed_points
                obj["BleedBox"] = pydyf.Array([left - b, bottom - b, right + b, top + b])


def weasyprint_problems() -> AbstractContextManager[list[str]]:
    """Collect what WeasyPrint logs as warnings or errors while it renders (this context only)."""
    return engine_messages()


def report_problems(problems: list[str] | tuple[str, ...], layout_file: Path) -> None:
    """A font that would not load fails the build (naming the layout); the rest are warnings."""
    font_problems = [p for p in problems if is_font_load_failure(p)]
    if font_problems:
        raise LayoutError(f"a font of the layout could not be loaded: {font_problems[0]}", layout_file)
    for problem in dict.fromkeys(problems):
        if not is_subsetter_notice(problem):
            warn(f"PDF: {problem}")
