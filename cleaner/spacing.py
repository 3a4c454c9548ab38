"""Spaces a page or a scraper put where published Chinese text has none.

- letter-spaced Han (``深 圳 市``: a single space beside a character that
  stands alone) is joined up;
- a space or no-break space right before full-width punctuation
  (``认为 ，``), or right after an opening one, goes;
- a no-break space between two Han characters (``坚持\\u00a0党的领导``) goes.

Words separated by a space (``中共中央 国务院``, issuers side by side) and the
ideographic spaces that indent paragraphs stay.  Runs after punctuation,
which makes the marks full-width first.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from wpclean.cleaner.changes import JOIN_EVERY, SPACE, Change, Record, join_batch, joined_text
from wpclean.cleaner.charclasses import HAN

_CLOSING_MARKS = "，。、；：！？）》」』”’】"
_OPENING_MARKS = "（《「『“‘【"


@cache
def _han() -> re.Pattern[str]:
    return re.compile(f"[{HAN}]")


def _is_han(char: str) -> bool:
    return bool(char) and _han().match(char) is not None


def _goes(text: str, start: int, end: int) -> bool:
    """Whether the spaces at ``start:end`` go: before a closing mark or after
    an opening one beside Chinese, no-break spaces between Han, or a single
    space in letter-spaced Han (深 圳 市: the characters on both sides stand
    alone, or one of them starts or continues a run of spaced characters)."""
    before, after = text[start - 1 : start] if start else "", text[end : end + 1]
    if after and after in _CLOSING_MARKS and (_is_han(before) or (before and before in _CLOSING_MARKS)):
        return True
    if before and before in _OPENING_MARKS and (_is_han(after) or (after and after in _OPENING_MARKS)):
        return True
    if not (_is_han(before) and _is_han(after)):
        return False
    if text[start:end] == "\u00a0":  # a run of them may separate flattened paragraphs: it stays
        return True
    # One space between Han goes in letter-spaced text: both characters stand
    # alone (总 理), or the one that stands alone continues a run of spaced
    # characters (深 圳 市教育局).  Words on both sides (中共中央 国务院) keep it,
    # and so does a word after a lone character that is no run (第1号 国家).
    if text[start:end] != " ":
        return False
    left_alone = not _is_han(text[start - 2 : start - 1]) if start >= 2 else True
    right_alone = not _is_han(text[end + 1 : end + 2])
    left_run = left_alone and start >= 3 and text[start - 2] == " " and _is_han(text[start - 3])
    right_run = right_alone and text[end + 1 : end + 2] == " " and _is_han(text[end + 2 : end + 3])
    return (left_alone and right_alone) or left_run or right_run


def join_spaced_han(text: str, record: Record = None) -> str:
    """Remove the spaces published Chinese text does not have.

    >>> join_spaced_han("深 圳 市教育局认为 ，要（ 试行）坚持\\u00a0党的领导；中共中央 国务院")
    '深圳市教育局认为，要（试行）坚持党的领导；中共中央 国务院'
    >>> join_spaced_han("总 理\\n科学技术部令第1号 国家科学技术奖励条例")
    '总理\\n科学技术部令第1号 国家科学技术奖励条例'
    """
    if " " not in text and "\u00a0" not in text:
        return text
    joined, pieces, position = [], [], 0
    for start, end in _space_runs(text):
        if not _goes(text, start, end):
            continue
        if record is not None:
            record.append(Change(SPACE, "join_spaced_han", start, text[start:end], ""))
        pieces.append(text[position:start])
        position = end
        if len(pieces) > JOIN_EVERY:
            join_batch(joined, pieces)
    if not pieces and not joined:
        return text
    return joined_text(joined, pieces, text[position:])


def _space_runs(text: str) -> Iterator[tuple[int, int]]:
    """Every run of spaces and no-break spaces, as (start, end), found by
    jumping with ``str.find`` (Chinese text holds few: faster than a scan),
    one run at a time (a page of spaces would hold a position object each).

    >>> list(_space_runs("a  b\u00a0 c d"))
    [(1, 3), (4, 6), (7, 8)]
    """
    space, no_break = text.find(" "), text.find("\u00a0")
    start = end = -1
    while space != -1 or no_break != -1:
        if no_break == -1 or space != -1 and space < no_break:
            at, space = space, text.find(" ", space + 1)
        else:
            at, no_break = no_break, text.find("\u00a0", no_break + 1)
        if at == end:
            end += 1
            continue
        if end != -1:
            yield start, end
        start, end = at, at + 1
    if end != -1:
        yield start, end
