"""The page's metadata and the document's own lines, merged into the plan's
title, 文号, date and source by precedence: the label block over the meta tags
over the document's own lines over ``<title>``; a warning says where the
label block and the document's lines disagree.

>>> from wpclean.schemas import Page
>>> page = Page(format="text", title="某局关于做好工作的通知", doc_number="某发〔2020〕1号")
>>> merged, conflicts = merge_page_fields(page, PageFields(title="某局关于做好工作的通知", doc_number="某发〔2020〕2号"))
>>> merged.doc_number, [code for code, _, _ in conflicts]
('某发〔2020〕1号', ['page_doc_number_conflict'])
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import NamedTuple

from wpclean.parser.page_labels import parse_when, tidy_title
from wpclean.schemas import Page

_META_FILE = Path(__file__).parent / "data" / "page_meta_tags.tsv"


class PageFields(NamedTuple):
    """The plan's v1 metadata fields, from one source."""

    title: str | None = None
    doc_number: str | None = None
    published: datetime | date | None = None
    source: str | None = None


@cache
def meta_table() -> dict[str, str]:
    """Meta tag name (lower case) → the Page field it fills."""
    rows = (
        line.split("\t")
        for line in _META_FILE.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    )
    return {row[0]: row[1] for row in rows if len(row) == 2}


def meta_values(meta: dict[str, str]) -> dict[str, object]:
    """Page fields from the meta tags named in ``data/page_meta_tags.tsv`` (first of each field).

    >>> meta_values({"ArticleTitle": "关于X的通知", "PubDate": "2020-02-26 10:44", "Keywords": "照护 服务"})
    {'title': '关于X的通知', 'published': datetime.datetime(2020, 2, 26, 10, 44), 'keywords': ['照护', '服务']}
    """
    table, values = meta_table(), {}
    for name, value in meta.items():
        field = table.get(name.lower())
        if field is None or field in values:
            continue
        if field == "published":
            when = parse_when(value)
            if when is not None:
                values[field] = when
        elif field == "keywords":
            values[field] = [word for word in re.split(r"[\s,，;；、]+", value) if word]
        else:
            values[field] = tidy_title(value) if field == "title" else value
    return values


def merge_page_fields(page: Page | None, document: PageFields) -> tuple[PageFields, list[tuple[str, str, str]]]:
    """The plan's fields and the conflicts found.  For HTML the text's first
    line already is the page's chosen title, so the document's title stands."""
    if page is None:
        return document, []
    conflicts: list[tuple[str, str, str]] = []
    title = (
        document.title if page.format == "html" else _prefer(page.title, document.title, "title", conflicts, _squeezed)
    )
    doc_number = _prefer(page.doc_number, document.doc_number, "doc_number", conflicts, _doc_number_key)
    published = _prefer(page.published, document.published, "published", conflicts, _day)
    if published is None and page.meta:
        published = meta_values(page.meta).get("published")  # type: ignore[assignment]
    if published is None:
        published = page.written  # a v1 plan's date is the header's, 成文日期 included
    source = page.source or " ".join(page.issuers) or document.source
    return PageFields(title, doc_number, published, source), conflicts


def _prefer(from_page, from_document, field: str, conflicts: list[tuple[str, str, str]], key):  # noqa: ANN001, ANN202
    if from_page is None:
        return from_document
    if from_document is not None and key(from_page) != key(from_document):
        conflicts.append(
            (
                f"page_{field}_conflict",
                f"the page's label block gives {field} {_shown(from_page)} but the document's lines"
                f" {_shown(from_document)}; kept the label block's",
                field,
            )
        )
    return from_page


def _shown(value: object) -> str:
    return repr(value.isoformat() if isinstance(value, (date, datetime)) else value)


def _squeezed(value: str) -> str:
    return re.sub(r"\s+", "", value)


@cache
def _order_number() -> re.Pattern[str]:
    return re.compile(r"令第(\d+)号")


def _doc_number_key(value: str) -> str:
    """What two ways of writing a 文号 share: an order's number is the same
    however its issuer is shortened (省政府令第223号, 江西省人民政府令第223号).

    >>> _doc_number_key("省政府令第223号") == _doc_number_key("江西省人民政府令第 223号"), _doc_number_key("国发〔2020〕1号")
    (True, '国发〔2020〕1号')
    """
    squeezed = _squeezed(value)
    order = _order_number().search(squeezed)
    return f"令第{order.group(1)}号" if order and squeezed.endswith("号") else squeezed


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value
