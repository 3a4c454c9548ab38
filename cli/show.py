"""``wpclean show INPUT|PLAN.json``: a plan as a tree in the terminal.

A ``.json`` file (or JSON on standard input) must be a plan written by
wpclean and is shown as it is; anything else is a page, cleaned and parsed
first.  The tree is the command's result, so it goes to stdout, without
colour when stdout is not a terminal or ``NO_COLOR`` is set.
"""

from __future__ import annotations

import codecs
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from wpclean.errors import WpcleanError
from wpclean.cli import exit_codes
from wpclean.cli.exit_codes import fail
from wpclean.cli.options import DEFAULTS, Convert, Encoding, KeepPunct, MaxBytes, cleaning_options
from wpclean.fileio.reading import STDIO, read_input
from wpclean.options import Options
from wpclean.render.plan_text import METADATA_SEPARATOR, display_title, metadata, paragraphs, walk
from wpclean.render.tasks import tasks_table
from wpclean.schemas import Item, Plan, Section

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


def show_command(
    source: str = typer.Argument(..., metavar="INPUT|PLAN.json", help="A page's text file, a plan JSON written by wpclean, a URL of either (s3://…, file://…), or - for standard input."),
    full: bool = typer.Option(False, "--full", help="Show items' full text, the preamble, section intros and the closing, not only the outline."),
    tasks: bool = typer.Option(False, "--tasks", help="Show the plan's tasks as a table: who does what, by when, how much."),
    convert: Convert = DEFAULTS["convert"],
    encoding: Encoding = DEFAULTS["encoding"],
    keep_punct: KeepPunct = DEFAULTS["keep_punct"],
    max_bytes: MaxBytes = DEFAULTS["max_bytes"],
) -> None:
    """Show a plan as a tree: title, source and date, sections, items and warnings.

    Example:  wpclean show page.txt --full
    """
    options = cleaning_options("wpclean show", convert=convert, encoding=encoding, keep_punct=keep_punct, max_bytes=max_bytes)
    plan = load_plan(source, options)
    print_tree(tasks_table(plan) if tasks else plan_tree(plan, full=full))


def load_plan(source: str, options: Options = Options()) -> Plan:
    """The plan in ``source``: read from a plan JSON, or made from a page."""
    data = _read(source, options.max_bytes)
    if is_plan_json(source, data):
        return parse_plan(source, data)
    return _process_page(source, data, options)


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
        message = f"{source} is not a wpclean plan ({where}: {first['msg']}); pass the page itself, or a plan written by wpclean"
        raise fail(message, exit_codes.FAILED) from None


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
        raise fail(f"cannot read {source}: {error.strerror or error}; check the path (or URL) and your access to it", exit_codes.FAILED) from None


def _process_page(source: str, data: bytes, options: Options) -> Plan:
    from wpclean import process_bytes

    try:
        return process_bytes(data, options, path=None if source == STDIO else source).plan
    except WpcleanError as error:
        raise fail(f"{source}: {error}", exit_codes.FAILED) from None


def plan_tree(plan: Plan, *, full: bool = False) -> Tree:
    """The plan as a rich Tree: a header, then warnings, then sections and items in order."""
    from rich.console import Group
    from rich.tree import Tree

    tree = Tree(Group(*_header(plan)), guide_style="dim")
    for warning in plan.warnings:
        tree.add(_styled((f"{WARNING_SIGN} {warning.code}: {warning.message} ({warning.where})", "warning")))
    if full:
        _add_prose(tree, plan.preamble)
    warned = warning_codes_by_place(plan)
    _add_items(tree, plan.items, "items", warned, full)
    branches: dict[str, Tree] = {}
    for placed in walk(plan.sections):
        parent = branches.get(placed.where.rpartition(".")[0], tree)
        branch = parent.add(_section_label(placed.section, warned.get(placed.where)))
        branches[placed.where] = branch
        if full:
            _add_prose(branch, placed.section.intro)
        _add_items(branch, placed.section.items, placed.where + ".items", warned, full)
    if full:
        _add_prose(tree, plan.closing)
    return tree


def warning_codes_by_place(plan: Plan) -> dict[str, str]:
    """Each warned place (Warning.where) with its warnings' codes, comma-separated."""
    places: dict[str, list[str]] = {}
    for warning in plan.warnings:
        places.setdefault(warning.where, []).append(warning.code)
    return {where: ", ".join(codes) for where, codes in places.items()}


def _header(plan: Plan) -> list[Text]:
    lines = [_styled((display_title(plan), "title"))]
    details = METADATA_SEPARATOR.join(f"{label}：{value}" for label, value in metadata(plan))
    if details:
        lines.append(_styled((details, "metadata")))
    lines.append(_styled((_summary(plan), "summary")))
    return lines


def _summary(plan: Plan) -> str:
    """Counts at a glance, e.g. '9 sections · 34 items · no warnings'."""
    sections = list(walk(plan.sections))
    items = len(plan.items) + sum(len(placed.section.items) for placed in sections)
    warnings = f"{len(plan.warnings)} warning{'s' * (len(plan.warnings) != 1)}" if plan.warnings else "no warnings"
    return f"{len(sections)} section{'s' * (len(sections) != 1)} · {items} item{'s' * (items != 1)} · {warnings}"


def _section_label(section: Section, warning: str | None) -> Text:
    parts = [(section.marker, "section_marker"), (section.heading, "heading")]
    return _styled(*parts, *_warning_mark(warning))


def _add_items(branch: Tree, items: list[Item], where: str, warned: dict[str, str], full: bool) -> None:
    for index, item in enumerate(items):
        body = "\n".join(paragraphs(item.text)) if full else item.lead or item.text
        branch.add(_styled((item.marker, "item_marker"), (body, ""), *_warning_mark(warned.get(f"{where}[{index}]"))))


def _add_prose(branch: Tree, text: str) -> None:
    for paragraph in paragraphs(text):
        branch.add(_styled((paragraph, "prose")))


def _warning_mark(code: str | None) -> list[tuple[str, str]]:
    return [(f"  {WARNING_SIGN} {code}", "warning")] if code else []


def _styled(*parts: tuple[str, str]) -> Text:
    """Plain text in named styles (never parsed as rich markup, so [brackets] stay)."""
    from rich.text import Text

    return Text.assemble(*((text, STYLES.get(name, "")) for text, name in parts))


def print_tree(tree: Tree) -> None:
    """Print to stdout; no colour unless stdout is a terminal (rich also honours NO_COLOR)."""
    from rich.console import Console

    terminal = None if sys.stdout.isatty() else False
    Console(file=sys.stdout, force_terminal=terminal, highlight=False, emoji=False).print(tree)
