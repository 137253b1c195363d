"""The cleaner's shortcuts (work skipped where a cheap look shows it would change nothing)
give what the long way gives. benchmarks/cleaning_snapshot.py checks the same on every
benchmark page; these check the shortcuts on the cases they skip and the cases they don't.
"""

from __future__ import annotations

import random
import re

import pytest

from publisher.clean.dates import find_date, forget_dates, parse_date_line, split_date
from publisher.clean.lines import Line
from publisher.clean.profiles import load_profiles
from publisher.clean.shapes import has_caption_cue
from publisher.clean.title import _stamped_list
from publisher.clean.unicode import tidy_line

# Every space the tidying knows, and white space it does not touch (NEL, the line separator, a
# file separator): each is trimmed from the ends by str.strip alike.
_SPACES = [" ", "  ", "\t", "\u00a0", "\u2003", "\u202f", "\u3000", "\x85", "\u2028", "\x1c"]


def _tidy_the_long_way(line: str) -> str:
    return re.sub("[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+", " ", line).strip()


def test_tidy_line_trims_first_with_the_same_result():
    pieces = [*_SPACES, "a", "Việt", "x"]
    rng = random.Random(12)
    lines = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 9))) for _ in range(3000)]
    lines += ["   indented by a text browser", "\u00a0 a\u00a0\u00a0b \t", "\x85 a  b \u2028"]
    for line in lines:
        assert tidy_line(line) == _tidy_the_long_way(line), repr(line)


@pytest.mark.parametrize("text", ["Chủ tịch Hà Nội: kiểm soát", "", "  spaced  out  ", "(Theo VnExpress)"])
def test_a_dump_line_made_the_short_way_is_the_same_line(text):
    quick, slow = Line.of_text(7, text), Line(7, text)
    assert quick == slow and hash(quick) == hash(slow) and repr(quick) == repr(slow)
    assert quick.__dict__ == slow.__dict__  # words and key too, which equality does not compare


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Thứ Ba, 25/12/2012 - 10:03", True),
        ("November 18, 2019 | 4:10pm", True),
        ("ngày 21 tháng 11 năm 2016", True),
        ("19. November 2019 um 10:30 Uhr", True),
        ("2016-11-21 13:49", True),
        ("November 19, at 10:30", False),  # no four-digit year: no date but day/month/year in numbers
        ("Thứ Ba, ngày mười tháng mười hai", False),  # no digit: no date, looked no further
        ("Tin mới nhất hôm nay", False),
    ],
)
def test_the_digit_look_before_the_date_patterns(text, expected):
    forget_dates()
    assert (find_date(text) is not None) is expected
    assert (parse_date_line(text) is not None) is expected
    assert split_date("Xã hội " + text) is None or expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ảnh: Lê Hiếu", True),
        ("Người dân xếp hàng chờ tiêm vaccine. Ảnh: Lê Hiếu", True),
        ("Người dân xếp hàng chờ tiêm vaccine (Ảnh minh họa)", True),
        ("Cảnh sát phong tỏa hiện trường. Nguồn ảnh: Công an tỉnh", True),
        ("Firefighters at the scene on Monday (AP Photo/Evan Vucci)", True),
        ("Firefighters at the scene on Monday (AP Photo/Evan Vucci).", True),
        ("Firefighters at the scene on Monday (AP Photo/Evan Vucci)\n", True),
        ("The council met (as it does every month) to vote on the plan.", False),
        ("Người dân xếp hàng chờ tiêm vaccine tại quận 1.", False),
    ],
)
def test_caption_cues_with_the_cheap_looks_first(text, expected):
    assert has_caption_cue(text, load_profiles().common) is expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Tin một 10:30 12/10/2023 Tin hai 11:45 12/10/2023 Tin ba", True),
        ("Tin một 12/10/2023 - 10:30 Tin hai", False),
        ("Một đoạn văn bình thường không có giờ nào cả, chỉ có ngày 12/10/2023.", False),
    ],
)
def test_a_ticker_of_stamped_stories_needs_a_colon(text, expected):
    assert _stamped_list(Line(1, text)) is expected


def test_the_lines_with_a_copyright_sign_found_in_one_look():
    from publisher.clean.refusals import _COPYRIGHT, _signed

    texts = ["Trang chủ", "© 2020 Báo Mẫu", "", "ảnh (C) Tác giả", "Copyright by Jane Doe", "©", "x ©", "Tin khác"]
    lines = [Line(number, text) for number, text in enumerate(texts, 1)]
    assert _signed(lines) == [text for text in texts if _COPYRIGHT.search(text) or "©" in text]
    assert _signed(lines[:1]) == [] and _signed([]) == []


def test_the_copyright_sign_spelt_out_matches_what_ignorecase_matches():
    from publisher.clean.refusals import _COPYRIGHT_SIGN

    ignorecase = re.compile(r"©|\(c\)|copyright", re.I)
    letters = list("copyrightCOPYRIGHT\u0130\u0131©() x")
    rng = random.Random(3)
    for _ in range(20000):
        text = "".join(rng.choice(letters) for _ in range(rng.randint(1, 14)))
        assert [m.span() for m in _COPYRIGHT_SIGN.finditer(text)] == [m.span() for m in ignorecase.finditer(text)], text


def _flat(names: list[str]) -> str:
    return "|".join(sorted((re.escape(name) for name in names), key=len, reverse=True))


def test_month_names_grouped_by_first_letter_match_what_one_flat_list_matches():
    from publisher.clean import dates

    month = rf"(?P<month>{_flat(list(dates._MONTHS))})\.?"
    # The names of languages that print the day first are not looked for before a day.
    month_first_names = [m for m in dates._MONTHS if m not in dates._DAY_FIRST_MONTHS]
    month_first = rf"(?P<month>{_flat(month_first_names)})\.?"
    flat = {
        dates._MONTH_DAY_YEAR: re.compile(
            rf"(?<!\w){month_first}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})(?!\d)", re.I
        ),
        dates._DAY_MONTH_YEAR: re.compile(
            rf"(?<!\d)(?P<day>\d{{1,2}})(?:st|nd|rd|th|er|\.|º)?\s+(?:de\s+)?{month},?\s+(?:de\s+|[พค]\.ศ\.\s*)?(?P<year>\d{{4}})(?!\d)",
            re.I,
        ),
        dates._MONTH_RUN_ON: re.compile(
            rf"(?<=[a-zß-ÿ])(?=(?:{_flat([m.capitalize() for m in month_first_names if len(m) >= 3 and m.isalpha()])})\.?\s+\d)"
        ),
    }
    texts = ["Tin mới 12/10/2023", "Posted on Monday, 2 Dec. 2026 at 10:00", "marzo 3 2019 and märz 3 2019", "2 ธ.ค. พ.ศ. 2569"]
    for name in dates._MONTHS:
        for spelt in (name, name.upper(), name.capitalize()):
            texts += [f"{spelt} 2, 2026", f"2 {spelt} 2026", f"By Jane Roe{spelt} 2, 2026", f"3rd {spelt}. 12 2019", f"3 de {spelt} de 2019"]
    for grouped, one_list in flat.items():
        for text in texts:
            assert [(m.span(), m.groupdict()) for m in grouped.finditer(text)] == [
                (m.span(), m.groupdict()) for m in one_list.finditer(text)
            ], text


@pytest.mark.parametrize(
    "text",
    ["김민수 기자", "김민수 기자\n", "王小明 记者", "山田太郎 特派員", "기자", "Nguyễn Văn An", "김민수 기자 님", "記者 山田太郎", ""],
)
def test_the_reporter_word_looked_for_at_the_end_first(text):
    from publisher.clean.names import _REPORTER_AFTER_NAME, looks_like_uncased_names, name_before_reporter

    match = _REPORTER_AFTER_NAME.search(text)
    name = text[: match.start()].strip() if match is not None and match.start() > 0 else None
    assert name_before_reporter(text) == (name if name and looks_like_uncased_names(name) else None)


def _under_the_standfirst_the_long_way(lines: list[Line], index: int) -> bool:
    if any(line.main is not None for line in lines):
        return False
    above = sum(1 for line in lines[:index] if line.is_body_prose)
    below = lines[index + 1 : index + 16]
    return above <= 1 and sum(1 for line in below if line.is_body_prose) >= 3


def test_a_byline_under_the_standfirst_looked_for_near_it_first():
    from publisher.clean.ending import _SENTENCE_BREAK, _paragraphs_go_on, _under_the_standfirst
    paragraph = "Người dân xếp hàng chờ tiêm vaccine tại quận 1 từ sáng sớm, theo ghi nhận của phóng viên. Họ nói vậy."
    texts = [paragraph, "Nguyễn Văn An", "Chia sẻ", "Tin khác", paragraph + " Thêm một câu nữa ở đây cho dài."]
    rng = random.Random(5)
    seen = set()
    for _ in range(400):
        main = rng.choice([None, None, True, False])
        lines = [Line(n, rng.choice(texts), main=main if rng.random() < 0.2 else None) for n in range(rng.randint(1, 30))]
        for index in range(len(lines)):
            assert _under_the_standfirst(lines, index) == _under_the_standfirst_the_long_way(lines, index)
            following = lines[index + 1 :]
            window = [line for line in following if not line.is_image][:12]
            long_way = sum(
                1 for line in window
                if line.is_body_prose and (line.words >= 30 or any(m.group(1).isupper() for m in _SENTENCE_BREAK.finditer(line.text)))
            ) >= 3
            assert _paragraphs_go_on(following) == long_way
            seen.update({("standfirst", _under_the_standfirst(lines, index)), ("go on", long_way)})
    assert len(seen) == 4  # both answers of each met


def test_weekdays_and_home_links_grouped_by_first_letter_match_what_one_flat_list_matches():
    from publisher.clean import kicker

    words = [*kicker._ROOTS, *kicker._BACK]
    flat_trailing = re.compile(rf"(?<!\w)(?:{_flat(words)})$", re.IGNORECASE)
    flat_weekday = re.compile(rf"(?:(?<=[^\W\d_])|[\s,|·-]+)(?:{'|'.join(map(re.escape, kicker._WEEKDAYS))})[\s,.]*$", re.I)
    texts = []
    for word in [*words, *kicker._WEEKDAYS]:
        for spelt in (word, word.upper(), word.capitalize()):
            texts += [f"Thời sự › {spelt}", f"Giao thông{spelt}", f"Sport, {spelt}.", f"{spelt} to school", spelt]
    for text in texts:
        assert kicker._GLUED_WEEKDAY.sub("", text) == flat_weekday.sub("", text), text
        found, expected = kicker._TRAILING.search(text), flat_trailing.search(text)
        assert (found and found.span()) == (expected and expected.span()), text


# Lines of many shapes, for the shortcuts below: prose, headlines, chrome, captions, credits,
# bylines, dates, a Thai paragraph with no stop, forms as w3m prints them, counters.
_SHAPES = [
    "Người dân xếp hàng chờ tiêm vaccine tại quận 1 từ sáng sớm, theo ghi nhận của phóng viên.",
    "Chủ tịch Hà Nội: kiểm soát chặt giá thịt lợn dịp Tết",
    "The council met on Monday to vote on the plan, and the vote was close.",
    "Chia sẻ", "Share Tweet Email", "Terms of Service Privacy Policy", "Home | News | Sport | 10 Comments",
    "0 Bình luận", "[          ] [Sign up]", "[ ]", "Trang chủ, Thời sự", "Ảnh: Lê Hiếu", "Getty Images",
    "Firefighters at the scene on Monday (AP Photo/Evan Vucci)", "Theo VnExpress", "(Theo TTXVN)",
    "By Jane Doe and John Roe", "Bài và ảnh: Minh Anh", "Nguyễn Văn An", "NGUYỄN VĂN AN",
    "Thứ Ba, 25/12/2012 - 10:03", "Xã hội 16/01/2014 | 16:05", "Sign up for our daily newsletter",
    "You can unsubscribe at any time.", "Tags: kinh tế, xã hội", "Tin khác", "",
    "ประชาชนจำนวนมากเดินทางมาร่วมงานเทศกาลในวันหยุดสุดสัปดาห์นี้ที่จังหวัดเชียงใหม่ซึ่งมีการจัดกิจกรรมมากมายตลอดทั้งวัน",
]


def _random_lines(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    words = " ".join(_SHAPES).split()
    made = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 70))) + rng.choice(["", ".", ":", "?", ")", " |"])
            for _ in range(count)]
    return [*_SHAPES, *made]


def _is_prose_the_long_way(line: Line) -> bool:
    from publisher.clean.lines import PARAGRAPH_MIN_WORDS, ends_sentence, unpunctuated_prose

    if line.kind == "image":
        return False
    return (ends_sentence(line.text) and line.words >= 6) or line.words >= PARAGRAPH_MIN_WORDS or unpunctuated_prose(
        line.text, line.words
    )


def test_a_lines_prose_facts_worked_out_with_it_are_what_the_rules_asked_each_time():
    for text in _random_lines(7, 400):
        for line in (Line(1, text), Line.of_text(1, text), Line(1, text, kind="image"), Line(1, text, link=True),
                     Line(1, text, hints=frozenset({"caption"})), Line.of_text(1, text, frozenset({"caption"}))):
            prose = _is_prose_the_long_way(line)
            assert line.is_image is (line.kind == "image")
            assert line.is_prose is prose, text
            assert line.is_body_prose is (prose and line.words >= 12 and "caption" not in line.hints and not line.link)


def test_garbled_words_looks_at_each_different_word_once_with_the_same_result():
    from ftfy.badness import is_bad

    from publisher.ingest.mojibake import _CLOSING, _SIGNATURE, garbled_words

    rng = random.Random(11)
    pieces = ["Lao Ä\x90á»\x99ng", "Hà”", "“giá”", "Ã©té", "\u00d0\u00bf\u00d1\u20ac\u00d0\u00b8", "Việt Nam", "tiền", "a", "x–y", "á»", "nước.", "Ä‘"]
    for _ in range(300):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(0, 60)))
        # The pairs counted are those inside words as the word rule reads them: a word's
        # closing punctuation ("Hà”") makes none.
        pairs = sum(len(_SIGNATURE.findall(word.rstrip(_CLOSING))) for word in text.split())
        long_way = [] if pairs < 3 else [
            word for word in text.split() if not word.isascii() and (_SIGNATURE.search(word.rstrip(_CLOSING)) or is_bad(word))
        ]
        assert garbled_words(text) == long_way, text


def test_quotations_closing_on_a_vietnamese_letter_send_no_word_through_ftfys_measure(monkeypatch):
    import ftfy.badness

    from publisher.ingest.mojibake import garbled_words

    def measured(word: str) -> bool:
        raise AssertionError(f"ftfy's measure asked of {word!r}")

    monkeypatch.setattr(ftfy.badness, "is_bad", measured)
    text = "Ông nói: “Tôi đã”. Bà đáp: “Chị ấy cũng đã”, rồi “mọi người đều đã”… Hết."
    assert garbled_words(text) == []
    monkeypatch.undo()
    assert garbled_words(text + " Lao Ä\x90á»\x99ng, Ä‘á»\x93ng Ã©té") == ["Ä\x90á»\x99ng,", "Ä‘á»\x93ng", "Ã©té"]


def test_a_pages_profile_answers_what_the_shared_profile_answers():
    from publisher.clean.head import _segments
    from publisher.clean.shapes import is_attribution
    from publisher.clean.title import _between_headline_and_text, _could_be_headline

    profiles = load_profiles()
    shared = profiles.common
    page = profiles.for_one_page().common
    merged = page.merged_with(profiles.sites[0])
    assert shared.page_answers is None and page.page_answers == {} and merged.page_answers == {}
    assert page == shared and merged == shared.merged_with(profiles.sites[0])
    texts = _random_lines(3, 300)
    for _ in range(2):  # the second time, the page's profile answers from what it remembers
        for text in texts:
            line = Line(1, text)
            for profile, alone in ((page, shared), (merged, shared.merged_with(profiles.sites[0]))):
                assert profile.is_chrome(text) == alone.is_chrome(text), text
                assert has_caption_cue(text, profile) == has_caption_cue(text, alone), text
                assert is_attribution(text, profile) == is_attribution(text, alone), text
                assert _segments(text, profile) == _segments(text, alone), text
                assert _could_be_headline(line, profile) == _could_be_headline(line, alone), text
                assert _between_headline_and_text(line, profile) == _between_headline_and_text(line, alone), text
    assert shared.page_answers is None  # the shared profile, used for every page, keeps nothing


def test_a_profiles_word_lists_looked_for_in_one_look_as_one_by_one():
    from publisher.clean.profiles import _LABEL_MIN_WORDS, _SIDE_BY_SIDE_WORDS

    profile = load_profiles().common
    labels = sorted(profile.chrome_lines)
    rng = random.Random(9)
    texts = [*_random_lines(5, 300), *(f"{rng.choice(labels)} {rng.choice(labels)}" for _ in range(500))]
    texts += [f"{cue} {text}" for cue, text in zip(profile.caption_cues, texts, strict=False)]
    for text in texts:
        assert (profile.caption_cue_pattern.search(text) is not None) == any(cue in text for cue in profile.caption_cues)
        words = text.casefold().split()
        long_way = len(words) <= _SIDE_BY_SIDE_WORDS and any(
            " ".join(words[:cut]) in profile.chrome_lines and " ".join(words[cut:]) in profile.chrome_lines
            for cut in range(_LABEL_MIN_WORDS, len(words) - _LABEL_MIN_WORDS + 1)
        )
        assert profile._two_labels_side_by_side(" ".join(words)) == long_way, text
        folded = text.casefold()
        unsubscribe = any(word.casefold() in folded for word in profile.unsubscribe_words)
        invited = profile._promotion_pattern is not None and bool(profile._promotion_pattern.search(text)) and any(
            word.casefold() in folded for word in profile.promotion_words
        )
        assert profile.is_promotion(text) == (len(text.split()) <= 40 and (unsubscribe or invited)), text


def test_the_words_first_told_counted_a_paragraph_at_a_time_as_a_word_at_a_time():
    from publisher.clean.ending import _COMMON_WORD_PARAGRAPHS, _COMMON_WORD_SHARE, _WORD, _words_first_told

    def long_way(lines: list[Line]) -> dict[str, int]:
        first: dict[str, int] = {}
        using: dict[str, int] = {}
        paragraphs = 0
        for index, line in enumerate(lines):
            if line.is_body_prose:
                paragraphs += 1
                for word in set(_WORD.findall(line.text.casefold())):
                    first.setdefault(word, index)
                    using[word] = using.get(word, 0) + 1
        common = paragraphs >= _COMMON_WORD_PARAGRAPHS
        return {word: place for word, place in first.items() if not (common and using[word] > _COMMON_WORD_SHARE * paragraphs)}

    texts = [text for text in _random_lines(13, 200) if text]
    rng = random.Random(13)
    for _ in range(200):
        lines = [Line(number, rng.choice(texts)) for number in range(rng.randint(0, 40))]
        assert _words_first_told(lines) == long_way(lines)


def test_stop_words_counted_among_the_different_words_as_word_by_word():
    from publisher.clean import language

    rng = random.Random(17)
    vocabulary = [word for words in language._STOPWORD_SETS.values() for word in sorted(words)[:40]] + ["Tin", "xyz", "Haus"]
    for _ in range(300):
        sample = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(0, 80)))
        words = [word.casefold() for word in language._WORD.findall(sample)]
        hits = {name: sum(1 for word in words if word in stop) for name, stop in language._STOPWORD_SETS.items()}
        name, best = max(hits.items(), key=lambda item: (item[1], item[0] == "en"))
        expected = None if best < language._MIN_STOPWORDS else name
        if not (language.vietnamese_score(sample) >= 0.8 and language._has_vietnamese_letters(sample)):
            assert language._latin_language(sample) == expected, sample


def test_the_three_spaces_counted_before_the_gap_pattern_never_turn_columns_away():
    from publisher.clean.columns import _INNER_GAP

    rng = random.Random(21)
    pieces = ["a", "Tin", " ", "  ", "   ", "    ", "      ", "\t", "\u00a0", "\n", "x"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        assert text.count("   ") >= len(_INNER_GAP.findall(text)), repr(text)


def test_the_vietnamese_score_counts_each_different_word_once_with_the_same_result():
    from publisher.ingest.legacy import _WORD, _is_syllable, vietnamese_score

    rng = random.Random(23)
    pieces = ["Việt", "Nam", "người", "dân", "Chá»¯", "Ä‘", "café", "1999", "xếp", "hàng", "ng", "tiền.", "“giá”", "ok"]
    for _ in range(500):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(0, 50)))
        words = [w for w in _WORD.findall(text) if not w.isascii() and not w.isdigit()]
        expected = sum(1 for word in words if _is_syllable(word)) / len(words) if words else 0.5
        assert vietnamese_score(text) == expected, text


def test_a_line_key_with_the_patterns_tried_only_where_they_may_match():
    from publisher.clean.lines import _BULLET, _COUNTER, line_key
    from publisher.clean.unicode import folded

    rng = random.Random(29)
    pieces = ["•", "◦", "■", " ", "\u00a0", "(", ")", "[", "]", "12", "Bình luận", ":", ".", "»", "x", "\t", "\u3000"]
    texts = ["Ý kiến bạn đọc ( 33 )", "• Tin khác", "Bình luận (5)", "■ (3)", "", "(", "• "]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(5000)]
    for text in texts:
        long_way = _BULLET.sub("", _COUNTER.sub("", folded(text))).rstrip(" :.»>").strip()
        assert line_key.__wrapped__(text) == long_way, repr(text)


def test_the_page_looked_at_once_for_cookie_and_paywall_notices_misses_no_line():
    profile = load_profiles().common
    phrases = [*profile.paywall_phrases, *profile.cookie_notice_openers]
    rng = random.Random(31)
    pieces = ["COOKİE", "cook\u0131e", "Cookies", "COOKIE", "\u212aookie", "куки", "КУКИ", "クッキー", "we use", "Subscribe",
              " ", "Tin", "\n", "İ", "ß", *rng.sample(phrases, 12), *(phrase.upper() for phrase in rng.sample(phrases, 6))]
    for _ in range(3000):
        lines = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 6))) for _ in range(rng.randint(1, 4))]
        folded_page = "\n".join(lines).casefold()
        if any(profile.is_cookie_notice(line) for line in lines):
            assert profile.may_hold_cookie_notice(folded_page), lines
        if any(profile.is_paywall_notice(line) for line in lines):
            assert profile.may_hold_paywall_notice(folded_page), lines
    assert not profile.may_hold_cookie_notice("tin mới\nthể thao") and not profile.may_hold_paywall_notice("tin mới")


def _is_thread_line_the_long_way(line: str, thread_lines: frozenset[str]) -> bool:
    from publisher.clean.lines import line_key

    key = line_key(line)
    if key in thread_lines:
        return True
    if any(mark in key for mark in "|·•"):
        parts = [part.strip() for part in re.split(r"\s*[|·•]\s*", key) if part.strip()]
        return len(parts) > 1 and all(part in thread_lines for part in parts)
    words = key.split()
    if not 2 <= len(words) <= 6:
        return False
    return all(word in thread_lines for word in words) or any(
        " ".join(words[:cut]) in thread_lines and " ".join(words[cut:]) in thread_lines for cut in range(1, len(words))
    )


def test_a_thread_lines_words_counted_by_its_spaces_as_by_splitting():
    profile = load_profiles().common
    marks = sorted(profile.thread_lines)
    rng = random.Random(37)
    pieces = [*rng.sample(marks, min(8, len(marks))), " ", "  ", "\u00a0", "\t", "|", "•", "(3)", "Tin", ":", "\u2028"]
    texts = ["Reply Quote", "Trả lời | Trích dẫn", "", " ", "Reply"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 9))) for _ in range(5000)]
    for text in texts:
        assert profile.is_thread_line(text) == _is_thread_line_the_long_way(text, profile.thread_lines), repr(text)


def test_a_dump_plainly_unwrapped_is_one_wrap_width_finds_unwrapped():
    from publisher.clean.wrapping import display_width, plainly_unwrapped, wrap_width

    rng = random.Random(41)
    words = ["Tin", "người", "dân", "the", "news", "北京", "ニュース", "e\u0301", "a\u0300\u0323", "•", "x" * 30, "1."]
    told = 0
    for _ in range(3000):
        lines = []
        for _ in range(rng.randint(0, 40)):
            length = rng.choice([0, 2, 8, 20, 40, 70, 90, 130])
            line = ""
            while len(line) < length:
                line += rng.choice(words) + " "
            lines.append(line.rstrip() if rng.random() < 0.8 else line)
        if plainly_unwrapped(lines):
            told += 1
            assert wrap_width(lines, [display_width(line.rstrip()) for line in lines]) is None, lines
    assert told > 300  # the shortcut is taken on many of them
    paragraph = "Người dân xếp hàng từ sáng sớm để mua vàng trong ngày vía Thần Tài, " * 3
    assert plainly_unwrapped(["Tin mới", "Thể thao", paragraph, paragraph])
    wrapped = ["A line of a paragraph that a text browser broke at seventy-two columns for"] * 8
    assert not plainly_unwrapped(wrapped)


def test_a_line_told_above_says_the_headline():
    from publisher.clean.ending import _says_the_headline, _told_above

    rng = random.Random(43)
    vocabulary = ["spiced", "honey", "pear", "jam", "the", "recipe", "Jane", "Roe", "mứt", "lê"]
    for _ in range(5000):
        headline = frozenset(rng.sample(vocabulary, rng.randint(0, 5)))
        line = Line(1, " ".join(rng.choice(vocabulary).title() for _ in range(rng.randint(0, 6))))
        told = {word: rng.randint(0, 9) for word in rng.sample(vocabulary, rng.randint(0, 10))}
        index = rng.randint(0, 9)
        if _told_above(line, index, told, headline):
            assert _says_the_headline(line, headline), (line.text, headline, told, index)



def _is_chrome_the_long_way(line: str, profile) -> bool:
    from publisher.clean.lines import line_key
    from publisher.clean.profiles import _COUNT, _without_form_boxes

    unboxed = _without_form_boxes(line)
    key = line_key(unboxed)
    if not key and unboxed != line.strip():
        return True
    chrome = profile.chrome_lines
    if key in chrome or (re.search(r"\d", key) and _COUNT.sub("", key) in chrome):
        return True
    if "," in key and all(part.strip() in chrome for part in key.split(",")):
        return True
    if "|" not in key:
        return profile._two_labels_side_by_side(key) or profile._share_bar(key)
    parts = [_COUNT.sub("", part.strip()).strip() for part in key.split("|")]
    return sum(part in chrome for part in parts if part) >= max(2, len(parts) - 1)


def test_chrome_labels_side_by_side_counted_by_their_spaces_first():
    from publisher.clean.profiles import _is_chrome

    profile = load_profiles().common
    labels = sorted(profile.chrome_lines)
    rng = random.Random(47)
    pieces = [*rng.sample(labels, 40), "share", "tweet", "Tin", " ", "  ", "\u00a0", "(3)", "\t", "|", ",", "[ ]",
              "0", "12 ", "\u0663", "\u00b2", " 7"]
    found = 0
    for _ in range(5000):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        found += _is_chrome(text, profile)
        assert _is_chrome(text, profile) == _is_chrome_the_long_way(text, profile), repr(text)
    assert found > 100


def test_a_year_run_into_a_time_looked_for_only_where_a_colon_stands():
    from publisher.clean.dates import _AGE, _MONTH_RUN_ON, _YEAR_RUN_INTO_TIME, unglued

    def long_way(text: str) -> str:
        text = _MONTH_RUN_ON.sub(" ", _YEAR_RUN_INTO_TIME.sub(r"\1 ", text))
        return _AGE.sub(lambda age: f" {age.group(0)}" if age.start() and text[age.start() - 1].isalpha() else age.group(0), text)

    rng = random.Random(53)
    pieces = ["2019", "20", "10:30", ":", "GMT", "1 day ago", "RoeDecember 2", " ", "Tin", "2026", "9", "giờ trước"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        assert unglued(text) == long_way(text), repr(text)


def test_thread_signs_looked_for_again_only_under_a_line_that_counts_the_posts():
    from publisher.clean.refusals import Verdict, _thread_signs, doubt_threads

    def long_way(lines: list[Line], text: list[Line], profile, title: str) -> Verdict:
        if found := _thread_signs(lines, text, profile, title, below_count=False):
            return Verdict(refusal=f"a forum thread or a Q&A page, not an article ({found})")
        if found := _thread_signs(lines, text, profile, title, below_count=True):
            return Verdict(warning=f"built as an article, though a forum thread or a Q&A page? ({found}, under a line that counts them)")
        return Verdict()

    profile = load_profiles().common
    title = "Best way to cross the bay"
    prose = "The ferry leaves every hour from the north pier, and the crossing takes forty minutes."
    pieces = ["Reply", "Trả lời", "#2", "#3", f"34 responses to “{title}”", "12/01/2024 10:30", prose, "Jane Roe",
              "Related", "Tin", title]
    rng = random.Random(59)
    warned = 0
    for _ in range(1500):
        lines = [Line(number, rng.choice(pieces)) for number in range(1, rng.randint(1, 30))]
        text = lines if rng.random() < 0.5 else lines[: rng.randint(0, len(lines))]
        forget_dates()
        quick = doubt_threads(lines, text, profile, title)
        warned += quick.warning is not None
        assert quick == long_way(lines, text, profile, title), [line.text for line in lines]
    assert warned > 10


def test_a_promotion_looked_for_by_its_words_before_the_pattern():
    profile = load_profiles().common
    unsubscribe_words, promotion_words = profile._folded_promotion_words

    def long_way(line: str) -> bool:
        if len(line.split()) > 40:
            return False
        folded = line.casefold()
        if any(word in folded for word in unsubscribe_words):
            return True
        pattern = profile._promotion_pattern
        if pattern is None or not pattern.search(line):
            return False
        return any(word in folded for word in promotion_words)

    rng = random.Random(61)
    pieces = [*profile.promotion_openers[:12], *profile.promotion_words[:12], *profile.unsubscribe_words[:3], "NEWSLETTER",
              "Sign up", "SUBSCRIBE", ". ", "Tin", " ", "the", "inbox"]
    found = 0
    for _ in range(5000):
        line = " ".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        found += profile.is_promotion(line)
        assert profile.is_promotion(line) == long_way(line), repr(line)
    assert found > 100


def test_a_glued_teaser_told_by_its_first_words_as_by_all_of_them():
    from publisher.clean.title import _GLUE, _TITLE_CASE_SMALL_WORDS, _glued_teaser

    def long_way(text: str) -> bool:
        if len(text) < 80:
            return False
        for count, word in enumerate(text.split(), 1):
            if word[:1].isalpha() and not (word[:1].isupper() or word.casefold() in _TITLE_CASE_SMALL_WORDS):
                return False
            if count >= 4 and _GLUE.search(word):
                return True
        return False

    rng = random.Random(67)
    pieces = ["Customers", "Leave", "Without", "Paying", "$690", "Bill", "SteakhouseA", "party", "of", "the", "Troy", "12",
              "“Quoted”", "McKinley", "iPhone", "\u00a0", "BillAt"]
    found = 0
    for _ in range(5000):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(8, 30)))
        found += _glued_teaser(text)
        assert _glued_teaser(text) == long_way(text), text
    assert found > 50


def test_a_photo_credit_looked_for_where_its_marks_or_words_stand():
    from publisher.clean.title import _PHOTO_CREDIT, _photo_credit

    rng = random.Random(71)
    pieces = ["Photo by", "PHOTO BY", "Pİcture by", "p\u0131cture by", "Courte\u017fy of", "CREDIT...", "Bild von", "BİLD VON",
              "Foto de", "Immagine di", "(AFP)", "/ Reuters", "©", "Tin", " ", "photo", "Jane Roe", "illustration by",
              "(Photo: Jane)", "imagen de", "i\u0307mage by"]
    for _ in range(5000):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        assert _photo_credit(text) == (_PHOTO_CREDIT.search(text) is not None), repr(text)
    assert not _photo_credit("Người dân xếp hàng") and _photo_credit("Pİcture by Jane Roe")


def test_a_cut_teaser_looked_at_its_end():
    from publisher.clean.body import _CUT_SHORT, _is_cut_teaser

    for text in ["One two three four five six seven eight...", "One two three four five six seven eight…",
                 "One two three four five six seven eight ...", "One two three four five six seven eight.",
                 "One two three four five six seven eight...\n", "One two three four five six seven x…\n", "a b c d e f g h"]:
        line = Line(1, text)
        assert _is_cut_teaser(line) == (line.words >= 8 and bool(_CUT_SHORT.search(text))), repr(text)


def test_an_age_looked_for_only_where_its_words_stand():
    from publisher.clean.dates import _AGE, _AGE_WORDS, _may_tell_an_age

    assert all(word in _AGE.pattern.casefold() for word in _AGE_WORDS)
    rng = random.Random(73)
    pieces = ["1 day ago", "3 HOURS AGO", "2 giờ trước", "2 GIỜ TRƯỚC", "vor 3 Stunden", "VOR 3 STUNDEN", "il y a 2 jours",
              "IL Y A 2 JOURS", "İL Y A 2 jours", "hace 3 días", "HACE 3 DÍAS", "GMT", "12", " ", "Tin", "\u00a0", "năm"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        if _AGE.search(text):
            assert _may_tell_an_age(text), repr(text)
    assert not _may_tell_an_age("Thứ Ba, 25/12/2012 - 10:03")


def test_a_note_after_names_and_an_address_looked_for_where_they_may_stand():
    from publisher.clean.ending import _NOTE_AFTER_NAMES, _without_note
    from publisher.clean.kicker import _ADDRESS, _SEARCH, is_site_furniture

    rng = random.Random(79)
    pieces = ["Hoàng Hà", "(tổng hợp)", "(TTXVN)", ")", "(", " ", "\n", "x", "www.", "WWW.", "HTTPS://", "a@b", "TheHill.com",
              "vnexpress.net", ".", "Tìm kiếm", "Search"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        assert _without_note(text) == _NOTE_AFTER_NAMES.sub("", text), repr(text)
        assert is_site_furniture(text) == bool(_SEARCH.match(text.lstrip("□■▢ ")) or _ADDRESS.search(text)), repr(text)


def test_matches_counted_up_to_the_number_needed():
    from publisher.ingest.mojibake import _SIGNATURE, count_up_to

    rng = random.Random(83)
    for _ in range(2000):
        text = "".join(rng.choice(["a", "   ", " ", "Ã©", "á»", "\n", "x"]) for _ in range(rng.randint(0, 30)))
        for count in (1, 3, 8):
            assert count_up_to(_SIGNATURE.finditer(text), count) == min(count, len(_SIGNATURE.findall(text)))


def test_a_month_run_on_looked_for_where_a_small_letter_meets_a_months_first():
    from publisher.clean.dates import _MONTH_RUN_ON, _MONTH_RUN_ON_START, _RUN_ON_MONTHS

    rng = random.Random(89)
    months = rng.sample(_RUN_ON_MONTHS, 30)
    pieces = [*months, *(f"{month} 2" for month in months), "Roe", "jane", "ß", "ÿ", " ", "2", ". ", "12", "x", "Tin"]
    found = 0
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        if _MONTH_RUN_ON.search(text):
            found += 1
            assert _MONTH_RUN_ON_START.search(text), repr(text)
    assert found > 100


def test_a_page_without_a_copyright_pieces_holds_no_copyright_sign():
    from publisher.clean.refusals import _COPYRIGHT_PIECES, _COPYRIGHT_SIGN

    rng = random.Random(97)
    pieces = ["cOpYrIgHt", "COPYR\u0130GHT", "copyr\u0131ght", "(c)", "(C)", "©", "Tin", " ", "\n", "yr", "Byrne", "ght", "copy"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        if _COPYRIGHT_SIGN.search(text):
            assert any(piece in text for piece in _COPYRIGHT_PIECES), repr(text)


def test_the_two_climbs_sharing_what_they_worked_out_find_what_each_finds_alone():
    from publisher.clean.title import _headline_candidates

    profile = load_profiles().common.for_one_page()
    prose = "The ferry leaves every hour from the north pier, and the crossing takes forty minutes each way."
    pieces = ["Ferry Crossing Times Change Next Month", "Jane Roe", "12/01/2024 10:30", "Share", "Tin", prose,
              "Ảnh: Jane Roe", "Photo by Jane Roe", "Best Way To Cross The Bay", "Home › News"]
    rng = random.Random(101)
    for _ in range(300):
        lines = [Line(number, rng.choice(pieces)) for number in range(1, rng.randint(3, 40))]
        start = rng.randint(1, len(lines) - 1)
        shared: dict[int, bool] = {}
        together = [list(_headline_candidates(lines, top, profile, shared)) for top in (start, start - 1)]
        alone = [list(_headline_candidates(lines, top, profile, {})) for top in (start, start - 1)]
        assert together == alone, [line.text for line in lines]


def test_a_long_line_asked_for_a_bylines_own_shape_first():
    from publisher.clean.dates import parse_date_line
    from publisher.clean.ending import _is_byline, _is_name_line, _without_note
    from publisher.clean.lines import ends_sentence
    from publisher.clean.names import is_caps_byline
    from publisher.clean.shapes import is_attribution, is_quoted_headline

    def long_way(line: Line, following: list[Line], profile, trailing: bool) -> bool:
        if line.is_image or line.kind == "heading" or "caption" in line.hints:
            return False
        if profile.is_chrome(line.text) or parse_date_line(line.text) or has_caption_cue(line.text, profile):
            return False
        if profile.is_thread_line(line.text):
            return False
        if is_caps_byline(line.text) or is_attribution(line.text, profile):
            return True
        bare = _without_note(line.text)
        if line.words > 8 or (ends_sentence(bare) and not bare.endswith(".")):
            return False
        if {"author", "source"} & line.hints:
            return True
        if line.link or not _is_name_line(line.text):
            return False
        if line.words < 2 and not (line.bold or trailing):
            return False
        next_is_prose = (bool(following) and following[0].is_prose and following[0].main is not False
                         and not is_quoted_headline(following[0].text))
        return line.bold or not next_is_prose

    profile = load_profiles().common.for_one_page()
    pieces = ["Theo", "Jane", "Roe", "JANE ROE", "(TTXVN)", "By", "Reuters", "Ảnh:", "Photo:", "the", "ferry", "leaves",
              "12/01/2024", "Reply", "Share", "Hoàng", "Hà", "(tổng hợp)", "and", "said.", "AP", "-"]
    rng = random.Random(103)
    for _ in range(3000):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))
        line = Line(1, text, hints=frozenset(rng.sample(["author", "source", "x"], rng.randint(0, 1))), bold=rng.random() < 0.2)
        following = [Line(2, rng.choice([*pieces, "The ferry leaves every hour from the north pier, and the crossing took long."]))]
        trailing = rng.random() < 0.5
        forget_dates()
        assert _is_byline(line, following, profile, trailing) == long_way(line, following, profile, trailing), text


def test_lines_far_above_the_text_shaped_only_while_their_score_could_win():
    from publisher.clean import title as t

    def long_way(lines, start, found, candidates, text, profile):
        scores = {}

        def support(index):
            if index not in scores:
                words = t._words(lines[index].text)
                shared = len(words & text)
                scores[index] = (shared - (len(words) - shared), shared)
            return scores[index]

        least = support(found)[0] + t._CLEAR_SUPPORT
        rivals = [index for index in candidates if index != found]
        if rivals:
            best = max(rivals, key=lambda index: (support(index)[0], -abs(index - start)))
            score, shared = support(best)
            if score >= least and shared >= t._TOPIC_WORDS_SHARED:
                return best
        climbed = set(candidates)
        far = sorted((i for i in range(max(0, start - t._FAR_REACH), start) if i not in climbed),
                     key=lambda index: (support(index)[0], index), reverse=True)
        best_far = next((index for index in far if t._could_be_headline(lines[index], profile)), None)
        if best_far is not None:
            score, shared = support(best_far)
            if score >= max(least, t._FAR_SUPPORT) and shared >= t._TOPIC_WORDS_SHARED:
                return best_far
        return found

    profile = load_profiles().common.for_one_page()
    pieces = ["Ferry Crossing Times Change Next Month", "Crossing the bay by ferry", "Jane Roe", "Share", "Tin",
              "The ferry leaves every hour from the north pier, and the crossing takes forty minutes each way.",
              "Ferry timetable", "Bay ferry crossing times and ferry fares change", "Home", "Weather in the bay"]
    rng = random.Random(107)
    won = 0
    for _ in range(500):
        lines = [Line(number, rng.choice(pieces)) for number in range(1, rng.randint(3, 50))]
        start = rng.randint(1, len(lines) - 1)
        found = rng.randint(0, start - 1)
        candidates = sorted(rng.sample(range(start), min(start, rng.randint(0, 3))), reverse=True)
        text = t._words("The ferry crossing of the bay: ferry times, crossing fares")
        quick = t._better_supported(lines, start, found, candidates, text, profile)
        won += quick != found
        assert quick == long_way(lines, start, found, candidates, text, profile), [line.text for line in lines]
    assert won > 20


def test_a_breadcrumb_looked_for_only_where_an_arrow_stands():
    from publisher.clean.title import _BREADCRUMB_SEPARATORS, _is_breadcrumb

    def long_way(text: str) -> bool:
        pieces = _BREADCRUMB_SEPARATORS.split(text)
        parts = [part.strip() for part in pieces if part.strip()]
        return len(pieces) - 1 >= 2 and bool(parts) and all(len(part.split()) <= 4 for part in parts)

    rng = random.Random(109)
    pieces = ["Home", " › ", " > ", "»", "→", "News", "Weight Loss Tips", " ", "Tin mới nhất hôm nay ở Hà Nội", "-"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 7)))
        assert _is_breadcrumb(text) == long_way(text), repr(text)


def test_a_dumps_gaps_found_in_one_look_are_each_lines_own():
    from bisect import bisect_right
    from itertools import accumulate

    from publisher.clean.columns import _INNER_GAP

    rng = random.Random(113)
    for _ in range(2000):
        lines = ["".join(rng.choice(["a", "   ", " ", "    ", "Tin", "\t", "x"]) for _ in range(rng.randint(0, 8)))
                 for _ in range(rng.randint(1, 8))]
        ends = list(accumulate(len(line) + 1 for line in lines))
        found = {bisect_right(ends, match.start()) for match in _INNER_GAP.finditer("\n".join(lines))}
        assert [index in found for index in range(len(lines))] == [bool(_INNER_GAP.search(line)) for line in lines]


# The structural round: work stopped where its answer is known (the first byline, the
# text's start, a refusal), each checked against the whole work done.

_PAGE_PIECES = [
    "Ferry Crossing Times Change Next Month",
    "The ferry leaves every hour from the north pier, and the crossing takes forty minutes each way.",
    "Officials said the timetable would be printed again before the summer, with two more boats.",
    "Jane Roe", "By Jane Roe", "Theo VnExpress", "PHÙNG KHIÊM", "12/01/2024 10:30", "Share", "Related", "Tin",
    "Ảnh: Jane Roe", "Home › News", "About Us", "Contact", "© 2024 The Example Times", "Reply Quote",
    "Customers Leave Without Paying $690 Bill At Troy SteakhouseA party of six left the restaurant without paying.",
    "Tại sao phà chạy chậm?", "Best Way To Cross The Bay",
]


def _random_page(rng: random.Random, extractor: bool) -> list[Line]:
    lines = []
    for number in range(1, rng.randint(2, 45)):
        text = rng.choice(_PAGE_PIECES)
        main = rng.random() < 0.6 if extractor else None
        hints = frozenset(rng.sample(["author", "caption", "bullet", "related"], rng.randint(0, 1)))
        lines.append(Line(number * rng.choice([1, 1, 2]), text, hints=hints, main=main, link=rng.random() < 0.1))
    return lines


@pytest.mark.parametrize("extractor", [False, True])
def test_the_first_byline_taken_without_asking_the_lines_under_it(extractor):
    from publisher.clean.ending import _byline_candidates, _last_prose, split_off_tail
    from publisher.clean.evidence import PageEvidence

    profile = load_profiles().common.for_one_page()
    evidence = PageEvidence(page_title="x" if extractor else None, has_extractor=extractor)
    rng = random.Random(127 + extractor)
    found = 0
    for _ in range(400):
        lines = _random_page(rng, extractor)
        title = rng.choice(_PAGE_PIECES)
        candidates = list(_byline_candidates(lines, profile, evidence, title))
        trailing = [i for i in candidates if i > _last_prose(lines)]
        expected = (trailing[0] if extractor and trailing else candidates[0]) if candidates else len(lines)
        body, _, _ = split_off_tail(lines, profile, [], evidence, title)
        assert len(body) == expected, [line.text for line in lines]
        found += bool(candidates)
    assert found > 40


def _text_start_the_long_way(lines: list[Line], profile, items: bool) -> int | None:
    from publisher.clean.title import (
        _TEXT_RUN,
        _glued_teaser,
        _headline_question,
        _not_text,
        _printed_twice_running,
        _quoted_headline_over_its_byline,
        _signed_paragraph,
    )

    run: list[int] = []
    cards: set[int] = set()
    for index, line in enumerate([*lines, None]):
        if line is not None and not line.is_image and _glued_teaser(line.text):
            run.append(index)
            continue
        if line is not None and run and line.words <= 3:
            continue
        if len(run) >= 3:
            cards.update(run)
        run = []
    starts = [
        i
        for i, line in enumerate(lines)
        if line.is_body_prose and (items or "bullet" not in line.hints) and not _headline_question(line)
        and not _stamped_list(line) and not _not_text(line)
        and not _printed_twice_running(lines, i) and i not in cards and not _quoted_headline_over_its_byline(lines, i, profile)
    ]
    for index in starts:
        following = sum(other.is_prose for other in lines[index + 1 : index + 1 + _TEXT_RUN[1]])
        if following >= _TEXT_RUN[0] or (following >= 1 and _signed_paragraph(lines, index, profile)):
            return index
    return starts[0] if starts else None


@pytest.mark.parametrize("items", [False, True])
def test_the_texts_start_found_without_asking_the_paragraphs_under_it(items):
    from publisher.clean.title import text_start

    profile = load_profiles().common.for_one_page()
    rng = random.Random(131 + items)
    glued = "Customers Leave Without Paying $690 Bill At Troy SteakhouseA party of six left the restaurant without paying."
    for _ in range(400):
        lines = _random_page(rng, extractor=False)
        if rng.random() < 0.3:  # a box of glued teasers, its labels between them
            at = rng.randint(0, len(lines))
            box = [Line(0, rng.choice([glued, glued, "Autos", "Share"])) for _ in range(rng.randint(2, 6))]
            lines[at:at] = box
        assert text_start(lines, profile, items=items) == _text_start_the_long_way(lines, profile, items)


def test_the_main_script_of_mostly_latin_letters_is_latin_without_counting():
    from collections import Counter

    from publisher.clean.language import _NOT_LETTERS, _script, main_script

    rng = random.Random(137)
    pieces = ["a", "Việt", "ß", "ж", "Москва", "東京", "ニュース", "عربي", "ก", "1", " ", "ǎ", "ɐ", "Ḁ"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        letters = _NOT_LETTERS.sub("", text)
        expected = Counter(map(_script, letters)).most_common(1)[0][0] if letters else None
        assert main_script(text) == expected, repr(text)


def test_a_page_refused_early_for_the_doubts_found_so_far_as_when_all_are_found():
    from publisher.clean.evidence import PageEvidence
    from publisher.clean.pagedump import _refuse_early
    from publisher.clean.refusals import decide
    from publisher.errors import NotAnArticleError

    def outcome(call, *args):
        try:
            return ("built", call(*args))
        except NotAnArticleError as error:
            return ("refused", str(error))

    refused = 0
    for kind in (None, "thread", "listing"):
        for is_article in (False, True):
            evidence = PageEvidence(kind=kind, is_article=is_article)
            for as_article in (False, True):
                for early in ([], [None], [None, "a homepage?"], ["a listing?", None], [None, None]):
                    for later in ([], [None], ["a listing?"], [None, "a homepage?"]):
                        whole = outcome(decide, [d for d in [*early, *later] if d], evidence, as_article, None)
                        refused_early = outcome(_refuse_early, early, evidence, as_article, None)
                        if refused_early[0] == "refused":
                            assert refused_early == whole
                            refused += 1
    assert refused > 20


def test_the_copyright_signs_parts_found_where_the_whole_pattern_finds_them():
    from publisher.clean.refusals import _COPYRIGHT_SIGN, _copyright_signs

    rng = random.Random(139)
    pieces = ["cOpYrIgHt", "COPYR\u0130GHT", "copyr\u0131ght", "(c)", "(C)", "(c", "©", "Tin", " ", "\n", "yr", "Byrne",
              "copy", "(copyright)", "c)", "các"]
    for _ in range(5000):
        page = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        assert sorted(_copyright_signs(page)) == [m.start() for m in _COPYRIGHT_SIGN.finditer(page)], page


def test_a_samples_letters_taken_without_its_spaces_first_are_the_same():
    from publisher.clean.language import _NOT_LETTERS, _letters_only

    rng = random.Random(149)
    pieces = ["a", "Việt", " ", "  ", "\t", "\n", "\u00a0", "\u3000", "\u2028", "\x85", "1", "_", "²", "½", "東京", "-", "ß", "٣"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert _letters_only(text) == _NOT_LETTERS.sub("", text), repr(text)


def _dated_posts_the_long_way(lines: list[Line]) -> list[int]:
    from publisher.clean.refusals import _ARTICLE_PARAGRAPHS, _story_stamp
    from publisher.clean.shapes import DATE_WINDOW

    dated = [index for index, line in enumerate(lines) if parse_date_line(line.text) and not _story_stamp(lines, index)]
    if dated and dated[0] < DATE_WINDOW:
        dated = dated[1:]
    kept: list[int] = []
    previous = 0
    for index in dated:
        if sum(1 for line in lines[previous:index] if line.is_body_prose) >= _ARTICLE_PARAGRAPHS:
            break
        kept.append(index)
        previous = index + 1
    return kept


def test_dated_posts_read_only_down_to_an_articles_length_of_paragraphs():
    from publisher.clean.refusals import _dated_before_an_articles_length

    prose = "The ferry leaves every hour from the north pier, and the crossing takes forty minutes each way."
    pieces = [prose, prose, prose, "12/01/2024 10:30", "Thứ Ba, 25/12/2012 - 10:03", "Jane Roe",
              "Ferry Crossing Times Change Next Month", "Reply"]
    rng = random.Random(151)
    kept = 0
    for _ in range(1000):
        forget_dates()
        lines = [Line(number, rng.choice(pieces)) for number in range(1, rng.randint(1, 60))]
        found = _dated_before_an_articles_length(lines)
        assert found == _dated_posts_the_long_way(lines), [line.text for line in lines]
        kept += bool(found)
    assert kept > 100


def test_a_line_whose_first_word_opens_no_marker_is_no_run_of_markers():
    profile = load_profiles().common
    multi = sorted(mark for mark in profile.thread_lines if " " in mark)
    single = sorted(mark for mark in profile.thread_lines if " " not in mark)
    rng = random.Random(157)
    pieces = [*multi[:6], *single[:6], "Tin", "Reply", "Quote", "với"]
    for _ in range(5000):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(1, 4)))
        assert profile.is_thread_line(text) == _is_thread_line_the_long_way(text, profile.thread_lines), repr(text)


def _opens_with_end_marker_the_long_way(line: str, end_markers: frozenset[str]) -> bool:
    from publisher.clean.lines import line_key

    words = line_key(line).split()
    if len(words) > 7 or line.rstrip().endswith((".", "!", "?", ":")):
        return False
    return any(" ".join(words[:size]) in end_markers and len(words) - size <= 3 for size in range(1, min(len(words), 5)))


def test_an_end_marker_opening_a_line_looked_for_by_its_first_word():
    profile = load_profiles().common
    markers = sorted(profile.end_markers)
    rng = random.Random(163)
    pieces = [*rng.sample(markers, min(10, len(markers))), "in", "Nation", "stories", "Tin", ".", "  ", "\u00a0", "(3)", "•"]
    texts = ["Top stories in Nation", "Most read stories", "Related: Another story's headline", "", " "]
    texts += [" ".join(rng.choice(pieces) for _ in range(rng.randint(1, 6))) for _ in range(5000)]
    found = 0
    for text in texts:
        expected = _opens_with_end_marker_the_long_way(text, profile.end_markers)
        assert profile.opens_with_end_marker(text) == expected, repr(text)
        found += expected
    assert found > 100


def test_a_promotions_words_counted_up_to_one_past_the_limit():
    from publisher.clean.profiles import _PROMOTION_WORDS

    profile = load_profiles().common
    invitation = "Sign up for our daily newsletter"
    for extra in range(_PROMOTION_WORDS - 8, _PROMOTION_WORDS + 3):
        for space in (" ", "  ", "\u00a0", "\t"):
            line = invitation + space + space.join(["word"] * extra)
            assert profile.is_promotion(line) == (len(line.split()) <= _PROMOTION_WORDS and profile.is_promotion(invitation))


def _split_date_the_long_way(text: str):
    from publisher.clean.dates import (
        _DIGIT,
        _MONTH_RUN_ON,
        _MONTH_RUN_ON_START,
        _TIME,
        _date_part,
        _date_patterns,
        _label_before_date,
    )
    from publisher.model import PrintedDate

    if not _DIGIT.search(text):
        return None
    if _MONTH_RUN_ON_START.search(text):
        text = _MONTH_RUN_ON.sub(" ", text)
    for pattern in _date_patterns(text):
        match = pattern.search(text)
        if match is None or match.start() == 0:
            continue
        label, printed = _label_before_date(text[: match.start()]), text[match.start() :].strip()
        if _TIME.search(label):
            return None
        found = parse_date_line(printed)
        if found is not None and label:
            return label, PrintedDate(found.value, _date_part(printed))
    return None


def test_a_long_line_searched_for_a_glued_date_only_where_its_tail_holds_one():
    rng = random.Random(167)
    words = ["Xã hội", "Tin", "nghỉ Tết", "ngày", "10:30", "25", "|", "-", "  ", "\u00a0", "December", "Published:",
             "16/01/2014", "16:05", "Thứ Ba, 25/12/2012 - 10:03", "November 18, 2019", "2019-11-18", "Tình yêu - Hôn nhân"]
    found = 0
    for _ in range(4000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 30))) + rng.choice(["", " ", "  ", "\n"])
        forget_dates()
        expected = _split_date_the_long_way(text)
        forget_dates()
        assert split_date(text) == expected, repr(text)
        found += expected is not None
    assert found > 200


def test_a_dropped_line_made_without_the_frozen_init_is_the_same_record():
    import dataclasses

    from publisher.clean.explain import Dropped

    @dataclasses.dataclass(frozen=True)
    class LongWay:
        line: int
        text: str
        rule: str

    quick, slow = Dropped(3, "Tin mới", "chrome line (site profile)"), LongWay(3, "Tin mới", "chrome line (site profile)")
    assert dataclasses.astuple(quick) == dataclasses.astuple(slow) and dataclasses.asdict(quick) == dataclasses.asdict(slow)
    assert repr(quick).split("(", 1)[1] == repr(slow).split("(", 1)[1]
    assert quick == Dropped(line=3, text="Tin mới", rule=quick.rule)
    assert hash(quick) == hash(Dropped(3, "Tin mới", "chrome line (site profile)"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        quick.rule = "another"  # type: ignore[misc]


def test_a_slugs_first_letter_told_from_the_texts_first_characters():
    from publisher.slug import slug_opening, slugify

    rng = random.Random(173)
    pieces = ["Đời", "sống", "ß", "ﬁ", "½", "№", "東京", "-", "  ", "Ả", "ø", "Æ", "Œ", "!", "é", "\u0301", "1", "x", "İ",
              "㍻", "ǅ", "Ⅻ", "²", "ª", "Thời sự", "a" * 90]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        assert slug_opening(text) == slugify(text)[0], repr(text)


# Part A of the speed round: the reading before the rules (normalising, the mojibake look).

_NFC_PIECES = ["a", "e", "Việt", "\u0301", "\u0323", "\u0302", "\n", "\n", " ", "\u1100", "\u1161", "\u11a8", "가", "\u212b", "\u2000", "<", "\u0338", "\u0b47", "\u0b3e", "x" * 900]


def test_nfc_by_pieces_gives_the_whole_texts_nfc():
    import unicodedata

    from publisher.clean.unicode import nfc_by_pieces

    rng = random.Random(5)
    texts = ["".join(rng.choice(_NFC_PIECES) for _ in range(rng.randint(0, 60))) for _ in range(400)]
    texts += ["\n".join(["a\u0301" * 3000, "e\u0302\u0301", "\u0301" * 5000]), "x" * 9000 + "\n\u0301"]
    for text in texts:
        assert nfc_by_pieces(text) == unicodedata.normalize("NFC", text)


def test_tell_tales_counted_by_lead_as_by_the_whole_pattern():
    from publisher.ingest import mojibake

    pieces = ["Ã", "Ä", "Å", "Æ", "á", "â", "»", "©", "\u0080", "\u00bf", "–", "”", "™", "ế", "a", " ", "Ã¡"]
    rng = random.Random(9)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(3000)]
    texts += ["x" * 199_999 + "á»" + "Ã¡" * 5, "Ã¡" * 2 + "x" * 199_997 + "á»"]
    for text in texts:
        whole = sum(1 for _ in zip(range(3), mojibake._TELL_TALE.finditer(text[:200_000]), strict=False))
        assert mojibake.tell_tales(text) == whole, repr(text)


def test_a_dumps_gaps_found_by_their_spaces_as_the_pattern_finds_them():
    from publisher.clean import columns

    pieces = [" ", "  ", "   ", "    ", "a", "bc", "Việt", "\n", "\t", "\u00a0", "x y"]
    rng = random.Random(21)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))) for _ in range(4000)]
    texts += ["a   b   c", "ab   b   c", "   a   b", "a   \n   b", "a    b"]
    for text in texts:
        assert columns._gaps(text) == [match.start() for match in columns._INNER_GAP.finditer(text)], repr(text)


def test_a_lines_runs_placed_by_their_offsets_where_each_character_is_one_column():
    from publisher.clean import columns
    from publisher.clean.wrapping import display_width

    def the_long_way(line):
        runs = []
        for match in columns._RUN.finditer(line):
            begin = display_width(line[: match.start()])
            runs.append((begin, begin + display_width(match.group()), match.group()))
        return runs if line.strip() else []

    lines = ["  Tin mới   Thể thao    Pháp luật", "", "   ", "中文   新闻", "e\u0301   x", "ab  cd   ef"]
    for line in lines:
        assert [tuple(run) for run in columns._runs(line)] == the_long_way(line), line


def test_unwrap_takes_lengths_for_widths_only_where_every_character_is_one_column():
    from publisher.clean import wrapping

    paragraph = "Người dân đổ về trung tâm thành phố để xem pháo hoa đêm giao thừa năm nay, đông hơn"
    wrapped = []
    for _ in range(8):
        wrapped += [paragraph[:70], paragraph[70:] + " và vui hơn mọi năm trước đó.", ""]
    wide = [line.replace("Người", "人们") for line in wrapped]
    for lines in (wrapped, wide):
        narrow = wrapping.one_column_each("\n".join(lines))
        assert narrow == (lines is wrapped)
        widths = [wrapping.display_width(line.rstrip()) for line in lines]
        assert wrapping.wrap_width(lines, widths) is not None
        assert wrapping.unwrap(lines) == _unwrap_the_long_way(lines, widths)


def _unwrap_the_long_way(lines, widths):
    from publisher.clean import wrapping

    width = wrapping.wrap_width(lines, widths)
    cells = wrapping._cell_widths(lines, width, widths)
    joined, previous = [], ""
    for number, line in enumerate(lines, 1):
        text = wrapping.without_marks(line)
        stripped = text.strip()
        continues = previous.strip() and stripped and not wrapping.starts_item(line, previous)
        if joined and continues and wrapping.broken_before(widths[number - 2], stripped, cells.get(number - 1, width)):
            first, before = joined[-1]
            joined[-1] = (first, wrapping._joined(before.rstrip(), stripped))
        else:
            joined.append((number, text))
        previous = text
    return joined


def test_a_page_without_untidy_spaces_tidies_its_lines_the_short_way():
    from publisher.clean.unicode import holds_untidy_space, tidy_plain_line

    pieces = [*_SPACES, "a", "Việt", "x", "\u2009", "\u200a", "\u200b", "·"]
    rng = random.Random(31)
    lines = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 9))) for _ in range(4000)]
    for line in lines:
        untidy = re.search("[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]", line) is not None
        assert holds_untidy_space(line) == untidy, repr(line)
        if not untidy:
            assert tidy_plain_line(line) == _tidy_the_long_way(line), repr(line)


@pytest.mark.parametrize("blank", ["", " ", "     ", "\u3000", " \u00a0 "])
def test_unwrap_passes_blank_lines_as_the_long_way_does(blank):
    from publisher.clean import wrapping

    paragraph = "Người dân đổ về trung tâm thành phố để xem pháo hoa đêm giao thừa năm nay, đông hơn"
    lines = []
    for _ in range(8):
        lines += [paragraph[:70], paragraph[70:] + " và vui hơn mọi năm trước đó.", blank]
    widths = [wrapping.display_width(line.rstrip()) for line in lines]
    assert wrapping.unwrap(lines) == _unwrap_the_long_way(lines, widths)


@pytest.mark.parametrize(
    ("text", "kind", "hints", "link"),
    [
        ("Chủ tịch Hà Nội kiểm soát giá cả thị trường dịp Tết, người dân yên tâm mua sắm.", "text", frozenset(), False),
        ("Chủ tịch Hà Nội kiểm soát giá cả thị trường dịp Tết, người dân yên tâm mua sắm.", "text", frozenset({"caption"}), False),
        ("Chủ tịch Hà Nội kiểm soát giá cả thị trường dịp Tết, người dân yên tâm mua sắm.", "item", frozenset(), True),
        ("", "image", frozenset({"furniture"}), False),
        ("Tin mới", "heading", frozenset({"lead"}), False),
    ],
)
def test_a_page_line_made_the_short_way_is_the_same_line(text, kind, hints, link):
    given = {
        "number": 12, "text": text, "kind": kind, "level": 2 if kind == "heading" else 0, "hints": hints, "bold": True,
        "link": link, "src": "https://example.com/a.jpg" if kind == "image" else None, "alt": None, "main": True,
        "block": 4, "within": (1, 3),
    }
    quick, slow = Line.of_fields(**given), Line(**given)
    assert quick == slow
    assert quick.__dict__ == slow.__dict__


def test_a_page_without_a_promotions_word_holds_no_promotion_line():
    profile = load_profiles().common
    words = [*profile.unsubscribe_words, *profile.promotion_words, "NEWSLETTER", "Se Désabonner", "INBOX"]
    openers = [*profile.promotion_openers, "Get", "Join us."]
    pieces = [*words, *openers, "the", "daily", "Σ", "ß", "İ", ".", ":", " ", " ", " ", "news", "letter"]
    rng = random.Random(53)
    lines = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(4000)]
    lines += ["Sign up for our daily newsletter", "You can unsubscribe at any time.", "Get the news in your inbox."]
    promoting = 0
    for line in lines:
        asked = profile.is_promotion(line) or profile.names_the_mail(line)
        promoting += asked
        assert not asked or profile.may_hold_promotion(line.casefold()), repr(line)
    assert promoting > 100
    # Case-folding a page's lines joined folds each line alike (no letter folds by its neighbours).
    for start in range(0, len(lines), 40):
        page = lines[start : start + 40]
        assert "\n".join(page).casefold() == "\n".join(line.casefold() for line in page)
    quiet = [line for line in lines if not profile.may_hold_promotion(line.casefold())]
    assert not profile.may_hold_promotion("\n".join(quiet).casefold())
    assert not any(profile.is_promotion(line) or profile.names_the_mail(line) for line in quiet)


def test_find_end_and_the_body_ask_no_line_for_a_promotion_where_the_page_names_no_mail():
    from publisher.clean.body import read_body
    from publisher.clean.ending import find_end
    from publisher.clean.evidence import PageEvidence

    profile = load_profiles().common
    paragraph = "The council met on Monday to discuss the new bus routes, which start next spring across the city."
    pages = [
        ["Headline of the story", *[paragraph] * 4, "Sign up for our daily newsletter", "Get it in your inbox.",
         "Privacy policy", "About us", *[paragraph] * 2],
        ["Headline of the story", *[paragraph] * 5, "Join us.", "Privacy policy", "About us"],
    ]
    for texts in pages:
        lines = [Line.of_text(2 * number + 1, text) for number, text in enumerate(texts)]
        names_mail = profile.may_hold_promotion("\n".join(texts).casefold())
        evidence = PageEvidence()
        long_way = find_end(lines, 0, texts[0], profile, evidence)
        assert find_end(lines, 0, texts[0], profile, evidence, names_mail=names_mail) == long_way
        dropped_long: list = []
        dropped_short: list = []
        body = lines[1:]
        assert read_body(body, profile, dropped_short, evidence, None, texts[0], names_mail=names_mail) == read_body(
            body, profile, dropped_long, evidence, None, texts[0]
        )
        assert dropped_short == dropped_long
    assert find_end(lines, 0, texts[0], profile, PageEvidence())[1] == "after the article"


def test_a_homepage_refused_for_its_teaser_is_not_asked_the_later_doubts(tmp_path, monkeypatch):
    from publisher.clean import pagedump
    from publisher.errors import NotAnArticleError
    from publisher.ingest import read_article

    teaser = (
        "Tin nổi bật trong ngày hôm nay ở Hà Nội\n\n(BM) - Tóm tắt câu chuyện được đăng trên trang chủ của tờ báo hôm nay,"
        " với nhiều chi tiết.\n\nXem tiếp\n\n"
    )
    page = tmp_path / "home.txt"
    page.write_text(
        "Trang chủ\n\nThời sự\n\nKinh tế\n\n" + teaser + "Trang chủ hôm nay với các bài mới\n\nLiên hệ: 0123 456 789\n",
        encoding="utf-8",
    )
    asked: list[str] = []

    def counted(name):
        doubt = getattr(pagedump, name)

        def asking(*args, **kwargs):
            asked.append(name)
            return doubt(*args, **kwargs)
        return asking

    for name in ("doubt_threads", "doubt_site_title", "doubt_figures"):
        monkeypatch.setattr(pagedump, name, counted(name))
    profiles = load_profiles()
    # The long way: every doubt asked (and told, the page built as an article); the first is the refusal.
    built = read_article(page, profiles, as_article=True)
    assert asked == ["doubt_threads", "doubt_site_title", "doubt_figures"]
    first = built.warnings[0].removeprefix("built as an article (--as-article), though ")
    asked.clear()
    with pytest.raises(NotAnArticleError) as refused:
        read_article(page, profiles)
    assert first in str(refused.value) and "Xem tiếp" in first
    assert asked == []



def test_cards_found_with_the_heads_shape_first_as_the_long_way():
    from publisher.clean import refusals

    def cards_the_long_way(lines):
        texts = [line for line in lines if not line.is_image and "caption" not in line.hints]
        heads = []
        for index in range(len(texts) - 1):
            following = texts[index + 1 : index + 3]
            position = next((i for i, line in enumerate(following) if line.words > refusals._CARD_STAMP_WORDS), None)
            if position is None:
                continue
            teaser = following[position]
            after = texts[index + 2 + position] if index + 2 + position < len(texts) else None
            if (refusals._is_card_head(texts[index], teaser) and teaser.is_body_prose
                    and teaser.words <= refusals._TEASER_WORDS and (after is None or not after.is_body_prose)):
                heads.append(index)
        prose = sum(1 for line in texts if line.is_body_prose)
        if (len(heads) >= refusals._CARDS and len(heads) >= refusals._CARD_SHARE * prose
                and refusals._longest_text_run(lines) < refusals._TEXT_RUN):
            above = sum(1 for line in texts[: heads[refusals._CARDS - 1]] if line.is_body_prose)
            return f"{len(heads)} headlines each with a one-paragraph teaser under the headline: a homepage or a listing?", above
        return None

    rng = random.Random(97)
    headline = "Tin nổi bật số một trong ngày hôm nay ở thủ đô Hà Nội"
    teaser = "(BM) - Tóm tắt câu chuyện được đăng trên trang chủ của tờ báo hôm nay, với nhiều chi tiết."
    pieces = [headline, " ".join(headline.split()[:5]), teaser, " ".join([teaser] * 4), "Sức khỏe - 25 phút trước", "Xem"]
    found = 0
    for _ in range(400):
        texts = [rng.choice(pieces) for _ in range(rng.randint(0, 40))]
        hints = [frozenset(), frozenset({"bullet"}), frozenset({"caption"})]
        lines = [Line.of_text(number, text, rng.choice(hints)) for number, text in enumerate(texts)]
        expected = cards_the_long_way(lines)
        assert refusals._cards(lines) == expected, texts
        found += expected is not None
    assert found > 10

def test_a_teaser_marker_told_by_the_lines_key_as_by_its_text():
    profile = load_profiles().common
    markers = sorted(profile.teaser_markers)[:6]
    rng = random.Random(101)
    pieces = [*markers, *(marker.upper() for marker in markers), "• ", " (3)", ":", " ", "Xem", "tiếp", "Read more"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 4))).strip()
        if text:
            line = Line.of_text(1, text)
            assert (line.key in profile.teaser_markers) == profile.is_teaser_marker(line.text), repr(text)


# The title and the head, round four: each shortcut against the long way it replaced.

_DATE_LINES = [
    "Thứ Hai, 24/12/2012, 03:04 AM (GMT+7)", "26/12/2012Học sinh lớp 11 bị lừa mua điện thoại - 16:10",
    "Updated: December 2, 2026 at 10:30 AM EST", "November 18, 2019 | 4:10pm", "1 day ago 19 Nov 2019",
    "19. November 2019 um 10:30 Uhr", "Publié le 3 mai 2024 à 10h30, mis à jour il y a 2 heures",
    "2016-11-21 13:49", "2019. november 19.", "令和6年5月3日", "۱۴ اردیبهشت ۱۴۰۳", "۱۴۰۳/۰۲/۱۴",
    "Chủ nhật, 13/2/2022, 16:08 (GMT+7) 2 giờ trước", "ngày 21 tháng 11 năm 2016", "12/02/2026 a las 10:30",
    "Veröffentlicht am 03.05.2024, 10:30 Uhr", "Chân dung nữ giám thị xinh đẹp nhất kỳ thi năm 2019",
    "05/03/24 p.m. Mon.", "GMT1 day ago 12/12/2012",
]


def _words_the_flat_way(words: list[str]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(re.escape(word) for word in words) + r")\b\.?", re.IGNORECASE)


def test_a_date_lines_words_grouped_by_first_letter_find_what_the_flat_list_finds():
    from publisher.clean.dates import _DATE_LINE_WORD_LIST, _DATE_LINE_WORDS

    words = list(_DATE_LINE_WORD_LIST)
    flat, backwards = _words_the_flat_way(words), _words_the_flat_way(words[::-1])
    rng = random.Random(41)
    pieces = [*words, *(word.upper() for word in words), " ", ".", ",", "1", "x", "-"]
    texts = _DATE_LINES + ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 8))) for _ in range(3000)]
    for text in texts:
        assert _DATE_LINE_WORDS.sub(" ", text) == flat.sub(" ", text) == backwards.sub(" ", text), repr(text)


def _date_line_the_long_way(line: str, month_first: bool = False):
    from publisher.clean import dates

    if len(line) > dates._DATE_LINE_CHARS:
        return None
    found = find_date(line, month_first)
    if found is None:
        return None
    rest = dates._AGE.sub(" ", dates.unglued(line))
    for pattern in (*dates._DATE_PATTERNS, dates._TIME, dates._ZONE):
        rest = pattern.sub(" ", rest)
    rest = dates._DATE_LINE_WORDS.sub(" ", rest)
    leftover_words = [word for word in re.findall(r"\w{2,}", rest) if not word.isdigit()]
    return found if len(leftover_words) <= 2 else None


def test_a_date_line_blanks_out_only_the_dates_it_may_hold_with_the_same_result():
    rng = random.Random(43)
    pieces = [*_DATE_LINES, "2019", "tin", "by Jane Roe", "|", "12/12", "ago", "年", "vor 3 Stunden"]
    texts = _DATE_LINES + [" ".join(rng.choice(pieces) for _ in range(rng.randint(1, 3)))[:90] for _ in range(1500)]
    for text in texts:
        for month_first in (False, True):
            forget_dates()
            assert parse_date_line(text, month_first) == _date_line_the_long_way(text, month_first), repr(text)


def _headline_by_place_the_long_way(lines, index, profile):
    from publisher.clean import title

    line = lines[index]
    if index == 0 or line.is_image or line.link or line.words > 40 or {"caption", "author", "date"} & line.hints:
        return False
    if profile.is_chrome(line.text) or profile.is_end_marker(line.text) or title._photo_credit(line.text):
        return False
    above = lines[index - 1]
    if above.words >= 2 and not above.link and not parse_date_line(above.text):
        if line.key.startswith(above.key + " "):
            return True
        printed_twice = line.key == above.key and line.words >= 2
        if printed_twice and not parse_date_line(line.text) and not line.text.endswith((".", ";", ",", ":")):
            return True
    return (
        line.words >= 3 and line.text.endswith(".") and not line.text.endswith("...")
        and title._in_title_case(line.text) and title._over_date_or_byline(lines, index, profile)
    )


def test_a_headline_by_its_place_told_by_its_shape_first_as_the_long_way_tells_it():
    from publisher.clean.title import _headline_by_place

    profile = load_profiles().common
    texts = [
        "Opening Bell", "Opening Bell 11.18.19", "Opening Bell 11.18.19.", "Stock Falls. Why You Shouldn't Worry.",
        "By Jane Roe", "December 2, 2026", "Home", "Hà Nội mưa lớn, nhiều tuyến phố ngập sâu",
        "Hà Nội mưa lớn, nhiều tuyến phố ngập sâu", "The Mayor Speaks Out. What Comes Next.", "Share",
        "12/12/2012", "12/12/2012", "Photo: Getty Images", "Người dân đổ về trung tâm thành phố xem pháo hoa.",
        "Opening Bell", "Opening Bell Today.", "© Reuters", "Trang chủ", "Trang chủ Thời sự",
    ]
    rng = random.Random(47)
    for _ in range(300):
        page = [Line.of_text(number, rng.choice(texts)) for number in range(1, 9)]
        for index in range(len(page)):
            forget_dates()
            assert _headline_by_place(page, index, profile) == _headline_by_place_the_long_way(page, index, profile)


def test_a_title_prefixs_lines_found_by_the_titles_starts_as_the_long_way_finds_them():
    from publisher.clean.lines import line_key
    from publisher.clean.title import title_prefix_occurrences

    def the_long_way(lines, page_title, first):
        wanted = line_key(page_title)
        return [
            index for index in range(first, len(lines))
            if lines[index].words >= 4 and len(lines[index].key) < len(wanted) and wanted.startswith(lines[index].key)
            and not wanted[len(lines[index].key)].isalnum()
        ]

    titles = ["Bão số 3 đổ bộ vào miền Bắc chiều nay-tin-moi", "» » » » headline", "One two three four", ""]
    texts = [
        "Bão số 3 đổ bộ vào miền Bắc", "Bão số 3 đổ bộ vào miền Bắc chiều nay", "Bão số 3 đổ", "» » » »",
        "One two three", "One two three four", "One two three fou", "Bão số 3 đổ bộ vào miền Bắc chiều nay-tin-moi",
    ]
    lines = [Line.of_text(number, text) for number, text in enumerate(texts, 1)]
    for page_title in titles:
        for first in (0, 1):
            assert title_prefix_occurrences(lines, page_title, first) == the_long_way(lines, page_title, first)


def _better_supported_the_long_way(lines, start, found, candidates, text, profile):
    from publisher.clean import title

    def support(index):
        words = title._words(lines[index].text)
        shared = len(words & text)
        return shared - (len(words) - shared), shared

    least = support(found)[0] + 2
    rivals = [index for index in candidates if index != found]
    if rivals:
        best = max(rivals, key=lambda index: (support(index)[0], -abs(index - start)))
        score, shared = support(best)
        if score >= least and shared >= 2:
            return best
    climbed = set(candidates)
    far = sorted(
        (index for index in range(max(0, start - 60), start) if index not in climbed),
        key=lambda index: (support(index)[0], index),
        reverse=True,
    )
    needed = max(least, 3)
    best_far = next((index for index in far if support(index)[0] < needed or title._could_be_headline(lines[index], profile)), None)
    if best_far is not None:
        score, shared = support(best_far)
        if score >= needed and shared >= 2:
            return best_far
    return found


def test_far_lines_too_short_to_score_are_not_weighed_and_the_choice_is_the_same():
    from publisher.clean import title

    profile = load_profiles().common
    text_words = title._words("Người dân thành phố đón giao thừa với pháo hoa rực rỡ trên sông Hồng đêm qua")
    rng = random.Random(53)
    texts = [
        "Home", "Thời sự", "Video", "Pháo hoa", "sông Hồng", "Người dân thành phố đón giao thừa với pháo hoa",
        "Pháo hoa rực rỡ trên sông Hồng đêm giao thừa", "Giao thừa: thành phố rực rỡ", "Thời tiết ngày mai",
        "Người dân thành phố đón giao thừa.", "Pháo hoa sông Hồng", "Giao thừa rực rỡ pháo hoa thành phố",
    ]
    for _ in range(300):
        page = [Line.of_text(number, rng.choice(texts)) for number in range(1, rng.randint(5, 80))]
        start = rng.randrange(1, len(page))
        candidates = sorted(rng.sample(range(start), min(start, rng.randint(1, 4))), reverse=True)
        found = candidates[0]
        assert title._better_supported(page, start, found, candidates, text_words, profile) == _better_supported_the_long_way(
            page, start, found, candidates, text_words, profile
        )


def test_only_the_label_nearest_the_title_is_tidied_without_sections_and_the_head_is_the_same():
    from publisher.clean.head import read_head

    profile = load_profiles().common
    texts = [
        "Trang chủ › Thời sự", "Thời sựDân sinh", "Giao thông Chủ nhật", "Thứ Ba, 25/12/2012 - 10:03", "Home",
        "Xã hội 16/01/2014 | 16:05", "By Jane Roe", "Tìm kiếm", "vnexpress.net", "Kinh doanh", "World News",
        "(Theo VnExpress)", "Thể thao | Bóng đá", "Người dân đổ về trung tâm thành phố để xem pháo hoa.", "[Sức khỏe]",
    ]
    # A section no label names: every label is weighed, the long way, and none matches it.
    nowhere = ("zzqx none 9731",)
    rng = random.Random(59)
    for _ in range(400):
        head = [Line.of_text(number, rng.choice(texts)) for number in range(1, rng.randint(1, 8))]
        for text_mode in (True, False):
            forget_dates()
            short_dropped: list = []
            long_dropped: list = []
            short = read_head(head, profile.for_one_page(), short_dropped, text_mode)
            long = read_head(head, profile.for_one_page(), long_dropped, text_mode, nowhere)
            assert (short, short_dropped) == (long, long_dropped), [line.text for line in head]


def test_the_ways_a_text_may_print_a_date_leave_out_none_that_finds_one():
    from publisher.clean import dates

    rng = random.Random(61)
    pieces = [*_DATE_LINES, "12/12/12", "5月3日", "年", "۱۴", "24", "1403", " ", "tin"]
    texts = _DATE_LINES + ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 4))) for _ in range(3000)]
    for text in texts:
        kept = dates._date_patterns(text)
        assert all(pattern in kept for pattern in dates._DATE_PATTERNS if pattern.search(text)), repr(text)


# Pieces of a text browser's lines: spaces of every kind, its bullets and marks, digits of two
# scripts, the openers of a list's item, words.
_DUMP_PIECES = [
    *_SPACES, "•", "◦", "▪", "●", "*", "+", "-", "–", "—", "#", "[", "]", "[12]", "[ảnh]", "3", "12", "٣", ".", ")",
    "Tin", "mới", "/", "x",
]


def test_a_dump_lines_marks_and_items_are_looked_for_only_where_its_first_character_may_open_them():
    from publisher.clean import wrapping

    rng = random.Random(41)
    for _ in range(6000):
        line = "".join(rng.choice(_DUMP_PIECES) for _ in range(rng.randint(1, 7)))
        previous = "".join(rng.choice(_DUMP_PIECES) for _ in range(rng.randint(0, 5)))
        long_item = bool(wrapping._NEW_ITEM.match(line)) or (
            bool(wrapping._NUMBERED_ITEM.match(line)) and bool(wrapping._SENTENCE_END.search(previous))
        )
        assert wrapping.starts_item(line, previous) == long_item, (line, previous)
        text = wrapping._PICTURE_MARKS.sub("", line) if "[" in line else line
        bullet = wrapping._BULLET.match(text)
        assert wrapping.without_marks(line) == (bullet.group(1) + text[bullet.end() :] if bullet else text), line
        long_bullet = bool(wrapping._BULLET.match(line)) and not line.lstrip().startswith(("*", "+"))
        assert wrapping.starts_with_bullet(line) == long_bullet, line
        after = "".join(rng.choice(_DUMP_PIECES) for _ in range(rng.randint(1, 3))).strip() or "x"
        glued = wrapping._BREAK_INSIDE_WORD.search(line[-2:])
        assert wrapping._joined(line, after) == (line + after if glued else f"{line} {after}"), (line, after)


def test_the_blocks_a_dump_line_is_measured_by_its_length_in_take_one_column_a_character():
    import unicodedata

    from publisher.clean.wrapping import _NARROW

    ranges = re.findall(r"(.)-(.)", _NARROW.pattern[1:-2])
    assert ("\u2500", "\u25fc") in ranges
    for low, high in ranges:
        for code in range(ord(low), ord(high) + 1):
            ch = chr(code)
            assert unicodedata.east_asian_width(ch) not in "WF" and not unicodedata.combining(ch), hex(code)


def _gutters_the_long_way(block):
    """columns._gutters as it was, asking every run of every row."""
    from itertools import accumulate

    from publisher.clean import columns

    if len(block) < columns._MIN_ROWS:
        return []
    width = max(run.end for row in block for run in row)
    changes = [0] * (width + 1)
    for row in block:
        for run in row:
            changes[run.start] += 1
            changes[run.end] -= 1
    covered = list(accumulate(changes))
    allowed = int(columns._CROSSINGS * len(block)) + 1
    cuts, column = [], min(run.start for row in block for run in row)
    while column < width:
        if covered[column] > allowed:
            column += 1
            continue
        gap_end = column
        while gap_end < width and covered[gap_end] <= allowed:
            gap_end += 1
        if gap_end < width and gap_end - column >= columns._MIN_GUTTER:
            cut = (column + gap_end) // 2
            both_sides = sum(1 for row in block if any(r.start < cut for r in row) and any(r.start >= cut for r in row))
            if both_sides >= columns._MIN_ROWS:
                cuts.append((column, cut))
        column = gap_end
    return cuts


def test_columns_are_found_from_each_rows_first_and_last_run_as_from_all_its_runs():
    from publisher.clean import columns

    rng = random.Random(43)
    cells = ["Tin mới", "Thể thao", "x", "中文", "Pháp luật hôm nay", "e\u0301", "•"]
    found = 0
    for _ in range(400):
        rows = []
        for _ in range(rng.randint(6, 14)):
            line = " " * rng.randint(0, 6)
            for _ in range(rng.randint(1, 4)):
                line += rng.choice(cells) + " " * rng.choice([1, 3, 5, 9])
            rows.append(line.rstrip())
        block = [columns._runs(line) for line in rows]
        assert columns._gutters(block) == _gutters_the_long_way(block), rows
        found += bool(columns._gutters(block))
    assert found  # some blocks had columns


def test_a_blocks_columns_are_counted_down_as_character_by_character():
    from publisher.clean.columns import _filled_columns

    rng = random.Random(47)
    for _ in range(500):
        block = ["".join(rng.choice([" ", " ", "a", "ễ", "-"]) for _ in range(rng.randint(0, 30))) for _ in range(rng.randint(1, 12))]
        filled = [0] * max(map(len, block))
        for line in block:
            for column, ch in enumerate(line):
                if ch != " ":
                    filled[column] += 1
        assert _filled_columns(block) == filled, block


def test_a_sentences_end_is_its_last_character_looked_up_as_each_stop_tried_as_its_ending():
    from publisher.clean.lines import _FINAL_PUNCTUATION, ends_sentence

    stops = tuple(sorted(_FINAL_PUNCTUATION))
    assert all(len(stop) == 1 for stop in stops)
    rng = random.Random(53)
    pieces = [*stops, "a", "Việt", " ", "...", "”.", "", "ค", "\u3000"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 4)))
        assert ends_sentence(text) == text.endswith(stops), text


def _cell_widths_the_long_way(lines, width, widths):
    """wrapping._cell_widths as it was: every line of the dump stepped through."""
    from publisher.clean import wrapping

    cells, block, in_cell = {}, [], False
    for index, line in enumerate([*lines, ""]):
        opens = "[" in line and bool(wrapping._PICTURE_MARKS.match(line.strip()))
        if opens or not line.strip():
            block_widths = [widths[i] for i in block]
            if len(block) >= 2 and max(block_widths) < width - wrapping._NEAR_WIDTH:
                cells.update(dict.fromkeys(block, max(block_widths)))
            block, in_cell = [], opens
        if in_cell and wrapping.without_marks(line).strip():
            block.append(index)
    return cells


def test_a_pictures_cell_is_looked_for_from_its_mark_on_as_line_by_line():
    from publisher.clean import wrapping

    rng = random.Random(59)
    pieces = ["[ảnh]", "  [x.jpg] ", "Chú thích ảnh", "a [b] c", "", " ", "\u3000", "• ", "[12]", "Người dân đổ về trung tâm"]
    found = 0
    for _ in range(2000):
        lines = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 3))) for _ in range(rng.randint(0, 14))]
        widths = [wrapping.display_width(line.rstrip()) for line in lines]
        for width in (40, 80):
            cells = wrapping._cell_widths(lines, width, widths)
            assert cells == _cell_widths_the_long_way(lines, width, widths), lines
            found += bool(cells)
    assert found


def test_a_dump_is_plainly_unwrapped_measuring_only_its_lines_longer_than_the_widest_width():
    from publisher.clean import wrapping

    rng = random.Random(61)
    pieces = ["Người dân đổ về trung tâm thành phố ", "人们", "e\u0301", "x" * 50, "   ", "Tin mới"]
    widest = wrapping._WIDTHS[-1]
    for _ in range(1000):
        lines = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 6))) for _ in range(rng.randint(0, 12))]
        lengths = [len(line.rstrip()) for line in lines]
        may_be_long = sum(length >= wrapping._MAY_BE_LONG for length in lengths)
        over = sum(1 for line in lines if len(line.rstrip()) > widest and wrapping.display_width(line.rstrip()) > widest)
        assert wrapping.plainly_unwrapped(lines) == (over > wrapping._OVER_WIDTH_SHARE * may_be_long), lines


def test_a_line_is_broken_before_a_word_told_first_by_the_lines_length_as_by_its_first_word():
    from publisher.clean import wrapping

    rng = random.Random(67)
    pieces = ["Người", "人们", "e\u0301", "x", " ", "  ", "\u3000", "dân", "COVID-", "12/"]
    for _ in range(5000):
        following = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 6))).strip() or "x"
        line_width, width = rng.randint(0, 90), rng.randint(20, 100)
        long_way = line_width + 1 + wrapping.display_width(following.split()[0]) >= width
        assert wrapping.broken_before(line_width, following, width) == long_way, (line_width, following, width)
        if wrapping.one_column_each(following):
            assert wrapping.broken_before(line_width, following, width, len) == long_way


def _read_columns_the_long_way(block, first_number, bounds):
    """columns._read_columns as it was: every column's every row joined, empty or not."""
    from publisher.clean import columns
    from publisher.clean.wrapping import display_width, starts_item, without_marks

    out = []
    for left, reach, edge in bounds:
        previous = None
        for offset, row in enumerate(block):
            parts = [run for run in row if left <= run.start < edge]
            text = "   ".join(without_marks(run.text).strip() for run in parts).strip()
            if not text:
                previous = None
                continue
            piece = columns._Run(parts[0].start, parts[-1].end, parts[-1].text)
            broken = previous is not None and previous.end + 1 + display_width(text.split()[0]) >= reach - columns._EDGE_SLACK
            if previous is not None and broken and not starts_item(parts[0].text, previous.text):
                number, joined = out[-1]
                out[-1] = (number, f"{joined} {text}")
            else:
                out.append((first_number + offset, text))
            previous = piece
        out.append((first_number + len(block) - 1, ""))
    return out


def test_columns_are_read_skipping_a_columns_empty_rows_as_the_long_way_reads_them():
    from publisher.clean import columns

    rng = random.Random(71)
    words = ["Tin", "mới", "Người dân", "人们", "[ảnh]", "• Thể", "1. Một", "COVID-", "đông.", "x"]
    for _ in range(300):
        rows = []
        for _ in range(rng.randint(8, 16)):
            left = " ".join(rng.choice(words) for _ in range(rng.randint(0, 4)))
            right = " ".join(rng.choice(words) for _ in range(rng.randint(0, 4)))
            rows.append(f"{left:<30}   {right}".rstrip() or "x")
        block = [columns._runs(line) for line in rows]
        for bounds in ([(-1, 30, 31), (31, 80, 81)], [(31, 80, 81), (-1, 30, 31)], [(-1, 28, 29)]):
            assert columns._read_columns(block, 5, bounds) == _read_columns_the_long_way(block, 5, bounds), rows


def test_mojibake_runs_are_found_and_repaired_as_ftfy_finds_and_repairs_them():
    from ftfy.chardata import UTF8_CLUES, UTF8_DETECTOR_RE
    from ftfy.fixes import decode_inconsistent_utf8

    from publisher.ingest import mojibake

    splitter = mojibake._run_splitter()
    assert splitter is not None  # ftfy's pattern is the one the splitter was written from
    rng = random.Random(43)
    # Leads of each length, continuations (the strict ones among them), spaces and letters,
    # and whole mis-read syllables, so that runs meet, overlap a lead or stop short.
    pieces = [*"".join(UTF8_CLUES[name][:12] for name in UTF8_CLUES), " ", "  ", "a", "Lao", "\n", "Ä\x90á»\x99ng"]
    pieces += ["á»", "Ã©", "â€™", "ð\x9f\x98\x80", "Ä‘", "á»\x99"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        found = [match.span() for match in UTF8_DETECTOR_RE.finditer(text)]
        spans, at = [], 0
        for index, piece in enumerate(splitter.split(text)):
            if index % 2:
                spans.append((at, at + len(piece)))
            at += len(piece)
        assert spans == found, text
        assert mojibake._repair_runs(text) == mojibake._repair_runs_by_ftfy_pattern(text) == decode_inconsistent_utf8(text), text
    assert mojibake._repair_runs("Ã©") == decode_inconsistent_utf8("Ã©")  # the whole text one run


# The fifth speed round's reading before the rules: each shortcut against the long way.


def _wrap_width_the_long_way(lines, widths):
    from collections import Counter
    from itertools import accumulate

    from publisher.clean import wrapping

    long = [width for width in widths if width >= wrapping._LONG]
    continued = [
        width for index, width in enumerate(widths[:-1])
        if width >= wrapping._LONG and lines[index + 1].strip() and not wrapping.starts_item(lines[index + 1], lines[index])
    ]
    if len(long) < wrapping._MIN_LONG_LINES or len(continued) < wrapping._MIN_CONTINUED:
        return None
    ends, all_ends = Counter(continued), Counter(long)
    up_to = list(accumulate(ends.get(column, 0) for column in range(wrapping._WIDTHS[-1] + 1)))
    all_up_to = list(accumulate(all_ends.get(column, 0) for column in range(wrapping._WIDTHS[-1] + 1)))
    best_width, best_share = None, 0.0
    for width in wrapping._WIDTHS:
        near = up_to[width] - up_to[width - wrapping._NEAR_WIDTH]
        over = len(long) - all_up_to[width]
        share = near / len(continued)
        if over <= wrapping._OVER_WIDTH_SHARE * len(long) and share > best_share:
            best_width, best_share = width, share
    return best_width if best_share >= wrapping._WRAPPED_SHARE else None


def test_the_wrap_width_among_the_widths_few_lines_pass_is_the_one_each_width_tried_finds():
    from publisher.clean import wrapping

    rng = random.Random(97)
    found = set()
    for _ in range(3000):
        # Lines ending near one or two widths, some far wider (a copy's unbroken paragraphs),
        # blank lines and items under them, in counts around the allowed few over a width.
        around = rng.sample([45, 58, 62, 72, 80, 100, 118, 121, 140], 2)
        lines = []
        for _ in range(rng.randint(0, 60)):
            kind = rng.random()
            if kind < 0.2:
                lines.append("")
            elif kind < 0.3:
                lines.append("• Tin " + "x" * rng.randint(0, 150))
            else:
                lines.append("a" * max(1, rng.choice(around) - rng.randint(0, 14)))
        widths = [wrapping.display_width(line.rstrip()) for line in lines]
        width = wrapping.wrap_width(lines, widths)
        assert width == _wrap_width_the_long_way(lines, widths), lines
        found.add(width)
    assert None in found and len(found) > 20  # wrapped and unwrapped dumps alike, at many widths


def test_a_blocks_runs_dealt_out_to_its_columns_are_read_as_the_long_way_reads_them():
    from publisher.clean import columns

    rng = random.Random(131)
    words = ["Tin", "mới", "Người dân", "人们", "[ảnh]", "• Thể", "1. Một", "COVID-", "đông.", "x", "xxxxxxxxxxxx"]
    for _ in range(300):
        rows = []
        for _ in range(rng.randint(8, 20)):
            cells = [" ".join(rng.choice(words) for _ in range(rng.randint(0, 3))) for _ in range(3)]
            rows.append(f"{cells[0]:<20}   {cells[1]:<20}   {cells[2]}".rstrip() or "x")
        block = [columns._runs(line) for line in rows]
        for bounds in (
            [(-1, 20, 21), (21, 43, 44), (44, 90, 91)],
            [(21, 43, 44), (44, 90, 91), (-1, 20, 21)],
            [(-1, 20, 21), (21, 43, 44)],  # the runs past the last column's edge in none
        ):
            assert columns._read_columns(block, 3, bounds) == _read_columns_the_long_way(block, 3, bounds), rows

def _topic_words_the_long_way(text: str) -> list[str]:
    return [word for word in re.findall(r"[^\W\d_]+", text) if len(word) >= 4]


def test_topic_words_are_the_runs_of_letters_the_long_way_keeps():
    from publisher.clean import title

    rng = random.Random(37)
    # Runs of three and four letters, digits and an underscore inside and between words,
    # numbers that are no digits (½, ²), combining marks, a dotted capital I, scripts
    # without spaces, punctuation.
    pieces = ["abc", "Abcd", "Việt", "Nam", "x1y2", "_", "½", "²", "e\u0301", "İstanbul", "ß", "文字報道", "\uff12\uff10", "-", " ", "'", ","]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        long_way = _topic_words_the_long_way(text)
        assert title._TOPIC_WORD.findall(text) == long_way, text
        assert title._words(text) == {word.casefold() for word in long_way}, text
        in_title_case = len(long_way) >= 4 and all(word[0].isupper() for word in long_way)
        assert title._in_title_case(text) == in_title_case, text


def test_a_lines_length_tells_the_climb_at_once_what_the_page_would_have_answered():
    from publisher.clean import title
    from publisher.clean.names import is_caps_byline
    from publisher.clean.shapes import is_attribution

    profiles = load_profiles()
    shared = profiles.common
    texts = [
        "Bão số 3 đổ bộ", "Share", "Chia sẻ", "Read more now", "Ba người chết", "Ảnh: Minh Anh",
        "By Jane Roe", "THANH HÀ", "12/05/2019 10:30", "Thứ Hai, 24/12/2012, 03:04 AM (GMT+7)",
        "Home › News › Politics", "Palm Bay 18 22 13 17 — 70", "A storm hits the coast. Here is why",
        "Mưa lớn kéo dài ở miền Trung khiến nhiều tuyến đường bị ngập sâu",
        " ".join(["word"] * 40), " ".join(["word"] * 41), "Photo by Jane Roe", "Theo TTXVN",
    ]
    lines = [Line.of_text(number, text) for number, text in enumerate(texts)]
    lines.append(Line(len(lines), "Bão số 3 đổ bộ vào miền Trung", kind="image"))
    low, high = title._HEADLINE_WORDS
    page = profiles.for_one_page().common
    for _ in range(2):  # the second time from the page's memory
        for line in lines:
            shaped = low <= line.words <= high and title._headline_shape_but_length(line, shared)
            assert title._could_be_headline(line, page) == shaped, line.text
            text = line.text
            between = (
                line.is_image or line.words <= title._WIDGET_WORDS or title._dates_a_story(text, shared)
                or title._photo_credit(text) or has_caption_cue(text, shared) or is_attribution(text, shared)
                or is_caps_byline(text)
            )
            assert title._between_headline_and_text(line, page) == between, line.text
    # Both told at once and both worked out: lines of three words and of forty and more.
    told = [title._could_be_headline(line, page) for line in lines]
    assert told.count(True) >= 3 and told.count(False) >= 3

def test_the_vietnamese_scores_words_found_by_splitting_are_the_patterns_words():
    from publisher.ingest.legacy import _SEPARATORS, _WORD, _words

    rng = random.Random(151)
    pieces = [*_SEPARATORS, *_SPACES, "\u2029", "\x0b", "Việt", "Chá»¯", "a", "1999", "“giá”", "x-y", "_", "·", "«", "\u200b"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 16)))
        assert _words(text) == _WORD.findall(text), repr(text)


def test_a_text_whose_letters_are_all_latin_is_told_its_language_as_the_long_way_tells_it():
    from publisher.clean import language

    rng = random.Random(157)
    # Latin letters, and what lies outside Latin's blocks but is no letter (quotes, dashes,
    # an ideographic space, superscript and fraction digits, Arabic-Indic digits), and letters
    # of other scripts, alone or a few among many Latin ones.
    pieces = ["a", "Việt", "the", "và", "của", "người", " ", "“", "”", "–", "…", "\u3000", "²", "½", "٣", "1", "_", "€"]
    pieces += ["東", "Ж", "\u0627", "ก", "ß", "ǿ", "ɐ", "ḁ"]  # the Arabic alef written as its code
    texts = ["", "abcdefghijk", "abcdefghijkl", "the and is of x²", "the and is of x٣", "“”–… 12 ²½", "the of and " * 3]
    texts += ["abcdefghijkl東", "東京都の人々は" * 3, "Привет, как дела", "สวัสดีครับ" * 3, "the 東京 of and is Ж" * 4]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 40))) for _ in range(3000)]
    texts += ["".join(rng.choice(pieces[-8:] + pieces[:3]) for _ in range(rng.randint(0, 40))) for _ in range(1000)]
    texts += [" ".join(rng.choice(pieces) for _ in range(rng.randint(0, 600))) for _ in range(100)]
    for text in texts:
        sample = text[: language._SAMPLE]
        letters = language._NOT_LETTERS.sub("", sample)
        all_latin = len(language._NON_LATIN.sub("", letters)) == len(letters)
        assert language._holds_non_latin_letter(sample) is not all_latin, repr(text)
        if all_latin:  # the long way: every letter counted, then the Latin ones
            expected = language._latin_language(sample) if len(letters) >= language._MIN_LETTERS else None
            assert language.language_of_text(text) == expected, repr(text)

# Time zones as pages print them, with and without a sign's digits beside them, and what
# only looks like one (a capital word, a range of numbers, a minus sign alone).
_ZONE_PIECES = [
    "GMT+7", "GMT + 7", "(GMT+07:00)", "UTC", "+07:00", "10:30-0500", "EST", "AKST", "ICT", "Gmt", "gmt+7", "BBC",
    "12 - 14", "-", "+", "2019", " ", "10:30", "x",
]


def test_a_zone_is_looked_for_only_where_its_sign_or_name_may_stand_with_the_same_date_line():
    from publisher.clean import dates

    rng = random.Random(71)
    pieces = [*_DATE_LINES, *_ZONE_PIECES]
    texts = _DATE_LINES + ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 5)))[:90] for _ in range(3000)]
    for text in texts:
        assert dates._ZONE.search(text) is None or dates._MAY_NAME_A_ZONE.search(text), repr(text)
        for month_first in (False, True):
            forget_dates()
            assert parse_date_line(text, month_first) == _date_line_the_long_way(text, month_first), repr(text)


def _split_date_the_long_way(text: str, month_first: bool = False):
    """``split_date`` as it was: each match's date line read before its label is asked for."""
    from publisher.clean import dates
    from publisher.model import PrintedDate

    if not dates._DIGIT.search(text):
        return None
    text = dates._MONTH_RUN_ON.sub(" ", text)
    for pattern in dates._DATE_PATTERNS:
        match = pattern.search(text)
        if match is None or match.start() == 0:
            continue
        label, printed = dates._label_before_date(text[: match.start()]), text[match.start() :].strip()
        if dates._TIME.search(label):
            return None
        found = parse_date_line(printed, month_first)
        if found is not None and label:
            return label, PrintedDate(found.value, dates._date_part(printed))
    return None


def test_a_glued_date_with_only_its_own_words_before_it_is_not_read_and_the_split_is_the_same():
    rng = random.Random(73)
    labels = ["Thứ Hai,", "Xã hội", "Tình yêu - Hôn nhân", "Theo Ngoisao |", "Cập nhật", "ngày", "Published:", "10:30 |"]
    pieces = [*_DATE_LINES, *labels, *_ZONE_PIECES[:4], "Star", " "]
    texts = _DATE_LINES + ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 4))) for _ in range(2000)]
    texts += ["Thứ Hai, 24/12/2012, 03:04 AM (GMT+7)", "Xã hội 16/01/2014 | 16:05", "ngày 21 tháng 11 năm 2016"]
    for text in texts:
        for month_first in (False, True):
            forget_dates()
            assert split_date(text, month_first) == _split_date_the_long_way(text, month_first), repr(text)


def test_a_head_line_without_a_digit_is_no_date_line_as_its_segments_say():
    from publisher.clean import head

    profile = load_profiles().common.for_one_page()
    texts = [
        *_DATE_LINES, "By Jane Roe", "Jane Roe | Reuters", "Posted by admin · 5 min read", "Hôm qua", "Xã hội",
        "By Jane Roe | Updated yesterday", "Theo VnExpress", "Sự kiện | Thời sự", "Tin mới nhất",
    ]
    for text in texts:
        forget_dates()
        date, credit, rest = head._split_segments(text, profile)
        long_way = None if date is None or len(rest.split()) > 6 else (date, credit)
        assert head.head_date(Line.of_text(1, text), profile) == long_way, repr(text)
        if not re.search(r"\d", text):
            assert date is None, repr(text)


def test_the_page_wide_words_stand_in_a_lines_key_wherever_they_stand_in_its_case_folded_text():
    import dataclasses

    from publisher.clean.lines import line_key
    from publisher.clean.profiles import _COOKIE_WORD_FOLDED

    profile = load_profiles().common
    assert profile._words_stand_in_keys
    unsubscribe_words, promotion_words = profile._folded_promotion_words
    words = [*_COOKIE_WORD_FOLDED, *profile._folded_paywall_phrases, *unsubscribe_words, *promotion_words]
    rng = random.Random(79)
    pieces = [
        *words, *(word.upper() for word in words), *(word.title() for word in words), *_SPACES, "•", "● ", " (5)", "[12]",
        ":", ".", "»", ">", "ß", "İ", "Kelvin \u212a", "tin", "x", "3",
    ]
    lines = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 6))) for _ in range(4000)]
    for line in lines:
        folded, key = line.casefold(), line_key(line)
        assert all(word in key for word in words if word in folded), repr(line)
    # The page's looks in its lines' keys: whatever line a rule would take, the look finds it.
    for _ in range(300):
        page = [Line.of_text(number, text) for number, text in enumerate(rng.sample(lines, 8), start=1)]
        keys = "\n".join(line.key for line in page)
        if any(profile.is_cookie_notice(line.text) for line in page):
            assert profile.may_hold_cookie_notice(keys)
        if any(profile.is_paywall_notice(line.text) for line in page):
            assert profile.may_hold_paywall_notice(keys)
        if any(profile.is_promotion(line.text) or profile.names_the_mail(line.text) for line in page):
            assert profile.may_hold_promotion(keys)
    # A word a key may not keep whole (a full stop at its end, two spaces): every page is looked through.
    for odd in (("subscribe now.",), ("read  on",), ("…read on",)):
        other = dataclasses.replace(profile, paywall_phrases=odd)
        assert not other._words_stand_in_keys
        assert other.may_hold_paywall_notice("") and other.may_hold_promotion("") and other.may_hold_cookie_notice("")


def test_a_dump_lines_bullet_is_cut_off_as_the_bullet_pattern_matches_it():
    import random
    import re

    from publisher.clean import wrapping

    bullet = re.compile(r"^(\s*)[•◦▪●*+]\s+")  # the long way: the pattern's match
    pieces = [" ", "  ", "\t", "\xa0", "\u3000", "\u2003", "•", "◦", "*", "+", "Tin", "mới", "x", "[ảnh]"]
    rng = random.Random(7)
    lines = ["•", "• ", " •\xa0Tin", "*bold*", "+84", "\u3000● mới", "  •   "]
    lines += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 6))) for _ in range(5000)]
    for line in lines:
        text = wrapping._PICTURE_MARKS.sub("", line) if "[" in line else line
        match = bullet.match(text)
        assert wrapping.without_marks(line) == (match.group(1) + text[match.end() :] if match else text), repr(line)


def test_the_wrap_width_counts_the_long_lines_a_line_goes_on_under_as_the_index_walk_does():
    import random

    from publisher.clean import wrapping

    def the_long_way(lines, widths):
        long = [width for width in widths if width >= wrapping._LONG]
        continued = [
            widths[index]
            for index in range(len(lines) - 1)
            if widths[index] >= wrapping._LONG
            and lines[index + 1].strip()
            and not wrapping.starts_item(lines[index + 1], lines[index])
        ]
        if len(long) < wrapping._MIN_LONG_LINES or len(continued) < wrapping._MIN_CONTINUED:
            return None
        allowed_over = int(wrapping._OVER_WIDTH_SHARE * len(long))
        best = None
        for width in wrapping._WIDTHS:  # each width tried: few enough long lines over it, most ending near it
            if sum(1 for line_width in long if line_width > width) > allowed_over:
                continue
            near = sum(1 for line_width in continued if width - wrapping._NEAR_WIDTH < line_width <= width)
            if best is None or near > best[0]:
                best = (near, width)
        if best is None or best[0] / len(continued) < wrapping._WRAPPED_SHARE:
            return None
        return best[1]

    rng = random.Random(11)
    openers = ["", "", "", "• ", "- ", "1. ", "12) ", "[3] "]
    wrapped = 0
    for _ in range(400):
        width = rng.choice((72, 80, 100))
        lines = []
        for _ in range(rng.randint(5, 40)):
            length = rng.choice((0, 0, rng.randint(1, 39), rng.randint(width - 12, width), rng.randint(40, 130)))
            line = (rng.choice(openers) + "chữ " * 40)[:length].rstrip(" ")
            lines.append(line + rng.choice(("", "", ".", " ")))
        widths = [wrapping.display_width(line.rstrip()) for line in lines]
        expected = the_long_way(lines, widths)
        wrapped += expected is not None
        assert wrapping.wrap_width(lines, widths) == expected, lines
    assert wrapped > 20  # the walk is put to the test on wrapped dumps, not only on refusals


def test_a_block_s_runs_are_made_where_its_lines_with_gaps_are_counted_the_long_way(monkeypatch):
    import random

    from publisher.clean import columns

    seen: list[int] = []

    def recording_gutters(block):
        seen.append(len(block))
        return []

    monkeypatch.setattr(columns, "_gutters", recording_gutters)
    monkeypatch.setattr(columns, "_widened_narrow_gutters", lambda block: None)
    rng = random.Random(5)
    rows = ["Tin mới", "Tin    mới", "   chữ   x", "chữ", "  •  Tin      mới  ", "x     y     z"]
    for _ in range(300):
        lines = [rng.choice([*rows, "", "  "]) for _ in range(rng.randint(5, 60))]
        seen.clear()
        columns.side_by_side(lines)
        # The long way: each block of lines with text, its lines holding a gap counted one by one.
        blocks, block = [], []
        for line in [*lines, ""]:
            if line.strip():
                block.append(line)
            elif block:
                blocks.append(block)
                block = []
        all_gaps = sum(len(columns._INNER_GAP.findall(line)) for line in lines)
        expected = [
            len(block) for block in blocks if sum(1 for line in block if columns._INNER_GAP.search(line)) >= columns._MIN_ROWS
        ]
        if "\n".join(lines).count("   ") < columns._MIN_ROWS or all_gaps < columns._MIN_ROWS:
            expected = []
        assert seen == expected, lines

def test_a_dump_line_made_whole_at_once_is_the_same_line():
    """``Line.of_text`` puts every field in the line's dictionary at once, then what it
    works out: the same fields, values and order as ``Line(number, text, hints=...)``."""
    rng = random.Random(83)
    pieces = ["Chủ tịch", "Hà Nội", "nói", "rằng", "(Theo VnExpress)", ".", "•", "  ", "12", "ข่าว", "ニュース", "…"]
    hints = [frozenset(), frozenset({"row"}), frozenset({"bullet"}), frozenset({"caption"})]
    for number in range(2000):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(1, 70)))
        hint = rng.choice(hints)
        quick, slow = Line.of_text(number, text, hint), Line(number, text, hints=hint)
        assert list(quick.__dict__.items()) == list(slow.__dict__.items()), text
        assert quick == slow and hash(quick) == hash(slow)


def test_a_line_under_six_words_is_no_prose_without_the_long_look():
    """``_is_prose`` answers a line shorter than a sentence at once: a paragraph's length and
    an unpunctuated script's prose both need more words than a sentence does."""
    from publisher.clean.lines import (
        _SENTENCE_MIN_WORDS,
        PARAGRAPH_MIN_WORDS,
        UNPUNCTUATED_PROSE_WORDS,
        _is_prose,
        ends_sentence,
        unpunctuated_prose,
    )

    def the_long_way(text: str, words: int) -> bool:
        if words >= _SENTENCE_MIN_WORDS and ends_sentence(text):
            return True
        return words >= PARAGRAPH_MIN_WORDS or unpunctuated_prose(text, words)

    assert min(PARAGRAPH_MIN_WORDS, UNPUNCTUATED_PROSE_WORDS) >= _SENTENCE_MIN_WORDS
    for text in ("Tin mới", "Ông nói.", "ข่าวการเมือง", "ข่าวการเมือง ", "“Trích dẫn”", "Hỏi?", "", "nhà…", "ຂ່າວ"):
        for words in range(0, 90):
            assert _is_prose(text, words) == the_long_way(text, words), (text, words)

def test_replies_titled_after_the_thread_counted_only_where_a_line_opens_as_a_reply():
    from publisher.clean.lines import line_key
    from publisher.clean.refusals import _before_comments, _replies_titled_after, _reply_title

    def long_way(title: str, lines: list[Line], profile) -> int:
        return sum(1 for line in _before_comments(lines, profile) if _reply_title(line.key, line_key(title)))

    profile = load_profiles().common
    titles = ["Best way to cross the bay", "Re: Best way to cross the bay"]
    pieces = [
        "Re: Best way to cross the bay", "RE : best way to cross the bay", "• Aw: Best way to cross the bay",
        "Trả lời: Best way to cross the bay", "Re: another thread", "Reply", "Related", "Tin liên quan",
        "The ferry leaves every hour from the north pier.", "Best way to cross the bay", "re:", "",
    ]
    rng = random.Random(83)
    counted = skipped = 0
    for _ in range(3000):
        lines = [Line.of_text(number, rng.choice(pieces)) for number in range(1, rng.randint(1, 12))]
        title = rng.choice(titles)
        quick = _replies_titled_after(title, lines, profile)
        assert quick == long_way(title, lines, profile), (title, [line.text for line in lines])
        counted += quick >= 2
        skipped += not any(line.key.startswith(("re", "aw", "trả")) for line in lines)
    assert counted > 100 and skipped > 100


def test_a_bare_credit_told_by_the_profiles_credit_openings_at_once():
    from publisher.clean.body import _CREDIT_LINE_WORDS, _has_inner_sentence, _is_bare_credit

    def long_way(line: Line, profile) -> bool:
        if line.kind != "text" or line.words > _CREDIT_LINE_WORDS or _has_inner_sentence(line.text):
            return False
        if any(line.text.startswith(f"{opener} ") for opener in profile.credit_openers):
            return True
        return any(cue.endswith(":") and line.text.startswith(cue) for cue in profile.caption_cues)

    profiles = load_profiles()
    rng = random.Random(89)
    for profile in (profiles.common, *profiles.sites):
        if not profile.credit_line_openings:
            continue  # a site's own profile that adds no opener or cue of its own
        pieces = [*profile.credit_openers, *profile.caption_cues, "Ảnh:", "Photo", "by", " ", ":", "Jane Roe", "Lê Hiếu"]
        told = 0
        for _ in range(2000):
            line = Line.of_text(1, "".join(rng.choice(pieces) for _ in range(rng.randint(1, 4))).strip() or "x")
            quick = _is_bare_credit(line, profile)
            told += quick
            assert quick == long_way(line, profile), repr(line.text)
        assert told > 100
