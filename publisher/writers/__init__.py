"""Output formats, one writer class each, behind one interface."""

from __future__ import annotations

from publisher.writers.base import Writer, write_atomically
from publisher.writers.epub import EpubWriter
from publisher.writers.html import HtmlWriter
from publisher.writers.pdf import PdfWriter

WRITERS: dict[str, type[Writer]] = {"pdf": PdfWriter, "epub": EpubWriter, "html": HtmlWriter}

__all__ = ["WRITERS", "Writer", "write_atomically"]
