"""Who does what, by when: the models of a task's units, deadline, targets and citations.

Items and sections carry them (:class:`wpclean.schemas.Item`,
:class:`wpclean.schemas.Section`), and a plan its citations and the documents
it repeals.  Every value is read from the words of the text it belongs to
(:mod:`wpclean.parser.assignments`), which keeps them: nothing here is text
that the plan's text fields do not hold.

>>> Unit(name="省商务厅", role="lead")
Unit(name='省商务厅', role='lead')
"""

from __future__ import annotations

from datetime import date as Date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

UnitRole = Literal["lead", "partner", "responsible", "assessor"]
CitationRole = Literal["basis", "transmits", "repeals"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Unit(_Model):
    """An agency named for a task, whole as written (省发展改革委, 各市政府)."""

    name: str
    role: UnitRole = Field(
        description="lead: 牵头; partner: 配合/参与; responsible: 负责/责任单位; assessor: 牵头考核单位"
    )


class Deadline(_Model):
    """When a task is due: the words as written, and the day when they name one."""

    text: str = Field(description="As written, e.g. 2022年底前, 5月底完成, 持续推进")
    date: Date | None = Field(
        default=None, description="ISO date when the words name one (a month's or year's end for 月底/年底)"
    )


class Target(_Model):
    """A measurable target: a quantity with its unit, and the year it is for when written."""

    text: str = Field(description="As written, e.g. 达到90%, 新增3.1万个")
    value: float = Field(description="The number as written (3.1 in 3.1万个)")
    unit: str = Field(description="What follows the number: magnitude and measure, e.g. %, 万个, 个学时")
    year: int | None = Field(default=None, description="The year named before it in the same sentence")


class Citation(_Model):
    """A document the text names: a 《title》, a 文号, or both."""

    title: str | None = Field(default=None, description="The title inside 《》")
    doc_number: str | None = Field(default=None, description="文号, e.g. 国办发〔2016〕80号")
    role: CitationRole | None = Field(
        default=None, description="basis: 根据/依据/按照; transmits: 转发/印发; repeals: 废止"
    )
