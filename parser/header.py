"""The page header: title line, then metadata lines (source, date, 文号, url)."""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from typing import NamedTuple

import regex

from wpclean.parser.markers import match_section_marker
from wpclean.parser.tables import METADATA_KEYS
from wpclean.parser.title_matter import order_at
from wpclean.schemas import DocNumberParts

MAX_TITLE_CHARS = 150
MAX_METADATA_LINES = 8
MAX_DOC_NUMBER_PARAGRAPH = 6


class Header(NamedTuple):
    title: str | None
    body: str
    fields: dict[str, str]
    published: datetime | date | None = None
    order: str | None = None  # a 令 header that stood before the title (科学技术部令第1号), as written
    order_number: tuple[str, DocNumberParts] | None = None  # its number, normalised (the 文号 it gives)


@cache
def _key_pattern() -> regex.Pattern[str]:
    keys = "|".join(sorted(map(regex.escape, METADATA_KEYS), key=len, reverse=True))
    return regex.compile(rf"(?P<key>{keys})\s*[:：]\s*", regex.IGNORECASE)


@cache
def _date_pattern() -> regex.Pattern[str]:
    return regex.compile(
        r"(?P<y>\d{4})\s*[-/年.]\s*(?P<m>\d{1,2})\s*[-/月.]\s*(?P<d>\d{1,2})\s*日?"
        r"(?:[\sT]*(?P<H>\d{1,2})[:：](?P<M>\d{2})(?:[:：](?P<S>\d{2}))?)?"
    )


@cache
def _doc_number_pattern() -> regex.Pattern[str]:
    brackets = r"[〔\[［【(（]\d{4}[〕\]］】)）]"
    return regex.compile(rf"\p{{Han}}{{1,12}}{brackets}\d{{1,4}}号")


def find_doc_number(paragraphs: list[str], within: int = MAX_DOC_NUMBER_PARAGRAPH) -> str | None:
    """The document number (文号) standing alone in one of the first paragraphs.

    >>> find_doc_number(["包头市人民政府办公室关于印发…的通知", "包府办发〔2022〕43号", "各旗、县、区："])
    '包府办发〔2022〕43号'
    >>> find_doc_number(["根据国发〔2007〕37号文件精神，现通知如下。"]) is None
    True
    """
    pattern = _doc_number_pattern()
    return next((p for p in paragraphs[:within] if pattern.fullmatch(p)), None)


def parse_metadata_line(line: str) -> dict[str, str] | None:
    """Key/value pairs of a metadata line, or None when the line is not one.

    >>> parse_metadata_line("信息来源： 深圳市教育局  日期：2020-02-25 00:00:00")
    {'source': '深圳市教育局', 'published': '2020-02-25 00:00:00'}
    >>> parse_metadata_line("来源：省政府  发布时间：2020-01-02 09:30") == {'source': '省政府', 'published': '2020-01-02 09:30'}
    True
    >>> parse_metadata_line("日期：2019年，我们来源于群众") is None
    False
    >>> parse_metadata_line("一、指导思想") is None
    True
    """
    stripped = line.strip()
    matches = list(_key_pattern().finditer(stripped))
    if not matches or matches[0].start() != 0:
        return None
    found: dict[str, str] = {}
    for match, following in zip(matches, [*matches[1:], None]):
        value = stripped[match.end() : following.start() if following else len(stripped)].strip()
        found.setdefault(METADATA_KEYS[match.group("key").lower()], value)
    return found


def parse_published(value: str) -> datetime | date | None:
    """A date or date-time from the common header forms.

    >>> parse_published("2020-02-25 00:00:00"), parse_published("2020年2月25日")
    (datetime.datetime(2020, 2, 25, 0, 0), datetime.date(2020, 2, 25))
    >>> parse_published("2020/2/25 9:30"), parse_published("二月"), parse_published("2020-13-45")
    (datetime.datetime(2020, 2, 25, 9, 30), None, None)
    """
    return when_matched(_date_pattern().search(value))


def when_matched(match: regex.Match[str] | None) -> datetime | date | None:
    """The date (or date-time, when a time was matched) a date pattern's match
    names: groups ``y m d`` and optionally ``H M S``; None for no match or no such day.

    >>> when_matched(_date_pattern().search("2020-02-30")) is None
    True
    """
    if not match:
        return None
    parts = {key: int(number) for key, number in match.groupdict().items() if number is not None}
    try:
        day = date(parts["y"], parts["m"], parts["d"])
        if "H" not in parts:
            return day
        return datetime(day.year, day.month, day.day, parts["H"], parts["M"], parts.get("S", 0))
    except ValueError:
        return None


@cache
def _not_core() -> regex.Pattern[str]:
    return regex.compile(r"[^\p{Han}\p{L}\p{N}]")


def title_prefix_end(body: str, title: str) -> int:
    """Where the body's repetition of the title ends (0 when it does not start
    with it): the title's Han characters, letters and digits in order, blanks
    and punctuation between them allowed (letter-spaced titles, one over two lines).

    >>> title_prefix_end("\\n关于做好 工作的\\n通知国发〔2007〕1号", "关于做好工作的通知")
    12
    >>> title_prefix_end("一、总则", "关于做好工作的通知"), title_prefix_end("《某规定》已经通过", "某规定")
    (0, 0)
    """
    want = _not_core().sub("", title)
    if not want:
        return 0
    at, matched = 0, 0
    while at < len(body) and matched < len(want):
        char = body[at]
        if char == want[matched]:
            matched += 1
        elif not _not_core().match(char) or at > len(title) * 3:
            return 0
        at += 1
    names_it = body[at : at + 1] in ("》", "”", "）", ")", "」") or body[:at].count("《") > body[:at].count("》")
    if matched < len(want) or names_it:
        return 0  # 《标题》已经…通过: a sentence that names the title, not the title again
    return at


def _is_title(line: str) -> bool:
    text = line.strip()
    return 0 < len(text) <= MAX_TITLE_CHARS and "。" not in text[:-1] and parse_metadata_line(text) is None


def split_header(text: str) -> Header:
    """Take the title (first non-empty line) and the metadata lines around it.

    Metadata lines may also stand before the title, as on disclosure pages that
    open with a table of 索引号 / 发文机关 / 标题 / 发文字号 lines.

    >>> h = split_header("\\n标题\\n来源：某局 日期：2020-02-25\\n正文。")
    >>> h.title, h.fields["source"], h.published, h.body
    ('标题', '某局', datetime.date(2020, 2, 25), '正文。')
    >>> h = split_header("索引号：000/2020-01\\n发文机关：某局\\n标题：某局通知\\n某局通知\\n正文。")
    >>> h.title, h.fields["source"], h.body
    ('某局通知', '某局', '正文。')
    """
    # Positions, not a list of lines: the header is a few lines, and a page of
    # a million short lines would take ~80 bytes a line as strings.
    fields: dict[str, str] = {}
    at = _consume_metadata(text, 0, fields)
    order = _order_before_title(text, at)
    if order is not None:  # the title follows it: the header is the plan's ``order``
        (header, number), at = order
    line = _line_at(text, at)
    title = line.strip() if line is not None and _is_title(line) else fields.get("title")
    if line is not None and title == line.strip():
        at = _next_line(text, at)
    at = _consume_metadata(text, at, fields)
    published = parse_published(fields["published"]) if "published" in fields else None
    if order is None:
        return Header(title=title, body=text[at:], fields=fields, published=published)
    return Header(title, text[at:], fields, published, order=header, order_number=number)


def _order_before_title(text: str, at: int) -> tuple[tuple[str, tuple[str, DocNumberParts]], int] | None:
    """A 令 header that opens the text before its title (``科学技术部令第1号　某细则`` on one
    line, or ``某市人民政府令`` / ``第5号`` / ``某办法``): the header as written with its
    number, and where the title starts.  Only when a title line follows it: after an order
    that opens with its text (``国务院令第623号　《某条例》已经通过，现予公布。``) the order is the title.

    >>> (header, number), at = _order_before_title("科学技术部令第1号 国家科学技术奖励条例实施细则\\n第一条", 0)
    >>> header, at
    ('科学技术部令第1号', 10)
    >>> (header, number), at = _order_before_title("某市人民政府令\\n第5号\\n某市养犬管理办法\\n第一条", 0)
    >>> header, number[0], at
    ('某市人民政府令\\n第5号', '某市人民政府令第5号', 12)
    >>> _order_before_title("国务院令第623号　《某条例》已经通过，现予公布。", 0) is None
    True
    """
    if text[at : at + MAX_ORDER_LOOKAHEAD].find("令") == -1:
        return None
    found = order_at(text, at)
    if found is None:
        return None
    order, end = found
    while end < len(text) and text[end] in " \t\u3000\xa0\n":
        end += 1
    line = _line_at(text, end)
    if line is None or not _is_title(line) or line.rstrip()[-1:] in "。；：！？:;!?" or line[:1] in "（(【[":
        return None  # a sentence, a 题注 (（2020年1月1日公布）), not a title
    if match_section_marker(line):
        return None  # 第一章　总则: no title between
    return (order.header, order.doc_number), end


MAX_ORDER_LOOKAHEAD = 40  # a 令 header's name is at most 20 characters, its number a few more


def _line_at(text: str, at: int) -> str | None:
    """The line that starts at ``at`` (None past the last line).

    >>> _line_at("a\\nb", 2), _line_at("a\\n", 2), _line_at("a\\n", 3)
    ('b', '', None)
    """
    if at > len(text):
        return None
    end = text.find("\n", at)
    return text[at:] if end == -1 else text[at:end]


def _next_line(text: str, at: int) -> int:
    """Where the line after the one starting at ``at`` starts (past the text's end after the last)."""
    end = text.find("\n", at)
    return len(text) + 1 if end == -1 else end + 1


def _consume_metadata(text: str, at: int, fields: dict[str, str]) -> int:
    """Skip blank lines and read metadata lines from the line starting at ``at``;
    return where the rest starts."""
    read = 0
    while (line := _line_at(text, at)) is not None and read < MAX_METADATA_LINES:
        if not line.strip():
            at = _next_line(text, at)
            continue
        found = parse_metadata_line(line)
        if found is None:
            break
        for key, value in found.items():
            fields.setdefault(key, value)
        at = _next_line(text, at)
        read += 1
    while (line := _line_at(text, at)) is not None and not line.strip():
        at = _next_line(text, at)
    return at
