"""Bytes in: BOMs honoured, NFC everywhere, undecodable input refused with file and line."""

from __future__ import annotations

import unicodedata

import pytest
from conftest import SEED

from publisher import PublisherError, load_profiles, read_article


def test_bom_and_decomposed_marks_give_the_same_article(tmp_path, seed_article):
    text = SEED.read_text(encoding="utf-8")
    variant = tmp_path / "nfd.txt"
    variant.write_bytes(b"\xef\xbb\xbf" + unicodedata.normalize("NFD", text).encode("utf-8"))
    article = read_article(variant, load_profiles()).article
    assert article.title == seed_article.title
    assert article.body == seed_article.body
    assert unicodedata.is_normalized("NFC", article.lead)


def test_utf16_with_bom(tmp_path, seed_article):
    variant = tmp_path / "utf16.txt"
    variant.write_bytes(SEED.read_text(encoding="utf-8").encode("utf-16"))
    assert read_article(variant, load_profiles()).article.body == seed_article.body


def test_undecodable_bytes_name_the_file_and_line(tmp_path):
    broken = tmp_path / "broken.txt"
    broken.write_bytes("Tiêu đề\nDòng hai\n".encode() + b"\xff\xfe\xfa h\n")
    with pytest.raises(PublisherError) as caught:
        read_article(broken, load_profiles())
    assert caught.value.path == broken
    assert caught.value.line == 3
    assert "UTF-8" in str(caught.value)


@pytest.mark.parametrize("content", [b"", b"   \n\n \t \n"])
def test_empty_input_is_refused(tmp_path, content):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(content)
    with pytest.raises(PublisherError, match=r"empty|no text"):
        read_article(empty, load_profiles())
