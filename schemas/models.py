"""The plan: pydantic v2 models of wpclean's output contract.

``SCHEMA_VERSION`` changes whenever the contract does (see docs/output-format.md's
"Output format" section for what each version added).

The models are built lazily (``defer_build``): pydantic compiles a model's
validator and serializer on its first validation, not at import, which would
cost a one-page run some 50 ms.  wpclean's parser builds plans from values it
has derived itself without re-validating them and writes them
from plain data (:mod:`wpclean.schemas.trusted`), so the main job never pays that; reading a plan back
(``Plan.model_validate_json``), ``wpclean check`` and the test suite validate
them against these models.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from wpclean.options import ConvertConfig
from wpclean.schemas.page import Page

SCHEMA_VERSION = "1"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Item(_Model):
    """One enumerated item: 一是…, 一要…, 第一，…"""

    marker: str = Field(description="The marker as it stands in the cleaned text, e.g. 一是")
    number: int = Field(ge=0)
    lead: str = Field(description="The item's text up to its first 。；！？ (derived from text)")
    text: str = Field(description="Everything after the marker up to the next item or section")


class Section(_Model):
    """A numbered section: 一、 (level 1), （一） (2), 1. (3), （1） (4)."""

    marker: str = Field(description="The marker as it stands in the cleaned text, e.g. （一）")
    number: int = Field(ge=0)
    level: int = Field(ge=1, le=4, description="The marker style's rank: 一、=1, （一）=2, 1.=3, （1）=4")
    heading: str
    intro: str = Field(description="Text after the heading, before the first item or subsection")
    items: list[Item] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)


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
    mojibake_found: int = Field(default=0, description="Undecodable spans kept as they are (each also a mojibake warning)")
    truncation_dropped: int = Field(default=0, description="Notes that the page shows only part of the text (each also a truncated warning)")


class InputInfo(_Model):
    path: str | None = None
    id: str | None = None
    sha256: str
    encoding: str
    bytes: int = Field(ge=0)


class ToolInfo(_Model):
    version: str
    convert: ConvertConfig


class Plan(_Model):
    """A cleaned, structured work plan."""

    schema_version: Literal["1"] = SCHEMA_VERSION
    title: str | None
    source: str | None = None
    published: datetime | date | None = None
    doc_number: str | None = Field(default=None, description="文号, e.g. 国发〔2007〕37号")
    preamble: str = ""
    items: list[Item] = Field(default_factory=list, description="Items before the first section")
    sections: list[Section] = Field(default_factory=list)
    closing: str = Field(default="", description="Signature block after the last section")
    page: Page | None = Field(default=None, description="What the page says about the document (HTML input or a label block)")
    warnings: list[Warning] = Field(default_factory=list)
    stats: Stats = Field(default_factory=Stats)
    input: InputInfo
    tool: ToolInfo
