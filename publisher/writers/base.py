"""One interface for every output format, and the one way outputs reach the disk."""

from __future__ import annotations

import os
import tempfile
from abc import ABC, abstractmethod
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from publisher.errors import OutputError

if TYPE_CHECKING:
    from publisher.render import Renderer


class Writer(ABC):
    """Turns a rendered publication into the bytes of one output format."""

    format_name: ClassVar[str]
    suffix: ClassVar[str]

    @abstractmethod
    def write_bytes(self, renderer: Renderer) -> bytes: ...


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
