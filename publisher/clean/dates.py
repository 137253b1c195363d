"""Dates as news sites print them: numbers read day-first unless told otherwise, and
months named in Vietnamese, the languages of Western and Eastern Europe, Turkish, Russian
and its neighbours, Indonesian, Malay, Tagalog, Thai, Khmer, Arabic, Persian, Hindi,
Bengali, Greek and Hebrew (the lists below).

Recognised: ``(21/11/2016 13:49)``, ``Thứ Ba, 25/12/2012 - 10:03``,
``16/12/2020 23:59 GMT+7``, ``15:20 PM | 21/12/2012``, ``21-11-2016``,
``ngày 21 tháng 11 năm 2016``, ``21 tháng 11, 2016``, ``ngày 24/12/12 11:05 tối`` (two-digit
year, a time of day named in words), ``10h30 ngày 5.3.2019``, ``November 18, 2019 | 4:10pm``,
``19 Nov 2019``, ``5:45 AM PST 11/19/2019`` (with ``month_first``), and year-first ISO dates
(``2016-11-21 13:49``, ``2016/11/21``, ``2016.11.21``, ``2016. november 21.``), the one
order that is never ambiguous. Digits of any script are
digits (``٣ مايو ٢٠٢٤``, ``३ मई २०२४``, ``２０２４年５月３日``); Japanese era years
(``令和6年5月3日``), Thai Buddhist-era years (``3 พ.ค. 2567``) and Solar Hijri dates
(``۱۴۰۳/۰۲/۱۴``, ``۱۴ اردیبهشت ۱۴۰۳``) are turned into the Gregorian day they name.

A date has a time zone only when the text prints one (``GMT+7``, ``UTC``, ``+07:00``,
``ICT``, ``EST``...); otherwise its moment is naive, and a site profile that knows its
site's zone may give it one. Nothing here assumes where a page comes from.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date, datetime, timedelta, timezone
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
# And in the languages of Europe's east and north and of South-East Asia's islands, whole
# names as their dates print them (the genitive where a language has one): Romanian,
# Hungarian, Croatian, Serbian and Slovenian (Latin letters), Slovak, Finnish, Swedish,
# Estonian, Lithuanian, Catalan, Malay, Tagalog, then Bulgarian, Serbian and Macedonian, and
# Belarusian in Cyrillic. Croatian's October, ``listopada``, is Polish's November, read as
# Polish (the older list's name stands where two collide).
_EVEN_MORE_MONTHS = (
    "ianuarie január siječnja januara januarja januára tammikuuta jaanuar sausio gener julai enero "
    "януари јануар студзеня",
    "februarie február veljače februara februarja februára helmikuuta veebruar vasario febrer pebrero "
    "февруари фебруар лютага",
    "martie március ožujka marta marca maaliskuuta märts kovo març marso март сакавіка",
    "aprilie április travnja aprila apríla huhtikuuta aprill balandžio abril април красавіка",
    "május svibnja maja mája toukokuuta gegužės maig mayo мај",
    "iunie június lipnja juna junija júna kesäkuuta juuni birželio juny hunyo юни јун червеня",
    "iulie július srpnja jula julija júla heinäkuuta juuli liepos juliol hulyo юли јул ліпеня",
    "augusztus kolovoza avgusta augusta elokuuta augusti rugpjūčio agost ogos agosto август жніўня",
    "septembrie szeptember rujna septembra syyskuuta rugsėjo setembre setyembre септември септембар верасня",
    "octombrie október oktobra októbra lokakuuta oktoober spalio octubre oktubre октомври октобар "
    "кастрычніка",
    "noiembrie studenoga studenog novembra marraskuuta lapkričio novembre nobyembre ноември новембар лістапада",
    "decembrie prosinca decembra joulukuuta detsember gruodžio desembre disember disyembre декември децембар снежня",
)
# Gregorian months as news in other scripts print them: Arabic as the Maghreb prints them
# and without the hamza many sites leave out, Persian, Urdu, Hindi, Bengali, Greek (the
# genitive, as dates print them: "3 Μαΐου 2024"), Hebrew (also with the "in" a date puts
# before its month: "3 במאי 2024") and the abbreviations Thai dates print ("3 พ.ค. 2567").
_MONTHS_IN_OTHER_SCRIPTS = (
    "جانفي ژانویه جنوری जनवरी জানুয়ারি ιανουαρίου ינואר ม.ค.",
    "فيفري فبراير فوریه فروری फ़रवरी फरवरी ফেব্রুয়ারি φεβρουαρίου פברואר ก.พ.",
    "مارس مارچ मार्च মার্চ μαρτίου מרץ מרס מארס มี.ค.",
    "ابريل افريل أفريل آوریل اپریل अप्रैल এপ্রিল απριλίου אפריל เม.ย.",
    "ماي مه مئی मई মে μαΐου μαίου מאי พ.ค.",
    "يونيه يونية جوان ژوئن جون जून জুন ιουνίου יוני มิ.ย.",
    "يوليه يولية يوليوز جويلية ژوئیه جولائی जुलाई জুলাই ιουλίου יולי ก.ค.",
    "اغسطس غشت أوت اوت اگست अगस्त আগস্ট αυγούστου אוגוסט ส.ค.",
    "شتنبر سپتامبر ستمبر सितंबर सितम्बर সেপ্টেম্বর σεπτεμβρίου ספטמבר ก.ย.",
    "اكتوبر اکتبر اکتوبر अक्टूबर अक्तूबर অক্টোবর οκτωβρίου אוקטובר ต.ค.",
    "نونبر نوامبر نومبر नवंबर नवम्बर নভেম্বর νοεμβρίου נובמבר พ.ย.",
    "دجنبر دسامبر دسمبر दिसंबर दिसम्बर ডিসেম্বর δεκεμβρίου דצמבר ธ.ค.",
)
# Letters Unicode keeps in two spellings, one letter or the letter and its dot below (NFC
# takes the second): a page may print either.
_PRECOMPOSED = {unicodedata.normalize("NFD", chr(code)): chr(code) for code in (*range(0x958, 0x960), 0x9DC, 0x9DD, 0x9DF)}


def _spellings(name: str) -> set[str]:
    """``name`` as pages may print it: a Greek name also without its accents (headings in
    capitals drop them: ``ΜΑΪΟΥ``), a Hebrew one also after the "in" (``במאי``), an Indic
    one with its dotted letters in either of Unicode's spellings."""
    name = unicodedata.normalize("NFC", name)
    spellings = {name}
    if "\u0370" <= name[0] <= "\u03ff":
        spellings.add(unicodedata.normalize("NFC", unicodedata.normalize("NFD", name).replace("\u0301", "")))
    elif "\u05d0" <= name[0] <= "\u05ea":
        spellings.add("ב" + name)
    for decomposed, precomposed in _PRECOMPOSED.items():
        spellings |= {spelling.replace(decomposed, precomposed) for spelling in spellings}
    return spellings


for _number, _names in (*enumerate(_MORE_MONTHS, start=1), *enumerate(_EVEN_MORE_MONTHS, start=1)):
    for _name in _names.split():
        # "maj" (May in Polish) stays out: a word of Vietnamese and a name in many languages.
        if _name != "maj":
            _MONTHS.setdefault(_name.replace("_", " "), _number)
# These languages print the day first: their names are not looked for before a day.
_DAY_FIRST_MONTHS = {
    spelling: number
    for number, names in enumerate(_MONTHS_IN_OTHER_SCRIPTS, start=1)
    for name in names.split()
    for spelling in _spellings(name)
    if spelling not in _MONTHS
}
_MONTHS.update(_DAY_FIRST_MONTHS)
# Thai dates count years in the Buddhist era, 543 ahead: no news page dates a story 2400-2700.
_BUDDHIST_ERA = range(2400, 2701)
_BUDDHIST_OFFSET = 543
# Years of the Hijri calendars (the solar one is at 1403 in 2024, the lunar one at 1445): no
# news page dates a story 1300-1499 in the Gregorian one, and a Hijri year read as Gregorian
# gives a wrong date; one is read only where it is surely Solar Hijri (below), converted.
_HIJRI_YEARS = range(1300, 1500)
# Japanese eras: the Gregorian year before the era's first, and the era's first and last day.
_JAPANESE_ERAS = {
    "令和": (2018, date(2019, 5, 1), date.max),
    "平成": (1988, date(1989, 1, 8), date(2019, 4, 30)),
    "昭和": (1925, date(1926, 12, 25), date(1989, 1, 7)),
}
# Solar Hijri months (Iran's names), and the years where the calendar's 33-year leap cycles
# restart (Borkowski's arithmetic of the astronomical calendar, exact from year -61 to 3177).
_SOLAR_HIJRI_MONTHS = {
    name: number
    for number, name in enumerate(
        ("فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"), start=1
    )
}
_SOLAR_HIJRI_BREAKS = (
    -61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192, 2262, 2324, 2394, 2456, 3178,
)


_MONTH_NAME = r"(?P<month>" + alternation(_MONTHS) + r")\.?"
_MONTH_FIRST = r"(?P<month>" + alternation(name for name in _MONTHS if name not in _DAY_FIRST_MONTHS) + r")\.?"
# "November 18, 2019", "Nov. 19 2019" / "19 November 2019", "19. November 2019", "19 de noviembre de 2019".
_MONTH_DAY_YEAR = re.compile(rf"(?<!\w){_MONTH_FIRST}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})(?!\d)", re.I)
# Thai dates may name the era before the year: "พ.ศ." the Buddhist one, "ค.ศ." the Christian one.
# "19-Nov-2019" too, the form of some press rooms and logs.
_DAY_MONTH_YEAR = re.compile(
    rf"(?<!\d)(?P<day>\d{{1,2}})(?:st|nd|rd|th|er|\.|º)?(?:\s+|-)(?:de\s+)?{_MONTH_NAME}(?:,?\s+|-)"
    r"(?:de\s+|[พค]\.ศ\.\s*)?(?P<year>\d{4})(?!\d)",
    re.I,
)
# Year first, the year marked as one: Hungarian "2019. november 19.", Lithuanian "2019 m.
# lapkričio 19 d."; without the mark, "in 2019 may 5 ..." would be one.
_YEAR_MONTH_NAME_DAY = re.compile(
    rf"(?<!\d)(?P<year>\d{{4}})(?:\.|\s+m\.)\s+{_MONTH_NAME}\s+(?P<day>\d{{1,2}})(?!\d)", re.I
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
# What every time zone _ZONE finds holds: a sign before the hours' digits, or a zone's name
# (three or four capitals). Most date lines hold neither, and the pattern is tried at every
# character.
_MAY_NAME_A_ZONE = re.compile(r"[+-]\d|[A-Z]{3}")

# Every way of printing a date holds a digit: most lines hold none, and need no other look.
_DIGIT = re.compile(r"\d")
# And every way but day/month/year in numbers has a four-digit year.
_FOUR_DIGITS = re.compile(r"\d{4}")
_NUMERIC_DATE = re.compile(r"(?<![\d/.-])(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})(?![\d/])")
_WORDED_DATE = re.compile(r"(?<!\d)(\d{1,2})\s+tháng\s+(\d{1,2})\s*(?:,|năm)\s*(\d{4})", re.IGNORECASE)
# Year first, the one order that is never ambiguous: ISO's "2019-11-19", and "2019/11/19",
# "2019.11.19" as East Asian pages print it.
_ISO_DATE = re.compile(r"(?<![\d/.-])(?P<year>\d{4})([-/.])(?P<month>\d{1,2})\2(?P<day>\d{1,2})(?![\d/]|\.\d)")
# Chinese, Japanese and Korean dates: "2026年12月2日", "2026년 12월 2일", year first.
_YEAR_MONTH_DAY_SIGNS = re.compile(
    r"(?<!\d)(?P<year>\d{4})\s*[年년]\s*(?P<month>\d{1,2})\s*[月월]\s*(?P<day>\d{1,2})\s*[日일]"
)
# Japanese dates in an era's years: "令和6年5月3日", "平成元年" (its first year).
_JAPANESE_ERA_DATE = re.compile(
    r"(?P<era>" + "|".join(_JAPANESE_ERAS) + r")\s*(?P<year>\d{1,2}|元)\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日"
)
# Solar Hijri dates: a month of Iran's calendar named ("۱۴ اردیبهشت ۱۴۰۳"), or year first
# in the digits Persian prints (U+06F0-06F9: "۱۴۰۳/۰۲/۱۴"); Arabic's own digits and Latin
# ones print lunar Hijri dates the same way, and a lunar Hijri sign after one marks it.
_SOLAR_HIJRI_NAMED = re.compile(
    r"(?<!\d)(?P<day>\d{1,2})\s+(?P<month>" + alternation(_SOLAR_HIJRI_MONTHS) + r")\s+(?P<year>\d{4})(?!\d)"
)
_SOLAR_HIJRI_NUMBERS = re.compile(
    r"(?<![\d/.-])(?P<year>[\u06f0-\u06f9]{4})([/.-])(?P<month>[\u06f0-\u06f9]{1,2})\2(?P<day>[\u06f0-\u06f9]{1,2})(?![\d/])"
    # A lunar Hijri sign after it: heh and tatweel, heh (joiner, dot) qaf, Urdu's heh, qaf.
    r"(?!\s*(?:\u0647\u0640|\u0647\u200d?\.?\s*\u0642|\u06be|\u0642\b))"
)
# Both are printed in Arabic script: a line without it needs no look for them.
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff]")
# Every way of printing a date the module reads, in the order they are tried.
_DATE_PATTERNS = (
    _NUMERIC_DATE, _JAPANESE_ERA_DATE, _WORDED_DATE, _MONTH_DAY_YEAR, _DAY_MONTH_YEAR, _YEAR_MONTH_NAME_DAY,
    _SOLAR_HIJRI_NAMED, _SOLAR_HIJRI_NUMBERS, _ISO_DATE, _YEAR_MONTH_DAY_SIGNS,
)
_WITHOUT_ERA_OR_SOLAR_HIJRI = tuple(
    pattern for pattern in _DATE_PATTERNS if pattern not in (_JAPANESE_ERA_DATE, _SOLAR_HIJRI_NAMED, _SOLAR_HIJRI_NUMBERS)
)
_WITHOUT_ERA = tuple(pattern for pattern in _DATE_PATTERNS if pattern is not _JAPANESE_ERA_DATE)
_WITHOUT_SOLAR_HIJRI = tuple(pattern for pattern in _DATE_PATTERNS if pattern not in (_SOLAR_HIJRI_NAMED, _SOLAR_HIJRI_NUMBERS))
# The ways of printing a date without a year of four digits; every other holds one.
_WITHOUT_A_YEAR = (_NUMERIC_DATE, _JAPANESE_ERA_DATE)


def _date_patterns(text: str) -> tuple[re.Pattern[str], ...]:
    """The ways of printing a date ``text`` may hold: a Japanese era date needs a 年, a
    Solar Hijri one Arabic script, every way but a date in numbers and an era's date four
    digits in a row (a look for each costs a line without them time)."""
    era = "年" in text
    if _FOUR_DIGITS.search(text) is None:
        return _WITHOUT_A_YEAR if era else (_NUMERIC_DATE,)
    arabic = _ARABIC_SCRIPT.search(text) is not None
    if era and arabic:
        return _DATE_PATTERNS
    return _WITHOUT_SOLAR_HIJRI if era else _WITHOUT_ERA if arabic else _WITHOUT_ERA_OR_SOLAR_HIJRI
_TIME = re.compile(
    r"(?<!\d)(\d{1,2})\s*(?::|h|g|giờ|[時时시])\s*(\d{2})(?:\s*:\s*(\d{2}))?(?:\s*(AM|PM|A\.M\.|P\.M\.|SA|CH|sáng|trưa|chiều|tối|đêm)(?!\w))?(?!\d)",
    re.I,
)
# A time set with a full stop (``10.30 GMT``, ``10.30 Uhr``, ``10.30 WIB``), as British,
# German and Indonesian papers print it: only before a time zone, a clock's word or the
# line's end, since a number with a stop is as often a price or a count. Groups as _TIME's.
_DOTTED_TIME = re.compile(
    r"(?<![\d.])(\d{1,2})\.([0-5]\d)()(?:\s*(AM|PM|A\.M\.|P\.M\.)(?!\w))?"
    r"(?=\s*(?:GMT|UTC|BST|CET|CEST|WIB|WITA|WIT|Uhr|hrs|h\b)|\s*$)",
    re.I,
)
# Parts of the day printed after a 12-hour time, and how they move it onto the 24-hour clock.
_AFTERNOON = {"PM", "P.M.", "CH", "CHIỀU", "TỐI"}
# Words that may stand beside a date on its own line without making it prose; grouped by
# their first letters (``alternation``), as the months are: the pattern is tried at every
# word of a date line. No word is another's start with a word's end after it (``a`` and
# ``a las``), so which of two words is tried first finds the same.
_DATE_LINE_WORD_LIST = (
    "thứ", "hai", "ba", "tư", "năm", "sáu", "bảy", "chủ", "nhật", "cn", "gmt", "utc", "ict", "cập", "đăng", "lúc",
    "ngày", "tháng", "giờ", "am", "pm", "sa", "ch", "sáng", "trưa", "chiều", "tối", "đêm", "update", "updated",
    "posted", "published", "last", "modified", "on", "at", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "a.m", "p.m",
    "et", "pt", "ct", "mt", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "le", "mis",
    "à", "jour", "publié", "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "uhr",
    "um", "veröffentlicht", "aktualisiert", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado",
    "domingo", "de", "del", "publicado", "actualizado", "hs", "h", "pubblicato", "aggiornato", "il", "alle", "ore",
    "gepubliceerd", "bijgewerkt", "op", "om", "uur", "입력", "수정", "업데이트", "a las",
)
_DATE_LINE_WORDS = re.compile(rf"\b(?:{alternation(_DATE_LINE_WORD_LIST)})\b\.?", re.IGNORECASE)

# A year run into the time after it ("Nov 19 20197:05 AM"): a page that sets the date and the
# time in elements of their own, read without the space its stylesheet draws between them.
_YEAR_RUN_INTO_TIME = re.compile(r"(?<!\d)((?:1[89]|2[01])\d\d)(?=\d{1,2}:\d\d(?!\d))")
# A month's name run into the word before it by a page's elements (``By Jane RoeDecember 2,
# 2026``, a byline's span and a date's span side by side): a capital after a small letter,
# a name of a month, and the day's number after it.
_RUN_ON_MONTHS = [m.capitalize() for m in _MONTHS if len(m) >= 3 and m.isalpha() and m not in _DAY_FIRST_MONTHS]
_MONTH_RUN_ON = re.compile(r"(?<=[a-zß-ÿ])(?=(?:" + alternation(_RUN_ON_MONTHS) + r")\.?\s+\d)")
# A small letter, then the first letter of such a month: where _MONTH_RUN_ON may match, found
# by one quick look along the line (the pattern tries every month at every letter).
_MONTH_RUN_ON_START = re.compile("[a-zß-ÿ][" + "".join(sorted({re.escape(m[0]) for m in _RUN_ON_MONTHS})) + "]")
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


# What each _AGE match holds: one of its words, case-folded, or "il y a" before a number
# (looked for from its "y": the "i" is matched ignoring case by the dotted capital I and
# the dotless i, which fold otherwise). Most lines with a digit hold none, and the
# pattern tried at every character ignoring case costs.
_AGE_WORDS = ("ago", "trước", "vor", "hace")
_Y_A = re.compile(r"[yY]\s+[aA]\s+\d")


def _may_tell_an_age(text: str) -> bool:
    folded = text.casefold()
    return any(word in folded for word in _AGE_WORDS) or _Y_A.search(text) is not None


def unglued(text: str) -> str:
    """``text`` with the parts of a date that a page's elements run together set apart: a
    year and the time after it, a time zone and the age after it (``GMT1 day ago``)."""
    if ":" in text:  # the time after a year holds one
        text = _YEAR_RUN_INTO_TIME.sub(r"\1 ", text)
    if _MONTH_RUN_ON_START.search(text):
        text = _MONTH_RUN_ON.sub(" ", text)
    if not _may_tell_an_age(text):
        return text
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
    return _date_in_unglued(unglued(text), month_first)


def _date_in_unglued(text: str, month_first: bool) -> PrintedDate | None:
    """``find_date`` of a text with a digit, its parts already set apart (``unglued``)."""
    found = _printed_day(text, month_first)
    if found is None:
        return None
    match, day_printed = found
    hour = minute = second = 0
    undated = text[: match.start()] + " " * (match.end() - match.start()) + text[match.end() :]
    time_match = _TIME.search(undated) or _DOTTED_TIME.search(undated)
    if time_match:
        hour, minute = int(time_match.group(1)), int(time_match.group(2))
        second = int(time_match.group(3) or 0)
        hour = _twenty_four_hour(hour, (time_match.group(4) or "").upper())
    try:
        value = datetime(
            day_printed.year, day_printed.month, day_printed.day, hour, minute, second,
            tzinfo=printed_zone(text) if time_match else None,
        )
    except ValueError:
        return None
    return PrintedDate(value=value, printed=_strip_brackets(text.strip()))


def _printed_day(text: str, month_first: bool) -> tuple[re.Match[str], date] | None:
    """The first day ``text`` prints, in the Gregorian calendar, and where it is printed."""
    match = _NUMERIC_DATE.search(text)
    if match:
        day, month, year = int(match.group(1)), int(match.group(3)), int(match.group(4))
        if (month_first and day <= 12) or month > 12:
            day, month = month, day
    elif "年" in text and (match := _JAPANESE_ERA_DATE.search(text)):
        return _day_or_none(match, _japanese_era_day(match))
    elif not _FOUR_DIGITS.search(text):
        return None
    elif match := _WORDED_DATE.search(text):
        day, month, year = (int(group) for group in match.groups())
    elif match := (_MONTH_DAY_YEAR.search(text) or _DAY_MONTH_YEAR.search(text) or _YEAR_MONTH_NAME_DAY.search(text)):
        day, month, year = int(match.group("day")), _MONTHS[match.group("month").lower()], int(match.group("year"))
    elif _ARABIC_SCRIPT.search(text) and (match := (_SOLAR_HIJRI_NAMED.search(text) or _SOLAR_HIJRI_NUMBERS.search(text))):
        month_printed = match.group("month")
        month = _SOLAR_HIJRI_MONTHS.get(month_printed) or int(month_printed)
        return _day_or_none(match, solar_hijri_day(int(match.group("year")), month, int(match.group("day"))))
    elif match := (_ISO_DATE.search(text) or _YEAR_MONTH_DAY_SIGNS.search(text)):
        year, month, day = int(match.group("year")), int(match.group("month")), int(match.group("day"))
    else:
        return None
    if year in _BUDDHIST_ERA:
        year -= _BUDDHIST_OFFSET
    if year < 100:
        year += 2000 if year < 70 else 1900
    if year in _HIJRI_YEARS:
        return None
    try:
        return match, date(year, month, day)
    except ValueError:
        return None


def _day_or_none(match: re.Match[str], day: date | None) -> tuple[re.Match[str], date] | None:
    return None if day is None else (match, day)


def _japanese_era_day(match: re.Match[str]) -> date | None:
    """The day a Japanese era date names, if it is a day of that era."""
    years_before, first_day, last_day = _JAPANESE_ERAS[match.group("era")]
    year_of_era = 1 if match.group("year") == "元" else int(match.group("year"))
    try:
        day = date(years_before + year_of_era, int(match.group("month")), int(match.group("day")))
    except ValueError:
        return None
    return day if year_of_era >= 1 and first_day <= day <= last_day else None


def solar_hijri_day(year: int, month: int, day: int) -> date | None:
    """The Gregorian day of a Solar Hijri date (``1403, 2, 14`` is 3 May 2024), if it is a
    day of that calendar: months 1-6 have 31 days, 7-11 have 30, the last 29, or 30 in a
    leap year."""
    if year not in _HIJRI_YEARS or not 1 <= month <= 12 or day < 1:
        return None
    new_year, leap = _solar_hijri_new_year(year)
    month_length = 31 if month <= 6 else 30 if month <= 11 or leap else 29
    if day > month_length:
        return None
    days_before_month = (month - 1) * 31 if month <= 7 else 186 + (month - 7) * 30
    return new_year + timedelta(days=days_before_month + day - 1)


def _solar_hijri_new_year(year: int) -> tuple[date, bool]:
    """The Gregorian day of Nowruz (the first day) of Solar Hijri ``year``, and whether the
    year is a leap year (Borkowski's algorithm, as the jalaali libraries compute it)."""
    leap_days = -14
    cycle_start = _SOLAR_HIJRI_BREAKS[0]
    jump = 0
    for cycle_end in _SOLAR_HIJRI_BREAKS[1:]:
        jump = cycle_end - cycle_start
        if year < cycle_end:
            break
        leap_days += jump // 33 * 8 + jump % 33 // 4
        cycle_start = cycle_end
    years_into_cycle = year - cycle_start
    leap_days += years_into_cycle // 33 * 8 + (years_into_cycle % 33 + 3) // 4
    if jump % 33 == 4 and jump - years_into_cycle == 4:
        leap_days += 1
    gregorian_year = year + 621
    gregorian_leap_days = gregorian_year // 4 - (gregorian_year // 100 + 1) * 3 // 4 - 150
    if jump - years_into_cycle < 6:
        years_into_cycle = years_into_cycle - jump + (jump + 4) // 33 * 33
    place_in_leap_cycle = (years_into_cycle + 1) % 33 - 1
    leap = place_in_leap_cycle != -1 and place_in_leap_cycle % 4 == 0
    return date(gregorian_year, 3, 20 + leap_days - gregorian_leap_days), leap


_DATE_LINE_CHARS = 80  # a date line's length at most (``parse_date_line``)


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
    if _MONTH_RUN_ON_START.search(text):
        text = _MONTH_RUN_ON.sub(" ", text)
    patterns = _date_patterns(text)
    # A date line is at most _DATE_LINE_CHARS long (``parse_date_line``): a date starting
    # further from the end starts none. Where no pattern matches in the line's tail (a
    # paragraph's, most often), it holds no date line glued on, and is not searched whole.
    tail = _date_line_tail(text)
    if tail > 0 and not any(pattern.search(text, tail) for pattern in patterns):
        return None
    for pattern in patterns:
        match = pattern.search(text)
        if match is None or match.start() == 0:
            continue
        label = _label_before_date(text[: match.start()])
        if not label:
            continue  # only the date's own words before it (``Thứ Hai, 24/12/2012``): no label glued on
        if _TIME.search(label):
            return None  # the time before the date (``Published: 10:30 AM EST December 2, 2026``): one date line
        printed = text[match.start() :].strip()
        found = parse_date_line(printed, month_first)
        if found is not None:
            return label, PrintedDate(found.value, _date_part(printed))
    return None


def _date_line_tail(text: str) -> int:
    """Where a date line at the end of ``text`` may start: from any place before it, the
    rest of the line, stripped, is longer than a date line (``parse_date_line``)."""
    tail = max(0, len(text.rstrip()) - _DATE_LINE_CHARS)
    while tail > 0 and text[tail - 1].isspace():
        tail -= 1
    return tail


def _date_part(text: str) -> str:
    """``text``, which opens with a date, to the end of its date, time and zone: words after
    them (``2019-11-18T20:51:19Z Science & Astronomy``) are no part of the date as printed."""
    patterns = (*_date_patterns(text), _TIME, _ZONE)
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


def numbers_order(texts: Iterable[str]) -> str | None:
    """The order a page prints its dates in numbers, told by the ones that can be read one
    way only: ``month_first`` where a second number above 12 stands (``11/19/2019``),
    ``day_first`` where a first one does (``19/11/2019``), None where none does or both do."""
    orders = set()
    for text in texts:
        if not _DIGIT.search(text):
            continue
        for match in _NUMERIC_DATE.finditer(text):
            first, second = int(match.group(1)), int(match.group(3))
            if first > 12 >= second:
                orders.add("day_first")
            elif second > 12 >= first:
                orders.add("month_first")
    return orders.pop() if len(orders) == 1 else None


def in_page_order(found: PrintedDate, page_texts: Iterable[str], meta: PrintedDate | None) -> PrintedDate:
    """A date printed in numbers that can be read both ways (``12/02/2026``), read in the
    page's own order: the metadata's day where it is one of the two readings, else the
    order of the page's other dates (``numbers_order``); day-first where neither tells."""
    match = _NUMERIC_DATE.search(found.printed)
    if match is None or int(match.group(1)) > 12 or int(match.group(3)) > 12 or match.group(1) == match.group(3):
        return found
    swapped = find_date(found.printed, month_first=True)
    if swapped is None or swapped.value.date() == found.value.date():
        return found
    if meta is not None:
        if meta.value.date() == swapped.value.date():
            return PrintedDate(value=swapped.value, printed=found.printed)
        if meta.value.date() == found.value.date():
            return found
    month_first = numbers_order(page_texts) == "month_first"  # looked for only here: most dates are not in doubt
    return PrintedDate(value=swapped.value, printed=found.printed) if month_first else found


@lru_cache(maxsize=8192)
def parse_date_line(line: str, month_first: bool = False) -> PrintedDate | None:
    """A date when ``line`` is a date line (a date and little else), otherwise None."""
    if len(line) > _DATE_LINE_CHARS or not _DIGIT.search(line):
        return None
    # The date and what is left beside it, both read from the line with its parts set apart.
    rest = unglued(line)
    found = _date_in_unglued(rest, month_first)
    if found is None:
        return None
    if _may_tell_an_age(rest):
        rest = _AGE.sub(" ", rest)
    for pattern in _date_patterns(rest):
        # Blanking a date out leaves no four digits that were not there: once none are
        # left (a date in numbers blanked out), no pattern that needs a year can match.
        if pattern in _WITHOUT_A_YEAR or _FOUR_DIGITS.search(rest):
            rest = pattern.sub(" ", rest)
    rest = _TIME.sub(" ", rest)
    if _MAY_NAME_A_ZONE.search(rest):
        rest = _ZONE.sub(" ", rest)
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
