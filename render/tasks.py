"""A plan's tasks as a table: who does what, by when (``--format tasks-csv`` / ``tasks-md``).

One row per task: every item, and every section that is a task itself (one
without subsections or items, or one whose own text names units, a deadline
or a target).  Units are listed by role, joined with 、 as the documents do.

>>> from wpclean.schemas import Item, Plan
>>> from wpclean.schemas.assignments import Unit
>>> item = Item(marker="一是", number=1, lead="建平台", text="建平台。", units=[Unit(name="省商务厅", role="lead")])
>>> plan = Plan(title="方案", items=[item], input={"sha256": "0", "encoding": "utf-8", "bytes": 0},
...             tool={"version": "0", "convert": "t2s"})
>>> [row[3:5] for row in task_rows(plan)]
[('建平台', '省商务厅')]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from wpclean.render.plan_text import display_title, input_label, walk
from wpclean.schemas import Item, Plan, Section

TASK_COLUMNS = (
    "source",  # the input's path, else its id
    "section_path",  # section markers, outermost first: 三、 > （四）
    "item_marker",  # empty on a section's own row
    "task",  # the item's lead, or the section's heading
    "lead_units",  # 牵头
    "partner_units",  # 配合, 参与
    "responsible_units",  # 负责, 责任单位
    "assessor_units",  # 牵头考核单位
    "deadline",  # as written
    "deadline_date",  # ISO date, when the words name a day
    "targets",  # each as written, joined with ；
)
PATH_SEPARATOR = " > "
NAME_SEPARATOR = "、"
TARGET_SEPARATOR = "；"
ROLES = ("lead", "partner", "responsible", "assessor")
UTF8_BOM = "\ufeff"


def task_rows(plan: Plan) -> Iterator[tuple[str, ...]]:
    """The plan's tasks in reading order, as rows of :data:`TASK_COLUMNS`."""
    yield from _document_rows(input_label(plan), plan, "")


def _document_rows(source: str, document, prefix: str) -> Iterator[tuple[str, ...]]:  # document: Plan | Document
    """A document's task rows, then each attachment's, its path led by the attachment's label."""
    for item in document.items:
        yield _row(source, (), item, prefix)
    for placed in walk(document.sections):
        section = placed.section
        if is_task(section):
            yield _row(source, placed.chain, None, prefix)
        for item in section.items:
            yield _row(source, placed.chain, item, prefix)
    for index, attachment in enumerate(document.attachments):
        label = attachment.label or f"附件{index + 1}"
        yield from _document_rows(source, attachment, prefix + label + PATH_SEPARATOR)


def is_task(section: Section) -> bool:
    """A section is a task of its own when nothing is nested in it, or its own text assigns work.

    >>> is_task(Section(marker="1.", number=1, level=3, heading="建平台", intro=""))
    True
    """
    if not section.sections and not section.items:
        return True
    return bool(section.units or section.deadline or section.targets)


def _row(source: str, chain: tuple[Section, ...], item: Item | None, prefix: str = "") -> tuple[str, ...]:
    node: Item | Section = item if item is not None else chain[-1]
    by_role = {role: NAME_SEPARATOR.join(unit.name for unit in node.units if unit.role == role) for role in ROLES}
    deadline = node.deadline
    return (
        source,
        prefix + PATH_SEPARATOR.join(section.marker for section in chain),
        item.marker if item is not None else "",
        item.lead if item is not None else chain[-1].heading,
        *(by_role[role] for role in ROLES),
        deadline.text if deadline else "",
        deadline.date.isoformat() if deadline and deadline.date else "",
        TARGET_SEPARATOR.join(target.text for target in node.targets),
    )


def tasks_csv(plan: Plan) -> bytes:
    """The tasks as a CSV file: UTF-8 byte-order mark (so spreadsheets read Chinese), header, rows."""
    return UTF8_BOM.encode("utf-8") + _csv_bytes([TASK_COLUMNS, *task_rows(plan)])


def tasks_markdown(plan: Plan) -> bytes:
    """The tasks as a Markdown document: the plan's title, then one table (no source column).

    >>> from wpclean.schemas import Plan
    >>> print(tasks_markdown(Plan(title="方案", input={"sha256": "0", "encoding": "utf-8", "bytes": 0},
    ...                           tool={"version": "0", "convert": "t2s"})).decode())
    # 方案
    <BLANKLINE>
    No tasks.
    <BLANKLINE>
    """
    lines = [f"# {_cell(display_title(plan))}", ""]
    rows = [row[1:] for row in task_rows(plan)]
    if not rows:
        lines += ["No tasks.", ""]
    else:
        lines.append("| " + " | ".join(TASK_COLUMNS[1:]) + " |")
        lines.append("|" + "---|" * (len(TASK_COLUMNS) - 1))
        lines += ["| " + " | ".join(_cell(value) for value in row) + " |" for row in rows]
        lines.append("")
    return "\n".join(lines).encode("utf-8")


def _cell(value: str) -> str:
    r"""A value safe in a Markdown table cell: | escaped, line breaks as spaces.

    >>> _cell("甲|乙\n丙")
    '甲\\|乙 丙'
    """
    return value.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def _csv_bytes(rows: Iterable[Iterable[str]]) -> bytes:
    """RFC 4180 CSV (CRLF line ends, quoted fields where needed), UTF-8."""
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode("utf-8")


TERMINAL_HEADERS = (
    "path",
    "item",
    "task",
    "lead",
    "partners",
    "responsible",
    "assessor",
    "deadline",
    "date",
    "targets",
)


def tasks_table(plan: Plan):  # -> rich.table.Table
    """The tasks as a rich Table for the terminal (``wpclean show --tasks``): the CSV's
    columns without the source, short headers, and only the columns some task fills."""
    from rich.table import Table

    rows = [row[1:] for row in task_rows(plan)]
    filled = [index for index in range(len(TERMINAL_HEADERS)) if index == 2 or any(row[index] for row in rows)]
    table = Table(title=display_title(plan), highlight=False, expand=True)
    for index in filled:
        table.add_column(TERMINAL_HEADERS[index], overflow="fold", ratio=3 if index == 2 else 1)
    for row in rows:
        table.add_row(*(row[index] for index in filled))
    return table
