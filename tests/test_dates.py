"""Dates in every form news sites print them: numbers day first unless told otherwise,
months named in several languages, a time zone only where the page prints one."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from publisher.clean.dates import VIETNAM_TIME, find_date, parse_date_line, printed_zone, solar_hijri_day


def at(*parts: int) -> datetime:
    """A moment the page prints without a time zone: naive."""
    return datetime(*parts)


def ict(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=VIETNAM_TIME)


@pytest.mark.parametrize(
    ("printed", "moment"),
    [
        ("(21/11/2016 13:49)", at(2016, 11, 21, 13, 49)),
        ("Thứ Ba, 25/12/2012 - 10:03", at(2012, 12, 25, 10, 3)),
        ("16/12/2020 23:59 GMT+7", ict(2020, 12, 16, 23, 59)),
        ("15:20 PM | 21/12/2012", at(2012, 12, 21, 15, 20)),
        ("03:20 PM | 21/12/2012", at(2012, 12, 21, 15, 20)),
        ("12:05 AM | 01/02/2013", at(2013, 2, 1, 0, 5)),
        ("Thứ Hai, 24/12/2012, 03:04 AM (GMT+7)", ict(2012, 12, 24, 3, 4)),
        ("Thứ sáu, 8/2/2019, 17:08 (GMT+7)", ict(2019, 2, 8, 17, 8)),
        ("Thứ năm, 20/12/2012, 10:18 GMT+7", ict(2012, 12, 20, 10, 18)),
        ("Cập nhật thứ hai, ngày 24/12/12 11:05 tối", at(2012, 12, 24, 23, 5)),
        ("Cập nhật lúc 2:30 chiều, 05/03/2019", at(2019, 3, 5, 14, 30)),
        ("9:15 sáng 06.12.2016", at(2016, 12, 6, 9, 15)),
        ("10h30 ngày 5.3.2019", at(2019, 3, 5, 10, 30)),
        ("21-11-2016", at(2016, 11, 21)),
        ("ngày 21 tháng 11 năm 2016", at(2016, 11, 21)),
        ("Chủ Nhật, 06/12/2016 - 09:15", at(2016, 12, 6, 9, 15)),
        ("17/12/2020 09:32:25 (GMT +7)", ict(2020, 12, 17, 9, 32, 25)),
        ("Thứ Năm, 12 tháng 10, 2023 10:30", at(2023, 10, 12, 10, 30)),
        ("2023-10-12 10:30", at(2023, 10, 12, 10, 30)),
        ("November 18, 2019 | 4:10pm", at(2019, 11, 18, 16, 10)),
        ("Nov. 19, 2019", at(2019, 11, 19)),
        ("Published 18 November 2019", at(2019, 11, 18)),
        ("Tuesday 19 November 2019 15:02 GMT", datetime(2019, 11, 19, 15, 2, tzinfo=UTC)),
        ("5:45 AM PST 11/19/2019", datetime(2019, 11, 19, 5, 45, tzinfo=timezone(timedelta(hours=-8)))),
        ("19. November 2019 um 10:30 Uhr", at(2019, 11, 19, 10, 30)),
        ("19 de noviembre de 2019", at(2019, 11, 19)),
        ("le 19 novembre 2019 à 10:30", at(2019, 11, 19, 10, 30)),
        ("2019-11-19 08:57 +01:00", datetime(2019, 11, 19, 8, 57, tzinfo=timezone(timedelta(hours=1)))),
    ],
)
def test_printed_forms(printed, moment):
    found = parse_date_line(printed)
    assert found is not None, printed
    assert found.value == moment
    assert found.printed == printed.strip("()") if printed.startswith("(") else found.printed == printed


def test_day_first_even_when_month_first_would_fit():
    assert parse_date_line("03/04/2019").value == at(2019, 4, 3)


def test_month_first_when_asked_and_when_the_day_cannot_be_a_month():
    assert parse_date_line("03/04/2019", month_first=True).value == at(2019, 3, 4)
    assert parse_date_line("11/19/2019").value == at(2019, 11, 19)


def test_a_zone_only_where_one_is_printed():
    assert printed_zone("21/11/2016 13:49") is None
    assert printed_zone("Giai đoạn 2010-2015, 13:49") is None  # a year range is no offset
    assert printed_zone("13:49 (GMT+7)") == VIETNAM_TIME
    assert printed_zone("1:23 p.m. EDT") == timezone(timedelta(hours=-4))
    assert parse_date_line("21/11/2016").value.tzinfo is None


def test_impossible_dates_and_prose_are_not_date_lines():
    assert parse_date_line("32/13/2019") is None
    assert parse_date_line("Phiên bản 1.2.3 đã ra mắt") is None
    long_line = "Ngày 8/4/2013, Đảng ủy ban hành Nghị quyết số 12-NQ/ĐUK về nâng cao chất lượng học tập và quán triệt"
    assert parse_date_line(long_line) is None
    assert find_date(long_line).value == at(2013, 4, 8)


@pytest.mark.parametrize(
    ("printed", "moment"),
    [
        ("٣/٥/٢٠٢٤", at(2024, 5, 3)),  # Arabic-Indic digits  # noqa: RUF001 - digits of the script
        ("٣ مايو ٢٠٢٤", at(2024, 5, 3)),
        ("3 ماي 2024", at(2024, 5, 3)),  # the Maghreb's name
        ("3 اكتوبر 2024", at(2024, 10, 3)),  # without the hamza
        ("۳ مه ۲۰۲۴", at(2024, 5, 3)),  # Persian digits and month
        ("۳ مئی ۲۰۲۴", at(2024, 5, 3)),  # Urdu
        ("३ मई २०२४", at(2024, 5, 3)),  # Devanagari digits, Hindi month
        ("3 फ़रवरी 2024", at(2024, 2, 3)),  # the dotted letter in one code point
        ("3 फ़रवरी 2024", at(2024, 2, 3)),  # and as the letter and its dot
        ("৩ মে ২০২৪", at(2024, 5, 3)),  # Bengali
        ("๓ พฤษภาคม ๒๕๖๗", at(2024, 5, 3)),  # Thai digits, Buddhist era
        ("3 พ.ค. 2567 10:30 น.", at(2024, 5, 3, 10, 30)),
        ("วันที่ 3 พฤษภาคม พ.ศ. 2567", at(2024, 5, 3)),
        ("令和6年5月3日 10:30", at(2024, 5, 3, 10, 30)),
        ("平成31年4月30日", at(2019, 4, 30)),
        ("令和元年5月1日", at(2019, 5, 1)),
        ("２０２４年５月３日", at(2024, 5, 3)),  # full-width digits
        ("3 Μαΐου 2024, 10:30", at(2024, 5, 3, 10, 30)),
        ("3 ΜΑΪΟΥ 2024", at(2024, 5, 3)),  # capitals drop the accent
        ("3 במאי 2024", at(2024, 5, 3)),
        ("3 ינואר 2024", at(2024, 1, 3)),
        ("۱۴۰۳/۰۲/۱۴ - ۱۰:۳۰", at(2024, 5, 3, 10, 30)),  # Solar Hijri  # noqa: RUF001 - digits of the script
        ("۱۴ اردیبهشت ۱۴۰۳", at(2024, 5, 3)),
        ("30 اسفند 1403", at(2025, 3, 20)),  # a leap year's last day
    ],
)
def test_digits_calendars_and_months_of_other_scripts(printed, moment):
    found = parse_date_line(printed)
    assert found is not None, printed
    assert found.value == moment


@pytest.mark.parametrize(
    ("printed", "moment"),
    [
        ("19 noiembrie 2019", datetime(2019, 11, 19)),  # Romanian
        ("2019. november 19. 14:30", datetime(2019, 11, 19, 14, 30)),  # Hungarian, year first
        ("2019 m. lapkričio 19 d.", datetime(2019, 11, 19)),  # Lithuanian
        ("19. studenoga 2019.", datetime(2019, 11, 19)),  # Croatian
        ("19. novembra 2019", datetime(2019, 11, 19)),  # Serbian, Slovak
        ("19 lokakuuta 2019", datetime(2019, 10, 19)),  # Finnish
        ("19 augusti 2019", datetime(2019, 8, 19)),  # Swedish
        ("19 de novembre de 2019", datetime(2019, 11, 19)),  # Catalan
        ("19 Ogos 2019", datetime(2019, 8, 19)),  # Malay
        ("19 Nobyembre 2019", datetime(2019, 11, 19)),  # Tagalog
        ("19 октомври 2019", datetime(2019, 10, 19)),  # Bulgarian
        ("19. новембар 2019.", datetime(2019, 11, 19)),  # Serbian
        ("19 лістапада 2019", datetime(2019, 11, 19)),  # Belarusian
        ("19 listopada 2019", datetime(2019, 11, 19)),  # Polish's November, not Croatian's October
        ("2019/11/19 14:30", datetime(2019, 11, 19, 14, 30)),  # year first, as East Asian pages print it
        ("2019.11.19", datetime(2019, 11, 19)),
        ("19-Nov-2019", datetime(2019, 11, 19)),
        ("Pubblicato il 19 novembre 2019 alle 14:30", datetime(2019, 11, 19, 14, 30)),  # a date line's words
        ("Gepubliceerd op 19 november 2019 om 14:30", datetime(2019, 11, 19, 14, 30)),
        ("2019년 11월 19일 14시 30분 입력", datetime(2019, 11, 19, 14, 30)),  # hours and minutes in signs
        ("2019年11月19日 14時30分", datetime(2019, 11, 19, 14, 30)),
    ],
)
def test_months_of_more_languages_and_year_first_forms(printed, moment):
    found = find_date(printed)
    assert found is not None and found.value == moment, printed
    assert parse_date_line(printed) is not None


@pytest.mark.parametrize(
    "printed",
    [
        "in 2019 may 5 people came",
        "Version 2019.1.2.3",
        "2019/11/19/story-slug",
        "tel 2019-11-1234",
        "Il governo ha approvato il 19 novembre 2019 la legge",
    ],
)
def test_year_first_forms_need_their_marks(printed):
    assert parse_date_line(printed) is None


@pytest.mark.parametrize(
    "printed",
    [
        "平成31年5月3日",  # Heisei ended on 30 April 2019
        "令和元年4月30日",  # Reiwa began on 1 May 2019
        "30 اسفند 1402",  # not a leap year
        "۱۴۴۵/۱۰/۲۴ هـ",  # lunar Hijri: not converted  # noqa: RUF001 - digits of the script
        "1445/10/24",  # Latin digits print lunar Hijri dates too
        "1445-10-24",  # no Gregorian date of a news page
        "3 مه 1403",  # a Gregorian month with a Hijri year
        "3 hours ago",
        "3 ساعات مضت",
    ],
)
def test_no_date_rather_than_a_wrong_one(printed):
    assert find_date(printed) is None


def test_solar_hijri_new_years_and_leap_years():
    assert solar_hijri_day(1403, 1, 1) == date(2024, 3, 20)
    assert solar_hijri_day(1404, 1, 1) == date(2025, 3, 21)
    assert solar_hijri_day(1399, 12, 30) == date(2021, 3, 20)
    assert solar_hijri_day(1402, 10, 10) == date(2023, 12, 31)
    assert solar_hijri_day(1402, 7, 31) is None
