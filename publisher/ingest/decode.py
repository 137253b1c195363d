"""Bytes to text: byte-order marks and declared charsets honoured, legacy Vietnamese
encodings detected, undecodable input refused clearly."""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path
from typing import NoReturn

from publisher.errors import InputError
from publisher.ingest.legacy import LEGACY_ENCODINGS, decode_legacy, vietnamese_score

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Names pages and editors give the Vietnamese encodings.
_ALIASES = {
    "utf8": "utf-8", "utf-8": "utf-8", "unicode": "utf-8",
    "windows-1258": "cp1258", "cp1258": "cp1258", "x-viet-windows": "cp1258", "x-cp1258": "cp1258",
    "viscii": "viscii", "csviscii": "viscii", "x-viet-viscii": "viscii", "viscii1.1-1": "viscii",
    "tcvn": "tcvn3", "tcvn3": "tcvn3", "tcvn-3": "tcvn3", "tcvn5712": "tcvn3", "tcvn-5712": "tcvn3",
    "tcvn5712-1": "tcvn3", "x-viet-tcvn": "tcvn3", "x-viet-tcvn5712": "tcvn3", "abc": "tcvn3",
    "vni": "vni", "x-viet-vni": "vni", "vni-windows": "vni",
}
# Western charsets that pages declared while their fonts drew VNI or TCVN3 glyphs.
_WESTERN = frozenset({"latin-1", "iso8859-1", "cp1252", "ascii"})
_SNIFFED = ("cp1258", *LEGACY_ENCODINGS)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
_MIN_SCORE = 0.6  # a legacy decoding must read as Vietnamese at least this well
_WESTERN_MARGIN = 0.2


# Files that are something else under an article's name.
_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a zip archive (or a .docx/.epub)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares near its top, if any."""
    head = data[:8192]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii").strip().lower() if match else None


def decode_bytes(data: bytes, path: Path, declared: str | None = None) -> str:
    """Decode an article's bytes: a BOM wins, then a declared charset that fits the bytes,
    then UTF-8, then whichever Vietnamese legacy encoding reads best."""
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise InputError(f"this is {what}, not an article's text", path)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode(data[len(bom) :], encoding, path)
    if declared:
        encoding = _canonical(declared)
        if encoding in LEGACY_ENCODINGS:
            return decode_legacy(data, encoding)
        if encoding and encoding != "utf-8":
            try:
                text = data.decode(encoding)
            except (UnicodeDecodeError, LookupError):
                pass
            else:
                if _python_name(encoding) in _WESTERN and not text.isascii():
                    return _better_legacy(data, text)
                return unicodedata.normalize("NFC", text)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        return _sniff(data, error, path)


def _canonical(name: str) -> str:
    key = name.strip().lower()
    return _ALIASES.get(key, key)


def _python_name(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return encoding


def _better_legacy(data: bytes, text: str) -> str:
    best_text, best_score = text, vietnamese_score(text)
    for encoding in LEGACY_ENCODINGS:
        candidate = decode_legacy(data, encoding)
        score = vietnamese_score(candidate)
        if score > best_score + _WESTERN_MARGIN:
            best_text, best_score = candidate, score
    return unicodedata.normalize("NFC", best_text)


def _sniff(data: bytes, error: UnicodeDecodeError, path: Path) -> str:
    """Not UTF-8: the legacy encoding whose reading is most Vietnamese, unless the bytes are
    UTF-8 with a few broken sequences (then the error names the first one)."""
    if _mostly_utf8(data):
        _raise_undecodable(data, error, "utf-8", path)
    best: tuple[float, str] | None = None
    for encoding in _SNIFFED:
        try:
            candidate = decode_legacy(data, encoding) if encoding in LEGACY_ENCODINGS else data.decode(encoding)
        except UnicodeDecodeError:
            continue
        candidate = unicodedata.normalize("NFC", candidate)
        score = vietnamese_score(candidate)
        if best is None or score > best[0]:
            best = (score, candidate)
    if best is None or best[0] < _MIN_SCORE:
        _raise_undecodable(data, error, "utf-8", path)
    return best[1]


def _mostly_utf8(data: bytes) -> bool:
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    valid_multibyte = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    return valid_multibyte >= broken


def _decode(data: bytes, encoding: str, path: Path) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        _raise_undecodable(data, error, encoding, path)
        raise  # unreachable: the call above raises


def _raise_undecodable(data: bytes, error: UnicodeDecodeError, encoding: str, path: Path) -> NoReturn:
    line = data[: error.start].count(b"\n") + 1
    raise InputError(
        f"cannot decode the file as {encoding.upper()} (byte 0x{data[error.start]:02X} "
        f"at offset {error.start}) nor as a Vietnamese legacy encoding (Windows-1258, TCVN3, "
        "VNI, VISCII); save it as UTF-8",
        path,
        line,
    ) from None
