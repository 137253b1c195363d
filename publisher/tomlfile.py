"""Reading a TOML configuration file: its values, the line of every key (tomllib gives no
positions), and a syntax error as the line, the column and what was expected in plain words."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path
from typing import Any

from publisher.errors import InputError, PublisherError
from publisher.schema import Document, KeyPath


def load_toml(path: Path, error: type[PublisherError] = InputError, what: str = "TOML") -> tuple[dict[str, Any], Document]:
    """The file's values, and the document that places its keys for messages."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise error("cannot read the file: it is not UTF-8 text", path) from None
    except OSError as problem:
        raise error(f"cannot read the file: {problem.strerror}", path) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as problem:
        line, column, message = explain_toml_error(str(problem), text)
        where = f" (column {column})" if column else ""
        raise error(f"invalid {what}{where}: {message}", path, line) from None
    locator = TomlLocator(text)
    return data, Document(path, locator.line, error)


_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$|\s*\(at end of document\)$")

# tomllib's messages, in the words of someone writing a configuration file.
_PLAIN: tuple[tuple[str, str], ...] = (
    (r"Expected newline or end of document after a statement",
     "something follows the value on this line: write one key = value per line, and text in quotes (\"...\")"),
    (r"Invalid statement", "expected a key = value line or a [table] heading"),
    (r"Expected '=' after a key in a key/value pair", "expected '=' after the key (key = value)"),
    (r"Invalid initial character for a key part",
     "expected a key: a bare word (letters, digits, _ and -) or a name in quotes"),
    (r"Invalid value",
     "expected a value: text in quotes (\"...\"), a number, true or false, a date such as 2016-12-10, "
     "a list in [...] or a table in {{...}}"),
    (r"Invalid date or datetime", "not a real date or time: write dates as 2016-12-10, times as 08:00:00"),
    (r"Unclosed array", "a list [...] is not closed: expected ',' between items and ']' at its end"),
    (r"Unclosed inline table", "a table {{...}} is not closed: expected ',' between its keys and '}}' on the same line"),
    (r"Expected ']' at the end of a table declaration", "expected ']' at the end of the [table] heading"),
    (r"Expected ']]' at the end of an array declaration", "expected ']]' at the end of the [[table]] heading"),
    (r"Cannot declare (.+) twice", "the table [{1}] is declared twice"),
    (r"Cannot overwrite a value", "this key already has a value: each key once per table"),
    (r"Duplicate inline table key (.+)", "the key {1} appears twice in the same {{...}} table"),
    (r"Cannot (?:mutate immutable namespace|redefine namespace) (.+)",
     "'{1}' is already complete: its keys go in one place"),
    (r"Unterminated string", "text in quotes is not closed: expected a closing quote"),
    (r"Unescaped '\\' in a string|Invalid hex value|Escaped character is not a Unicode scalar value",
     "a backslash in double-quoted text must start an escape such as \\n or \\u00e9 "
     "(write \\\\ for a backslash, or put the text in single quotes)"),
    (r"Expected \"'\"", "text in single quotes is not closed on this line: expected a closing '"),
    (r"(?:Illegal|Found invalid) character '\\n'",
     "text in quotes is not closed on this line: expected a closing quote (\"\"\" ... \"\"\" for text over several lines)"),
    (r"(?:Illegal|Found invalid) character (.+)", "the character {1} is not allowed here"),
)
_DATE_LIKE = re.compile(r"^[^=]*=\s*\d{4}-\d")


def explain_toml_error(message: str, text: str) -> tuple[int | None, int | None, str]:
    """The line, column and plain description of a ``TOMLDecodeError`` message."""
    position = _POSITION.search(message)
    bare = message[: position.start()] if position else message
    line = column = None
    if position and position.group(1):
        line, column = int(position.group(1)), int(position.group(2))
    elif position:  # at the end of the document: its last line
        line = text.count("\n") + (0 if text.endswith("\n") else 1) or 1
    source_line = text.split("\n")[line - 1] if line else ""
    if bare.startswith("Expected newline") and _DATE_LIKE.match(source_line):
        return line, column, "not a real date or time: write dates as 2016-12-10, times as 08:00:00"
    for pattern, plain in _PLAIN:
        if match := re.fullmatch(pattern, bare):
            return line, column, plain.format(*[_plain_words(part) for part in (match.group(0), *match.groups())])
    return line, column, bare[:1].lower() + bare[1:]


def _plain_words(python_notation: str) -> str:
    """A key path or character as tomllib prints it (``('a', 'b')``, ``'\\x07'``), as a
    user would write it (``a.b``, ``U+0007``)."""
    if python_notation.startswith("("):
        return ".".join(re.findall(r"'([^']*)'", python_notation))
    if re.fullmatch(r"'.*'", python_notation):
        try:
            character = ast.literal_eval(python_notation)
        except (ValueError, SyntaxError):
            return python_notation
        if len(character) == 1 and not character.isprintable():
            return f"U+{ord(character):04X}"
        return f"'{character}'"
    return python_notation


class TomlLocator:
    """The line of each key and table heading in TOML text, by key path:
    ``("layout", "columns")``, ``("sections", 1, "articles")``. Found by reading the
    lines (headers, ``key =`` and dotted ``a.b =``), which is exact for configuration
    files as people write them."""

    _HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-\"' ]+?)\s*\]\]?")
    _KEY = re.compile(r"^\s*((?:[A-Za-z0-9_\-]+|\"[^\"]*\"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_\-]+|\"[^\"]*\"|'[^']*'))*)\s*=")

    def __init__(self, text: str):
        self.lines: dict[KeyPath, int] = {}
        counts: dict[KeyPath, int] = {}
        table: KeyPath = ()
        in_multiline = False
        for number, line in enumerate(text.split("\n"), start=1):
            if in_multiline:
                in_multiline = line.count('"""') % 2 == 0 and line.count("'''") % 2 == 0
                continue
            if header := self._HEADER.match(line):
                name: KeyPath = _parts(header.group(2))
                if header.group(1) == "[[":
                    index = counts.get(name, 0)
                    counts[name] = index + 1
                    name = (*name, index)
                table = name
                self.lines.setdefault(table, number)
            elif key := self._KEY.match(line):
                self.lines.setdefault((*table, *_parts(key.group(1))), number)
            if line.count('"""') % 2 == 1 or line.count("'''") % 2 == 1:
                in_multiline = True

    def line(self, key_path: KeyPath) -> int | None:
        """The line of the key, else of the nearest table around it that has one."""
        while key_path:
            if key_path in self.lines:
                return self.lines[key_path]
            key_path = key_path[:-1]
        return None


def _parts(dotted: str) -> tuple[str, ...]:
    return tuple(part.strip().strip("\"'") for part in re.findall(r"\"[^\"]*\"|'[^']*'|[^.]+", dotted))
