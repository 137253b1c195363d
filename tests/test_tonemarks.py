"""Tone-mark placement: kept as printed, or every open oa/oe/uy syllable in one style,
everywhere in the publication (title, table of contents, metadata included)."""

from __future__ import annotations

import zipfile

import pytest
from conftest import FOLDER3

from publisher import BuildOptions, PublisherError, build
from publisher.clean.tonemarks import restyle

MIXED = "Hòa bình, hoà hợp; khỏe, KHOẺ; Thúy, thuý; quý, hoàng, thuyết, khuya, Tòa án, luỹ tre"


def test_old_style():
    assert restyle(MIXED, "old") == "Hòa bình, hòa hợp; khỏe, KHỎE; Thúy, thúy; quý, hoàng, thuyết, khuya, Tòa án, lũy tre"


def test_new_style():
    assert restyle(MIXED, "new") == "Hoà bình, hoà hợp; khoẻ, KHOẺ; Thuý, thuý; quý, hoàng, thuyết, khuya, Toà án, luỹ tre"


def test_keep_changes_nothing_and_unknown_style_is_refused(tmp_path):
    assert restyle(MIXED, "keep") is MIXED
    with pytest.raises(PublisherError, match="tone-mark"):
        build([FOLDER3], tmp_path, BuildOptions(formats=("epub",), tone_marks="modern"))


def test_style_reaches_title_toc_and_metadata(tmp_path):
    folder = tmp_path / "Hòa bình và khỏe mạnh"
    folder.mkdir()
    for source in FOLDER3.iterdir():
        (folder / source.name).write_bytes(source.read_bytes())
    (folder / "01-seed.txt").write_text(
        (FOLDER3 / "01-seed.txt").read_text(encoding="utf-8").replace(
            "Hai khâu đột phá trong xây dựng tổ chức đảng", "Hai khâu đột phá: hòa hợp và khỏe mạnh"
        ),
        encoding="utf-8",
    )
    results = build([folder], tmp_path / "out", BuildOptions(formats=("epub",), tone_marks="new"))
    epub = results[0].files[0].path
    with zipfile.ZipFile(epub) as archive:
        texts = {name: archive.read(name).decode("utf-8") for name in archive.namelist() if name.endswith((".xhtml", ".opf", ".ncx"))}
    everything = "\n".join(texts.values())
    assert "hoà hợp và khoẻ mạnh" in everything
    assert "hòa hợp" not in everything and "khỏe" not in everything
    assert any("Hoà bình và khoẻ mạnh" in text for name, text in texts.items() if name.endswith(".opf"))
    assert any("hoà hợp và khoẻ mạnh" in text for name, text in texts.items() if "nav" in name or name.endswith(".ncx"))
