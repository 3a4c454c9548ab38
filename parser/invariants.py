"""Invariants a plan must satisfy, usable by tests and by ``wpclean check``.

The lossless invariant: every Han character, letter and digit of the cleaned
body appears exactly once in the plan, in order.  The plan is read in document
order: preamble, items (marker, text), sections (marker, heading, intro, items,
subsections), closing.  ``lead`` is derived from ``text`` and not read.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

import regex

from wpclean.schemas import Item, Plan, Section


@cache
def _not_core() -> regex.Pattern[str]:
    return regex.compile(r"[^\p{Han}\p{L}\p{N}]+")


def core_chars(text: str) -> str:
    """Only the Han characters, letters and digits of ``text``.

    >>> core_chars("（一）指导思想。 AI，2.5")
    '一指导思想AI25'
    """
    return _not_core().sub("", text)


def _items_text(items: list[Item]) -> Iterator[str]:
    for item in items:
        yield item.marker
        yield item.text


def _section_text(section: Section) -> Iterator[str]:
    yield section.marker
    yield section.heading
    yield section.intro
    yield from _items_text(section.items)
    for child in section.sections:
        yield from _section_text(child)


def plan_text(plan: Plan) -> Iterator[str]:
    """The plan's body fields in document order."""
    yield plan.preamble
    yield from _items_text(plan.items)
    for section in plan.sections:
        yield from _section_text(section)
    yield plan.closing


def lossless(plan: Plan, body: str) -> bool:
    """True when the plan holds exactly the body's Han characters, letters and digits, in order."""
    return core_chars("".join(plan_text(plan))) == core_chars(body)


def first_difference(plan: Plan, body: str, context: int = 12) -> str | None:
    """Where the plan and the body first differ, for error messages; None if they agree."""
    got, want = core_chars("".join(plan_text(plan))), core_chars(body)
    if got == want:
        return None
    at = next((i for i, (a, b) in enumerate(zip(got, want)) if a != b), min(len(got), len(want)))
    return f"at core character {at}: plan has {got[at:at + context]!r}, body has {want[at:at + context]!r}"
