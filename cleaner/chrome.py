"""Drop site chrome: 纠错 links, font-size switches, print/close links, view
counters, share bars and breadcrumbs.  The patterns live in ``data/chrome.txt``."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache
from pathlib import Path

import regex

from wpclean.cleaner.changes import CHROME, LAYOUT, Change, Record

_CHROME_FILE = Path(__file__).parent / "data" / "chrome.txt"


@cache
def _chrome_table() -> tuple[regex.Pattern[str], re.Pattern[str]]:
    """The chrome pattern, and one pattern finding any trigger word (the
    standard library's ``re`` scans for an alternation of literals faster than
    a search per word)."""
    lines = [line for line in _CHROME_FILE.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
    triggers = sorted((line.removeprefix("trigger ") for line in lines if line.startswith("trigger ")), key=len, reverse=True)
    patterns = [line for line in lines if not line.startswith("trigger ")]
    chrome = regex.compile("|".join(f"(?:{p})" for p in patterns), regex.MULTILINE)
    return chrome, re.compile("|".join(map(re.escape, triggers)))


def _lines_with_triggers(text: str, line_starts: list[int], triggers: re.Pattern[str]) -> set[int]:
    """Numbers of the lines holding a trigger word.  Overlapping triggers share
    a line, so the non-overlapping matches find every such line."""
    return {bisect_right(line_starts, match.start()) - 1 for match in triggers.finditer(text)}


def drop_chrome(text: str, record: Record = None) -> str:
    """Remove chrome; a line that held nothing else disappears with its newline.

    Removed chrome is recorded as ``chrome_dropped``; the spaces and newline
    that go with a line holding only chrome as ``layout_normalized``, so that
    every recorded offset stays exact.

    >>> drop_chrome("信息来源： 深圳市教育局 [ 内容纠错 ] 日期：2020-02-25\\n正文")
    '信息来源： 深圳市教育局  日期：2020-02-25\\n正文'
    >>> drop_chrome("当前位置：首页 > 政务公开\\n浏览次数：12 【打印本页】 【关闭窗口】\\n正文")
    '正文'
    """
    pattern, triggers = _chrome_table()
    lines = text.split("\n")
    line_starts = [0]
    for line in lines[:-1]:
        line_starts.append(line_starts[-1] + len(line) + 1)
    candidates = _lines_with_triggers(text, line_starts, triggers)
    if not candidates:
        return text
    dropped: set[int] = set()
    for number in sorted(candidates):
        line, start = lines[number], line_starts[number]
        cleaned, removed = _drop_from_line(pattern, line)
        if not removed:
            continue
        lines[number] = cleaned
        blank = not cleaned.strip()
        if blank:
            dropped.add(number)
        if record is not None:
            record.extend(Change(CHROME, "drop_chrome", start + a, line[a:b], "") for a, b in removed)
            if blank:
                record.extend(_layout_of_dropped_line(line, start, removed))
    if record is not None and dropped:
        record.extend(_dropped_newlines(lines, line_starts, dropped))
    return "\n".join(line for number, line in enumerate(lines) if number not in dropped)


def _drop_from_line(pattern: regex.Pattern[str], line: str) -> tuple[str, list[tuple[int, int]]]:
    """The line without chrome, and the removed spans in the line's own positions.

    Matching repeats until nothing is left to drop, since removing one piece can
    reveal another (``[【打印本页】 内容纠错 ]``).
    """
    kept = list(range(len(line)))  # positions in ``line`` of the current text's characters
    current = line
    while True:
        spans = [match.span() for match in pattern.finditer(current)]
        if not spans:
            break
        gone = {i for start, end in spans for i in range(start, end)}
        kept = [position for i, position in enumerate(kept) if i not in gone]
        current = "".join(line[position] for position in kept)
    return current, _runs(sorted(set(range(len(line))) - set(kept)))


def _runs(positions: list[int]) -> list[tuple[int, int]]:
    """Contiguous runs of sorted positions, as (start, end) spans.

    >>> _runs([1, 2, 3, 7, 9, 10])
    [(1, 4), (7, 8), (9, 11)]
    """
    runs: list[tuple[int, int]] = []
    for position in positions:
        if runs and runs[-1][1] == position:
            runs[-1] = (runs[-1][0], position + 1)
        else:
            runs.append((position, position + 1))
    return runs


def _layout_of_dropped_line(line: str, start: int, removed: list[tuple[int, int]]) -> list[Change]:
    """The white space left on a line that held only chrome, which goes with it."""
    gone = {i for a, b in removed for i in range(a, b)}
    rest = _runs([i for i in range(len(line)) if i not in gone])
    return [Change(LAYOUT, "drop_chrome", start + a, line[a:b], "") for a, b in rest]


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
