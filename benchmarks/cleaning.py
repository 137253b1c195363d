"""How well the cleaner recovers articles: saved HTML pages, and page dumps made from them
and from known article texts, compared with what a person (or the data set) says.

    python benchmarks/cleaning.py [--corpus ../shared/corpus] [--show-misses]

Sets:
  html         the saved pages in corpus/html/ (truth: *.truth.json, written by a person)
  html-dumps   the same pages as whole-page text dumps: every line a browser shows, menus,
               sidebars and footers included, the <title> first (what "select all, copy" gives)
  text-dumps   corpus/text/ articles (VFND jsonl, baomoi txt) wrapped in made-up but realistic
               site chrome: menus, sidebars, kicker, the date in one of five printed forms
               (above or under the title, or at the bottom), agency prefix, the byline (at the
               end, in capitals or not, or on top), related links, and an ending (end marker,
               reader comments, or teaser cards without a marker), then a footer

Measured, per set: title, date (the moment, to the minute), author (where the truth names
one) and lead exact-match rates; body paragraph precision and recall; time per article
(one process, one core, reading the file included; the fastest of --repeat passes); and, for information (no target), the
kicker's exact-match rate.
For the HTML pages the truth gives only the first and last body paragraph and (sometimes)
the count: a page counts the paragraphs from the first to the last as found when both are
found, so its precision and recall are estimates; for the text dumps every paragraph is
known and compared, and since those data sets' paragraphs are untyped (captions,
subheadings and related-story lines among them), every body block the cleaner gives counts
as a paragraph there. A VFND lead that ends with the site's name (" - VnExpress", copied
from a meta description) is compared without it. Where the truth has no lead, a lead the cleaner finds is counted as a
body paragraph. "R ≥12 w" is the recall of the known paragraphs of twelve words or more
only: the data sets' paragraphs include bylines, photo credits and "Xem thêm: ..." links
that a cleaner should drop, and this column shows whether real text is lost. Pages that are not articles must be refused (NotAnArticleError).
"""

from __future__ import annotations

import argparse
import html
import json
import random
import re
import sys
import tempfile
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from publisher import Figure, Paragraph, load_profiles, read_article  # noqa: E402
from publisher.clean.dates import find_date  # noqa: E402
from publisher.clean.names import split_authors  # noqa: E402
from publisher.errors import NotAnArticleError, PublisherError  # noqa: E402
from publisher.ingest.pagelines import page_lines, parse_html  # noqa: E402
from publisher.model import ListBlock  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
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


@dataclass
class Case:
    name: str
    path: Path
    truth: Truth


@dataclass
class Tally:
    cases: int = 0
    refused_right: int = 0
    non_articles: int = 0
    invented: list[str] = field(default_factory=list)
    title: list[bool] = field(default_factory=list)
    kicker: list[bool] = field(default_factory=list)
    date: list[bool] = field(default_factory=list)
    author: list[bool] = field(default_factory=list)
    lead: list[bool] = field(default_factory=list)
    predicted: int = 0
    relevant: int = 0
    hits_p: float = 0.0
    hits_r: float = 0.0
    long_relevant: int = 0  # truth paragraphs of 12 words or more (known bodies only)
    long_hits: int = 0
    seconds: float = 0.0
    misses: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


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


# ---------------------------------------------------------------- made-up site chrome

_SITES = [
    ("Báo Nông Thôn Mới", "NTM", "Báo Nông Thôn Mới"),
    ("Tin Tức Miền Trung", "TTMT", "tintucmientrung.vn"),
    ("Báo Hà Giang", "HGO", "Báo Hà Giang điện tử"),
    ("Đời Sống Việt", "ĐSV", "doisongviet.vn"),
]
_MENU = ["Trang chủ", "Thời sự", "Kinh tế", "Xã hội", "Pháp luật", "Thế giới", "Văn hóa", "Thể thao", "Giáo dục", "Sức khỏe", "Công nghệ", "Video"]
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
        ["Tin cùng chuyên mục", *(f"{t}\n{lead_}" for t, lead_ in zip(rng.sample(_SIDEBAR_TITLES, k=2), _TEASER_LEADS))],
        # No end marker: teaser cards whose leads open with the agency's name, as the article's did.
        [text for t, lead_ in zip(rng.sample(_SIDEBAR_TITLES, k=2), _TEASER_LEADS) for text in (t, f"({site}) - {lead_}")],
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
    except PublisherError as error:
        tally.seconds += time.perf_counter() - start
        tally.errors.append(f"{case.name}: {error}")
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
        _check(tally.kicker, norm(article.kicker) == norm(truth.kicker), case, "kicker", article.kicker, truth.kicker, tally, show)
    if truth.date is not None:
        # The moment as printed, to the minute: a page that prints its zone gives it, one
        # that does not gives none, and the truth says what was printed.
        got = article.published.value.replace(second=0, tzinfo=None) if article.published else None
        _check(tally.date, got == truth.date.replace(tzinfo=None), case, "date", got, truth.date, tally, show)
    if truth.authors:
        got_authors = tuple(a.casefold() for a in article.authors)
        _check(tally.author, got_authors == tuple(a.casefold() for a in truth.authors), case, "author", article.authors, truth.authors, tally, show)
    if truth.lead:
        _check(tally.lead, norm(article.lead) == norm(truth.lead), case, "lead", article.lead, truth.lead, tally, show)
    paragraphs = [norm(b.text) for b in article.body if isinstance(b, Paragraph)]
    if truth.body is not None:
        # The data sets' paragraphs are untyped blocks: captions and subheadings among them.
        paragraphs = [norm(_block_text(b)) for b in article.body if not isinstance(b, ListBlock)]
    elif truth.captions_are_body:
        paragraphs = [norm(b.text if isinstance(b, Paragraph) else b.caption) for b in article.body if isinstance(b, (Paragraph, Figure))]
    paragraphs += [norm(item) for b in article.body if isinstance(b, ListBlock) for item in b.items]
    if not truth.lead and article.lead:
        paragraphs.insert(0, norm(article.lead))
    if truth.body is not None:
        _exact_pr(paragraphs, [norm(p) for p in truth.body], tally, case, show)
    elif truth.first and truth.last:
        _estimated_pr(paragraphs, truth, tally, case, show)


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
        tally.misses.append(f"{case.name}: body: {hits} of {len(relevant)} found, {len(predicted) - hits} extra {[e[:60] for e in extra]} missing {[m[:60] for m in remaining[:2]]}")


def _estimated_pr(predicted: list[str], truth: Truth, tally: Tally, case: Case, show: bool) -> None:
    first, last = norm(truth.first), norm(truth.last)
    i = predicted.index(first) if first in predicted else None
    j = len(predicted) - 1 - predicted[::-1].index(last) if last in predicted else None
    if i is not None and j is not None and i <= j:
        found = j - i + 1
    else:
        found = int(i is not None) + int(j is not None)
    expected = truth.count or (found if i is not None and j is not None else max(found, 2))
    tally.predicted += len(predicted)
    tally.relevant += expected
    tally.hits_p += min(found, len(predicted))
    tally.hits_r += min(found, expected)
    if show and (found != expected or found != len(predicted)):
        tally.misses.append(f"{case.name}: body: {found} of {expected} found (first {'ok' if i is not None else 'missing'}, last {'ok' if j is not None else 'missing'}), {len(predicted)} given")


# ---------------------------------------------------------------- report


def _timed_pass(cases: list[Case], profiles) -> float:
    """Seconds for one more pass over ``cases``: the speed is the fastest pass's, which is
    the least disturbed by whatever else the machine does."""
    start = time.perf_counter()
    for case in cases:
        try:
            read_article(case.path, profiles)
        except PublisherError:
            pass
    return time.perf_counter() - start


def rate(values: list[bool]) -> str:
    return f"{100 * sum(values) / len(values):5.1f}% ({sum(values)}/{len(values)})" if values else "    n/a"


def report(name: str, tally: Tally) -> str:
    precision = tally.hits_p / tally.predicted if tally.predicted else 0.0
    recall = tally.hits_r / tally.relevant if tally.relevant else 0.0
    per_article = tally.seconds / tally.cases if tally.cases else 0.0
    speed = 1 / per_article if per_article else 0.0
    refused = f"{tally.refused_right}/{tally.non_articles}" if tally.non_articles else "-"
    long_recall = f"{100 * tally.long_hits / tally.long_relevant:6.1f}%" if tally.long_relevant else "    n/a"
    return (
        f"| {name:11} | {tally.cases:5} | {rate(tally.title):17} | {rate(tally.date):17} | {rate(tally.author):17} | "
        f"{rate(tally.lead):17} | {100 * precision:6.1f}% | {100 * recall:6.1f}% | {long_recall:>8} | {refused:>7} | {rate(tally.kicker):17} | "
        f"{1000 * per_article:7.2f} ms | {speed:7.0f} |"
    )


HEADER = (
    "| set         | pages | title             | date              | author            | lead              "
    "| body P  | body R  | R ≥12 w  | refused | kicker (info)     | per page   | pages/s |\n"
    "|-------------|-------|-------------------|-------------------|-------------------|-------------------"
    "|---------|---------|----------|---------|-------------------|------------|---------|"
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--show-misses", action="store_true", help="List every miss.")
    parser.add_argument("--repeat", type=int, default=3, help="Time this many passes; the fastest counts (default 3).")
    args = parser.parse_args(argv)
    if not (args.corpus / "html").is_dir():
        print(f"no corpus at {args.corpus} (expected html/ and text/ in it)", file=sys.stderr)
        return 2
    profiles = load_profiles()
    tallies: dict[str, Tally] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sets = {
            "html": list(html_cases(args.corpus)),
            "html-dumps": list(html_dump_cases(args.corpus, folder)),
            "text-dumps": list(text_dump_cases(args.corpus, folder)),
        }
        for name, cases in sets.items():
            tally = tallies[name] = Tally()
            for case in cases:
                score(case, tally, profiles, args.show_misses)
            tally.seconds = min([tally.seconds, *(_timed_pass(cases, profiles) for _ in range(args.repeat - 1))])
    print(HEADER)
    for name, tally in tallies.items():
        print(report(name, tally))
    for name, tally in tallies.items():
        for line in tally.errors + [f"invented an article from a non-article: {n}" for n in tally.invented]:
            print(f"{name}: {line}")
        if args.show_misses:
            for line in tally.misses:
                print(f"{name}: {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
