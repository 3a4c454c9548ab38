"""Drop site chrome: 纠错 links, font-size switches, print/close links, view
counters, share bars and breadcrumbs.  The patterns live in ``data/chrome.txt``."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import regex

from wpclean.cleaner.changes import CHROME, LAYOUT, Change, Record

_CHROME_FILE = Path(__file__).parent / "data" / "chrome.txt"


@cache
def _chrome_pattern() -> regex.Pattern[str]:
    lines = _CHROME_FILE.read_text(encoding="utf-8").splitlines()
    patterns = [line for line in lines if line.strip() and not line.startswith("#")]
    return regex.compile("|".join(f"(?:{p})" for p in patterns), regex.MULTILINE)


def drop_chrome(text: str, record: Record = None) -> str:
    """Remove chrome; a line that held nothing else disappears with its newline.

    >>> drop_chrome("信息来源： 深圳市教育局 [ 内容纠错 ] 日期：2020-02-25\\n正文")
    '信息来源： 深圳市教育局  日期：2020-02-25\\n正文'
    >>> drop_chrome("当前位置：首页 > 政务公开\\n浏览次数：12 【打印本页】 【关闭窗口】\\n正文")
    '正文'
    """
    pattern = _chrome_pattern()
    if not pattern.search(text):
        return text
    kept_lines = []
    offset = 0
    kept_newline = None  # offset of the newline after the last kept line
    lines = text.split("\n")
    for number, line in enumerate(lines):
        cleaned = pattern.sub(lambda m: _dropped(m, offset, record), line)
        if cleaned.strip() or not line.strip():
            kept_lines.append(cleaned)
            kept_newline = offset + len(line)
        elif record is not None:
            newline = kept_newline if number == len(lines) - 1 else offset + len(line)
            record.extend(_line_rest_dropped(line, offset, pattern, newline))
        offset += len(line) + 1
    return "\n".join(kept_lines)


def _line_rest_dropped(line: str, offset: int, pattern: regex.Pattern[str], newline: int | None) -> list[Change]:
    """What goes with a line that held only chrome, as layout changes: the space
    around the chrome, and one newline (its own; for the last line, the one
    after the last kept line)."""
    changes, position = [], 0
    for match in [*pattern.finditer(line), None]:
        gap_end = match.start() if match else len(line)
        if gap_end > position:
            changes.append(Change(LAYOUT, "drop_chrome", offset + position, line[position:gap_end], ""))
        position = match.end() if match else position
    if newline is not None:
        changes.append(Change(LAYOUT, "drop_chrome", newline, "\n", ""))
    return changes


def _dropped(match: regex.Match[str], line_offset: int, record: Record) -> str:
    if record is not None:
        record.append(Change(CHROME, "drop_chrome", line_offset + match.start(), match.group(0), ""))
    return ""
