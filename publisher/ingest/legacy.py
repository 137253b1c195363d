"""The pre-Unicode Vietnamese encodings: TCVN3 (ABC), VNI and VISCII, and telling them apart.

Python has codecs for none of them. TCVN3 and VISCII are one byte per letter; their tables
(``charsets/*.txt``) are the published ones (TCVN 5712:1993, RFC 1456). VNI writes a base
letter followed by one byte for its marks, in the Windows code page; its table is built
here from the VNI layout: which byte means which mark.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache, lru_cache
from importlib import resources

# VNI for Windows: the byte (as cp1252 shows it) that follows a vowel, and the marks it adds.
_VNI_TONES = {"ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
_VNI_CIRCUMFLEX = {"â": "", "á": "\u0301", "à": "\u0300", "å": "\u0309", "ã": "\u0303", "ä": "\u0323"}
_VNI_BREVE = {"ê": "", "é": "\u0301", "è": "\u0300", "ú": "\u0309", "ü": "\u0303", "ë": "\u0323"}
# Letters VNI writes as one byte: ơ, ư, đ and the i and ỵ with their tones.
_VNI_SINGLE = {"ô": "ơ", "ö": "ư", "ñ": "đ", "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ"}

LEGACY_ENCODINGS = ("tcvn3", "vni", "viscii")


@cache
def _byte_table(name: str) -> dict[int, str]:
    text = (resources.files("publisher.ingest") / "charsets" / f"{name}.txt").read_text(encoding="utf-8")
    table: dict[int, str] = {}
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        byte, code_point = line.split("\t")[:2]
        table[int(byte, 16)] = chr(int(code_point[2:], 16))
    return table


@cache
def _vni_sequences() -> tuple[re.Pattern[str], dict[str, str]]:
    pairs: dict[str, str] = {}

    def add(sequence: str, composed: str) -> None:
        pairs[sequence] = unicodedata.normalize("NFC", composed)
        pairs[sequence.upper()] = unicodedata.normalize("NFC", composed).upper()

    for vowel in "aeouy":
        for byte, tone in _VNI_TONES.items():
            add(vowel + byte, vowel + tone)
    for vowel in "aeo":
        for byte, tone in _VNI_CIRCUMFLEX.items():
            add(vowel + byte, vowel + "\u0302" + tone)
    for byte, tone in _VNI_BREVE.items():
        add("a" + byte, "a\u0306" + tone)
    for base, letter in (("ô", "ơ"), ("ö", "ư")):
        for byte, tone in _VNI_TONES.items():
            add(base + byte, letter + tone)
    for byte, letter in _VNI_SINGLE.items():
        add(byte, letter)
    alternatives = sorted(pairs, key=len, reverse=True)
    return re.compile("|".join(re.escape(a) for a in alternatives)), pairs


def decode_legacy(data: bytes, encoding: str) -> str:
    """``data`` decoded from TCVN3, VNI or VISCII (NFC)."""
    if encoding == "vni":
        pattern, pairs = _vni_sequences()
        text = pattern.sub(lambda match: pairs[match.group(0)], data.decode("cp1252", errors="replace"))
    else:
        table = _byte_table(encoding)
        text = "".join(table.get(byte, chr(byte)) for byte in data)
    return unicodedata.normalize("NFC", text)


def encode_legacy(text: str, encoding: str) -> bytes:
    """``text`` written in TCVN3, VNI or VISCII: the inverse of :func:`decode_legacy`,
    for making samples and for tests. Characters the encoding lacks raise ValueError."""
    text = unicodedata.normalize("NFC", text)
    if encoding == "vni":
        _, pairs = _vni_sequences()
        reverse = {composed: sequence for sequence, composed in pairs.items()}
        pieces = [reverse.get(ch, ch) for ch in text]
        try:
            return "".join(pieces).encode("cp1252")
        except UnicodeEncodeError as error:
            raise ValueError(f"VNI has no {text[error.start]!r}") from None
    reverse_bytes = {ch: byte for byte, ch in _byte_table(encoding).items()}
    out = bytearray()
    for ch in text:
        if ch in reverse_bytes and (ord(ch) >= 0x80 or reverse_bytes[ch] != ord(ch)):
            out.append(reverse_bytes[ch])
        elif ord(ch) < 0x80:
            out.append(ord(ch))
        else:
            decomposed = _decomposed_in(ch, reverse_bytes)
            if decomposed is None:
                raise ValueError(f"{encoding.upper()} has no {ch!r}")
            out += decomposed
    return bytes(out)


def _decomposed_in(ch: str, reverse_bytes: dict[str, int]) -> bytes | None:
    """A letter as base plus combining tone mark, for encodings that have the marks (TCVN3)."""
    parts = unicodedata.normalize("NFD", ch)
    base, marks = unicodedata.normalize("NFC", parts[:-1]), parts[-1]
    if (base in reverse_bytes or (len(base) == 1 and ord(base) < 0x80)) and marks in reverse_bytes:
        return bytes([reverse_bytes.get(base, ord(base[0])), reverse_bytes[marks]])
    return None


# Vietnamese syllables: onset, vowel nucleus (one to three vowels), coda. The score of a
# decoding is the share of its non-ASCII words that are such syllables.
_ONSET = "(?:ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnpqrstvx])?"
_NUCLEUS = "[aăâeêioôơuưy]{1,3}"
_CODA = "(?:ch|ng|nh|[cmnpt])?"
_SYLLABLE = re.compile(f"^{_ONSET}{_NUCLEUS}{_CODA}$")
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
# Words split at spaces and ordinary punctuation only, so that mojibake ("Chá»¯") stays
# one (bad) word instead of yielding a good syllable ("Chá").
_SEPARATORS = ".,;:!?()[]{}\"'“”‘’…/|–—-"
_WORD = re.compile(f"[^\\s{re.escape(_SEPARATORS)}]+")


def vietnamese_score(text: str, sample: int = 20_000) -> float:
    """Between 0 and 1: how much of ``text`` reads as Vietnamese syllables. Text without
    any non-ASCII letter scores 0.5 (nothing to tell)."""
    # Each different word looked at once: a text repeats its syllables many times over.
    # Counted first, then each different word asked whether it is ASCII: not every word.
    good = total = 0
    for word, count in Counter(_words(text[:sample])).items():
        if not word.isascii() and not word.isdigit():
            total += count
            if _is_syllable(word):
                good += count
    return good / total if total else 0.5


def _words(text: str) -> list[str]:
    """``_WORD.findall(text)``: the separators made spaces, then the text split at its white
    space (what ``\\s`` matches), two to three times faster than the pattern tried at every
    character."""
    for separator in _SEPARATORS:
        if separator in text:
            text = text.replace(separator, " ")
    return text.split()


@lru_cache(maxsize=16384)
def _is_syllable(word: str) -> bool:
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [ch for ch in decomposed if ch in _TONES]
    if len(tones) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES))
    return bool(_SYLLABLE.match(bare))
