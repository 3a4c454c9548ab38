"""Drop site chrome: 纠错 links, font-size switches, print/close links, view
counters, share bars and breadcrumbs.  The patterns live in ``data/chrome.txt``."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache
from pathlib import Path

import regex

from wpclean.cleaner.changes import CHROME, LAYOUT, TRUNCATED, Change, Record

_CHROME_FILE = Path(__file__).parent / "data" / "chrome.txt"


@cache
def _chrome_lines() -> tuple[str, ...]:
    return tuple(
        line
        for line in _CHROME_FILE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    )


@cache
def _triggers() -> re.Pattern[str]:
    """Any trigger word (the standard library's ``re`` scans for an alternation
    of literals faster than a search per word)."""
    words = sorted(
        (line.removeprefix("trigger ") for line in _chrome_lines() if line.startswith("trigger ")),
        key=len,
        reverse=True,
    )
    return re.compile("|".join(map(re.escape, words)))


@cache
def _chrome_pattern() -> regex.Pattern[str]:
    """All chrome patterns in one (compiled only for a text holding a trigger word)."""
    patterns = [line for line in _chrome_lines() if not line.startswith("trigger ")]
    return regex.compile("|".join(f"(?:{p})" for p in patterns), regex.MULTILINE)


def _first_trigger_of_each_line(text: str) -> list[int]:
    """Where the first trigger word of each line holding one stands: the search
    goes on from the next line (a line of 300,000 triggers is one position).

    >>> _first_trigger_of_each_line("正文\\n【打印】【关闭】\\n正文【打印】")
    [4, 15]
    """
    found, position, triggers = [], 0, _triggers()
    while (match := triggers.search(text, position)) is not None:
        found.append(match.start())
        line_end = text.find("\n", match.end())
        if line_end == -1:
            break
        position = line_end + 1
    return found


def drop_chrome(text: str, record: Record = None) -> str:
    """Remove chrome; a line that held nothing else disappears with its newline.

    Removed chrome is recorded as ``chrome_dropped``; the spaces and newline
    that go with a line holding only chrome as ``layout_normalized``, so that
    every recorded offset stays exact.  Only lines holding a trigger word are
    matched, and a text without one is returned as it is.

    >>> drop_chrome("信息来源： 深圳市教育局 [ 内容纠错 ] 日期：2020-02-25\\n正文")
    '信息来源： 深圳市教育局  日期：2020-02-25\\n正文'
    >>> drop_chrome("当前位置：首页 > 政务公开\\n浏览次数：12 【打印本页】 【关闭窗口】\\n正文")
    '正文'
    """
    found = _first_trigger_of_each_line(text)
    if not found:
        return text
    lines = text.split("\n")
    line_starts = [0]
    for line in lines[:-1]:
        line_starts.append(line_starts[-1] + len(line) + 1)
    dropped: set[int] = set()
    changed = False
    for number in [bisect_right(line_starts, at) - 1 for at in found]:  # one trigger a line, in order
        line, start = lines[number], line_starts[number]
        cleaned, removed = _drop_from_line(_chrome_pattern(), line)
        if not removed:
            continue
        lines[number], changed = cleaned, True
        blank = not cleaned.strip()
        if blank:
            dropped.add(number)
        if record is not None:
            record.extend(Change(CHROME, "drop_chrome", start + a, line[a:b], "") for a, b in removed)
            if blank:
                record.extend(_layout_of_dropped_line(line, start, removed))
    if not changed:
        return text
    if record is not None and dropped:
        record.extend(_dropped_newlines(lines, line_starts, dropped))
    return "\n".join(line for number, line in enumerate(lines) if number not in dropped)


# Removing one piece of chrome can reveal another ([【打印本页】 内容纠错 ]).
# Real pages nest two deep; past this many rounds a line keeps what is left,
# so that adversarial nesting costs linear time, not quadratic.
MAX_ROUNDS = 8


def _drop_from_line(pattern: regex.Pattern[str], line: str) -> tuple[str, list[tuple[int, int]]]:
    """The line without chrome, and the removed spans in the line's own positions.

    Matching repeats (up to ``MAX_ROUNDS``) until nothing is left to drop.

    >>> _drop_from_line(_chrome_pattern(), "a[【打印本页】 内容纠错 ]b")
    ('ab', [(1, 15)])
    """
    kept = [(0, len(line))]  # the pieces of ``line`` the current text is made of
    current = line
    for _ in range(MAX_ROUNDS):
        spans = [match.span() for match in pattern.finditer(current)]
        if not spans:
            break
        kept = _cut(kept, spans)
        current = "".join(line[a:b] for a, b in kept)
    return current, _complement(kept, len(line))


def _cut(kept: list[tuple[int, int]], spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The pieces left when ``spans`` (sorted, in the current text's positions)
    are removed from the text made of ``kept``; adjacent pieces are joined.

    >>> _cut([(0, 4), (6, 10)], [(1, 2), (3, 5)])
    [(0, 1), (2, 3), (7, 10)]
    """
    result: list[tuple[int, int]] = []
    spans_left = iter(spans)
    span = next(spans_left, None)
    offset = 0  # where the piece starts in the current text
    for a, b in kept:
        piece_end = offset + b - a
        position = offset  # the piece is kept from here on, so far
        while span is not None and span[0] < piece_end:
            _keep(result, a + position - offset, a + max(span[0], position) - offset)
            position = max(position, min(span[1], piece_end))
            if span[1] > piece_end:  # the span goes on into the next piece
                break
            span = next(spans_left, None)
        _keep(result, a + position - offset, b)
        offset = piece_end
    return result


def _keep(pieces: list[tuple[int, int]], start: int, end: int) -> None:
    if start >= end:
        return
    if pieces and pieces[-1][1] == start:
        pieces[-1] = (pieces[-1][0], end)
    else:
        pieces.append((start, end))


def _complement(pieces: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """The spans of ``[0, length)`` not in ``pieces`` (sorted, disjoint).

    >>> _complement([(1, 4), (7, 8)], 10)
    [(0, 1), (4, 7), (8, 10)]
    """
    gaps, position = [], 0
    for start, end in pieces:
        if start > position:
            gaps.append((position, start))
        position = end
    if position < length:
        gaps.append((position, length))
    return gaps


def _layout_of_dropped_line(line: str, start: int, removed: list[tuple[int, int]]) -> list[Change]:
    """The white space left on a line that held only chrome, which goes with it."""
    return [Change(LAYOUT, "drop_chrome", start + a, line[a:b], "") for a, b in _complement(removed, len(line))]


def _dropped_newlines(lines: list[str], line_starts: list[int], dropped: set[int]) -> list[Change]:
    """One newline goes with each dropped line: its own, or for the last line,
    the one after the last line kept before it."""
    changes, last = [], len(lines) - 1
    for number in sorted(dropped):
        if number < last:
            newline = line_starts[number + 1] - 1
        else:
            kept_before = [n for n in range(number) if n not in dropped]
            if not kept_before:
                continue
            newline = line_starts[kept_before[-1] + 1] - 1
        changes.append(Change(LAYOUT, "drop_chrome", newline, "\n", ""))
    return changes


# --- notes that the page is not whole ----------------------------------------

_TRUNCATION_FILE = Path(__file__).parent / "data" / "truncation.txt"


@cache
def _truncation_notes() -> re.Pattern[str]:
    lines = [
        line
        for line in _TRUNCATION_FILE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    return re.compile("|".join(f"(?:{line})" for line in lines))


def drop_truncation_notes(text: str, record: Record = None) -> str:
    """Remove a reposting site's note that it shows only part of the text; each
    is recorded as ``truncation_dropped`` and becomes a ``truncated`` warning.

    >>> drop_truncation_notes("正文到此(未完,全文共1662字,当前显示422字)\\n又一段……(…省略826字,正式会员可完整阅读)")
    '正文到此\\n又一段'
    """
    if "全文共" not in text and "省略" not in text and "试读结束" not in text:
        return text
    pieces, position = [], 0
    for match in _truncation_notes().finditer(text):
        start, end = _with_its_line_break(text, match.start(), match.end())
        if record is not None:
            record.append(Change(TRUNCATED, "drop_truncation_notes", start, text[start:end], ""))
        pieces.append(text[position:start])
        position = end
    return "".join(pieces) + text[position:] if pieces else text


def _with_its_line_break(text: str, start: int, end: int) -> tuple[int, int]:
    """A note that was all its line takes a line break with it (the one
    after it, or at the end of the text the one before)."""
    if start > 0 and text[start - 1] != "\n" or end < len(text) and text[end] != "\n":
        return start, end
    if end < len(text):
        return start, end + 1
    return (start - 1, end) if start > 0 else (start, end)
