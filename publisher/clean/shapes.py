"""What a line looks like: prose, a caption, an attribution, an agency-prefixed lead.

Shared by the page rules; lengths are counted in syllables (a Vietnamese word is one to three).
"""

from __future__ import annotations

import re

from publisher.clean.dates import find_date, parse_date_line
from publisher.clean.lines import Line, unpunctuated_prose
from publisher.clean.names import (
    LABEL_BEFORE_NAMES,
    bracketed_uncased_names,
    looks_like_names,
    looks_like_uncased_names,
    name_before_reporter,
    split_authors,
    tidy_name,
)
from publisher.clean.profiles import SiteProfile
from publisher.model import AGENCY_PREFIX, PrintedDate

# Links to other stories set inside the text, opened by an arrow or a "read also" of some language.
RELATED_PREFIX = re.compile(
    r"^(?:>>|»|›|►|▶|\+\+)\s*|^(?:xem thêm|đọc thêm|tin liên quan|bài liên quan|tin cùng chủ đề|read more|see more|"
    r"related|also read|read also|also on \S+|more on this|lire aussi|à lire aussi|voir aussi|lesen sie auch|mehr zum thema|"
    r"leer más|lea también|ver también|leia mais|leia também|leggi anche)\s*[:>]",
    re.I,
)
def is_related_label(text: str) -> bool:
    """A related stories' label alone on its line (``Related news``, ``Xem thêm:``,
    ``Related coverage from ...:``): the words ``RELATED_PREFIX`` knows, the label whole
    or its first word."""
    label = text.rstrip(" :")
    return bool(RELATED_PREFIX.match(label + ":") or RELATED_PREFIX.match(label.split(" ", 1)[0] + ":"))


# Where a byline's names end and its date begins: "on ...", "|", a weekday, a month, digits.
# Whole names and their abbreviations only: "Jane", "Mark", "June" and "April" are names too.
_WEEKDAY_OR_MONTH = (
    r"(?:mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:rs|rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?|"
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|"
    r"nov(?:ember)?|dec(?:ember)?)"
)
_DATE_TAIL = re.compile(
    r"\s+(?:on|am|le|el|il|em|op|den|vom|ngày)\s+|\s*[|·•]\s*|\s*,?\s+(?=" + _WEEKDAY_OR_MONTH + r"\.?[\s,])|\s*,?\s+(?=\d)"
    # A name run into the date after it ("Jane Doe2 December 2026"): elements set side by side.
    r"|(?<=[^\W\d_])(?=\d)"
    # A name run into the month after it ("Jane DoeNovember 19, 2019"), and the word that
    # says which date follows ("Jane Doe Updated Nov. 19, 2019").
    r"|(?-i:(?<=[a-z])(?=[A-Z]))(?=" + _WEEKDAY_OR_MONTH + r"\.?\s+\d)"
    r"|\s+(?=(?:updated|published|posted|aktualisiert|actualizado|atualizado|aggiornato)\b)",
    re.I,
)
_TIME_OF_DAY = re.compile(r"\d{1,2}[:h]\d{2}")
_WEB_ADDRESS = re.compile(r"(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}/?", re.I)
# The world's wire services and picture libraries, as captions credit them.
PICTURE_AGENCIES = (
    r"AFP|AP|Reuters|Getty Images|Getty|EPA|EPA-EFE|EFE|dpa|Xinhua|ANSA|Anadolu|PA|PA Images|PA Wire|Bloomberg|"
    r"Shutterstock|iStock|iStockphoto|Alamy|Corbis|Sipa|Kyodo|Yonhap|AAP|Zuma|ZUMA Press|Keystone|NurPhoto|TASS"
)
# A picture's credit alone on a line: an agency, maybe after a "Photo:" of some language.
_AGENCY_CREDIT = re.compile(
    r"(?:(?:photo|photos|image|images|picture|pictures|foto|fotos|bild|ảnh)\s*:\s*)?(?:" + PICTURE_AGENCIES + r")"
    r"(?:\s+(?:file|photo|images?))?\.?",
    re.I,
)
_AGENCY_CREDIT_LENGTH = 40
# "Courtesy Google", "(Photo courtesy of NASA)", "Cortesía de ...": who lent the picture.
_COURTESY = re.compile(
    r"\(?(?:(?:photo|image|picture|video)s?\s+)?(?:courtesy|cortesía|cortesia|gentileza)\b", re.I
)
DATE_WINDOW = 8  # lines after the title that may hold its date
_CAPTION_MAX_WORDS = 45
# "... Ảnh: Lê Hiếu.", "... (Ảnh minh họa)", "... Ảnh Trọng Đức."
_CREDIT_AT_END = re.compile(
    r"[(.]\s*(?:(?:Ảnh|Nguồn ảnh)\s*:\s*[^.:]{2,50}|Ảnh\s+[A-ZĐ][^.:]{1,40}|Ảnh minh họa|Ảnh minh hoạ)\)?\.?$"
)
# A photo's credit in brackets at the end of a caption, as agencies write it in many
# languages: "(NASA via AP, File)", "(AP Photo/Evan Vucci)", "(Foto: dpa)", "(Photo : AFP)".
_BRACKETED_CREDIT = re.compile(r"\((?:[^()]*\b(?:photo|photos|foto|fotos|file|via|credit|crédit|image|bild)\b[^()]*)\)\.?$", re.I)
# A photographer's name, a slash and the agency or paper, at the very end: "(Joshua
# Roberts/Reuters)", "(Photo by Matt Sullivan/Getty Images)", "Jaafar ASHTIYEH / AFP". An
# agency's caption runs longer than others (place, date, what the event was): up to
# _CREDITED_CAPTION_MAX_WORDS words when it ends so.
_NAMED_CREDIT = re.compile(
    r"(?:\((?:Photo(?:graph)? by\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)+\s*/\s*[A-Z][^()/]{1,60}\)"
    r"|\s[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)+\s+/\s+[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})\.?$"
)
_CREDITED_CAPTION_MAX_WORDS = 90
# A wire service or picture library closing the brackets at a caption's end, after "via" or
# a photographer's name: "(ITV via AP)", "(AP Photo/Jane Roe)", "(Xinhua/Li Ming)".
_AGENCY_IN_BRACKETS = re.compile(
    r"\((?:[^()]*\b(?:via|photo)\s+)?(?:" + PICTURE_AGENCIES + r")(?:\s+Photo)?(?:/[^()]{1,60})?\)\.?$"
)


_CLOSING_QUOTES = "\"”’»'"
_OPENING_QUOTES = "\"“‘«'"
_STOPS = ".!?…"


def is_agency_credit(text: str) -> bool:
    """``Getty Images``, ``Photo: Reuters``, ``Courtesy Google``: a picture's credit, which
    names no writer (a writer is never credited "by courtesy" of anyone)."""
    text = text.strip()
    return (len(text) < _AGENCY_CREDIT_LENGTH and _AGENCY_CREDIT.fullmatch(text) is not None) or bool(_COURTESY.match(text))


def is_web_address(text: str) -> bool:
    """``vnexpress.net``, ``https://www.example.com/``: a site's address alone on a line."""
    return bool(_WEB_ADDRESS.fullmatch(text.strip()))


def is_quoted_headline(text: str) -> bool:
    """``Chủ tịch nước: ‘Lao động không về quê cần được quan tâm nhiều hơn’``, ``Minister:
    "We will not wait"``: one clause that ends with a quotation closed on a word, no stop
    inside it or anywhere before. A headline quotes that way; a sentence of the text puts
    its stop inside or after the closing quote (``... "a disaster".``)."""
    if len(text) < 3 or text[-1] not in _CLOSING_QUOTES or not text[-2].isalnum():
        return False
    opened = max(text.rfind(mark, 0, len(text) - 1) for mark in _OPENING_QUOTES)
    return opened > 0 and not any(stop in text for stop in _STOPS)


def is_unpunctuated_prose(line: Line) -> bool:
    return unpunctuated_prose(line.text, line.words)


def has_caption_cue(text: str, profile: SiteProfile) -> bool:
    """``Ảnh: ...`` and the like: a photo's caption or credit (captions are short)."""
    return profile.answer(_has_caption_cue, text)


def _has_caption_cue(text: str, profile: SiteProfile) -> bool:
    # Words counted up to one past the limit: a paragraph is not split into all its words.
    if len(text.split(None, _CAPTION_MAX_WORDS)) > _CAPTION_MAX_WORDS:
        if (")" in text[-3:] and _AGENCY_IN_BRACKETS.search(text)
                and len(text.split(None, _CREDITED_CAPTION_MAX_WORDS)) <= _CREDITED_CAPTION_MAX_WORDS):
            return True  # an agency's long caption ends with its credit in brackets: ``(ITV via AP)``
        return "/" in text[-70:] and _ends_with_named_credit(text)
    if text.startswith(("Ảnh:", "Ảnh minh họa", "Ảnh minh hoạ")):
        return True
    # Each credit pattern holds a word or a sign the text must hold first (the cheap look).
    if ("Ảnh" in text or "ảnh" in text) and _CREDIT_AT_END.search(text):
        return True
    if ")" in text[-3:] and _BRACKETED_CREDIT.search(text):
        return True
    if "/" in text[-70:] and _NAMED_CREDIT.search(text):
        return True
    return not text.endswith(".") and profile.caption_cue_pattern.search(text) is not None


def _ends_with_named_credit(text: str) -> bool:
    return len(text.split(None, _CREDITED_CAPTION_MAX_WORDS)) <= _CREDITED_CAPTION_MAX_WORDS and bool(_NAMED_CREDIT.search(text))


def has_agency_prefix(text: str, profile: SiteProfile) -> bool:
    match = AGENCY_PREFIX.match(text)
    if not match or match.end() >= len(text):
        return False
    name = (match.group("paren") or match.group("caps") or "").strip()
    return name in profile.agency_prefixes or bool(match.group("caps")) or bool(re.search(r"[-–—]\s*$", match.group(0)))


def is_attribution(text: str, profile: SiteProfile) -> bool:
    """A source or credit line: ``Theo TTXVN``, ``(Theo VnExpress)``, ``Bài và ảnh: Minh Anh``;
    or a byline in the article's language: ``By Jane Doe and John Roe``, ``Von Max Muster``."""
    return profile.answer(_is_attribution, text)


def _is_attribution(text: str, profile: SiteProfile) -> bool:
    text = unwrap(text)
    if is_byline(text, profile):
        return True
    if text.endswith(".") or len(text.split(None, 8)) > 8:
        return False
    return _attribution_label(text, profile) is not None


def is_byline(text: str, profile: SiteProfile) -> bool:
    """``By Jane Doe``, ``Posted by Jane Doe on November 19, 2019``, ``Por Ana Ruiz``: a
    byline word of some language, then names only (a date may follow them). Credits in
    parts (``Reporting by A; additional reporting by B; Editing by C``) are one byline."""
    return bool(_credits(text, profile))


def _credits(text: str, profile: SiteProfile) -> list[tuple[str, str]]:
    """The (label, names) parts of a byline, or nothing when ``text`` is none."""
    parts = []
    for segment in text.split(";"):
        segment = segment.strip()
        label = _byline_label(segment, profile)
        names = tidy_name(_without_date(segment[len(label) :])) if label is not None else ""
        if label is None:
            name = name_before_reporter(segment)
            if name is None:
                return []
            label, names = "", name
        elif not (looks_like_names(names) or looks_like_uncased_names(names)):
            return []
        parts.append((label, names))
    return parts


def byline_names(text: str, profile: SiteProfile) -> tuple[str, ...]:
    """The names a byline gives; a label with a colon goes (``Bài và ảnh:``), and so do a
    byline's words (``By``, ``Von``) and a date after the names; ``Theo ...`` stays as printed."""
    text = unwrap(text)
    if opens_with_a_button(text, profile):
        return ()
    if bracketed := bracketed_uncased_names(text):
        return bracketed
    if credits := _credits(text, profile):
        # The reporters, not the editors ("Editing by ...").
        reporters = [name for label, part in credits if not label.casefold().startswith("edit") for name in split_authors(part)]
        return _without_byline_words(tuple(dict.fromkeys(reporters)), profile)
    if (after_date := _byline_after_date(text, profile)) is not None:
        return byline_names(after_date, profile)
    label = _attribution_label(text, profile)
    if label is not None and label.endswith(":"):
        text = text[len(label) :].strip()
    elif label in profile.according_to_prefixes:
        rest = text[len(label) :].strip()
        if _WEB_ADDRESS.fullmatch(rest):
            return ()  # "Theo VietQ.vn": the story comes from a site; it names no author
        if _is_person(rest):
            # "Theo Vân Anh": according to a person, who is the author; "Theo TTXVN",
            # "Theo Ngoisao", "Theo Minh Nguyễn/Vcamp.vn" name a source, kept as printed.
            text = rest
    names = split_authors(text)
    # "Long Trần - Theo Trí Thức Trẻ": the name, then the paper it comes from.
    people = tuple(name for name in names if _attribution_label(name, profile) not in profile.according_to_prefixes)
    return _without_byline_words(people if people and len(people) < len(names) else names, profile)


_WORD_START = re.compile(r"(?<=\s)\S")


def _byline_after_date(text: str, profile: SiteProfile) -> str | None:
    """``5:45 AM PST 11/19/2019 by Jane Doe``: the byline after a date printed before it."""
    if not any(ch.isdigit() for ch in text):
        return None  # the cheap look first: no date, no byline after one
    for start in _WORD_START.finditer(text):
        rest = text[start.start() :]
        if _byline_label(rest, profile) is not None and _credits(rest, profile):
            before = text[: start.start()].strip()
            return rest if find_date(before) is not None or _TIME_OF_DAY.search(before) else None
    return None


def _without_byline_words(names: tuple[str, ...], profile: SiteProfile) -> tuple[str, ...]:
    """"By" alone names nobody: a byline's word, its names on another line or none."""
    words = {prefix.casefold().rstrip(" :") for prefix in profile.byline_prefixes}
    return tuple(name for name in names if name.casefold().rstrip(" :") not in words)


_BUTTON_WORDS = 3


def opens_with_a_button(text: str, profile: SiteProfile) -> bool:
    """``Email Me``, ``Share Tweet Submit``, ``Read More On ... By Clicking Here``: a line
    whose first words are a button's label the site furniture lists (``Email``, ``Share``,
    ``Read more``, ``Previous``) calls the reader to act, and names nobody."""
    words = text.split(None, _BUTTON_WORDS)
    return any(profile.is_chrome(" ".join(words[:count])) for count in range(1, min(len(words), _BUTTON_WORDS) + 1))


def credits_helpers(text: str, profile: SiteProfile) -> bool:
    """``Researchers: Jane Doe``, ``Contributing: John Roe``: names under a label that is
    neither a byline's (``By``, ``Author:``) nor a credit's (``Source:``, ``Bài và ảnh:``)
    credit those who helped, not the writers."""
    text = unwrap(text)
    labelled = LABEL_BEFORE_NAMES.match(text) is not None
    return labelled and _byline_label(text, profile) is None and _attribution_label(text, profile) is None


def is_bare_byline_word(text: str, profile: SiteProfile) -> bool:
    """``By`` on a line of its own (the names are a link on the next line)."""
    match = profile.byline_pattern.match(text + " ")
    return match is not None and len(match.group(1)) >= len(text.rstrip(": "))


def _is_person(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() and not w.isupper() and w.isalpha() for w in words)


def _byline_label(text: str, profile: SiteProfile) -> str | None:
    match = profile.byline_pattern.match(text)
    return match.group(1) if match else None


def _without_date(text: str) -> str:
    """The names of ``Jane Doe on November 19, 2019, 6:21 AM EST`` or ``Jane Doe | 4:10pm``."""
    found = find_date(text)
    if found is not None or _TIME_OF_DAY.search(text):
        # The date follows the names: never cut before the first name ("June Lee, Nov 18").
        cut = next((match.start() for match in _DATE_TAIL.finditer(text) if text[: match.start()].strip(" ,|·-–—")), None)
        text = text[:cut] if cut is not None else text
    return text.strip(" ,|·-–—")


def unwrap(text: str) -> str:
    """``(Theo VnExpress)`` -> ``Theo VnExpress``."""
    if len(text) > 2 and text[0] in "([" and text[-1] in ")]" and text.count("(") + text.count("[") == 1:
        return text[1:-1].strip()
    return text


def _attribution_label(text: str, profile: SiteProfile) -> str | None:
    if not text.startswith(profile.attribution_prefixes):
        return None  # most lines open with none of them: one look for all, not one each
    for label in profile.attribution_prefixes:
        if text.startswith(label) and (label.endswith(":") or text[len(label) : len(label) + 1] in (" ", "")):
            rest = text[len(label) :].strip()
            if label in profile.according_to_prefixes and rest[:1].islower():
                return None  # "Theo dõi ...", "theo đó": the verb, not "according to" a source
            return label
    return None


# A post's meta line (``October 15, 2018/0 Comments/in News /by admin``, ``12. März 2024 ·
# Lesezeit 3 Min.``): short segments parted by a slash, a bar or a dot, one of them a count
# no text prints alone: comments, views, the minutes it takes to read.
_META_SEPARATOR = re.compile(r"\s*[/|·•]\s*")
_NUMERIC_DATE = re.compile(r"\b\d{1,4}/\d{1,2}/\d{1,4}\b")  # 15/10/2018: one segment, not three
_META_COUNT = re.compile(
    r"(?:\d[\d.,]*\s*[kKM]?|no|keine|aucun|sin)\s+(?:comments?|replies|responses|views?|reads|kommentare?|aufrufe|"
    r"commentaires?|réactions|vues|comentarios?|comentários?|visitas|commenti|reacties|bình luận|ý kiến|lượt xem)"
    r"|(?:comments?|kommentare?|commentaires?|comentarios?|bình luận|views?|lượt xem)\s*:?\s*\(?\d[\d.,]*\)?"
    r"|\d+\s*(?:min(?:ute)?s?\.?|phút)\s*(?:read|reading|de lecture|de lectura|de leitura|di lettura|lesezeit|đọc)"
    r"|(?:reading time|lesezeit|lesedauer|temps de lecture|tiempo de lectura|tempo de leitura|tempo di lettura|leestijd|"
    r"thời gian đọc)\s*:?\s*\d+\s*(?:min(?:ute)?s?\.?|minuten|minutos|minuti|phút)",
    re.IGNORECASE,
)
# The section the post is filed in: "in News", "dans Actualités", "em Notícias".
_META_SECTION = re.compile(r"(?:in|im|en|em|dans)\s+\S+(?:\s+\S+){0,4}", re.IGNORECASE)
_META_NAME_WORDS = 4


def meta_line(text: str, profile: SiteProfile) -> tuple[PrintedDate | None, str | None] | None:
    """A post's meta line, every segment of it a date, a count, a section or a byline:
    its date and its byline (when it names people), else None. The count is what tells
    it from a line of the text or a menu: no sentence and no menu is made of such parts."""
    if not any(mark in text for mark in "/|·•"):
        return None  # the cheap look first: most lines have no separator
    masked = _NUMERIC_DATE.sub(lambda match: match.group(0).replace("/", "\0"), text)
    parts = [part.replace("\0", "/") for part in (piece.strip() for piece in _META_SEPARATOR.split(masked)) if part]
    if len(parts) < 2 or not any(_META_COUNT.fullmatch(part) for part in parts):
        return None
    date = credit = None
    for part in parts:
        if _META_COUNT.fullmatch(part) or _META_SECTION.fullmatch(part):
            continue
        if found := parse_date_line(part):
            date = date or found
        elif (label := profile.byline_pattern.match(part)) and 1 <= len(part[label.end() :].split()) <= _META_NAME_WORDS:
            # A site's user name ("by admin") is the line's byline but names no one.
            credit = credit or (part if is_attribution(part, profile) else None)
        else:
            return None
    return date, credit


# A gallery's counter: "Image 1 of 13", "Image 1 of / 13", "Foto 3 von 12", "1 / 13".
_GALLERY_COUNTER = re.compile(
    r"(?P<word>(?:image|photo|picture|slide|foto|bild|imagen|immagine|ảnh|hình|zdjęcie|фото)s?\s+)?"
    r"(?P<at>\d{1,3})(?P<of>\s*(?:of|von|de|di|sur|van|z|из|trên)\s*/?\s*|\s+/\s+|\s*/\s*)(?P<all>\d{1,3})",
    re.IGNORECASE,
)


def is_gallery_counter(text: str) -> bool:
    """A photo gallery's counter alone on its line: no line of the text. A bare
    ``1/13`` is a date as much: without a word for the picture or for "of", the slash is
    set apart by spaces (``1 / 13``)."""
    found = _GALLERY_COUNTER.fullmatch(text.strip())
    if found is None or not 1 <= int(found["at"]) <= int(found["all"]):
        return False
    return bool(found["word"]) or found["of"].strip() != "/" or found["of"] != found["of"].strip()


_COUNT_FIRST = re.compile(r"^\d[\d,.]*\s")


def starts_with_count(text: str) -> bool:
    return bool(_COUNT_FIRST.match(text))


def counts_under_headline(line: Line, title_key: str) -> bool:
    """``34 responses to “Headline”``, ``12 thoughts on “Headline”``: a comment box's
    header, a count and the headline quoted (a headline's own line has no count before it)."""
    return bool(title_key) and starts_with_count(line.text) and line.key != title_key and title_key in line.key
