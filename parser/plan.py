"""Cleaned text → a :class:`~wpclean.schemas.Plan`: header, front matter, body structure, end matter, attachments."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, time

from wpclean.cleaner import changes as kinds
from wpclean.parser.document import read_document
from wpclean.parser.front import parse_doc_number
from wpclean.parser.header import split_header, title_prefix_end
from wpclean.parser.paragraphs import split_paragraphs
from wpclean.schemas import SCHEMA_VERSION, InputInfo, Plan, Stats, ToolInfo, trusted


def build_plan(text: str, counts: Mapping[str, int], info: InputInfo, tool: ToolInfo) -> tuple[Plan, str]:
    """The plan of cleaned ``text`` (``counts``: the cleaning's changes by
    kind), and the body it was built from: the text after the header (and
    after the title where the body repeats it), without the site chrome
    found after the end matter.

    >>> from wpclean.schemas import InputInfo, ToolInfo
    >>> info = InputInfo(sha256="0" * 64, encoding="utf-8", bytes=0)
    >>> plan, body = build_plan("关于做好工作的通知\\n一、总体要求\\n加强领导。", {}, info, ToolInfo(version="0", convert="t2s"))
    >>> plan.title, plan.sections[0].heading, body
    ('关于做好工作的通知', '总体要求', '一、总体要求\\n加强领导。')
    """
    header = split_header(text)
    body = header.body
    if header.title:
        body = body[title_prefix_end(body, header.title) :]
    parts = read_document(split_paragraphs(body))
    fields = parts.fields
    if fields["doc_number"] is None and header.fields.get("doc_number"):
        parsed = parse_doc_number(header.fields["doc_number"])
        fields["doc_number"], fields["doc_number_parts"] = parsed if parsed else (header.fields["doc_number"], None)
    body = body[: _chrome_start(body, parts.chrome)]
    published = header.published
    published_time = published.time() if isinstance(published, datetime) else None
    plan = trusted(
        Plan,
        schema_version=SCHEMA_VERSION,
        title=header.title,
        source=header.fields.get("source") or None,
        published=published.date() if isinstance(published, datetime) else published,
        published_time=None if published_time == time(0) else published_time,
        **fields,
        warnings=parts.warnings,
        stats=_stats(counts, len(parts.chrome)),
        input=info,
        tool=tool,
    )
    return plan, body


def _chrome_start(body: str, chrome: list[str]) -> int:
    """Where the chrome found after the end matter starts in ``body`` (its pieces end it, in order).

    >>> _chrome_start("日期\\n1\\n1\\n更多", ["1", "更多"])
    5
    """
    at = len(body)
    for piece in reversed(chrome):
        at = body.rfind(piece, 0, at)
    return at


def _stats(counts: Mapping[str, int], chrome_found: int = 0) -> Stats:
    return trusted(
        Stats,
        annotations_removed=counts.get(kinds.ANNOTATION, 0),
        chars_converted=counts.get(kinds.CONVERSION, 0),
        overrides_applied=counts.get(kinds.OVERRIDE, 0),
        punct_normalized=counts.get(kinds.PUNCT, 0),
        chrome_dropped=counts.get(kinds.CHROME, 0) + chrome_found,
    )
