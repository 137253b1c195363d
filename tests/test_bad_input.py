"""Hostile and broken input: each case ends as a correct publication (with a warning where
something was left out) or as one clear PublisherError naming the file, and never leaves a
half-written output behind."""

from __future__ import annotations

import errno
import http.server
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import pytest
from conftest import SEED

from publisher import BuildOptions, PublisherError, Reporter, build
from publisher.network import NetworkPolicy

VALID_MD = "---\ntitle: Bài hợp lệ\n---\n\nMột đoạn văn bình thường.\n"


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[Path], Path]  # builds the input under a temporary folder, returns the path to build
    expect: str  # "ok" or "error"
    words: tuple[str, ...] = ()  # in the error message, or in one of the warnings
    formats: tuple[str, ...] = ("epub", "html")
    layout: str | None = None


def _write(name: str, data: bytes | str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
        return path
    return make


def _md(body: str, title: str = "Bài kiểm tra", extra: str = "") -> str:
    return f"---\ntitle: {title!r}\n{extra}---\n\n{body}\n"


def _folder(files: dict[str, bytes | str], manifest: str | None = None) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        root = folder / "pub"
        for name, data in files.items():
            _write(name, data)(root)
        if manifest is not None:
            (root / "publication.toml").write_text(manifest, encoding="utf-8")
        return root
    return make


def _with_layout(files: dict[str, str]) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        root = folder / "pub"
        _write("a.md", VALID_MD)(root)
        for name, text in files.items():
            _write(f"layouts/broken/{name}", text)(root)
        return root
    return make


def _symlinked_article(folder: Path) -> Path:
    outside = folder / "secret.txt"
    outside.write_text("MẬT KHẨU: hunter2\n" * 20, encoding="utf-8")
    root = folder / "pub"
    root.mkdir()
    (root / "a.md").write_text(VALID_MD, encoding="utf-8")
    (root / "b.txt").symlink_to(outside)
    return root


def _symlinked_image(folder: Path) -> Path:
    outside = folder / "outside.png"
    outside.write_bytes(b"\x89PNG\r\n\x1a\n" + b"SECRET-BYTES" * 10)
    root = folder / "pub"
    (root / "images").mkdir(parents=True)
    (root / "images" / "x.png").symlink_to(outside)
    (root / "a.md").write_text(_md("![Ảnh liên kết](images/x.png)\n\nĐoạn văn."), encoding="utf-8")
    return root


CP1258_BYTES = b"\xd0o\xf2an vi\xea\xect b\xe3\xf2ng m\xe3 kh\xe1c."  # "Đoạn viết bằng mã khác." in Windows-1258
FILLER = ("<p>Đoạn văn này đủ dài để trang được coi là một bài báo thật sự, với nhiều câu chữ kể về các sự việc "
          "trong tuần qua tại địa phương và ý kiến của người dân về những thay đổi đó.</p>")
DEEP_HTML = "<html><head><title>Sâu</title></head><body>" + "<div>" * 10_000 + "<p>Đoạn văn sâu.</p>" + "</div>" * 10_000 + "</body></html>"
MANY_PARAGRAPHS = _md("\n\n".join(f"Đoạn số {n} của bài viết rất dài." for n in range(10_000)))
HOMEPAGE = "\n".join(["Trang chủ", "Thời sự", "Kinh tế", "Văn hóa", "Thể thao", "Xem thêm", "Tin mới", "Quảng cáo"] * 5)

CASES = [
    Case("empty file", _write("a.txt", b""), "error", ("empty",)),
    Case("whitespace only", _write("a.txt", b" \n\t\n   \n"), "error", ("empty",)),
    Case("PDF renamed .txt", _write("a.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"), "error", ("PDF document",)),
    Case("PNG renamed .txt", _write("a.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), "error", ("PNG image",)),
    Case("zip renamed .md", _write("a.md", b"PK\x03\x04\x14\0\0\0"), "error", ("zip archive",)),
    Case("invalid UTF-8", _write("a.txt", "Tiêu đề\n\nĐoạn một.\n".encode() + b"\xff\xfe\xfd\n"), "error", ("decode", ":4")),
    Case("mixed encodings", _write("a.txt", "Tiêu đề bài\n\n".encode() + CP1258_BYTES), "error", ("decode",)),
    Case("NUL and control characters", _write("a.md", _md("Đoạn\x00 có\x07 ký\x1b tự\x0c điều khiển.")), "ok"),
    Case("20 MB article", _write("a.txt", ("Đoạn văn lặp lại nhiều lần để thành tệp rất lớn.\n\n" * 400_000).encode()), "error", ("too large",)),
    Case("10,000 paragraphs", _write("a.md", MANY_PARAGRAPHS), "error", ("split it",)),
    Case("HTML nested 10,000 levels", _write("a.html", DEEP_HTML), "error", ("no text",)),
    Case("2,000-character title", _write("a.md", _md("Đoạn văn.", title="Tiêu đề rất dài " * 125)), "ok", formats=("pdf", "epub", "html")),
    Case("RTL and bidi override marks", _write("a.md", _md("Đoạn \u202ecó ký tự đảo chiều\u202c và \u200fdấu phải-trái.")), "ok",
         formats=("pdf", "epub", "html")),
    Case("emoji", _write("a.md", _md("Vui quá 😀🎉 hôm nay.")), "ok", ("U+1F600",), formats=("pdf", "epub", "html")),
    Case("characters the fonts lack", _write("a.md", _md("Chữ Ý cổ 𐌀 và chữ Tifinagh ⵜ.")), "ok", ("U+10300", "U+2D5C")),
    Case("private-use symbol", _write("a.md", _md("Ký hiệu \uf030 từ phông Symbol.")), "ok", ("U+F030",), formats=("pdf",)),
    Case("missing image", _write("a.md", _md("![Chú thích còn lại](khong-co.png)\n\nĐoạn.")), "ok", ("image not found", "khong-co.png")),
    # Markdown does not even parse a file: URL as an image; nothing is read either way.
    Case("image file:///etc/passwd", _write("a.md", _md("![Mật](file:///etc/passwd)\n\nĐoạn.")), "ok", formats=("pdf", "epub", "html")),
    Case("image file:///etc/passwd in HTML", _write("a.html", "<html><head><title>Ảnh</title></head><body><h1>Ảnh</h1>"
         "<p>Một đoạn văn đủ dài để được coi là nội dung chính của bài viết có ảnh.</p>" + FILLER
         + "<figure><img src=\"file:///etc/passwd\"><figcaption>Ảnh mật</figcaption></figure></body></html>"), "ok",
         formats=("pdf", "epub", "html")),
    Case("image ../../ path", _write("a.md", _md("![Ngoài](../../../../etc/hostname)\n\nĐoạn.")), "ok", ("outside",)),
    Case("image data: bomb", _write("a.md", _md("![Bom](data:image/png;base64," + "A" * 200_000 + ")\n\nĐoạn.")), "ok", ("refused",)),
    Case("image symlink out of the folder", _symlinked_image, "ok", ("outside",), formats=("pdf", "epub", "html")),
    Case("article symlink out of the folder", _symlinked_article, "ok", ("outside the folder",)),
    Case("raw HTML and script in Markdown", _write("a.md", _md("<script>alert(1)</script>\n\nĐoạn <b onclick='x()'>đậm</b>.")), "ok"),
    Case("script, iframe and handlers in HTML", _write("a.html", "<html><head><title>Bài</title><script>alert(1)</script></head><body>"
         "<h1>Bài</h1>" + FILLER + "<p onclick=\"steal()\">Một đoạn văn đủ dài để được coi là nội dung của bài viết này.</p>"
         + "<iframe src=\"https://evil.example/\"></iframe><p>Đoạn thứ hai cũng đủ dài để là đoạn văn thật sự của bài.</p>"
         "<a href=\"javascript:alert(2)\">bấm</a><svg><script>alert(3)</script></svg></body></html>"), "ok"),
    Case("undefined entities", _write("a.html", "<html><head><title>Thực thể</title></head><body><h1>Thực thể</h1>"
         + FILLER + "<p>Ký tự &foo; và &#xD800; cùng &#0; trong một đoạn văn đủ dài của bài viết.</p></body></html>"), "ok"),
    Case("a homepage, not an article", _write("a.txt", HOMEPAGE), "error", ("article",)),
    Case("folder without articles", _folder({"notes.docx": b"PK"}), "error", ("no article files",)),  # nor any folder below
    Case("unknown suffix", _write("a.docx", b"PK\x03\x04"), "error", ("zip archive",)),
    Case("Markdown without front matter", _write("a.md", "# Tiêu đề\n\nĐoạn.\n"), "error", ("front matter", ":1")),
    Case("Markdown front matter invalid YAML", _write("a.md", "---\ntitle: [chưa đóng\n---\n\nĐoạn.\n"), "error", ("front matter",)),
    Case("Markdown front matter unknown key", _write("a.md", "---\ntitle: A\nauthor: B\n---\n\nĐoạn.\n"), "error", ("unknown front matter key", ":3")),
    Case("Markdown title not text", _write("a.md", "---\ntitle: [1, 2]\n---\n\nĐoạn.\n"), "error", ("title",)),
    Case("manifest with TOML error", _folder({"a.md": VALID_MD}, 'title = "T\n'), "error", ("invalid TOML", ":1")),
    Case("manifest naming files outside", _folder({"a.md": VALID_MD}, 'title = "T"\n[[sections]]\narticles = ["../../etc/passwd"]\n'),
         "error", ("outside the publication's folder", ":3")),
    Case("manifest glob matching nothing", _folder({"a.md": VALID_MD}, 'title = "T"\n[[sections]]\narticles = ["*.txt"]\n'),
         "error", ("no article matches",)),
    Case("manifest wrong type", _folder({"a.md": VALID_MD}, 'title = "T"\neditors = 5\n'), "error", ("'editors' must be", ":2")),
    Case("broken Jinja template", _with_layout({"layout.toml": 'extends = "bulletin"\n', "web.html": "<p>\n{% for x in %}\n"}),
         "error", ("web.html:2", "template")),
    Case("template that includes itself", _with_layout({"layout.toml": 'extends = "bulletin"\n', "web.html": '{% include "web.html" %}\n'}),
         "error", ("without end",)),
    Case("template with an undefined name", _with_layout({"layout.toml": 'extends = "bulletin"\n', "web.html": "<p>\n{{ nothing.here }}\n"}),
         "error", ("web.html:2", "undefined")),
    Case("layout.toml invalid", _with_layout({"layout.toml": 'extends = "bulletin\n'}), "error", ("layout.toml", "invalid layout file")),
    Case("layout names a missing font", _with_layout({"layout.toml": 'extends = "bulletin"\n[[fonts]]\nfamily = "X"\nfile = "nope.ttf"\n'}),
         "error", ("nope.ttf",)),
    Case("layout extends an unknown layout", _with_layout({"layout.toml": 'extends = "magazine"\n'}), "error", ("unknown layout 'magazine'",)),
    Case("very long word", _write("a.md", _md("Từ " + "a" * 5000 + " kết thúc.")), "ok", formats=("pdf", "epub", "html")),
]


def _run(case: Case, tmp_path: Path):
    source = case.make(tmp_path)
    out = tmp_path / "out"
    layout = "broken" if (source / "layouts").is_dir() else case.layout
    warnings: list[str] = []
    try:
        results = build([source], out, BuildOptions(formats=case.formats, layout=layout), Reporter(warning=warnings.append))
    except PublisherError as error:
        return "error", str(error), warnings, out, None
    return "ok", "", warnings, out, results


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_input_ends_cleanly(case, tmp_path):
    outcome, message, warnings, out, results = _run(case, tmp_path)
    assert outcome == case.expect, message or warnings
    if outcome == "error":
        assert str(tmp_path) in message, f"the message names no file: {message}"
        assert any(word in message for word in case.words), message
        assert not out.exists() or not any(out.rglob("*")), "an error left output behind"
    else:
        for word in case.words:
            assert any(word in w for w in warnings), (word, warnings)
        written = [f for r in results for f in r.files]
        assert {f.format for f in written} == set(case.formats)
        for output in out.rglob("*"):
            data = output.read_bytes()
            assert b"<script" not in data.lower() and b"javascript:" not in data and b"onclick" not in data
            assert b"hunter2" not in data and b"SECRET-BYTES" not in data and b"root:x:0" not in data
        assert not list(out.rglob("*.part"))


def test_the_suite_has_at_least_forty_cases():
    assert len(CASES) >= 40


def test_epubcheck_accepts_the_hostile_html(tmp_path):
    from conftest import epubcheck_problems

    case = next(c for c in CASES if c.name == "script, iframe and handlers in HTML")
    _, _, _, _out, results = _run(case, tmp_path)
    epub = next(f.path for r in results for f in r.files if f.format == "epub")
    assert epubcheck_problems(epub) == []


def test_full_disk_leaves_nothing_behind(tmp_path, monkeypatch):
    from publisher.writers import base

    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, handle):
            self._stream = real_fdopen(handle, "wb")

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self._stream.close()

        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(base.os, "fdopen", lambda handle, mode: FullDisk(handle))
    with pytest.raises(PublisherError, match="No space left on device"):
        build([SEED], tmp_path / "out", BuildOptions(formats=("html",)))
    assert not any((tmp_path / "out").rglob("*"))


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self):
        _Recorder.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()
        self.wfile.write(b"\x89PNG\r\n\x1a\n")

    def log_message(self, *args):
        return None


@pytest.mark.parametrize("allow_network", [False, True])
def test_a_local_server_receives_no_request(tmp_path, allow_network):
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Recorder.requests = []
    try:
        port = server.server_address[1]
        article = tmp_path / "a.md"
        article.write_text(_md(f"![Ảnh từ máy chủ](http://127.0.0.1:{port}/spy.png)\n\n![Khác](http://localhost:{port}/b.png)\n\nĐoạn."),
                           encoding="utf-8")
        warnings: list[str] = []
        build([article], tmp_path / "out", BuildOptions(network=NetworkPolicy(allowed=allow_network)), Reporter(warning=warnings.append))
    finally:
        server.shutdown()
    assert _Recorder.requests == []
    assert len([w for w in warnings if "spy.png" in w or "b.png" in w]) == 2
    if allow_network:
        assert all("non-public address" in w for w in warnings if "png" in w)
