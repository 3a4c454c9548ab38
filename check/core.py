"""Checking a corpus of sample pages: the logic behind ``wpclean check``.

Every input is processed and checked: against its golden plan beside it
(``name.txt`` → ``name.json``) when there is one, and always against the
invariants (the plan validates against the committed JSON Schema, no pinyin
annotation and no traditional character is left, the lossless invariant
holds, and with ``strict`` the plan has no warnings).  Nothing here prints or
exits: :mod:`wpclean.cli.check` does.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from wpclean.check.diffing import Difference, json_diff, without_volatile
from wpclean.fileio.discover import Discovered
from wpclean.options import Options

if TYPE_CHECKING:
    from wpclean import Result
    from wpclean.schemas import Plan

# Names of the checks, as they appear in reports.
INPUT, GOLDEN, SCHEMA, PINYIN, TRADITIONAL, LOSSLESS, WARNING = (
    "input",
    "golden",
    "schema",
    "pinyin",
    "traditional",
    "lossless",
    "warning",
)
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
    from wpclean import process_bytes
    from wpclean.errors import WpcleanError

    if found.problem is not None:
        return Problem(INPUT, "", f"{found.problem}; move it out of the corpus")
    from wpclean.fileio.reading import read_input

    try:
        data = read_input(found.path, options.max_bytes)
    except WpcleanError as error:
        return Problem(INPUT, "", str(error))
    except OSError as error:
        return Problem(INPUT, "", f"cannot read it: {error.strerror}; check its permissions")
    try:
        return process_bytes(data, options, path=found.path)
    except WpcleanError as error:
        return Problem(INPUT, "", str(error))


def invariant_problems(result: Result, produced: dict, settings: Settings) -> list[Problem]:
    """The checks that need no golden: schema, pinyin, traditional script, lossless, (strict) warnings."""
    from wpclean.check.invariants import first_difference
    from wpclean.schemas.validate import schema_errors

    problems = [
        Problem(SCHEMA, where, f"does not match the plan schema: {message}")
        for where, message in schema_errors(produced)
    ]
    problems += leftover_problems(result.plan, settings.options.convert)
    broken = first_difference(result.plan, result.body)
    if broken is not None:
        problems.append(Problem(LOSSLESS, "", f"the plan does not hold the cleaned body, {broken}"))
    if settings.strict:
        problems += [
            Problem(WARNING, w.where, f"warning {w.code}: {w.message} (--strict)") for w in result.plan.warnings
        ]
    return problems


def leftover_problems(plan: Plan, convert: str) -> list[Problem]:
    """Pinyin annotations and (unless ``convert`` is none) traditional characters left in the plan."""
    from wpclean.check.invariants import pinyin_left, traditional_left

    problems = [
        Problem(PINYIN, left.where, f"pinyin annotation left: {left.found} (should be {left.fixed})")
        for left in pinyin_left(plan)
    ]
    if convert != "none":
        problems += [
            Problem(
                TRADITIONAL, left.where, f"traditional characters left ({convert} changes {left.found} to {left.fixed})"
            )
            for left in traditional_left(plan, convert)
        ]
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
    return differences, Problem(
        GOLDEN,
        differences[0].path,
        f"the plan differs from {golden} in {count}, first at {differences[0].path or 'the top'}",
    )


def needs_update(outcome: Outcome) -> bool:
    """The golden should be rewritten: it differs or is unreadable, and every other check passed."""
    golden_problems = [problem for problem in outcome.problems if problem.check == GOLDEN]
    other_problems = [problem for problem in outcome.problems if problem.check != GOLDEN]
    return bool(golden_problems) and not other_problems and outcome.produced is not None


def update_golden(outcome: Outcome) -> None:
    """Write the produced plan over the golden, atomically; the outcome records the result."""
    from wpclean.fileio.writing import OutputError, write_atomic

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
