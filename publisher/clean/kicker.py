"""A kicker line without the site furniture a copy prints with it.

A page dump or a browser copy prints the breadcrumb as text: its home link ("Trang chủ",
"Home"), a "back" link, brackets, the day of the week glued on, two crumbs glued into one
word; and above the headline stand a search box's label and the site's host name. A wrong
kicker printed above a headline is worse than none, so what is only furniture gives none.
"""

from __future__ import annotations

import re

from publisher.clean.alternation import alternation

# A breadcrumb's first link, the site's home page, in the languages the cleaner reads.
_ROOTS = (
    "trang chủ", "trang nhất", "home", "homepage", "home page", "startseite", "accueil", "inicio", "portada",
    "página inicial", "início", "pagina iniziale", "главная", "首页", "ホーム", "홈", "หน้าแรก",
    # Polish, Turkish, Indonesian, Malay, Hungarian, Czech, Romanian, Swedish, Danish and
    # Norwegian, Finnish, Dutch, Ukrainian, Greek, Arabic, Persian, Hebrew, Hindi, Bengali,
    # Chinese (traditional), Japanese, Khmer
    "strona główna", "ana sayfa", "beranda", "laman utama", "címlap", "főoldal", "úvod", "hlavní stránka",
    "acasă", "startsida", "forside", "etusivu", "voorpagina", "головна", "αρχική", "الرئيسية", "الصفحة الرئيسية",
    "صفحه اصلی", "ראשי", "דף הבית", "होम", "मुख्य पृष्ठ", "হোম", "প্রচ্ছদ", "首頁", "トップ", "ទំព័រដើម",
)
# A link back to where the reader came from.
_BACK = ("quay lại", "trở lại", "trở về", "back", "go back", "zurück", "retour", "volver", "voltar", "indietro", "назад")
_SEPARATORS = " ›»>/|:-–—"
_ROOT = re.compile(rf"^(?:{alternation(_ROOTS)})(?!\w)", re.IGNORECASE)
_LEADING = re.compile(rf"^(?:{alternation([*_ROOTS, *_BACK])})(?!\w)", re.IGNORECASE)
# The home link run into the next crumb's name, as a copy prints a breadcrumb whose
# separators its style sheet draws (``HomeWorld News``, ``Trang chủThời sự``).
_GLUED_ROOT = re.compile(rf"^(?:{alternation(_ROOTS)})(?=[^\W\d_])", re.IGNORECASE)
_TRAILING = re.compile(rf"(?<!\w)(?:{alternation([*_ROOTS, *_BACK])})$", re.IGNORECASE)
# The day of the week a copy runs into the label before the date ("Giao thôngChủ nhật").
_WEEKDAYS = (
    "thứ hai", "thứ ba", "thứ tư", "thứ năm", "thứ sáu", "thứ bảy", "chủ nhật", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag",
    "sonntag", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "lunes", "martes",
    "miércoles", "jueves", "viernes", "sábado", "domingo",
)
_GLUED_WEEKDAY = re.compile(
    rf"(?:(?<=[^\W\d_])|[\s,|·-]+)(?:{alternation(_WEEKDAYS)})[\s,.]*$", re.IGNORECASE
)
# What a search box says above the headline: "Search", "Tìm kiếm tin tức", "Suche".
_SEARCH = re.compile(
    r"^(?:search|tìm kiếm|tra cứu|suche|suchen|recherche|rechercher|buscar|búsqueda|pesquisar|pesquisa|cerca|"
    r"zoeken|поиск|検索|搜索|검색)(?!\w)",
    re.IGNORECASE,
)
# A web address, an e-mail address or a host name printed in lower case (``cafef.vn``; a
# name such as ``Node.js`` has a capital): the site, not a section.
_ADDRESS = re.compile(
    r"(?i:https?://|www\.)|\S@\S|(?<![\w.])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,6}(?![\w.])"
    # A site's name written as its address, capitals and all (``TheHill.com``), with the
    # endings news sites' addresses have (``Node.js`` names no site).
    r"|(?<![\w.])[\w-]+\.(?i:com|net|org|gov|edu|info|news|tv|co\.uk|com\.au|vn|com\.vn)(?![\w.])"
)
# The box or bullet a "save as text" copy prints before a list's item ("□ Health").
_LIST_MARK = re.compile(r"^\s*[□☐▢◻◦•▪■]\s+")
_BRACKETS = re.compile(r"^[\[(<{]\s*([^\[\]()<>{}]*?)\s*[\])>}]$")


def tidy_kicker(text: str) -> str | None:
    """``text`` as a kicker: the section it names without the breadcrumb's home and back
    links and brackets, or None when nothing else is left, or when it is a search box's
    label or holds an address (a host name, a web or e-mail address).

    A home or back link opening the line is one only where a section name follows it (a
    capital or a bracket after a space or a separator: "Back to school" stays); one closing
    it only on a line that is a breadcrumb by its home link, or after a separator."""
    text = _LIST_MARK.sub("", text).strip()
    if is_site_furniture(text):
        return None
    crumbs = False
    while True:
        before = text
        if (found := _LEADING.match(text)) and _opens_section(text[found.end() :]):
            crumbs = crumbs or bool(_ROOT.match(text))
            text = text[found.end() :].strip(_SEPARATORS)
        elif (found := _GLUED_ROOT.match(text)) and _glued_section(text[found.end() :]):
            crumbs = True
            text = text[found.end() :]
        if (found := _TRAILING.search(text)) and found.start() > 0:
            head = text[: found.start()]
            if crumbs or head.rstrip(" ")[-1:] in _SEPARATORS.strip():
                text = head.strip(_SEPARATORS)
        if bracketed := _BRACKETS.match(text):
            text = bracketed.group(1)
        if text == before:
            break
    return _first_crumb(_GLUED_WEEKDAY.sub("", text).strip()) or None


def is_site_furniture(text: str) -> bool:
    """A search box's label, or a line holding an address: the site's, above any story's
    section (what stands further up is the site's too)."""
    if _SEARCH.match(text.lstrip("□■▢ ")):
        return True
    # Every address holds a full stop, an "@" or "://": looked for before the pattern's search.
    return ("." in text or "@" in text or "://" in text) and _ADDRESS.search(text) is not None


def home_link_opening(text: str) -> str | None:
    """How a breadcrumb's first link, the site's home page, opens ``text`` with a section's
    name after it: ``"marked"`` where nothing else reads so (``Home › News``, ``HomeWorld
    News``, a home link of two words or more: ``Trang chủ Sống khỏe``), ``"spaced"`` where
    a home word of one word and a space open it (``Home News``, but also ``Home Depot``),
    None where none does."""
    text = _LIST_MARK.sub("", text).strip()
    if (found := _ROOT.match(text)) and text[found.end() :].strip(_SEPARATORS) and _opens_section(text[found.end() :]):
        rest = text[found.end() :]
        marked = rest.lstrip(" ")[:1] in _SEPARATORS.strip() or " " in found.group(0)
        return "marked" if marked else "spaced"
    return "marked" if (found := _GLUED_ROOT.match(text)) and _glued_section(text[found.end() :]) else None


def is_home_link(text: str) -> bool:
    """``Home``, ``Trang chủ``: a breadcrumb's first link, the site's home page, alone."""
    found = _ROOT.match(_LIST_MARK.sub("", text).strip())
    return found is not None and not text.strip()[found.end() :].strip(_SEPARATORS)


def _first_crumb(text: str) -> str:
    """``Thời sựDân sinh`` -> ``Thời sự``: a breadcrumb a copy ran together, cut where a
    word of lower-case letters runs into a capital, top level first. Only in a label of
    several words, and only after a word in lower case: a capital inside a word that
    begins with one, or after one letter, is a name (``PlayStation``, ``iPhone``)."""
    if " " not in text:
        return text
    start = 0
    for index in range(1, len(text)):
        if not text[index - 1].isalpha():
            start = index
        elif text[index].isupper() and index - start >= 2 and text[start:index].islower():
            first = text[:index].strip()
            return first if " " in first else text
    return text


def _opens_section(rest: str) -> bool:
    if not rest:
        return True
    if rest[0] not in _SEPARATORS:
        return False
    first = rest.lstrip(_SEPARATORS)[:1]
    # A script without capitals (Arabic, Chinese, Hindi, Thai...) opens a name with any letter.
    return not first or first.isupper() or first in "[(<{" or (first.isalpha() and first.lower() == first.upper())


def _glued_section(rest: str) -> bool:
    """A section's name of two words or more opening with a capital right after the home
    link (``World News``): one capitalised word run on is as often the home link's own
    word (``HomeKit``, ``HomePod``)."""
    return rest[:1].isupper() and " " in rest.strip()
