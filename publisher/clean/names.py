"""Bylines: recognising them and writing names in proper case."""

from __future__ import annotations

import re

_NAME_SEPARATORS = re.compile(r"\s+[-–—&]\s+|\s*,\s*|\s+và\s+|\s*;\s*", re.IGNORECASE)
_ALPHA_RUN = re.compile(r"[^\W\d_]+")
_CAPS_BYLINE = re.compile(r"^[^\W\d_][^\W\d_.\-–, ]*(?:[.\-–, ]+[^\W\d_]+)*\.?$")


def is_caps_byline(line: str) -> bool:
    """A line of capitals naming people: ``PHÙNG KHIÊM``, ``N.HÀ - T.LONG``."""
    words = line.split()
    if not 1 <= len(words) <= 8 or len(line) > 60:
        return False
    letters = [ch for ch in line if ch.isalpha()]
    if len(letters) < 3 or line != line.upper():
        return False
    return bool(_CAPS_BYLINE.match(line))


def proper_case(name: str) -> str:
    """``PHÙNG KHIÊM`` -> ``Phùng Khiêm``; ``N.HÀ`` -> ``N.Hà``."""
    return _ALPHA_RUN.sub(lambda match: match.group(0).capitalize(), name)


def split_authors(byline: str) -> tuple[str, ...]:
    """The names in a byline, in proper case when printed in capitals."""
    names = [part.strip(" .") for part in _NAME_SEPARATORS.split(byline) if part.strip(" .")]
    return tuple(proper_case(name) if name == name.upper() else name for name in names)
