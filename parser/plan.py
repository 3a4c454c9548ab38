"""Cleaned text → a :class:`~wpclean.schemas.Plan`: header, body structure, closing.

A page may hold at most :data:`MAX_PARTS` sections and items together: each
costs about a kilobyte as a model, so a page of nothing but item markers
(``一是，`` repeated) would take ~80 times its size in memory.  The limit is
checked before the structure is built, from a count of the markers (an upper
bound), and refuses the page with :class:`~wpclean.errors.InputError`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from wpclean.cleaner import changes as kinds
from wpclean.errors import InputError
from wpclean.parser.closing import split_closing
from wpclean.parser.header import find_doc_number, split_header
from wpclean.parser.page_labels import text_page
from wpclean.parser.page_meta import PageFields, merge_page_fields
from wpclean.parser.paragraphs import split_paragraphs
from wpclean.parser.structure import build_body
from wpclean.schemas import SCHEMA_VERSION, InputInfo, Page, Plan, Stats, ToolInfo, Warning, trusted


def build_plan(
    text: str, counts: Mapping[str, int], info: InputInfo, tool: ToolInfo,
    page: Page | None = None, page_warnings: Sequence[tuple[str, str, str]] = (),
    cleaning_warnings: Iterable[tuple[str, str, str]] = (),
) -> tuple[Plan, str]:  # fmt: skip
    """The plan of cleaned ``text`` (``counts``: the cleaning's changes by
    kind; ``cleaning_warnings``: what the cleaning warns of, as (code,
    message, where), listed first), and the body it was built from (the text
    after the header).

    ``page``: what an HTML page said about the document (its title is the
    text's first line); for text, a 政务公开 label block at the top of the
    text is read here and taken out of it (:func:`wpclean.parser.page_labels.text_page`).

    >>> from wpclean.schemas import InputInfo, ToolInfo
    >>> info = InputInfo(sha256="0" * 64, encoding="utf-8", bytes=0)
    >>> plan, body = build_plan("关于做好工作的通知\\n一、总体要求\\n加强领导。", {}, info, ToolInfo(version="0", convert="t2s"))
    >>> plan.title, plan.sections[0].heading, body, plan.page
    ('关于做好工作的通知', '总体要求', '一、总体要求\\n加强领导。', None)
    """
    if page is None:
        page, text = text_page(text)
    header = split_header(text)
    paragraphs, closing = split_closing(split_paragraphs(header.body))
    check_parts(paragraphs)
    document = PageFields(
        title=header.title,
        doc_number=header.fields.get("doc_number") or find_doc_number(paragraphs),
        published=header.published,
        source=header.fields.get("source") or None,
    )
    merged, conflicts = merge_page_fields(page, document)
    body = build_body(paragraphs)
    del paragraphs  # the sections hold their text now
    noted = [*page_warnings, *conflicts]
    warnings = [trusted(Warning, code=code, message=message, where=where) for code, message, where in noted]
    plan = trusted(
        Plan,
        schema_version=SCHEMA_VERSION,
        title=merged.title,
        source=merged.source,
        published=merged.published,
        doc_number=merged.doc_number,
        preamble=body.preamble,
        items=body.items,
        sections=body.sections,
        closing="\n".join(closing),
        page=page,
        warnings=[*(trusted(Warning, code=c, message=m, where=w) for c, m, w in cleaning_warnings), *warnings, *body.warnings],
        stats=_stats(counts),
        input=info,
        tool=tool,
    )
    return plan, header.body


MAX_PARTS = 20_000  # sections and items per page; real pages have at most a few hundred


def check_parts(paragraphs: list[str], limit: int = MAX_PARTS) -> None:
    """Refuse a page that may have more than ``limit`` sections and items.

    >>> check_parts(["一、总体要求", "一是加强领导。二是落实。"], limit=3)
    >>> check_parts(["一是，" * 4], limit=3)
    Traceback (most recent call last):
    wpclean.errors.InputError: page has over 3 sections and items (counted by their markers), more than wpclean takes from one page; split it into pages
    """
    found = count_markers(paragraphs, limit)
    if found > limit:
        raise InputError(f"page has over {limit:,} sections and items (counted by their markers), more than wpclean takes from one page; split it into pages")


def count_markers(paragraphs: list[str], limit: int) -> int:
    """How many section and item markers ``paragraphs`` hold (an upper bound of
    its sections and items), counting no further than past ``limit``."""
    from wpclean.parser.markers import _at_item_start, _item_pattern, match_section_marker

    if sum(map(len, paragraphs)) < limit:  # every marker takes two characters at least
        return 0
    found = sum(1 for paragraph in paragraphs if match_section_marker(paragraph)) if len(paragraphs) > limit else 0
    pattern = _item_pattern()
    for paragraph in paragraphs:
        for match in pattern.finditer(paragraph):
            found += _at_item_start(paragraph, match.start())
            if found > limit:
                return found
    return found


def _stats(counts: Mapping[str, int]) -> Stats:
    return trusted(
        Stats,
        annotations_removed=counts.get(kinds.ANNOTATION, 0),
        chars_converted=counts.get(kinds.CONVERSION, 0),
        overrides_applied=counts.get(kinds.OVERRIDE, 0),
        punct_normalized=counts.get(kinds.PUNCT, 0),
        chrome_dropped=counts.get(kinds.CHROME, 0),
        noise_removed=counts.get(kinds.NOISE, 0),
        markup_removed=counts.get(kinds.MARKUP, 0),
        spaces_removed=counts.get(kinds.SPACE, 0),
        mojibake_repaired=counts.get(kinds.MOJIBAKE_REPAIRED, 0),
        mojibake_found=counts.get(kinds.MOJIBAKE_FOUND, 0),
        truncation_dropped=counts.get(kinds.TRUNCATED, 0),
    )
