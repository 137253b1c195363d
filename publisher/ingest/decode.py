"""Bytes to text: byte-order marks honoured, undecodable input refused clearly."""

from __future__ import annotations

import codecs
from pathlib import Path

from publisher.errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


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


def decode_bytes(data: bytes, path: Path) -> str:
    """Decode an article's bytes as UTF-8 (or the encoding its BOM names)."""
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise InputError(f"this is {what}, not an article's text", path)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode(data[len(bom) :], encoding, path)
    return _decode(data, "utf-8", path)


def _decode(data: bytes, encoding: str, path: Path) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(
            f"cannot decode the file as {encoding.upper()} (byte 0x{data[error.start]:02X} "
            f"at offset {error.start}); save it as UTF-8",
            path,
            line,
        ) from None
