"""Plans and change logs as bytes: JSON, JSON Lines, Markdown and CSV."""

from __future__ import annotations

import codecs
import gc
import json
from collections.abc import Iterable, Iterator

from pydantic import BaseModel
from pydantic_core import to_json

from wpclean.cleaner.changes import Change
from wpclean.render.plan_text import input_label, walk
from wpclean.schemas import Document, Item, Plan, Section, plan_data

FORMATS = ("json", "jsonl", "md", "csv", "tasks-csv", "tasks-md")

CSV_COLUMNS = (
    "source",  # the input's path, else its id
    "title",
    "section_path",  # section markers, outermost first: 三、 > （四）
    "section_headings",  # their headings, joined the same way
    "section_level",  # the innermost section's marker style rank (1-4)
    "item_marker",
    "item_number",
    "lead",
    "text",  # the item's text, or the section's intro on a section's own row
)
CSV_PATH_SEPARATOR = " > "


def validate_plan(plan: Plan) -> dict[str, object]:
    """Check a plan against its pydantic models before it is written: the
    parser builds plans without validation (:func:`~wpclean.schemas.trusted`),
    so this is where a plan that breaks the contract is caught.  The models'
    verdict, from their committed core schema (:func:`~wpclean.schemas.core_schema.plan_checker`).  Raises
    :class:`~wpclean.errors.InvalidPlanError` (an internal error for that input).

    The cyclic garbage collector is paused for the check alone: its output,
    a dict and lists for every node, thrown away at once, would otherwise set
    off a collection every 700 of them (a third of a large document's); the
    check is one call into pydantic-core that makes no reference cycle and
    runs no Python code, and the collector is left as it was found.

    >>> from wpclean.schemas import InputInfo, ToolInfo, trusted
    >>> bad = trusted(Plan, title=5, input=InputInfo(sha256="0", encoding="utf-8", bytes=0),
    ...               tool=ToolInfo(version="0", convert="t2s"))
    >>> validate_plan(bad)
    Traceback (most recent call last):
    wpclean.errors.InvalidPlanError: internal error: the plan fails its schema at title (...); please report it ...
    """
    from pydantic_core import ValidationError

    from wpclean.errors import InvalidPlanError

    data = plan_data(plan)
    try:
        check_plan_data(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(map(str, first["loc"]))
        raise InvalidPlanError(
            f"internal error: the plan fails its schema at {where} (...); please report it with this input"
        ) from None
    return data


def check_plan_data(data: object) -> None:
    """A plan's data (:func:`~wpclean.schemas.plan_data`) checked by the models' committed core schema
    (:func:`~wpclean.schemas.core_schema.plan_checker`), with the cyclic garbage collector paused
    (see :func:`validate_plan`) and left as it was found; raises pydantic's ``ValidationError``."""
    from wpclean.schemas.core_schema import plan_checker

    check = plan_checker()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        check(data)
    finally:
        if was_enabled:
            gc.enable()


def render_plan(plan: Plan, fmt: str = "json") -> bytes:
    """The plan in output format ``fmt`` (one of :data:`FORMATS`), as one
    self-contained document, once it validates (:func:`validate_plan`)."""
    try:
        render = _RENDERERS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}") from None
    data = validate_plan(plan)
    if fmt == "json":  # the validated data, written as it is
        return to_json(data, indent=2) + b"\n"
    if fmt == "jsonl":
        return to_json(data) + b"\n"
    return render(plan)


def render_parts(plan: Plan, fmt: str = "json") -> Iterator[bytes]:
    """:func:`render_plan`'s bytes in consecutive parts, made as they are
    written: a large plan's JSON is never whole in memory (see
    :func:`json_parts`; the other formats come in one part).  The plan is
    validated before the first part is made."""
    if fmt == "json":
        validate_plan(plan)
        return json_parts(plan)
    return iter((render_plan(plan, fmt),))


def plan_json(plan: Plan) -> bytes:
    """Indented UTF-8 JSON, characters as themselves (no \\u escapes):
    ``plan.model_dump_json(indent=2)``'s bytes, written by pydantic-core
    from plain data, so the models' serializer need not be built.  In one
    call: for a page, faster than :func:`json_parts`."""
    return to_json(plan_data(plan), indent=2) + b"\n"


def plan_jsonl(plan: Plan) -> bytes:
    """One plan on one line, for JSON Lines streams."""
    return to_json(plan_data(plan)) + b"\n"


def json_parts(plan: Plan) -> Iterator[bytes]:
    """:func:`plan_json`'s bytes a field, and a list's element, at a time.

    Each top-level field, and each element of a top-level list, is written by
    pydantic-core with two spaces of indentation and indented as deep as it
    stands (a JSON text has no raw line break inside a string), so the
    whole is what one call would give, without holding the whole JSON, and
    pydantic-core's working copy of it, at once.
    """
    fields = list(plan.__dict__.items())  # the fields, in order (see plan_data)
    yield b"{"
    for number, (name, value) in enumerate(fields):
        yield b"\n  " + to_json(name) + b": "
        if isinstance(value, list) and value:
            yield from _json_list(value)
        else:
            yield _indented(to_json(_plain(value), indent=2), b"\n  ")
        if number < len(fields) - 1:
            yield b","
    yield b"\n}\n"


def _json_list(elements: list[object]) -> Iterator[bytes]:
    yield b"["
    for number, element in enumerate(elements):
        yield b"\n    " + _indented(to_json(_plain(element), indent=2), b"\n    ")
        if number < len(elements) - 1:
            yield b","
    yield b"\n  ]"


def _plain(value: object) -> object:
    return plan_data(value) if isinstance(value, BaseModel) else value


def _indented(data: bytes, newline: bytes) -> bytes:
    return data.replace(b"\n", newline) if b"\n" in data else data


def plan_markdown(plan: Plan) -> bytes:
    """A Markdown document (see :mod:`wpclean.render.markdown`), UTF-8."""
    from wpclean.render.markdown import markdown_document

    return markdown_document(plan).encode("utf-8")


def plan_csv(plan: Plan) -> bytes:
    """A whole CSV file: byte-order mark, header row, one row per item (see :func:`csv_rows`)."""
    return csv_header() + csv_rows(plan)


def csv_header() -> bytes:
    """The start of a CSV file: a UTF-8 byte-order mark (so spreadsheets read Chinese) and the header row."""
    return codecs.BOM_UTF8 + _csv_bytes([CSV_COLUMNS])  # spreadsheet programs read the BOM as "UTF-8"


def csv_rows(plan: Plan) -> bytes:
    """The plan's rows without a header, to append to a file started with :func:`csv_header`.

    One row per item, and one for each section that has no items or has an
    intro (its intro in ``text``), so no section and no intro is left out.
    Items before any section have an empty section path.
    """
    return _csv_bytes(plan_rows(plan))


def plan_rows(plan: Plan) -> Iterator[tuple[str, ...]]:
    """The rows of the plan's main document, then of each attachment (its sections' paths start anew)."""
    yield from _document_rows(plan, plan)


def _document_rows(plan: Plan, document: Plan | Document) -> Iterator[tuple[str, ...]]:
    for item in document.items:
        yield _row(plan, (), item)
    for placed in walk(document.sections):
        section = placed.section
        if section.intro.strip() or not section.items:
            yield _row(plan, placed.chain, None)
        for item in section.items:
            yield _row(plan, placed.chain, item)
    for attachment in document.attachments:
        yield from _document_rows(plan, attachment)


def _row(plan: Plan, chain: tuple[Section, ...], item: Item | None) -> tuple[str, ...]:
    sections = (
        CSV_PATH_SEPARATOR.join(section.marker for section in chain),
        CSV_PATH_SEPARATOR.join(section.heading for section in chain),
        str(chain[-1].level) if chain else "",
    )
    if item is None:
        entry = ("", "", "", chain[-1].intro)
    else:
        entry = (item.marker, str(item.number), item.lead, item.text)
    return (input_label(plan), plan.title or "", *sections, *entry)


def _csv_bytes(rows: Iterable[Iterable[str]]) -> bytes:
    """RFC 4180 CSV (CRLF line ends, quoted fields where needed), UTF-8."""
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode("utf-8")


def changes_jsonl(changes: tuple[Change, ...], path: str | None = None) -> str:
    """The change log: one JSON object per change."""
    lines = []
    for change in changes:
        record = change.as_dict()
        if path is not None:
            record["path"] = path
        lines.append(json.dumps(record, ensure_ascii=False))
    return "".join(line + "\n" for line in lines)


def plan_tasks_csv(plan: Plan) -> bytes:
    """The plan's tasks, one row each (see :mod:`wpclean.render.tasks`), as a CSV file."""
    from wpclean.render.tasks import tasks_csv

    return tasks_csv(plan)


def plan_tasks_markdown(plan: Plan) -> bytes:
    """The plan's tasks as a Markdown table (see :mod:`wpclean.render.tasks`)."""
    from wpclean.render.tasks import tasks_markdown

    return tasks_markdown(plan)


_RENDERERS = {
    "json": plan_json,
    "jsonl": plan_jsonl,
    "md": plan_markdown,
    "csv": plan_csv,
    "tasks-csv": plan_tasks_csv,
    "tasks-md": plan_tasks_markdown,
}


class StreamFormat:
    """How plans of one format are joined into one combined stream (a batch
    written to standard output or to one file): what goes first, and what each
    plan adds.  JSON Lines: one line per plan; CSV: one header, then every
    plan's rows; Markdown: the documents separated by a horizontal rule."""

    def __init__(self, fmt: str) -> None:
        self.fmt = fmt
        self._started = False

    def header(self) -> bytes:
        return csv_header() if self.fmt == "csv" else b""

    def item(self, rendered: bytes) -> bytes:
        """One plan's rendering (as :func:`render_plan` made it) for the stream."""
        first, self._started = not self._started, True
        if self.fmt == "csv":
            return rendered[len(csv_header()) :]
        if self.fmt == "md" and not first:
            return b"\n---\n\n" + rendered
        return rendered


STREAMED_ALWAYS = ("jsonl",)
STREAMABLE = ("jsonl", "csv", "md")
