"""What a line looks like: prose, a caption, an attribution, an agency-prefixed lead.

Shared by the page rules; lengths are counted in syllables (a Vietnamese word is one to three).
"""

from __future__ import annotations

import re

from publisher.clean.lines import Line
from publisher.clean.names import split_authors
from publisher.clean.profiles import SiteProfile
from publisher.model import AGENCY_PREFIX

_FINAL_PUNCTUATION = tuple('.!?…:;"”’»)')
LEAD_MIN_WORDS = 12
PARAGRAPH_MIN_WORDS = 60
DATE_WINDOW = 8  # lines after the title that may hold its date
_CAPTION_MAX_WORDS = 45
# "... Ảnh: Lê Hiếu.", "... (Ảnh minh họa)", "... Ảnh Trọng Đức."
_CREDIT_AT_END = re.compile(
    r"[(.]\s*(?:(?:Ảnh|Nguồn ảnh)\s*:\s*[^.:]{2,50}|Ảnh\s+[A-ZĐ][^.:]{1,40}|Ảnh minh họa|Ảnh minh hoạ)\)?\.?$"
)


def ends_sentence(text: str) -> bool:
    return text.endswith(_FINAL_PUNCTUATION) or text.endswith("...")


def is_prose(line: Line) -> bool:
    if line.is_image:
        return False
    return (ends_sentence(line.text) and line.words >= 6) or line.words >= PARAGRAPH_MIN_WORDS


def is_body_prose(line: Line) -> bool:
    return is_prose(line) and line.words >= LEAD_MIN_WORDS and "caption" not in line.hints and not line.link


def has_caption_cue(text: str, profile: SiteProfile) -> bool:
    """``Ảnh: ...`` and the like: a photo's caption or credit (captions are short)."""
    if len(text.split()) > _CAPTION_MAX_WORDS:
        return False
    if text.startswith(("Ảnh:", "Ảnh minh họa", "Ảnh minh hoạ")) or _CREDIT_AT_END.search(text):
        return True
    return any(cue in text for cue in profile.caption_cues) and not text.endswith(".")


def has_agency_prefix(text: str, profile: SiteProfile) -> bool:
    match = AGENCY_PREFIX.match(text)
    if not match or match.end() >= len(text):
        return False
    name = (match.group("paren") or match.group("caps") or "").strip()
    return name in profile.agency_prefixes or bool(match.group("caps")) or bool(re.search(r"[-–—]\s*$", match.group(0)))


def is_attribution(text: str, profile: SiteProfile) -> bool:
    """A source or credit line: ``Theo TTXVN``, ``(Theo VnExpress)``, ``Bài và ảnh: Minh Anh``."""
    text = unwrap(text)
    if len(text.split()) > 8 or text.endswith("."):
        return False
    return _attribution_label(text, profile) is not None


def byline_names(text: str, profile: SiteProfile) -> tuple[str, ...]:
    """The names a byline gives; a label with a colon goes (``Bài và ảnh:``), ``Theo ...``
    stays as printed."""
    text = unwrap(text)
    label = _attribution_label(text, profile)
    if label is not None and label.endswith(":"):
        text = text[len(label) :].strip()
    return split_authors(text)


def unwrap(text: str) -> str:
    """``(Theo VnExpress)`` -> ``Theo VnExpress``."""
    if len(text) > 2 and text[0] in "([" and text[-1] in ")]" and text.count("(") + text.count("[") == 1:
        return text[1:-1].strip()
    return text


def _attribution_label(text: str, profile: SiteProfile) -> str | None:
    for label in profile.attribution_prefixes:
        if text.startswith(label) and (label.endswith(":") or text[len(label) : len(label) + 1] in (" ", "")):
            return label
    return None
