"""Outputs are never read as inputs.

A build whose output folder lies inside what it reads (the publication's folder, the
folder of an article file, a tree) marks that folder with ``.publisher-output``; the
discovery of publications and articles passes marked folders over, whole. Where outputs
sit among the articles themselves (``-o .``), an HTML page that says publisher made it
(``<meta name="generator" content="publisher">``, as the layouts write) is recognised and
passed over, and so are outputs written before folders were marked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

OUTPUT_MARKER = ".publisher-output"
_MARKER_TEXT = b"publisher wrote this folder: builds never read it as input.\n"
_GENERATOR = re.compile(rb"<meta\s+name=[\"']generator[\"']\s+content=[\"']publisher[\"']", re.IGNORECASE)
_HEAD_BYTES = 4096


def lies_inside_inputs(out_dir: Path, inputs: Iterable[Path]) -> bool:
    """Whether ``out_dir`` lies inside one of ``inputs`` (a folder, or an article file's
    folder) while holding none of them: a folder to mark once outputs are written there."""
    out = out_dir.resolve()
    folders = [(path if path.is_dir() else path.parent).resolve() for path in inputs]
    inside = any(folder in out.parents for folder in folders)
    return inside and not any(folder == out or out in folder.parents for folder in folders)


def mark_output_folder(out_dir: Path) -> None:
    """Mark ``out_dir`` (written atomically; once)."""
    if not is_output_folder(out_dir):
        from publisher.writers.base import write_atomically

        write_atomically(_MARKER_TEXT, out_dir / OUTPUT_MARKER)


def is_output_folder(folder: Path) -> bool:
    return (folder / OUTPUT_MARKER).is_file()


def is_output(path: Path, root: Path | None = None) -> bool:
    """Whether ``path`` is something publisher wrote: a page it made, or a file in a
    marked folder below ``root`` (the folder being read)."""
    if root is not None:
        for folder in path.parents:
            if folder == root or root not in folder.parents:
                break
            if is_output_folder(folder):
                return True
    return path.suffix.lower() in (".html", ".htm") and _made_by_publisher(path)


def _made_by_publisher(path: Path) -> bool:
    try:
        with path.open("rb") as stream:
            head = stream.read(_HEAD_BYTES)
    except OSError:
        return False
    return _GENERATOR.search(head) is not None
