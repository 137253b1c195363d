"""Columns a text browser set side by side, read one after the other.

A text browser lays out a page's layout table as it would a table of data: its cells side
by side, each column's text wrapped to the column's width (w3m's dump of a page built of
tables puts the menu, the article and a sidebar on the same lines). The evidence is in the
dump: in a block of lines, a band of columns that no run of text crosses (a gutter), with
text on both sides of it on many lines. Each column is then read top to bottom, and a
column's line that reaches its right edge goes on on the next line.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import accumulate, zip_longest
from typing import NamedTuple

from publisher.clean.wrapping import broken_before, display_width, one_column_each, starts_item, without_marks

# A run of text: words parted by one or two spaces. Three or more part the cells of a row.
_RUN = re.compile(r"\S+(?: {1,2}\S+)*")
_INNER_GAP = re.compile(r"\S {3,}\S")  # what a gap is; found by _gaps, faster
_SPACES = re.compile("   +")  # opens with its spaces: searched for as such, not tried at every word
_MIN_ROWS = 8  # lines with text on both sides of a gutter: a layout, not a stray indent
_MIN_GUTTER = 2  # columns
_CROSSINGS = 0.01  # share of a block's lines whose text may cross a gutter (a row across the table)
_MIN_TOUCHING = 2  # lines whose text touches a one-column gutter on both sides
_WORD = re.compile(r"[^\W\d_]{3}")
_EDGE_SLACK = 1  # a line that ends this close to its column's edge was broken by it


class _Run(NamedTuple):
    start: int
    end: int
    text: str


def side_by_side(lines: Sequence[str]) -> list[tuple[int, str]] | None:
    """``lines`` (a dump's, in order) as ``(line number, text)`` pairs with every block of
    columns read column after column, each column's broken lines joined; None where the
    dump has no columns side by side."""
    text = "\n".join(lines)
    # Each gap holds three spaces in a row, which one count finds faster than the pattern.
    if text.count("   ") < _MIN_ROWS:
        return None  # most dumps: hardly a line has cells side by side
    # The gaps found in one look over the text, each on its line: no gap crosses a line's
    # end, and a line's own gaps are the ones it shows alone.
    gaps = _gaps(text)
    if len(gaps) < _MIN_ROWS:
        return None
    ends = list(accumulate(len(line) + 1 for line in lines))  # where each line's "\n" stands
    # The lines with a gap, in order, each once: a block's count of them is two bisections.
    gapped = list(dict.fromkeys(bisect_right(ends, start) for start in gaps))
    out: list[tuple[int, str]] = []
    found = False
    carried: int | None = None  # the width of the column the dump goes on in, after a block of columns
    start = 0
    while start < len(lines):
        if not lines[start].strip():
            out.append((start + 1, lines[start]))
            start += 1
            continue
        end = start
        while end < len(lines) and lines[end].strip():
            end += 1
        rows_with_gaps = bisect_left(gapped, end) - bisect_left(gapped, start)
        block = [_runs(line) for line in lines[start:end]] if rows_with_gaps >= _MIN_ROWS else []
        gutters = _gutters(block) if block else []
        if block and not gutters and (widened := _widened_narrow_gutters(lines[start:end])) is not None:
            block = [_runs(line) for line in widened]
            gutters = _gutters(block)
        if gutters:
            found = True
            bounds = _column_bounds(block, gutters)
            carried = None
            if (last := _going_on_after(lines, end, gutters)) is not None:
                # The column the dump goes on with after the block, read last: its text runs
                # on into what follows (an article column beside a sidebar ending with the block).
                bounds.append(bounds.pop(last))
                carried = bounds[-1][1]
            out += _read_columns(block, start + 1, bounds)
        elif carried is not None and max(display_width(line.rstrip()) for line in lines[start:end]) <= carried:
            # Under a block of columns, the column the dump goes on in: its lines broken at
            # its width still (a layout table's column runs on below its neighbours' end).
            out += _read_columns([_runs(line) for line in lines[start:end]], start + 1, [(-1, carried, carried + 1)])
        else:
            carried = None
            out += [(number, lines[number - 1]) for number in range(start + 1, end + 1)]
        start = end
    return out if found else None


def _widened_narrow_gutters(block: Sequence[str]) -> list[str] | None:
    """The block with each gutter one column wide made three wide, or None where it has
    none. A text browser may part two columns by a single space (w3m's dump of a layout
    table whose left column is wrapped to its width): a column where no line of the
    block has a character, with words on both sides of it on many lines and touching it
    on both sides on some (the left column's text wrapped to its edge, the right one's
    starting at it). A list's bullets or numbers before their items make no column.
    Ordinary text never leaves one column blank down eight lines and more: a space falls
    at the same place on all of them by chance alone too seldom."""
    if any(display_width(line) != len(line) for line in block):
        return None  # wide or combining characters: columns are not the lines' indices
    width = max(map(len, block))
    if width < 3:
        return None
    filled = _filled_columns(block)
    allowed = int(_CROSSINGS * len(block)) + 1
    gutters = []
    for column in range(1, width - 1):
        if filled[column] > allowed or filled[column - 1] <= allowed or filled[column + 1] <= allowed:
            continue
        both_sides = touching = 0
        for line in block:
            # Words on both sides (looked for in place, not in the two sides cut out): a
            # bullet or a number before its item is no column.
            if _WORD.search(line, 0, column) and _WORD.search(line, column + 1):
                both_sides += 1
                touching += line[column - 1] != " " and line[column + 1] != " "
        if both_sides >= _MIN_ROWS and touching >= _MIN_TOUCHING:
            gutters.append(column)
    if not gutters:
        return None
    widened = list(block)
    for column in reversed(gutters):
        widened = [
            f"{line[:column]}  {line[column:]}" if len(line) > column and line[column] == " " else line for line in widened
        ]
    return widened


def _filled_columns(block: Sequence[str]) -> list[int]:
    """For each column of the block, how many of its lines have a character other than a
    space there: the block's columns read down (short lines filled out with spaces), each
    counted at once, not character by character."""
    return [len(block) - down.count(" ") for down in zip_longest(*block, fillvalue=" ")]


def _gaps(text: str) -> list[int]:
    """Where each of ``_INNER_GAP``'s matches in ``text`` starts, as ``finditer`` finds them
    (one after the other: a match takes the character after its spaces, which opens no
    other). The pattern, tried at every character of the text, costs four times more than
    a search for three spaces: a text browser indents its lines, and a gap is rare among
    the runs of spaces found that way."""
    gaps = []
    taken = 0  # where the last match ended
    for match in _SPACES.finditer(text):
        start, end = match.span()
        if start > taken and end < len(text) and not text[start - 1].isspace() and not text[end].isspace():
            gaps.append(start - 1)
            taken = end + 1
    return gaps


def _runs(line: str) -> list[_Run]:
    if not line.strip():
        return []
    if one_column_each(line):  # no run's place measured
        return [_Run(match.start(), match.end(), match.group()) for match in _RUN.finditer(line)]
    found = []
    for match in _RUN.finditer(line):
        begin = display_width(line[: match.start()])
        found.append(_Run(begin, begin + display_width(match.group()), match.group()))
    return found


def _gutters(block: list[list[_Run]]) -> list[tuple[int, int]]:
    """Where the block's columns part, left to right: each gutter's first column (where the
    text on its left may reach) and its middle (where a run's start says its column)."""
    if len(block) < _MIN_ROWS:
        return []
    # A row's runs stand left to right: its first run starts first, its last ends last.
    starts = [(row[0].start, row[-1].start) for row in block if row]
    width = max(row[-1].end for row in block if row)
    changes = [0] * (width + 1)
    for row in block:
        for run in row:
            changes[run.start] += 1
            changes[run.end] -= 1
    covered = list(accumulate(changes))  # runs over each column
    allowed = int(_CROSSINGS * len(block)) + 1
    first = min(first for first, _ in starts)
    cuts = []
    column = first
    while column < width:
        if covered[column] > allowed:
            column += 1
            continue
        gap_end = column
        while gap_end < width and covered[gap_end] <= allowed:
            gap_end += 1
        if gap_end < width and gap_end - column >= _MIN_GUTTER:
            cut = (column + gap_end) // 2
            # Rows with a run starting on each side of the cut.
            both_sides = sum(1 for first, last in starts if first < cut <= last)
            if both_sides >= _MIN_ROWS:
                cuts.append((column, cut))
        column = gap_end
    return cuts


def _going_on_after(lines: Sequence[str], end: int, gutters: list[tuple[int, int]]) -> int | None:
    """The column (its place, left to right) whose text the dump goes on with after a block
    of columns ending at ``end``: the first line of text after the block starts in it."""
    following = next((line for line in lines[end:] if line.strip()), None)
    if following is None:
        return None
    indent = display_width(following[: len(following) - len(following.lstrip())])
    return sum(1 for _, middle in gutters if indent >= middle)


def _column_bounds(block: list[list[_Run]], gutters: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """Each column: where its runs start (from the gutter's middle on its left), where its
    text may reach (the next gutter's first column) and where the next column's runs start."""
    width = max(row[-1].end for row in block if row)
    return [
        (gutters[index - 1][1] if index else -1, *(gutters[index] if index < len(gutters) else (width, width + 1)))
        for index in range(len(gutters) + 1)
    ]


def _read_columns(block: list[list[_Run]], first_number: int, bounds: list[tuple[int, int, int]]) -> list[tuple[int, str]]:
    """The block's columns, one after the other, in the order of ``bounds`` (each column's
    ``_column_bounds``: its runs start from where the column on its left ends)."""
    edges = sorted(edge for _, _, edge in bounds)
    cells = _cells(block, edges)
    out: list[tuple[int, str]] = []
    for _, reach, edge in bounds:
        previous: _Run | None = None
        above = -1  # the row of ``previous``
        # Only the column's rows with runs: a column's row is often empty (one column's text
        # ends before the other's).
        for offset, parts in cells[edges.index(edge)].items():
            text = _cell_text(parts)
            if not text:
                previous = None
                continue
            # The column's edge broke the line above: the first word would not have fitted.
            if (
                previous is not None
                and above == offset - 1
                and broken_before(previous.end, text, reach - _EDGE_SLACK)
                and not starts_item(parts[0].text, previous.text)
            ):
                number, joined = out[-1]
                out[-1] = (number, f"{joined} {text}")
            else:
                out.append((first_number + offset, text))
            previous, above = parts[-1], offset  # the line above ends with its last run
        out.append((first_number + len(block) - 1, ""))
    return out


def _cells(block: list[list[_Run]], edges: list[int]) -> list[dict[int, list[_Run]]]:
    """For each column of the block (parted at ``edges``, left to right: a run is in the
    first column whose edge is past its start; a run past the last edge is in none), its
    rows that hold runs, by their place in the block, with their runs: every row's runs
    dealt out in one walk, not looked through once for each column."""
    cells: list[dict[int, list[_Run]]] = [{} for _ in edges]
    for offset, row in enumerate(block):
        for run in row:
            if (column := bisect_right(edges, run.start)) < len(edges):
                cells[column].setdefault(offset, []).append(run)
    return cells


def _cell_text(parts: list[_Run]) -> str:
    """A column's text on one row: its runs, their marks taken out, three spaces apart."""
    if len(parts) == 1:  # most cells
        return without_marks(parts[0].text).strip()
    return "   ".join(without_marks(run.text).strip() for run in parts).strip()
