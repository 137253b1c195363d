"""Dates as Vietnamese news sites print them, always read day-first.

Recognised: ``(21/11/2016 13:49)``, ``Thứ Ba, 25/12/2012 - 10:03``,
``16/12/2020 23:59 GMT+7``, ``15:20 PM | 21/12/2012``, ``21-11-2016``,
``ngày 21 tháng 11 năm 2016``, ``21 tháng 11, 2016``, ``ngày 24/12/12 11:05 tối`` (two-digit
year, a time of day named in words), ``10h30 ngày 5.3.2019``, and year-first ISO dates
(``2016-11-21 13:49``), the one order that is never ambiguous.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from publisher.model import PrintedDate

VIETNAM_TIME = timezone(timedelta(hours=7), "ICT")

_NUMERIC_DATE = re.compile(r"(?<![\d/.-])(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})(?![\d/])")
_WORDED_DATE = re.compile(r"(?<!\d)(\d{1,2})\s+tháng\s+(\d{1,2})\s*(?:,|năm)\s*(\d{4})", re.IGNORECASE)
_ISO_DATE = re.compile(r"(?<![\d/.-])(\d{4})-(\d{2})-(\d{2})(?![\d/])")
_TIME = re.compile(
    r"(?<!\d)(\d{1,2})\s*(?::|h|g|giờ)\s*(\d{2})(?:\s*:\s*(\d{2}))?(?:\s*(AM|PM|SA|CH|sáng|trưa|chiều|tối|đêm)\b)?(?!\d)",
    re.I,
)
# Parts of the day printed after a 12-hour time, and how they move it onto the 24-hour clock.
_AFTERNOON = {"PM", "CH", "CHIỀU", "TỐI"}
# Words that may stand beside a date on its own line without making it prose.
_DATE_LINE_WORDS = re.compile(
    r"thứ|hai|ba|tư|năm|sáu|bảy|chủ|nhật|cn|gmt|utc|ict|cập|nhật|đăng|lúc|ngày|tháng|"
    r"năm|giờ|am|pm|sa|ch|sáng|trưa|chiều|tối|đêm|updated?|posted|published",
    re.IGNORECASE,
)


def find_date(text: str) -> PrintedDate | None:
    """The first day-first date (with its time, if printed) in ``text``."""
    match = _NUMERIC_DATE.search(text)
    if match:
        day, month, year = int(match.group(1)), int(match.group(3)), int(match.group(4))
    elif match := _WORDED_DATE.search(text):
        day, month, year = (int(group) for group in match.groups())
    elif match := _ISO_DATE.search(text):
        year, month, day = (int(group) for group in match.groups())
    else:
        return None
    if year < 100:
        year += 2000 if year < 70 else 1900
    hour = minute = second = 0
    time_match = _TIME.search(text[: match.start()] + " " * (match.end() - match.start()) + text[match.end() :])
    if time_match:
        hour, minute = int(time_match.group(1)), int(time_match.group(2))
        second = int(time_match.group(3) or 0)
        hour = _twenty_four_hour(hour, (time_match.group(4) or "").upper())
    try:
        value = datetime(year, month, day, hour, minute, second, tzinfo=VIETNAM_TIME)
    except ValueError:
        return None
    return PrintedDate(value=value, printed=_strip_brackets(text.strip()))


def _twenty_four_hour(hour: int, part_of_day: str) -> int:
    if part_of_day in _AFTERNOON and hour < 12:
        return hour + 12
    if part_of_day == "ĐÊM":
        return hour + 12 if 6 <= hour < 12 else (0 if hour == 12 else hour)
    if part_of_day == "TRƯA" and hour < 6:
        return hour + 12
    if part_of_day in ("AM", "SA", "SÁNG") and hour == 12:
        return 0
    return hour


def parse_date_line(line: str) -> PrintedDate | None:
    """A date when ``line`` is a date line (a date and little else), otherwise None."""
    if len(line) > 80:
        return None
    found = find_date(line)
    if found is None:
        return None
    rest = _NUMERIC_DATE.sub(" ", line)
    rest = _WORDED_DATE.sub(" ", rest)
    rest = _ISO_DATE.sub(" ", rest)
    rest = _TIME.sub(" ", rest)
    rest = _DATE_LINE_WORDS.sub(" ", rest)
    leftover_words = re.findall(r"\w{2,}", rest)
    return found if len(leftover_words) <= 2 else None


def _strip_brackets(text: str) -> str:
    if len(text) > 2 and text[0] in "([" and text[-1] in ")]":
        return text[1:-1].strip()
    return text


_WEEKDAYS_VI = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


def format_date_vi(value: datetime) -> str:
    """``Thứ Hai, 21/11/2016``."""
    return f"{_WEEKDAYS_VI[value.weekday()]}, {value.day:02d}/{value.month:02d}/{value.year}"


def format_datetime_vi(value: datetime) -> str:
    """``Thứ Hai, 21/11/2016, 13:49`` (the time only when one was printed)."""
    text = format_date_vi(value)
    if value.hour or value.minute:
        text += f", {value.hour:02d}:{value.minute:02d}"
    return text
