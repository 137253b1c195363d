"""Bylines: recognising them and writing names in proper case."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

_NAME_SEPARATORS = re.compile(r"\s+[-–—&]\s+|\s*,\s*|\s+(?:và|and|und|y|et|e|en|og|och|i)\s+|\s*;\s*", re.IGNORECASE)
# Words that join names or stand inside them in many languages (de, van, bin, Jr.).
_NAME_PARTICLES = frozenset(
    [
        "and", "und", "y", "et", "e", "en", "og", "och", "i", "và", "&", "de", "del", "della", "der", "den", "di", "da", "do",
        "dos", "das", "du", "la", "le", "van", "von", "bin", "ibn", "al", "el", "jr", "jr.", "sr", "sr.", "st", "st.", "mc",
    ]
)
# A job title after a byline's name ("Jane Doe, Staff Writer"): no name.
_ROLE_WORDS = re.compile(
    r"\b(?:writer|reporter|correspondent|editor|staff|contributor|columnist|photographer|journalist|"
    r"redakteur|korrespondent|rédacteur|journaliste|redactor|periodista|corresponsal|giornalista|phóng viên|biên tập viên)\b",
    re.IGNORECASE,
)
# The words that go with a job title ("Senior Contributor", "Contributing Writer").
_ROLE_MODIFIERS = frozenset(
    ["senior", "chief", "staff", "contributing", "special", "associate", "guest", "freelance", "national", "political",
     "business", "news", "sports", "managing", "deputy", "executive", "digital", "foreign", "ap", "the"]
)
# Degrees and licences printed after a name ("Jane Doe, MS, RD", "John Roe, PhD").
_CREDENTIAL = re.compile(
    r"(?:M\.?D|Ph\.?D|D\.?O|R\.?D\.?N?|R\.?N|M\.?S(?:c)?|B\.?S(?:c)?|M\.?A|B\.?A|MBA|MPH|DDS|DVM|J\.?D|LD|CDE|CPT|CSCS|"
    r"NASM-CPT|FACP|FACC|MSN|BSN|CNS|LDN|RDN|MFA|Esq)\.?",
)
# "Researchers: Louis Jacobson", "SOURCE: Al Jazeera": a label (a word or two) and its colon
# before the names.
LABEL_BEFORE_NAMES = re.compile(r"^[^\W\d_][^\W\d_ ]*(?: [^\W\d_]+)?\s*:\s+(?=\S)")
# What pages glue after a name: an e-mail address, an @handle, a phone number.
_GLUED_CONTACT = re.compile(r"\s*\S+@\S+\.\S+|(?<=[^\W\d_])@\w+|\s*@\w+|\s*\(?\+?\d[\d\s().-]{6,}")
# The world's wire services by the names bylines print them with, after a writer's name.
_WIRE_SERVICE_AFTER_NAME = re.compile(
    r"\s+((?:The )?Associated Press|Agence France-Presse|United Press International|Press Trust of India|Reuters|AFP|AP|"
    r"Bloomberg|Xinhua|Kyodo|Yonhap|TASS|ANSA|EFE|dpa|PTI|UPI|TTXVN)$"
)
# The wire services' short names with a vowel, which ``_is_acronym`` cannot tell from a
# name's word by its letters.
_WIRE_ACRONYMS = frozenset({"AFP", "AP", "ANSA", "EFE", "TASS", "UPI", "AAP", "ANI", "IANS", "VOV", "VTV", "VNA"})
_VOWELS = frozenset("aeiouy")
# A name of two words or more printed twice; one word twice is a name ("Vũ Vũ").
_PRINTED_TWICE = re.compile(r"(\S+\s.*\S)\s*\1")
# A lower-case letter then a capital inside a word: where two elements set side by side run
# together ("Michael HiltzikBusiness Columnist"); names have it too ("LaMotte", "McKay").
_CASE_JOIN = re.compile(r"(?<=[a-z])(?=[A-Z])")
_ALPHA_RUN = re.compile(r"[^\W\d_]+")
_LONGEST_NAME = 200  # characters: a name, its credentials, a job title and an e-mail address glued on
# Words of a sentence, no name's: prepositions, pronouns and verbs of three letters or more
# in the languages these are common in (shorter ones are name syllables too, ``HA``,
# ``TO``, ``AN``; ``THE``, ``MAI``, ``DAN``, ``WILL`` and ``SEN`` are names or parts of them).
_SENTENCE_WORDS = frozenset({
    "for", "from", "with", "this", "that", "which", "would", "were", "was", "are", "have", "has", "had",
    "been", "not", "they", "her", "his", "click", "pour", "dans", "avec", "cette", "sont", "mais", "nicht",
    "oder", "wird", "wurde", "für", "mit", "auf", "sich", "auch", "para", "pero", "como", "esta", "fue",
    "com", "não", "pelo", "pela", "são", "foi", "questo", "sono", "anche", "voor", "niet", "wordt", "zijn",
})
# English contractions (``DON'T``, ``WE'LL``, ``THEY'RE``): no name ends so (``O'BRIEN``).
_CONTRACTION = re.compile(r"(?:n['’]t|['’](?:ll|re|ve|d))$")


def is_sentence_word(folded: str) -> bool:
    """A word (in lower case) of a sentence that no name is (``_SENTENCE_WORDS``, a
    contraction)."""
    return folded in _SENTENCE_WORDS or bool(_CONTRACTION.search(folded))


_CAPS_BYLINE = re.compile(r"^[^\W\d_][^\W\d_.\-–, ]*(?:[.\-–, ]+[^\W\d_]+)*\.?$")


def is_caps_byline(line: str) -> bool:
    """A line of capitals naming people: ``PHÙNG KHIÊM``, ``N.HÀ - T.LONG``; not a
    sentence or a call in capitals (``CLICK FOR FULL RESULTS``), which holds one of its
    language's function words of three letters or more that joins no names."""
    if len(line) > 60:
        return False  # before the line is split: a paragraph is not
    words = line.split()
    if not 1 <= len(words) <= 8:
        return False
    if line != line.upper():
        return False  # before its letters are taken one by one: most lines are not in capitals
    letters = [ch for ch in line if ch.isalpha()]
    if len(letters) < 3:
        return False
    if not any(ch.isupper() for ch in letters):
        return False  # Chinese, Japanese, Korean, Arabic, Thai have no capitals: no line of theirs is "in capitals"
    return bool(_CAPS_BYLINE.match(line)) and not any(is_sentence_word(word) for word in line.casefold().split())


def proper_case(name: str) -> str:
    """``PHÙNG KHIÊM`` -> ``Phùng Khiêm``; ``N.HÀ`` -> ``N.Hà``; an acronym stays in
    capitals (``NHÓM PV`` -> ``Nhóm PV``)."""
    return _ALPHA_RUN.sub(lambda match: match.group(0) if _is_acronym(match.group(0)) else match.group(0).capitalize(), name)


def _is_acronym(word: str) -> bool:
    """A word in capitals that no name is spelt with: one without a vowel (``PV``, ``CTV``,
    ``TTXVN``, ``BBC``: every syllable of a name in a Latin script holds one), or a wire
    service's short name (``AFP``, ``AP``)."""
    if not word.isupper():
        return False
    if word in _WIRE_ACRONYMS:
        return True
    bases = unicodedata.normalize("NFD", word.casefold())
    latin = all("a" <= ch <= "z" or ch == "đ" or unicodedata.combining(ch) for ch in bases)
    return latin and not any(ch in _VOWELS for ch in bases)


def split_authors(byline: str) -> tuple[str, ...]:
    """The names in a byline, in proper case when printed in capitals; a job title after
    a name (``Staff Writer``), a credential (``MS``, ``PhD``) and what is glued to a name
    (an e-mail address, a phone number, an @handle, a job title) are no name."""
    parts = [part.strip(" .") for part in _NAME_SEPARATORS.split(byline) if part.strip(" .")]
    parts = [piece for part in parts for piece in _wire_service_apart(part)]
    # The titles set apart from the names go whole ("Jane Doe, AP National Political Writer").
    parts = [part for part in parts if not names_a_role(part)] or parts
    names = [name for name in map(tidy_name, parts) if name and not _CREDENTIAL.fullmatch(name)]
    # A title alone ("Contributing Writer") names nobody; a name with a title run into it
    # ("Jane Doe Senior Contributor") has lost it to ``tidy_name``.
    names = [name for name in names if not _only_role_words(name)]
    in_capitals = byline == byline.upper()
    return tuple(_cased(name, in_capitals) for name in names)


def tidy_name(text: str) -> str:
    """A name without a label before it (``Researchers:``) and without what a page glues
    after it: an e-mail address, a phone number, an @handle, a job title run into it.
    Longer than any name with all that (a page's field filled with something else), it
    is none: the patterns here are for a name's length."""
    if len(text) > _LONGEST_NAME:
        return ""
    name = LABEL_BEFORE_NAMES.sub("", text.strip())
    # A bar parts a name from what a byline prints beside it (the paper, a date, a role),
    # never one writer from another (``and``, commas and dashes do that).
    name = name.split("|", 1)[0] if "|" in name.strip(" |") else name
    name = _GLUED_CONTACT.split(name, maxsplit=1)[0]
    glued = next((m.start() for m in _CASE_JOIN.finditer(name) if _glued_after_name(name[m.start() :])), None)
    name = name[:glued] if glued is not None else name
    name = _without_trailing_role(name).strip(" .,;:|-–—")
    # The name printed twice, as an author's box prints it over its link: once.
    twice = _PRINTED_TWICE.fullmatch(name)
    return twice.group(1) if twice else name


def _wire_service_apart(part: str) -> list[str]:
    """``Tom Davies Associated Press`` -> ``Tom Davies``, ``Associated Press``: a wire
    service's name printed after a writer's name with no comma between is the service the
    writer works for, credited beside the name as ``Al Goldis, Associated Press`` is."""
    match = _WIRE_SERVICE_AFTER_NAME.search(part)
    if match is None or len(part[: match.start()].split()) < 2:
        return [part]
    return [part[: match.start()].strip(), match.group(1)]


def _glued_after_name(rest: str) -> bool:
    """What follows a lower-case letter run into a capital: a job title (``Business
    Columnist``) or a word opening with two capitals, as a paper's or a site's name does
    (``FOXBusiness``, ``CNBCTech``); a name goes on with one capital (``LaMotte``, ``McKay``)."""
    return _only_role_words(rest) or rest[1:2].isupper()


def _without_trailing_role(name: str) -> str:
    """``Bruce Lee Senior Contributor`` -> ``Bruce Lee``: a title of two words or more after
    a name of two words or more (``HNN Staff`` names a paper's staff, and stays)."""
    words = name.split()
    for start in range(2, len(words) - 1):
        if _only_role_words(" ".join(words[start:])):
            return " ".join(words[:start])
    return name


def _cased(name: str, byline_in_capitals: bool) -> str:
    """A name printed in capitals in proper case; in a byline not in capitals, one word in
    capitals is an acronym (``CNN``, ``AP``) and stays so."""
    if name != name.upper() or (not byline_in_capitals and " " not in name and "." not in name):
        return name
    return proper_case(name)


def checked_against_metadata(
    printed: tuple[str, ...], metadata: tuple[str, ...], on_page: Callable[[str], bool]
) -> tuple[str, ...]:
    """The authors read from a page's lines, held against those its metadata names. Where
    the metadata names people the page prints too (``on_page``), and the names read share
    no word with them, what was read as a byline is a button or a label (``Email Me``,
    ``Find Your Next Car``): the metadata's people are the authors. A CMS's user in the
    metadata, printed nowhere, never outranks the byline. Where a name read is a metadata
    name with more run into it (``Pamela Wilsonsitename``), it is that name."""
    people = [name for given in metadata for name in split_authors(given) if _reads_as_person(name)]
    if not printed or not people:
        return printed
    named = {word.casefold() for name in people for word in _ALPHA_RUN.findall(name)}
    if not any(word.casefold() in named for name in printed for word in _ALPHA_RUN.findall(name)):
        shown = tuple(name for name in people if on_page(name))
        return shown or printed
    return tuple(_metadata_name_in(name, people) for name in printed)


# What stands between a name and the paper's name printed after it: a bar, a dash, a comma, a space.
_BEFORE_PAPER = " |-–—,/"
_SITE_NAME_CHARS = 4  # "CNN", "AP": too short to tell from a word of a name


def without_site_name(name: str, site_name: str | None) -> str:
    """``Elliot Brownstein Florida Today``, ``Andy Sahadeo | Fox News`` -> the person: the
    site's own name (its ``og:site_name``, the host's name: ``floridatoday``), compared
    without spaces, case or marks, after a name of two words or more is the paper the
    byline names beside its writer, not part of the name. A name that is the site's name
    alone (``Fox News``), or ends with one word of it, stays, and so does a one-word site's
    name spaced after a name, which may be the name's last word."""
    site = _squeezed(site_name or "")
    if len(site) < _SITE_NAME_CHARS:
        return name
    words = name.split()
    for start in range(2, len(words)):
        # A one-word site's name spaced after a name may be the name's own last word
        # (``Malcolm S. Forbes`` on ``forbes.com``): only after a bar, a dash or a comma.
        apart = len(words) - start >= 2 or words[start - 1][-1] in _BEFORE_PAPER.strip()
        if apart and _squeezed(" ".join(words[start:])) == site:
            person = " ".join(words[:start]).rstrip(_BEFORE_PAPER)
            return person if len(person.split()) >= 2 else name
    return name


def is_site_name(name: str, site_name: str | None) -> bool:
    """``name`` is the site's own name, compared without spaces, case or marks."""
    return bool(site_name) and _squeezed(name) == _squeezed(site_name or "")


def _squeezed(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _metadata_name_in(name: str, people: list[str]) -> str:
    return next((person for person in people if name[len(person) : len(person) + 1].isalpha() and name.startswith(person)), name)


def _reads_as_person(name: str) -> bool:
    """Two to four capitalised words of letters: a person's name as metadata gives it."""
    words = name.split()
    return 2 <= len(words) <= 4 and not names_a_role(name) and all(
        word[:1].isupper() and re.sub(r"[.'’-]", "", word).isalpha() for word in words
    )


def names_a_role(text: str) -> bool:
    """``Senior Contributor``, ``Staff Writer``: a job title, as bylines print one after a name."""
    return _ROLE_WORDS.search(text) is not None


def is_job_title(text: str) -> bool:
    """``Contributing Writer``, ``Senior Contributor``: a job title alone, its words all a
    role's or a role's modifiers."""
    return _only_role_words(text)


def _only_role_words(text: str) -> bool:
    words = [word.strip(".,").casefold() for word in text.split()]
    return bool(words) and names_a_role(text) and all(word in _ROLE_MODIFIERS or _ROLE_WORDS.fullmatch(word) for word in words)


def looks_like_names(text: str) -> bool:
    """A few names and what joins them: every word capitalised (initials and particles
    such as ``de``, ``van``, ``and`` aside), in any script that has capitals, and none a
    word of a sentence (``Click For Full Results``)."""
    words = text.replace(",", " ").split()
    if not 1 <= len(words) <= 14:
        return False
    named = 0
    for word in words:
        bare = word.strip("().,;'’\"-–—|/")
        folded = bare.casefold()
        if not bare or folded in _NAME_PARTICLES:
            continue
        if not bare[0].isupper() or is_sentence_word(folded):
            return False
        named += 1
    return named >= 1


# Scripts without capitals (Han, kana, Hangul, Arabic, Thai, Khmer...): a name is a word or
# two of their letters, as long as the longest names of those languages.
_UNCASED_NAME_WORDS = 4
_UNCASED_WORD_LETTERS = 12
# The word for "reporter" that Korean, Chinese and Japanese bylines set after the name
# ("김민수 기자", "王小明 记者").
_REPORTERS = ("기자", "특파원", "記者", "记者", "特派員", "特派员")
_REPORTER_AFTER_NAME = re.compile(rf"\s*(?:{'|'.join(_REPORTERS)})$")


def looks_like_uncased_names(text: str) -> bool:
    """A name or two in a script without capitals, as a byline's label introduces them
    (``بقلم أحمد علي``, ``記者 山田太郎``, ``โดย สมชาย ใจดี``): a few words of letters only."""
    words = text.replace(",", " ").replace("、", " ").split()
    if not 1 <= len(words) <= _UNCASED_NAME_WORDS:
        return False
    return all(
        len(word) <= _UNCASED_WORD_LETTERS and all(_is_uncased_letter(ch) for ch in word)
        for word in words
    )


def _is_uncased_letter(ch: str) -> bool:
    """A letter (or a vowel sign, as Thai and Khmer write them) of a script without case."""
    return (ch.isalpha() or unicodedata.category(ch) in ("Mn", "Mc")) and ch.lower() == ch.upper() and ord(ch) > 0x2FF


def name_before_reporter(text: str) -> str | None:
    """``김민수 기자`` -> ``김민수``: a byline that gives the name first, then the word for reporter."""
    # The cheap look first: the pattern's search tries every position of a line.
    if not text.rstrip("\n").endswith(_REPORTERS):
        return None
    match = _REPORTER_AFTER_NAME.search(text)
    if match is None or match.start() == 0:
        return None
    name = text[: match.start()].strip()
    return name if looks_like_uncased_names(name) else None


# Brackets a closing byline is set in: full-width (Japanese, Chinese) and ASCII.
_BYLINE_BRACKETS = (("\uff08", "\uff09"), ("(", ")"))
_REPORTER_BEFORE_NAME = re.compile(rf"^(?:{'|'.join(_REPORTERS)})\s*")
_NAMES_APART = re.compile("[\u3001\uff0c,\u30fb/\uff0f\\s]+")  # the ideographic and full-width commas, the middle dot, slashes
_SHORTEST_UNCASED_NAME = 2  # characters: one alone is a word (the end: "\u5b8c"), no name
_LONGEST_UNCASED_NAME = 5  # characters: Japanese and Chinese names run to four or five
# What a note in brackets says of a photo or a source (provided, photographed, photo, file,
# picture, reprinted, source): no name holds these words.
_NOTE_WORDS = ("提供", "撮影", "写真", "資料", "资料", "图", "圖", "摄", "攝", "转载", "轉載", "来源", "來源", "出典")


def bracketed_uncased_names(text: str) -> tuple[str, ...]:
    """The names of a byline in a script without capitals set alone on its line in
    brackets, full-width or not (``(山田太郎)``, ``(记者 王小明)``, two names parted by an
    ideographic comma): Japanese and Chinese papers sign a story so under its last
    paragraph. A one-character word (the end), a word of a photo's note (provided,
    photographed) or a note with figures (a day) names nobody."""
    stripped = text.strip()
    for opening, closing in _BYLINE_BRACKETS:
        if stripped.startswith(opening) and stripped.endswith(closing):
            inner = _REPORTER_BEFORE_NAME.sub("", stripped[len(opening) : -len(closing)].strip())
            if any(word in inner for word in _NOTE_WORDS):
                return ()
            names = [name_before_reporter(name) or name for name in _NAMES_APART.split(inner) if name]
            if names and all(
                _SHORTEST_UNCASED_NAME <= len(name) <= _LONGEST_UNCASED_NAME and looks_like_uncased_names(name) for name in names
            ):
                return tuple(names)
    return ()
