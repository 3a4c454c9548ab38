"""The signature block after the last section: agency lines and a date."""

from __future__ import annotations

from functools import cache

import regex

from wpclean.parser.markers import match_section_marker

MAX_AGENCY_CHARS = 40
MAX_AGENCY_LINES = 3
MAX_NOTE_LINES = 2


@cache
def _date_line() -> regex.Pattern[str]:
    """A date alone, or an agency and a date on one line (flattened pages)."""
    cn = "[〇○零一二三四五六七八九十]"
    date = rf"[（(]?(?:\d{{4}}年\d{{1,2}}月\d{{1,2}}日|{cn}{{4}}年{cn}{{1,2}}月{cn}{{1,3}}日)[）)]?"
    return regex.compile(rf"(?:[^。，；：！？,;:\s]{{2,40}}[ \t\u3000]+)?{date}")


@cache
def _trailing_note() -> regex.Pattern[str]:
    """Notes printed under a signature: （此件公开发布）, （联系人：…）."""
    return regex.compile(r"[（(][^（）()]{1,40}[）)]")


def _is_agency_line(paragraph: str) -> bool:
    if len(paragraph) > MAX_AGENCY_CHARS or match_section_marker(paragraph):
        return False
    return not regex.search(r"[。，；：！？,;:]", paragraph)


def split_closing(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """Split off a trailing signature block (a date line, with the agency lines before it).

    >>> split_closing(["一、总则", "正文。", "河北省工业和信息化厅", "2020年1月2日"])
    (['一、总则', '正文。'], ['河北省工业和信息化厅', '2020年1月2日'])
    >>> split_closing(["正文。", "二○○七年十一月二十二日"])
    (['正文。'], ['二○○七年十一月二十二日'])
    >>> split_closing(["正文。", "某局　2019年8月6日", "（此件公开发布）"])
    (['正文。'], ['某局　2019年8月6日', '（此件公开发布）'])
    >>> split_closing(["正文。", "完"])
    (['正文。', '完'], [])
    """
    end = len(paragraphs)
    while end > 1 and len(paragraphs) - end < MAX_NOTE_LINES and _trailing_note().fullmatch(paragraphs[end - 1]):
        end -= 1
    if end < 2 or not _date_line().fullmatch(paragraphs[end - 1]):
        return paragraphs, []
    start = end - 1
    while start > 1 and end - start <= MAX_AGENCY_LINES and _is_agency_line(paragraphs[start - 1]):
        start -= 1
    return paragraphs[:start], paragraphs[start:]
