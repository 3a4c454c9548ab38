"""Invariants a plan must satisfy, usable by tests and by ``wpclean check``.

The lossless invariant: every Han character, letter and digit of the cleaned
body appears exactly once in the plan, in order.  The plan is read in document
order: the title matter (subtitles, 题注, byline, 令 header), the front fields
(份号, 密级, 紧急程度, 文号, 签发人, in the order the body has
them, each where the body's start holds it: the 文号 may also be found where it
stands or come from the page's metadata, the 版头 lines may stand above the
title), addressees, preamble, items (marker, text), sections (marker, heading,
intro, items, subsections), closing, then each attachment (label, title, its
title matter and front fields, addressees, preamble, items, sections, closing, its
attachments).  ``lead`` is derived from ``text``, and the closing's parts
(issuers, written, note, …) from ``closing``: they are not read.

Two more checks look for what cleaning should have removed: pinyin annotations
(:func:`pinyin_left`) and traditional characters (:func:`traditional_left`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

import regex

from wpclean.schemas import Document, Item, Plan, Section


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


class _Front(NamedTuple):
    """The fields a document's start may hold or not (taken from it, or found elsewhere: the 文号
    where it stands or in the page's metadata, the 版头 lines above the title), read in the order
    the body has them; each in its written forms' core characters, longest first (with or without
    its label: 签发人：张三 or 张三)."""

    forms: tuple[tuple[str, ...], ...]


_LABELS = {"copy_number": "份号", "classification": "密级", "urgency": "紧急程度", "signer": "签发人"}


def _front(document: Plan | Document) -> _Front:
    forms = []
    for name in ("copy_number", "classification", "urgency", "doc_number", "signer"):
        value = core_chars(getattr(document, name) or "")
        if value:
            forms.append((_LABELS[name] + value, value) if name in _LABELS else (value,))
    return _Front(tuple(forms))


def _title_matter(document: Plan | Document) -> Iterator[str | _Front]:
    yield from document.subtitles
    for name in ("title_note", "byline"):
        yield getattr(document, name) or ""
    order = core_chars(document.order or "")  # the body's, or the title line's (科学技术部令第1号　某细则)
    yield _Front(((order,),) if order else ())


def _document_text(document: Plan | Document) -> Iterator[str | _Front]:
    yield from _title_matter(document)
    yield _front(document)
    yield document.addressees or ""
    yield document.preamble
    yield from _items_text(document.items)
    for section in document.sections:
        yield from _section_text(section)
    yield document.closing
    for attachment in document.attachments:
        yield attachment.label or ""
        yield attachment.title or ""
        yield from _document_text(attachment)


def plan_text(plan: Plan) -> Iterator[str | _Front]:
    """The plan's body fields in document order; a :class:`_Front` where a document's start may hold fields."""
    yield from _document_text(plan)


def _plan_core(plan: Plan, body_core: str) -> str:
    """The plan's core characters, each document's front fields read where ``body_core`` has them
    (as many as let the text after them follow).

    >>> plan = _example_plan(doc_number="国发〔2007〕1号", signer="张三", preamble="正文。")
    >>> _plan_core(plan, "国发20071号签发人张三正文"), _plan_core(plan, "正文")
    ('国发20071号签发人张三正文', '正文')
    """
    runs: list[str | _Front] = []
    pending: list[str] = []
    for part in plan_text(plan):
        if isinstance(part, str):
            pending.append(part)
        else:
            runs += [core_chars("".join(pending)), part]
            pending = []
    runs.append(core_chars("".join(pending)))
    read: list[str] = []
    at = 0
    for index, run in enumerate(runs):
        if isinstance(run, str):
            read.append(run)
            at += len(run)
            continue
        following = "".join(part for part in runs[index + 1 : index + 8] if isinstance(part, str))[:32]
        taken = _front_reading(run, body_core, at)
        for count in range(len(taken), -1, -1):  # the most fields after which the text follows
            if _follows(body_core, at + sum(map(len, taken[:count])), following):
                break
        else:
            count = len(taken)
        read += taken[:count]
        at += sum(map(len, taken[:count]))
    return "".join(read)


def _follows(body_core: str, at: int, following: str) -> bool:
    return body_core.startswith(following, at) if following else at == len(body_core)


def _front_reading(front: _Front, body_core: str, at: int) -> list[str]:
    """The front fields ``body_core`` holds from ``at``, in its order, each in the form it has."""
    taken: list[str] = []
    remaining = list(front.forms)
    while remaining:
        match = next(
            ((i, form) for i, forms in enumerate(remaining) for form in forms if body_core.startswith(form, at)), None
        )
        if match is None:
            break
        taken.append(match[1])
        at += len(match[1])
        del remaining[match[0]]
    return taken


def lossless(plan: Plan, body: str) -> bool:
    """True when the plan holds exactly the body's Han characters, letters and digits, in order."""
    want = core_chars(body)
    return _plan_core(plan, want) == want


def first_difference(plan: Plan, body: str, context: int = 12) -> str | None:
    """Where the plan and the body first differ, for error messages; None if they agree."""
    want = core_chars(body)
    got = _plan_core(plan, want)
    if got == want:
        return None
    at = next((i for i, (a, b) in enumerate(zip(got, want)) if a != b), min(len(got), len(want)))
    return f"at core character {at}: plan has {got[at : at + context]!r}, body has {want[at : at + context]!r}"


@dataclass(frozen=True, slots=True)
class Leftover:
    """Something cleaning should have removed, found in a plan field.

    ``where`` is the field's JSON path (``sections[2].items[0].text``), ``found``
    the offending text and ``fixed`` what cleaning makes of it.
    """

    where: str
    found: str
    fixed: str


def _items_fields(items: list[Item], prefix: str) -> Iterator[tuple[str, str]]:
    for i, item in enumerate(items):
        for name in ("marker", "lead", "text"):
            yield f"{prefix}items[{i}].{name}", getattr(item, name)


def _section_fields(section: Section, prefix: str) -> Iterator[tuple[str, str]]:
    for name in ("marker", "heading", "intro"):
        yield f"{prefix}.{name}", getattr(section, name)
    yield from _items_fields(section.items, f"{prefix}.")
    for i, child in enumerate(section.sections):
        yield from _section_fields(child, f"{prefix}.sections[{i}]")


def text_fields(plan: Plan) -> Iterator[tuple[str, str]]:
    """Every text field of the plan's content with its JSON path (``input``, ``tool``, ``warnings`` excluded).

    >>> plan = _example_plan(sections=[Section(marker="一、", number=1, level=1, heading="总", intro="")])
    >>> [where for where, _ in text_fields(plan)]
    ['title', 'source', 'doc_number', 'preamble', 'sections[0].marker', 'sections[0].heading', 'sections[0].intro', 'closing']
    """
    yield "title", plan.title or ""
    yield "source", plan.source or ""
    yield from _document_fields(plan, "")


def _document_fields(document: Plan | Document, prefix: str) -> Iterator[tuple[str, str]]:
    if isinstance(document, Document):
        for name in ("label", "title"):
            yield prefix + name, getattr(document, name) or ""
    for name in ("doc_number", "addressees", "preamble"):
        value = getattr(document, name)
        if value or name != "addressees":
            yield prefix + name, value or ""
    yield from _items_fields(document.items, prefix)
    for i, section in enumerate(document.sections):
        yield from _section_fields(section, f"{prefix}sections[{i}]")
    yield prefix + "closing", document.closing
    for i, attachment in enumerate(document.attachments):
        yield from _document_fields(attachment, f"{prefix}attachments[{i}].")


def pinyin_left(plan: Plan) -> list[Leftover]:
    """Pinyin annotations still in the plan, found by the cleaner's own rule: a Han
    character followed by a parenthesised syllable that is one of its readings.

    >>> pinyin_left(_example_plan(title="深(shen)圳(AI)", preamble="面积(ha)"))
    [Leftover(where='title', found='深(shen)', fixed='深')]
    """
    from wpclean.cleaner.changes import Change
    from wpclean.cleaner.pinyin import strip_pinyin

    found: list[Leftover] = []
    for where, value in text_fields(plan):
        record: list[Change] = []
        strip_pinyin(value, record)
        for change in record:
            start, end = max(0, change.offset - 1), change.offset + len(change.original)
            found.append(Leftover(where, value[start:end], value[start : change.offset]))
    return found


def traditional_left(plan: Plan, config: str = "t2s", around: int = 2) -> list[Leftover]:
    """Characters OpenCC ``config`` would still convert (a few characters of context each side).

    >>> traditional_left(_example_plan(title="深圳", preamble="加快現代化建設，全面推进學校发展"))
    [Leftover(where='preamble', found='加快現代化建設，全', fixed='加快现代化建设，全'), Leftover(where='preamble', found='推进學校发', fixed='推进学校发')]
    """
    from difflib import SequenceMatcher

    from wpclean.cleaner.script import converter

    found: list[Leftover] = []
    for where, value in text_fields(plan):
        converted = converter(config).convert(value)
        if converted == value:
            continue
        for group in SequenceMatcher(None, value, converted, autojunk=False).get_grouped_opcodes(around):
            (_, i1, _, j1, _), (_, _, i2, _, j2) = group[0], group[-1]
            found.append(Leftover(where, value[i1:i2], converted[j1:j2]))
    return found


def _example_plan(**fields: object) -> Plan:
    """A minimal plan for examples and tests."""
    meta = {"input": {"sha256": "0", "encoding": "utf-8", "bytes": 0}, "tool": {"version": "0", "convert": "t2s"}}
    return Plan.model_validate({"title": None, **meta, **fields})
