"""Dates as news sites print them: numbers read day-first unless told otherwise, and
months named in Vietnamese, English, French, German, Spanish, Portuguese or Italian.

Recognised: ``(21/11/2016 13:49)``, ``Thứ Ba, 25/12/2012 - 10:03``,
``16/12/2020 23:59 GMT+7``, ``15:20 PM | 21/12/2012``, ``21-11-2016``,
``ngày 21 tháng 11 năm 2016``, ``21 tháng 11, 2016``, ``ngày 24/12/12 11:05 tối`` (two-digit
year, a time of day named in words), ``10h30 ngày 5.3.2019``, ``November 18, 2019 | 4:10pm``,
``19 Nov 2019``, ``5:45 AM PST 11/19/2019`` (with ``month_first``), and year-first ISO dates
(``2016-11-21 13:49``), the one order that is never ambiguous.

A date has a time zone only when the text prints one (``GMT+7``, ``UTC``, ``+07:00``,
``ICT``, ``EST``...); otherwise its moment is naive, and a site profile that knows its
site's zone may give it one. Nothing here assumes where a page comes from.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from functools import lru_cache

from publisher.clean.alternation import alternation
from publisher.model import PrintedDate

VIETNAM_TIME = timezone(timedelta(hours=7), "ICT")

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "january jan janvier janv januar jän enero ene janeiro gennaio gen",
            "february feb février févr fevrier februar febrero fevereiro fev febbraio",
            "march mar mars märz marz marzo março marco",
            "april apr avril avr abril aprile",
            "may mai mayo maio maggio mag",
            "june jun juin juni junio junho giugno giu",
            "july jul juillet juil juli julio julho luglio lug",
            "august aug août aout agosto ago",
            "september sep sept septembre septiembre setembro settembre set",
            "october oct octobre oktober okt octubre outubro ottobre ott",
            "november nov novembre noviembre novembro",
            "december dec décembre decembre dezember dez diciembre dic dezembro dicembre",
        ),
        start=1,
    )
    for name in names.split()
}
# Months in more languages, whole names only (an abbreviation such as "mar" or "mei" is a
# word of other languages too): Dutch, Indonesian, Turkish, Polish and Czech (genitive, as
# dates print them), Russian and Ukrainian (nominative and genitive), Arabic (the Egyptian
# names and the Levantine ones), Thai and Khmer.
_MORE_MONTHS = (
    "januari januarie ocak stycznia styczeń ledna leden январь января січня جانفي يناير كانون_الثاني มกราคม មករា",
    "februari şubat lutego luty února únor февраль февраля лютого فبراير شباط กุมภาพันธ์ កុម្ភៈ",
    "maart maret mart marca marzec března březen март марта березня مارس آذار มีนาคม មីនា",
    "nisan kwietnia kwiecień dubna duben апрель апреля квітня أبريل إبريل نيسان เมษายน មេសា",
    "mei mayıs maja maj května květen мая травня مايو أيار พฤษภาคม ឧសភា",  # noqa: RUF001 - Turkish's dotless i
    "juni haziran czerwca czerwiec června červen июнь июня червня يونيو حزيران มิถุนายน មិថុនា",
    "juli temmuz lipca lipiec července červenec июль июля липня يوليو تموز กรกฎาคม កក្កដា",
    "augustus agustus ağustos sierpnia sierpień srpna srpen август августа серпня أغسطس آب สิงหาคม សីហា",
    "september eylül września wrzesień září сентябрь сентября вересня سبتمبر أيلول กันยายน កញ្ញា",
    "oktober ekim października październik října říjen октябрь октября жовтня أكتوبر تشرين_الأول ตุลาคม តុលា",
    "november kasım listopada listopad listopadu ноябрь ноября листопада نوفمبر تشرين_الثاني พฤศจิกายน វិច្ឆិកា",  # noqa: RUF001 - Turkish's dotless i
    "desember december aralık grudnia grudzień prosince prosinec декабрь декабря грудня ديسمبر كانون_الأول ธันวาคม ធ្នូ",  # noqa: RUF001 - Turkish's dotless i
)
for _number, _names in enumerate(_MORE_MONTHS, start=1):
    for _name in _names.split():
        # "maj" (May in Polish) stays out: a word of Vietnamese and a name in many languages.
        if _name != "maj":
            _MONTHS.setdefault(_name.replace("_", " "), _number)
# Thai dates count years in the Buddhist era, 543 ahead: no news page dates a story 2400-2700.
_BUDDHIST_ERA = range(2400, 2701)
_BUDDHIST_OFFSET = 543


_MONTH_NAME = r"(?P<month>" + alternation(_MONTHS) + r")\.?"
# "November 18, 2019", "Nov. 19 2019" / "19 November 2019", "19. November 2019", "19 de noviembre de 2019".
_MONTH_DAY_YEAR = re.compile(rf"(?<!\w){_MONTH_NAME}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})(?!\d)", re.I)
_DAY_MONTH_YEAR = re.compile(
    rf"(?<!\d)(?P<day>\d{{1,2}})(?:st|nd|rd|th|er|\.|º)?\s+(?:de\s+)?{_MONTH_NAME},?\s+(?:de\s+)?(?P<year>\d{{4}})(?!\d)", re.I
)
# Time zones a page prints after a time; the US and European abbreviations sites print most.
_ZONE_NAMES = {
    "UTC": 0, "GMT": 0, "ICT": 7, "WIB": 7, "SGT": 8, "HKT": 8, "JST": 9, "KST": 9, "IST": 5.5,
    "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
    "AKST": -9, "AKDT": -8, "HST": -10, "BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3, "WET": 0, "WEST": 1,
    "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13, "MSK": 3,
}
_ZONE = re.compile(
    r"(?:\b(?:GMT|UTC)\s*(?P<sign>[+-])\s*(?P<hours>\d{1,2})(?::?(?P<minutes>\d{2}))?)"
    r"|(?<=\d)\s?(?P<offset_sign>[+-])(?P<offset_hours>\d{2}):?(?P<offset_minutes>\d{2})\b"
    r"|\b(?P<name>" + "|".join(sorted(_ZONE_NAMES, key=len, reverse=True)) + r")\b"
)

# Every way of printing a date holds a digit: most lines hold none, and need no other look.
_DIGIT = re.compile(r"\d")
# And every way but day/month/year in numbers has a four-digit year.
_FOUR_DIGITS = re.compile(r"\d{4}")
_NUMERIC_DATE = re.compile(r"(?<![\d/.-])(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})(?![\d/])")
_WORDED_DATE = re.compile(r"(?<!\d)(\d{1,2})\s+tháng\s+(\d{1,2})\s*(?:,|năm)\s*(\d{4})", re.IGNORECASE)
_ISO_DATE = re.compile(r"(?<![\d/.-])(\d{4})-(\d{2})-(\d{2})(?![\d/])")
# Chinese, Japanese and Korean dates: "2026年12月2日", "2026년 12월 2일", year first.
_YEAR_MONTH_DAY_SIGNS = re.compile(r"(?<!\d)(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]")
# Every way of printing a date the module reads, in the order they are tried.
_DATE_PATTERNS = (_NUMERIC_DATE, _WORDED_DATE, _MONTH_DAY_YEAR, _DAY_MONTH_YEAR, _ISO_DATE, _YEAR_MONTH_DAY_SIGNS)
_TIME = re.compile(
    r"(?<!\d)(\d{1,2})\s*(?::|h|g|giờ)\s*(\d{2})(?:\s*:\s*(\d{2}))?(?:\s*(AM|PM|A\.M\.|P\.M\.|SA|CH|sáng|trưa|chiều|tối|đêm)(?!\w))?(?!\d)",
    re.I,
)
# Parts of the day printed after a 12-hour time, and how they move it onto the 24-hour clock.
_AFTERNOON = {"PM", "P.M.", "CH", "CHIỀU", "TỐI"}
# Words that may stand beside a date on its own line without making it prose.
_DATE_LINE_WORDS = re.compile(
    r"\b(?:thứ|hai|ba|tư|năm|sáu|bảy|chủ|nhật|cn|gmt|utc|ict|cập|nhật|đăng|lúc|ngày|tháng|"
    r"năm|giờ|am|pm|sa|ch|sáng|trưa|chiều|tối|đêm|updated?|posted|published|last|modified|on|at|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|"
    r"a\.m|p\.m|et|pt|ct|mt|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|le|mis|à|jour|publié|"
    r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|uhr|um|veröffentlicht|aktualisiert|am|"
    r"lunes|martes|miércoles|jueves|viernes|sábado|domingo|de|del|publicado|actualizado|a las|hs|h)\b\.?",
    re.IGNORECASE,
)

# A year run into the time after it ("Nov 19 20197:05 AM"): a page that sets the date and the
# time in elements of their own, read without the space its stylesheet draws between them.
_YEAR_RUN_INTO_TIME = re.compile(r"(?<!\d)((?:1[89]|2[01])\d\d)(?=\d{1,2}:\d\d(?!\d))")
# A month's name run into the word before it by a page's elements (``By Jane RoeDecember 2,
# 2026``, a byline's span and a date's span side by side): a capital after a small letter,
# a name of a month, and the day's number after it.
_MONTH_RUN_ON = re.compile(
    r"(?<=[a-zß-ÿ])(?=(?:"
    + alternation(m.capitalize() for m in _MONTHS if len(m) >= 3 and m.isalpha())
    + r")\.?\s+\d)"
)
# How long ago, printed beside the date ("1 day ago", "2 giờ trước", "vor 3 Stunden"): no
# words of a sentence. A digit run into a letter before it ("GMT1 day ago") is parted too.
_AGE = re.compile(
    r"(?<!\d)\d{1,3}\s*(?:(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago"
    r"|(?:giây|phút|giờ|ngày|tuần|tháng|năm)\s+trước)\b"
    r"|\bvor\s+\d{1,3}\s+(?:Sekunden|Minuten|Stunden|Tagen|Wochen|Monaten|Jahren)\b"
    r"|\bil\s+y\s+a\s+\d{1,3}\s+(?:secondes?|minutes?|heures?|jours?|semaines?|mois|ans?)\b"
    r"|\bhace\s+\d{1,3}\s+(?:segundos?|minutos?|horas?|días?|semanas?|meses|años?)\b",
    re.IGNORECASE,
)


def unglued(text: str) -> str:
    """``text`` with the parts of a date that a page's elements run together set apart: a
    year and the time after it, a time zone and the age after it (``GMT1 day ago``)."""
    text = _YEAR_RUN_INTO_TIME.sub(r"\1 ", text)
    text = _MONTH_RUN_ON.sub(" ", text)
    return _AGE.sub(lambda age: f" {age.group(0)}" if age.start() and text[age.start() - 1].isalpha() else age.group(0), text)


# The rules ask about the same lines again and again (is it a date line? a byline? a
# caption?): each answer is worked out once a page (``forget_dates``). A PrintedDate cannot
# be changed, so sharing one is safe.
@lru_cache(maxsize=8192)
def find_date(text: str, month_first: bool = False) -> PrintedDate | None:
    """The first date (with its time and time zone, if printed) in ``text``. Numbers are
    read day-first, or month-first with ``month_first`` (the United States' order) unless
    the first number cannot be a month."""
    if not _DIGIT.search(text):
        return None
    text = unglued(text)
    match = _NUMERIC_DATE.search(text)
    if match:
        day, month, year = int(match.group(1)), int(match.group(3)), int(match.group(4))
        if (month_first and day <= 12) or month > 12:
            day, month = month, day
    elif not _FOUR_DIGITS.search(text):
        return None
    elif match := _WORDED_DATE.search(text):
        day, month, year = (int(group) for group in match.groups())
    elif match := (_MONTH_DAY_YEAR.search(text) or _DAY_MONTH_YEAR.search(text)):
        day, month, year = int(match.group("day")), _MONTHS[match.group("month").lower()], int(match.group("year"))
    elif match := (_ISO_DATE.search(text) or _YEAR_MONTH_DAY_SIGNS.search(text)):
        year, month, day = (int(group) for group in match.groups())
    else:
        return None
    if year in _BUDDHIST_ERA:
        year -= _BUDDHIST_OFFSET
    if year < 100:
        year += 2000 if year < 70 else 1900
    hour = minute = second = 0
    time_match = _TIME.search(text[: match.start()] + " " * (match.end() - match.start()) + text[match.end() :])
    if time_match:
        hour, minute = int(time_match.group(1)), int(time_match.group(2))
        second = int(time_match.group(3) or 0)
        hour = _twenty_four_hour(hour, (time_match.group(4) or "").upper())
    try:
        value = datetime(year, month, day, hour, minute, second, tzinfo=printed_zone(text) if time_match else None)
    except ValueError:
        return None
    return PrintedDate(value=value, printed=_strip_brackets(text.strip()))


def forget_dates() -> None:
    """Forget the dates worked out so far, as each page is read: the memory is for one
    page's rules asking again, not for reading the same page twice (a benchmark's passes)."""
    find_date.cache_clear()
    parse_date_line.cache_clear()
    split_date.cache_clear()


def zone_from_offset(offset: str) -> timezone:
    """``+07:00`` (as a site profile gives its zone) as a time zone."""
    match = re.fullmatch(r"([+-])(\d{1,2}):?(\d{2})?", offset.strip())
    if match is None:
        raise ValueError(f"not a UTC offset: {offset!r}")
    delta = timedelta(hours=int(match.group(2)), minutes=int(match.group(3) or 0))
    return timezone(-delta if match.group(1) == "-" else delta)


def printed_zone(text: str) -> timezone | None:
    """The time zone ``text`` prints, if any."""
    for match in _ZONE.finditer(text):
        if match.group("name"):
            return timezone(timedelta(hours=_ZONE_NAMES[match.group("name")]))
        named = bool(match.group("sign"))
        sign = match.group("sign") if named else match.group("offset_sign")
        hours = match.group("hours") if named else match.group("offset_hours")
        minutes = match.group("minutes") if named else match.group("offset_minutes")
        offset = timedelta(hours=int(hours), minutes=int(minutes or 0))
        if offset <= timedelta(hours=14) and int(minutes or 0) < 60:
            return timezone(-offset if sign == "-" else offset)
    return None


@lru_cache(maxsize=8192)
def split_date(text: str, month_first: bool = False) -> tuple[str, PrintedDate] | None:
    """A label and the date line glued after it (``Xã hội 16/01/2014 | 16:05``,
    ``Tình yêu - Hôn nhân 26/03/2014 | 00:01``): the label, and the date as printed."""
    if not _DIGIT.search(text):
        return None
    text = _MONTH_RUN_ON.sub(" ", text)
    for pattern in _DATE_PATTERNS:
        match = pattern.search(text)
        if match is None or match.start() == 0:
            continue
        label, printed = _label_before_date(text[: match.start()]), text[match.start() :].strip()
        found = parse_date_line(printed, month_first)
        if found is not None and label:
            return label, PrintedDate(found.value, _date_part(printed))
    return None


def _date_part(text: str) -> str:
    """``text``, which opens with a date, to the end of its date, time and zone: words after
    them (``2019-11-18T20:51:19Z Science & Astronomy``) are no part of the date as printed."""
    patterns = (*_DATE_PATTERNS, _TIME, _ZONE)
    end = max((match.end() for pattern in patterns for match in pattern.finditer(text)), default=len(text))
    closing = re.match(r"[^\w\s]*\)", text[end:])  # "(19:14 GMT)" closes its bracket
    return text[: end + (closing.end() if closing else 0)].strip()


def _label_before_date(text: str) -> str:
    """``Đời sống Xã hội | Cập nhật thứ hai, ngày`` -> ``Đời sống Xã hội``: the label, without
    the words that belong to the date (a weekday, "updated", "ngày")."""
    segments = [segment.strip(" -–—,·") for segment in re.split(r"\s+[|·•]\s+|\s*\|\s*", text)]
    labels = [segment for segment in segments if re.search(r"[^\W\d_]{2,}", _DATE_LINE_WORDS.sub(" ", segment))]
    return " | ".join(labels)


def _twenty_four_hour(hour: int, part_of_day: str) -> int:
    if part_of_day in _AFTERNOON and hour < 12:
        return hour + 12
    if part_of_day == "ĐÊM":
        return hour + 12 if 6 <= hour < 12 else (0 if hour == 12 else hour)
    if part_of_day == "TRƯA" and hour < 6:
        return hour + 12
    if part_of_day in ("AM", "A.M.", "SA", "SÁNG") and hour == 12:
        return 0
    return hour


@lru_cache(maxsize=8192)
def parse_date_line(line: str, month_first: bool = False) -> PrintedDate | None:
    """A date when ``line`` is a date line (a date and little else), otherwise None."""
    if len(line) > 80:
        return None
    found = find_date(line, month_first)
    if found is None:
        return None
    rest = _AGE.sub(" ", unglued(line))
    for pattern in (*_DATE_PATTERNS, _TIME, _ZONE):
        rest = pattern.sub(" ", rest)
    rest = _DATE_LINE_WORDS.sub(" ", rest)
    leftover_words = [word for word in re.findall(r"\w{2,}", rest) if not word.isdigit()]
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
