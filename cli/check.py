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

import json
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from wpclean.options import CONVERT_CONFIGS, Options
from wpclean.cli import exit_codes
from wpclean.cli.exit_codes import fail
from wpclean.check.diffing import Difference, json_diff, without_volatile
from wpclean.batch.discover import DEFAULT_GLOB, Discovered, discover

if TYPE_CHECKING:
    from wpclean import Result
    from wpclean.schemas import Plan

# Names of the checks, as they appear in reports.
INPUT, GOLDEN, SCHEMA, PINYIN, TRADITIONAL, LOSSLESS, WARNING = (
    "input", "golden", "schema", "pinyin", "traditional", "lossless", "warning",
)  # fmt: skip
_NOT_CI = {"", "0", "false", "no"}


@dataclass(frozen=True, slots=True)
class Settings:
    """How to check: the pipeline options and check's own switches."""

    options: Options = Options()
    strict: bool = False
    update: bool = False


@dataclass(frozen=True, slots=True)
class Problem:
    """One failed check: which check, where in the plan (a JSON path, may be empty), what."""

    check: str
    where: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"check": self.check, "where": self.where, "message": self.message}


@dataclass(slots=True)
class Outcome:
    """What checking one input found."""

    path: str
    golden: str | None = None
    problems: list[Problem] = field(default_factory=list)
    differences: list[Difference] = field(default_factory=list)
    produced: bytes | None = None  # the plan as written to a golden
    updated: bool = False
    seconds: float = 0.0

    @property
    def status(self) -> str:
        """``passed``, ``updated``, ``failed`` (a check failed) or ``error`` (the input could not be processed)."""
        if any(problem.check == INPUT for problem in self.problems):
            return "error"
        if self.problems:
            return "failed"
        return "updated" if self.updated else "passed"

    @property
    def ok(self) -> bool:
        return self.status in ("passed", "updated")


def golden_path(input_path: str) -> Path:
    """The golden plan beside an input: same name, ``.json``.

    >>> golden_path("samples/corpus/02-cangzhou.txt").as_posix()
    'samples/corpus/02-cangzhou.json'
    """
    return Path(input_path).with_suffix(".json")


def check_input(found: Discovered, settings: Settings) -> Outcome:
    """Process one input and run every check on its plan (nothing is written here)."""
    started = time.perf_counter()
    outcome = _check(found, settings)
    outcome.seconds = time.perf_counter() - started
    return outcome


def _check(found: Discovered, settings: Settings) -> Outcome:
    from wpclean.render.formats import plan_json

    outcome = Outcome(found.path)
    result = _process(found, settings.options)
    if isinstance(result, Problem):
        outcome.problems.append(result)
        return outcome
    outcome.produced = plan_json(result.plan)
    produced = json.loads(outcome.produced)
    outcome.problems += invariant_problems(result, produced, settings)
    golden = golden_path(found.path)
    if golden.exists():
        outcome.golden = str(golden)
        outcome.differences, problem = compare_with_golden(golden, produced)
        outcome.problems += [problem] if problem else []
    return outcome


def _process(found: Discovered, options: Options) -> Result | Problem:
    """The input's processing result, or the problem that prevented it."""
    from wpclean.errors import WpcleanError
    from wpclean import process_bytes

    if found.problem is not None:
        return Problem(INPUT, "", f"{found.problem}; move it out of the corpus")
    try:
        data = Path(found.path).read_bytes()
    except OSError as error:
        return Problem(INPUT, "", f"cannot read it: {error.strerror}; check its permissions")
    try:
        return process_bytes(data, options, path=found.path)
    except WpcleanError as error:
        return Problem(INPUT, "", str(error))


def invariant_problems(result: Result, produced: dict, settings: Settings) -> list[Problem]:
    """The checks that need no golden: schema, pinyin, traditional script, lossless, (strict) warnings."""
    from wpclean.cli.schema_cmd import schema_errors
    from wpclean.check.invariants import first_difference

    problems = [Problem(SCHEMA, where, f"does not match the plan schema: {message}") for where, message in schema_errors(produced)]
    problems += leftover_problems(result.plan, settings.options.convert)
    broken = first_difference(result.plan, result.body)
    if broken is not None:
        problems.append(Problem(LOSSLESS, "", f"the plan does not hold the cleaned body, {broken}"))
    if settings.strict:
        problems += [Problem(WARNING, w.where, f"warning {w.code}: {w.message} (--strict)") for w in result.plan.warnings]
    return problems


def leftover_problems(plan: Plan, convert: str) -> list[Problem]:
    """Pinyin annotations and (unless ``convert`` is none) traditional characters left in the plan."""
    from wpclean.check.invariants import pinyin_left, traditional_left

    problems = [Problem(PINYIN, left.where, f"pinyin annotation left: {left.found} (should be {left.fixed})") for left in pinyin_left(plan)]
    if convert != "none":
        problems += [
            Problem(TRADITIONAL, left.where, f"traditional characters left ({convert} changes {left.found} to {left.fixed})")
            for left in traditional_left(plan, convert)
        ]  # fmt: skip
    return problems


def compare_with_golden(golden: Path, produced: dict) -> tuple[list[Difference], Problem | None]:
    """Differences between the golden and the produced plan, and the problem they make (if any)."""
    try:
        expected = json.loads(golden.read_text(encoding="utf-8"))
    except OSError as error:
        return [], Problem(GOLDEN, "", f"cannot read {golden}: {error.strerror}; check its permissions")
    except ValueError as error:  # not UTF-8, or not JSON
        return [], Problem(GOLDEN, "", f"{golden} is not valid JSON ({error}); fix it or rewrite it with --update")
    differences = json_diff(without_volatile(expected), without_volatile(produced))
    if not differences:
        return [], None
    count = f"{len(differences)} place{'s' if len(differences) != 1 else ''}"
    return differences, Problem(GOLDEN, differences[0].path, f"the plan differs from {golden} in {count}, first at {differences[0].path or 'the top'}")


def needs_update(outcome: Outcome) -> bool:
    """The golden should be rewritten: it differs or is unreadable, and every other check passed."""
    golden_problems = [problem for problem in outcome.problems if problem.check == GOLDEN]
    other_problems = [problem for problem in outcome.problems if problem.check != GOLDEN]
    return bool(golden_problems) and not other_problems and outcome.produced is not None


def update_golden(outcome: Outcome) -> None:
    """Write the produced plan over the golden, atomically; the outcome records the result."""
    from wpclean.fileio.files import OutputError, write_atomic

    assert outcome.golden is not None and outcome.produced is not None
    try:
        write_atomic(Path(outcome.golden), outcome.produced)
    except OutputError as error:
        outcome.problems.append(Problem(GOLDEN, "", str(error)))
        return
    outcome.problems = [problem for problem in outcome.problems if problem.check != GOLDEN]
    outcome.updated = True


def in_ci(environ: dict[str, str] | os._Environ[str] = os.environ) -> bool:
    """True when the ``CI`` environment variable is set (to anything but empty, 0, false or no).

    >>> in_ci({"CI": "true"}), in_ci({"CI": "false"}), in_ci({})
    (True, False, False)
    """
    return environ.get("CI", "").strip().lower() not in _NOT_CI



def check_command(
    paths: list[str] = typer.Argument(..., metavar="DIR", help="Folders (searched recursively) or files to check."),
    strict: bool = typer.Option(False, "--strict", help="Also fail on any warning in a plan."),
    update: bool = typer.Option(False, "--update", help="Rewrite goldens that differ, after showing how (refused when CI is set)."),
    force: bool = typer.Option(False, "--force", help="With --update: update even when the CI environment variable is set."),
    junit: str | None = typer.Option(None, "--junit", metavar="FILE", help="Write a JUnit XML report, one test case per input."),
    report: str | None = typer.Option(None, "--report", metavar="FILE", help="Write a JSON report of every input and problem."),
    glob: str = typer.Option(DEFAULT_GLOB, "--glob", metavar="PATTERN", help="Which files in folders are inputs."),
    convert: str = typer.Option("t2s", "--convert", metavar="NAME", help=f"OpenCC conversion: {'|'.join(CONVERT_CONFIGS)} (none skips the traditional check)."),
    keep_punct: bool = typer.Option(False, "--keep-punct", help="Keep ASCII punctuation as it is."),
) -> None:
    """Check sample pages against their golden plans and wpclean's invariants.

    Example:  wpclean check samples/ --junit check.xml
    """
    settings = Settings(_options(convert, keep_punct), strict=strict, update=update)
    _check_usage(paths, update, force, [junit, report])
    found = list(discover(paths, glob))
    if not found:
        raise fail(f"no inputs matching {glob} under {' '.join(paths)}; check the paths or --glob")
    try:
        outcomes = run_checks(found, settings)
    except KeyboardInterrupt:
        raise fail("interrupted; goldens already rewritten are kept, no report written", exit_codes.INTERRUPTED) from None
    _write_reports(outcomes, settings, junit, report)
    raise typer.Exit(exit_codes.exit_code(exit_codes.count_failures(outcome.ok for outcome in outcomes)))


def _options(convert: str, keep_punct: bool) -> Options:
    try:
        return Options(convert=convert, keep_punct=keep_punct)  # type: ignore[arg-type]
    except ValueError as error:
        raise fail(f"{error}; see wpclean check --help") from None


def _check_usage(paths: list[str], update: bool, force: bool, report_files: list[str | None]) -> None:
    for path in paths:
        if path == "-":
            raise fail("check reads files and folders, not standard input; give a path")
        if not Path(path).exists():
            raise fail(f"{path} does not exist; give a folder of sample pages")
    if force and not update:
        raise fail("--force only goes with --update")
    if update and in_ci() and not force:
        raise fail("--update refused: the CI environment variable is set; goldens are rewritten by people (add --force if you mean it)")
    for target in filter(None, report_files):
        if not Path(target).resolve().parent.is_dir():
            raise fail(f"cannot write {target}: its folder does not exist; create it first")


def run_checks(found: list[Discovered], settings: Settings) -> list[Outcome]:
    """Check every input, showing each failure (and each golden update) on stderr as it happens."""
    from wpclean.check import reports

    console = reports.stderr_console()
    outcomes = []
    for entry in found:
        outcome = check_input(entry, settings)
        if settings.update and needs_update(outcome):
            reports.show_outcome(console, outcome, heading="CHANGED")
            update_golden(outcome)
            reports.show_update(console, outcome)
        elif not outcome.ok:
            reports.show_outcome(console, outcome)
        outcomes.append(outcome)
    reports.show_summary(console, outcomes)
    return outcomes


def _write_reports(outcomes: list[Outcome], settings: Settings, junit: str | None, report: str | None) -> None:
    from wpclean.check import reports
    from wpclean.fileio.files import OutputError, write_atomic

    if os.environ.get("GITHUB_ACTIONS") == "true":
        sys.stdout.write(reports.github_annotations(outcomes))
        sys.stdout.flush()
    try:
        if junit is not None:
            write_atomic(Path(junit), reports.junit_xml(outcomes))
        if report is not None:
            write_atomic(Path(report), reports.json_report(outcomes, settings))
    except OutputError as error:
        raise fail(str(error), exit_codes.FAILED) from None
