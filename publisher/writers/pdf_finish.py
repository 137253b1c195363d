"""What every PDF WeasyPrint writes for publisher shares: the last touches on its objects,
and the warnings WeasyPrint logged while making it."""

from __future__ import annotations

import hashlib
import re
import uuid
from contextlib import AbstractContextManager
from pathlib import Path

import pydyf

from publisher.build_log import engine_messages, warn
from publisher.engine import is_font_load_failure, is_subsetter_notice
from publisher.errors import LayoutError, PublisherError
from publisher.render.pages import label_ranges

# The variants whose standards forbid what screen PDFs may carry (image interpolation).
ARCHIVAL = ("pdf/a-3b", "pdf/x-4")
# PDF/X-4 needs the printing condition as an ICC output profile ("prtr", CMYK). No free
# one ships with Python packages; Debian's libgs-common has Ghostscript's SWOP profile.
_RANDOM_DOCUMENT_ID = re.compile(rb"xmp\.did:[0-9a-f-]{36}")
CMYK_PROFILES = (Path("/usr/share/color/icc/ghostscript/default_cmyk.icc"),)


def cmyk_profile() -> Path:
    """The CMYK output profile PDF/X-4 names as its output intent."""
    for path in CMYK_PROFILES:
        if path.is_file():
            return path
    raise PublisherError(f"--pdf-variant pdf/x-4 needs a CMYK output profile, and {CMYK_PROFILES[0]} was not found: "
                         "install it (Debian: apt-get install libgs-common)")


def with_output_intent(html: str, variant: str | None) -> str:
    """``html`` with, for PDF/X-4, the CMYK profile WeasyPrint writes as its output
    intent (``device-cmyk``, the intent WeasyPrint's PDF/X variants name)."""
    if variant != "pdf/x-4":
        return html
    rule = (f"<style>@color-profile device-cmyk {{ src: url(\"{cmyk_profile().as_uri()}\"); "
            "components: cyan, magenta, yellow, black }</style>")
    return html.replace("</head>", rule + "\n</head>", 1)


class Finisher:
    """Last touches on the PDF objects before WeasyPrint writes them: the bleed box, the
    page labels (``labels``: each page's printed number; empty: none written) and, for
    ``archival`` PDFs (PDF/A, PDF/X), images without ``/Interpolate true``."""

    def __init__(self, bleed_points: float, labels: tuple[str, ...] = (), archival: bool = False,
                 identifier: bytes = b""):
        self.bleed_points = bleed_points
        self.labels = labels
        self.archival = archival
        self.identifier = identifier

    def __call__(self, document: object, pdf: pydyf.PDF) -> None:
        # Viewers show the document's title, not its file name (PDF/UA asks for it).
        pdf.catalog["ViewerPreferences"] = pydyf.Dictionary({"DisplayDocTitle": "true"})
        if self.labels:
            nums = pydyf.Array()
            for index, style, start in label_ranges(self.labels):
                nums.extend([index, pydyf.Dictionary({"S": f"/{style}", "St": start})])
            pdf.catalog["PageLabels"] = pydyf.Dictionary({"Nums": nums})
        if self.archival:
            # ISO 19005-2/-3 6.2.8 and PDF/X forbid /Interpolate true, which WeasyPrint
            # writes for images drawn with `image-rendering: auto`.
            for obj in pdf.objects:
                if isinstance(obj, pydyf.Stream) and obj.extra.get("Subtype") == "/Image":
                    obj.extra.pop("Interpolate", None)
                    mask = obj.extra.get("SMask")
                    if isinstance(mask, pydyf.Stream):
                        mask.extra.pop("Interpolate", None)
            # WeasyPrint's PDF/X metadata names the document by a random UUID: one made
            # from the PDF's /ID keeps the bytes the same for the same inputs.
            document_id = b"xmp.did:%s" % str(uuid.UUID(bytes=hashlib.sha256(self.identifier).digest()[:16])).encode()
            for obj in pdf.objects:
                if isinstance(obj, pydyf.Stream) and obj.extra.get("Type") == "/Metadata":
                    data = b"".join(part if isinstance(part, bytes) else str(part).encode() for part in obj.stream)
                    obj.stream = [_RANDOM_DOCUMENT_ID.sub(document_id, data)]
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
