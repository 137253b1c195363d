"""What templates see: the publication with anchors, numbers and file names worked out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from publisher.model import Article, Block, Figure, Heading, ListBlock, Paragraph, Publication, Quote
from publisher.render.quotes import typographic_article

_KINDS = {Paragraph: "paragraph", Heading: "heading", Figure: "figure", Quote: "quote", ListBlock: "list"}
ImageHref = Callable[[Figure], str | None]


def _no_image(figure: Figure) -> str | None:
    return None


@dataclass(frozen=True)
class BlockView:
    kind: str
    block: Block
    anchor: str
    image_href: str | None = None  # where this format finds the figure's image


@dataclass(frozen=True)
class ArticleView:
    article: Article
    number: int
    anchor: str
    chapter_file: str
    blocks: tuple[BlockView, ...]

    @property
    def headings(self) -> tuple[BlockView, ...]:
        return tuple(view for view in self.blocks if view.kind == "heading")


@dataclass(frozen=True)
class SectionView:
    title: str | None
    anchor: str
    articles: tuple[ArticleView, ...]
    continued: bool = False  # the rest of a section begun in an earlier part of the document


@dataclass(frozen=True)
class PublicationView:
    publication: Publication
    sections: tuple[SectionView, ...]

    @property
    def articles(self) -> tuple[ArticleView, ...]:
        return tuple(article for section in self.sections for article in section.articles)

    @property
    def titled_sections(self) -> bool:
        return any(section.title for section in self.sections)

    @property
    def date(self) -> datetime | None:
        return self.publication.date


def publication_view(publication: Publication, image_href: ImageHref = _no_image) -> PublicationView:
    """Anchors: ``article-N`` for article heads, ``article-N-hK`` for subheadings and
    ``article-N-bK`` for other blocks, so print pages can be mapped back to the text."""
    sections = []
    number = 0
    for section_number, (section, articles) in enumerate(publication.grouped(), start=1):
        views = []
        for article in articles:
            number += 1
            views.append(_article_view(article, number, image_href))
        sections.append(SectionView(title=section.title, anchor=f"section-{section_number}", articles=tuple(views)))
    return PublicationView(publication=publication, sections=tuple(sections))


def _article_view(article: Article, number: int, image_href: ImageHref) -> ArticleView:
    """The article as printed: typographic quotes for its language (the Markdown keeps
    what the cleaner wrote)."""
    article = typographic_article(article)
    anchor = f"article-{number}"
    blocks = []
    headings = 0
    for index, block in enumerate(article.body, start=1):
        if isinstance(block, Heading):
            headings += 1
            block_anchor = f"{anchor}-h{headings}"
        else:
            block_anchor = f"{anchor}-b{index}"
        href = image_href(block) if isinstance(block, Figure) and block.image else None
        blocks.append(BlockView(kind=_KINDS[type(block)], block=block, anchor=block_anchor, image_href=href))
    return ArticleView(article=article, number=number, anchor=anchor, chapter_file=f"article-{number:03d}.xhtml",
                       blocks=tuple(blocks))
