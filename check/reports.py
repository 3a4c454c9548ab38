"""What ``wpclean check`` shows and writes: failures and a summary table on
stderr (rich; plain text when stderr is not a terminal or NO_COLOR is set),
JUnit XML, a JSON report, and GitHub Actions ``::error`` annotations.

Every failure is first rendered as :data:`Segments` (text with a style name),
so the terminal, the JUnit file and the annotations say the same thing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from wpclean.check.diffing import ABSENT, Difference, context_snippets

if TYPE_CHECKING:
    from rich.console import Console

    from wpclean.check.core import Outcome, Settings

Segments = list[tuple[str, str]]  # one line: (text, rich style) pieces
SHOWN_DIFFERENCES = 20  # per input on stderr, in JUnit and in annotations; the JSON report has all
LOG_WIDTH = 160  # columns of the summary table when stderr is a log file
LONG_STRING = 40  # strings longer than this are shown around where they differ
PROBLEM_ROOM = 50  # columns the summary table keeps for golden, result and the first problem
MIN_PATH_WIDTH = 20
_STATUS_STYLE = {"passed": "green", "updated": "yellow", "failed": "bold red", "error": "bold red"}


def stderr_console() -> Console:
    """Rich on stderr; in a log (not a terminal, no COLUMNS) wide enough that paths are not folded."""
    import os

    from wpclean.fileio.pipes import pipe_safe_console

    console = pipe_safe_console(stderr=True, highlight=False)  # check … 2>&1 | head: quiet, verdict kept
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console.width = LOG_WIDTH
    return console


def show_value(value: Any, longest: int = 100) -> str:
    """One JSON value, short enough for one line.

    >>> show_value(ABSENT), show_value("深圳"), show_value({"a": [1, 2]}), show_value("x" * 9, longest=5)
    ('(absent)', '"深圳"', '{"a": [1, 2]}', '"xxx…')
    """
    if value is ABSENT:
        return "(absent)"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= longest else text[: longest - 1] + "…"


def difference_lines(difference: Difference) -> list[Segments]:
    """A difference as three lines: its path, the golden's value (-), the produced one (+).

    >>> [''.join(text for text, _ in line) for line in difference_lines(Difference("title", "甲", "乙"))]
    ['    title', '      - "甲"', '      + "乙"']
    """
    head: Segments = [("    " + (difference.path or "(the whole plan)"), "bold")]
    old, new = difference.old, difference.new
    if isinstance(old, str) and isinstance(new, str) and max(len(old), len(new)) > LONG_STRING:
        old_parts, new_parts = context_snippets(old, new)
        return [head, _snippet_line("-", old_parts, "red"), _snippet_line("+", new_parts, "green")]
    return [head, [(f"      - {show_value(old)}", "red")], [(f"      + {show_value(new)}", "green")]]


def _snippet_line(sign: str, parts: tuple[str, str, str], style: str) -> Segments:
    before, changed, after = parts
    return [(f"      {sign} {before}", style), (f"⟦{changed}⟧", f"{style} reverse"), (after, style)]


def outcome_lines(outcome: Outcome, heading: str | None = None) -> list[Segments]:
    """Why an input failed (or how its golden changes), line by line, under ``heading`` (default: its status)."""
    from wpclean.check.core import GOLDEN

    heading = heading or outcome.status.upper()
    lines: list[Segments] = [[(f"{heading} ", _STATUS_STYLE[outcome.status]), (outcome.path, "bold")]]
    for problem in outcome.problems:
        where = problem.where if problem.check != GOLDEN else ""
        lines.append([(f"  {problem_text(problem.check, where, problem.message)}", "")])
    for difference in outcome.differences[:SHOWN_DIFFERENCES]:
        lines += difference_lines(difference)
    hidden = len(outcome.differences) - SHOWN_DIFFERENCES
    if hidden > 0:
        lines.append(
            [(f"    … and {hidden} more difference{'s' if hidden > 1 else ''} (--report FILE lists them all)", "dim")]
        )
    return lines


def problem_text(check: str, where: str, message: str) -> str:
    """One problem as a line: the check, where in the plan, what.  A message
    that repeats the check's name with a code (a plan warning's) puts the code
    beside the name instead of saying it twice.

    >>> problem_text("warning", "sections[3]", "warning numbering_duplicate: two sections are numbered 三 (--strict)")
    'warning numbering_duplicate at sections[3]: two sections are numbered 三 (--strict)'
    >>> problem_text("pinyin", "items[0].text", "an annotation is left: (zhǔ)")
    'pinyin at items[0].text: an annotation is left: (zhǔ)'
    >>> problem_text("golden", "", "the plan differs")
    'golden: the plan differs'
    """
    where = f" at {where}" if where else ""
    code, separator, detail = message.removeprefix(f"{check} ").partition(": ")
    if message.startswith(f"{check} ") and separator and " " not in code:
        return f"{check} {code}{where}: {detail}"
    return f"{check}{where}: {message}"


def plain(lines: Iterable[Segments]) -> str:
    return "".join("".join(text for text, _ in line) + "\n" for line in lines)


def show_outcome(console: Console, outcome: Outcome, heading: str | None = None) -> None:
    from rich.text import Text

    for line in outcome_lines(outcome, heading):
        console.print(Text.assemble(*line), soft_wrap=True)


def show_update(console: Console, outcome: Outcome) -> None:
    if outcome.updated:
        console.print(f"  rewrote golden {outcome.golden}", style="yellow", soft_wrap=True)
    else:
        show_outcome(console, outcome)


def summary_counts(outcomes: list[Outcome]) -> dict[str, int]:
    counts = {"inputs": len(outcomes), "passed": 0, "updated": 0, "failed": 0, "error": 0}
    for outcome in outcomes:
        counts[outcome.status] += 1
    return counts


def summary_line(outcomes: list[Outcome]) -> str:
    """The last line of a check, e.g. ``13 inputs checked: 12 passed, 1 failed``."""
    counts = summary_counts(outcomes)
    parts = [
        f"{counts[name]} {name}"
        for name in ("passed", "updated", "failed", "error")
        if counts[name] or name == "passed"
    ]
    return f"{counts['inputs']} input{'s' if counts['inputs'] != 1 else ''} checked: {', '.join(parts)}"


def show_summary(console: Console, outcomes: list[Outcome]) -> None:
    """A table of every input (golden or not, result, first problem), then the totals."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title="wpclean check", title_justify="left", show_edge=False)
    longest = max((len(outcome.path) for outcome in outcomes), default=0)
    # File names are not broken mid-name: the input column is as wide as the longest
    # path while the screen leaves room for the rest, else paths break after a /.
    width = max(min(longest, console.width - PROBLEM_ROOM), MIN_PATH_WIDTH)
    table.add_column("input", width=width, overflow="fold")
    table.add_column("golden", no_wrap=True)
    table.add_column("result", no_wrap=True)
    table.add_column("first problem", overflow="fold", min_width=PROBLEM_ROOM // 2)
    for outcome in outcomes:
        first = _short_problem(outcome)
        status = Text(outcome.status, style=_STATUS_STYLE[outcome.status])
        table.add_row(Text(wrap_path(outcome.path, width)), "yes" if outcome.golden else "-", status, Text(first))
    console.print(table)
    console.print(summary_line(outcomes), style="bold" if all(o.ok for o in outcomes) else "bold red", soft_wrap=True)


def _short_problem(outcome: Outcome) -> str:
    """The first problem for the table, calling the golden "the golden" (the golden column names it)."""
    if not outcome.problems:
        return ""
    message = outcome.problems[0].message
    return message.replace(outcome.golden, "the golden") if outcome.golden else message


def wrap_path(path: str, width: int) -> str:
    """``path`` in lines of at most ``width`` characters, broken after a ``/``
    (a single name longer than ``width`` is left for the table to fold).

    >>> print(wrap_path("samples/corpus/02-cangzhou.txt", 16))
    samples/corpus/
    02-cangzhou.txt
    >>> wrap_path("a/b.txt", 40), wrap_path("/data/pages/a.txt", 12)
    ('a/b.txt', '/data/pages/\\na.txt')
    """
    lines: list[str] = []
    line: str | None = None
    for part in path.split("/"):
        candidate = part if line is None else f"{line}/{part}"
        if line and len(candidate) > width:
            lines.append(line + "/")
            line = part
        else:
            line = candidate
    return "\n".join([*lines, line or ""])


def junit_xml(outcomes: list[Outcome]) -> bytes:
    """A JUnit XML report: one test case per input; failed checks are failures, unprocessable inputs errors."""
    import xml.etree.ElementTree as ET

    counts = summary_counts(outcomes)
    attributes = {"tests": str(len(outcomes)), "failures": str(counts["failed"]), "errors": str(counts["error"])}
    total = f"{sum(outcome.seconds for outcome in outcomes):.3f}"
    suites = ET.Element("testsuites", {"name": "wpclean check", **attributes, "time": total})
    suite = ET.SubElement(suites, "testsuite", {"name": "wpclean check", **attributes, "skipped": "0", "time": total})
    for outcome in outcomes:
        suite.append(_testcase(outcome))
    ET.indent(suites)
    return ET.tostring(suites, encoding="utf-8", xml_declaration=True) + b"\n"


def _testcase(outcome: Outcome):  # -> xml.etree.ElementTree.Element
    import xml.etree.ElementTree as ET
    from pathlib import PurePath

    path = PurePath(outcome.path)
    case = ET.Element(
        "testcase",
        {
            "classname": path.parent.as_posix(),
            "name": path.name,
            "file": outcome.path,
            "time": f"{outcome.seconds:.3f}",
        },
    )
    if not outcome.ok:
        kind = "error" if outcome.status == "error" else "failure"
        first = outcome.problems[0]
        failure = ET.SubElement(case, kind, {"message": first.message, "type": first.check})
        failure.text = plain(outcome_lines(outcome))
    return case


def json_report(outcomes: list[Outcome], settings: Settings) -> bytes:
    """Every input with its status, problems and (all) differences, as indented JSON."""
    from wpclean.document import tool_version
    from wpclean.schemas import SCHEMA_VERSION

    report = {
        "tool": {"name": "wpclean", "version": tool_version(), "schema_version": SCHEMA_VERSION},
        "settings": {
            "convert": settings.options.convert,
            "keep_punct": settings.options.keep_punct,
            "strict": settings.strict,
            "update": settings.update,
        },
        "summary": summary_counts(outcomes),
        "inputs": [_input_report(outcome) for outcome in outcomes],
    }
    return (json.dumps(report, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _input_report(outcome: Outcome) -> dict[str, Any]:
    return {
        "path": outcome.path,
        "golden": outcome.golden,
        "status": outcome.status,
        "problems": [problem.as_dict() for problem in outcome.problems],
        "differences": [difference.as_dict() for difference in outcome.differences],
    }


def github_annotations(outcomes: list[Outcome]) -> str:
    """One ``::error file=…,title=…::…`` workflow command per failed input (GitHub reads them from stdout)."""
    lines = []
    for outcome in outcomes:
        if not outcome.ok:
            title = f"wpclean check: {outcome.status}"
            message = plain(outcome_lines(outcome)[1:]).rstrip("\n")
            lines.append(
                f"::error file={_escape_property(outcome.path)},title={_escape_property(title)}::{_escape_data(message)}\n"
            )
    return "".join(lines)


def _escape_data(text: str) -> str:
    """Escape a workflow command's message as the GitHub runner expects.

    >>> _escape_data("50%\\nnext")
    '50%25%0Anext'
    """
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """Escape a workflow command's property value (``file=``, ``title=``).

    >>> _escape_property("a,b:c")
    'a%2Cb%3Ac'
    """
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
