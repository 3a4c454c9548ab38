"""Recognising section and item markers (GB/T 9704-style numbering)."""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

import regex

from wpclean.parser.numerals import chinese_to_int
from wpclean.parser.tables import (
    LEVEL_ARABIC_DOT,
    LEVEL_ARABIC_PAREN,
    LEVEL_CHINESE_COMMA,
    LEVEL_CHINESE_PAREN,
    NUMERAL_CHARS,
)

_CN = f"[{NUMERAL_CHARS}]{{1,4}}"
_DIGITS = "[0-9０-９]{1,3}"


class SectionMarker(NamedTuple):
    level: int
    number: int
    marker: str
    rest: str


class ItemMarker(NamedTuple):
    family: str
    number: int
    marker: str
    start: int
    end: int


@cache
def _section_patterns() -> tuple[tuple[int, regex.Pattern[str]], ...]:
    return (
        (LEVEL_CHINESE_PAREN, regex.compile(rf"[（(](?P<n>{_CN})[）)]")),
        (LEVEL_ARABIC_PAREN, regex.compile(rf"[（(](?P<n>{_DIGITS})[）)]")),
        (LEVEL_CHINESE_COMMA, regex.compile(rf"(?P<n>{_CN})(?:、|[.．](?![0-9０-９]))(?!{_CN}、)")),
        (LEVEL_ARABIC_DOT, regex.compile(rf"(?P<n>{_DIGITS})(?:[.．﹒](?![0-9０-９])|、)")),
    )


@cache
def _patterns_by_first_character() -> dict[str, tuple[tuple[int, regex.Pattern[str]], ...]]:
    """The section patterns that can match a paragraph starting with a given
    character (in their order): one or two to try instead of four."""
    patterns = dict(_section_patterns())
    groups = {
        "（(": (LEVEL_CHINESE_PAREN, LEVEL_ARABIC_PAREN),
        NUMERAL_CHARS: (LEVEL_CHINESE_COMMA,),
        "0123456789０１２３４５６７８９": (LEVEL_ARABIC_DOT,),
    }
    return {char: tuple((level, patterns[level]) for level in levels) for chars, levels in groups.items() for char in chars}


def match_section_marker(paragraph: str) -> SectionMarker | None:
    """The section marker a paragraph starts with, if any.

    >>> match_section_marker("（一）指导思想。全面贯彻")
    SectionMarker(level=2, number=1, marker='（一）', rest='指导思想。全面贯彻')
    >>> match_section_marker("12．完善机制"), match_section_marker("2.5万元")
    (SectionMarker(level=3, number=12, marker='12．', rest='完善机制'), None)
    >>> match_section_marker("一、二、三产业融合") is None, match_section_marker("十一、开拓").number
    (True, 11)
    >>> match_section_marker("二．主要措施").marker
    '二．'

    """
    for level, pattern in _patterns_by_first_character().get(paragraph[:1], ()):
        match = pattern.match(paragraph)
        if match:
            raw = match.group("n")
            number = chinese_to_int(raw) if level in (LEVEL_CHINESE_COMMA, LEVEL_CHINESE_PAREN) else int(raw)
            if number is not None:
                return SectionMarker(level, number, match.group(0), paragraph[match.end() :])
    return None


@cache
def _item_pattern() -> re.Pattern[str]:
    """An item marker anywhere; :func:`_at_item_start` then checks what stands
    before it.  Starting with the marker (not with the boundary before it)
    lets the scan jump to the few numeral characters instead of trying every
    position; a marker's own characters are never a boundary, so skipping
    over a rejected marker never hides an accepted one."""
    numeral = "[一二三四五六七八九十]{1,3}"
    return re.compile(rf"(?P<marker>(?P<n>{numeral})(?P<family>是|要)|第(?P<dn>{numeral})[，,])")


_ITEM_BOUNDARY = frozenset("\n。；：，！？;:,!?")  # an item starts a line or follows one of these


def _at_item_start(text: str, start: int) -> bool:
    """Whether only spaces or tabs stand between ``start`` and the start of
    the text, a line, or a sentence or clause (。；：，！？)."""
    at = start
    while at and text[at - 1] in " \t":
        at -= 1
    return not at or text[at - 1] in _ITEM_BOUNDARY


_FAMILIES = {"是": "shi", "要": "yao", None: "di"}


def find_item_markers(text: str) -> list[ItemMarker]:
    """Every place in ``text`` that looks like an item marker (not yet checked for sequence).

    >>> [m.marker for m in find_item_markers("一是加强。二是统一是关键；第三，完善")]
    ['一是', '二是', '第三，']
    """
    found = []
    for match in _item_pattern().finditer(text):
        if not _at_item_start(text, match.start()):
            continue
        number = chinese_to_int(match.group("n") or match.group("dn"))
        if number:
            found.append(ItemMarker(_FAMILIES[match.group("family")], number, match.group("marker"), match.start(), match.end()))
    return found
