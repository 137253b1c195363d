"""One interface for every output format, and the one way outputs reach the disk."""

from __future__ import annotations

import os
import tempfile
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from publisher.errors import OutputError

if TYPE_CHECKING:
    from publisher.render import Renderer
    from publisher.render.pages import PageStart


@dataclass(frozen=True)
class OutputFile:
    """One file a writer made: its kind (``"pdf"``, ``"booklet"``, ``"print-html"``...),
    the end of its name (``".pdf"``, ``".booklet.pdf"``) and its bytes."""

    kind: str
    suffix: str
    data: bytes


@dataclass(frozen=True)
class WriterResult:
    """What a writer made: its files, the format's own first, and what the build needs
    to know of them (where each print page begins, for the EPUB's page-list; how many
    parts a PDF was laid out in, 0 for one piece)."""

    files: tuple[OutputFile, ...]
    page_starts: tuple[PageStart, ...] = ()
    part_count: int = 0

    @property
    def data(self) -> bytes:
        """The bytes of the format's own file."""
        return self.files[0].data


class Writer(ABC):
    """Turns a rendered publication into the files of one output format."""

    format_name: ClassVar[str]
    suffix: ClassVar[str]

    @abstractmethod
    def write(self, renderer: Renderer) -> WriterResult: ...

    def _only(self, data: bytes) -> WriterResult:
        """The result of a writer that makes one file and nothing else."""
        return WriterResult(files=(OutputFile(self.format_name, self.suffix, data),))


def write_atomically(data: bytes, target: Path) -> None:
    """Write ``data`` to a temporary file beside ``target`` and rename it into place.

    A reader never sees a half-written output, and a failed write leaves none behind.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as error:
        raise OutputError(f"cannot write to the output folder: {error.strerror}", target.parent) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(f"cannot write the output: {error.strerror}", target) from None
    except BaseException:  # Ctrl-C, say: no half-written file stays either
        Path(temporary).unlink(missing_ok=True)
        raise
