"""How well, and how fast, the cleaner recovers articles: saved HTML pages, page dumps and
real browser copies of them, known article texts in made-up site chrome, and a public
extraction benchmark's pages nobody tuned the cleaner for, each compared with what people
(or the data set) say.

    python benchmarks/cleaning.py [--corpus ../shared/corpus] [--sets SET ...] [--show-misses] [--repeat N]

Sets (--sets picks some, by name or comma-separated; "browser" is the four browser-copy
sets; all by default):
  html         the saved pages in corpus/html/ (truth: *.truth.json, written by a person)
  html-dumps   the same pages as whole-page text dumps: every line the cleaner's page reader
               finds on the page, menus, sidebars and footers included, the <title> first
               (the shape of the seed's dump)
  text-dumps   corpus/text/ articles (VFND jsonl, baomoi txt) wrapped in made-up but realistic
               site chrome: menus, sidebars, kicker, the date in one of five printed forms
               (above or under the title, or at the bottom), agency prefix, the byline (at the
               end, in capitals or not, or on top), related links, and an ending (end marker,
               reader comments, or teaser cards without a marker), then a footer
  chromium-select-all, inner-text, save-as-text, reader-mode
               the html set's pages as a headless Chromium copies them (benchmarks/
               browser_copies.py makes them and says how): select all and copy; the body's
               innerText; w3m's 80-column dump ("save as text"); Readability.js's reader view,
               selected and copied. Each shape is a set, scored against the html set's truth
               files. A shape that gives no copy of a page (no reader view for a homepage)
               skips the page: "pages" says how many each has. Where Chromium (or w3m, or
               Readability.js, for their shapes) is missing, a line says which sets were
               skipped and why, and the others run.
  extraction   corpus/extraction-benchmark/: 131 English-language article pages saved in 2019
               (html/ID.html.gz, decompressed into a temporary folder as ID.html and read by
               read_article like any saved page, so the time includes decoding), with the
               article body people marked (ground-truth.json: no title, byline or captions)

Measured on every set but extraction, per set:
  title, lead     exact match, after NFC and folding runs of white space (a VFND lead that
                  ends with the site's name, " - VnExpress", copied from a meta description,
                  is compared without it); the lead over the pages whose truth has one
  date            the printed moment, to the minute, over the pages whose truth has one
  author          the names, in order, case-folded, over the pages whose truth names someone
  body P, body R  paragraph precision and recall, pooled over the set's pages. For the saved
                  pages (html, html-dumps, the browser copies) the truth gives only the first
                  and last body paragraph and (sometimes) the count: a page counts the
                  paragraphs from the first to the last as found when both are found, so these
                  are estimates. For the text dumps every paragraph is known and compared, and
                  since those data sets' paragraphs are untyped (captions, subheadings and
                  related-story lines among them), every body block counts as a paragraph. Where
                  the truth has no lead, a lead the cleaner finds counts as a body paragraph.
  R ≥12 w         the recall of the known paragraphs of twelve words or more only: the data
                  sets' paragraphs include bylines, photo credits and "Xem thêm: ..." links that
                  a cleaner should drop, and this shows whether real text is lost
  refused         non-articles refused (NotAnArticleError) / non-articles in the set; an article
                  made from a non-article is listed under the table
  kicker (info)   exact-match rate of the kicker, for information (no target)
  kicker wrong    kickers given that are not the truth's (a wrong one printed above a
                  headline is worse than none; the rest of the misses give none)
A page the cleaner fails on (an article refused, an input error, or any other exception:
the cleaner is being changed) counts as a miss on every measure its truth has, and is
listed under the table.

Measured on extraction, with the benchmark's metric (benchmarks/cleaning_extraction.py
says it exactly: 4-token shingles of \\w+ tokens, per-page tp/fp/fn, precision and recall
averaged over pages, F1 of the two averages; a refused or empty page scores recall 0):
  publisher       the cleaned article's lead (when there is one and it is not a standfirst
                  the cleaner marks apart from the text: CleanResult.lead_apart, the main-text
                  extractor leaves it out or it stands outside the element holding the text's
                  paragraphs, as the benchmark's people leave out standfirsts),
                  then the text of its paragraphs, headings, quotes and list items; not the
                  title, not captions. The line under the table scores it with every lead.
  trafilatura     the installed trafilatura, run here on the same files:
                  trafilatura.extract(html, include_comments=False), default settings
  the rest        the published outputs in published-outputs/*.json, read as they are
  refused         pages with no text: refused, failed or empty
  below           pages where the cleaner's own F1 is lower than trafilatura's (run here) by
                  more than 0.005 (above: higher by more; the rest level); --show-misses lists
                  them: ID prefix, address, both F1s. Of them, those "only by the standfirst":
                  the cleaner's lead is a standfirst the truth leaves out (it holds fewer than
                  half of the lead's shingles), and without it the page is level or above

Speed, every set: "per page" and "pages/s" are one process, reading the file included, the
fastest of --repeat passes (default 3; the first is the scored pass, after one untimed read
to warm up; a set stops repeating once its passes have taken 3 s: a pass that long is
steady on its own, and the run stays short). "pages/s 2 proc" is two worker processes
(ProcessPoolExecutor(2)) cleaning the set's files, handed out one at a time: the workers
import the cleaner, load the profiles and read the set's first file before the clock
starts, and only the cleaning is timed, the fastest of as many passes (benchmarks/
cleaning_speed.py). The speed targets are for 2 cores: that column. Other work on the
machine slows both figures, the second most: the first line printed gives the machine's
cores and load average.

The targets block at the end prints each target of the issue, what was measured and
whether it is met: extraction F1 >= 0.97 with no page refused; on the html set and each
browser-copy set, title >= 98%, date >= 95%, author >= 90%, lead >= 95%, body precision and
recall >= 97%, every non-article refused; >= 20 HTML pages a second (html, extraction) and
>= 200 page dumps a second (every dump set) on 2 cores.
"""

from __future__ import annotations

import argparse
import contextlib
import html
import importlib.util
import json
import logging
import os
import random
import re
import shutil
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import browser_copies  # noqa: E402
import cleaning_extraction as extraction  # noqa: E402
from cleaning_speed import TwoProcesses, fastest  # noqa: E402

from publisher import Figure, Paragraph, __version__, load_profiles, read_article  # noqa: E402
from publisher.clean.dates import find_date  # noqa: E402
from publisher.clean.names import split_authors  # noqa: E402
from publisher.errors import NotAnArticleError, PublisherError  # noqa: E402
from publisher.ingest.pagelines import page_lines, parse_html  # noqa: E402
from publisher.model import ListBlock  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
CORPUS_SETS = ("html", "html-dumps", "text-dumps")
BROWSER_SETS = browser_copies.SHAPES
EXTRACTION = "extraction"
ALL_SETS = (*CORPUS_SETS, *BROWSER_SETS, EXTRACTION)
HTML_SETS = ("html", EXTRACTION)  # the rest are page dumps
# Per-page F1 differences smaller than this are level.
F1_TOLERANCE = 0.005
# " - VnExpress Kinh Doanh" after a lead's last sentence.
_SITE_AFTER_LEAD = re.compile(r"(?<=[.!?…\"”])\s+[-|]\s+[^.!?]{2,40}$")


def norm(text: str | None) -> str:
    if text is None:
        return ""
    return " ".join(unicodedata.normalize("NFC", html.unescape(text)).split())


@dataclass
class Truth:
    is_article: bool = True
    title: str | None = None
    kicker: str | None = None
    date: datetime | None = None
    authors: tuple[str, ...] | None = None  # None: the truth names nobody
    lead: str | None = None
    body: list[str] | None = None  # every paragraph, when known
    first: str | None = None
    last: str | None = None
    count: int | None = None
    captions_are_body: bool = False
    captions: tuple[str, ...] = ()  # captions the truth lists apart from the paragraphs


@dataclass
class Case:
    name: str
    path: Path
    truth: Truth
    # What the truth gives but the copy itself does not hold (a reader view drops the date
    # and the standfirst): not scored on this page, and counted under the table.
    absent: tuple[str, ...] = ()


@dataclass
class Tally:
    cases: int = 0
    refused_right: int = 0
    non_articles: int = 0
    invented: list[str] = field(default_factory=list)
    title: list[bool] = field(default_factory=list)
    kicker: list[bool] = field(default_factory=list)
    # Kickers given but not the truth's (furniture printed above a headline: worse than none).
    kicker_wrong: int = 0
    date: list[bool] = field(default_factory=list)
    author: list[bool] = field(default_factory=list)
    lead: list[bool] = field(default_factory=list)
    predicted: int = 0
    relevant: int = 0
    hits_p: float = 0.0
    hits_r: float = 0.0
    long_relevant: int = 0  # truth paragraphs of 12 words or more (known bodies only)
    long_hits: int = 0
    seconds: float = 0.0  # one process: the fastest pass over the set
    pages_per_second_2: float | None = None  # two processes
    misses: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    absent: Counter[str] = field(default_factory=Counter)


# ---------------------------------------------------------------- sources


def html_cases(corpus: Path) -> Iterator[Case]:
    for truth_path in sorted((corpus / "html").glob("*.truth.json")):
        data = json.loads(truth_path.read_text(encoding="utf-8"))
        page = truth_path.with_name(data["file"])
        yield Case(page.name, page, _html_truth(data))


def _html_truth(data: dict) -> Truth:
    if data["page_type"] != "article":
        return Truth(is_article=False)
    printed = find_date(data["date"]) if data.get("date") else None
    author = data.get("author")
    return Truth(
        title=data["title"],
        kicker=data.get("kicker"),
        date=printed.value if printed else None,
        authors=split_authors(author) if author else None,
        lead=data.get("lead"),
        first=data.get("first_body_paragraph"),
        last=data.get("last_body_paragraph"),
        count=data.get("body_paragraph_count"),
        captions_are_body=bool(data.get("body_is_captions")),
        captions=tuple(norm(c) for c in data.get("captions") or ()),
    )


def html_dump_cases(corpus: Path, folder: Path) -> Iterator[Case]:
    """Each saved page as the text a browser shows, one block per line."""
    for case in html_cases(corpus):
        from publisher.ingest import decode_bytes, normalise_text
        from publisher.ingest.decode import declared_charset
        from publisher.ingest.mojibake import repair_mojibake

        data = case.path.read_bytes()
        markup = normalise_text(repair_mojibake(decode_bytes(data, case.path, declared_charset(data))))
        root = parse_html(markup)
        title = root.find(".//title")
        lines = [title.text_content().strip() if title is not None else ""]
        lines += [line.text for line in page_lines(root) if line.text]
        target = folder / (case.path.stem + ".txt")
        target.write_text("\n".join(lines) + "\n", encoding="utf-8")
        yield Case(case.name + " (dump)", target, case.truth)


def text_dump_cases(corpus: Path, folder: Path) -> Iterator[Case]:
    vfnd = corpus / "text" / "vfnd" / "vfnd-articles.jsonl"
    if vfnd.is_file():
        for number, raw in enumerate(vfnd.read_text(encoding="utf-8").splitlines()):
            row = json.loads(raw)
            yield _dump_case(folder, f"vfnd-{number:03d}", _vfnd_article(row))
    for path in sorted((corpus / "text" / "baomoi").glob("*.txt")):
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        if len(lines) < 3:
            continue
        yield _dump_case(folder, f"baomoi-{path.stem}", KnownArticle(title=lines[0], lead=lines[1], paragraphs=lines[2:]))


@dataclass
class KnownArticle:
    title: str
    lead: str | None
    paragraphs: list[str]
    authors: tuple[str, ...] = ()
    date: datetime | None = None


def _vfnd_article(row: dict) -> KnownArticle:
    date = row.get("date_publish")
    moment = None
    if isinstance(date, str):
        moment = datetime.fromisoformat(date)
    paragraphs = [norm(p) for p in row["paragraphs"] if norm(p)]
    # The data set took some leads from the meta description, with the site's name after them.
    lead = _SITE_AFTER_LEAD.sub("", norm(row.get("lead"))) or None
    if lead and paragraphs and paragraphs[0] == lead:
        paragraphs = paragraphs[1:]
    # The data set's paragraphs run on past the text: the byline, "Theo ..." and "Nguồn: ..."
    # credits, "Xem thêm" links. The issue counts those as the byline and chrome, not body.
    while paragraphs and _is_trailer(paragraphs[-1]):
        paragraphs = paragraphs[:-1]
    return KnownArticle(norm(row["title"]), lead, paragraphs, tuple(norm(a) for a in row.get("authors") or ()), moment)


_TRAILER_PREFIXES = ("theo ", "nguồn:", "nguồn ", "xem thêm", "chia sẻ bài viết", ">>", "(theo ")


def _is_trailer(paragraph: str) -> bool:
    words = paragraph.split()
    if paragraph.casefold().startswith(_TRAILER_PREFIXES) and len(words) <= 16:
        return True
    name_like = all(word[:1].isupper() or not word[:1].isalpha() for word in words)
    return len(words) <= 6 and name_like and not paragraph.endswith((".", "!", "?", ":", "…"))


def browser_cases(corpus: Path, folder: Path, shapes: Sequence[str]) -> dict[str, list[Case]]:
    """The html set's pages as Chromium copies them, a list of cases per shape; a page a
    shape gives no copy of is not in that shape's list."""
    pages = {case.path.stem: case for case in html_cases(corpus)}
    copies = browser_copies.make_copies([case.path for case in pages.values()], folder, shapes)
    sets: dict[str, list[Case]] = {shape: [] for shape in shapes}
    for copy in copies:
        page = pages[copy.name]
        truth, absent = _what_the_copy_holds(page.truth, copy.path.read_text(encoding="utf-8"))
        sets[copy.shape].append(Case(page.name, copy.path, truth, absent))
    return sets


def _what_the_copy_holds(truth: Truth, copy: str) -> tuple[Truth, tuple[str, ...]]:
    """``truth`` without what ``copy`` does not contain in any form: no cleaner can find a
    date or a lead that the copy left out, nor tell where a body begins or ends whose first
    or last paragraph the copy dropped (a reader view crops some articles). The measures
    skip those; the table says how often. A lead is held where the copy holds it whole or
    where a line or a column begins with it (``_holds_lead``): a reader view that drops the
    standfirst may still quote its opening words inside a paragraph."""
    text = norm(copy).casefold()
    absent = []
    if truth.title and norm(truth.title).casefold() not in text:
        absent.append("title")
    if truth.lead and not _holds_lead(norm(truth.lead).casefold(), text, copy):
        absent.append("lead")
    if truth.date is not None and not _date_printed_in(truth.date, text):
        absent.append("date")
    if truth.authors and not all(norm(name).casefold() in text for name in truth.authors):
        absent.append("author")
    if truth.first and truth.last and not all(norm(end).casefold()[:60] in text for end in (truth.first, truth.last)):
        absent.append("body")
    if not absent:
        return truth, ()
    fields = {"author": ("authors",), "body": ("first", "last", "count")}
    held = replace(truth, **{field: None for what in absent for field in fields.get(what, (what,))})
    return held, tuple(absent)


def _holds_lead(lead: str, text: str, copy: str) -> bool:
    """Whether ``copy`` holds the lead: whole, or its opening where a line or a column (after
    a text browser's gutter of spaces) begins, as a paragraph does."""
    opening = re.escape(lead[:60]).replace("\\ ", r"\s+")
    return lead in text or re.search(rf"(?:^|\n|  )\s*{opening}", unicodedata.normalize("NFC", copy).casefold()) is not None


def _date_printed_in(moment: datetime, text: str) -> bool:
    """The year, and the time of day in one of its printed forms (``14:26``, ``14h26``)."""
    times = (f"{moment.hour}:{moment.minute:02}", f"{moment.hour:02}:{moment.minute:02}", f"{moment.hour}h{moment.minute:02}",
             f"{moment.hour:02}h{moment.minute:02}")
    return str(moment.year) in text and any(form in text for form in times)


def unavailable_shapes(shapes: Sequence[str]) -> dict[str, str]:
    """Why each shape that cannot be made on this machine cannot."""
    if browser_copies.chromium_path() is None:
        return dict.fromkeys(shapes, "Chromium is not installed (no chromium on PATH; scripts/install-system-deps.sh)")
    if importlib.util.find_spec("playwright") is None:
        return dict.fromkeys(shapes, "playwright is not installed (the test extras)")
    reasons = {}
    if browser_copies.SAVE_AS_TEXT in shapes and shutil.which("w3m") is None:
        reasons[browser_copies.SAVE_AS_TEXT] = "w3m is not installed (scripts/install-system-deps.sh)"
    if browser_copies.READER_MODE in shapes and not (browser_copies.READABILITY_DIR / "Readability.js").is_file():
        reasons[browser_copies.READER_MODE] = "Readability.js is not installed (scripts/install-system-deps.sh)"
    return reasons


class _Collected(logging.Handler):
    """What the browser copies log (pages skipped, shapes without a copy), kept for
    --show-misses instead of printed as it comes."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


# ---------------------------------------------------------------- made-up site chrome

_SITES = [
    ("Báo Nông Thôn Mới", "NTM", "Báo Nông Thôn Mới"),
    ("Tin Tức Miền Trung", "TTMT", "tintucmientrung.vn"),
    ("Báo Hà Giang", "HGO", "Báo Hà Giang điện tử"),
    ("Đời Sống Việt", "ĐSV", "doisongviet.vn"),
]
_MENU = [
    "Trang chủ", "Thời sự", "Kinh tế", "Xã hội", "Pháp luật", "Thế giới", "Văn hóa", "Thể thao", "Giáo dục", "Sức khỏe",
    "Công nghệ", "Video",
]
_SIDEBAR_TITLES = [
    "Giá xăng dầu đồng loạt giảm từ chiều nay",
    "Hà Nội: Phân luồng giao thông phục vụ lễ hội",
    "Thủ tướng chỉ đạo đẩy nhanh giải ngân vốn đầu tư công",
    "Mưa lớn kéo dài, nhiều tuyến đường ngập sâu",
    "Chuyên gia nói gì về đề thi tốt nghiệp năm nay",
    "Bắt giữ nhóm đối tượng lừa đảo qua mạng xã hội",
]
_TEASER_LEADS = [
    "Sáng nay, đại diện cơ quan chức năng cho biết sẽ kiểm tra toàn bộ các trường hợp vi phạm trong tháng tới.",
    "Theo kế hoạch, công trình sẽ hoàn thành vào cuối năm nay, góp phần giảm ùn tắc cho khu vực cửa ngõ thành phố.",
    "Nhiều hộ dân cho biết họ chưa nhận được thông báo chính thức về việc điều chỉnh giá dịch vụ.",
]
_FOOTER = [
    "Cơ quan chủ quản: Hội Nhà báo Việt Nam",
    "Giấy phép hoạt động báo điện tử số 123/GP-BTTTT ngày 01/01/2016",
    "Tòa soạn: Số 8 Phố Huế, Quận Hai Bà Trưng, Hà Nội",
    "Điện thoại: 024.3822.1234 - Email: toasoan@example.vn",
    "© Bản quyền thuộc về tòa soạn. Không được sao chép khi chưa có sự đồng ý bằng văn bản.",
]
_WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


def _printed_date(moment: datetime, style: int) -> str:
    d, t = moment.strftime("%d/%m/%Y"), moment.strftime("%H:%M")
    if style == 0:
        return f"({d} {t})"
    if style == 1:
        return f"{_WEEKDAYS[moment.weekday()]}, {d} - {t}"
    if style == 2:
        return f"{d} {t} GMT+7"
    hour12 = moment.hour % 12 or 12
    return f"{hour12:02d}:{moment.minute:02d} {'PM' if moment.hour >= 12 else 'AM'} | {d}"


def _dump_case(folder: Path, name: str, article: KnownArticle) -> Case:
    """The article inside one site's page, the site's style drawn at random (seeded by name):
    where the date and byline stand, how they are printed, how the page goes on after."""
    rng = random.Random(name)
    site, agency, suffix = rng.choice(_SITES)
    style = rng.randrange(4)
    date_at_bottom = rng.random() < 0.15
    byline_on_top = rng.random() < 0.15
    lines: list[str] = [f"{article.title} {rng.choice(['-', '|'])} {suffix}"]
    lines += rng.sample(_MENU, k=rng.randint(4, len(_MENU)))
    lines += ["Đọc nhiều nhất", *rng.sample(_SIDEBAR_TITLES, k=3)] if rng.random() < 0.5 else []
    kicker = rng.choice(_MENU[1:])
    date_line = _printed_date(article.date, style) if article.date else None
    if date_at_bottom and date_line:
        date_line, bottom_date = None, f"Cập nhật: {article.date.strftime('%H:%M %d/%m/%Y')}"
    else:
        bottom_date = None
    if style == 1 and date_line:
        lines.append(date_line)
    lines += [kicker, article.title]
    if style != 1 and date_line:
        lines.append(date_line)
    lines += rng.sample(["Chia sẻ", "Bình chọn", "Facebook", "Zalo", "In bài", "Lưu bài"], k=2)
    authors = article.authors
    byline = " - ".join(authors)
    if authors and byline_on_top:
        lines.append(byline.upper())
    lead = article.lead
    if lead and rng.random() < 0.5:
        lead = f"({site}) - {lead}" if style == 1 else f"{agency} - {lead}"
    if lead:
        lines.append(lead)
    if rng.random() < 0.3:
        lines += [f">> {rng.choice(_SIDEBAR_TITLES)}"]
    lines += article.paragraphs
    if authors and not byline_on_top:
        lines.append(byline.upper() if style in (0, 3) else byline)
        if rng.random() < 0.3:
            lines.append(f"Theo {rng.choice(['TTXVN', 'VOV', 'Báo Tin tức'])}")
    if bottom_date:
        lines.append(bottom_date)
    lines += rng.choice([
        ["Xem phản hồi", "Gửi phản hồi", "Tin khác", *rng.sample(_SIDEBAR_TITLES, k=3)],
        ["Tin liên quan", *rng.sample(_SIDEBAR_TITLES, k=2)],
        ["Ý kiến bạn đọc (12)", "Bài viết rất hay, cảm ơn tác giả đã chia sẻ thông tin hữu ích này.", "Nguyễn Văn A"],
        [
            "Tin cùng chuyên mục",
            *(f"{t}\n{lead_}" for t, lead_ in zip(rng.sample(_SIDEBAR_TITLES, k=2), _TEASER_LEADS, strict=False)),
        ],
        # No end marker: teaser cards whose leads open with the agency's name, as the article's did.
        [
            text
            for t, lead_ in zip(rng.sample(_SIDEBAR_TITLES, k=2), _TEASER_LEADS, strict=False)
            for text in (t, f"({site}) - {lead_}")
        ],
    ])
    lines += ["Quảng cáo", *_FOOTER]
    target = folder / f"{name}.txt"
    target.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    truth = Truth(
        title=article.title,
        kicker=kicker,
        date=article.date.replace(second=0) if article.date else None,
        authors=tuple(split_authors(byline)) if authors else None,
        lead=lead,
        body=list(article.paragraphs),
    )
    return Case(name, target, truth)


# ---------------------------------------------------------------- scoring


def score(case: Case, tally: Tally, profiles, show: bool) -> None:
    tally.cases += 1
    tally.absent.update(case.absent)
    start = time.perf_counter()
    try:
        article = read_article(case.path, profiles).article
    except NotAnArticleError as error:
        tally.seconds += time.perf_counter() - start
        if not case.truth.is_article:
            tally.non_articles += 1
            tally.refused_right += 1
        else:
            tally.errors.append(f"{case.name}: refused: {error.message}")
            _score_missing(case.truth, tally)
        return
    except Exception as error:  # the cleaner is being changed: a crash is a miss, not the end
        tally.seconds += time.perf_counter() - start
        tally.errors.append(f"{case.name}: {_failure(error)}")
        if not case.truth.is_article:
            tally.non_articles += 1  # not refused: failed
        _score_missing(case.truth, tally)
        return
    tally.seconds += time.perf_counter() - start
    truth = case.truth
    if not truth.is_article:
        tally.non_articles += 1
        tally.invented.append(case.name)
        return
    _check(tally.title, norm(article.title) == norm(truth.title), case, "title", article.title, truth.title, tally, show)
    if truth.kicker:
        _check(
            tally.kicker, norm(article.kicker) == norm(truth.kicker), case, "kicker", article.kicker, truth.kicker, tally, show
        )
        if article.kicker and norm(article.kicker) != norm(truth.kicker):
            tally.kicker_wrong += 1
    if truth.date is not None:
        # The moment as printed, to the minute: a page that prints its zone gives it, one
        # that does not gives none, and the truth says what was printed.
        got = article.published.value.replace(second=0, tzinfo=None) if article.published else None
        _check(tally.date, got == truth.date.replace(tzinfo=None), case, "date", got, truth.date, tally, show)
    if truth.authors:
        got_authors = tuple(a.casefold() for a in article.authors)
        expected_authors = tuple(a.casefold() for a in truth.authors)
        _check(tally.author, got_authors == expected_authors, case, "author", article.authors, truth.authors, tally, show)
    if truth.lead:
        _check(tally.lead, norm(article.lead) == norm(truth.lead), case, "lead", article.lead, truth.lead, tally, show)
    paragraphs = [norm(b.text) for b in article.body if isinstance(b, Paragraph)]
    if truth.body is not None:
        # The data sets' paragraphs are untyped blocks: captions and subheadings among them.
        paragraphs = [norm(_block_text(b)) for b in article.body if not isinstance(b, ListBlock)]
    elif truth.captions_are_body:
        # A picture with no caption has no text to be a paragraph.
        paragraphs = [
            norm(b.text if isinstance(b, Paragraph) else b.caption)
            for b in article.body
            if isinstance(b, Paragraph) or (isinstance(b, Figure) and b.caption)
        ]
    paragraphs += [norm(item) for b in article.body if isinstance(b, ListBlock) for item in b.items]
    if not truth.lead and article.lead:
        paragraphs.insert(0, norm(article.lead))
    if truth.body is not None:
        _exact_pr(paragraphs, [norm(p) for p in truth.body], tally, case, show)
    elif truth.first and truth.last:
        _estimated_pr(paragraphs, truth, tally, case, show)


def _failure(error: Exception) -> str:
    if isinstance(error, PublisherError):
        return str(error)
    return f"error: {type(error).__name__}: {error}"


def _block_text(block) -> str:
    return block.caption if isinstance(block, Figure) else block.text


def _score_missing(truth: Truth, tally: Tally) -> None:
    if not truth.is_article:
        return
    tally.title.append(False)
    if truth.date is not None:
        tally.date.append(False)
    if truth.authors:
        tally.author.append(False)
    if truth.lead:
        tally.lead.append(False)
    tally.relevant += len(truth.body) if truth.body is not None else (truth.count or 2)


def _check(bucket: list[bool], ok: bool, case: Case, what: str, got, wanted, tally: Tally, show: bool) -> None:
    bucket.append(ok)
    if not ok and show:
        tally.misses.append(f"{case.name}: {what}: got {str(got)[:90]!r}, wanted {str(wanted)[:90]!r}")


def _exact_pr(predicted: list[str], relevant: list[str], tally: Tally, case: Case, show: bool) -> None:
    remaining = list(relevant)
    hits = 0
    for paragraph in predicted:
        if paragraph in remaining:
            remaining.remove(paragraph)
            hits += 1
    tally.predicted += len(predicted)
    tally.relevant += len(relevant)
    tally.hits_p += hits
    tally.hits_r += hits
    long = [p for p in relevant if len(p.split()) >= 12]
    tally.long_relevant += len(long)
    tally.long_hits += sum(1 for p in long if p in predicted)
    if show and (hits != len(predicted) or hits != len(relevant)):
        extra = [p for p in predicted if p not in relevant][:2]
        tally.misses.append(
            f"{case.name}: body: {hits} of {len(relevant)} found, {len(predicted) - hits} extra {[e[:60] for e in extra]} "
            f"missing {[m[:60] for m in remaining[:2]]}"
        )


def _estimated_pr(predicted: list[str], truth: Truth, tally: Tally, case: Case, show: bool) -> None:
    first, last = norm(truth.first), norm(truth.last)
    i = predicted.index(first) if first in predicted else None
    j = len(predicted) - 1 - predicted[::-1].index(last) if last in predicted else None
    found = j - i + 1 if i is not None and j is not None and i <= j else int(i is not None) + int(j is not None)
    if i is not None and j is not None and i <= j and not truth.captions_are_body:
        # A caption the truth lists given as a paragraph is no paragraph found: counting it
        # would hide a paragraph lost beside it.
        found -= sum(1 for block in predicted[i + 1 : j] if block in truth.captions)
    expected = truth.count or (found if i is not None and j is not None else max(found, 2))
    tally.predicted += len(predicted)
    tally.relevant += expected
    # Blocks between the first and the last paragraph beyond the paragraphs the truth counts
    # there (captions, alt texts, a paragraph split in two) are no hits.
    tally.hits_p += min(found, expected, len(predicted))
    tally.hits_r += min(found, expected)
    if show and (found != expected or found != len(predicted)):
        first_found, last_found = ("ok" if k is not None else "missing" for k in (i, j))
        tally.misses.append(
            f"{case.name}: body: {found} of {expected} found (first {first_found}, last {last_found}), {len(predicted)} given"
        )


# ---------------------------------------------------------------- running


def _read_quietly(path: Path, profiles) -> None:
    with contextlib.suppress(Exception):  # scored elsewhere: here only the warming counts
        read_article(path, profiles)


def _timed_pass(cases: list[Case], profiles) -> float:
    """Seconds for one more pass over ``cases``."""
    start = time.perf_counter()
    for case in cases:
        _read_quietly(case.path, profiles)
    return time.perf_counter() - start


def _two_process_speed(pool: TwoProcesses | None, paths: list[Path], repeat: int, notes: list[str]) -> float | None:
    if pool is None or not paths:
        return None
    try:
        return pool.pages_per_second(paths, repeat)
    except Exception as error:  # a worker died: the other figures still stand
        notes.append(f"2-process speed not measured: {type(error).__name__}: {error}")
        return None


def run_set(cases: list[Case], profiles, pool: TwoProcesses | None, args: argparse.Namespace, notes: list[str]) -> Tally:
    tally = Tally()
    if not cases:
        return tally
    _read_quietly(cases[0].path, profiles)  # untimed: the first read imports and sets up
    for case in cases:
        score(case, tally, profiles, args.show_misses)
    tally.seconds = fastest(tally.seconds, lambda: _timed_pass(cases, profiles), args.repeat)
    tally.pages_per_second_2 = _two_process_speed(pool, [case.path for case in cases], args.repeat, notes)
    return tally


@dataclass
class ExtractionResult:
    pages: list[extraction.Page]
    cleaner: extraction.Run
    trafilatura: extraction.Run
    published: list[extraction.Run]
    comparison: extraction.Comparison


def run_extraction(
    folder: Path, tmp: Path, profiles, pool: TwoProcesses | None, args: argparse.Namespace, notes: list[str]
) -> ExtractionResult:
    pages = extraction.benchmark_pages(folder)
    paths = extraction.unpack(pages, tmp / "extraction")
    _read_quietly(paths[pages[0].id], profiles)
    cleaner, seconds = extraction.run_cleaner(pages, paths, profiles, __version__)
    seconds = fastest(seconds, lambda: extraction.cleaner_pass(pages, paths, profiles), args.repeat)
    cleaner.seconds_per_page = seconds / len(pages)
    cleaner.pages_per_second_2 = _two_process_speed(pool, list(paths.values()), args.repeat, notes)
    trafilatura = extraction.run_trafilatura(pages, paths)
    comparison = extraction.compare(cleaner, trafilatura, F1_TOLERANCE)
    return ExtractionResult(pages, cleaner, trafilatura, extraction.published_runs(folder, pages), comparison)


# ---------------------------------------------------------------- report


def rate(values: list[bool]) -> str:
    return f"{100 * sum(values) / len(values):5.1f}% ({sum(values)}/{len(values)})" if values else "    n/a"


def _precision(tally: Tally) -> float:
    return tally.hits_p / tally.predicted if tally.predicted else 0.0


def _recall(tally: Tally) -> float:
    return tally.hits_r / tally.relevant if tally.relevant else 0.0


def report(name: str, tally: Tally) -> str:
    per_article = tally.seconds / tally.cases if tally.cases else 0.0
    speed = 1 / per_article if per_article else 0.0
    speed_2 = f"{tally.pages_per_second_2:14.0f}" if tally.pages_per_second_2 else "             -"
    refused = f"{tally.refused_right}/{tally.non_articles}" if tally.non_articles else "-"
    long_recall = f"{100 * tally.long_hits / tally.long_relevant:6.1f}%" if tally.long_relevant else "    n/a"
    return (
        f"| {name:19} | {tally.cases:5} | {rate(tally.title):17} | {rate(tally.date):17} | {rate(tally.author):17} | "
        f"{rate(tally.lead):17} | {100 * _precision(tally):6.1f}% | {100 * _recall(tally):6.1f}% | "
        f"{long_recall:>8} | {refused:>7} | "
        f"{rate(tally.kicker):17} | {tally.kicker_wrong:12} | {1000 * per_article:7.2f} ms | {speed:7.0f} | {speed_2} |"
    )


HEADER = (
    "| set                 | pages | title             | date              | author            | lead              "
    "| body P  | body R  | R ≥12 w  | refused | kicker (info)     | kicker wrong | per page   | pages/s | pages/s 2 proc |\n"
    "|---------------------|-------|-------------------|-------------------|-------------------|-------------------"
    "|---------|---------|----------|---------|-------------------|--------------|------------|---------|----------------|"
)


def print_corpus_sets(tallies: dict[str, Tally], show_misses: bool) -> None:
    print("Corpus sets (per page, pages/s: one process; pages/s 2 proc: two worker processes)")
    print(HEADER)
    for name, tally in tallies.items():
        print(report(name, tally))
    for name, tally in tallies.items():
        for line in tally.errors + [f"invented an article from a non-article: {n}" for n in tally.invented]:
            print(f"{name}: {line}")
        if tally.absent:
            labels = {"body": "body's first or last paragraph"}
            held = ", ".join(f"the {labels.get(what, what)} on {count}" for what, count in sorted(tally.absent.items()))
            print(f"{name}: not in the copy at all, so not scored there: {held} of {tally.cases} pages")
        if show_misses:
            for line in tally.misses:
                print(f"{name}: {line}")


def print_extraction(result: ExtractionResult, show_misses: bool) -> None:
    cleaner, trafilatura, comparison = result.cleaner, result.trafilatura, result.comparison
    print(
        f"Extraction benchmark: {len(result.pages)} pages "
        f"(publisher and trafilatura {trafilatura.version} run here; the rest published)"
    )
    print(extraction.table([cleaner, trafilatura, *result.published]))
    print(
        f"publisher against trafilatura {trafilatura.version} (run here), per-page F1 (tolerance {F1_TOLERANCE}): "
        f"below on {len(comparison.below)} pages, above on {len(comparison.above)}, level on {comparison.level}"
    )
    if cleaner.every_lead is not None:
        every = cleaner.every_lead
        print(
            f"  publisher with every lead counted as text, the standfirsts it marks apart too: precision {every.precision:.3f}, "
            f"recall {every.recall:.3f}, F1 {every.f1:.3f}"
        )
    if comparison.standfirst_only:
        print(
            f"  of the {len(comparison.below)} below, {len(comparison.standfirst_only)} only by the standfirst kept as the lead, "
            "which the marked body leaves out (without it, level or above)"
        )
    for line in cleaner.errors + trafilatura.errors:
        print(f"extraction: {line}")
    if show_misses:
        urls = {page.id: page.url for page in result.pages}
        for id in comparison.below:
            standfirst = " (only by the standfirst)" if id in comparison.standfirst_only else ""
            print(
                f"extraction: below trafilatura: {id[:12]} {urls[id]}: publisher F1 {cleaner.matches[id].f1:.3f}, "
                f"trafilatura F1 {trafilatura.matches[id].f1:.3f}{standfirst}"
            )


# ---------------------------------------------------------------- targets


@dataclass(frozen=True)
class CorpusTarget:
    label: str
    minimum: float
    measure: Callable[[Tally], tuple[float, str] | None]  # the value and how it prints; None: nothing to measure


def _share(values: list[bool]) -> tuple[float, str] | None:
    return (sum(values) / len(values), f"{100 * sum(values) / len(values):.1f}%") if values else None


def _refusals(tally: Tally) -> tuple[float, str] | None:
    if not tally.non_articles:
        return None
    return tally.refused_right / tally.non_articles, f"{tally.refused_right}/{tally.non_articles}"


CORPUS_TARGETS = (
    CorpusTarget("title >= 98%", 0.98, lambda t: _share(t.title)),
    CorpusTarget("date >= 95%", 0.95, lambda t: _share(t.date)),
    CorpusTarget("author >= 90%", 0.90, lambda t: _share(t.author)),
    CorpusTarget("lead >= 95%", 0.95, lambda t: _share(t.lead)),
    CorpusTarget(
        "body precision >= 97%", 0.97, lambda t: (_precision(t), f"{100 * _precision(t):.1f}%") if t.predicted else None
    ),
    CorpusTarget("body recall >= 97%", 0.97, lambda t: (_recall(t), f"{100 * _recall(t):.1f}%") if t.relevant else None),
    CorpusTarget("every non-article refused", 1.0, _refusals),
)
TARGET_SETS = ("html", *BROWSER_SETS)
HTML_PAGES_PER_SECOND = 20
DUMPS_PER_SECOND = 200
EXTRACTION_F1 = 0.97
_LABEL = 30  # the targets' first column


def _verdict(met: bool) -> str:
    return "met" if met else "NOT MET"


def print_targets(tallies: dict[str, Tally], result: ExtractionResult | None) -> None:
    print("Targets")
    names = [name for name in TARGET_SETS if name in tallies]
    if names:
        print(f"| {'target':{_LABEL}} | " + " | ".join(f"{name:19}" for name in names) + " |")
        print(f"|{'-' * (_LABEL + 2)}|" + "|".join("-" * 21 for _ in names) + "|")
        for target in CORPUS_TARGETS:
            cells = []
            for name in names:
                found = target.measure(tallies[name])
                cells.append("n/a" if found is None else f"{found[1]} {_verdict(found[0] >= target.minimum)}")
            print(f"| {target.label:{_LABEL}} | " + " | ".join(f"{cell:19}" for cell in cells) + " |")
    rows: list[tuple[str, str, bool]] = []
    if result is not None:
        rows.append((f"extraction F1 >= {EXTRACTION_F1}", f"{result.cleaner.f1:.4f}", result.cleaner.f1 >= EXTRACTION_F1))
        rows.append(("extraction pages refused = 0", str(result.cleaner.refused), result.cleaner.refused == 0))
    speeds = {name: tally.pages_per_second_2 for name, tally in tallies.items()}
    if result is not None:
        speeds[EXTRACTION] = result.cleaner.pages_per_second_2
    for label, minimum, chosen in (
        (f">= {HTML_PAGES_PER_SECOND} HTML pages/s, 2 proc", HTML_PAGES_PER_SECOND, [n for n in speeds if n in HTML_SETS]),
        (f">= {DUMPS_PER_SECOND} page dumps/s, 2 proc", DUMPS_PER_SECOND, [n for n in speeds if n not in HTML_SETS]),
    ):
        measured = {name: speeds[name] for name in chosen if speeds[name]}
        if measured:
            text = ", ".join(f"{name} {value:.0f}" for name, value in measured.items())
            rows.append((label, text, all(value >= minimum for value in measured.values())))
    for label, text, met in rows:
        print(f"| {label:{_LABEL}} | {text:19} | {_verdict(met)} |")
    if not names and not rows:
        print("(no set with a target was run)")


# ---------------------------------------------------------------- main


def chosen_sets(values: list[str] | None) -> list[str]:
    if not values:
        return list(ALL_SETS)
    names: list[str] = []
    for value in values:
        for name in filter(None, (part.strip() for part in value.split(","))):
            expanded = BROWSER_SETS if name == "browser" else ALL_SETS if name == "all" else (name,)
            for one in expanded:
                if one not in ALL_SETS:
                    raise SystemExit(f"unknown set {one!r}; known: {', '.join(ALL_SETS)}, browser, all")
                if one not in names:
                    names.append(one)
    return [name for name in ALL_SETS if name in names]


def _start_pool(notes: list[str]) -> TwoProcesses | None:
    try:
        return TwoProcesses()
    except Exception as error:
        notes.append(f"2-process speeds skipped: the workers did not start ({type(error).__name__}: {error})")
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--sets", nargs="+", metavar="SET",
                        help=f"only these sets (names or comma-separated): {', '.join(ALL_SETS)}; browser (its four sets); all")
    parser.add_argument("--show-misses", action="store_true", help="List every miss.")
    parser.add_argument("--repeat", type=int, default=3, help="Time up to this many passes; the fastest counts (default 3).")
    args = parser.parse_args(argv)
    sets = chosen_sets(args.sets)
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus} (expected html/, text/ and extraction-benchmark/ in it)", file=sys.stderr)
        return 2
    started = time.perf_counter()
    print(_machine())
    notes: list[str] = []
    profiles = load_profiles()
    tallies: dict[str, Tally] = {}
    result: ExtractionResult | None = None
    copy_log = _Collected()
    spent: dict[str, float] = {}  # wall seconds per part of the run
    # Before the browser starts: the workers are forked from a process without its threads.
    pool = _start_pool(notes)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            for name, cases in _corpus_cases(args.corpus, folder, sets, notes):
                start = time.perf_counter()
                tallies[name] = run_set(cases, profiles, pool, args, notes)
                spent[name] = time.perf_counter() - start
            start = time.perf_counter()
            for name, cases in _browser_sets(args.corpus, folder, sets, copy_log, notes):
                spent.setdefault("browser copies", time.perf_counter() - start)
                start = time.perf_counter()
                tallies[name] = run_set(cases, profiles, pool, args, notes)
                spent[name] = time.perf_counter() - start
            benchmark = args.corpus / "extraction-benchmark"
            if EXTRACTION in sets and (benchmark / "ground-truth.json").is_file():
                start = time.perf_counter()
                result = run_extraction(benchmark, folder, profiles, pool, args, notes)
                spent[EXTRACTION] = time.perf_counter() - start
            elif EXTRACTION in sets:
                notes.append(f"extraction set skipped: no {benchmark / 'ground-truth.json'}")
    finally:
        if pool is not None:
            pool.close()
    if tallies:
        print_corpus_sets(tallies, args.show_misses)
        print()
    if result is not None:
        print_extraction(result, args.show_misses)
        print()
    if args.show_misses:
        for message in copy_log.messages:
            print(f"browser copies: {message}")
    for note in notes:
        print(note)
    if args.show_misses or notes:
        print()
    print_targets(tallies, result)
    parts = ", ".join(f"{name} {seconds:.0f} s" for name, seconds in spent.items())
    print(f"\nWhole run: {time.perf_counter() - started:.0f} s" + (f" ({parts})" if parts else ""))
    return 0


def _machine() -> str:
    load = f", load average {os.getloadavg()[0]:.1f} at the start" if hasattr(os, "getloadavg") else ""
    return (
        f"Machine: {os.cpu_count()} cores{load} (other work on it slows the speeds); {datetime.now():%Y-%m-%d}; "
        f"its pace: {_loop_pace():.0f} million Python loop steps a second (a yardstick for comparing runs on "
        "other machines: the speeds below scale with it)\n"
    )


def _loop_pace(steps: int = 2_000_000) -> float:
    """Millions of steps a second of a plain Python loop, the fastest of three tries."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        total = 0
        for step in range(steps):
            total += step
        best = min(best, time.perf_counter() - start)
    return steps / best / 1e6


def _corpus_cases(corpus: Path, folder: Path, sets: list[str], notes: list[str]) -> Iterator[tuple[str, list[Case]]]:
    makers: dict[str, Callable[[], Iterator[Case]]] = {
        "html": lambda: html_cases(corpus),
        "html-dumps": lambda: html_dump_cases(corpus, folder),
        "text-dumps": lambda: text_dump_cases(corpus, folder),
    }
    for name in CORPUS_SETS:
        if name not in sets:
            continue
        cases = list(makers[name]())
        if cases:
            yield name, cases
        else:
            notes.append(f"{name} set skipped: no pages for it in {corpus}")


def _browser_sets(
    corpus: Path, folder: Path, sets: list[str], copy_log: _Collected, notes: list[str]
) -> Iterator[tuple[str, list[Case]]]:
    wanted = [name for name in BROWSER_SETS if name in sets]
    if not wanted:
        return
    missing = unavailable_shapes(wanted)
    for reason in dict.fromkeys(missing.values()):
        skipped = [shape for shape, why in missing.items() if why == reason]
        notes.append(f"browser set{'s' if len(skipped) > 1 else ''} {', '.join(skipped)} skipped: {reason}")
    shapes = [shape for shape in wanted if shape not in missing]
    if not shapes:
        return
    logger = logging.getLogger("browser_copies")
    logger.addHandler(copy_log)
    logger.propagate = False
    try:
        made = browser_cases(corpus, folder / "browser", shapes)
    except Exception as error:  # the browser sets are the only ones that need a browser
        notes.append(f"browser sets {', '.join(shapes)} skipped: {type(error).__name__}: {error}")
        return
    yield from made.items()


if __name__ == "__main__":
    raise SystemExit(main())
