"""The command line: a thin shell over the library's build and clean."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from publisher.build import ALL_FORMATS, BuildOptions, Reporter, build
from publisher.clean.profiles import load_profiles
from publisher.errors import PublisherError
from publisher.export import article_to_markdown
from publisher.ingest import read_article
from publisher.render.layout import available_layouts

app = typer.Typer(
    help="Turn news articles into bulletins (PDF), e-books (EPUB 3) and web pages.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _say(message: str) -> None:
    typer.echo(message, err=True)


def _warn(message: str) -> None:
    typer.echo(f"warning: {message}", err=True)


def _human_size(size: int) -> str:
    for unit in ("B", "KiB", "MiB"):
        if size < 1024 or unit == "MiB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024  # type: ignore[assignment]
    return f"{size} B"


@app.command("build")
def build_command(
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders of articles; each is one publication.")],
    out_dir: Annotated[Path, typer.Option("--output", "-o", help="Folder for the outputs.")] = Path("out"),
    formats: Annotated[str, typer.Option("--format", "-f", help="Comma-separated: pdf,epub,html.")] = ",".join(ALL_FORMATS),
    layout: Annotated[Optional[str], typer.Option("--layout", "-l", help="Layout name or folder.")] = None,
    tone_marks: Annotated[str, typer.Option("--tone-marks", help="Tone-mark placement: keep, old (hòa, thúy) or new (hoà, thuý).")] = "keep",
) -> None:
    """Build publications into PDF, EPUB and HTML."""
    chosen = tuple(part.strip().lower() for part in formats.split(",") if part.strip())
    reporter = Reporter(progress=_say, warning=_warn)
    options = BuildOptions(formats=chosen, layout=layout, tone_marks=tone_marks.strip().lower())
    results = build(paths, out_dir, options, reporter)
    for result in results:
        typer.echo(f"{result.title}")
        for written in result.files:
            typer.echo(f"  {written.format.upper():5} {written.path}  ({_human_size(written.size)})")
    warnings = sum(len(r.warnings) for r in results)
    typer.echo(f"Built {len(results)} publication(s), {sum(len(r.files) for r in results)} file(s), {warnings} warning(s).")


@app.command("clean")
def clean_command(
    files: Annotated[list[Path], typer.Argument(help="Article files to clean.")],
    out_dir: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write NAME.md files here instead of printing.")] = None,
    explain: Annotated[bool, typer.Option("--explain", help="Show each dropped line and the rule that dropped it.")] = False,
) -> None:
    """Print each cleaned article as Markdown with front matter."""
    profiles = load_profiles()
    for path in files:
        result = read_article(path, profiles)
        markdown = article_to_markdown(result.article)
        if explain:
            for dropped in result.dropped:
                _say(f"{path}:{dropped.line}: dropped ({dropped.rule}): {dropped.text[:100]}")
        if out_dir is not None:
            from publisher.writers import write_atomically

            target = out_dir / (path.stem + ".md")
            write_atomically(markdown.encode("utf-8"), target)
            _say(f"wrote {target}")
        else:
            sys.stdout.write(markdown)


@app.command("layouts")
def layouts_command() -> None:
    """List the layouts available."""
    for name, folder in available_layouts().items():
        typer.echo(f"{name:12} {folder}")


def main() -> None:
    try:
        app()
    except PublisherError as error:
        typer.echo(f"error: {error}", err=True)
        raise SystemExit(1) from None
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        raise SystemExit(130) from None
    except Exception as error:  # never a traceback for the user; PUBLISHER_DEBUG=1 shows it
        if os.environ.get("PUBLISHER_DEBUG"):
            raise
        typer.echo(f"error: internal error: {type(error).__name__}: {error} (set PUBLISHER_DEBUG=1 for details)", err=True)
        raise SystemExit(2) from None
