"""Paragraphs → the numbered hierarchy of sections and their items.

Nesting follows the order in which marker styles appear (a page may start at
（一）, skip a level, or use only 1.).  Continuity decides what is a heading: a
marker-looking paragraph whose number does not continue, restart or (within a
small gap) skip ahead in its sequence is text.  Gaps, duplicates and restarts
the source has are kept as they are and reported as warnings.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

import regex

from wpclean.parser.markers import Marker, decimal_path, find_item_markers, item_marker_source, marker_at
from wpclean.parser.paragraphs import unspaced
from wpclean.parser.tables import (
    CIRCLED_NUMBERS,
    LEVEL_ARABIC_DOT,
    LEVEL_ARTICLE,
    LEVEL_CLAUSE,
    LEVEL_DECIMAL,
    MAX_HEADING_CHARS,
    MAX_NUMBERING_GAP,
    NUMERAL_CHARS,
    ORDINAL_UNITS,
)
from wpclean.schemas import Item, Section, Warning, trusted

_BLANKS = " \t\u3000\xa0"
_CLOSING = "。；;！？!?：:，,"  # a line ending with one of these is more than a heading
_TRAILING_PUNCT = " \t\u3000\xa0。，、；：,;:.！？!?"


@cache
def _heading_end() -> regex.Pattern[str]:
    return regex.compile(rf"[。！？!?]|(?<=[：:])[ \t]*(?=(?:{item_marker_source()}))")


@cache
def _inline_start() -> re.Pattern[str]:
    """Where a heading may start inside a paragraph (flattened pages): after a
    sentence or clause end (。！？；： or a closing bracket) and any blanks.
    Compiled with ``re``: it starts with one class, which ``re`` scans for
    faster than ``regex`` (a bitmap, not a list of members)."""
    numeral = f"[{NUMERAL_CHARS}]{{1,4}}"
    digits = "[0-9０-９]{1,3}"
    shapes = (  # what a marker looks like, so that the scan stops only where one may stand
        rf"[（(](?:{numeral}|{digits})[）)]|{numeral}[、.．]|{digits}[.．﹒、)）]|[{CIRCLED_NUMBERS}]"
        rf"|第[ \t\u3000]*(?:{numeral}|[{NUMERAL_CHARS}]{{5}}|{digits})[ \t\u3000]*[{''.join(ORDINAL_UNITS)}]"
    )
    return re.compile(rf"[。！？；：!?;:）)][ \t\u3000\xa0\ue000-\uf8ff]*(?={shapes})")


@cache
def _glued_start() -> re.Pattern[str]:
    """Where a heading may start glued to the heading before it: a bracketed
    number or a 第X章/节/条 (一、着力推进“五公开”（一）将…, 第一章总则第一条…)."""
    return re.compile(r"[（(第]")


@cache
def _lead_end() -> re.Pattern[str]:
    return re.compile(r"[。；！？;!?]")  # one class: ``re`` scans it faster than ``regex``


class _Node:
    """A section while the body is read (the root stands for the plan itself)."""

    __slots__ = ("marker", "number", "level", "kind", "heading", "content", "children", "notes")

    def __init__(self, marker: str = "", number: int = 0, level: int = 0, kind: str = "ladder") -> None:
        self.marker, self.number, self.level, self.kind = marker, number, level, kind
        self.heading = ""
        self.content: list[str] = []
        self.children: list[_Node] = []
        self.notes: list[tuple[str, str]] = []  # (code, message)


class Body(NamedTuple):
    preamble: str
    items: list[Item]
    sections: list[Section]
    warnings: list[Warning]


class _Ladder:
    """The open sections, innermost last, and the last number seen per style."""

    def __init__(self, root: _Node, decimal: bool = False) -> None:
        self.root = root
        self.stack: list[_Node] = []
        self.last_number: dict[int, int] = {}
        self.decimal = decimal  # whether the document uses decimal numbering (:func:`uses_decimal`)
        self.articles = False  # whether an article (第X条) was placed: its paragraphs are 款
        self.holder: _Node | None = None  # a section that takes the next paragraph(s) as its text
        self.holds_all = False  # whether it takes all paragraphs up to the next heading (its line ends with ：)

    def add_text(self, text: str, paragraph: bool) -> None:
        """Add text to the current section; ``paragraph``: the text starts a paragraph of its own.

        Inside an article that has text already, a paragraph of its own starts a 款
        (clause): the article's paragraphs are its 款, its 项 （一）… belong to the 款
        before them, and a paragraph after a 项 is the article's next 款, not the 项's
        text, unless the 项's line was only its heading (（一）召开预备会, no closing
        punctuation: the next paragraph is its text) or ends with a colon (（一）技术开发项目类：
        the paragraphs up to the next heading are its text).
        """
        if paragraph and self.articles and self.current is self.holder:
            self.holder = self.holder if self.holds_all else None
        elif paragraph and self.articles:
            at = next((at for at in range(len(self.stack) - 1, -1, -1) if self.stack[at].level == LEVEL_ARTICLE), None)
            if at is not None and (self.stack[at].content or self.stack[at].children):
                self._open_clause(at, text)
                return
        self.current.content.append(text)

    def _open_clause(self, at: int, text: str) -> None:
        """Open the next 款 of the article at ``at`` on the stack (its text so far becomes 款 1)."""
        article = self.stack[at]
        if not (article.children and article.children[0].kind == "clause"):
            first = _Node("", 1, LEVEL_CLAUSE, "clause")
            first.content, first.children = article.content, article.children
            article.content, article.children = [], [first]
        clause = _Node("", len(article.children) + 1, LEVEL_CLAUSE, "clause")
        clause.content.append(text)
        article.children.append(clause)
        del self.stack[at + 1 :]
        self.stack.append(clause)

    @property
    def current(self) -> _Node:
        return self.stack[-1] if self.stack else self.root

    def accepts_inline(self, marker: Marker) -> bool:
        """Whether ``marker``, found inside a paragraph, plainly continues its
        sequence (no gap, duplicate or restart: inside text those are text),
        or restarts it after a table of contents (sections with no text)."""
        if marker.kind == "decimal":
            judged = self._judge_decimal(marker)
            note = False if judged is False else judged[1]
        else:
            note = self._judge(marker, self._depth_of(marker.level))
        if note is None:
            return True
        return bool(note) and note[0] == "numbering_restart" and _leading_contents(self.root.children) > 1

    def place(self, marker: Marker) -> _Node | None:
        """Open a section for ``marker`` if continuity allows; None means it is text."""
        if marker.kind == "decimal":
            judged = self._judge_decimal(marker)
            if judged is False:
                return None
            depth, note = judged
        else:
            depth = self._depth_of(marker.level)
            note = self._judge(marker, depth)
            if note is False:
                return None
        if depth is not None:
            del self.stack[depth:]
        node = _Node(marker.marker, marker.number, marker.level, marker.kind)
        if note:
            node.notes.append(note)
        self.current.children.append(node)
        self.stack.append(node)
        self.last_number[marker.level] = marker.number
        self.articles = self.articles or marker.level == LEVEL_ARTICLE
        return node

    def _depth_of(self, level: int) -> int | None:
        """Where the open section of ``level`` is on the stack, if one is."""
        for depth, node in enumerate(self.stack):
            if node.level == level:
                return depth
        return None

    def _judge_decimal(self, marker: Marker) -> tuple[int | None, tuple[str, str] | None] | bool:
        """Where a decimal heading goes (the stack is cut there; None: under the current
        section) and its note, or False when it is text.  It continues the heading of its
        depth with the same numbers before its last (1.2 after 1.1), or moves on to the next
        (2.1 after 1.3, no 2 heading between), or starts at 1 under the heading its numbers
        name (2.1 under 2, 1.1 under a 1. heading)."""
        if not self.decimal:
            return False
        path = decimal_path(marker.marker)
        same = self._depth_of(marker.level)
        if same is not None:
            previous = decimal_path(self.stack[same].marker)
            if path[:-1] == previous[:-1]:
                note = self._judge(marker, same)
                return False if note is False else (same, note)
            if len(path) > 1 and path[-1] == 1 and path[:-2] == previous[:-2] and path[-2] == previous[-2] + 1:
                return same, None
            if same == 0 and set(path) == {1}:  # 1.1 after 7.3: the text after a table of contents
                restart = f"{marker.marker} restarts the numbering after {self.stack[0].marker}"
                return same, ("numbering_restart", restart)
            return False
        parent = next(
            (
                at
                for at in range(len(self.stack) - 1, -1, -1)
                if self.stack[at].kind == "decimal" and self.stack[at].level < marker.level
            ),
            None,
        )
        if parent is not None:
            named = decimal_path(self.stack[parent].marker) == path[:-1] and path[-1] == 1
            return (parent + 1, None) if named else False
        if path[-1] != 1:
            return False
        current = self.current
        if current.level == LEVEL_ARABIC_DOT and len(path) == 2 and current.number != path[0]:
            return False
        deeper = next((at for at, node in enumerate(self.stack) if node.kind == "decimal"), None)
        return deeper, None

    def _judge(self, marker: Marker, depth: int | None) -> tuple[str, str] | None | bool:
        n = marker.number
        if depth is None:
            return None if n == 1 or n == self.last_number.get(marker.level, 0) + 1 else False
        previous = self.stack[depth]
        if n == previous.number + 1:
            return None
        if n == previous.number:
            return ("numbering_duplicate", f"{marker.marker} repeats the number of {previous.marker}")
        if previous.number + 1 < n <= previous.number + MAX_NUMBERING_GAP:
            return ("numbering_gap", f"{marker.marker} follows {previous.marker}: numbers skipped")
        if n == 1 and depth == 0:
            return ("numbering_restart", f"{marker.marker} restarts the numbering after {previous.marker}")
        return False


def build_body(paragraphs: list[str]) -> Body:
    """Turn the body's paragraphs into preamble, items and sections.

    A paragraph may hold several headings (flattened pages): one is found
    inside it where :func:`_inline_start` allows and its number plainly
    continues the sequence.

    >>> body = build_body(["前言。一、总则为了规范。（一）目标：1.甲；2.乙。二、附则本办法自公布之日起施行。"])
    >>> [(s.marker, s.heading, [c.marker for c in s.sections]) for s in body.sections]
    [('一、', '总则为了规范', ['（一）']), ('二、', '附则本办法自公布之日起施行', [])]
    >>> body.sections[0].sections[0].heading, [c.heading for c in body.sections[0].sections[0].sections]
    ('目标', ['甲', '乙'])
    """
    root = _Node()
    ladder = _Ladder(root, uses_decimal(paragraphs))
    for paragraph in paragraphs:
        _read_paragraph(paragraph, ladder)
    _fold_table_of_contents(root)
    warnings: list[Warning] = []
    preamble, items = split_items("\n".join(root.content), "items", warnings)
    sections = [_to_section(child, f"sections[{i}]", warnings) for i, child in enumerate(root.children)]
    return Body(preamble=preamble, items=items, sections=sections, warnings=warnings)


def uses_decimal(paragraphs: list[str]) -> bool:
    """Whether a document uses decimal numbering: two of its paragraphs start with decimal
    headings of one depth in sequence (1.1 and 1.2, or 3.2.1 and 3.2.2).  Only then are
    ``1.1`` and a bare ``1`` before Han text headings (not 3.1万个, 2.5倍, a 4.8月8日 date).

    >>> uses_decimal(["1　总则", "1.1　编制目的", "正文。", "1.2　编制依据"]), uses_decimal(["4.8月8日，报名。", "5.8月16日前，公示。"])
    (True, False)
    """
    paths = set()
    start = _decimal_start()
    for paragraph in paragraphs:
        if paragraph[:1] in _DECIMAL_FIRST and start.match(paragraph):
            marker = marker_at(paragraph)
            if marker is not None and marker.kind == "decimal" and marker.level > LEVEL_DECIMAL:
                paths.add(decimal_path(marker.marker))
    return any((*path[:-1], path[-1] + 1) in paths for path in paths)


_DECIMAL_FIRST = frozenset("123456789１２３４５６７８９")


@cache
def _decimal_start() -> regex.Pattern[str]:
    """What a paragraph starting with a decimal heading of depth 2 or more starts with (a quick test)."""
    return regex.compile("[1-9１-９][0-9０-９]?[.．][1-9１-９]")


def _is_empty(node: _Node) -> bool:
    return not node.content and all(_is_empty(child) for child in node.children)


def _leading_contents(children: list[_Node]) -> int:
    """How many of the first sections, numbered 1, 2, … and of one style, hold no text: a table of contents."""
    count = 0
    for child in children:
        if not _is_empty(child) or child.level != children[0].level or child.number != count + 1:
            break
        count += 1
    return count


def _fold_table_of_contents(root: _Node) -> None:
    """A table of contents (目录: chapters without text, then the chapters again
    from 1) is text of the preamble, not sections."""
    count = _leading_contents(root.children)
    if count < 2 or count >= len(root.children) or root.children[count].number != 1:
        return
    for node in root.children[:count]:
        root.content.extend(_outline_lines(node))
    del root.children[:count]
    first = root.children[0]
    first.notes = [note for note in first.notes if note[0] != "numbering_restart"]


def _outline_lines(node: _Node) -> list[str]:
    lines = [f"{node.marker}{node.heading}"]
    for child in node.children:
        lines += _outline_lines(child)
    return lines


def _read_paragraph(paragraph: str, ladder: _Ladder) -> None:
    """Place a paragraph's headings and text on the ladder."""
    marker = marker_at(paragraph)
    node = ladder.place(marker) if marker else None
    own = node is None  # the paragraph's first text starts it (it opens no section)
    at = 0
    while True:
        glued = None
        if node is not None and marker is not None:
            at, glued = _read_heading(paragraph, marker, node, ladder)
        marker = glued or _next_inline_marker(paragraph, at, ladder)
        text = paragraph[at : marker.end - len(marker.marker) if marker else len(paragraph)].strip(" \t\u3000\xa0")
        if text:
            ladder.add_text(text, own)
        if marker is None:
            if ladder.articles and not own:
                _hold(ladder, node, bool(text), paragraph.rstrip(_BLANKS)[-1:])
            return
        own = False
        node = ladder.place(marker)


def _hold(ladder: _Ladder, node: _Node | None, has_text: bool, last: str) -> None:
    """After a paragraph that opened ``node``: whether it takes the next paragraph (its line
    was only its heading) or all up to the next heading (its line ends with a colon) as its text."""
    if node is not None and last in "：:":
        ladder.holder, ladder.holds_all = node, True
    elif node is not None and not has_text and last not in _CLOSING:
        ladder.holder, ladder.holds_all = node, False
    else:
        ladder.holder = None


def _read_heading(paragraph: str, marker: Marker, node: _Node, ladder: _Ladder) -> tuple[int, Marker | None]:
    """Set ``node``'s heading from the text after its marker; where the text
    after the heading starts, and the marker glued to the heading if one is.

    An article (第X条) has no heading: its text is its intro.  A heading
    ends at 。！？, at a colon before items, or where the next heading is glued
    to it; one longer than MAX_HEADING_CHARS is not a heading but text.
    """
    start = marker.end
    if marker.level == LEVEL_ARTICLE:
        return start, None
    while start < len(paragraph) and paragraph[start] in _TRAILING_PUNCT:
        start += 1
    stop = _heading_end().search(paragraph, start)
    end = stop.start() if stop else len(paragraph)
    glued = _next_inline_marker(paragraph, start, ladder, glued_before=end)
    if glued is not None and glued.end - len(glued.marker) <= end:
        end = glued.end - len(glued.marker)
        after = end
    else:
        glued = None
        after = stop.end() if stop else end
    heading = paragraph[start:end].rstrip(_TRAILING_PUNCT)
    if marker.kind != "ladder":
        heading = unspaced(heading)  # 第一章　总　　则
    if len(heading) > MAX_HEADING_CHARS:
        return start, None
    node.heading = heading
    return after, glued


def _next_inline_marker(paragraph: str, at: int, ladder: _Ladder, glued_before: int = -1) -> Marker | None:
    """The first marker after ``at`` that opens a heading inside the paragraph;
    up to ``glued_before`` a bracketed number or 第X章/节/条 may also be glued to the text before it."""
    limit = len(paragraph) if glued_before < 0 else glued_before
    found = None
    search = _inline_start().search  # most paragraphs hold no candidate: one search, no iterator
    match = search(paragraph, max(at - 1, 0))
    while match is not None and match.end() <= limit:
        marker = marker_at(paragraph, match.end())
        if marker is not None and ladder.accepts_inline(marker):
            found = marker
            break
        match = search(paragraph, match.end())
    if glued_before < 0:
        glued = _glued_part(paragraph, at, ladder, found.end if found else len(paragraph))
        return glued or found
    for match in _glued_start().finditer(paragraph, at, found.end - len(found.marker) if found else glued_before):
        marker = marker_at(paragraph, match.start())
        if marker is not None and ladder.accepts_inline(marker):
            return marker
    return found


def _glued_part(paragraph: str, at: int, ladder: _Ladder, before: int) -> Marker | None:
    """A 第X编/篇/章/节 (目录第一章总则…) or a bracketed first number (专栏9　生态工程（一）国家…)
    glued to the text before it, where it continues its sequence."""
    if "第" not in paragraph and "一）" not in paragraph and "1）" not in paragraph and ")" not in paragraph:
        return None
    for match in _glued_part_start().finditer(paragraph, at, before):
        marker = marker_at(paragraph, match.start())
        if marker is None or marker.level == LEVEL_ARTICLE:
            continue
        if marker.kind == "ladder" and (marker.number != 1 or not _after_short_label(paragraph, match.start())):
            continue
        if ladder.accepts_inline(marker):
            return marker
    return None


MAX_LABEL_CHARS = 24


def _after_short_label(paragraph: str, at: int) -> bool:
    """Whether only a short label (专栏9　山水林田湖生态工程) stands between a sentence end and ``at``.

    >>> _after_short_label("治理。专栏9　生态工程（一）", 11), _after_short_label("结果，办理（一）", 5)
    (True, False)
    """
    start = max(0, at - MAX_LABEL_CHARS)
    label = paragraph[start:at]
    cut = max(label.rfind(mark) for mark in "。！？；\n")
    if cut < 0 and start > 0:
        return False
    label = label[cut + 1 :]
    return bool(label.strip()) and not any(char in label for char in '，、：:“”"（）()')


@cache
def _glued_part_start() -> regex.Pattern[str]:
    """第 of a 第X编/篇/章/节, or a bracketed 1 that does not follow 第, 款, 、 … (第（一）项, 一、（一）…)."""
    numeral = f"[{NUMERAL_CHARS}]{{1,4}}"
    return regex.compile(
        rf"第(?=[ \t\u3000]*(?:{numeral}|[0-9０-９]{{1,3}})[ \t\u3000]*[编篇章节])|(?<![第款项条、和及或至])[（(](?=[一1１][）)])"
    )


def split_heading(rest: str) -> tuple[str, str]:
    """Heading up to the first 。 (or a colon that introduces items); the rest after it.

    >>> split_heading("指导思想。全面贯彻党的十九大精神。")
    ('指导思想', '全面贯彻党的十九大精神。')
    >>> split_heading("一体化政务服务平台建设（3分）")
    ('一体化政务服务平台建设（3分）', '')
    >>> split_heading("主要问题：一是投入不足。")
    ('主要问题', '一是投入不足。')
    """
    rest = rest.lstrip(_TRAILING_PUNCT)
    match = _heading_end().search(rest)
    if not match:
        return rest.rstrip(_TRAILING_PUNCT), ""
    return rest[: match.start()].rstrip(_TRAILING_PUNCT), rest[match.end() :].strip()


def _to_section(node: _Node, where: str, warnings: list[Warning]) -> Section:
    if node.notes:
        warnings.extend(trusted(Warning, code=code, message=message, where=where) for code, message in node.notes)
    intro, items = split_items("\n".join(node.content), f"{where}.items", warnings)
    children = [_to_section(child, f"{where}.sections[{i}]", warnings) for i, child in enumerate(node.children)]
    return trusted(
        Section,
        marker=node.marker,
        number=node.number,
        level=node.level,
        kind=node.kind,
        heading=node.heading,
        intro=intro,
        items=items,
        sections=children,
    )


def split_items(text: str, where: str, warnings: list[Warning]) -> tuple[str, list[Item]]:
    """The text before the first item, and the items in sequence.

    >>> intro, items = split_items("总体上。一是加强领导。二是统一是关键；三是落实。", "items", [])
    >>> intro, [(i.marker, i.lead) for i in items]
    ('总体上。', [('一是', '加强领导'), ('二是', '统一是关键'), ('三是', '落实')])
    """
    accepted = _accept_in_sequence(find_item_markers(text), where, warnings)
    if not accepted:
        return text.strip(), []
    intro = text[: accepted[0].start].strip()
    items = []
    for marker, following in zip(accepted, [*accepted[1:], None]):
        body = text[marker.end : following.start if following else len(text)].strip()
        items.append(trusted(Item, marker=marker.marker, number=marker.number, lead=item_lead(body), text=body))
    return intro, items


def _accept_in_sequence(candidates, where: str, warnings: list[Warning]):
    expected: dict[str, int] = {}
    accepted = []
    for candidate in candidates:
        next_number = expected.get(candidate.family)
        if candidate.number != 1 and next_number is None:
            continue
        if candidate.number not in (1, next_number):
            if not (next_number is not None and next_number < candidate.number < next_number + MAX_NUMBERING_GAP):
                continue
            warnings.append(
                trusted(
                    Warning,
                    code="item_gap",
                    message=f"{candidate.marker} follows item {next_number - 1}: numbers skipped",
                    where=f"{where}[{len(accepted)}]",
                )
            )
        expected[candidate.family] = candidate.number + 1
        accepted.append(candidate)
    return accepted


def item_lead(text: str) -> str:
    """An item's text up to its first 。；！？.

    >>> item_lead("把党的政治建设放在首位。各区……")
    '把党的政治建设放在首位'
    """
    match = _lead_end().search(text)
    return (text[: match.start()] if match else text).rstrip(_TRAILING_PUNCT)
