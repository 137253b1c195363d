"""Pictures survive cleaning: a saved page's image address is found wherever the page put
it (lazy-loading attributes, srcset, <picture>), made absolute against the page's own
address unless the page was saved with its images, written into the Markdown, warned about
by a build that does not fetch, and downloaded by ``clean --allow-network -o`` through the
build's own network gate."""

from __future__ import annotations

import http.server
import io
import socket
import threading
from pathlib import Path
from typing import ClassVar

import pytest
from typer.testing import CliRunner

from publisher import Figure, load_profiles, read_article
from publisher.build import BuildOptions, Reporter, build_one
from publisher.cli import app
from publisher.ingest.images import furniture_evidence, image_address, largest_candidate, page_base_url
from publisher.ingest.pagelines import page_lines, parse_html

CDN = "https://cdn.example.vn"
PARAGRAPHS = (
    "<p>Sở Giao thông vận tải Hà Nội cho biết các tuyến mới sẽ thay thế dần xe buýt chạy dầu trên những tuyến đông khách nhất.</p>"
    "{picture}"
    "<p>Thành phố đặt mục tiêu đến năm 2030 toàn bộ xe buýt sử dụng năng lượng xanh, giảm khí thải và tiếng ồn ở khu vực đô thị.</p>"
)


def page(picture: str, head: str = "") -> str:
    """A small article page with ``picture`` between its two paragraphs."""
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Hà Nội mở thêm tuyến buýt điện - Báo Mẫu</title>{head}</head>"
        "<body><h1>Hà Nội mở thêm tuyến buýt điện</h1><div class='date'>Thứ Hai, 06/03/2023 - 08:15</div>"
        "<div class='sapo'>(BM) - Từ tháng sau, người dân Thủ đô có thêm tuyến buýt điện chạy khắp các quận nội thành và ngoại thành.</div>"
        f"<div class='content'>{PARAGRAPHS.format(picture=picture)}</div></body></html>"
    )


def img(markup: str):
    """The first <img> of ``markup``, parsed as a page would be."""
    return next(parse_html(f"<html><body>{markup}</body></html>").iter("img"))


def figures_of(path: Path) -> list[Figure]:
    return [block for block in read_article(path, load_profiles()).article.body if isinstance(block, Figure)]


def write_page(folder: Path, markup: str, name: str = "bai.html") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(markup, encoding="utf-8")
    return path


def png_bytes(width: int = 40, height: int = 30) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), (30, 120, 200)).save(out, format="PNG")
    return out.getvalue()


# ------------------------------------------------------------------ where the address is


@pytest.mark.parametrize(
    "attribute",
    ["data-src", "data-original", "data-lazy-src", "data-lazy", "data-url", "data-echo", "data-original-src", "data-lazyload"],
)
def test_each_lazy_loading_attribute_gives_the_address(attribute):
    element = img(f'<img src="/images/blank.gif" {attribute}="{CDN}/2023/03/xe-buyt.jpg">')
    assert image_address(element, None) == f"{CDN}/2023/03/xe-buyt.jpg"


@pytest.mark.parametrize("attribute", ["data-srcset", "data-lazy-srcset"])
def test_lazy_srcsets_give_their_largest_candidate(attribute):
    element = img(f'<img src="/blank.gif" {attribute}="{CDN}/a-320.jpg 320w, {CDN}/a-1280.jpg 1280w, {CDN}/a-640.jpg 640w">')
    assert image_address(element, None) == f"{CDN}/a-1280.jpg"


def test_srcset_largest_by_width_or_by_density():
    assert largest_candidate("a-480.jpg 480w, a-1024.jpg 1024w,a-800.jpg 800w") == "a-1024.jpg"
    assert largest_candidate("a.jpg, a@3x.jpg 3x, a@1.5x.jpg 1.5x") == "a@3x.jpg"
    assert largest_candidate("https://x.vn/anh,to.jpg 2x, https://x.vn/nho.jpg 1x") == "https://x.vn/anh,to.jpg"
    assert largest_candidate("data:image/gif;base64,R0lGOD,lhAQ 2000w, that.jpg 300w") == "that.jpg"
    assert largest_candidate("") is None
    element = img(f'<img src="{CDN}/small.jpg" srcset="{CDN}/small.jpg 1x, {CDN}/large.jpg 2x">')
    assert image_address(element, None) == f"{CDN}/large.jpg"


def test_picture_sources_in_a_format_a_build_takes():
    element = img(
        "<picture><source type='image/avif' srcset='/anh.avif 1600w'>"
        "<source type='image/webp' srcset='/anh-800.webp 800w, /anh-1600.webp 1600w'>"
        "<img src='/anh.jpg' alt='Xe buýt'></picture>"
    )
    assert image_address(element, "https://bao.example.vn/thoi-su/bai.html") == "https://bao.example.vn/anh-1600.webp"


def test_picture_sources_through_the_whole_reader(tmp_path):
    head = '<link rel="canonical" href="https://bao.example.vn/thoi-su/bai.html">'
    path = write_page(tmp_path, page(
        "<figure><picture><source type='image/avif' srcset='/anh.avif 1600w'><source srcset='/anh-1600.webp 1600w'>"
        "<img src='/anh.jpg'></picture><figcaption>Xe buýt điện mới.</figcaption></figure>", head))
    assert [f.src for f in figures_of(path)] == ["https://bao.example.vn/anh-1600.webp"]


def test_a_data_placeholder_beside_a_real_data_src(tmp_path):
    placeholder = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"
    element = img(f'<img src="{placeholder}" data-src="{CDN}/that.jpg">')
    assert image_address(element, None) == f"{CDN}/that.jpg"
    assert image_address(img(f'<img src="{placeholder}">'), None) is None
    # Through the whole reader (sanitiser included), with its caption.
    path = write_page(tmp_path, page(f'<figure><img src="{placeholder}" data-src="{CDN}/that.jpg">'
                                     "<figcaption>Xe buýt điện tại bến Long Biên.</figcaption></figure>"))
    assert [(f.caption, f.src) for f in figures_of(path)] == [("Xe buýt điện tại bến Long Biên.", f"{CDN}/that.jpg")]


def test_a_tracking_pixel_is_no_picture(tmp_path):
    assert image_address(img('<img src="https://stats.example.vn/p.gif" width="1" height="1">'), None) is None
    assert image_address(img('<img src="https://stats.example.vn/p.gif" width="0" height="0px">'), None) is None
    assert image_address(img(f'<img src="{CDN}/wide.jpg" width="1" height="400">'), None) == f"{CDN}/wide.jpg"
    path = write_page(tmp_path, page('<img src="https://stats.example.vn/p.gif" width="1" height="1">'))
    assert figures_of(path) == []


def test_other_schemes_are_no_address():
    assert image_address(img('<img src="javascript:alert(1)" data-echo="javascript:alert(2)">'), None) is None
    assert image_address(img('<img data-src="file:///etc/passwd">'), None) is None


# ------------------------------------------------------------------ site furniture is no figure

SHARE_BAR = (
    "<div class='chia-se'>"
    "<a href='https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fbao.example.vn%2Fbai'><img src='/static/fb.png'></a>"
    "<a href='https://twitter.com/intent/tweet?url=https%3A%2F%2Fbao.example.vn%2Fbai'><img src='/static/tw.png'></a>"
    "<a href='https://sp.zalo.me/share_inline?url=https%3A%2F%2Fbao.example.vn%2Fbai'><img src='/static/zalo.png'></a>"
    "<img src='/static/print.png' width='24' height='24'></div>"
)
AVATAR = "<div class='post-author'><img src='/uploads/nguyen-van-a.jpg'><span>Nguyễn Văn A</span></div>"
LOGO = "<img src='/assets/site-logo.png'>"
PHOTO = (
    "<figure><img src='/2023/03/xe-buyt-dien-long-bien.jpg' width='1200' height='800'>"
    "<figcaption>Xe buýt điện đón khách tại bến Long Biên sáng 5/3.</figcaption></figure>"
)
HEAD = '<link rel="canonical" href="https://bao.example.vn/thoi-su/bai.html">'


def test_share_icons_an_avatar_and_a_logo_are_no_figures_but_the_photo_stays(tmp_path):
    markup = page(PHOTO, HEAD).replace("<h1>", LOGO + "<h1>").replace("<div class='date'>", AVATAR + SHARE_BAR + "<div class='date'>")
    figures = figures_of(write_page(tmp_path, markup))
    assert [(f.src, f.caption) for f in figures] == [
        ("https://bao.example.vn/2023/03/xe-buyt-dien-long-bien.jpg", "Xe buýt điện đón khách tại bến Long Biên sáng 5/3."),
    ]


@pytest.mark.parametrize(
    ("markup", "evidence"),
    [
        ('<img src="/x/pic.png" role="presentation">', "marked decorative"),
        ('<img src="/x/pic.png" aria-hidden="true">', "marked decorative"),
        ('<img src="/x/pic.png" width="40" height="40">', "declared small"),
        ('<img src="/x/rule.gif" width="600" height="2">', "declared small"),
        ('<img src="/thumbnail/40x40/pic.jpg">', "small in its address"),
        ('<img src="/avatar/abc?s=64">', "small in its address"),
        ('<img src="/x/pic.jpg?w=96&h=96">', "small in its address"),
        ('<img src="/theme/icons/twitter.svg">', "named furniture"),
        ('<img src="/design/play_overlay.png">', "named furniture"),
        ('<img src="/img/ajax-loader.gif">', "named furniture"),
        ('<img src="/design/Social-Facebook-34.png">', "named furniture"),
        ('<a href="https://www.linkedin.com/shareArticle?url=x"><img src="/x/in.png"></a>', "a share link"),
        ('<div class="social-follow"><img src="/x/fb.png"></div>', "in furniture's box"),
    ],
)
def test_what_says_a_picture_is_furniture(markup, evidence):
    element = img(markup)
    assert furniture_evidence(element, image_address(element, "https://bao.example.vn/")) == evidence


@pytest.mark.parametrize(
    "markup",
    [
        '<img src="/2023/03/xe-buyt.jpg" width="1200" height="800">',
        '<img src="/resizer/700x0/smart/xe-buyt.jpg">',  # 0: height to match the width
        '<img src="/2023/03/xe-buyt.jpg?w=20">',  # a lazy loader's blurred placeholder of a large photo
        '<img src="/2023/03/xe-buyt.jpg?s=2">',  # a version, not a size
        '<img src="/2023/03/loading-truck.jpg">',  # "loading" is what the photo shows
        '<img src="/2023/03/social-media-summit.jpg">',  # a photo's name may say "social"
        # A "Pin it" link around the article's own large photo.
        '<a href="https://www.pinterest.com/pin/create/button/?url=x"><img src="/2023/03/pin.jpg" width="300" height="450"></a>',
        # An <article> whose class names its author holds the text, not a headshot.
        '<article class="post author-jane"><p>Long paragraph of text. ' + "Words " * 100 + '</p><img src="/2023/03/xe.jpg"></article>',
    ],
)
def test_a_photo_is_no_furniture(markup):
    element = img(markup)
    assert furniture_evidence(element, image_address(element, "https://bao.example.vn/")) is None


# ------------------------------------------------------------------ against what address


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ('<base href="https://static.example.vn/bai/">', "https://static.example.vn/bai/anh/xe.jpg"),
        ('<link rel="canonical" href="https://bao.example.vn/thoi-su/bai-1.html">', "https://bao.example.vn/thoi-su/anh/xe.jpg"),
        ('<meta property="og:url" content="https://m.example.vn/tin/bai-1.html">', "https://m.example.vn/tin/anh/xe.jpg"),
        # <base> before the canonical link, the canonical link before og:url.
        ('<meta property="og:url" content="https://m.example.vn/x"><link rel="canonical" href="https://bao.example.vn/a/b">'
         '<base href="https://static.example.vn/z/">', "https://static.example.vn/z/anh/xe.jpg"),
        ('<meta property="og:url" content="https://m.example.vn/x/y"><link rel="canonical" href="https://bao.example.vn/a/b">',
         "https://bao.example.vn/a/anh/xe.jpg"),
        # A relative <base> is itself relative to the page's address.
        ('<link rel="canonical" href="https://bao.example.vn/a/b"><base href="/media/">', "https://bao.example.vn/media/anh/xe.jpg"),
    ],
)
def test_a_relative_address_is_resolved_against_the_page_address(tmp_path, head, expected):
    path = write_page(tmp_path, page("<figure><img src='anh/xe.jpg'><figcaption>Xe buýt điện mới.</figcaption></figure>", head))
    assert [f.src for f in figures_of(path)] == [expected]


def test_protocol_relative_and_root_relative_addresses():
    root = parse_html('<html><head><link rel="canonical" href="http://bao.example.vn/a/b.html"></head><body></body></html>')
    base = page_base_url(root)
    assert base == "http://bao.example.vn/a/b.html"
    assert image_address(img('<img src="//cdn.example.vn/x.jpg">'), base) == "http://cdn.example.vn/x.jpg"
    assert image_address(img('<img src="//cdn.example.vn/x.jpg">'), None) == "https://cdn.example.vn/x.jpg"
    assert image_address(img('<img src="/media/x.jpg">'), base) == "http://bao.example.vn/media/x.jpg"


def test_a_page_saved_complete_keeps_its_images_local(tmp_path):
    (tmp_path / "bai_files").mkdir()
    (tmp_path / "bai_files" / "xe buyt.png").write_bytes(png_bytes())
    head = '<link rel="canonical" href="https://bao.example.vn/thoi-su/bai-1.html">'
    path = write_page(tmp_path, page(
        "<figure><img src='bai_files/xe%20buyt.png'><figcaption>Xe buýt điện tại bến.</figcaption></figure>"
        "<figure><img src='bai_files/khong-co.jpg'><figcaption>Ảnh không được lưu.</figcaption></figure>", head))
    assert [(f.caption, f.src) for f in figures_of(path)] == [
        ("Xe buýt điện tại bến.", "bai_files/xe buyt.png"),  # beside the page: local, relative to it
        ("Ảnh không được lưu.", "https://bao.example.vn/thoi-su/bai_files/khong-co.jpg"),  # not saved: the page's address
    ]
    lines = page_lines(parse_html(path.read_text(encoding="utf-8")), path)
    assert next(line.src for line in lines if line.kind == "image") == "bai_files/xe%20buyt.png"


def test_a_relative_address_without_base_or_file_stays_as_written(tmp_path):
    path = write_page(tmp_path, page("<figure><img src='anh/xe.jpg'><figcaption>Xe buýt điện mới.</figcaption></figure>"))
    assert [f.src for f in figures_of(path)] == ["anh/xe.jpg"]


def test_a_remote_picture_without_a_caption_stays_with_an_empty_caption(tmp_path):
    path = write_page(tmp_path, page(f"<div><img src='{CDN}/khong-chu-thich.jpg' alt='1-1457918989456'></div>"))
    assert [(f.caption, f.src) for f in figures_of(path)] == [("", f"{CDN}/khong-chu-thich.jpg")]


# ------------------------------------------------------------------ clean and build


def test_clean_writes_the_addresses_and_markdown_keeps_them(tmp_path):
    path = write_page(tmp_path / "saved", page(
        f"<figure><img data-src='{CDN}/anh/xe.jpg' src='/blank.gif'><figcaption>Xe buýt điện mới.</figcaption></figure>"
        f"<div><img src='{CDN}/anh/tram-sac.jpg'></div>"))
    result = CliRunner().invoke(app, ["clean", str(path)])
    assert result.exit_code == 0, result.output
    assert f"![Xe buýt điện mới.]({CDN}/anh/xe.jpg)" in result.stdout
    assert f"![]({CDN}/anh/tram-sac.jpg)" in result.stdout
    markdown = tmp_path / "bai.md"
    markdown.write_text(result.stdout, encoding="utf-8")
    assert [(f.caption, f.src) for f in figures_of(markdown)] == [("Xe buýt điện mới.", f"{CDN}/anh/xe.jpg"), ("", f"{CDN}/anh/tram-sac.jpg")]


def test_a_build_without_network_warns_with_the_address_and_keeps_the_caption(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "bai.md").write_text(
        "---\ntitle: Hà Nội mở thêm tuyến buýt điện\n---\n\nMột đoạn văn của bài báo.\n\n"
        f"![Xe buýt điện mới.]({CDN}/anh/xe.jpg)\n\n![]({CDN}/anh/tram-sac.jpg)\n\nĐoạn cuối của bài.\n", encoding="utf-8")
    warnings: list[str] = []
    result = build_one(articles / "bai.md", tmp_path / "out", BuildOptions(formats=("html",)), reporter=Reporter(warning=warnings.append))
    remote = [w for w in result.warnings if "remote image" in w]
    assert len(remote) == 2 and f"{CDN}/anh/xe.jpg" in remote[0] and f"{CDN}/anh/tram-sac.jpg" in remote[1]
    assert warnings == list(result.warnings)
    html = result.files[0].path.read_text(encoding="utf-8")
    assert "Xe buýt điện mới." in html
    assert html.count("<figure") == 1  # the picture with neither image nor caption shows nothing
    # The CLI says it too.
    cli = CliRunner().invoke(app, ["build", str(articles / "bai.md"), "-o", str(tmp_path / "out2"), "--format", "html", "--no-cache"])
    assert cli.exit_code == 0, cli.output
    assert f"warning: {articles / 'bai.md'}: remote image not fetched" in cli.stderr and f"{CDN}/anh/xe.jpg" in cli.stderr


# ------------------------------------------------------------------ clean --allow-network

PUBLIC = "93.184.216.34"


class _ImageServer(http.server.BaseHTTPRequestHandler):
    body = b""
    requests: ClassVar[list[str]] = []

    def do_GET(self):
        _ImageServer.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args):
        return None


@pytest.fixture
def image_host(monkeypatch):
    """``anh.example.vn`` answers a public address, and a connection to that address
    reaches a local server: the gate's checks all run, as for a real public host."""
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    server = http.server.HTTPServer(("127.0.0.1", 0), _ImageServer)
    _ImageServer.body, _ImageServer.requests = png_bytes(), []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    connect, resolve = socket.create_connection, socket.getaddrinfo
    connections: list[tuple[str, int]] = []

    def getaddrinfo(host, port, *args, **kwargs):
        if host == "anh.example.vn":
            return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (PUBLIC, port or 0))]
        if host == "noi-bo.example.vn":
            return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", ("10.1.2.3", port or 0))]
        return resolve(host, port, *args, **kwargs)

    def create_connection(address, *args, **kwargs):
        connections.append(address)
        if address == (PUBLIC, 80):
            return connect(("127.0.0.1", server.server_address[1]), *args, **kwargs)
        raise OSError("no network in tests")

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    yield connections
    server.shutdown()


def test_clean_allow_network_downloads_through_the_gate_and_the_folder_builds_offline(tmp_path, image_host):
    path = write_page(tmp_path / "saved", page(
        "<figure><img src='http://anh.example.vn/2023/xe-buyt.png'><figcaption>Xe buýt điện mới.</figcaption></figure>"
        "<figure><img src='http://noi-bo.example.vn/bi-mat.png'><figcaption>Ảnh nội bộ.</figcaption></figure>"))
    out = tmp_path / "articles"
    result = CliRunner().invoke(app, ["clean", str(path), "--allow-network", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert image_host == [(PUBLIC, 80)]  # the checked address, never the private one
    assert _ImageServer.requests == ["/2023/xe-buyt.png"]
    assert (out / "bai_files" / "xe-buyt.png").read_bytes() == _ImageServer.body
    markdown = (out / "bai.md").read_text(encoding="utf-8")
    assert "![Xe buýt điện mới.](bai_files/xe-buyt.png)" in markdown
    # Refused by the gate: a warning naming the address; the figure keeps it and its caption.
    assert "![Ảnh nội bộ.](http://noi-bo.example.vn/bi-mat.png)" in markdown
    refused = [line for line in result.stderr.splitlines() if "noi-bo.example.vn" in line]
    assert len(refused) == 1 and refused[0].startswith("warning: ") and "non-public address" in refused[0]

    (out / "bai.md").write_text(markdown.replace("![Ảnh nội bộ.](http://noi-bo.example.vn/bi-mat.png)\n\n", ""), encoding="utf-8")
    warnings: list[str] = []
    built = build_one(out, tmp_path / "out", BuildOptions(formats=("html",)), reporter=Reporter(warning=warnings.append))
    assert not [w for w in warnings if "image" in w], warnings
    assert built.files[0].path.read_text(encoding="utf-8").count("data:image/png;base64,") == 1
    assert image_host == [(PUBLIC, 80)]  # the build fetched nothing


def test_clean_without_network_leaves_remote_addresses_as_they_are(tmp_path, image_host):
    path = write_page(tmp_path / "saved", page(
        "<figure><img src='http://anh.example.vn/2023/xe-buyt.png'><figcaption>Xe buýt điện mới.</figcaption></figure>"))
    result = CliRunner().invoke(app, ["clean", str(path), "-o", str(tmp_path / "articles")])
    assert result.exit_code == 0, result.output
    assert "![Xe buýt điện mới.](http://anh.example.vn/2023/xe-buyt.png)" in (tmp_path / "articles" / "bai.md").read_text(encoding="utf-8")
    assert not (tmp_path / "articles" / "bai_files").exists()
    assert image_host == [] and _ImageServer.requests == []


def test_a_local_image_named_only_by_a_srcset_is_part_of_the_cache_key(tmp_path):
    saved = tmp_path / "saved"
    (saved / "bai_files").mkdir(parents=True)
    (saved / "bai_files" / "xe buyt.png").write_bytes(png_bytes())
    path = write_page(saved, page("<figure><img src='/blank.gif' data-srcset='bai_files/xe%20buyt.png 800w'>"
                                  "<figcaption>Xe buýt điện mới.</figcaption></figure>"))
    options = BuildOptions(formats=("html",), cache_dir=tmp_path / "cache")
    first = build_one(path, tmp_path / "out", options)
    assert not [w for w in first.warnings if "image" in w], first.warnings
    assert first.files[0].path.read_text(encoding="utf-8").count("data:image/png;base64,") == 1
    assert build_one(path, tmp_path / "out", options).up_to_date
    (saved / "bai_files" / "xe buyt.png").write_bytes(png_bytes(80, 60))
    assert not build_one(path, tmp_path / "out", options).up_to_date
