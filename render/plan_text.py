"""Small read-only views of a plan shared by the Markdown, CSV and terminal renderings."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time

from wpclean.schemas import Plan, Section

UNTITLED = "(untitled)"
METADATA_SEPARATOR = " · "


@dataclass(frozen=True, slots=True)
class Placed:
    """A section with the chain of sections above it and its address in the plan."""

    section: Section
    chain: tuple[Section, ...]  # outermost first, ending with ``section`` itself
    where: str  # as in Warning.where, e.g. ``sections[2].sections[0]``

    @property
    def depth(self) -> int:
        return len(self.chain)


def walk(sections: list[Section], parents: tuple[Section, ...] = (), prefix: str = "") -> Iterator[Placed]:
    """Every section in reading order (a section before its subsections)."""
    for index, section in enumerate(sections):
        placed = Placed(section, (*parents, section), f"{prefix}sections[{index}]")
        yield placed
        yield from walk(section.sections, placed.chain, placed.where + ".")


def published_text(published: date | datetime | None) -> str:
    """The publication date as people write it; the time only when there is one.

    >>> published_text(datetime(2020, 2, 25)), published_text(datetime(2020, 1, 2, 9, 30)), published_text(None)
    ('2020-02-25', '2020-01-02 09:30', '')
    >>> published_text(date(2018, 1, 2)), published_text(datetime(2020, 1, 2, 9, 30, 15))
    ('2018-01-02', '2020-01-02 09:30:15')
    """
    if published is None:
        return ""
    if not isinstance(published, datetime):
        return published.isoformat()
    if published.time() == time(0):
        return published.date().isoformat()
    return published.isoformat(sep=" ", timespec="minutes" if published.second == 0 else "seconds")


def display_title(plan: Plan) -> str:
    """The title on one line; a plan without one is named after its input."""
    return " ".join((plan.title or input_label(plan) or UNTITLED).split())


def metadata(plan: Plan) -> list[tuple[str, str]]:
    """The header's (label, value) pairs that have a value: 来源 (source), 日期 (date), 文号 (document number)."""
    published = plan.published
    if published is not None and plan.published_time is not None:
        published = datetime.combine(published, plan.published_time)
    values = (("来源", plan.source), ("日期", published_text(published)), ("文号", plan.doc_number))
    return [(label, value) for label, value in values if value]


def input_label(plan: Plan) -> str:
    """The input's path, else its id, else '' (standard input without an id)."""
    return plan.input.path or plan.input.id or ""


def paragraphs(text: str) -> list[str]:
    """The non-blank lines of ``text``, stripped: a plan's text fields keep one paragraph a line.

    >>> paragraphs("第一段。\\n\\n  第二段。 \\n")
    ['第一段。', '第二段。']
    """
    return [line.strip() for line in text.split("\n") if line.strip()]


def lead_and_rest(lead: str, text: str) -> tuple[str, str]:
    """An item's text split into its lead and what follows it ('' lead when text does not start with it).

    >>> lead_and_rest("把党建放在首位", "把党建放在首位。各级党组织要…")
    ('把党建放在首位', '。各级党组织要…')
    >>> lead_and_rest("", "没有引语。"), lead_and_rest("别处", "正文。")
    (('', '没有引语。'), ('', '正文。'))
    """
    lead = lead.strip()
    if lead and text.startswith(lead):
        return lead, text[len(lead) :]
    return "", text
