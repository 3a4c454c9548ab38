"""``wpclean check DIR…``: check a corpus of sample pages, for CI.

Every input found (the batch runner's discovery rules, ``*.txt`` by default)
is processed and checked:

- with a golden plan beside it (``name.txt`` → ``name.json``): the produced
  plan must equal the golden, ``tool.version`` and ``input.path`` aside;
- always: the plan validates against the committed JSON Schema, no pinyin
  annotation and no traditional character is left, the lossless invariant
  holds, and with ``--strict`` the plan has no warnings.

``--update`` rewrites goldens that differ, after showing how; it refuses to
run when the ``CI`` environment variable is set, unless ``--force``.
"""

from __future__ import annotations

import os
import sys
from fnmatch import fnmatch
from pathlib import Path

import typer

from wpclean.check.core import Outcome, Settings, check_input, in_ci, needs_update, update_golden
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
from wpclean.fileio.discover import DEFAULT_GLOB, Discovered, discover
from wpclean.fileio.pipes import stderr_closing_quietly, stdout_closing_quietly


def check_command(
    paths: list[str] = typer.Argument(..., metavar="DIR", help="Folders (searched recursively) or files to check."),
    strict: bool = typer.Option(False, "--strict", help="Also fail on any warning in a plan."),
    update: bool = typer.Option(
        False, "--update", help="Rewrite goldens that differ, after showing how (refused when CI is set)."
    ),
    force: bool = typer.Option(
        False, "--force", help="With --update: update even when the CI environment variable is set."
    ),
    junit: str | None = typer.Option(
        None, "--junit", metavar="FILE", help="Write a JUnit XML report, one test case per input."
    ),
    report: str | None = typer.Option(
        None, "--report", metavar="FILE", help="Write a JSON report of every input and problem."
    ),
    glob: str = typer.Option(DEFAULT_GLOB, "--glob", metavar="PATTERN", help="Which files in folders are inputs."),
    convert: Convert = DEFAULTS["convert"],
    encoding: Encoding = DEFAULTS["encoding"],
    keep_punct: KeepPunct = DEFAULTS["keep_punct"],
    input_format: InputFormat = DEFAULTS["input_format"],
    max_bytes: MaxBytes = DEFAULTS["max_bytes"],
    decode_errors: DecodeErrors = DEFAULTS["decode_errors"],
) -> None:
    """Check sample pages against their golden plans and wpclean's invariants
    (with --convert none, the traditional-script check is skipped).

    Example:  wpclean check samples/ --junit check.xml
    """
    options = cleaning_options(
        "wpclean check",
        convert=convert,
        encoding=encoding,
        keep_punct=keep_punct,
        max_bytes=max_bytes,
        decode_errors=decode_errors,
        input_format=input_format,
    )
    settings = Settings(options, strict=strict, update=update)
    _check_usage(paths, update, force, [junit, report], glob)
    found = list(discover(paths, glob))
    if not found:
        raise fail(f"no inputs matching {glob} under {' '.join(paths)}; check the paths or --glob")
    try:
        outcomes = run_checks(found, settings)
    except KeyboardInterrupt:
        raise fail(
            "interrupted; goldens already rewritten are kept, no report written", exit_codes.INTERRUPTED
        ) from None
    _write_reports(outcomes, settings, junit, report)
    raise typer.Exit(exit_codes.exit_code(exit_codes.count_failures(outcome.ok for outcome in outcomes)))


def _check_usage(
    paths: list[str], update: bool, force: bool, report_files: list[str | None], glob: str = DEFAULT_GLOB
) -> None:
    for path in paths:
        if path == "-":
            raise fail("check reads files and folders, not standard input; give a path")
        if not Path(path).exists():
            raise fail(f"{path} does not exist; give a folder of sample pages")
        if Path(path).is_file() and is_golden_given(path, glob):
            page = Path(path).with_suffix(".txt")
            raise fail(f"{path} is a golden plan, not a page; give the page beside it ({page}) or its folder")
    if force and not update:
        raise fail("--force only goes with --update")
    if update and in_ci() and not force:
        raise fail(
            "--update refused: the CI environment variable is set; goldens are rewritten by people (add --force if you mean it)"
        )
    for target in filter(None, report_files):
        if not Path(target).resolve().parent.is_dir():
            raise fail(f"cannot write {target}: its folder does not exist; create it first")


def is_golden_given(path: str, glob: str = DEFAULT_GLOB) -> bool:
    """Whether ``path`` is a plan JSON (a golden) given where a page belongs:
    a ``.json`` file, unless ``--glob`` says JSON files are the inputs.

    >>> is_golden_given("pages/a.txt"), is_golden_given("pages/a.JSON"), is_golden_given("a.json", "*.json")
    (False, True, False)
    """
    name = Path(path).name
    return name.lower().endswith(".json") and not fnmatch(name, glob)


def run_checks(found: list[Discovered], settings: Settings) -> list[Outcome]:
    """Check every input, showing each failure (and each golden update) on stderr as it happens."""
    from wpclean.check import reports

    console = reports.stderr_console()
    outcomes = []
    for entry in found:
        outcome = check_input(entry, settings)
        if settings.update and needs_update(outcome):
            with stderr_closing_quietly():
                reports.show_outcome(console, outcome, heading="CHANGED")
            update_golden(outcome)
            with stderr_closing_quietly():
                reports.show_update(console, outcome)
        elif not outcome.ok:
            with stderr_closing_quietly():
                reports.show_outcome(console, outcome)
        outcomes.append(outcome)
    with stderr_closing_quietly():  # check … 2>&1 | head: the verdict (exit code) still counts every input
        reports.show_summary(console, outcomes)
    return outcomes


def _write_reports(outcomes: list[Outcome], settings: Settings, junit: str | None, report: str | None) -> None:
    from wpclean.check import reports
    from wpclean.fileio.writing import OutputError, write_atomic

    if os.environ.get("GITHUB_ACTIONS") == "true":
        with stdout_closing_quietly():
            sys.stdout.write(reports.github_annotations(outcomes))
            sys.stdout.flush()
    try:
        if junit is not None:
            write_atomic(Path(junit), reports.junit_xml(outcomes))
        if report is not None:
            write_atomic(Path(report), reports.json_report(outcomes, settings))
    except OutputError as error:
        raise fail(str(error), exit_codes.FAILED) from None
