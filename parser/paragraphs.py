"""Paragraphs: line breaks, blank lines and the blank runs flattened pages
use instead of line breaks (two or more of U+3000, NBSP and spaces, at least
one of them U+3000 or NBSP; or four or more spaces).  Indentation goes;
every other character stays.  A run between two single characters is
letter-spacing, not a break (第一章　总　　则, 国　　务　　院)."""

from __future__ import annotations

from functools import cache

import regex

_BLANKS = " \t\u3000\u00a0"


@cache
def _separator() -> regex.Pattern[str]:
    run = r"(?:[ \t]*[\u3000\xa0]){2,}[ \t]*|[ \t]*[\u3000\xa0][ \t]+[\u3000\xa0 \t]*|[ ]{4,}"
    letter_spaced = (
        r"(?<![ \t\u3000\xa0])(?:(?<!(?:^|[\n \u3000\xa0])\p{Han})(?:RUN)|(?:RUN)(?!\p{Han}(?:[\n \u3000\xa0]|$)))"
    )
    return regex.compile(r"\n|" + letter_spaced.replace("RUN", run))


def split_paragraphs(body: str) -> list[str]:
    """Non-empty paragraphs, stripped of indentation.

    >>> split_paragraphs("　　一、总则\\n\\n正文。　　（一）指导思想\\n中共中央　国务院")
    ['一、总则', '正文。', '（一）指导思想', '中共中央　国务院']
    >>> split_paragraphs("第一章　总　　则　　第一条　为了。\\u3000\\xa0 第二条 甲。     第三条 乙。")
    ['第一章　总　　则', '第一条　为了。', '第二条 甲。', '第三条 乙。']
    >>> split_paragraphs("落实。\u3000\u3000国\u3000\u3000务\u3000\u3000院\u3000\u3000二○○五年十二月三日")
    ['落实。', '国\u3000\u3000务\u3000\u3000院', '二○○五年十二月三日']
    """
    pieces = (piece.strip(_BLANKS) for piece in _separator().split(body))
    return [piece for piece in pieces if piece]


def unspaced(name: str) -> str:
    """A letter-spaced name closed up: 国　务　院 → 国务院, 总 理 → 总理.

    >>> unspaced("国\u3000务\u3000院"), unspaced("中共中央 国务院")
    ('国务院', '中共中央 国务院')
    """
    if not any(blank in name for blank in _BLANKS):  # most names: no pattern looked up at all
        return name
    if _letter_spaced().fullmatch(name):
        return _name_blanks().sub("", name)
    return name


@cache
def _letter_spaced() -> regex.Pattern[str]:
    return regex.compile(r"(?:\p{Han}[ \t\u3000\xa0]+)+\p{Han}")


@cache
def _name_blanks() -> regex.Pattern[str]:
    return regex.compile(r"[ \t\u3000\xa0]+")
