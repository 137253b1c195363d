"""The extractor's main text as a floor under the cleaned body.

A strong general-purpose extractor (trafilatura) finds the main text of pages from any
site, in any language. The page rules know more than it does (the lead, captions, the
byline) and take off what it lets through, but where they lose the article's text (a
headline found in the wrong place, an end marker that is not one) the extractor's text
is put back: the cleaned body never holds less of the main text than the extractor gave.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from lxml import etree

from publisher.clean.explain import CleanResult
from publisher.clean.lines import data_row, line_key
from publisher.clean.unicode import folded, tidy_line
from publisher.clean.words import comparison_words
from publisher.model import Article, Block, Figure, Heading, ListBlock, Paragraph, Quote

KEY_PREFIX = 60  # characters of a line compared with the extractor's blocks
# The extractor's block elements (trafilatura's XML) and the blocks they make.
_BLOCK_TAGS = {"p": "paragraph", "head": "heading", "item": "item", "quote": "quote", "cell": "paragraph"}
# How much of the extractor's text the cleaned body must hold before the rules' verdict is
# trusted as it is; below it, the extractor's missing blocks are put back.
_COVERAGE = 0.9
_LOST = 0.5
_CONTINUING_WORDS = 15
_PRESENT = 0.5  # share of a block's word triples in the body that makes it present
_CONTAINED_MIN = 40  # characters of a line found inside a block of the extractor's
_WORD = re.compile(r"\w+")
_HEAD_WORDS_LEFT = 1  # a byline's word ("By", "Theo") beside the names the head gives
_LINE_BREAKS = re.compile(r"\s*\n\s*")


@dataclass(frozen=True)
class ExtractedBlock:
    kind: str  # paragraph, heading, item, quote
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class ExtractedText:
    blocks: tuple[ExtractedBlock, ...]
    rows: tuple[str, ...] = ()  # its tables' rows of data, each as one line

    @classmethod
    def from_tree(cls, body: etree._Element) -> ExtractedText:
        for line_break in body.iter("lb"):  # the extractor's own tree, not the page's
            line_break.text = "\n"
        blocks = []
        rows = []
        for element in body.iter(*_BLOCK_TAGS, "row"):
            tag = element.tag
            if not isinstance(tag, str):  # never: the elements are those of the tags asked for
                continue
            if tag == "row":
                # A row of data, which the page's lines may read as one (pagelines.py): its
                # cells stay the blocks, and the row as one line is held too.
                if (joined := _data_row(element)) is not None:
                    rows.append(joined)
                continue
            if tag == "p" and (parent := element.getparent()) is not None and parent.tag in ("quote", "item", "cell"):
                continue  # read with its container
            # A line break inside a block (<lb/>, or the page's own newlines) parts what the
            # page shows as separate lines.
            for part in _LINE_BREAKS.split("".join(element.itertext())):
                text = unicodedata.normalize("NFC", tidy_line(part))
                if text:
                    blocks.append(ExtractedBlock(_BLOCK_TAGS[tag], text))
        return cls(tuple(blocks), tuple(rows))

    def keys(self, prefix: int) -> frozenset[str]:
        """The beginnings of its blocks, as lines are compared."""
        return frozenset(line_key(block.text)[:prefix] for block in self.blocks)

    @cached_property
    def _joined(self) -> str:
        return "\n".join(line_key(block.text) for block in self.blocks)

    @cached_property
    def _starts(self) -> frozenset[str]:
        return self.keys(KEY_PREFIX) | {line_key(row)[:KEY_PREFIX] for row in self.rows}

    def holds(self, text: str) -> bool:
        """Whether the extractor took ``text`` (a line of the page) for main text: a block
        begins with it, or, for a line long enough not to match by chance, a block holds
        it (the extractor joins lines a page parts with <br>)."""
        key = line_key(text)
        if key[:KEY_PREFIX] in self._starts:
            return True
        return len(key) >= _CONTAINED_MIN and key in self._joined

    @property
    def words(self) -> int:
        return sum(block.words for block in self.blocks)


def restore_floor(result: CleanResult, extracted: ExtractedText, prefix: int = KEY_PREFIX) -> CleanResult:
    """``result`` with the extractor's blocks it lost put back. Blocks the rules recognised
    as something other than the text (a byline, a caption, the headline, a date) stay out.

    Where the body holds less than ``_COVERAGE`` of the extractor's text, the blocks it
    lost between the first and the last block it kept go back (the rules cut a paragraph
    out of the text); where it holds less than ``_LOST``, every block it lost does (the
    rules found the article in the wrong place, or cut it short). Beyond its own span the
    extractor also takes other stories' teasers, which the rules rightly leave out.
    """
    article = result.article
    kept = _grams(_article_texts(article))
    present = [_share_in(block.text, kept) >= _PRESENT for block in extracted.blocks]
    total = sum(block.words for block in extracted.blocks if block.kind != "heading")
    lost = sum(block.words for block, here in zip(extracted.blocks, present, strict=True) if not here and block.kind != "heading")
    if total == 0 or lost <= (1 - _COVERAGE) * total:
        return result
    span = range(len(present))
    if lost <= (1 - _LOST) * total and any(present):
        first = present.index(True)
        end = len(present) - present[::-1].index(True)
        while end < len(present) and _continues_the_text(extracted.blocks[end]):
            end += 1
        span = range(first, end)
    recognised = _grams(d.text for d in result.dropped if d.rule in _RECOGNISED_RULES or d.rule.startswith("chrome"))
    restore = [
        block
        for index, (block, here) in enumerate(zip(extracted.blocks, present, strict=True))
        if not here and index in span and _share_in(block.text, recognised) < _PRESENT and _is_text(block)
        and not _is_head(block.text, article)
    ]
    if not restore:
        return result
    body = _merged(list(article.body), extracted, _article_keys(article, prefix), restore, prefix)
    return dataclasses.replace(
        result,
        article=dataclasses.replace(article, body=tuple(body)),
        warnings=(
            *result.warnings,
            f"{len(restore)} block(s) of the page's main text put back (the page rules had left them out)",
        ),
    )


def _is_head(text: str, article: Article) -> bool:
    """Whether ``text`` is the article's head printed again: its headline, its date as
    printed and its byline, alone or run together (an extractor joins a headline and the
    date under it when the page sets them in one box). What the head holds is known; a
    block with a word of its own beyond the byline's (``By``, ``Theo``) is text, and so is
    one that holds only a one-word part (a short name may be a word of a sentence)."""
    block = folded(text)
    parts = [article.title, *article.authors, article.published.printed if article.published else ""]
    keys = sorted((folded(part) for part in parts), key=len, reverse=True)
    if len(block.split()) >= 2 and any(block in key for key in keys):
        return True  # a piece of the head (the date line's "Updated ..." set in a box of its own)
    rest = block
    for key in keys:
        if len(key.split()) >= 2:
            rest = rest.replace(key, " ")
    if rest == block:
        return False
    return len(_WORD.findall(rest)) <= _HEAD_WORDS_LEFT


def _article_texts(article: Article) -> list[str]:
    return [article.title, article.lead or "", *(text for block in article.body for text in block_texts(block))]


def _trigrams(text: str) -> set[tuple[str, ...]]:
    words = comparison_words(text.casefold())
    return set(zip(words, words[1:], words[2:], strict=False)) or ({tuple(words)} if words else set())


def _grams(texts: Iterable[str]) -> set[tuple[str, ...]]:
    found: set[tuple[str, ...]] = set()
    for text in texts:
        found |= _trigrams(text)
    return found


def _share_in(text: str, grams: set[tuple[str, ...]]) -> float:
    """How much of ``text`` (its word triples) ``grams`` holds: the body may part and
    join the extractor's blocks differently."""
    own = _trigrams(text)
    return len(own & grams) / len(own) if own else 1.0


def _continues_the_text(block: ExtractedBlock) -> bool:
    """A block right after the last one the body kept that reads as more of the text:
    a paragraph of full sentences, as another story's teaser rarely is."""
    return block.kind == "paragraph" and block.words >= _CONTINUING_WORDS and block.text.rstrip()[-1:] in ".!?\"”"


def _is_text(block: ExtractedBlock) -> bool:
    """Words, not a figure of a table or a lone label."""
    letters = sum(ch.isalpha() for ch in block.text)
    return letters >= 0.5 * len(block.text.replace(" ", "")) and (block.words >= 2 or block.kind == "item")


def _article_keys(article: Article, prefix: int) -> set[str]:
    return {line_key(text)[:prefix] for text in _article_texts(article) if text}


_RECOGNISED_RULES = frozenset({
    "above the title",
    "after the byline",
    "link to another story",
    "the headline again",
    "the site's promotion (sign-up, newsletter, membership)",
    "contact line (an address or a handle)",
    "byline above the text (read as the authors)",
    "byline above the text (the author's box)",
    "the byline printed again (an author's box)",
    "date stamp in the text (read as the date)",
    "date line under the headline (another date of the story)",
    "the post's meta line (counts, section, byline)",
    "a photo gallery's counter",
    "site name ending the page title",
    "page title (the title repeats below)",
})


def _data_row(row: etree._Element) -> str | None:
    """The extractor's row of data as one line (``data_row``): cells of text alone, as a
    saved page's rows of data are read."""
    texts = []
    for cell in row:
        if cell.tag != "cell" or len(cell):  # a paragraph, a list, a line break inside: a layout's cell
            return None
        texts.append(unicodedata.normalize("NFC", tidy_line(cell.text or "")))
    return data_row(texts)


def block_texts(block: Block) -> list[str]:
    if isinstance(block, ListBlock):
        return list(block.items)
    if isinstance(block, Figure):
        return [block.caption]
    return [block.text]


def _merged(
    body: list[Block], extracted: ExtractedText, kept: set[str], restore: list[ExtractedBlock], prefix: int
) -> list[Block]:
    """The body with ``restore`` inserted where the extractor has them: after the block
    the extractor puts before them."""
    wanted = {id(block) for block in restore}
    position = {line_key(text)[:prefix]: index for index, block in enumerate(body) for text in block_texts(block)}
    inserted: dict[int, list[Block]] = {}
    anchor = -1
    for block in extracted.blocks:
        key = line_key(block.text)[:prefix]
        if key in position:
            anchor = position[key]
        elif id(block) in wanted:
            inserted.setdefault(anchor, []).append(_as_block(block))
    merged = list(inserted.get(-1, []))
    for index, body_block in enumerate(body):
        merged.append(body_block)
        merged.extend(inserted.get(index, []))
    return merged


def _as_block(block: ExtractedBlock) -> Block:
    if block.kind == "heading":
        return Heading(block.text)
    if block.kind == "quote":
        return Quote(block.text)
    if block.kind == "item":
        return ListBlock(items=(block.text,))
    return Paragraph(block.text)
