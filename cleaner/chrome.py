"""Drop site chrome: 纠错 links, font-size switches, print/close links, view
counters, share bars and breadcrumbs.  The patterns live in ``data/chrome.txt``."""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from itertools import chain, islice
from pathlib import Path

import regex

from wpclean.cleaner.changes import CHROME, JOIN_EVERY, LAYOUT, TRUNCATED, Change, Record, join_batch, joined_text

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


def _lines_with_triggers(text: str) -> Iterator[tuple[int, int]]:
    """Where each line holding a trigger word starts and ends, one at a time:
    the search goes on from the next line (a line of 300,000 triggers is one line).

    >>> list(_lines_with_triggers("正文\\n【打印】【关闭】\\n正文【打印】"))
    [(3, 11), (12, 18)]
    """
    position, triggers = 0, _triggers()
    while (match := triggers.search(text, position)) is not None:
        start = text.rfind("\n", position, match.start()) + 1 or position
        end = text.find("\n", match.end())
        yield start, len(text) if end == -1 else end
        if end == -1:
            return
        position = end + 1


def drop_chrome(text: str, record: Record = None) -> str:
    """Remove chrome; a line that held nothing else disappears with its newline
    (the last line, with the newline after the last line kept).

    Removed chrome is recorded as ``chrome_dropped``; the spaces and newline
    that go with a line holding only chrome as ``layout_normalized``, so that
    every recorded offset stays exact.  Only lines holding a trigger word are
    matched, and a text without one is returned as it is.  The text is put
    together from the pieces between the changed lines, never split into lines.

    >>> drop_chrome("信息来源： 深圳市教育局 [ 内容纠错 ] 日期：2020-02-25\\n正文")
    '信息来源： 深圳市教育局  日期：2020-02-25\\n正文'
    >>> drop_chrome("当前位置：首页 > 政务公开\\n浏览次数：12 【打印本页】 【关闭窗口】\\n正文")
    '正文'
    >>> drop_chrome("正文\\n\\n【打印】\\n【关闭】"), drop_chrome("【打印】\\n【关闭】")
    ('正文\\n', '')
    """
    joined: list[str] = []
    pieces: list[str] = []
    position = 0  # the text before it is taken
    run_start = run_end = -1  # the lines dropped last, one after the other
    for start, end in _lines_with_triggers(text):
        line = text[start:end]
        cleaned, kept = _drop_from_line(_chrome_pattern(), line)
        if len(cleaned) == len(line):
            continue
        blank = not cleaned.strip()
        if record is not None:
            gone = _complement(kept, end - start)
            record.extend(Change(CHROME, "drop_chrome", start + a, line[a:b], "") for a, b in gone)
            if blank:
                record.extend(_layout_of_dropped_line(line, start, kept))
        pieces.append(text[position:start])
        if not blank:
            pieces.append(cleaned)
            position = end
        elif end < len(text):
            run_start, run_end = (run_start if start == run_end else start), end + 1
            if record is not None:
                record.append(Change(LAYOUT, "drop_chrome", end, "\n", ""))
            position = end + 1
        else:  # the last line: the newline after the last line kept goes (the text so far ends with it)
            first = run_start if start == run_end else start
            if record is not None and first > 0:
                record.append(Change(LAYOUT, "drop_chrome", first - 1, "\n", ""))
            join_batch(joined, pieces)
            while joined and not joined[-1]:
                joined.pop()
            if joined:
                joined[-1] = joined[-1][:-1]
            position = end
        del line, cleaned, kept
        if len(pieces) > JOIN_EVERY:
            join_batch(joined, pieces)
    if position == 0:
        return text
    return joined_text(joined, pieces, text[position:])


# Removing one piece of chrome can reveal another ([【打印本页】 内容纠错 ]).
# Real pages nest two deep; past this many rounds a line keeps what is left,
# so that adversarial nesting costs linear time, not quadratic.
MAX_ROUNDS = 8


def _drop_from_line(pattern: regex.Pattern[str], line: str) -> tuple[str, array[int]]:
    """:func:`_drop_from_any_line`, remembered for short lines: the chrome lines of a
    site's pages come again and again (【打印本页】 【关闭窗口】), and matching them
    is most of this step.  The pieces returned are shared: read, never changed.

    >>> _drop_from_line(_chrome_pattern(), "【打印】") is _drop_from_line(_chrome_pattern(), "【打印】")
    True
    """
    if len(line) > _REMEMBERED_LINE:
        return _drop_from_any_line(pattern, line)
    return _drop_from_short_line(pattern, line)


_REMEMBERED_LINE = 160  # characters: a longer line holding a trigger word is mostly text, met once


@lru_cache(maxsize=4096)
def _drop_from_short_line(pattern: regex.Pattern[str], line: str) -> tuple[str, array[int]]:
    return _drop_from_any_line(pattern, line)


def _drop_from_any_line(pattern: regex.Pattern[str], line: str) -> tuple[str, array[int]]:
    """The line without chrome, and the pieces of it kept (:func:`_pairs` reads them).

    Matching repeats (up to ``MAX_ROUNDS``) until nothing is left to drop.  The
    pieces are positions in a flat array, and the matches are read one at a
    time: a line of 200,000 pieces of chrome would hold as many tuples.

    >>> cleaned, kept = _drop_from_any_line(_chrome_pattern(), "a[【打印本页】 内容纠错 ]b")
    >>> cleaned, list(_pairs(kept)), list(_complement(kept, 16))
    ('ab', [(0, 1), (15, 16)], [(1, 15)])
    """
    kept = array("q", (0, len(line)))  # the pieces of ``line`` the current text is made of
    current = line
    for _ in range(MAX_ROUNDS):
        matches = pattern.finditer(current)
        first = next(matches, None)
        if first is None:
            break
        kept = _cut(kept, chain([first.span()], (match.span() for match in matches)))
        current = _joined(line, kept)
    return current, kept


def _pairs(pieces: array[int]) -> Iterator[tuple[int, int]]:
    """The (start, end) pairs of a flat array of positions.

    >>> list(_pairs(array("q", [0, 4, 6, 10])))
    [(0, 4), (6, 10)]
    """
    return zip(islice(pieces, 0, None, 2), islice(pieces, 1, None, 2))


def _joined(line: str, pieces: array[int]) -> str:
    """The text the ``pieces`` of ``line`` make, joined a batch at a time."""
    joined: list[str] = []
    batch: list[str] = []
    for a, b in _pairs(pieces):
        batch.append(line[a:b])
        if len(batch) > JOIN_EVERY:
            join_batch(joined, batch)
    return joined_text(joined, batch, "")


def _cut(kept: array[int], spans: Iterable[tuple[int, int]]) -> array[int]:
    """The pieces left when ``spans`` (sorted, in the current text's positions)
    are removed from the text made of ``kept``; adjacent pieces are joined.

    >>> list(_pairs(_cut(array("q", [0, 4, 6, 10]), [(1, 2), (3, 5)])))
    [(0, 1), (2, 3), (7, 10)]
    """
    result = array("q")
    spans_left = iter(spans)
    span = next(spans_left, None)
    offset = 0  # where the piece starts in the current text
    for a, b in _pairs(kept):
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


def _keep(pieces: array[int], start: int, end: int) -> None:
    if start >= end:
        return
    if pieces and pieces[-1] == start:
        pieces[-1] = end
    else:
        pieces.append(start)
        pieces.append(end)


def _complement(pieces: array[int], length: int) -> Iterator[tuple[int, int]]:
    """The spans of ``[0, length)`` not in ``pieces`` (sorted, disjoint), one at a time.

    >>> list(_complement(array("q", [1, 4, 7, 8]), 10))
    [(0, 1), (4, 7), (8, 10)]
    """
    position = 0
    for start, end in _pairs(pieces):
        if start > position:
            yield position, start
        position = end
    if position < length:
        yield position, length


def _layout_of_dropped_line(line: str, start: int, kept: array[int]) -> list[Change]:
    """The white space left on a line that held only chrome (what was kept of it), which goes with it."""
    return [Change(LAYOUT, "drop_chrome", start + a, line[a:b], "") for a, b in _pairs(kept)]


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
