"""Paragraphs → the numbered hierarchy of sections and their items.

Nesting follows the order in which marker styles appear (a page may start at
（一）, skip a level, or use only 1.).  Continuity decides what is a heading: a
marker-looking paragraph whose number does not continue, restart or (within a
small gap) skip ahead in its sequence is text.  Gaps, duplicates and restarts
the source has are kept as they are and reported as warnings.
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

import regex

from wpclean.parser.markers import SectionMarker, find_item_markers, match_section_marker
from wpclean.parser.tables import MAX_NUMBERING_GAP
from wpclean.schemas import Item, Section, Warning, trusted

_TRAILING_PUNCT = " \t\u3000。，、；：,;:.！？!?"


@cache
def _heading_end() -> regex.Pattern[str]:
    item_start = r"(?:[一二三四五六七八九十]{1,3}[是要]|第[一二三四五六七八九十]{1,3}[，,])"
    return regex.compile(rf"[。！？!?]|(?<=[：:])[ \t]*(?={item_start})")


@cache
def _lead_end() -> regex.Pattern[str]:
    return regex.compile(r"[。；！？;!?]")


class _Node:
    """A section while the body is read (the root stands for the plan itself)."""

    __slots__ = ("marker", "number", "level", "heading", "content", "children", "notes")

    def __init__(self, marker: str = "", number: int = 0, level: int = 0) -> None:
        self.marker, self.number, self.level = marker, number, level
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

    def __init__(self, root: _Node) -> None:
        self.root = root
        self.stack: list[_Node] = []
        self.last_number: dict[int, int] = {}

    @property
    def current(self) -> _Node:
        return self.stack[-1] if self.stack else self.root

    def place(self, marker: SectionMarker) -> _Node | None:
        """Open a section for ``marker`` if continuity allows; None means it is text."""
        depth = self._depth_of(marker.level)
        note = self._judge(marker, depth)
        if note is False:
            return None
        if depth is not None:
            del self.stack[depth:]
        node = _Node(marker.marker, marker.number, marker.level)
        if note:
            node.notes.append(note)
        self.current.children.append(node)
        self.stack.append(node)
        self.last_number[marker.level] = marker.number
        return node

    def _depth_of(self, level: int) -> int | None:
        """Where the open section of ``level`` is on the stack, if one is."""
        for depth, node in enumerate(self.stack):
            if node.level == level:
                return depth
        return None

    def _judge(self, marker: SectionMarker, depth: int | None) -> tuple[str, str] | None | bool:
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
    """Turn the body's paragraphs into preamble, items and sections."""
    root = _Node()
    ladder = _Ladder(root)
    for paragraph in paragraphs:
        marker = match_section_marker(paragraph)
        node = ladder.place(marker) if marker else None
        if node is None:
            ladder.current.content.append(paragraph)
            continue
        heading, rest = split_heading(marker.rest)
        node.heading = heading
        if rest:
            node.content.append(rest)
    warnings: list[Warning] = []
    preamble, items = split_items("\n".join(root.content), "items", warnings)
    sections = [_to_section(child, f"sections[{i}]", warnings) for i, child in enumerate(root.children)]
    return Body(preamble=preamble, items=items, sections=sections, warnings=warnings)


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
        marker=node.marker, number=node.number, level=node.level, heading=node.heading,
        intro=intro, items=items, sections=children,
    )  # fmt: skip


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
                trusted(Warning, code="item_gap", message=f"{candidate.marker} follows item {next_number - 1}: numbers skipped",
                        where=f"{where}[{len(accepted)}]")
            )  # fmt: skip
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
