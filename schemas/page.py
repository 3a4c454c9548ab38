"""What the page itself says about the document: its 政务公开 label block, its
meta tags, the CMS container its body came from, its attachment links.

A plan carries it as ``Plan.page`` when the input was HTML or its text held a
label block; ``None`` otherwise (a plain text document has no page).

>>> Page(format="html", container="#zoom", index_number="014500815/2020-02346").index_number
'014500815/2020-02346'
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Link(_Model):
    """An attachment link: its text as displayed and where it points."""

    text: str
    url: str


class Page(_Model):
    """The page's own metadata, as the page gives it (see docs: precedence)."""

    format: Literal["text", "html"] = Field(description="How the input was read: as text or as an HTML page")
    container: str | None = Field(
        default=None, description='The CMS body container used (its selector or marker), "fallback", or None for text'
    )
    title: str | None = Field(
        default=None,
        description="标题/名称 of the label block, else the meta ArticleTitle, else the page's title line or <h1>, else <title>",
    )
    index_number: str | None = Field(default=None, description="索引号")
    topics: list[str] = Field(default_factory=list, description="主题分类, split at 、，; and /")
    issuers: list[str] = Field(default_factory=list, description="发文机关/发布机构 (as the page writes them)")
    doc_number: str | None = Field(default=None, description="发文字号/文号 (无 = none)")
    written: date | None = Field(default=None, description="成文日期")
    published: datetime | date | None = Field(default=None, description="发布日期/发布时间 as shown on the page")
    validity: str | None = Field(default=None, description="有效性/时效")
    effective: date | None = Field(default=None, description="生效日期")
    keywords: list[str] = Field(default_factory=list, description="主题词, else the Keywords meta tag")
    source: str | None = Field(
        default=None, description="来源/信息来源 shown on the page, else the ContentSource meta tag"
    )
    links: list[Link] = Field(default_factory=list, description="Attachment links (附件, .pdf/.doc/.xls/… hrefs)")
    meta: dict[str, str] = Field(default_factory=dict, description="The page's meta tags with a value (name → content)")
    labels: dict[str, str] = Field(
        default_factory=dict, description="Every raw label pair of the label block (page_meta)"
    )
