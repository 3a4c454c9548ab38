"""Paragraphs: line breaks, blank lines and the runs of ideographic spaces that
flattened pages use instead of line breaks.  Indentation goes; every other
character stays."""

from __future__ import annotations

import re
from functools import cache

_BLANKS = " \t\u3000\u00a0"


@cache
def _separator() -> re.Pattern[str]:
    return re.compile("\n|\u3000{2,}")


def split_paragraphs(body: str) -> list[str]:
    """Non-empty paragraphs, stripped of indentation.

    >>> split_paragraphs("　　一、总则\\n\\n正文。　　（一）指导思想\\n中共中央　国务院")
    ['一、总则', '正文。', '（一）指导思想', '中共中央　国务院']
    """
    pieces = (piece.strip(_BLANKS) for piece in _separator().split(body))
    return [piece for piece in pieces if piece]
