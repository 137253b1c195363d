"""Site profiles: what a site prints around its articles, kept as data (TOML files).

A site's profile adds words (and CSS selectors) to the common profile, which is made of one
file per language; a profile never replaces the general rules.
"""

from __future__ import annotations

import copy
import hashlib
import re
import tomllib
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field, replace
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar, cast
from urllib.parse import urlsplit

from publisher.clean.dates import zone_from_offset
from publisher.clean.lines import line_key
from publisher.clean.selectors import Selectors, parse_selectors
from publisher.errors import InputError
from publisher.tomlfile import TomlLocator, explain_toml_error

_COUNT = re.compile(r"^\d+\s*|\s+\d+$")
_PROMOTION_WORDS = 40  # a longer line is a paragraph that may well mention a newsletter
_FORM_LABEL_WORDS = 3
_SIDE_BY_SIDE_WORDS = 8  # two footer links' labels, run together
_LABEL_MIN_WORDS = 2
_SHARE_BAR_WORDS = (2, 6)
# "Cookie" is the word in most languages (Vietnamese, German, French, Spanish...); Russian
# and Japanese also write their own.
_COOKIE_WORD = re.compile("cookie|куки|クッキー", re.IGNORECASE)
# What every text _COOKIE_WORD finds holds, case-folded: "cookie" only up to its "i", which
# the capital I with a dot and the dotless i (U+0130, U+0131) match ignoring case but fold
# to something else.
_COOKIE_WORD_FOLDED = ("cook", "куки", "クッキー")
_COOKIE_NOTICE_WORDS = 90  # a banner's notice: a few sentences
_PAYWALL_NOTICE_WORDS = 60
_THREAD_BUTTONS_WORDS = 6  # "Trả lời với trích dẫn Báo cáo": a post's buttons on one line

_MARKER_PREFIX_WORDS = 4  # "What to read next", "Das könnte Sie auch interessieren"
_MARKER_TAIL_WORDS = 3  # "in Nation", "stories", "from the Times"
_SENTENCE_STOPS = (".", "!", "?", ":")


_key = line_key  # the remembered key itself, without a call around it (asked of every line many times)


# A form as w3m prints it: an empty field in brackets, a button's label in brackets.
_EMPTY_FIELD = re.compile(r"\[\s*\]")
_BUTTON = re.compile(r"\[([^\[\]]+)\]")


def _without_form_boxes(line: str) -> str:
    """``[          ] [Sign up]`` -> ``Sign up``: a text-mode browser's form, its fields and
    its buttons' brackets taken off, so its labels read as any copy prints them."""
    if "[" not in line:
        return line
    return _BUTTON.sub(r"\1", _EMPTY_FIELD.sub(" ", line)).strip()


_Subject = TypeVar("_Subject", bound=Hashable)  # a line, or a line's text
_Answer = TypeVar("_Answer")
_UNASKED = object()


@dataclass(frozen=True)
class SiteProfile:
    name: str
    domains: tuple[str, ...] = ()
    title_suffixes: tuple[str, ...] = ()
    chrome_lines: frozenset[str] = frozenset()
    end_markers: frozenset[str] = frozenset()
    caption_cues: tuple[str, ...] = ()
    attribution_prefixes: tuple[str, ...] = ()
    credit_openers: tuple[str, ...] = ()  # "Photo by", "Courtesy of": a credit line's opening words, a name after them
    byline_prefixes: tuple[str, ...] = ()  # the words before a byline's names ("By", "Von", "Por")
    according_to_prefixes: tuple[str, ...] = ()  # "Theo": a source, or the author when a person's name follows
    agency_prefixes: tuple[str, ...] = ()
    max_subheading_words: int = 16
    thread_lines: frozenset[str] = frozenset()  # lines that mark posts of a forum or Q&A page
    teaser_markers: frozenset[str] = frozenset()  # "Xem tiếp", "Read more": under a story's first paragraph on a homepage
    tag_labels: frozenset[str] = frozenset()  # "Tags", "Từ khóa": the label before a story's tags
    share_calls: frozenset[str] = frozenset()  # "Share", "Teilen": a share button's one-word label
    promotion_openers: tuple[str, ...] = ()  # "Subscribe", "Sign up": a sentence inviting the reader to sign up
    promotion_words: tuple[str, ...] = ()  # "newsletter", "inbox": what it invites to
    unsubscribe_words: tuple[str, ...] = ()  # "unsubscribe": what a sign-up form promises
    cookie_notice_openers: tuple[str, ...] = ()  # "we use", "this site uses": a site telling of its cookies
    paywall_phrases: tuple[str, ...] = ()  # "subscribe to continue reading": the rest of the text is hidden
    required_marks: tuple[str, ...] = ()  # "(required)", "*": after a form field's label
    timezone: str | None = None  # the site's time zone (+07:00), given to dates printed without one
    selectors: Selectors = field(default_factory=Selectors)  # where the site's markup puts an article's parts
    # One page's answers to the questions the rules ask of its lines (``answer``): kept
    # only on a profile made for one page (``for_one_page``), and gone with it.
    page_answers: dict[tuple[Callable[..., Any], Hashable], Any] | None = field(default=None, compare=False, repr=False)

    def for_one_page(self) -> SiteProfile:
        """This profile, to clean one page with: it remembers what the rules ask of the
        page's lines (``answer``), which the shared profile, used for every page, does not."""
        for name in _WORKED_OUT_ONCE:
            getattr(self, name)  # the patterns, worked out on the shared profile, come along in the copy
        page = copy.copy(self)
        page.__dict__["page_answers"] = {}
        return page

    def answer(self, question: Callable[[_Subject, SiteProfile], _Answer], subject: _Subject) -> _Answer:
        """``question(subject, self)``, asked once a page of each line or text where the
        profile is one page's (``for_one_page``): the rules ask the same of a line many
        times (whether it is chrome: four times a line on average)."""
        answers = self.page_answers
        if answers is None:
            return question(subject, self)
        key = (question, subject)
        found = answers.get(key, _UNASKED)
        if found is _UNASKED:
            found = answers[key] = question(subject, self)
        return cast(_Answer, found)

    @cached_property
    def byline_pattern(self) -> re.Pattern[str]:
        """A byline's opening words, longest first, any case: a label ending with a colon,
        or a word followed by a space (``By`` opens ``By Jane``, not ``Bystanders``); a
        colon may follow any of them (``By: Jane Roe``, ``بقلم: أحمد علي``, ``Par : Jean``)."""
        labels = "|".join(re.escape(label) for label in self.byline_prefixes) or "(?!)"
        return re.compile(rf"((?:{labels})(?: ?:(?!:))?)(?:(?<=:)|(?= ))", re.IGNORECASE)

    @cached_property
    def _promotion_pattern(self) -> re.Pattern[str] | None:
        if not self.promotion_openers or not self.promotion_words:
            return None
        openers = "|".join(re.escape(opener) for opener in _longest_first(self.promotion_openers))
        return re.compile(rf"(?:^|[.!?:]\s+)(?:{openers})\b", re.IGNORECASE)

    def is_cookie_notice(self, line: str) -> bool:
        """The site telling the reader of its cookies (``We use cookies to ... By clicking
        Accept, you agree ...``): a banner a browser's copy prints with the page, never the
        text. It names cookies and speaks as the site (``we use``, ``this site uses``); a
        story about cookies reports what others do."""
        if not _COOKIE_WORD.search(line) or len(line.split()) > _COOKIE_NOTICE_WORDS:
            return False  # every line is asked: one look for the word first
        return self._cookie_notice_pattern.search(line.casefold()) is not None

    def is_paywall_notice(self, line: str) -> bool:
        """``Subscribe to continue reading``, ``Réservé aux abonnés``: the site hiding the
        rest of the text from a reader without a subscription, in a short line."""
        if len(line) > _PAYWALL_NOTICE_WORDS * 4 and len(line.split()) > _PAYWALL_NOTICE_WORDS:
            return False  # every line is asked: a paragraph is not searched
        return self._paywall_pattern.search(line.casefold()) is not None

    def may_hold_cookie_notice(self, page_keys: str) -> bool:
        """False where no line of a page can be a cookie notice (``page_keys``: its lines'
        keys joined, ``_words_stand_in_keys``): the page names no cookie. One look over the
        page instead of a pattern's search of every line (which costs as much as the rest of
        a line's rules)."""
        return not self._words_stand_in_keys or any(word in page_keys for word in _COOKIE_WORD_FOLDED)

    def may_hold_paywall_notice(self, page_keys: str) -> bool:
        """False where no line of a page can be a paywall's notice (``page_keys``: its
        lines' keys joined): the page holds none of the phrases. A look for each phrase in
        turn over the whole page costs a sixth of the pattern's search of every line."""
        return not self._words_stand_in_keys or any(phrase in page_keys for phrase in self._folded_paywall_phrases)

    @cached_property
    def _words_stand_in_keys(self) -> bool:
        """Whether the page's looks for the cookie, paywall and promotion words may be made
        in its lines' keys (``line_key``), case-folded already, rather than in its text
        case-folded again: a word that opens and ends with a letter, its words parted by one
        space, stands in a line's key wherever it stands in the line's case-folded text (a
        key only makes each run of white space one space and trims what is no letter from
        its ends). Else every line is asked."""
        unsubscribe_words, promotion_words = self._folded_promotion_words
        words = (*_COOKIE_WORD_FOLDED, *self._folded_paywall_phrases, *unsubscribe_words, *promotion_words)
        return all(word[:1].isalpha() and word[-1:].isalpha() and word.split() == word.split(" ") for word in words)

    @cached_property
    def _folded_paywall_phrases(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(phrase.casefold() for phrase in self.paywall_phrases))

    @cached_property
    def _cookie_notice_pattern(self) -> re.Pattern[str]:
        return _any_phrase(self.cookie_notice_openers)

    @cached_property
    def _paywall_pattern(self) -> re.Pattern[str]:
        return _any_phrase(self.paywall_phrases)

    def is_promotion(self, line: str) -> bool:
        """A short line with a sentence inviting the reader to sign up for the site's mail
        (``Sign up for our daily newsletter``, ``Get the latest news in your inbox. Subscribe
        to ...``)."""
        if len(line.split(None, _PROMOTION_WORDS)) > _PROMOTION_WORDS:
            return False  # words counted up to one past the limit: a paragraph is not split into all its words
        folded = line.casefold()
        unsubscribe_words, promotion_words = self._folded_promotion_words
        if any(word in folded for word in unsubscribe_words):
            return True  # "You can unsubscribe at any time": the sign-up form's promise
        if not any(word in folded for word in promotion_words):
            return False  # what the pattern's opener must invite to: looked for before the pattern's search
        pattern = self._promotion_pattern
        if pattern is None or not pattern.search(line):
            return False
        return any(word in folded for word in promotion_words)

    def may_hold_promotion(self, page_keys: str) -> bool:
        """False where no line of a page can be a promotion (``is_promotion``) or name the
        mail (``names_the_mail``); ``page_keys``: its lines' keys joined
        (``_words_stand_in_keys``). The page names neither the mail nor unsubscribing, as
        most pages do not: one look over the page instead of every line's words counted and
        folded."""
        unsubscribe_words, promotion_words = self._folded_promotion_words
        return not self._words_stand_in_keys or any(word in page_keys for word in (*unsubscribe_words, *promotion_words))

    def names_the_mail(self, line: str) -> bool:
        """A short line that names the site's mail (``newsletter``, ``inbox``): a sign-up
        form's own line (its call, its notices)."""
        if len(line.split()) > _PROMOTION_WORDS:
            return False
        folded = line.casefold()
        return any(word in folded for word in self._folded_promotion_words[1])

    @cached_property
    def _folded_promotion_words(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The unsubscribe and the promotion words case-folded once, not on every line."""
        return tuple(word.casefold() for word in self.unsubscribe_words), tuple(word.casefold() for word in self.promotion_words)

    @cached_property
    def credit_line_openings(self) -> tuple[str, ...]:
        """What opens a credit line of its own (``Photo by Jane Roe``, ``Ảnh: Lê Hiếu``): a
        credit's opening words and a space, or a caption cue that ends with its colon. Put
        together once a profile, not once a line and opener."""
        return (*(f"{opener} " for opener in self.credit_openers), *(cue for cue in self.caption_cues if cue.endswith(":")))

    @cached_property
    def caption_cue_pattern(self) -> re.Pattern[str]:
        """Any of the caption cues, anywhere in a line: one search, not one look per cue."""
        return re.compile("|".join(re.escape(cue) for cue in self.caption_cues) or "(?!)")

    @cached_property
    def _label_openings(self) -> frozenset[str]:
        """The first two words of each chrome label of two words or more: a line whose
        first two words open none is no two labels side by side (the one look most take)."""
        return frozenset(
            " ".join(label.split()[:_LABEL_MIN_WORDS]) for label in self.chrome_lines if len(label.split()) >= _LABEL_MIN_WORDS
        )

    @cached_property
    def _required_marks(self) -> tuple[tuple[str, ...], str]:
        """The marks in lower case, and the characters they end with (most lines end with
        none of them)."""
        marks = tuple(mark.casefold() for mark in self.required_marks if mark)
        return marks, "".join({mark[-1] for mark in marks})

    def is_form_label(self, line: str) -> bool:
        """``Comment(required)``, ``Name *``: a form's field label, a word or three and the
        mark of a field one must fill in."""
        marks, ends = self._required_marks
        text = line.strip()
        if not text or text[-1].casefold() not in ends:
            return False
        folded = text.casefold()
        for mark in marks:
            if folded.endswith(mark):
                label = text[: len(text) - len(mark)].strip()
                words = label.split()
                # Words of letters only: "– Man**" is a name masked with stars, not a label.
                return 1 <= len(words) <= _FORM_LABEL_WORDS and all(word.replace("-", "").isalpha() for word in words)
        return False

    def is_thread_line(self, line: str) -> bool:
        """A forum's or a Q&A page's marker line (``Reply``, ``Trả lời``), or its buttons run
        together on one line (``Reply Quote``, ``Trả lời | Trích dẫn``): every part one."""
        key = _key(line)
        if key in self.thread_lines:
            return True
        if "|" in key or "·" in key or "•" in key:
            parts = [part.strip() for part in re.split(r"\s*[|·•]\s*", key) if part.strip()]
            return len(parts) > 1 and all(part in self.thread_lines for part in parts)
        # A key's words are parted by one space each: counted before the key is split.
        if not 1 <= key.count(" ") < _THREAD_BUTTONS_WORDS:
            return False
        words = key.split()
        if words and words[0] not in self._thread_line_openers:
            return False  # no marker opens with the line's first word: it is no run of them
        return all(word in self.thread_lines for word in words) or any(
            " ".join(words[:cut]) in self.thread_lines and " ".join(words[cut:]) in self.thread_lines
            for cut in range(1, len(words))
        )

    @cached_property
    def _end_marker_openers(self) -> frozenset[str]:
        """The first word of each end marker."""
        return frozenset(words[0] for words in map(str.split, self.end_markers) if words)

    @cached_property
    def _thread_line_openers(self) -> frozenset[str]:
        """The first word of each marker line (of a one-word marker, the word itself)."""
        return frozenset(words[0] for words in map(str.split, self.thread_lines) if words)

    def is_chrome(self, line: str) -> bool:
        """A chrome line, or a line of chrome labels run together with bars and counts
        ("Posted in News | Permalink | 10 Comments"), with commas, or side by side
        ("Terms of Service Privacy Notice")."""
        return self.answer(_is_chrome, line)

    def _two_labels_side_by_side(self, key: str) -> bool:
        """Two chrome labels of two words or more each, printed on one line (a footer's
        links, which a copy runs together): a label of one word is too often a word of
        a subheading ("Video", "Search")."""
        words = key.split()
        if len(words) > _SIDE_BY_SIDE_WORDS or " ".join(words[:_LABEL_MIN_WORDS]) not in self._label_openings:
            return False
        return any(
            " ".join(words[:cut]) in self.chrome_lines and " ".join(words[cut:]) in self.chrome_lines
            for cut in range(_LABEL_MIN_WORDS, len(words) - _LABEL_MIN_WORDS + 1)
        )

    def _share_bar(self, key: str) -> bool:
        """A share bar's buttons run together on one line (``Share Tweet Submit``): two
        to six words, each a label of one word on its own, one of them a call to share.
        Words that are each a label do make a subheading now and then (``Print
        Advertising``); one that calls to share does not."""
        words = key.split()
        if not _SHARE_BAR_WORDS[0] <= len(words) <= _SHARE_BAR_WORDS[1] or not self.share_calls.intersection(words):
            return False
        return all(word in self.chrome_lines for word in words)

    def is_teaser_marker(self, line: str) -> bool:
        return _key(line) in self.teaser_markers

    def is_end_marker(self, line: str) -> bool:
        return _key(line) in self.end_markers

    def opens_with_end_marker(self, line: str) -> bool:
        """An end marker with a few words after it naming the box: "Top stories in Nation",
        "Most read stories", "More from the Times"; not a sentence, nor a link set inline
        ("Related: Another story's headline")."""
        key = _key(line)
        # A key's words are parted by one space each: counted before the key is split.
        if key.count(" ") >= _MARKER_PREFIX_WORDS + _MARKER_TAIL_WORDS or line.rstrip().endswith(_SENTENCE_STOPS):
            return False
        words = key.split()
        if not words or words[0] not in self._end_marker_openers:
            return False  # no marker opens with the line's first word (most lines)
        for size in range(1, min(len(words), _MARKER_PREFIX_WORDS + 1)):
            if " ".join(words[:size]) in self.end_markers and len(words) - size <= _MARKER_TAIL_WORDS:
                return True
        return False

    def merged_with(self, site: SiteProfile) -> SiteProfile:
        """This (common) profile with a site's words added (or another common file's); one
        page's profile merged is that page's too."""
        merged = SiteProfile(
            name=site.name,
            domains=site.domains,
            title_suffixes=site.title_suffixes,
            chrome_lines=self.chrome_lines | site.chrome_lines,
            end_markers=self.end_markers | site.end_markers,
            caption_cues=self.caption_cues + site.caption_cues,
            attribution_prefixes=self.attribution_prefixes + site.attribution_prefixes,
            credit_openers=self.credit_openers + site.credit_openers,
            byline_prefixes=_longest_first(self.byline_prefixes + site.byline_prefixes),
            according_to_prefixes=self.according_to_prefixes + site.according_to_prefixes,
            agency_prefixes=self.agency_prefixes + site.agency_prefixes,
            max_subheading_words=site.max_subheading_words or self.max_subheading_words,
            thread_lines=self.thread_lines | site.thread_lines,
            teaser_markers=self.teaser_markers | site.teaser_markers,
            tag_labels=self.tag_labels | site.tag_labels,
            share_calls=self.share_calls | site.share_calls,
            promotion_openers=self.promotion_openers + site.promotion_openers,
            promotion_words=self.promotion_words + site.promotion_words,
            unsubscribe_words=self.unsubscribe_words + site.unsubscribe_words,
            cookie_notice_openers=self.cookie_notice_openers + site.cookie_notice_openers,
            paywall_phrases=self.paywall_phrases + site.paywall_phrases,
            required_marks=self.required_marks + site.required_marks,
            timezone=site.timezone or self.timezone,
            selectors=site.selectors,
        )
        return merged if self.page_answers is None else merged.for_one_page()


# A profile's patterns and word sets made of its lists (``cached_property``): worked out
# once a profile, not once a page.
_WORKED_OUT_ONCE = tuple(name for name, value in vars(SiteProfile).items() if isinstance(value, cached_property))


def _is_chrome(line: str, profile: SiteProfile) -> bool:
    """``SiteProfile.is_chrome``, worked out."""
    unboxed = _without_form_boxes(line)
    key = _key(unboxed)
    if not key and unboxed != line.strip():
        return True  # a form's empty fields alone ("[ ]"), as w3m prints them
    chrome = profile.chrome_lines
    # The count is taken off only where the key opens or ends with a digit (str.isdecimal is
    # what the pattern's \d matches).
    if key in chrome or ((key[:1].isdecimal() or key[-1:].isdecimal()) and _COUNT.sub("", key) in chrome):
        return True  # "0 Bình luận", "0CHIA SẺ": a widget's label after its count
    if "," in key and all(part.strip() in chrome for part in key.split(",")):
        return True
    if "|" not in key:
        # Labels side by side and a share bar are two to eight words, parted by one space
        # each in a key: counted before the key is split (most lines are longer or shorter).
        if not 1 <= key.count(" ") < max(_SIDE_BY_SIDE_WORDS, _SHARE_BAR_WORDS[1]):
            return False
        return profile._two_labels_side_by_side(key) or profile._share_bar(key)
    parts = [_COUNT.sub("", part.strip()).strip() for part in key.split("|")]
    return sum(part in chrome for part in parts if part) >= max(2, len(parts) - 1)


@dataclass(frozen=True)
class ProfileSet:
    common: SiteProfile
    sites: tuple[SiteProfile, ...]
    # The digest of the profiles' files: what a cache of cleaned articles is keyed by (the
    # sets' own repr changes order from one process to the next).
    source_digest: str = field(default="", compare=False)

    def for_one_page(self) -> ProfileSet:
        """The profiles to clean one page with (``SiteProfile.for_one_page``)."""
        return replace(self, common=self.common.for_one_page())

    def for_site_name(self, name: str | None) -> SiteProfile:
        """The common profile merged with the site whose title suffix is ``name``."""
        if name:
            wanted = _key(name)
            for site in self.sites:
                if wanted in {_key(s) for s in site.title_suffixes} or wanted == _key(site.name):
                    return self.common.merged_with(site)
        return self.common

    def for_address(self, url: str | None) -> SiteProfile | None:
        """The common profile merged with the site whose domain serves ``url``."""
        host = (urlsplit(url).hostname or "").lower() if url else ""
        if not host:
            return None
        for site in self.sites:
            if any(host == domain.lower() or host.endswith("." + domain.lower()) for domain in site.domains):
                return self.common.merged_with(site)
        return None

    def known_site_names(self) -> frozenset[str]:
        return frozenset(_key(s) for site in self.sites for s in (site.name, *site.title_suffixes))


def parse_profile(text: str, origin: str) -> SiteProfile:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line, column, message = explain_toml_error(str(error), text)
        where = f" (column {column})" if column else ""
        raise InputError(f"invalid site profile{where}: {message}", origin, line) from None
    fields = _ProfileFields(data, origin, TomlLocator(text).lines)
    return SiteProfile(
        name=fields.text("site", "name") or origin,
        domains=fields.strings("site", "domains"),
        title_suffixes=fields.strings("site", "title_suffixes"),
        chrome_lines=frozenset(_key(s) for s in fields.strings("chrome", "lines")),
        end_markers=frozenset(_key(s) for s in fields.strings("chrome", "end_markers")),
        caption_cues=fields.strings("structure", "caption_cues"),
        attribution_prefixes=fields.strings("structure", "attribution_prefixes"),
        credit_openers=fields.strings("structure", "credit_openers"),
        byline_prefixes=_longest_first(fields.strings("structure", "byline_prefixes")),
        according_to_prefixes=fields.strings("structure", "according_to_prefixes"),
        agency_prefixes=fields.strings("structure", "agency_prefixes"),
        max_subheading_words=fields.count("structure", "max_subheading_words"),
        thread_lines=frozenset(_key(s) for s in fields.strings("not_article", "thread_lines")),
        teaser_markers=frozenset(_key(s) for s in fields.strings("not_article", "teaser_markers")),
        tag_labels=frozenset(_key(s) for s in fields.strings("chrome", "tag_labels")),
        share_calls=frozenset(_key(s) for s in fields.strings("chrome", "share_calls")),
        promotion_openers=fields.strings("chrome", "promotion_openers"),
        promotion_words=fields.strings("chrome", "promotion_words"),
        unsubscribe_words=fields.strings("chrome", "unsubscribe_words"),
        cookie_notice_openers=fields.strings("chrome", "cookie_notice_openers"),
        paywall_phrases=fields.strings("chrome", "paywall_phrases"),
        required_marks=fields.strings("chrome", "required_marks"),
        timezone=fields.utc_offset("site", "timezone"),
        selectors=parse_selectors(data.get("selectors"), origin),
    )


class _ProfileFields:
    """A profile's values, each checked for its kind: a wrong one is the user's error, named."""

    def __init__(self, data: dict[str, Any], origin: str, lines: dict[Any, int]) -> None:
        self._data = data
        self._origin = origin
        self._lines = lines

    def _fail(self, table: str, key: str, message: str) -> InputError:
        line = self._lines.get((table, key)) or self._lines.get((table,))
        return InputError(f"[{table}] {message}", self._origin, line)

    def _value(self, table: str, key: str) -> Any:
        section = self._data.get(table, {})
        if not isinstance(section, dict):
            raise self._fail(table, "", "must be a table of keys")
        return section.get(key)

    def strings(self, table: str, key: str) -> tuple[str, ...]:
        value = self._value(table, key)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self._fail(table, key, f"{key} must be a list of text in quotes")
        return tuple(value)

    def text(self, table: str, key: str) -> str | None:
        value = self._value(table, key)
        if value is not None and not isinstance(value, str):
            raise self._fail(table, key, f"{key} must be text in quotes")
        return value

    def utc_offset(self, table: str, key: str) -> str | None:
        value = self.text(table, key)
        if value is not None:
            try:
                zone_from_offset(value)
            except ValueError:
                raise self._fail(table, key, f"{key} must be a UTC offset such as \"+07:00\", not {value!r}") from None
        return value

    def count(self, table: str, key: str) -> int:
        value = self._value(table, key)
        if value is None:
            return 0
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise self._fail(table, key, f"{key} must be a whole number, 0 or more")
        return value


def _read_profile(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read the site profile: {error}", path) from None


def _any_phrase(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for a list of phrases, for a line casefolded first: a line is searched
    once, not once a phrase, and without IGNORECASE, which makes a search of many phrases
    several times slower. A list left empty matches nothing."""
    folded = (phrase.casefold() for phrase in _longest_first(phrases))
    return re.compile("|".join(re.escape(phrase) for phrase in folded) or "(?!)")


def _longest_first(prefixes: tuple[str, ...]) -> tuple[str, ...]:
    """"Written by" is tried before "By"."""
    return tuple(sorted(dict.fromkeys(prefixes), key=len, reverse=True))


def load_profiles(extra_dirs: tuple[Path, ...] = ()) -> ProfileSet:
    """The shipped profiles, plus any ``*.toml`` in ``extra_dirs`` (a user's own sites)."""
    common: SiteProfile | None = None
    sites: list[SiteProfile] = []
    shipped = resources.files("publisher") / "profiles"
    sources = [(entry.name, entry.read_text(encoding="utf-8")) for entry in shipped.iterdir() if entry.name.endswith(".toml")]
    for folder in extra_dirs:
        if not folder.is_dir():
            raise InputError("no such folder of site profiles", folder)
        sources += [(str(p), _read_profile(p)) for p in sorted(folder.glob("*.toml"))]
    for origin, text in sorted(sources, key=lambda item: item[0]):
        profile = parse_profile(text, origin)
        if profile.name == "common":
            # Several files make the common profile: one per language's words.
            common = profile if common is None else common.merged_with(profile)
        else:
            sites.append(profile)
    if common is None:
        raise AssertionError("the common profile ships with publisher")
    fingerprint = hashlib.sha256(repr(sorted(sources)).encode("utf-8")).hexdigest()
    return ProfileSet(common=common, sites=tuple(sites), source_digest=fingerprint)
