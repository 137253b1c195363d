"""UTF-8 text that was once read as Latin-1 or Windows-1252 and saved again ("Lao Ä\x90á»\x99ng"
for "Lao Động"), put right.

A cheap look for the tell-tale pairs comes first so clean text costs almost nothing; the
repair itself is ftfy's, kept only when the result reads more like Vietnamese.

Where the text cannot be re-read as a whole (a browser's copy drops the C1 control
characters, so a letter's bytes are missing), ftfy repairs each run of mojibake on its own,
calling its whole repair once per run: thousands of runs a page, mostly the same few dozen
syllables, and once more over the whole text to see that nothing changes. `_fix_encoding`
takes the same steps as `ftfy.fix_encoding` and remembers each run's repair (which depends
on nothing but the run): the same result (tests/test_encodings.py compares the two) in a
quarter of the time on such a page. The runs are found by a pattern that matches where
ftfy's does but opens with the runs' lead characters (``_run_splitter``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache
from itertools import islice

from publisher.ingest.legacy import vietnamese_score

# A UTF-8 continuation byte as Latin-1/cp1252 shows it.
_CONTINUATION = (
    "[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026"
    "\u2030\u2039\u203a\u20ac\u2122]"
)
# Lead bytes of UTF-8 Vietnamese letters as Latin-1/cp1252 shows them, followed by a
# continuation byte shown the same way.
_LEADS = "ÃÄÅÆáâ"
_TELL_TALE = re.compile(f"[{_LEADS}]" + _CONTINUATION)
# The same pairs, one pattern a lead: a pattern opening with one character is searched for
# far faster than one opening with a set, and a lead the text lacks needs no search (clean
# Vietnamese text holds "á" and "â", hardly ever the others). No continuation is a lead, so
# the pairs never overlap and their counts add up to _TELL_TALE's.
_TELL_TALES_BY_LEAD = tuple((lead, re.compile(lead + _CONTINUATION)) for lead in _LEADS)
_LOOKED_AT = 200_000  # characters of a text looked through for tell-tales
# The same for any letter of any script: the lead byte of any UTF-8 sequence (0xC2-0xF4).
_SIGNATURE = re.compile("[\u00c2-\u00f4]" + _CONTINUATION)
_MIN_TELL_TALES = 3
# A word's closing punctuation: "“giá”" ends with a letter a lead byte shows as and a
# closing quote, and is no mojibake ("»" stays: the second byte of "á»", "ợ" misread).
_CLOSING = "”’\"'.,;:!?…–—)]"


def repair_mojibake(text: str) -> str:
    if tell_tales(text) < _MIN_TELL_TALES:
        return text
    repaired = _round_trip(text)
    if repaired is None:
        repaired = _fix_encoding(text)
    if repaired != text and vietnamese_score(repaired) > vietnamese_score(text):
        return repaired
    return text


def tell_tales(text: str) -> int:
    """``_TELL_TALE``'s matches in the text's first ``_LOOKED_AT`` characters, counted up to
    ``_MIN_TELL_TALES``."""
    found = 0
    for lead, pattern in _TELL_TALES_BY_LEAD:
        if lead in text:
            found += count_up_to(pattern.finditer(text, 0, _LOOKED_AT), _MIN_TELL_TALES - found)
            if found >= _MIN_TELL_TALES:
                break
    return found


def count_up_to(found: Iterator[re.Match[str]], count: int) -> int:
    """How many matches ``found`` holds, counted up to ``count``: the rest of the text is
    not searched (a page of mojibake holds thousands)."""
    return sum(1 for _ in islice(found, count))


def _round_trip(text: str) -> str | None:
    """The whole text re-read as UTF-8, when it was mis-read as a whole (the usual case)."""
    for wrong in ("latin-1", "cp1252"):
        try:
            return text.encode(wrong).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return None


def _fix_encoding(text: str) -> str:
    """``ftfy.fix_encoding(text)``, each embedded run's repair worked out once.

    ftfy repeats one step until the text no longer changes. The step: ASCII or text with
    no mojibake is done; else the text re-read as UTF-8 through a one-byte encoding, where
    that works; else each run of mojibake repaired on its own (``decode_inconsistent_utf8``,
    which calls ``ftfy.fix_encoding`` on every run); else Latin-1 read as Windows-1252, or
    C1 controls replaced. The first and the last two are left to ftfy itself: only the
    runs' repairs are remembered, and a run's repair depends on nothing but the run.
    """
    import ftfy
    from ftfy.badness import is_bad
    from ftfy.chardata import C1_CONTROL_RE, CHARMAP_ENCODINGS, UTF8_DETECTOR_RE, possible_encoding

    while True:
        if possible_encoding(text, "ascii") or not is_bad(text):
            return text
        one_byte = any(possible_encoding(text, encoding) for encoding in CHARMAP_ENCODINGS)
        if one_byte and _reads_whole_as_utf8(text):
            return ftfy.fix_encoding(text)
        if UTF8_DETECTOR_RE.search(text):
            fixed = _repair_runs(text)
            if fixed != text:
                text = fixed
                continue
        if possible_encoding(text, "latin-1") or C1_CONTROL_RE.search(text):
            return ftfy.fix_encoding(text)  # ftfy's last steps, on the text as it now is
        return text


def _repair_runs(text: str) -> str:
    """ftfy's ``decode_inconsistent_utf8``, each different run repaired once
    (``_repaired_run``).

    The runs are found by ``_run_splitter``'s pattern, which matches where ftfy's
    ``UTF8_DETECTOR_RE`` does, and put back in one join rather than through a call per run
    (thousands a page). Should ftfy's pattern change, its own ``sub`` does the work."""
    splitter = _run_splitter()
    if splitter is None:
        return _repair_runs_by_ftfy_pattern(text)
    pieces = splitter.split(text)  # text between runs, run, text between runs, ...
    runs = pieces[1::2]
    if len(runs) == 1 and len(runs[0]) == len(text):  # as decode_inconsistent_utf8 decides
        return text
    repaired = {run: _repaired_run(run) for run in set(runs)}
    pieces[1::2] = [repaired[run] for run in runs]
    return "".join(pieces)


def _repair_runs_by_ftfy_pattern(text: str) -> str:
    from ftfy.chardata import UTF8_DETECTOR_RE

    def repair(match: re.Match[str]) -> str:
        run = match.group(0)
        if len(run) >= len(text):  # as decode_inconsistent_utf8 decides, with is_bad below
            return run
        return _repaired_run(run)

    return UTF8_DETECTOR_RE.sub(repair, text)


# ftfy's UTF8_DETECTOR_RE as ftfy 6 builds it: a run of mojibake is one or more UTF-8
# sequences as a one-byte encoding shows them, not just after a continuation byte.
_FTFY_RUN = """
    (?<! [{utf8_continuation_strict}])
    (
        [{utf8_first_of_2}] [{utf8_continuation}]
        |
        [{utf8_first_of_3}] [{utf8_continuation}]{{2}}
        |
        [{utf8_first_of_4}] [{utf8_continuation}]{{3}}
    )+
    """
# The same runs, the whole run one group (for ``split``). The pattern opens with a set of
# characters, the lead bytes, so that the regex engine looks for the next one of them
# rather than trying the lookbehind at every character: the lead is taken first, then the
# character before it checked (at the text's start there is none, as in ftfy's), then the
# rest of the first sequence that lead opens, branch by branch in ftfy's order, then the
# other sequences. In verbose mode a set keeps its spaces (the continuations hold one).
_RUN_SPLITTER = """
    (
        [{utf8_first_of_2}{utf8_first_of_3}{utf8_first_of_4}]
        (?<! [{utf8_continuation_strict}] [{utf8_first_of_2}{utf8_first_of_3}{utf8_first_of_4}])
        (?:
            (?<= [{utf8_first_of_2}]) [{utf8_continuation}]
            |
            (?<= [{utf8_first_of_3}]) [{utf8_continuation}]{{2}}
            |
            (?<= [{utf8_first_of_4}]) [{utf8_continuation}]{{3}}
        )
        (?:
            [{utf8_first_of_2}] [{utf8_continuation}]
            |
            [{utf8_first_of_3}] [{utf8_continuation}]{{2}}
            |
            [{utf8_first_of_4}] [{utf8_continuation}]{{3}}
        )*
    )
    """


@cache
def _run_splitter() -> re.Pattern[str] | None:
    """``_RUN_SPLITTER`` compiled, when ftfy's run pattern is the one it was written from
    (compiled once, as ftfy's own pattern is: a constant, no result kept)."""
    from ftfy.chardata import UTF8_CLUES, UTF8_DETECTOR_RE

    if UTF8_DETECTOR_RE.pattern != _FTFY_RUN.format(**UTF8_CLUES) or UTF8_DETECTOR_RE.flags != re.VERBOSE | re.UNICODE:
        return None
    return re.compile(_RUN_SPLITTER.format(**UTF8_CLUES), re.VERBOSE)


@lru_cache(maxsize=4096)
def _repaired_run(run: str) -> str:
    """One run of mojibake as ftfy repairs it: it depends on nothing but the run, and a page
    of mojibake repeats the same few dozen syllables thousands of times (a browser's copy of
    it comes again in other shapes)."""
    import ftfy
    from ftfy.badness import is_bad

    return ftfy.fix_encoding(run) if is_bad(run) else run


def _reads_whole_as_utf8(text: str) -> bool:
    """Whether ftfy's step re-reads the whole text as UTF-8 through a one-byte encoding.

    Asked of ftfy with the run-by-run repair and the C1 controls' switched off (cheap
    without them): its first step is then that re-reading, an encoding followed by a
    decoding as UTF-8, exactly when ftfy's full step would take it (the others come after
    it)."""
    import ftfy

    plan = ftfy.fix_encoding_and_explain(text, decode_inconsistent_utf8=False, fix_c1_controls=False).explanation
    if not plan or plan[0][0] != "encode":
        return False
    decoding = next((step[1] for step in plan if step[0] == "decode"), "")
    return decoding.startswith("utf-8")


def mojibake_words(text: str) -> int:
    """How many of the text's words are still mojibake (``garbled_words``)."""
    return len(garbled_words(text))


def garbled_words(text: str) -> list[str]:
    """The text's words that are still mojibake, in order.

    A word is mojibake where it holds a UTF-8 letter's first two bytes as Latin-1 or
    cp1252 shows them (whatever the script: "Ã©", "á»", "Ð¿"), or where ftfy's own
    measure finds an unlikely sequence in it (``is_bad``; never in a word of ASCII). A text
    with fewer than three such pairs inside its words (``_pairs_inside_words``) is let
    through on one look for them (ftfy's measure over a whole page costs more than the
    page's cleaning)."""
    from ftfy.badness import is_bad

    if count_up_to(_pairs_inside_words(text), _MIN_TELL_TALES) < _MIN_TELL_TALES:
        return []
    words = text.split()
    # Each different word looked at once: a page repeats its words (and a Vietnamese one
    # its syllables) many times over.
    garbled = {word for word in set(words) if not word.isascii() and (_SIGNATURE.search(word.rstrip(_CLOSING)) or is_bad(word))}
    return [word for word in words if word in garbled]


def _pairs_inside_words(text: str) -> Iterator[re.Match[str]]:
    """``_SIGNATURE``'s matches in ``text`` that count in a word: not a letter followed by
    the word's closing punctuation (Vietnamese ``đã”`` closes a quotation), which
    ``garbled_words`` strips before it looks. Such words are common on pages with no
    mojibake at all, and three of them would send every word of the page through ftfy's
    measure."""
    for match in _SIGNATURE.finditer(text):
        end = match.end()
        if text[end - 1] in _CLOSING:
            while end < len(text) and text[end] in _CLOSING:
                end += 1
            if end == len(text) or text[end].isspace():
                continue  # stripped with the word's closing punctuation
        yield match
