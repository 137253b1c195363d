"""publisher: news articles in, bulletins (PDF), e-books (EPUB 3) and web pages out."""

from publisher.batch import build_tree
from publisher.build import BuildOptions, PublicationResult, Reporter, build, build_one, build_publication, load_publication
from publisher.clean.profiles import load_profiles
from publisher.errors import PublisherError
from publisher.export import article_to_markdown
from publisher.ingest import read_article
from publisher.model import Article, Figure, Heading, ListBlock, Paragraph, Publication, Quote

__all__ = [
    "Article", "BuildOptions", "Figure", "Heading", "ListBlock", "Paragraph", "Publication",
    "PublicationResult", "PublisherError", "Quote", "Reporter", "article_to_markdown", "build",
    "build_one", "build_publication", "build_tree", "load_profiles", "load_publication", "read_article",
]
__version__ = "0.1.0"
