"""Which folders of a tree are publications, and where their outputs go."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from publisher.article_files import is_article_file, web_address_error
from publisher.errors import InputError
from publisher.outputs import is_output, is_output_folder

MANIFEST = "publication.toml"
# Folders that belong to a publication but are not publications themselves.
_NOT_PUBLICATIONS = {"layouts", "__pycache__", "node_modules"}


@dataclass(frozen=True)
class PublicationSource:
    path: Path  # an article file, or a folder of articles or with a manifest
    relative: Path  # where its outputs go, under the output folder

    def article_count(self) -> int:
        """Article files it holds, counted without reading them: the progress bar's total."""
        if self.path.is_file():
            return 1
        return sum(1 for entry in self.path.iterdir() if is_article_file(entry) and not is_output(entry))


def discover(tree: Path, exclude: tuple[Path, ...] = ()) -> list[PublicationSource]:
    """Every publication under ``tree``, in a stable order, each with its place in the tree.

    A folder with a ``publication.toml`` is one publication (its subfolders are its own);
    any other folder holding article files is one too, and its subfolders are searched.
    Hidden folders, ``layouts/`` and the folders in ``exclude`` (the output, the cache)
    are passed over, and so are the outputs of earlier builds (``publisher.outputs``):
    folders marked as outputs, and pages publisher made.
    """
    if tree.is_file():
        return [PublicationSource(path=tree, relative=Path("."))]
    if not tree.is_dir():
        raise web_address_error(tree) or InputError("no such file or folder", tree)
    if is_output_folder(tree):
        raise InputError("publisher wrote this folder (it holds the outputs of a build): it is never read as input; "
                         "build the folder the articles are in", tree)
    excluded = {path.resolve() for path in exclude}
    found: list[PublicationSource] = []
    for folder, subfolders, files in os.walk(tree):
        here = Path(folder)
        subfolders[:] = sorted(
            name for name in subfolders
            if not name.startswith(".") and name not in _NOT_PUBLICATIONS and (here / name).resolve() not in excluded
            and not is_output_folder(here / name)
        )
        relative = here.relative_to(tree)
        if MANIFEST in files:
            found.append(PublicationSource(path=here, relative=relative))
            subfolders[:] = []
        elif _holds_articles(here, files):
            found.append(PublicationSource(path=here, relative=relative))
    return found


def _holds_articles(folder: Path, names: list[str]) -> bool:
    return any(is_article_file(folder / name) and not is_output(folder / name) for name in names)
