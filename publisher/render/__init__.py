"""Rendering: a publication through a layout's Jinja templates."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cached_property
from typing import Any

import jinja2

from publisher.model import Publication
from publisher.render.context import PublicationView, publication_view
from publisher.render.environment import make_environment, render_template
from publisher.render.labels import labels_for
from publisher.render.layout import Layout

_FALLBACK_MOMENT = datetime(2000, 1, 1, tzinfo=timezone.utc)


def build_moment(publication: Publication) -> datetime:
    """The moment a build is stamped with: SOURCE_DATE_EPOCH, else the newest content date.

    Never the clock: two builds of the same inputs must be byte-identical.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    dates = [a.published.value for a in publication.articles if a.published]
    if publication.date:
        dates.append(publication.date)
    return max(dates).astimezone(timezone.utc) if dates else _FALLBACK_MOMENT


@dataclass(frozen=True)
class Renderer:
    """A publication and a layout, ready to render any of the layout's templates."""

    publication: Publication
    layout: Layout

    @cached_property
    def environment(self) -> jinja2.Environment:
        return make_environment(self.layout)

    @cached_property
    def view(self) -> PublicationView:
        return publication_view(self.publication)

    @cached_property
    def modified(self) -> datetime:
        return build_moment(self.publication)

    def render(self, template: str, **extra: Any) -> str:
        context: dict[str, Any] = {
            "publication": self.publication,
            "pub": self.view,
            "layout": self.layout,
            "labels": labels_for(self.publication.language),
            "modified": self.modified,
        }
        context.update(extra)
        return render_template(self.environment, template, **context)
