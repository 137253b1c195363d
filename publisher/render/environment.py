"""The Jinja environment a layout renders in, and template errors as user errors."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2

from publisher.cache import Cache
from publisher.clean.dates import format_date_vi, format_datetime_vi
from publisher.errors import LayoutError
from publisher.render.bytecode import SealedBytecodeCache
from publisher.render.dates import format_date, format_datetime
from publisher.render.layout import Layout, builtin_layouts


def make_environment(layout: Layout, cache: Cache | None = None) -> jinja2.Environment:
    """The layout's environment; with a ``cache``, compiled templates are kept in it
    (sealed like every entry; Jinja checks each against its template's source)."""
    # A template may name a built-in layout's template by prefix ("bulletin/print.html"),
    # so a layout can extend the very template it overrides.
    builtins = jinja2.PrefixLoader({name: jinja2.FileSystemLoader(str(folder)) for name, folder in builtin_layouts().items()})
    environment = jinja2.Environment(
        bytecode_cache=SealedBytecodeCache(cache) if cache is not None else None,
        loader=jinja2.ChoiceLoader([AddingLoader(layout.template_dirs), builtins]),
        autoescape=jinja2.select_autoescape(["html", "xhtml", "xml", "ncx"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["vi_date"] = format_date_vi  # kept for layouts written before local_date
    environment.filters["vi_datetime"] = format_datetime_vi
    environment.filters["local_date"] = format_date  # {{ value | local_date(language) }}
    environment.filters["local_datetime"] = format_datetime
    return environment


# Partials a layout adds to rather than replaces: a layout's own ``_typography.css`` comes
# after the built-in's (and the extended layout's), so one rule there adds one rule.
ADDED_PARTIALS = frozenset({"_typography.css"})


class AddingLoader(jinja2.FileSystemLoader):
    """The layout's folders, its own first; an added partial is the concatenation of
    every folder's copy, the built-in's first."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        if template not in ADDED_PARTIALS:
            return super().get_source(environment, template)
        layers = [Path(folder) / template for folder in reversed(self.searchpath) if (Path(folder) / template).is_file()]
        if not layers:
            raise jinja2.TemplateNotFound(template)
        sources = [layer.read_text(encoding="utf-8") for layer in layers]
        stamps = [layer.stat().st_mtime for layer in layers]

        def uptodate() -> bool:
            try:
                return [layer.stat().st_mtime for layer in layers] == stamps
            except OSError:
                return False

        return "\n".join(sources), str(layers[-1]), uptodate


def render_file(environment: jinja2.Environment, path: Path, **context: Any) -> str:
    """A template that is a file of its own (a layout's added stylesheet), by its path."""
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise LayoutError(f"cannot read the stylesheet: {error}", path) from None
    try:
        return environment.from_string("{% autoescape false %}" + source + "{% endautoescape %}").render(**context)
    except jinja2.TemplateSyntaxError as error:
        raise LayoutError(f"template syntax error: {error.message}", path, error.lineno) from None
    except Exception as error:
        message = error.message if isinstance(error, jinja2.TemplateError) and error.message else str(error)
        raise LayoutError(f"template error: {message}", path) from None


def render_template(environment: jinja2.Environment, name: str, **context: Any) -> str:
    """Render ``name``; a broken template becomes one LayoutError naming file and line."""
    try:
        return environment.get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as error:
        raise LayoutError(f"template syntax error: {error.message}", error.filename or name, error.lineno) from None
    except jinja2.TemplateNotFound as error:
        raise LayoutError(f"template '{error.name}' not found in the layout", _first_dir(environment)) from None
    except RecursionError:
        raise LayoutError("templates include or extend each other without end", _template_path(environment, name)) from None
    except Exception as error:  # an error raised while a template runs: undefined names, bad filters
        path, line = _template_frame(error)
        message = error.message if isinstance(error, jinja2.TemplateError) and error.message else str(error)
        raise LayoutError(f"template error: {message}", path or _template_path(environment, name), line) from None


def _template_frame(error: BaseException) -> tuple[str | None, int | None]:
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if frame.filename.endswith((".html", ".xhtml", ".css", ".ncx", ".xml")):
            return frame.filename, frame.lineno
    return None, None


def _first_dir(environment: jinja2.Environment) -> Path | None:
    loader = environment.loader
    if isinstance(loader, jinja2.ChoiceLoader):
        loader = loader.loaders[0]
    if isinstance(loader, jinja2.FileSystemLoader) and loader.searchpath:
        return Path(loader.searchpath[0])
    return None


def _template_path(environment: jinja2.Environment, name: str) -> Path | str:
    folder = _first_dir(environment)
    return folder / name if folder else name
