"""WeasyPrint, imported without ctypes' library search.

WeasyPrint opens Pango, HarfBuzz and fontconfig by trying several names for each; for a
name that is not a file name, cffi asks ``ctypes.util.find_library``, which on Linux runs
``ldconfig`` (and a compiler, for the names it cannot find) each time: 0.1 to 0.2 s of
every build. Every list of names also holds the library's exact soname, which the dynamic
linker opens directly, so on Linux the search is skipped while WeasyPrint loads. Import
WeasyPrint's names from here.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def _libraries_by_soname() -> Iterator[None]:
    if not sys.platform.startswith("linux") or "weasyprint" in sys.modules:
        yield
        return
    import ctypes.util

    search = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        yield
    finally:
        ctypes.util.find_library = search


with _libraries_by_soname():
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher

__all__ = ["HTML", "FontConfiguration", "URLFetcher"]
