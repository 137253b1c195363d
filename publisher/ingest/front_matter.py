"""The YAML front matter of a Markdown article: its declared keys, read and checked, each
mistake reported at the line of its key in the Markdown file."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from publisher.errors import InputError
from publisher.schema import Check, Document, Field, Invalid, KeyPath, Schema, a_date, shown, text_or_number

# libyaml's safe loader where PyYAML was built with it: the same documents, ten times faster.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
FIRST_LINE = 2  # the front matter's first line in the file, after the opening '---'


def _names(value: Any) -> list[str]:
    def is_name(item: Any) -> bool:
        return isinstance(item, (str, int, float)) and not isinstance(item, bool)

    items = [value] if is_name(value) else value
    if not isinstance(items, list):
        raise Invalid()
    if odd := next((item for item in items if not is_name(item)), None):
        raise Invalid(hint=f"one of its items is {shown(odd)}")
    return [str(item) for item in items]


def _language(value: Any) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*", value.strip()):
        raise Invalid()
    return value.strip()


FRONT_MATTER_SCHEMA = Schema("the front matter", (
    Field("title", text_or_number(), required=True, description="the article's headline"),
    Field("kicker", text_or_number(), description="the line above the headline"),
    Field("subtitle", text_or_number()),
    Field("date", a_date("a date such as 2016-12-10 or 2016-12-10T08:00:00+07:00"),
          description="when it was published (with its offset, when known)"),
    Field("date_printed", text_or_number(), description="the date as the page printed it (default: day/month/year hour:minute)"),
    Field("authors", Check("a name or a list of names", _names), default=[]),
    Field("source", text_or_number(), description="the site or paper it comes from"),
    Field("url", text_or_number(), description="the page's address"),
    Field("language", Check("a language code such as 'vi' or 'en'", _language), default="vi"),
    Field("lead", text_or_number(), description="the opening paragraph set apart"),
    # What ``publisher fetch`` records; a build reads them only to accept them.
    Field("fetched", a_date("a date and time such as 2026-12-01T08:00:00+00:00"), description="when it was fetched"),
    Field("fetched_from", text_or_number(), description="the feed, sitemap or list it was fetched from"),
    Field("etag", text_or_number(), description="the page's ETag when fetched"),
    Field("last_modified", text_or_number(), description="the page's Last-Modified when fetched"),
), label="front matter ")


def read_front_matter(text: str, path: Path | None) -> dict[str, Any]:
    """Every declared key's value (checked, or its default), from the front matter's text."""
    document = Document(path, lambda key_path: _key_line(text, key_path), InputError)
    try:
        data = yaml.load(text, Loader=_SAFE_LOADER)  # noqa: S506 - PyYAML's SafeLoader, or its libyaml build
    except yaml.YAMLError as error:
        line, message = _explain_yaml_error(error)
        raise InputError(message, path, line) from None
    except ValueError:  # a date YAML recognises that is no real date (2016-13-45)
        key, value = _impossible_date(text)
        raise document.fail(f"front matter '{key}' is not a real date: {value} (expected a date such as 2016-12-10)",
                            (key,)) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError("the front matter must be keys with values ('title: ...' on each line)", path, FIRST_LINE)
    return FRONT_MATTER_SCHEMA.read(data, document)


def _key_line(text: str, key_path: KeyPath) -> int:
    """The line in the Markdown file of the key at ``key_path`` (found only when a mistake is
    reported), else the line the front matter starts on."""
    try:
        node = yaml.compose(text, Loader=_SAFE_LOADER)
    except yaml.YAMLError:
        node = None
    line = None
    for key in key_path:
        if isinstance(node, yaml.MappingNode):
            match = next(((k, v) for k, v in node.value if k.value == str(key)), None)
            if match is None:
                break
            line, node = match[0].start_mark.line, match[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line
        else:
            break
    return FIRST_LINE + line if line is not None else FIRST_LINE - 1


def _impossible_date(text: str) -> tuple[str, str]:
    from datetime import date

    node = yaml.compose(text, Loader=yaml.SafeLoader)
    for key, value in node.value if isinstance(node, yaml.MappingNode) else ():
        if value.tag.endswith(":timestamp"):
            try:
                date.fromisoformat(value.value[:10])
            except ValueError:
                return key.value, value.value
    return "date", "?"


# What YAML says, in the words of someone editing an article's front matter.
_PLAIN_PROBLEMS = (
    ("mapping values are not allowed", "a ':' followed by a space inside a value: put the value in quotes (\"...\")"),
    ("could not find expected ':'", "expected 'key: value' on this line"),
    ("found character", "a character that cannot start a key or a value (a tab? indent with spaces)"),
    ("did not find expected node content", "expected a value here (is a list [...] or {...} left open?)"),
)
_PLAIN_CONTEXTS = (
    ("while scanning a quoted scalar", "text in quotes{opened} is not closed: expected the closing quote"),
    ("while parsing a flow sequence", "a list [...]{opened} is not closed: expected ',' between items and ']' at its end"),
    ("while parsing a flow mapping", "a {{...}}{opened} is not closed: expected ',' between its keys and '}}' at its end"),
)


def _explain_yaml_error(error: yaml.YAMLError) -> tuple[int | None, str]:
    problem = getattr(error, "problem", None) or "not valid YAML"
    context = getattr(error, "context", None) or ""
    mark = getattr(error, "problem_mark", None)
    opened = getattr(error, "context_mark", None)
    for words, plain in _PLAIN_CONTEXTS:
        if context.startswith(words):
            problem = plain.format(opened=f" opened on line {FIRST_LINE + opened.line}" if opened is not None else "")
            break
    else:
        problem = next((plain for words, plain in _PLAIN_PROBLEMS if problem.startswith(words)), problem)
    line = FIRST_LINE + mark.line if mark is not None else None
    column = f" (column {mark.column + 1})" if mark is not None else ""
    return line, f"the front matter is not valid YAML{column}: {problem}"
