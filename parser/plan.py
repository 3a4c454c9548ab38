"""Cleaned text → a :class:`~wpclean.schemas.Plan`: header, body structure, closing."""

from __future__ import annotations

from collections.abc import Mapping

from wpclean.cleaner import changes as kinds
from wpclean.parser.assignments import with_assignments
from wpclean.parser.closing import split_closing
from wpclean.parser.header import find_doc_number, split_header
from wpclean.parser.paragraphs import split_paragraphs
from wpclean.parser.structure import build_body
from wpclean.schemas import SCHEMA_VERSION, InputInfo, Plan, Stats, ToolInfo, trusted


def build_plan(text: str, counts: Mapping[str, int], info: InputInfo, tool: ToolInfo) -> tuple[Plan, str]:
    """The plan of cleaned ``text`` (``counts``: the cleaning's changes by
    kind), and the body it was built from (the text after the header).

    >>> from wpclean.schemas import InputInfo, ToolInfo
    >>> info = InputInfo(sha256="0" * 64, encoding="utf-8", bytes=0)
    >>> plan, body = build_plan("关于做好工作的通知\\n一、总体要求\\n加强领导。", {}, info, ToolInfo(version="0", convert="t2s"))
    >>> plan.title, plan.sections[0].heading, body
    ('关于做好工作的通知', '总体要求', '一、总体要求\\n加强领导。')
    """
    header = split_header(text)
    paragraphs, closing = split_closing(split_paragraphs(header.body))
    doc_number = header.fields.get("doc_number") or find_doc_number(paragraphs)
    body = build_body(paragraphs)
    del paragraphs  # the sections hold their text now
    plan = trusted(
        Plan,
        schema_version=SCHEMA_VERSION,
        title=header.title,
        source=header.fields.get("source") or None,
        published=header.published,
        doc_number=doc_number,
        preamble=body.preamble,
        items=body.items,
        sections=body.sections,
        closing="\n".join(closing),
        warnings=body.warnings,
        stats=_stats(counts),
        input=info,
        tool=tool,
    )
    return with_assignments(plan), header.body


def _stats(counts: Mapping[str, int]) -> Stats:
    return trusted(
        Stats,
        annotations_removed=counts.get(kinds.ANNOTATION, 0),
        chars_converted=counts.get(kinds.CONVERSION, 0),
        overrides_applied=counts.get(kinds.OVERRIDE, 0),
        punct_normalized=counts.get(kinds.PUNCT, 0),
        chrome_dropped=counts.get(kinds.CHROME, 0),
    )
