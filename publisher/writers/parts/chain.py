"""How a part learns where the part before it ended: small files in a shared folder.

A part is laid out without knowing its first page number; only the page numbers drawn in
the margins, and whether a blank page goes before it, depend on that. So each part waits
for the one before it only once its own pages are laid out, and tells the next one as
soon as its numbers are set. Files work across processes of any executor on one machine.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

_POLL_SECONDS = 0.005
_ABORT = "abort"


class ChainBroken(Exception):
    """A part before this one failed, or the build was abandoned."""


@dataclass(frozen=True)
class PartEnd:
    pages: int  # pages of the whole document up to and including this part
    last_number: int  # the page counter's value on its last page


def publish(folder: Path, number: int, end: PartEnd, numbers: dict[str, int] | None = None) -> None:
    """Part ``number`` ended at ``end``; ``numbers``: the page numbers of the anchors the
    printed contents need, so that the contents can be laid out before the part is drawn."""
    _write(folder / f"{number}.json", {"pages": end.pages, "last_number": end.last_number, "numbers": numbers or {}})


def contents_numbers(folder: Path, number: int) -> dict[str, int]:
    """What part ``number`` published of its anchors' page numbers (once it has ended)."""
    return dict(_await(folder, number)["numbers"])


def publish_failure(folder: Path, number: int, reason: str) -> None:
    _write(folder / f"{number}.json", {"failed": reason})


def abandon(folder: Path) -> None:
    """Release every part still waiting (the build failed elsewhere)."""
    _write(folder / _ABORT, {})


def publish_moved(folder: Path, number: int) -> None:
    """Part ``number`` is laid out anew: where it ends is not known yet, and the part after
    it cannot count on its cached layout."""
    _write(folder / f"{number}.moved", {})


def wait_for_decision(folder: Path, number: int) -> PartEnd | None:
    """Where part ``number`` ended, or None as soon as it is known to be laid out anew."""
    path, moved = folder / f"{number}.json", folder / f"{number}.moved"
    while not path.exists():
        if moved.exists():
            return None
        if (folder / _ABORT).exists():
            raise ChainBroken("the build was abandoned")
        time.sleep(_POLL_SECONDS)
    return wait_for(folder, number)


def peek(folder: Path, number: int) -> PartEnd | None:
    """Where part ``number`` ended, if it has said so yet; ChainBroken if it failed."""
    if not (folder / f"{number}.json").exists():
        return None
    return wait_for(folder, number)


def wait_for(folder: Path, number: int) -> PartEnd:
    data = _await(folder, number)
    return PartEnd(pages=int(data["pages"]), last_number=int(data["last_number"]))


def _await(folder: Path, number: int) -> dict:
    """What part ``number`` published, once it has; ChainBroken if it failed."""
    path = folder / f"{number}.json"
    while not path.exists():
        if (folder / _ABORT).exists():
            raise ChainBroken("the build was abandoned")
        time.sleep(_POLL_SECONDS)
    data = json.loads(path.read_text(encoding="utf-8"))
    if "failed" in data:
        raise ChainBroken(f"part {number} failed: {data['failed']}")
    return data


def _write(path: Path, data: dict) -> None:
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(data), encoding="utf-8")
    os.replace(temporary, path)  # readers see the whole file or none
