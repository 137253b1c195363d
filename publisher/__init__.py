"""publisher: news articles in, bulletins (PDF), e-books (EPUB 3) and web pages out.

The public API (``docs/api.md`` shows it at work):

- ``build_tree(paths, out_dir, options)``: what ``publisher build`` does. Every publication
  under the paths, on a process pool or any ``concurrent.futures.Executor``; a
  ``BatchSummary`` of outcomes, a failure being an outcome, not an exception.
- ``build(paths, out_dir, options)``: the same in this process, for scripts: a list of
  ``PublicationResult``, the first failure raised as a ``PublisherError``.
- ``load_publication(path)`` and ``build_publication(publication, source, out_dir)``:
  the two halves, for a publication changed or made in code.
- ``read_article(path)`` and ``article_to_markdown(article)``: what ``publisher clean`` does.
- ``BuildOptions`` and ``PrintOptions``: what a build makes and how.
- The model (``Publication``, ``Article`` and its blocks) and ``PublisherError``.
"""

from publisher.assemble import load_publication
from publisher.batch import BatchSummary, JobOutcome, build, build_tree
from publisher.build import Reporter, build_publication
from publisher.build_options import BuildOptions
from publisher.clean.profiles import load_profiles
from publisher.errors import PublisherError
from publisher.export import article_to_markdown
from publisher.ingest import read_article
from publisher.model import Article, Figure, Heading, ListBlock, Paragraph, Publication, Quote
from publisher.render.options import PrintOptions
from publisher.results import PublicationResult, WrittenFile

__all__ = [
    "Article", "BatchSummary", "BuildOptions", "Figure", "Heading", "JobOutcome", "ListBlock", "Paragraph",
    "PrintOptions", "Publication", "PublicationResult", "PublisherError", "Quote", "Reporter", "WrittenFile",
    "article_to_markdown", "build", "build_publication", "build_tree", "load_profiles", "load_publication",
    "read_article",
]
__version__ = "0.1.0"
