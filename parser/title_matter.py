"""What stands between a document's title and its body: the headline group,
the 题注, the byline and the 令 header.  A careful reader does not take them
for the body's first words, so the parser takes them out of the body's start
and gives them their own fields (they are read, in this order, before the
文号 and the 主送机关 of :mod:`wpclean.parser.front`):

- ``subtitles``: 副题 lines (``——在全省工作会议上的讲话``) and the headline
  group of a news page (short lines without a sentence, before the news
  dateline ``新华社上海11月30日电``);
- ``title_note``: the 题注, a bracketed line with a date
  (``（2007年6月29日第十届全国人民代表大会常务委员会第二十八次会议通过）``,
  ``（2018年1月2日）``); when it names one date only, that date is the
  document's 成文日期 (a 决议 or 决定 is dated by it);
- ``byline``: a date line alone, with or without a line naming who speaks
  or writes (``2012年6月24日`` / ``中国载人航天工程新闻发言人 武平``);
- ``order``: the 令 header, the order's name and its number
  (``江西省人民政府令`` / ``第223号``); the number is the document's 文号
  when it has no other.

>>> matter, rest = split_title_matter(["（2007年6月29日某会议通过）", "会议决定：批准。"])
>>> matter.title_note, matter.written, rest
('（2007年6月29日某会议通过）', datetime.date(2007, 6, 29), ['会议决定：批准。'])
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import NamedTuple

import regex

from wpclean.parser.closing import date_pattern, parse_date
from wpclean.parser.markers import match_section_marker
from wpclean.parser.numerals import chinese_to_int
from wpclean.schemas import DocNumberParts, trusted

_BLANKS = " \t\u3000\xa0"
_BLANK = "[ \t\u3000\xa0]"
MAX_HEADLINES = 4  # lines of a headline group before the news dateline
MAX_HEADLINE_CHARS = 40
MAX_NOTE_CHARS = 200
MAX_BYLINE_CHARS = 30


class TitleMatter(NamedTuple):
    subtitles: list[str]
    title_note: str | None
    byline: str | None
    order: str | None
    doc_number: tuple[str, DocNumberParts] | None  # the 令's number, normalised
    written: date | None  # the 题注's date, when it names one

    def fields(self) -> dict[str, object]:
        """The Document fields these fill (a list of its own: :data:`NOTHING` is shared)."""
        return dict(subtitles=list(self.subtitles), title_note=self.title_note, byline=self.byline, order=self.order)


NOTHING = TitleMatter([], None, None, None, None, None)


@cache
def _dateline() -> regex.Pattern[str]:
    """A news dateline: 新华社上海11月30日电, 本报北京3月5日讯, 本报讯."""
    day = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
    return regex.compile(rf"\p{{Han}}{{2,16}}?{day}月{day}日(?:电|讯)|(?:本报|本网|本台)讯")


@cache
def _title_note() -> regex.Pattern[str]:
    return regex.compile(rf"[（(][^（）()]{{0,80}}?{date_pattern().pattern}[^（）()]{{0,{MAX_NOTE_CHARS}}}[）)]")


@cache
def _date_line() -> regex.Pattern[str]:
    return regex.compile(rf"[（(]?{_BLANK}*{date_pattern().pattern}{_BLANK}*[）)]?")


@cache
def _person_line() -> regex.Pattern[str]:
    """Who speaks or writes: a role and a name, apart (中国载人航天工程新闻发言人 武平)."""
    return regex.compile(rf"[\p{{Han}}·]{{2,24}}(?:{_BLANK}+[\p{{Han}}·]{{2,6}})+")


@cache
def _order() -> regex.Pattern[str]:
    """A 令 header: its name, then its number on the same line or the next."""
    serial = r"(?P<serial>[0-9０-９]{1,5}|[〇零一二三四五六七八九十百千]{1,8})"
    return regex.compile(rf"(?P<name>\p{{Han}}{{2,20}}令)(?:{_BLANK}*(?P<number>第{_BLANK}*{serial}{_BLANK}*号))?")


@cache
def _order_number() -> regex.Pattern[str]:
    serial = r"(?P<serial>[0-9０-９]{1,5}|[〇零一二三四五六七八九十百千]{1,8})"
    return regex.compile(rf"第{_BLANK}*{serial}{_BLANK}*号")


def _is_headline(paragraph: str) -> bool:
    text = paragraph.strip(_BLANKS)
    return (
        2 <= len(text) <= MAX_HEADLINE_CHARS
        and not any(mark in text for mark in "。；：？！:;?!")
        and match_section_marker(text) is None
    )


def _is_dash_subtitle(paragraph: str) -> bool:
    text = paragraph.strip(_BLANKS)
    return text.startswith(("——", "—", "--")) and len(text) <= MAX_NOTE_CHARS and "。" not in text[:-1]


def _subtitles(paragraphs: list[str]) -> int:
    """How many of the first paragraphs are subtitles: 副题 lines starting with a dash,
    or a headline group followed by a news dateline.

    >>> _subtitles(["推动发展取得新突破", "李强蔡奇出席", "新华社上海11月30日电 总书记…"])
    2
    >>> _subtitles(["目 录", "第一部分 概况", "一、职能"]), _subtitles(["——在全省工作会议上的讲话", "同志们："])
    (0, 1)
    """
    taken = 0
    while taken < len(paragraphs) - 1 and _is_dash_subtitle(paragraphs[taken]):
        taken += 1
    end = taken
    dateline = _dateline()
    while end < len(paragraphs) and end - taken <= MAX_HEADLINES:
        if dateline.match(paragraphs[end].lstrip(_BLANKS)):
            return end
        if not _is_headline(paragraphs[end]):
            break
        end += 1
    return taken


@cache
def _takes_effect() -> regex.Pattern[str]:
    """A note that says when the text takes effect (自…起施行): not the date it was written."""
    return regex.compile(r"起(?:施行|实施|执行)")


def _note_date(note: str) -> date | None:
    """The 题注's date when it names only one (several: a history of amendments, no single
    date), and not the day the text takes effect.

    >>> _note_date("（2018年1月2日）"), _note_date("（自2020年1月1日起施行）"), _note_date("（2001年1月2日通过　2010年3月4日修正）")
    (datetime.date(2018, 1, 2), None, None)
    """
    dates = [match.group(0) for match in date_pattern().finditer(note)]
    if len(dates) != 1 or _takes_effect().search(note):
        return None
    return parse_date(dates[0])


def _byline(paragraphs: list[str]) -> int:
    """How many of the first paragraphs are a byline: a date line, with a person line before or after it.

    >>> _byline(["2012年6月24日", "中国载人航天工程新闻发言人 武平", "女士们、先生们："])
    2
    >>> _byline(["某某 张三", "正文。"]), _byline(["2012年6月24日"])
    (0, 0)
    """
    if len(paragraphs) < 2:
        return 0

    def dated(index: int) -> bool:
        return index < len(paragraphs) and _date_line().fullmatch(paragraphs[index].strip(_BLANKS)) is not None

    def person(index: int) -> bool:
        text = paragraphs[index].strip(_BLANKS) if index < len(paragraphs) else ""
        return len(text) <= MAX_BYLINE_CHARS and _person_line().fullmatch(text) is not None

    if dated(0):
        return 2 if len(paragraphs) > 2 and person(1) else 1
    if person(0) and dated(1) and len(paragraphs) > 2:
        return 2
    return 0


class Order(NamedTuple):
    header: str  # as written
    doc_number: tuple[str, DocNumberParts]  # its number, normalised
    taken: int  # the paragraphs it took
    rest: str  # the text after it in its last paragraph


def _split_order(paragraphs: list[str]) -> Order | None:
    """The 令 header at the start of ``paragraphs``.

    >>> _split_order(["江西省人民政府令", "第223号", "省人民政府决定…"])
    Order(header='江西省人民政府令\\n第223号', doc_number=('江西省人民政府令第223号', \
DocNumberParts(agency_code='江西省人民政府令', year=None, serial=223)), taken=2, rest='')
    >>> _split_order(["中华人民共和国国务院令第　623　号　　《某条例》已经通过，现予公布。"]).rest
    '《某条例》已经通过，现予公布。'
    >>> _split_order(["科学技术部令第9号关于修改某细则的决定"]) is None
    True
    """
    if not paragraphs:
        return None
    first = paragraphs[0].strip(_BLANKS)
    match = _order().match(first)
    if match is None:
        return None
    if match.group("number"):
        rest = first[match.end() :]
        if rest and not (rest[0] in _BLANKS or rest[0] == "《"):
            return None  # 国务院令第9号公布的…: a sentence that names an order
        header, serial, taken, rest = match.group(0), match.group("serial"), 1, rest.strip(_BLANKS)
    else:
        number = _order_number().fullmatch(paragraphs[1].strip(_BLANKS)) if len(paragraphs) > 1 else None
        if match.end() != len(first) or number is None:
            return None
        header, serial, taken, rest = f"{first}\n{number.group(0)}", number.group("serial"), 2, ""
    written = serial.translate(_FULLWIDTH)
    value = int(written) if written.isdigit() else chinese_to_int(written)
    name = match.group("name")
    parts = trusted(DocNumberParts, agency_code=name, year=None, serial=value)
    return Order(header, (f"{name}第{written}号", parts), taken, rest)


_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def order_at(text: str, at: int) -> tuple[Order, int] | None:
    """The 令 header that starts ``text`` at ``at`` (its first two lines read, as
    :func:`_split_order` reads them), and where it ends in ``text``.

    >>> order, end = order_at("x江西省人民政府令\\n第223号\\n标题", 1)
    >>> order.header, order.doc_number[0], end
    ('江西省人民政府令\\n第223号', '江西省人民政府令第223号', 15)
    """
    first_end = text.find("\n", at)
    first_end = len(text) if first_end == -1 else first_end
    second_end = text.find("\n", first_end + 1)
    second_end = len(text) if second_end == -1 else second_end
    lines = [text[at:first_end], text[first_end + 1 : second_end]] if first_end < len(text) else [text[at:]]
    order = _split_order(lines)
    if order is None:
        return None
    if order.taken == 2:
        return order, second_end
    start = at + len(lines[0]) - len(lines[0].lstrip(_BLANKS))  # the header is the start of the stripped line
    return order, start + len(order.header)


def split_title_matter(paragraphs: list[str]) -> tuple[TitleMatter, list[str]]:
    """The title matter at the start of ``paragraphs`` (subtitles, 题注, byline,
    令 header, in this order, each optional) and the paragraphs after it.

    >>> matter, rest = split_title_matter(["2012年6月24日", "新闻发言人 武平", "女士们、先生们：", "很高兴见面。"])
    >>> matter.byline, rest
    ('2012年6月24日\\n新闻发言人 武平', ['女士们、先生们：', '很高兴见面。'])
    >>> split_title_matter(["一、总体要求", "加强领导。"])[0] is NOTHING
    True
    """
    at = _subtitles(paragraphs)
    subtitles = [paragraph.strip(_BLANKS) for paragraph in paragraphs[:at]]
    note = written = None
    if at < len(paragraphs) - 1 and _title_note().fullmatch(paragraphs[at].strip(_BLANKS)):
        note = paragraphs[at].strip(_BLANKS)
        written = _note_date(note)
        at += 1
    lines = _byline(paragraphs[at:])
    byline = "\n".join(paragraph.strip(_BLANKS) for paragraph in paragraphs[at : at + lines]) or None
    at += lines
    order = _split_order(paragraphs[at:])
    if order is None and not at:
        return NOTHING, list(paragraphs)
    rest = list(paragraphs[at:])
    if order is not None:
        rest[: order.taken] = [order.rest] if order.rest else []
    header, doc_number = (order.header, order.doc_number) if order else (None, None)
    return TitleMatter(subtitles, note, byline, header, doc_number, written), rest
