"""Page furniture inside the article's span of a saved page: what stands between the
headline and the text (share buttons, the author's box, "most popular" lists, a comment
form), and the short labels between paragraphs ("Advertisement", "Enlarge image").

The evidence is the extractor's: a line it did not take for the main text, that is no
paragraph (too short, or a link) and that no markup or rule marks as part of an article
(a picture and its caption, a date, a byline, the lead, a subheading), is furniture. A
paragraph the extractor missed stays: its verdict is evidence, not the result.
"""

from __future__ import annotations

from publisher.clean.dates import parse_date_line
from publisher.clean.explain import Dropped
from publisher.clean.lines import Line, ends_sentence
from publisher.clean.names import looks_like_names
from publisher.clean.profiles import SiteProfile
from publisher.clean.shapes import (
    has_agency_prefix,
    has_caption_cue,
    is_attribution,
)

# The extractor's share of the span's paragraphs below which its verdict is no evidence
# of what is furniture (it found another part of the page, or little of this one).
_HEALTHY_SHARE = 0.4
_STRUCTURE_HINTS = frozenset({"caption", "lead", "author", "source", "subtitle", "date"})
_OTHER_CONTENT_HINTS = frozenset({"related", "comment", "promo"})
# Paragraphs in a row the extractor may skip inside its text and still be put back; a
# longer run is another part of the page (a comment form between the text and a box the
# extractor took).
_GAP_LINES = 5
_CAPTION_WORDS = 25  # longest caption a picture inside the text keeps when the extractor left it out
# The lead may stand this many lines under the headline (a kicker or a share line between).
_LEAD_DISTANCE = 2
_BYLINE_WORDS = 8
# Paragraphs of the extractor's text, and the share of them set in heading elements, from
# which headings are the page's way of setting its text, not subheadings.
_HEADING_TEXT_LINES = 3
_HEADING_TEXT_SHARE = 0.5


def drop_furniture(region: list[Line], profile: SiteProfile, dropped: list[Dropped]) -> list[Line]:
    """``region`` (the lines under the headline, to the article's end) without furniture."""
    mains = [i for i, line in enumerate(region) if line.main]
    if not mains or not _extractor_is_healthy(region):
        return region
    first_main, last_main = mains[0], mains[-1]
    gaps = _gaps(region, first_main, last_main)
    headings_are_text = _headings_are_text(region)
    kept = []
    for index, line in enumerate(region):
        if index < first_main:
            keep = _opens_article(region, index, profile)
            reason = "between the headline and the text (page furniture)"
        else:
            keep = (
                line.main
                or index > last_main
                or index in gaps
                or (_structure(line, profile) and not (headings_are_text and line.kind == "heading"))
                or _subheading(region, index, profile)
                or _caption_inside(region, index, last_main)
            )
            reason = "not in the main text (page furniture)"
        if keep:
            kept.append(line)
        else:
            dropped.append(Dropped(line.number, line.text or f"[image {line.src}]", reason))
    return kept


def _extractor_is_healthy(region: list[Line]) -> bool:
    prose = sum(line.words for line in region if line.is_body_prose)
    taken = sum(line.words for line in region if line.main and line.is_body_prose)
    return prose > 0 and taken >= _HEALTHY_SHARE * prose


def _headings_are_text(region: list[Line]) -> bool:
    """The markup sets the text itself in headings: most of the paragraphs the extractor
    took are heading elements. Being a heading then says nothing of a line, and a heading
    the extractor left out inside its text is furniture like any other line (a video's
    title between the paragraphs), not a subheading."""
    taken = [line for line in region if line.main and line.is_body_prose]
    return len(taken) >= _HEADING_TEXT_LINES and sum(line.kind == "heading" for line in taken) > _HEADING_TEXT_SHARE * len(taken)


def _structure(line: Line, profile: SiteProfile) -> bool:
    """A picture, its caption, a subheading, a date or a byline: parts of an article that
    extractors leave out."""
    if line.is_image or (line.kind == "heading" and not line.link):
        return True
    if _OTHER_CONTENT_HINTS & line.hints:
        return False
    if line.hints & _STRUCTURE_HINTS and not line.link:
        return True
    text = line.text
    return bool(parse_date_line(text) or has_caption_cue(text, profile) or is_attribution(text, profile))


def _caption_inside(region: list[Line], index: int, last_main: int) -> bool:
    """A short line right under a picture, inside the extractor's own text: the picture's
    caption, which extractors leave out (some keep a series' captions and drop one where
    the same picture's caption or alt text is printed elsewhere on the page)."""
    line = region[index]
    above = region[index - 1] if index else None
    return (
        index < last_main and above is not None and above.is_image and not above.link and not line.link
        and line.kind == "text" and 0 < line.words <= _CAPTION_WORDS and not _OTHER_CONTENT_HINTS & line.hints
    )


def _subheading(region: list[Line], index: int, profile: SiteProfile) -> bool:
    """A short bold line the text goes on under: the extractor leaves out subheadings set
    in bold rather than in a heading tag."""
    line = region[index]
    following = next((other for other in region[index + 1 :] if not other.is_image), None)
    return (
        line.bold and not line.link and line.words <= profile.max_subheading_words and not ends_sentence(line.text)
        and following is not None and bool(following.main) and following.is_prose
    )


def _opens_article(region: list[Line], index: int, profile: SiteProfile) -> bool:
    """Between the headline and the text: the date, the byline, a picture and its caption,
    and the lead (marked as one, or the first paragraph under the headline)."""
    line = region[index]
    if line.is_image or (_structure(line, profile) and line.kind != "heading"):
        return True
    above = [other for other in region[:index] if not other.is_image and not _structure(other, profile)]
    if _names_alone(line) and not _OTHER_CONTENT_HINTS & line.hints and len(above) <= _LEAD_DISTANCE:
        # A byline right under the headline (often a link to the author's page): one line.
        return not any(_names_alone(other) for other in above)
    if line.link or _OTHER_CONTENT_HINTS & line.hints:
        return False
    if has_agency_prefix(line.text, profile):
        return True
    return line.is_body_prose and len(above) <= _LEAD_DISTANCE


def _names_alone(line: Line) -> bool:
    """A byline without a byline's words or markup (``Shin Hee``, ``Long Trần - Theo ...``)."""
    if line.kind == "heading" or line.words > _BYLINE_WORDS or ends_sentence(line.text.rstrip(".")):
        return False
    return looks_like_names(line.text.replace(" - ", " , "))


def _gaps(region: list[Line], first_main: int, last_main: int) -> set[int]:
    """Paragraphs the extractor skipped inside its own text: runs of prose (pictures and
    captions between them) with the extractor's text on both sides."""
    gaps: set[int] = set()
    run: list[int] = []
    for index in range(first_main, last_main + 1):
        line = region[index]
        if line.main and not line.is_prose and index > 0 and region[index - 1].is_image:
            continue  # the caption of a picture inside the gap: the gap goes on under it
        if line.main:
            if line.is_prose and len(run) <= _GAP_LINES:
                gaps.update(run)
            run = []
        elif line.is_prose and not line.link and not (_OTHER_CONTENT_HINTS & line.hints):
            run.append(index)
        elif not (line.is_image or "caption" in line.hints):
            run = []
    return gaps
