"""Paragraphs: line breaks, blank lines and the blank runs flattened pages
use instead of line breaks (two or more of U+3000, NBSP and spaces, at least
one of them U+3000 or NBSP; or four or more spaces).  Indentation goes;
every other character stays.  A run between two single characters is
letter-spacing, not a break (第一章　总　　则, 国　　务　　院).

A page may hold at most :data:`MAX_PARAGRAPHS` paragraphs, or a larger page
one per :data:`CHARS_PER_PARAGRAPH` characters: each is a string of its own
for the parser (about 80 bytes however short), so a page of nothing but short
lines (``字\\n`` repeated) would take 20 to 40 times its size in memory.  The
paragraphs are taken one at a time and the page is refused with
:class:`~wpclean.errors.InputError` as soon as it has one too many.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from itertools import islice

import regex

from wpclean.errors import InputError

_BLANKS = " \t\u3000\u00a0"
MAX_PARAGRAPHS = 50_000  # per page; real pages have at most a few hundred, a 1 MB table a few tens of thousands
CHARS_PER_PARAGRAPH = 32  # a larger page may hold one paragraph per this many characters (real ones: 100 or more)


@cache
def _separator() -> regex.Pattern[str]:
    run = r"(?:[ \t]*[\u3000\xa0]){2,}[ \t]*|[ \t]*[\u3000\xa0][ \t]+[\u3000\xa0 \t]*|[ ]{4,}"
    letter_spaced = (
        r"(?<![ \t\u3000\xa0])(?:(?<!(?:^|[\n \u3000\xa0])\p{Han})(?:RUN)|(?:RUN)(?!\p{Han}(?:[\n \u3000\xa0]|$)))"
    )
    return regex.compile(r"\n|" + letter_spaced.replace("RUN", run))


def split_paragraphs(body: str, limit: int | None = None) -> list[str]:
    """Non-empty paragraphs, stripped of indentation; more than ``limit`` (by
    default :data:`MAX_PARAGRAPHS`, or one per :data:`CHARS_PER_PARAGRAPH`
    characters of ``body`` if that is more) refuse the page.

    >>> split_paragraphs("　　一、总则\\n\\n正文。　　（一）指导思想\\n中共中央　国务院")
    ['一、总则', '正文。', '（一）指导思想', '中共中央　国务院']
    >>> split_paragraphs("第一章　总　　则　　第一条　为了。\\u3000\\xa0 第二条 甲。     第三条 乙。")
    ['第一章　总　　则', '第一条　为了。', '第二条 甲。', '第三条 乙。']
    >>> split_paragraphs("落实。\u3000\u3000国\u3000\u3000务\u3000\u3000院\u3000\u3000二○○五年十二月三日")
    ['落实。', '国\u3000\u3000务\u3000\u3000院', '二○○五年十二月三日']
    >>> split_paragraphs("一\\n二\\n三", limit=2)
    Traceback (most recent call last):
    wpclean.errors.InputError: page has over 2 paragraphs, more than wpclean takes from one page; split it into pages
    """
    if limit is None:
        limit = max(MAX_PARAGRAPHS, len(body) // CHARS_PER_PARAGRAPH)
    paragraphs = list(islice(filter(None, _pieces(body)), limit + 1))
    if len(paragraphs) > limit:
        raise InputError(
            f"page has over {limit:,} paragraphs, more than wpclean takes from one page; split it into pages"
        )
    return paragraphs


def _pieces(body: str) -> Iterator[str]:
    """The body's pieces between separators, stripped, one line at a time: a
    line whose text (without its indentation) holds no U+3000, NBSP or four
    spaces holds no blank run, so it is one piece without a scan (no run
    reaches across a line break, and the pattern reads a line's start and
    end as it reads a break: ``^`` and ``$`` stand beside ``\\n``).

    >>> list(_pieces("　　一、总则\\n\\n正文。　　（一）指导思想"))
    ['一、总则', '', '正文。', '（一）指导思想']
    """
    start = 0
    while start <= len(body):
        end = body.find("\n", start)
        if end == -1:
            end = len(body)
        line = body[start:end]
        start = end + 1
        text = line.strip(_BLANKS)
        if "\u3000" in text or "\xa0" in text or "    " in text:
            yield from (piece.strip(_BLANKS) for piece in _separator().splititer(line))
        else:
            yield text


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
