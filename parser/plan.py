"""Cleaned text → a :class:`~wpclean.schemas.Plan`: header, front matter, body
structure, end matter, attachments, and what the page says of the document.

A page may hold at most :data:`MAX_PARTS` sections and items together: each
costs about a kilobyte as a model, so a page of nothing but item markers
(``一是，`` repeated) would take ~80 times its size in memory.  The limit is
checked before the structure is built, from a count of the markers (an upper
bound), and refuses the page with :class:`~wpclean.errors.InputError`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time
from functools import cache

from wpclean.cleaner import changes as kinds
from wpclean.errors import InputError
from wpclean.parser.assignments import with_assignments
from wpclean.parser.document import read_document
from wpclean.parser.front import doc_number_in_title, parse_doc_number, split_masthead_lines
from wpclean.parser.header import split_header, title_prefix_end
from wpclean.parser.page_labels import text_page
from wpclean.parser.page_meta import PageFields, merge_page_fields
from wpclean.parser.paragraphs import split_paragraphs
from wpclean.schemas import SCHEMA_VERSION, InputInfo, Page, Plan, Stats, ToolInfo, Warning, trusted


def build_plan(
    text: str,
    counts: Mapping[str, int],
    info: InputInfo,
    tool: ToolInfo,
    page: Page | None = None,
    page_warnings: Sequence[tuple[str, str, str]] = (),
    cleaning_warnings: Iterable[tuple[str, str, str]] = (),
) -> tuple[Plan, str]:
    """The plan of cleaned ``text`` (``counts``: the cleaning's changes by
    kind; ``cleaning_warnings``: what the cleaning warns of, as (code,
    message, where), listed first), and the body it was built from (the text
    after the header).

    ``page``: what an HTML page said about the document (its title is the
    text's first line); for text, a 政务公开 label block at the top of the
    text is read here and taken out of it (:func:`wpclean.parser.page_labels.text_page`).

    The body is the text after the header (and after the title where the
    body repeats it), without the site chrome found after the end matter.

    >>> from wpclean.schemas import InputInfo, ToolInfo
    >>> info = InputInfo(sha256="0" * 64, encoding="utf-8", bytes=0)
    >>> plan, body = build_plan("关于做好工作的通知\\n一、总体要求\\n加强领导。", {}, info, ToolInfo(version="0", convert="t2s"))
    >>> plan.title, plan.sections[0].heading, body, plan.page
    ('关于做好工作的通知', '总体要求', '一、总体要求\\n加强领导。', None)
    """
    if page is None:
        page, text = text_page(text)
    top = split_masthead_lines(text)
    text = top.text
    header = split_header(text)
    body = header.body
    if header.title:  # the body's repetition of the title line (with the 令 header that opened it)
        body = body[
            (header.order and title_prefix_end(body, header.order + header.title))
            or title_prefix_end(body, header.title) :
        ]
    paragraphs = split_paragraphs(body)
    check_parts(paragraphs)
    parts = read_document(paragraphs)
    del paragraphs  # the document's parts hold their text now
    fields = parts.fields
    for name, value in top.masthead._asdict().items():  # the 版头 lines above the title
        if fields[name] is None:
            fields[name] = value
    if header.order and fields["order"] is None:  # a 令 header before the title: its number is the 文号
        fields["order"] = header.order
        if fields["doc_number"] is None:
            fields["doc_number"], fields["doc_number_parts"] = header.order_number
    written_number = top.doc_number or header.fields.get("doc_number")
    if fields["doc_number"] is None and written_number:
        parsed = parse_doc_number(written_number)
        fields["doc_number"], fields["doc_number_parts"] = parsed if parsed else (written_number, None)
    if fields["doc_number"] is None and header.title:
        fields["doc_number"], fields["doc_number_parts"] = doc_number_in_title(header.title) or (None, None)
    body = body[: _chrome_start(body, parts.chrome)]
    document = PageFields(
        title=header.title,
        doc_number=fields["doc_number"],
        published=header.published,
        source=header.fields.get("source") or None,
    )
    merged, conflicts = merge_page_fields(page, document)
    _take_from_page(fields, merged)
    published, published_time = _day_and_time(merged.published)
    noted = [*cleaning_warnings, *page_warnings, *conflicts]
    warnings = [trusted(Warning, code=code, message=message, where=where) for code, message, where in noted]
    plan = trusted(
        Plan,
        schema_version=SCHEMA_VERSION,
        title=merged.title,
        source=merged.source,
        published=published,
        published_time=published_time,
        **fields,
        page=page,
        warnings=[*warnings, *parts.warnings],
        stats=_stats(counts, len(parts.chrome)),
        input=info,
        tool=tool,
    )
    return with_assignments(plan), body


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
        raise InputError(
            f"page has over {limit:,} sections and items (counted by their markers), more than wpclean takes from one page; split it into pages"
        )


def count_markers(paragraphs: list[str], limit: int) -> int:
    """How many section and item markers ``paragraphs`` hold (an upper bound of
    its sections and items), counting no further than past ``limit``."""
    from wpclean.parser.markers import _at_item_start, _item_pattern, match_section_marker

    if sum(map(len, paragraphs)) < limit:  # every marker takes two characters at least
        return 0
    characters = _item_characters()
    if sum(paragraph.count(char) for paragraph in paragraphs for char in characters) + len(paragraphs) <= limit:
        return 0  # each item marker holds one of these characters, each section marker starts a paragraph
    found = sum(1 for paragraph in paragraphs if match_section_marker(paragraph)) if len(paragraphs) > limit else 0
    pattern = _item_pattern()
    for paragraph in paragraphs:
        for match in pattern.finditer(paragraph):
            found += _at_item_start(paragraph, match.start())
            if found > limit:
                return found
    return found


@cache
def _item_characters() -> frozenset[str]:
    """The Han characters the item markers' shapes write out (是, 要, 第): each marker holds one.

    >>> sorted(_item_characters())
    ['是', '第', '要']
    """
    from wpclean.parser.tables import ITEM_FAMILIES

    return frozenset(char for shape in ITEM_FAMILIES.values() for char in shape if "\u4e00" <= char <= "\u9fff")


def _chrome_start(body: str, chrome: list[str]) -> int:
    """Where the chrome found after the end matter starts in ``body`` (its pieces end it, in order).

    >>> _chrome_start("日期\\n1\\n1\\n更多", ["1", "更多"])
    5
    """
    at = len(body)
    for piece in reversed(chrome):
        at = body.rfind(piece, 0, at)
    return at


def _take_from_page(fields: dict, merged: PageFields) -> None:
    """The page's 文号 (label block first), in its normal form.  The page's
    issuers and 成文日期 stay in ``page``: the plan's are the document's own
    end matter (a page's label block is not part of the document)."""
    if merged.doc_number and merged.doc_number != fields["doc_number"]:
        parsed = parse_doc_number(merged.doc_number)
        fields["doc_number"], fields["doc_number_parts"] = parsed if parsed else (merged.doc_number, None)


def _day_and_time(published: datetime | date | None) -> tuple[date | None, time | None]:
    """A date, and its time only when one is given (a midnight is no time).

    >>> _day_and_time(datetime(2020, 2, 25, 9, 30)), _day_and_time(datetime(2020, 2, 25))
    ((datetime.date(2020, 2, 25), datetime.time(9, 30)), (datetime.date(2020, 2, 25), None))
    """
    if not isinstance(published, datetime):
        return published, None
    return published.date(), None if published.time() == time(0) else published.time()


def _stats(counts: Mapping[str, int], chrome_found: int = 0) -> Stats:
    return trusted(
        Stats,
        annotations_removed=counts.get(kinds.ANNOTATION, 0),
        chars_converted=counts.get(kinds.CONVERSION, 0),
        overrides_applied=counts.get(kinds.OVERRIDE, 0),
        punct_normalized=counts.get(kinds.PUNCT, 0),
        chrome_dropped=counts.get(kinds.CHROME, 0) + chrome_found,
        noise_removed=counts.get(kinds.NOISE, 0),
        markup_removed=counts.get(kinds.MARKUP, 0),
        spaces_removed=counts.get(kinds.SPACE, 0),
        mojibake_repaired=counts.get(kinds.MOJIBAKE_REPAIRED, 0),
        mojibake_found=counts.get(kinds.MOJIBAKE_FOUND, 0),
        truncation_dropped=counts.get(kinds.TRUNCATED, 0),
    )
