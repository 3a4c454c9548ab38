"""The plan: pydantic v2 models of wpclean's output contract.

``SCHEMA_VERSION`` changes whenever the contract does (see the README's
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
from wpclean.schemas.assignments import Citation, Deadline, Target, Unit

SCHEMA_VERSION = "1"


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


class Section(_Model):
    """A numbered section: 一、 (level 1), （一） (2), 1. (3), （1） (4)."""

    marker: str = Field(description="The marker as it stands in the cleaned text, e.g. （一）")
    number: int = Field(ge=0)
    level: int = Field(ge=1, le=4, description="The marker style's rank: 一、=1, （一）=2, 1.=3, （1）=4")
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
    warnings: list[Warning] = Field(default_factory=list)
    stats: Stats = Field(default_factory=Stats)
    input: InputInfo
    tool: ToolInfo
    citations: list[Citation] = Field(default_factory=list, description="Every document the plan names, once")
    repeals: list[Citation] = Field(default_factory=list, description="Documents the plan says it repeals (废止)")
