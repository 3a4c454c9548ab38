"""The plan: pydantic v2 models of wpclean's output contract.

``SCHEMA_VERSION`` changes whenever the contract does (see docs/output-format.md's
"Output format" section for what each version added).

The models are built lazily (``defer_build``): pydantic compiles a model's
validator and serializer on its first validation, not at import, which would
cost a one-page run some 50 ms.  wpclean's parser builds plans from values it
has derived itself without re-validating them and writes them
from plain data (:mod:`wpclean.schemas.trusted`), checked first with these models' committed
core schema (:mod:`wpclean.schemas.core_schema`), so the main job never pays that; reading a
plan back (``Plan.model_validate_json``), ``wpclean check`` and the test suite validate
them against these models.
"""

from __future__ import annotations

from datetime import date, time
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from wpclean.options import ConvertConfig
from wpclean.schemas.assignments import Citation, Deadline, Target, Unit
from wpclean.schemas.page import Page

SCHEMA_VERSION = "2"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Item(_Model):
    """One enumerated item: 一是…, 一要…, 第一，…"""

    marker: str = Field(description="The marker as it stands in the cleaned text, e.g. 一是")
    number: int = Field(ge=0)
    lead: str = Field(description="The item's text up to its first 。；！？ (derived from text)")
    text: str = Field(description="Everything after the marker up to the next item or section")
    units: list[Unit] = Field(default_factory=list, description="Units the text names for the task, in order")
    deadline: Deadline | None = Field(default=None, description="When the text says the task is due")
    targets: list[Target] = Field(default_factory=list, description="Measurable targets the text sets")
    citations: list[Citation] = Field(default_factory=list, description="Documents the text names")


SectionKind = Literal["ladder", "decimal", "part", "chapter", "section", "article", "clause"]


class Section(_Model):
    """A numbered section.  ``kind`` says which structure it belongs to: the
    numbering ladder (一、 （一） 1. （1） ① 1)), decimal numbering (1 / 1.1 /
    1.1.1: ``decimal``), a plan's or a law's parts (第X编/第X篇: ``part``),
    chapters (第X章), sections (第X节), articles (第X条: ``article``, whose text
    is its ``intro``, its 项 the （一） subsections) or an article's 款 (``clause``:
    the paragraphs of an article that has several, numbered 1… with no marker,
    each holding its text and its 项)."""

    marker: str = Field(description="The marker as it stands in the cleaned text, e.g. （一）, 第三条")
    number: int = Field(ge=0)
    level: int = Field(
        ge=1,
        le=14,
        description="The marker style's rank: 一、=1, （一）=2, 1.=3, （1）=4, ①=5, 1)=6; decimal 1=7, 1.1=8, "
        "1.1.1=9; 第X编/篇=10, 第X章=11, 第X节=12, 第X条=13, 款 (clause)=14",
    )
    kind: SectionKind = "ladder"
    heading: str
    intro: str = Field(description="Text after the heading, before the first item or subsection")
    items: list[Item] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    units: list[Unit] = Field(default_factory=list, description="Units heading and intro name, in order")
    deadline: Deadline | None = Field(default=None, description="When heading and intro say it is due")
    targets: list[Target] = Field(default_factory=list, description="Measurable targets heading and intro set")
    citations: list[Citation] = Field(default_factory=list, description="Documents heading and intro name")


class Warning(_Model):  # noqa: A001 - the contract's own name
    code: str = Field(description="Stable machine-readable code, e.g. numbering_gap")
    message: str
    where: str = Field(description="Where in the plan, e.g. sections[2].items[1], or the marker")


class Stats(_Model):
    annotations_removed: int = 0
    chars_converted: int = 0
    overrides_applied: int = 0
    punct_normalized: int = 0
    chrome_dropped: int = 0
    noise_removed: int = 0
    markup_removed: int = 0
    spaces_removed: int = 0
    mojibake_repaired: int = 0
    mojibake_found: int = Field(
        default=0, description="Undecodable spans kept as they are (each also a mojibake warning)"
    )
    truncation_dropped: int = Field(
        default=0, description="Notes that the page shows only part of the text (each also a truncated warning)"
    )


class InputInfo(_Model):
    path: str | None = None
    id: str | None = None
    sha256: str
    encoding: str
    bytes: int = Field(ge=0)


class ToolInfo(_Model):
    version: str
    convert: ConvertConfig


class DocNumberParts(_Model):
    """A 文号 taken apart: 国办发〔2018〕123号 → 国办发, 2018, 123; 国令第711号 → 国令, None, 711."""

    agency_code: str = Field(description="The issuing agency's code, e.g. 国办发")
    year: int | None = Field(default=None, description="The year in 〔〕 (None for orders: 国令第711号)")
    serial: int = Field(ge=0, description="The serial number")


class Document(_Model):
    """One official document (公文) of a page: its front matter, body and end matter (GB/T 9704-2012).

    The plan is the page's main document; ``attachments`` hold the documents
    attached to it (附件N, or a second document on the page), each a Document.
    """

    label: str | None = Field(default=None, description="The attachment's label as written, e.g. 附件1")
    title: str | None
    subtitles: list[str] = Field(
        default_factory=list, description="副题 and headline lines under the title (——在…的讲话; a news headline group)"
    )
    title_note: str | None = Field(
        default=None, description="题注: the bracketed line under the title, e.g. （2007年6月29日…会议通过）"
    )
    byline: str | None = Field(default=None, description="A date line under the title, with who speaks or writes")
    order: str | None = Field(default=None, description="The 令 header as written: the order's name and number")
    doc_number: str | None = Field(default=None, description="文号, normalised: 国发〔2007〕37号")
    doc_number_parts: DocNumberParts | None = None
    copy_number: str | None = Field(default=None, description="份号, as written: 000123")
    signer: str | None = Field(default=None, description="签发人 (several: separated by a space)")
    classification: str | None = Field(
        default=None, description="密级 with its 保密期限 as written, e.g. 秘密, 机密★1年"
    )
    urgency: str | None = Field(default=None, description="紧急程度, e.g. 特急")
    addressees: str | None = Field(default=None, description="主送机关, as written (its trailing colon dropped)")
    preamble: str = ""
    items: list[Item] = Field(default_factory=list, description="Items before the first section")
    sections: list[Section] = Field(default_factory=list)
    closing: str = Field(
        default="", description="The end matter as written: 附件说明, signature, date, 附注, 抄送, 印发 lines"
    )
    attachments_note: list[str] = Field(default_factory=list, description="附件说明: the attachments' titles")
    issuers: list[str] = Field(default_factory=list, description="发文机关署名, one per line (联合发文: several)")
    written: date | None = Field(default=None, description="成文日期 (the signature date)")
    note: str | None = Field(default=None, description="附注, e.g. 此件公开发布")
    cc: str | None = Field(default=None, description="抄送")
    printed_by: str | None = Field(default=None, description="印发机关")
    printed_on: date | None = Field(default=None, description="印发日期")
    effective: date | None = Field(default=None, description="施行日期, when the text says 自…起施行")
    attachments: list[Document] = Field(default_factory=list, description="Attached documents (附件N)")


class Plan(_Model):
    """A cleaned, structured official document (the page's main one) and what the page says of it."""

    schema_version: Literal["2"] = SCHEMA_VERSION
    title: str | None
    source: str | None = None
    published: date | None = Field(default=None, description="The page's publication date")
    published_time: time | None = Field(default=None, description="Its time, only when the page gives one")
    subtitles: list[str] = Field(
        default_factory=list, description="副题 and headline lines under the title (——在…的讲话; a news headline group)"
    )
    title_note: str | None = Field(
        default=None, description="题注: the bracketed line under the title, e.g. （2007年6月29日…会议通过）"
    )
    byline: str | None = Field(default=None, description="A date line under the title, with who speaks or writes")
    order: str | None = Field(default=None, description="The 令 header as written: the order's name and number")
    doc_number: str | None = Field(default=None, description="文号, normalised: 国发〔2007〕37号")
    doc_number_parts: DocNumberParts | None = None
    copy_number: str | None = Field(default=None, description="份号, as written: 000123")
    signer: str | None = Field(default=None, description="签发人 (several: separated by a space)")
    classification: str | None = Field(
        default=None, description="密级 with its 保密期限 as written, e.g. 秘密, 机密★1年"
    )
    urgency: str | None = Field(default=None, description="紧急程度, e.g. 特急")
    addressees: str | None = Field(default=None, description="主送机关, as written (its trailing colon dropped)")
    preamble: str = ""
    items: list[Item] = Field(default_factory=list, description="Items before the first section")
    sections: list[Section] = Field(default_factory=list)
    closing: str = Field(
        default="", description="The end matter as written: 附件说明, signature, date, 附注, 抄送, 印发 lines"
    )
    attachments_note: list[str] = Field(default_factory=list, description="附件说明: the attachments' titles")
    issuers: list[str] = Field(default_factory=list, description="发文机关署名, one per line (联合发文: several)")
    written: date | None = Field(default=None, description="成文日期 (the signature date)")
    note: str | None = Field(default=None, description="附注, e.g. 此件公开发布")
    cc: str | None = Field(default=None, description="抄送")
    printed_by: str | None = Field(default=None, description="印发机关")
    printed_on: date | None = Field(default=None, description="印发日期")
    effective: date | None = Field(default=None, description="施行日期, when the text says 自…起施行")
    attachments: list[Document] = Field(default_factory=list, description="Attached documents (附件N)")
    page: Page | None = Field(
        default=None, description="What the page says about the document (HTML input or a label block)"
    )
    warnings: list[Warning] = Field(default_factory=list)
    stats: Stats = Field(default_factory=Stats)
    input: InputInfo
    tool: ToolInfo
    citations: list[Citation] = Field(default_factory=list, description="Every document the plan names, once")
    repeals: list[Citation] = Field(default_factory=list, description="Documents the plan says it repeals (废止)")
