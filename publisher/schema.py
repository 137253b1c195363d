"""Declared configuration schemas: every key a configuration accepts, with its check, its
default and what it is for, in one place; every mistake one plain message with the file
and line (``FILE:LINE: what is wrong, what was expected``).

Used for ``publication.toml`` (``manifest.py``), ``layout.toml`` (``render/layout.py``),
Markdown front matter (``ingest/front_matter.py``) and the build options (``build.py``).
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, NamedTuple

from publisher.errors import InputError, PublisherError

# Where a value sits in a document: keys and array indexes, e.g. ("sections", 1, "articles").
KeyPath = tuple[str | int, ...]


class Invalid(Exception):
    """A value its check refuses. Without a message, the field's own ('must be ...') is
    used, with ``hint`` after it in brackets."""

    def __init__(self, message: str | None = None, hint: str = ""):
        super().__init__(message or hint)
        self.message = message
        self.hint = hint


class Check(NamedTuple):
    """What a good value is, in plain words, and how to take one (converted) or refuse it."""

    expected: str
    take: Callable[[Any], Any]

    def __call__(self, value: Any) -> Any:
        return self.take(value)


class Field(NamedTuple):
    """One key: its name, its check (types and values), its default and what it is for.

    ``table`` reads a value that is a table (``[layout]``) by another schema, and with
    ``many`` a list of them (``[[sections]]``); a field may have both a check and a table
    (``layout = "book"`` or a ``[layout]`` table)."""

    name: str
    check: Check | None = None
    default: Any = None
    description: str = ""
    required: bool = False
    table: Schema | None = None
    many: bool = False

    @property
    def expected(self) -> str:
        if self.check is not None and self.table is not None:
            return f"{self.check.expected} or a [{self.name}] table"
        if self.check is not None:
            return self.check.expected
        return f"[[{self.name}]] tables" if self.many else f"a [{self.name}] table"


class Document(NamedTuple):
    """Where values are read from, for messages: the file, how to find the line of a key
    (looked up only when something is wrong), and the kind of error to raise."""

    path: Path | None = None
    locate: Callable[[KeyPath], int | None] = lambda key_path: None
    error: type[PublisherError] = InputError

    def fail(self, message: str, key_path: KeyPath = ()) -> PublisherError:
        return self.error(message, self.path, self.locate(key_path))


class Schema(NamedTuple):
    """The keys of one table. ``title`` names it in messages ("the manifest", "[page]");
    ``label`` is put before key names ("front matter 'date'")."""

    title: str
    fields: tuple[Field, ...]
    label: str = ""

    def read(self, data: Any, document: Document, at: KeyPath = ()) -> dict[str, Any]:
        """Every field's value, checked and converted (its default when absent). An
        unknown key, a value of the wrong type or out of range, or a missing required
        key raises the document's error at the line of the key."""
        if not isinstance(data, Mapping):
            raise document.fail(f"{self.title} must be a table of keys and values, not {shown(data)}", at)
        known = {f.name: f for f in self.fields}
        for key in data:
            if key not in known:
                raise document.fail(self._unknown_key(str(key)), (*at, key))
        values: dict[str, Any] = {}
        for field_ in self.fields:
            value = data.get(field_.name)
            if value is None:  # YAML's empty value is no value; TOML has none
                if field_.required:
                    owner = f"a {self.title} entry" if self.title.startswith("[[") else self.title
                    raise document.fail(f"{owner} needs a '{field_.name}' ({field_.expected})", at)
                values[field_.name] = field_.default
                continue
            values[field_.name] = self._value(field_, value, document, (*at, field_.name))
        return values

    def _value(self, field_: Field, value: Any, document: Document, key_path: KeyPath) -> Any:
        if field_.table is not None and field_.many:
            if not isinstance(value, list) or not all(isinstance(item, Mapping) for item in value):
                raise document.fail(f"{self._key(field_.name)} must be {field_.expected}, not {shown(value)}", key_path)
            return [field_.table.read(item, document, (*key_path, index)) for index, item in enumerate(value)]
        if field_.table is not None and isinstance(value, Mapping):
            return field_.table.read(value, document, key_path)
        if field_.check is None:
            raise document.fail(f"{self._key(field_.name)} must be {field_.expected}, not {shown(value)}", key_path)
        try:
            return field_.check(value)
        except Invalid as invalid:
            message = invalid.message or f"{self._key(field_.name)} must be {field_.expected}, not {shown(value)}"
            raise document.fail(message + (f" ({invalid.hint})" if invalid.hint else ""), key_path) from None

    def _key(self, name: str) -> str:
        where = f" in {self.title}" if self.title.startswith("[") else ""
        return f"{self.label}'{name}'{where}"

    def _unknown_key(self, key: str) -> str:
        from difflib import get_close_matches  # only when something is wrong

        names = sorted(f.name for f in self.fields)
        close = get_close_matches(key, names, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'? " if close else ""
        where = f" in {self.title}" if self.title.startswith("[") else ""
        return f"unknown {self.label}key '{key}'{where} ({hint}known: {', '.join(names)})"


def option(default: Any, check: Check, flag: str | None = None, description: str = "") -> Any:
    """A dataclass field (of options given in code or on the command line) with its
    declared check; ``flag`` names it in messages (``--page-size``)."""
    return dataclasses.field(default=default, metadata={"check": check, "flag": flag, "description": description})


def check_declared(options: object) -> None:
    """Check every field of a dataclass that declares a check (``option``), and the
    dataclasses inside it: a wrong value is a ``PublisherError`` saying what was expected."""
    for field_ in dataclasses.fields(options):  # type: ignore[arg-type]
        value = getattr(options, field_.name)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            check_declared(value)
        check = field_.metadata.get("check")
        if check is None or value is None:
            continue
        try:
            check(value)
        except Invalid as invalid:
            name = field_.metadata.get("flag") or f"'{field_.name}'"
            message = invalid.message or f"{name} must be {check.expected}, not {shown(value)}"
            raise PublisherError(message + (f" ({invalid.hint})" if invalid.hint else "")) from None


def shown(value: Any) -> str:
    """A value as the user wrote it, in plain words (never Python's notation)."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value if len(value) <= 40 else value[:37] + "...", ensure_ascii=False)
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (date, datetime, time)):
        return value.isoformat()
    if isinstance(value, Mapping):
        return "a table of keys and values"
    if isinstance(value, (list, tuple, set, frozenset)):
        return "a list"
    return "a value of another kind"


# Checks: each says what it expects and returns the value to keep.

def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def text(expected: str = "text") -> Check:
    """Text, stripped (a number or true/false is refused: put it in quotes)."""

    def take(value: Any) -> str:
        if not isinstance(value, str):
            raise Invalid()
        return value.strip()

    return Check(expected, take)


def text_or_number(expected: str = "text") -> Check:
    """Text; a number is taken as its digits (YAML reads ``kicker: 2016`` as a number, and
    ``yes``, ``no``, ``on``, ``off`` as true or false: those need quotes)."""

    def take(value: Any) -> str:
        if _is_number(value):
            return str(value)
        if isinstance(value, bool):
            raise Invalid(hint="words such as yes, no, on and off need quotes to be text: 'yes'")
        if not isinstance(value, str):
            raise Invalid()
        return value.strip()

    return Check(expected, take)


def text_list(expected: str = "a list of text") -> Check:
    """A list of text (one text alone is a list of one); empty items dropped."""

    def take(value: Any) -> list[str]:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
            raise Invalid()
        return [item.strip() for item in items if item.strip()]

    return Check(expected, take)


def whole_number(lowest: int | None = None, highest: int | None = None, expected: str | None = None) -> Check:
    if expected is None:
        if lowest is not None and highest is not None:
            expected = f"a whole number from {lowest} to {highest}"
        elif lowest is not None:
            expected = f"a whole number from {lowest} up"
        else:
            expected = "a whole number"

    def take(value: Any) -> int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise Invalid()
        if (lowest is not None and value < lowest) or (highest is not None and value > highest):
            raise Invalid()
        return value

    return Check(expected, take)


def boolean() -> Check:
    def take(value: Any) -> bool:
        if not isinstance(value, bool):
            raise Invalid()
        return value

    return Check("true or false", take)


def one_of(*choices: str, noun: str | None = None) -> Check:
    """One of ``choices``; with ``noun``, a wrong one reads "unknown NOUN 'x' (choose from ...)"."""
    expected = _alternatives(choices)

    def take(value: Any) -> str:
        if isinstance(value, str) and value.strip() in choices:
            return value.strip()
        if noun is not None and isinstance(value, str):
            raise Invalid(f"unknown {noun} '{value}' (choose from {', '.join(choices)})")
        raise Invalid()

    return Check(expected, take)


def each_one_of(choices: Iterable[str], noun: str) -> Check:
    """A list (or tuple) of ``choices``, one text alone being a list of one."""
    choices = tuple(choices)

    def take(value: Any) -> tuple[str, ...]:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, (list, tuple)) or not all(isinstance(item, str) for item in items):
            raise Invalid()
        for item in items:
            if item.strip() not in choices:
                raise Invalid(f"unknown {noun} '{item}' (choose from {', '.join(choices)})")
        return tuple(item.strip() for item in items)

    return Check(f"a list of {_alternatives(choices)}", take)


_LENGTH = re.compile(r"\d+(\.\d+)?(pt|px|mm|em|rem)")


def length(expected: str = "a length such as '10.5pt'") -> Check:
    """A CSS length in pt, px, mm, em or rem; a bare number is taken in points."""

    def take(value: Any) -> str:
        if _is_number(value):
            value = f"{value}pt"
        if not isinstance(value, str) or not _LENGTH.fullmatch(value.strip()):
            raise Invalid()
        return value.strip()

    return Check(expected, take)


def a_date(expected: str = "a date such as 2016-12-10") -> Check:
    """A date, or a date with a time (and its offset when given): a datetime."""

    def take(value: Any) -> datetime:
        if isinstance(value, datetime):
            return value  # with its offset when one is given: no zone is assumed
        if isinstance(value, date):
            return datetime.combine(value, time(0, 0))
        if isinstance(value, str):
            try:
                return datetime.fromisoformat(value.strip())
            except ValueError:
                raise Invalid() from None
        raise Invalid()

    return Check(expected, take)


def either(first: Check, second: Check, expected: str | None = None) -> Check:
    def take(value: Any) -> Any:
        try:
            return first(value)
        except Invalid:
            return second(value)

    return Check(expected or f"{first.expected} or {second.expected}", take)


def _alternatives(choices: Iterable[str]) -> str:
    quoted = [f"'{choice}'" for choice in choices]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
