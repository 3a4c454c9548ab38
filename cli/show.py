"""``wpclean show INPUT|PLAN.json``: a plan as a tree in the terminal.

A ``.json`` file (or JSON on standard input) must be a plan written by
wpclean and is shown as it is; anything else is a page, cleaned and parsed
first.  The tree is the command's result, so it goes to stdout, without
colour when stdout is not a terminal or ``NO_COLOR`` is set.
"""

from __future__ import annotations

import codecs
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from wpclean.cli import exit_codes
from wpclean.cli.exit_codes import fail
from wpclean.cli.options import (
    DEFAULTS,
    Convert,
    DecodeErrors,
    Encoding,
    InputFormat,
    KeepPunct,
    MaxBytes,
    cleaning_options,
)
from wpclean.errors import WpcleanError
from wpclean.fileio.pipes import pipe_safe_console, stdout_closing_quietly
from wpclean.fileio.reading import STDIO, read_input
from wpclean.options import Options
from wpclean.render.plan_text import METADATA_SEPARATOR, display_title, metadata, paragraphs, walk
from wpclean.render.tasks import tasks_table
from wpclean.schemas import Document, Item, Plan, Section

if TYPE_CHECKING:
    from rich.text import Text
    from rich.tree import Tree

STYLES = {
    "title": "bold",
    "metadata": "cyan",
    "summary": "dim",
    "section_marker": "bold magenta",
    "heading": "bold",
    "item_marker": "green",
    "prose": "dim",
    "warning": "bold yellow",
}
WARNING_SIGN = "⚠"
TREE_GUIDE = 4  # cells rich's tree indents each level by
MIN_TEXT_WIDTH = 8
NO_LINE_START = frozenset(
    "。，、；：？！）」』】〕》〉”’…%·.,;:?!)]}"
)  # marks that close a phrase: never first on a line
JSON_LINES_SUFFIXES = (".jsonl", ".ndjson")
CSV_HEADER = b"source,title,section_path,"  # how wpclean's CSV starts
_KINDS = {list: "a list", str: "a string", int: "a number", float: "a number", bool: "true or false"}


def show_command(
    source: str = typer.Argument(
        ...,
        metavar="INPUT|PLAN.json",
        help="A page's text file, a plan JSON written by wpclean, a URL of either (s3://…, file://…), or - for standard input.",
    ),
    full: bool = typer.Option(
        False,
        "--full",
        help=(
            "Show items' full text, the title matter (令 header, subtitles, 题注, byline), the addressees, "
            "the preamble, section intros and the closing, not only the outline."
        ),
    ),
    tasks: bool = typer.Option(
        False, "--tasks", help="Show the plan's tasks as a table: who does what, by when, how much."
    ),
    convert: Convert = DEFAULTS["convert"],
    encoding: Encoding = DEFAULTS["encoding"],
    keep_punct: KeepPunct = DEFAULTS["keep_punct"],
    input_format: InputFormat = DEFAULTS["input_format"],
    max_bytes: MaxBytes = DEFAULTS["max_bytes"],
    decode_errors: DecodeErrors = DEFAULTS["decode_errors"],
) -> None:
    """Show a plan as a tree: title, source and date, sections, items and warnings.

    Example:  wpclean show page.txt --full
    """
    options = cleaning_options(
        "wpclean show",
        convert=convert,
        encoding=encoding,
        keep_punct=keep_punct,
        max_bytes=max_bytes,
        decode_errors=decode_errors,
        input_format=input_format,
    )
    plan = load_plan(source, options)
    console = stdout_console()
    print_tree(tasks_table(plan) if tasks else plan_tree(plan, full=full, width=console.width), console)


def load_plan(source: str, options: Options = Options()) -> Plan:
    """The plan in ``source``: read from a plan JSON, or made from a page."""
    data = _read(source, options.max_bytes)
    other = other_format(source, data)
    if other is not None:
        raise fail(f"{source} {other}", exit_codes.FAILED)
    if is_plan_json(source, data):
        return parse_plan(source, data)
    return _process_page(source, data, options)


def other_format(source: str, data: bytes) -> str | None:
    """Why ``data`` is neither a page nor one plan, when it is a batch's output
    that show cannot take: JSON Lines (several plans) or CSV (a table of items).

    >>> other_format("all.jsonl", b"")
    'holds JSON Lines (one plan per line); show takes one plan: e.g. head -1 all.jsonl | wpclean show -'
    >>> other_format("-", b'{"title": "a"}\\n{"title": "b"}\\n')[:16], other_format("items.CSV", b"")[:6]
    ('holds JSON Lines', 'is CSV')
    >>> other_format("page.txt", "一、总体要求".encode()), other_format("p.json", b'{"a": 1}')
    (None, None)
    """
    suffix = Path(source).suffix.lower() if source != STDIO else ""
    text = data.removeprefix(codecs.BOM_UTF8)
    if suffix in JSON_LINES_SUFFIXES or _looks_like_json_lines(text):
        name = source if source != STDIO else "FILE"
        return f"holds JSON Lines (one plan per line); show takes one plan: e.g. head -1 {name} | wpclean show -"
    if suffix == ".csv" or text.startswith(CSV_HEADER):
        return "is CSV (a table of items, as --format csv writes); show takes a page's text or one plan's JSON"
    return None


def _looks_like_json_lines(text: bytes) -> bool:
    """Two or more lines, each a JSON object: the first line parses alone and the next starts with ``{``."""
    if not text.lstrip().startswith(b"{"):
        return False
    first, _, rest = text.lstrip().partition(b"\n")
    if not rest.strip().startswith(b"{"):
        return False
    try:
        return isinstance(json.loads(first), dict)
    except ValueError:
        return False


def is_plan_json(source: str, data: bytes) -> bool:
    """A ``.json`` path, or standard input that starts like a JSON object.

    >>> is_plan_json("plan.JSON", b""), is_plan_json("-", b' {"title": ""}'), is_plan_json("page.txt", b"{")
    (True, True, False)
    """
    if source == STDIO:
        return data.removeprefix(codecs.BOM_UTF8).lstrip().startswith(b"{")
    return source.lower().endswith(".json")


def parse_plan(source: str, data: bytes) -> Plan:
    from pydantic import ValidationError

    try:
        return Plan.model_validate_json(data.removeprefix(codecs.BOM_UTF8))
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "document"
        detail = _not_a_plan(data) or f"{where}: {first['msg']}"
        message = f"{source} is not a wpclean plan ({detail}); pass the page itself, or a plan written by wpclean"
        raise fail(message, exit_codes.FAILED) from None


def _not_a_plan(data: bytes) -> str | None:
    """What valid JSON that is no plan at all is, in a few words (None: invalid JSON, or a plan with a flaw).

    >>> _not_a_plan(b"[1, 2]"), _not_a_plan(b'{"a": 1}')
    ('JSON, but a list, not an object', 'JSON, but with no "sections" or "input"')
    >>> _not_a_plan(b'{"title": 1, "sections": []}'), _not_a_plan(b"{")
    (None, None)
    """
    try:
        value = json.loads(data.removeprefix(codecs.BOM_UTF8))
    except ValueError:
        return None
    if not isinstance(value, dict):
        return f"JSON, but {_KINDS.get(type(value), 'a value')}, not an object"
    if "sections" not in value and "input" not in value:
        return 'JSON, but with no "sections" or "input"'
    return None


def _read(source: str, max_bytes: int) -> bytes:
    from wpclean.fileio.remote import is_url

    if source != STDIO and not is_url(source):
        if not Path(source).exists():
            raise fail(f"input {source} does not exist; check the path", exit_codes.USAGE)
        if Path(source).is_dir():
            raise fail(f"input {source} is a folder; pass one page or plan file", exit_codes.USAGE)
    try:
        return read_input(source, max_bytes)
    except WpcleanError as error:
        raise fail(f"{source}: {error}", exit_codes.FAILED) from None
    except OSError as error:
        raise fail(
            f"cannot read {source}: {error.strerror or error}; check the path (or URL) and your access to it",
            exit_codes.FAILED,
        ) from None


def _process_page(source: str, data: bytes, options: Options) -> Plan:
    from wpclean import process_bytes

    try:
        return process_bytes(data, options, path=None if source == STDIO else source).plan
    except WpcleanError as error:
        raise fail(f"{source}: {error}", exit_codes.FAILED) from None


def plan_tree(plan: Plan, *, full: bool = False, width: int | None = None) -> Tree:
    """The plan as a rich Tree: a header, then warnings, then sections and items in order.
    With the screen's ``width``, text is wrapped so no line starts with 。，、 or
    another mark that closes a phrase (:func:`wrap_text`)."""
    from rich.console import Group
    from rich.tree import Tree

    tree = Tree(Group(*_header(plan, full)), guide_style="dim")
    for warning in plan.warnings:
        tree.add(_styled((f"{WARNING_SIGN} {warning.code}: {warning.message} ({warning.where})", "warning")))
    _add_document(tree, plan, "", warning_codes_by_place(plan), full, _Layout(width), 0)
    return tree


def _add_document(
    tree: Tree, document: Plan | Document, prefix: str, warned: dict[str, str], full: bool, layout: _Layout, depth: int
) -> None:
    """A document's outline under ``tree`` (at ``depth`` in the whole tree), then
    each attachment's under a node of its own."""
    from rich.console import Group

    if full:
        if document.addressees:  # 主送机关, with the colon the page wrote after it
            _add_prose(tree, f"{document.addressees}：", layout.at(depth + 1))
        _add_prose(tree, document.preamble, layout.at(depth + 1))
    _add_items(tree, document.items, prefix + "items", warned, full, layout.at(depth + 1))
    branches: dict[str, Tree] = {}
    for placed in walk(document.sections, (), prefix):
        parent = branches.get(placed.where.rpartition(".")[0], tree)
        branch = parent.add(_section_label(placed.section, warned.get(placed.where)))
        branches[placed.where] = branch
        if full:
            _add_prose(branch, placed.section.intro, layout.at(depth + placed.depth + 1))
        _add_items(
            branch, placed.section.items, placed.where + ".items", warned, full, layout.at(depth + placed.depth + 1)
        )
    if full:
        _add_prose(tree, document.closing, layout.at(depth + 1))
    for index, attachment in enumerate(document.attachments):
        title = " ".join(filter(None, (attachment.label, attachment.title))) or f"attachment {index + 1}"
        node = tree.add(Group(_styled((title, "title")), *(_title_matter(attachment) if full else ())))
        _add_document(node, attachment, f"{prefix}attachments[{index}].", warned, full, layout, depth + 1)


class _Layout:
    """The columns left for a label at a depth of the tree (rich indents each level by a guide of 4)."""

    def __init__(self, width: int | None) -> None:
        self.width = width

    def at(self, depth: int) -> int | None:
        return None if self.width is None else max(self.width - TREE_GUIDE * depth, MIN_TEXT_WIDTH)


def wrap_text(text: str, first: int, rest: int) -> str:
    """``text`` broken into lines of at most ``first`` cells (the first line)
    and ``rest`` (the others), never so that a line starts with a mark that
    closes a phrase: the character before it moves down with it, as Chinese
    typesetting has it.  Existing line breaks are kept.

    >>> print(wrap_text("一二三四。五六", 8, 8))
    一二三
    四。五六
    >>> wrap_text("一二三", 8, 8), wrap_text("ab", 1, 1)
    ('一二三', 'a\\nb')
    """
    from rich.cells import cell_len

    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, limit = "", first if not lines else rest
        for char in paragraph:
            if line and cell_len(line) + cell_len(char) > limit:
                keep = len(line)
                while keep > 1 and (line[keep : keep + 1] or char) in NO_LINE_START:
                    keep -= 1
                lines.append(line[:keep])
                line, limit = line[keep:], rest
            line += char
        lines.append(line)
    return "\n".join(lines)


def warning_codes_by_place(plan: Plan) -> dict[str, str]:
    """Each warned place (Warning.where) with its warnings' codes, comma-separated."""
    places: dict[str, list[str]] = {}
    for warning in plan.warnings:
        places.setdefault(warning.where, []).append(warning.code)
    return {where: ", ".join(codes) for where, codes in places.items()}


def _header(plan: Plan, full: bool = False) -> list[Text]:
    """The title (with ``full``: the 令 header above it, the subtitles, 题注 and
    byline under it), the metadata line and the counts."""
    lines = [_styled((display_title(plan), "title"))]
    if full:
        lines = [*([_styled((plan.order, "metadata"))] if plan.order else []), *lines, *_title_matter(plan)]
    details = METADATA_SEPARATOR.join(f"{label}：{value}" for label, value in metadata(plan))
    if details:
        lines.append(_styled((details, "metadata")))
    lines.append(_styled((_summary(plan), "summary")))
    return lines


def _title_matter(document: Plan | Document) -> list[Text]:
    """What stands under a document's title: its subtitles, its 题注 and its byline."""
    lines = [_styled((subtitle, "title")) for subtitle in document.subtitles]
    if document.title_note:  # as written, brackets and all
        lines.append(_styled((document.title_note, "metadata")))
    if document.byline:
        lines.append(_styled((document.byline, "metadata")))
    return lines


def _summary(plan: Plan) -> str:
    """Counts at a glance, e.g. '9 sections · 34 items · no warnings'."""
    return plan_counts(plan, " · ")


def plan_counts(plan: Plan, separator: str) -> str:
    """A plan's sections (nested ones too), items and warnings, e.g. '9 sections, 34 items, 1 warning'."""
    sections = list(walk(plan.sections))
    items = len(plan.items) + sum(len(placed.section.items) for placed in sections)
    warnings = f"{len(plan.warnings)} warning{'s' * (len(plan.warnings) != 1)}" if plan.warnings else "no warnings"
    counts = (f"{len(sections)} section{'s' * (len(sections) != 1)}", f"{items} item{'s' * (items != 1)}", warnings)
    return separator.join(counts)


def _section_label(section: Section, warning: str | None) -> Text:
    parts = [(section.marker, "section_marker"), (section.heading, "heading")]
    if section.kind == "clause":  # a 款 has no marker of its own: name it by its number
        parts = [(f"第{section.number}款", "section_marker")]
    return _styled(*parts, *_warning_mark(warning))


def _add_items(
    branch: Tree, items: list[Item], where: str, warned: dict[str, str], full: bool, width: int | None
) -> None:
    from rich.cells import cell_len

    for index, item in enumerate(items):
        body = "\n".join(paragraphs(item.text)) if full else item.lead or item.text
        if width is not None:
            body = wrap_text(body, max(width - cell_len(item.marker), MIN_TEXT_WIDTH), width)
        branch.add(_styled((item.marker, "item_marker"), (body, ""), *_warning_mark(warned.get(f"{where}[{index}]"))))


def _add_prose(branch: Tree, text: str, width: int | None) -> None:
    for paragraph in paragraphs(text):
        branch.add(_styled((paragraph if width is None else wrap_text(paragraph, width, width), "prose")))


def _warning_mark(code: str | None) -> list[tuple[str, str]]:
    return [(f"  {WARNING_SIGN} {code}", "warning")] if code else []


def _styled(*parts: tuple[str, str]) -> Text:
    """Plain text in named styles (never parsed as rich markup, so [brackets] stay)."""
    from rich.text import Text

    return Text.assemble(*((text, STYLES.get(name, "")) for text, name in parts))


def stdout_console():  # -> rich.console.Console
    """Rich on stdout; no colour unless stdout is a terminal (rich also honours NO_COLOR)."""
    terminal = None if sys.stdout.isatty() else False
    return pipe_safe_console(file=sys.stdout, force_terminal=terminal, highlight=False, emoji=False)


def print_tree(tree: Tree, console=None) -> None:  # console: rich.console.Console
    """Print to ``console`` (by default :func:`stdout_console`)."""
    with stdout_closing_quietly():  # wpclean show page.txt | head: the reader has seen enough
        (console or stdout_console()).print(tree)
        sys.stdout.flush()
