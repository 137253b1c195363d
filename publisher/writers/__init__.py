"""Output formats, one writer class each, behind one interface.

A writer's module is imported only when its format is built: an EPUB build never loads
WeasyPrint, an HTML build never loads ebooklib.
"""

from __future__ import annotations

from importlib import import_module

from publisher.writers.base import OutputFile, Writer, WriterResult, write_atomically

# Each format's writer: its module and class, imported when first asked for.
_WRITER_CLASSES: dict[str, tuple[str, str]] = {
    "pdf": ("publisher.writers.pdf", "PdfWriter"),
    "epub": ("publisher.writers.epub", "EpubWriter"),
    "html": ("publisher.writers.html", "HtmlWriter"),
}
FORMATS: tuple[str, ...] = tuple(_WRITER_CLASSES)


def writer_class(format_name: str) -> type[Writer]:
    """The writer of ``format_name`` (one of ``FORMATS``)."""
    module, name = _WRITER_CLASSES[format_name]
    writer: type[Writer] = getattr(import_module(module), name)
    return writer


__all__ = ["FORMATS", "OutputFile", "Writer", "WriterResult", "write_atomically", "writer_class"]
