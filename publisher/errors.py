"""Errors a user can cause, each carrying the file (and line) it is about."""

from __future__ import annotations

from pathlib import Path


class PublisherError(Exception):
    """A problem with the user's input, layout, fonts or output location.

    The CLI prints it as one line, ``FILE:LINE: message``, and exits non-zero.
    """

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = str(self.path)
            if self.line is not None:
                where += f":{self.line}"
            where += ": "
        return where + self.message


class InputError(PublisherError):
    """An article or manifest that cannot be read."""


class NotAnArticleError(InputError):
    """A page that is readable but is not an article (a homepage, a listing)."""


class LayoutError(PublisherError):
    """A layout that is missing or whose templates fail."""


class FontError(PublisherError):
    """A font that is missing or unusable."""


class OutputError(PublisherError):
    """An output that cannot be written."""
