"""Recognising section and item markers (GB/T 9704-style numbering)."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import NamedTuple

import regex

from wpclean.parser.numerals import chinese_to_int
from wpclean.parser.tables import (
    CIRCLED_NUMBERS,
    DECIMAL_QUANTITY_UNITS,
    ITEM_FAMILIES,
    ITEM_NUMERAL,
    LEVEL_ARABIC_DOT,
    LEVEL_ARABIC_HALF_PAREN,
    LEVEL_ARABIC_PAREN,
    LEVEL_CHINESE_COMMA,
    LEVEL_CHINESE_PAREN,
    LEVEL_CIRCLED,
    LEVEL_DECIMAL,
    MAX_DECIMAL_DEPTH,
    NUMERAL_CHARS,
    ORDINAL_UNITS,
)

_CN = f"[{NUMERAL_CHARS}]{{1,4}}"
_ORDINAL_CN = f"[{NUMERAL_CHARS}]{{1,5}}"  # 第一百一十一条: article numbers run past 110
_DIGITS = "[0-9０-９]{1,3}"
_ORDINAL = "ordinal"  # the pattern of 第X编/篇/章/节/条: its level depends on the unit
_DECIMAL = "decimal"  # the pattern of 1 / 1.1 / 1.1.1: its level depends on the depth


class SectionMarker(NamedTuple):
    level: int
    number: int
    marker: str
    rest: str


class Marker(NamedTuple):
    """A section marker found at a position of a text: ``end`` is where its rest starts."""

    level: int
    number: int
    marker: str
    kind: str
    end: int


class ItemMarker(NamedTuple):
    family: str
    number: int
    marker: str
    start: int
    end: int


@cache
def _section_patterns() -> dict[int | str, re.Pattern[str] | regex.Pattern[str]]:
    """Each marker style's pattern, matched where a marker may stand.  All but
    the decimal one (``\\p{Han}``) are compiled with ``re``: a paragraph tries
    one or two of them, and a call of ``re`` costs less than one of ``regex``."""
    units = "".join(ORDINAL_UNITS)
    return {
        LEVEL_CHINESE_PAREN: re.compile(rf"[（(](?P<n>{_CN})[）)]"),
        LEVEL_ARABIC_PAREN: re.compile(rf"[（(](?P<n>{_DIGITS})[）)]"),
        LEVEL_CHINESE_COMMA: re.compile(rf"(?P<n>{_CN})(?:、|[.．](?![0-9０-９]))(?!{_CN}、)"),
        LEVEL_ARABIC_DOT: re.compile(rf"(?P<n>{_DIGITS})(?:[.．﹒](?![0-9０-９])|、)"),
        LEVEL_ARABIC_HALF_PAREN: re.compile(rf"(?P<n>{_DIGITS})[)）]"),
        LEVEL_CIRCLED: re.compile(f"(?P<n>[{CIRCLED_NUMBERS}])"),
        _ORDINAL: re.compile(
            rf"第[ \t\u3000]*(?P<n>{_ORDINAL_CN}|{_DIGITS})[ \t\u3000]*(?P<unit>[{units}])(?![，,、的])"
        ),
        _DECIMAL: _decimal_pattern(),
    }


def _decimal_pattern() -> regex.Pattern[str]:
    """1.1 / 1.1.1 (also 1.1. and 1.1、), or a bare 1 with blanks after it (a decimal document's
    first depth): each number 1-99, then Han text that does not start with a quantity's unit."""
    number = "[1-9１-９][0-9０-９]?"
    blank = "[ \\t\\u3000\\xa0]"
    units = regex.escape(DECIMAL_QUANTITY_UNITS)
    deeper = rf"{number}(?:[.．]{number}){{1,{MAX_DECIMAL_DEPTH - 1}}}(?:[.．、](?![0-9０-９]))?(?![.．]?[0-9０-９])"
    return regex.compile(rf"(?P<n>{deeper}(?={blank}*\p{{Han}})|{number}(?={blank}+\p{{Han}}))(?!{blank}*[{units}])")


@lru_cache(maxsize=4096)
def decimal_path(marker: str) -> tuple[int, ...]:
    """The numbers of a decimal marker.

    >>> decimal_path("3.2.1"), decimal_path("1.1、"), decimal_path("7")
    ((3, 2, 1), (1, 1), (7,))
    """
    return tuple(int(part) for part in regex.split("[.．]", marker.rstrip(".．、")))


@cache
def _patterns_by_first_character() -> dict[str, tuple[tuple[int | str, re.Pattern[str] | regex.Pattern[str]], ...]]:
    """The section patterns that can match a paragraph starting with a given
    character (in their order): one or two to try instead of all."""
    patterns = _section_patterns()
    groups: dict[str, tuple[int | str, ...]] = {
        "（(": (LEVEL_CHINESE_PAREN, LEVEL_ARABIC_PAREN),
        NUMERAL_CHARS: (LEVEL_CHINESE_COMMA,),
        "0123456789０１２３４５６７８９": (LEVEL_ARABIC_DOT, LEVEL_ARABIC_HALF_PAREN, _DECIMAL),
        CIRCLED_NUMBERS: (LEVEL_CIRCLED,),
        "第": (_ORDINAL,),
    }
    return {
        char: tuple((level, patterns[level]) for level in levels) for chars, levels in groups.items() for char in chars
    }


MARKER_FIRST_CHARACTERS = "（(第" + NUMERAL_CHARS + "0123456789０１２３４５６７８９" + CIRCLED_NUMBERS


def marker_at(text: str, pos: int = 0) -> Marker | None:
    """The section marker standing at ``pos`` of ``text``, if any.

    >>> marker_at("依照下列规定：第三条　本办法", 7)
    Marker(level=13, number=3, marker='第三条', kind='article', end=10)
    >>> marker_at("第一百一十一条　本法自公布之日起施行。").number
    111
    >>> marker_at("第一章，总则。") is None, marker_at("①甲").number, marker_at("2）乙").level
    (True, 1, 6)
    >>> marker_at("3.2.1　预警分级"), marker_at("2　组织体系").level, marker_at("3.1万个村庄"), marker_at("2.0版")
    (Marker(level=9, number=1, marker='3.2.1', kind='decimal', end=5), 7, None, None)
    """
    for level, pattern in _patterns_by_first_character().get(text[pos : pos + 1], ()):
        match = pattern.match(text, pos)
        if not match:
            continue
        raw = match.group("n")
        kind = "ladder"
        if level == _ORDINAL:
            level, kind = ORDINAL_UNITS[match.group("unit")]
            number = chinese_to_int(raw) if raw[0] in NUMERAL_CHARS else int(raw)
        elif level == _DECIMAL:
            path = decimal_path(raw)
            level, kind, number = LEVEL_DECIMAL + len(path) - 1, "decimal", path[-1]
        elif level in (LEVEL_CHINESE_COMMA, LEVEL_CHINESE_PAREN):
            number = chinese_to_int(raw)
        elif level == LEVEL_CIRCLED:
            number = CIRCLED_NUMBERS.index(raw) + 1
        else:
            number = int(raw)
        if number is not None:
            return Marker(level, number, match.group(0), kind, match.end())
    return None


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
    found = marker_at(paragraph)
    if found is None:
        return None
    return SectionMarker(found.level, found.number, found.marker, paragraph[found.end :])


def item_marker_source() -> str:
    """The item markers' grammar, one regular expression built from
    :data:`~wpclean.parser.tables.ITEM_FAMILIES`: a named group per family
    (``shi``, ``yao``, ``di``) holding the numeral's group (``shi_n`` …).

    >>> regex.fullmatch(item_marker_source(), "第三，").lastgroup
    'di'
    """
    return "|".join(
        f"(?P<{family}>" + shape.replace("{n}", f"(?P<{family}_n>{ITEM_NUMERAL})") + ")"
        for family, shape in ITEM_FAMILIES.items()
    )


@cache
def _item_pattern() -> regex.Pattern[str]:
    """An item marker anywhere; :func:`_at_item_start` then checks what stands
    before it.  Starting with the marker (not with the boundary before it)
    lets the scan jump to the few numeral characters instead of trying every
    position; a marker's own characters are never a boundary, so skipping
    over a rejected marker never hides an accepted one.  Compiled with
    ``regex``, which scans for the branches' first characters: ``re`` tries
    each branch at every position of the text, ten times slower on a page."""
    return regex.compile(item_marker_source())


_ITEM_BOUNDARY = frozenset("\n。；：，！？;:,!?")  # an item starts a line or follows one of these


def _at_item_start(text: str, start: int) -> bool:
    """Whether only spaces or tabs stand between ``start`` and the start of
    the text, a line, or a sentence or clause (。；：，！？)."""
    at = start
    while at and text[at - 1] in " \t":
        at -= 1
    return not at or text[at - 1] in _ITEM_BOUNDARY


def find_item_markers(text: str) -> list[ItemMarker]:
    """Every place in ``text`` that looks like an item marker (not yet checked for sequence).

    >>> [m.marker for m in find_item_markers("一是加强。二是统一是关键；第三，完善")]
    ['一是', '二是', '第三，']
    """
    found = []
    after = 0  # where the last marker ends: like ``finditer``, the scan resumes there
    for match in _item_start().finditer(text):
        start, family = match.start(), match.lastgroup or ""
        if start < after:
            continue
        after = match.end(family)
        if not _at_item_start(text, start):
            continue
        number = chinese_to_int(match.group(f"{family}_n"))
        if number:
            found.append(ItemMarker(family, number, match.group(family), start, after))
    return found


@cache
def _item_start() -> re.Pattern[str]:
    """The first character of an item marker, the marker itself read by a
    lookahead from it (its groups those of :func:`_item_pattern`): one class
    first, which ``re`` scans for a bitmap at a time, faster than ``regex``
    finds the branches' first characters.  The lookahead is tried at every
    such character, so a caller skips those inside the marker before.

    >>> [match.group(match.lastgroup) for match in _item_start().finditer("十一是，第二，")]
    ['十一是', '一是', '第二，']
    """
    first = ITEM_NUMERAL[1 : ITEM_NUMERAL.index("]")] + "第"  # every family's shape starts with a numeral or 第
    return re.compile(f"[{first}](?<=(?=(?:{item_marker_source()}))[{first}])")
