"""What a build makes and how: the options a user gives, declared once and checked."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from publisher.clean.tonemarks import STYLES as TONE_MARK_STYLES
from publisher.network import NetworkPolicy
from publisher.render.options import PrintOptions
from publisher.schema import check_declared, each_one_of, one_of, option, whole_number
from publisher.writers import FORMATS

if TYPE_CHECKING:
    from publisher.writers.parts.plan import PartPlan
    from publisher.writers.parts.run import PartPages


@dataclass(frozen=True)
class BuildOptions:
    """What a build makes and how. Fields with a declared check are checked by ``check_options``."""

    formats: tuple[str, ...] | None = option(None, each_one_of(FORMATS, "format"), "--format",
                                             "None: the manifest's formats, else all")
    layout: str | None = None  # a layout's name or folder; None: the manifest's, else bulletin
    print: PrintOptions = field(default_factory=PrintOptions)
    network: NetworkPolicy = field(default_factory=NetworkPolicy)
    verify: bool = False  # read every output back; fail if any text is missing
    cache_dir: Path | str | None = None  # a folder or an fsspec URL; None: no cache
    force: bool = False  # build anew, ignoring (and refreshing) the cache
    keep_html: bool = False  # leave the PDF's whole HTML document beside it
    tone_marks: str = option("keep", one_of(*TONE_MARK_STYLES, noun="tone-mark style"), "--tone-marks",
                             "keep, old (hòa, thúy) or new (hoà, thuý): everywhere, TOC and metadata too")
    pdf_jobs: int | None = option(None, whole_number(1), "--jobs",
                                  "processes that lay out the parts of one large PDF (the output is the same for any "
                                  "number); None: all the build's processes when it builds one publication, else 1")
    as_article: bool = False  # the user knows each page is an article: what would refuse one is a warning
    profile_dirs: tuple[Path, ...] = ()  # folders of the user's own site profiles (*.toml), beside the shipped ones
    # Where a large PDF is cut into parts; None: the default plan. A finer plan lays an edit out
    # faster in ``publisher serve``, but in a layout whose parts start a page it adds page breaks.
    part_plan: PartPlan | None = None
    # Hears of each part of a large PDF as it is laid out (the live print preview): never
    # part of what the build makes, so out of its cache key (``repr``).
    on_part: Callable[[PartPages], None] | None = field(default=None, repr=False, compare=False)


def check_options(options: BuildOptions) -> None:
    """Every declared option (print options included) checked: an unknown format, tone-mark
    style or PDF variant is a ``PublisherError`` naming the valid choices."""
    check_declared(options)
