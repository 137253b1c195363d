"""Dates as a reader of the publication's (or the article's) language writes them.

Vietnamese: ``Thứ Hai, 21/11/2016``; English ``Monday, 21 November 2016``; the other
languages the cleaner reads dates in, and the East Asian ones, in their own forms. A
language with no form here gets the ISO date (``2016-11-21``), which every reader reads.
The time is printed only when the source printed one (a moment at midnight has none).
"""

from __future__ import annotations

from datetime import datetime

from publisher.clean.dates import format_date_vi

_WEEKDAYS = {
    "en": "Monday Tuesday Wednesday Thursday Friday Saturday Sunday",
    "fr": "lundi mardi mercredi jeudi vendredi samedi dimanche",
    "de": "Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag",
    "es": "lunes martes miércoles jueves viernes sábado domingo",
    "pt": "segunda-feira terça-feira quarta-feira quinta-feira sexta-feira sábado domingo",
    "it": "lunedì martedì mercoledì giovedì venerdì sabato domenica",
}
_MONTHS = {
    "en": "January February March April May June July August September October November December",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "ru": "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
}
_PATTERNS = {
    "en": "{weekday}, {day} {month} {year}",
    "fr": "{weekday} {day} {month} {year}",
    "de": "{weekday}, {day}. {month} {year}",
    "es": "{weekday}, {day} de {month} de {year}",
    "pt": "{weekday}, {day} de {month} de {year}",
    "it": "{weekday} {day} {month} {year}",
    "ru": "{day} {month} {year} г.",  # noqa: RUF001 - Russian's abbreviation of year, in Cyrillic
    "ja": "{year}年{month_number}月{day}日",
    "zh": "{year}年{month_number}月{day}日",
    "ko": "{year}년 {month_number}월 {day}일",
}


def format_date(value: datetime, language: str) -> str:
    primary = language.split("-")[0].lower()
    if primary == "vi":
        return format_date_vi(value)
    pattern = _PATTERNS.get(primary)
    if pattern is None:
        return value.date().isoformat()
    weekdays = _WEEKDAYS.get(primary, "").split()
    months = _MONTHS.get(primary, "").split()
    return pattern.format(
        weekday=weekdays[value.weekday()] if weekdays else "",
        day=value.day,
        month=months[value.month - 1] if months else value.month,
        month_number=value.month,
        year=value.year,
    )


def format_datetime(value: datetime, language: str) -> str:
    """The date, and the time of day when one was printed."""
    text = format_date(value, language)
    if value.hour or value.minute:
        text += f", {value.hour:02d}:{value.minute:02d}"
    return text
