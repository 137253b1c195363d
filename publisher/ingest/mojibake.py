"""UTF-8 text that was once read as Latin-1 or Windows-1252 and saved again ("Lao Ä\x90á»\x99ng"
for "Lao Động"), put right.

A cheap look for the tell-tale pairs comes first so clean text costs almost nothing; the
repair itself is ftfy's, kept only when the result reads more like Vietnamese.
"""

from __future__ import annotations

import re

from publisher.ingest.legacy import vietnamese_score

# Lead bytes of UTF-8 Vietnamese letters as Latin-1/cp1252 shows them, followed by a
# continuation byte shown the same way.
_TELL_TALE = re.compile(
    "[ÃÄÅÆáâ]"
    "[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026"
    "\u2030\u2039\u203a\u20ac\u2122]"
)
_MIN_TELL_TALES = 3


def repair_mojibake(text: str) -> str:
    if len(_TELL_TALE.findall(text[:200_000])) < _MIN_TELL_TALES:
        return text
    repaired = _round_trip(text)
    if repaired is None:
        import ftfy

        repaired = ftfy.fix_encoding(text)
    if repaired != text and vietnamese_score(repaired) > vietnamese_score(text):
        return repaired
    return text


def _round_trip(text: str) -> str | None:
    """The whole text re-read as UTF-8, when it was mis-read as a whole (the usual case)."""
    for wrong in ("latin-1", "cp1252"):
        try:
            return text.encode(wrong).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return None
