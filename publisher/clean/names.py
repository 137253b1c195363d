"""Bylines: recognising them and writing names in proper case."""

from __future__ import annotations

import re
import unicodedata

_NAME_SEPARATORS = re.compile(r"\s+[-–—&]\s+|\s*,\s*|\s+(?:và|and|und|y|et|e|en|og|och|i)\s+|\s*;\s*", re.IGNORECASE)
# Words that join names or stand inside them in many languages (de, van, bin, Jr.).
_NAME_PARTICLES = frozenset(
    [
        "and", "und", "y", "et", "e", "en", "og", "och", "i", "và", "&", "de", "del", "della", "der", "den", "di", "da", "do",
        "dos", "das", "du", "la", "le", "van", "von", "bin", "ibn", "al", "el", "jr", "jr.", "sr", "sr.", "st", "st.", "mc",
    ]
)
# A job title after a byline's name ("Jane Doe, Staff Writer"): no name.
_ROLE_WORDS = re.compile(
    r"\b(?:writer|reporter|correspondent|editor|staff|contributor|columnist|photographer|journalist|"
    r"redakteur|korrespondent|rédacteur|journaliste|redactor|periodista|corresponsal|giornalista|phóng viên|biên tập viên)\b",
    re.IGNORECASE,
)
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
    if not any(ch.isupper() for ch in letters):
        return False  # Chinese, Japanese, Korean, Arabic, Thai have no capitals: no line of theirs is "in capitals"
    return bool(_CAPS_BYLINE.match(line))


def proper_case(name: str) -> str:
    """``PHÙNG KHIÊM`` -> ``Phùng Khiêm``; ``N.HÀ`` -> ``N.Hà``."""
    return _ALPHA_RUN.sub(lambda match: match.group(0).capitalize(), name)


def split_authors(byline: str) -> tuple[str, ...]:
    """The names in a byline, in proper case when printed in capitals; a job title after
    a name (``Staff Writer``) is no name."""
    names = [part.strip(" .") for part in _NAME_SEPARATORS.split(byline) if part.strip(" .")]
    names = [name for name in names if not names_a_role(name)] or names
    return tuple(proper_case(name) if name == name.upper() else name for name in names)


def names_a_role(text: str) -> bool:
    """``Senior Contributor``, ``Staff Writer``: a job title, as bylines print one after a name."""
    return _ROLE_WORDS.search(text) is not None


def looks_like_names(text: str) -> bool:
    """A few names and what joins them: every word capitalised (initials and particles
    such as ``de``, ``van``, ``and`` aside), in any script that has capitals."""
    words = text.replace(",", " ").split()
    if not 1 <= len(words) <= 14:
        return False
    named = 0
    for word in words:
        bare = word.strip("().,;'’\"-–—|/")
        if not bare or bare.casefold() in _NAME_PARTICLES:
            continue
        if not bare[0].isupper():
            return False
        named += 1
    return named >= 1


# Scripts without capitals (Han, kana, Hangul, Arabic, Thai, Khmer...): a name is a word or
# two of their letters, as long as the longest names of those languages.
_UNCASED_NAME_WORDS = 4
_UNCASED_WORD_LETTERS = 12
# The word for "reporter" that Korean, Chinese and Japanese bylines set after the name
# ("김민수 기자", "王小明 记者").
_REPORTERS = ("기자", "특파원", "記者", "记者", "特派員", "特派员")
_REPORTER_AFTER_NAME = re.compile(rf"\s*(?:{'|'.join(_REPORTERS)})$")


def looks_like_uncased_names(text: str) -> bool:
    """A name or two in a script without capitals, as a byline's label introduces them
    (``بقلم أحمد علي``, ``記者 山田太郎``, ``โดย สมชาย ใจดี``): a few words of letters only."""
    words = text.replace(",", " ").replace("、", " ").split()
    if not 1 <= len(words) <= _UNCASED_NAME_WORDS:
        return False
    return all(
        len(word) <= _UNCASED_WORD_LETTERS and all(_is_uncased_letter(ch) for ch in word)
        for word in words
    )


def _is_uncased_letter(ch: str) -> bool:
    """A letter (or a vowel sign, as Thai and Khmer write them) of a script without case."""
    return (ch.isalpha() or unicodedata.category(ch) in ("Mn", "Mc")) and ch.lower() == ch.upper() and ord(ch) > 0x2FF


def name_before_reporter(text: str) -> str | None:
    """``김민수 기자`` -> ``김민수``: a byline that gives the name first, then the word for reporter."""
    # The cheap look first: the pattern's search tries every position of a line.
    if not text.rstrip("\n").endswith(_REPORTERS):
        return None
    match = _REPORTER_AFTER_NAME.search(text)
    if match is None or match.start() == 0:
        return None
    name = text[: match.start()].strip()
    return name if looks_like_uncased_names(name) else None
