"""Which language an article is written in, from its own text and what the page declares.

Two kinds of evidence, both of which hold on any site:
- the script: Hangul is Korean, kana Japanese, Thai script Thai, Khmer script Khmer, and so
  on; Han characters without kana are Chinese, Cyrillic is Russian unless letters only
  Ukrainian or Serbian use say otherwise, Arabic script Arabic unless Persian or Urdu
  letters do;
- in Latin script, Vietnamese by its syllables (every word one syllable, tone marks on
  its vowels), other languages by their commonest short words (articles, prepositions,
  pronouns), which make up a large share of any running text.

The page's declaration (``<html lang>``, ``og:locale``, ``inLanguage``) decides when the
text does not (too short), and is kept as declared (with its region, ``pt-BR``) when the
text agrees with it. Templates declare ``lang="en"`` on pages in other languages, so a
declaration the text contradicts loses. Nothing here is a model read from disk.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from publisher.clean.lines import Line
from publisher.ingest.legacy import vietnamese_score
from publisher.ingest.mojibake import count_up_to

UNDETERMINED = "und"
_SAMPLE = 2000  # characters of text looked at: enough to tell, little to count
_MIN_LETTERS = 12
_MIN_STOPWORDS = 3

# Scripts by code point range, each with the language it is taken for.
_SCRIPT_RANGES = (
    (0x0370, 0x03FF, "el"), (0x0400, 0x04FF, "cyrillic"), (0x0530, 0x058F, "hy"), (0x0590, 0x05FF, "he"),
    (0x0600, 0x06FF, "arabic"), (0x0750, 0x077F, "arabic"), (0x0900, 0x097F, "hi"), (0x0980, 0x09FF, "bn"),
    (0x0A00, 0x0A7F, "pa"), (0x0A80, 0x0AFF, "gu"), (0x0B80, 0x0BFF, "ta"), (0x0C00, 0x0C7F, "te"),
    (0x0C80, 0x0CFF, "kn"), (0x0D00, 0x0D7F, "ml"), (0x0D80, 0x0DFF, "si"), (0x0E00, 0x0E7F, "th"),
    (0x0E80, 0x0EFF, "lo"), (0x0F00, 0x0FFF, "bo"), (0x1000, 0x109F, "my"), (0x10A0, 0x10FF, "ka"),
    (0x1100, 0x11FF, "ko"), (0x1200, 0x137F, "am"), (0x1780, 0x17FF, "km"), (0x3040, 0x30FF, "kana"),
    (0x3130, 0x318F, "ko"), (0x3400, 0x4DBF, "han"), (0x4E00, 0x9FFF, "han"), (0xAC00, 0xD7AF, "ko"),
    (0xF900, 0xFAFF, "han"), (0xFB50, 0xFDFF, "arabic"), (0xFE70, 0xFEFF, "arabic"), (0x20000, 0x2FA1F, "han"),
)
_PERSIAN = frozenset("پچژگکی")
_URDU = frozenset("ٹڈڑںےۓھ")
_UKRAINIAN = frozenset("іїєґ")
_SERBIAN_MACEDONIAN = frozenset("јљњћђџѓќѕ")
_BULGARIAN_HARD_SIGN = "ъ"
_RUSSIAN = frozenset("ыэё")
# Common characters written one way in Traditional Chinese and another in Simplified
# (這/这, 們/们, 說/说, 國/国...): which of the two a text uses tells the script, as Taiwan,
# Hong Kong and Macau write the one and the mainland and Singapore the other.
_TRADITIONAL = frozenset("這們說國時會來為對個與學發經關無後開過還動現實體點問長見從總機間區東車書電話業頭報記線進門當號應變")
_SIMPLIFIED = frozenset("这们说国时会来为对个与学发经关无后开过还动现实体点问长见从总机间区东车书电话业头报记线进门当号应变")
_TRADITIONAL_REGIONS = frozenset({"TW", "HK", "MO"})

# The commonest short words of Latin-script languages: articles, prepositions, pronouns,
# conjunctions. A word in several lists counts for each.
_STOPWORDS = {
    "en": "the of and to in is that for it was on with as are be by at this from have not but they his her an which were been "
    "has had will would",
    "fr": "le la les de des du un une et est que qui dans pour pas sur au aux avec ce cette il elle ont sont été par plus ne "
    "se mais",
    "de": "der die das und ist nicht ein eine zu den mit von dem des sich auf für im auch es sie wird wurde bei aus nach wie "
    "oder",
    "es": "el la los las de del que y en un una es por con para se no al lo su como más pero sus le ha fue este esta",
    "pt": "o a os as de do da dos das que e em um uma é para com não por se na no mais como mas foi ao pelo pela são",
    "it": "il lo la gli le di del della che e è un una per non con si da al alla nel sono come anche più ha questo",
    "nl": "de het een en van in is dat op te zijn met voor niet die aan er ook als bij om maar door wordt werd",
    "id": "yang dan di ke dari ini itu dengan untuk pada adalah dalam tidak akan juga oleh sebagai atau telah ada karena",
    "tl": "ang ng sa mga na at ay si ni para hindi kay nang ito siya niya kanilang ako ko mo",
    "pl": "i w na z do nie się że jest to jak o po od za przez dla oraz ale co tak był była są",
    "cs": "a v na se je že to s z do o k by jako pro ale jsou byl bylo které který jeho také",
    "sv": "och i att det som en på är av för med till den har de inte om ett men var jag",
    "da": "og i at det en af til er som på de med for den har ikke et var men fra",
    "no": "og i at det en av til er som på de med for den har ikke et var men fra ble",
    "fi": "ja on ei se että oli hän mutta kun myös tai ovat kuin sen joka niin vain",
    "tr": "ve bir bu da de için ile olarak çok daha gibi olan en ama ne var değil sonra",
    "ro": "și în de la a cu o pe care este din un nu se mai ca sunt fost pentru dar",
    "hu": "a az és hogy nem is egy van meg de csak már ha mint volt el",
    "sw": "na ya wa kwa ni la za katika kuwa hiyo hii pia lakini au",
}
_STOPWORD_SETS = {language: frozenset(words.split()) for language, words in _STOPWORDS.items()}
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_NOT_LETTERS = re.compile(r"[\W\d_]+")
_LETTER = re.compile(r"[^\W\d_]")
_NON_LATIN = re.compile(r"[^\u0000-\u024f\u1e00-\u1eff]+")


def detect_language(text: str, declared: str | None = None) -> str:
    """The language of ``text`` as a BCP 47 tag: the declared one when the text agrees or
    cannot tell, else what the text says; ``und`` when neither can tell."""
    declared = _normal_tag(declared)
    found = language_of_text(text)
    if found is None:
        return declared or UNDETERMINED
    if declared and _agrees(declared, found):
        return declared
    return found


def language_of_text(text: str) -> str | None:
    """The language the text itself shows, or None when it is too short to tell."""
    sample = text[:_SAMPLE]
    if not _holds_non_latin_letter(sample):
        # Every letter Latin (most pages): only whether there are enough of them is counted.
        return _latin_language(sample) if count_up_to(_LETTER.finditer(sample), _MIN_LETTERS) == _MIN_LETTERS else None
    letters_only = _letters_only(sample)
    letters = len(letters_only)
    if letters < _MIN_LETTERS:
        return None
    if len(_NON_LATIN.sub("", letters_only)) >= 0.9 * letters:
        return _latin_language(sample)  # nearly all Latin: no need to count each script
    scripts = Counter(map(_script, letters_only))
    script, count = scripts.most_common(1)[0]
    if script == "latin" or (count < 0.5 * letters and scripts["latin"] >= count):
        return _latin_language(sample)
    if script in ("han", "kana"):
        if scripts["kana"] >= 0.05 * (scripts["han"] + scripts["kana"]):
            return "ja"
        return _chinese_script(sample)
    if script == "cyrillic":
        return _cyrillic_language(sample)
    if script == "arabic":
        letters_used = set(sample)
        if letters_used & _URDU:
            return "ur"
        return "fa" if len(letters_used & _PERSIAN) >= 2 else "ar"
    return script if script != "other" else None


def main_script(text: str) -> str | None:
    """The script most of ``text``'s letters are written in (``latin``, ``cyrillic``,
    ``han``...), or None for a text with no letter."""
    letters_only = _letters_only(text[:_SAMPLE])
    if not letters_only:
        return None
    if 2 * len(_NON_LATIN.sub("", letters_only)) > len(letters_only):
        return "latin"  # most of the letters, so the most common script: each letter's is not looked up
    return Counter(map(_script, letters_only)).most_common(1)[0][0]


def _holds_non_latin_letter(text: str) -> bool:
    """Whether a letter of ``text`` is in a script other than Latin. The characters outside
    Latin's blocks are found first (a look at each character's code, no Unicode database),
    then only those few asked whether they are letters (a text's quotes and dashes are not)."""
    return _LETTER.search("".join(_NON_LATIN.findall(text))) is not None


def _letters_only(text: str) -> str:
    """``text``'s letters. The spaces (no letter) go first, in one split: the pattern then
    passes over a few runs of digits and punctuation, not every gap between two words."""
    return _NOT_LETTERS.sub("", "".join(text.split()))


def _script(ch: str) -> str:
    code = ord(ch)
    if code < 0x0250 or 0x1E00 <= code <= 0x1EFF:
        return "latin"
    return _non_latin_script(code)


@lru_cache(maxsize=4096)
def _non_latin_script(code: int) -> str:
    for low, high, script in _SCRIPT_RANGES:
        if low <= code <= high:
            return script
    return "other"


def _latin_language(sample: str) -> str | None:
    if _has_vietnamese_letters(sample) and vietnamese_score(sample) >= 0.8:
        return "vi"
    # Each different word counted once, then each language's stop words looked up among them.
    counts: Counter[str] = Counter()
    for word, count in Counter(_WORD.findall(sample)).items():
        counts[word.casefold()] += count
    hits = {
        language: sum(counts[word] for word in stopwords.intersection(counts)) for language, stopwords in _STOPWORD_SETS.items()
    }
    language, best = max(hits.items(), key=lambda item: (item[1], item[0] == "en"))
    if best < _MIN_STOPWORDS:
        return None
    return language


def _has_vietnamese_letters(sample: str) -> bool:
    """Letters only Vietnamese writes: ơ, ư, đ, or a vowel with a tone mark below or a hook."""
    folded = sample.casefold()
    if "đ" in folded:
        return True  # nearly every Vietnamese text: not decomposed
    decomposed = unicodedata.normalize("NFD", folded)
    return any(mark in decomposed for mark in ("\u031b", "\u0323", "\u0309"))


def _chinese_script(sample: str) -> str:
    """``zh-Hant`` when the text writes more of the characters only Traditional Chinese
    writes than of their Simplified forms; otherwise ``zh``, which readers and fonts take
    for Simplified."""
    traditional = sum(1 for ch in sample if ch in _TRADITIONAL)
    simplified = sum(1 for ch in sample if ch in _SIMPLIFIED)
    return "zh-Hant" if traditional > simplified else "zh"


def _agrees(declared: str, found: str) -> bool:
    """The declared tag says what the text shows: the same language, and for Chinese the
    same script (``zh-TW`` is Traditional, ``zh-CN`` Simplified)."""
    declared_parts, found_parts = declared.split("-"), found.split("-")
    if declared_parts[0] != found_parts[0]:
        return False
    if len(found_parts) == 1:
        return True
    script = next((part for part in declared_parts[1:] if len(part) == 4), None)
    region = next((part for part in declared_parts[1:] if len(part) == 2), None)
    if script is None and region is None:
        return False  # "zh" alone: the text says more
    declared_traditional = script == "Hant" if script else region in _TRADITIONAL_REGIONS
    return declared_traditional == (found_parts[1] == "Hant")


def _cyrillic_language(sample: str) -> str:
    folded = sample.casefold()
    letters = set(folded)
    if letters & _UKRAINIAN and not letters & _RUSSIAN:
        return "uk"
    if letters & _SERBIAN_MACEDONIAN:
        return "sr"
    # Bulgarian writes ъ as a vowel (a letter in forty); Russian as a rare separator.
    cyrillic = sum(1 for ch in folded if "а" <= ch <= "я")  # noqa: RUF001 - the Cyrillic alphabet's range, on purpose
    hard_signs = folded.count(_BULGARIAN_HARD_SIGN)
    if hard_signs >= 2 and hard_signs >= 0.01 * cyrillic and not letters & _RUSSIAN:
        return "bg"
    return "ru"


def _normal_tag(tag: str | None) -> str | None:
    """``en_US`` -> ``en-US``; None for what is no language tag."""
    if not tag:
        return None
    parts = re.split(r"[-_]", tag.strip())
    if not re.fullmatch(r"[A-Za-z]{2,3}", parts[0]):
        return None
    script = [part.title() for part in parts[1:2] if re.fullmatch(r"[A-Za-z]{4}", part)]
    rest = parts[1 + len(script) : 2 + len(script)]
    region = [part.upper() if len(part) == 2 else part for part in rest if re.fullmatch(r"[A-Za-z]{2}|\d{3}", part)]
    return "-".join([parts[0].lower(), *script, *region])


# Languages whose writers sign a story with one word: a Vietnamese pen name or given name
# (``Trung``), set alone under the text. Elsewhere a byline names a person in two words or
# more, or says it is one (``By``); one capitalised word alone is a label (``Disclaimer``,
# ``Entertainment``). Texts too short to tell keep the one-word byline.
_ONE_WORD_SIGNATURES = frozenset({"vi"})
_SIGNATURE_SAMPLE_LINES = 12
_PROSE_WORDS = 8  # a line of this many words is the text's, not a label's


def signs_with_one_word(lines: Sequence[Line]) -> bool:
    """Whether the language of ``lines``' paragraphs signs stories with one word
    (``_ONE_WORD_SIGNATURES``), or the text is too short to tell."""
    prose = [line.text for line in lines if line.words >= _PROSE_WORDS][:_SIGNATURE_SAMPLE_LINES]
    language = language_of_text("\n".join(prose))
    return language is None or language in _ONE_WORD_SIGNATURES
