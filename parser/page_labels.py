"""The 政务公开 label block: 索引号 / 发文机关 / 成文日期 / 标题 / 发文字号 / 发布日期 …

Disclosure pages open with a small table of labels and values.  Saved as
text (tags stripped) it comes as ``label：value`` lines, or as a label line
followed by its value line, often several pairs to a line separated by tabs,
and with labels spread out by spaces (``索 引 号：``, ``标　　题：``).  The
same reader serves HTML: the extractor gives it the page's lines outside the
body, one table cell or paragraph to a line.  The labels live in
``data/page_labels.tsv``.

>>> block = read_label_block(["索 引 号：", "000014349/2018-00221", "标　　题：国务院办公厅通知", "发文字号：无", "正文。"])
>>> block.pairs, (block.start, block.end)
([('索引号', '000014349/2018-00221'), ('标题', '国务院办公厅通知'), ('发文字号', '无')], (0, 4))
>>> fields = label_fields(block.pairs)
>>> fields["index_number"], fields["title"], fields.get("doc_number")
('000014349/2018-00221', '国务院办公厅通知', None)
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import NamedTuple

import regex

from wpclean.parser.header import when_matched
from wpclean.schemas import trusted
from wpclean.schemas.page import Page

_LABELS_FILE = Path(__file__).parent / "data" / "page_labels.tsv"
_SPACES = " \u3000\u00a0"
MIN_KNOWN_LABELS = 2  # fewer labels than this is a line of text that happens to start with one
MAX_VALUE_CHARS = 200  # a value on the line after its label is at most this long
SEARCH_LINES = 60  # the block starts within this many lines of where the search begins
RAW_ONLY = "-"


class LabelBlock(NamedTuple):
    """The block's raw (label, value) pairs and the lines ``[start, end)`` it took."""

    pairs: list[tuple[str, str]]
    start: int
    end: int


@cache
def label_table() -> dict[str, str]:
    """Label → the Page field it fills (``-``: a raw pair only)."""
    rows = (line.split("\t") for line in _LABELS_FILE.read_text(encoding="utf-8").splitlines())
    return {row[0]: row[1] for row in rows if len(row) == 2 and not row[0].startswith("#")}


@cache
def _label_pattern() -> regex.Pattern[str]:
    """Any label, its characters possibly spaced out, where a label can start
    (the line's start or after white space), ended by a colon, a tab, the
    line's end or a run of spaces."""
    labels = sorted(label_table(), key=len, reverse=True)
    gap = f"[{_SPACES}]*"
    spaced = (gap.join(map(regex.escape, label)) for label in labels)
    end = rf"(?:[{_SPACES}]*[:：][{_SPACES}\t]*|[{_SPACES}]*(?=\t)|[{_SPACES}]*$|[{_SPACES}]{{2,}})"
    return regex.compile(rf"(?:^|(?<=[\s]))(?P<label>{'|'.join(spaced)}){end}")


@cache
def _label_initials() -> frozenset[str]:
    """The characters a label starts with."""
    return frozenset(label[0] for label in label_table())


def _unspaced(label: str) -> str:
    return "".join(char for char in label if char not in _SPACES)


def label_segments(line: str) -> list[tuple[str, str]] | None:
    """The (label, value) pairs of a line that starts with a label; None otherwise.

    >>> label_segments("索  引  号: 014500815/2020-02346\\t发文机关: 省政府办公厅\\t文      号: 赣府厅发〔2020〕6号")
    [('索引号', '014500815/2020-02346'), ('发文机关', '省政府办公厅'), ('文号', '赣府厅发〔2020〕6号')]
    >>> label_segments("发布时间：2017-08-02 09:30 来源：某局 点击率：1575")
    [('发布时间', '2017-08-02 09:30'), ('来源', '某局')]
    >>> label_segments("成文日期"), label_segments("一、总体要求"), label_segments("标题党的做法要不得")
    ([('成文日期', '')], None, None)
    """
    stripped = line.strip(_SPACES + "\t")
    # most lines are text: a first character no label starts with, or no label at the start, settles it
    if not stripped or stripped[0] not in _label_initials() or not _label_pattern().match(stripped):
        return None
    matches = list(_label_pattern().finditer(stripped))
    pairs = []
    for match, following in zip(matches, [*matches[1:], None]):
        value = stripped[match.end() : following.start() if following else len(stripped)]
        value = _next_key().split(value.strip(_SPACES + "\t"), maxsplit=1)[0]
        pairs.append((_unspaced(match.group("label")), value))
    return pairs


@cache
def _next_key() -> regex.Pattern[str]:
    """Where another ``key：`` (one this table does not know, 点击率：) ends a value."""
    return regex.compile(rf"[{_SPACES}\t]+(?=[^\s:：\d][^\s:：]{{0,7}}[:：])")


def read_label_block(lines: Sequence[str], begin: int = 0, within: int = SEARCH_LINES) -> LabelBlock | None:
    """The first label block starting in ``lines[begin:begin + within]``: a run
    of label lines (blank lines allowed), each label's value on its line or
    on the next; None when no run holds ``MIN_KNOWN_LABELS`` labels.

    >>> read_label_block(["标题", "一、总体要求"]) is None
    True
    >>> read_label_block(["首页", "索引号", "113325/2023-43887", "文号", "丽政发〔2023〕30号", "", "通知"])
    LabelBlock(pairs=[('索引号', '113325/2023-43887'), ('文号', '丽政发〔2023〕30号')], start=1, end=6)
    """
    for start in range(begin, min(len(lines), begin + within)):
        if label_segments(lines[start]) is None:
            continue
        pairs, end = _read_run(lines, start)
        if _is_block(pairs):
            return LabelBlock(pairs, start, end)
    return None


HEADER_FIELDS = frozenset({"source", "published"})  # what an ordinary page header line also gives


def _is_block(pairs: list[tuple[str, str]]) -> bool:
    """At least ``MIN_KNOWN_LABELS`` labels, one of them more than a page
    header's 来源/发布时间 (a line such as ``来源：某局 发布时间：…`` is a header)."""
    table = label_table()
    labels = {label for label, _ in pairs}
    return len(labels) >= MIN_KNOWN_LABELS and any(table.get(label) not in HEADER_FIELDS for label in labels)


def _read_run(lines: Sequence[str], start: int) -> tuple[list[tuple[str, str]], int]:
    pairs: list[tuple[str, str]] = []
    pending: str | None = None  # a label whose value is on a following line
    cursor = start
    while cursor < len(lines):
        line = lines[cursor].strip(_SPACES + "\t")
        if not line:
            cursor += 1
            continue
        segments = label_segments(line)
        if segments is None:
            if pending is None or len(line) > MAX_VALUE_CHARS:
                break
            pairs.append((pending, line.lstrip(":：" + _SPACES)))  # a tag between label and colon: 文号 / ：无
            pending = None
            cursor += 1
            continue
        if pending is not None:
            pairs.append((pending, ""))
        *complete, (label, value) = segments
        pairs.extend(complete)
        # A value on the next line belongs to a label alone on its line: after
        # 发布机构：国务院  发布日期： (an empty field) the next line is the page's own text.
        pending = None if value or complete else label
        if value:
            pairs.append((label, value))
        cursor += 1
    if pending is not None:
        pairs.append((pending, ""))
    return pairs, cursor


@cache
def _template_value() -> regex.Pattern[str]:
    """Values a CMS failed to fill: ``null``, ``<$[标题]>``, ``{{title}}``, ``${x}``, ``#{x}``, ``<%=x%>``."""
    return regex.compile(
        r"(?i)^(?:null|none|undefined|nan|-+|/|<\$\[.*\]>|\{\{.*\}\}|\$!?\{.*\}|#\{.*\}|<%.*%>|\[.*\])$"
    )


def present(value: str | None) -> str | None:
    """The value, or None when it is empty or an unrendered template.

    >>> present(" 国务院 "), present("null"), present("<$[标题]>"), present("{{ pubDate }}"), present("")
    ('国务院', None, None, None, None)
    """
    if value is None:
        return None
    stripped = value.strip(_SPACES + "\t\n")
    return None if not stripped or _template_value().match(stripped) else stripped


@cache
def _date_pattern() -> regex.Pattern[str]:
    return regex.compile(
        r"(?P<y>\d{4})\s*[-/年.]\s*(?P<m>\d{1,2})\s*[-/月.]\s*(?P<d>\d{1,2})\s*日?"
        r"(?:[\sT-]*(?P<H>\d{1,2})[:：](?P<M>\d{2})(?:[:：](?P<S>\d{2}))?)?"
    )


def parse_when(value: str) -> datetime | date | None:
    """A date or date-time, as pages write them.

    >>> parse_when("2020年08月02日"), parse_when("2023-10-23  08:59"), parse_when("2007-08-20-23:59:59")
    (datetime.date(2020, 8, 2), datetime.datetime(2023, 10, 23, 8, 59), datetime.datetime(2007, 8, 20, 23, 59, 59))
    >>> parse_when("2020-13-45"), parse_when("近日")
    (None, None)
    """
    return when_matched(_date_pattern().search(value.translate(_FULLWIDTH_DIGITS)))


_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９：", "0123456789:")


def parse_day(value: str) -> date | None:
    """The date part only (成文日期, 生效日期).

    >>> parse_day("2020-02-21 00:00:00")
    datetime.date(2020, 2, 21)
    """
    when = parse_when(value)
    return when.date() if isinstance(when, datetime) else when


@cache
def _list_separator() -> regex.Pattern[str]:
    return regex.compile(r"[、，,；;／/\s\u3000]+")


def split_list(value: str) -> list[str]:
    """Topics or issuers: the pieces between 、，; / and spaces.

    >>> split_list("卫健、体育"), split_list("中共中央　国务院")
    (['卫健', '体育'], ['中共中央', '国务院'])
    """
    return [piece for piece in _list_separator().split(value) if piece]


@cache
def _inner_spaces() -> regex.Pattern[str]:
    return regex.compile(rf"(?<=[\p{{Han}}\d\p{{P}}])[{_SPACES}\t]+(?=[\p{{Han}}\d\p{{P}}])")


def tidy_title(value: str) -> str:
    """A title without the spaces pages put between its characters (not
    between Latin words).

    >>> tidy_title("调整2007　年末国债余额"), tidy_title("目　录"), tidy_title("COVID 19 防控")
    ('调整2007年末国债余额', '目录', 'COVID 19防控')
    """
    return _inner_spaces().sub("", value.strip(_SPACES + "\t"))


def label_fields(pairs: Sequence[tuple[str, str]]) -> dict[str, object]:
    """Typed Page fields from raw pairs; the first present value of a field wins.

    ``文号：无`` means there is none; dates that do not parse are left out
    (their raw pair stays in ``labels``).

    >>> label_fields([("发文机关", "省政府办公厅"), ("成文日期", "2020-02-21"), ("主题分类", "卫健、体育"), ("组配分类", "政策文件")])
    {'issuers': ['省政府办公厅'], 'written': datetime.date(2020, 2, 21), 'topics': ['卫健', '体育']}
    """
    table = label_table()
    fields: dict[str, object] = {}
    for label, raw in pairs:
        field, value = table.get(label, RAW_ONLY), present(raw)
        if field == RAW_ONLY or field in fields or value is None:
            continue
        typed = _typed(field, value)
        if typed is not None and typed != []:
            fields[field] = typed
    return fields


def _typed(field: str, value: str) -> object:
    if field in ("topics", "issuers", "keywords"):
        return split_list(value)
    if field in ("written", "effective"):
        return parse_day(value)
    if field == "published":
        return parse_when(value)
    if field == "doc_number":
        return None if value in ("无", "暂无") else value
    if field == "title":
        return tidy_title(value)
    return value


TEXT_SEARCH_LINES = (
    200  # in text, the label block starts within the first lines (a stripped page opens with its navigation)
)


def text_page(text: str) -> tuple[Page | None, str]:
    """A text's label block as a :class:`Page`, and the text without it; the
    text unchanged and None when it has none.

    >>> page, rest = text_page("索 引 号：\\n000014349/2018-00221\\n标　　题：\\n国务院办公厅通知\\n发布日期：2018年12月07日\\n国务院办公厅通知\\n正文。")
    >>> page.index_number, page.title, page.published, rest
    ('000014349/2018-00221', '国务院办公厅通知', datetime.date(2018, 12, 7), '国务院办公厅通知\\n正文。')
    """
    lines = text.split("\n", TEXT_SEARCH_LINES * 4)
    block = read_label_block(lines[: TEXT_SEARCH_LINES * 4], 0, TEXT_SEARCH_LINES)
    if block is None:
        return None, text
    fields = label_fields(block.pairs)
    page = trusted(
        Page,
        format="text",
        container=None,
        title=fields.get("title"),
        index_number=fields.get("index_number"),
        topics=fields.get("topics", []),
        issuers=fields.get("issuers", []),
        doc_number=fields.get("doc_number"),
        written=fields.get("written"),
        published=fields.get("published"),
        validity=fields.get("validity"),
        effective=fields.get("effective"),
        keywords=fields.get("keywords", []),
        source=fields.get("source"),
        links=[],
        meta={},
        labels=dict(block.pairs),
    )
    return page, "\n".join(_kept_before(lines, block, page.title) + lines[block.end :])


MAX_LINES_BEFORE = 2  # a title and a subtitle may stand above the block; more is navigation
TITLE_AFTER_BLOCK = 5  # lines after the block in which the document's title line is looked for


def _kept_before(lines: list[str], block: LabelBlock, title: str | None) -> list[str]:
    """The lines before the block when they can be the document's own title
    (at most ``MAX_LINES_BEFORE`` of them, and not when the title follows the
    block); otherwise they are the page's navigation, not the document.

    >>> _kept_before(["首页", "政策", "标题：某通知", "文号：1号", "某通知"], LabelBlock([], 2, 4), "某通知")
    []
    >>> _kept_before(["某局通知", "索引号：1", "文号：1号", "正文"], LabelBlock([], 1, 3), None)
    ['某局通知']
    """
    before = lines[: block.start]
    if sum(1 for line in before if line.strip()) > MAX_LINES_BEFORE:
        return []
    if title is None:
        return before
    wanted = _squeezed(title)
    following = (line for line in lines[block.end : block.end + TITLE_AFTER_BLOCK * 3] if line.strip())
    if any(_squeezed(line) == wanted for line in itertools.islice(following, TITLE_AFTER_BLOCK)):
        return []
    return before


def _squeezed(value: str) -> str:
    return "".join(value.split())
