"""Drop site chrome: 纠错 links, font-size switches, print/close links, view
counters, share bars and breadcrumbs.  The patterns live in ``data/chrome.txt``."""

from __future__ import annotations

from bisect import bisect_right
from functools import cache
from pathlib import Path

import regex

from wpclean.cleaner.changes import CHROME, Change, Record

_CHROME_FILE = Path(__file__).parent / "data" / "chrome.txt"


@cache
def _chrome_table() -> tuple[regex.Pattern[str], tuple[str, ...]]:
    lines = [line for line in _CHROME_FILE.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
    triggers = tuple(line.removeprefix("trigger ") for line in lines if line.startswith("trigger "))
    patterns = [line for line in lines if not line.startswith("trigger ")]
    return regex.compile("|".join(f"(?:{p})" for p in patterns), regex.MULTILINE), triggers


def _lines_with_triggers(text: str, line_starts: list[int], triggers: tuple[str, ...]) -> set[int]:
    """Numbers of the lines holding a trigger word, found with plain substring search."""
    found: set[int] = set()
    for word in triggers:
        at = text.find(word)
        while at != -1:
            found.add(bisect_right(line_starts, at) - 1)
            at = text.find(word, at + 1)
    return found


def drop_chrome(text: str, record: Record = None) -> str:
    """Remove chrome; a line that held nothing else disappears with its newline.

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
        line = lines[number]
        cleaned = _drop_from_line(pattern, line, line_starts[number], record)
        if cleaned != line and not cleaned.strip():
            dropped.add(number)
        lines[number] = cleaned
    return "\n".join(line for number, line in enumerate(lines) if number not in dropped)


def _drop_from_line(pattern: regex.Pattern[str], line: str, offset: int, record: Record) -> str:
    """Drop matches until none is left: removing one can reveal another (``[【打印本页】 内容纠错 ]``)."""
    while True:
        cleaned = pattern.sub(lambda m: _dropped(m, offset, record), line)
        if cleaned == line:
            return cleaned
        line = cleaned


def _dropped(match: regex.Match[str], line_offset: int, record: Record) -> str:
    if record is not None:
        record.append(Change(CHROME, "drop_chrome", line_offset + match.start(), match.group(0), ""))
    return ""
