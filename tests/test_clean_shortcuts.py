"""The cleaner's shortcuts (work skipped where a cheap look shows it would change nothing)
give what the long way gives. benchmarks/cleaning_snapshot.py checks the same on every
benchmark page; these check the shortcuts on the cases they skip and the cases they don't.
"""

from __future__ import annotations

import pytest

from publisher.clean.dates import find_date, forget_dates, parse_date_line, split_date
from publisher.clean.lines import Line


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
        ("Thứ Ba, ngày mười tháng mười hai", False),  # no digit: no date, looked no further
        ("Tin mới nhất hôm nay", False),
    ],
)
def test_the_digit_look_before_the_date_patterns(text, expected):
    forget_dates()
    assert (find_date(text) is not None) is expected
    assert (parse_date_line(text) is not None) is expected
    assert split_date("Xã hội " + text) is None or expected
