"""What templates see: the publication with anchors, numbers and file names worked out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from publisher.model import Article, Block, Figure, Heading, ListBlock, Paragraph, Publication, Quote

_KINDS = {Paragraph: "paragraph", Heading: "heading", Figure: "figure", Quote: "quote", ListBlock: "list"}


@dataclass(frozen=True)
class BlockView:
    kind: str
    block: Block
    anchor: str | None = None


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
class PublicationView:
    publication: Publication
    articles: tuple[ArticleView, ...]

    @property
    def date(self) -> datetime | None:
        return self.publication.date


def publication_view(publication: Publication) -> PublicationView:
    articles = []
    for number, article in enumerate(publication.articles, start=1):
        anchor = f"article-{number}"
        blocks = []
        heading_count = 0
        for block in article.body:
            block_anchor = None
            if isinstance(block, Heading):
                heading_count += 1
                block_anchor = f"{anchor}-h{heading_count}"
            blocks.append(BlockView(kind=_KINDS[type(block)], block=block, anchor=block_anchor))
        articles.append(
            ArticleView(
                article=article,
                number=number,
                anchor=anchor,
                chapter_file=f"article-{number:03d}.xhtml",
                blocks=tuple(blocks),
            )
        )
    return PublicationView(publication=publication, articles=tuple(articles))
