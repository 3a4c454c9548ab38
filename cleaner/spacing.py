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
from functools import cache

from wpclean.cleaner.changes import SPACE, Change, Record
from wpclean.cleaner.charclasses import HAN

_CLOSING_MARKS = "，。、；：！？）》」』”’】"
_OPENING_MARKS = "（《「『“‘【"


@cache
def _spaces() -> re.Pattern[str]:
    """Space runs (the scan jumps from one to the next, each read once), judged in :func:`_goes`."""
    return re.compile("[ \u00a0]+")


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
    if not text[start:end].strip("\u00a0"):
        return True
    # One space between Han: it goes when the character on either side stands
    # alone (no Han beyond it), as in letter-spaced text; words on both sides
    # (中共中央 国务院) keep it.
    return text[start:end] == " " and (not _is_han(text[start - 2 : start - 1]) or not _is_han(text[end + 1 : end + 2]))


def join_spaced_han(text: str, record: Record = None) -> str:
    """Remove the spaces published Chinese text does not have.

    >>> join_spaced_han("深 圳 市教育局认为 ，要（ 试行）坚持\\u00a0党的领导；中共中央 国务院")
    '深圳市教育局认为，要（试行）坚持党的领导；中共中央 国务院'
    """
    if " " not in text and "\u00a0" not in text:
        return text
    pieces, position = [], 0
    for match in _spaces().finditer(text):
        if not _goes(text, match.start(), match.end()):
            continue
        if record is not None:
            record.append(Change(SPACE, "join_spaced_han", match.start(), match.group(0), ""))
        pieces.append(text[position : match.start()])
        position = match.end()
    return "".join(pieces) + text[position:] if pieces else text
