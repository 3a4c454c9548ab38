"""What a batch tells the user on stderr: a progress bar, per-input errors and
the summary.  Nothing here writes to standard output.

The bar (inputs done, inputs/s, MB/s, ETA) is drawn with rich, imported only
when a bar is shown: stderr is a terminal, ``-q`` was not given, and the
results cannot land on the same screen -- they go to an ``-o`` file or folder,
or standard output is a file or another terminal.  Results piped to another
program (``--jsonl | jq .title``) may reach the terminal through it, so then
no bar is drawn: bar and results would mix.
"""

from __future__ import annotations

import os
import stat
import sys
import time
from dataclasses import dataclass, field

from wpclean.batch.tasks import Outcome

WARNED_SHOWN = 5  # inputs with warnings the summary names; the rest are counted


@dataclass(slots=True)
class Tally:
    """The counts of a run, kept as outcomes arrive (never the plans themselves)."""

    ok: int = 0
    failed: int = 0
    skipped: int = 0
    with_warnings: int = 0
    annotations: int = 0
    converted: int = 0
    size: int = 0
    started: float = field(default_factory=time.monotonic)
    warned: list[str] = field(default_factory=list)  # the first WARNED_SHOWN inputs with warnings

    def add(self, outcome: Outcome, label: str | None = None) -> None:
        self.size += outcome.size
        if not outcome.ok:
            self.failed += 1
            return
        self.ok += 1
        self.with_warnings += outcome.warnings > 0
        if outcome.warnings and label is not None and len(self.warned) < WARNED_SHOWN:
            self.warned.append(label)
        self.annotations += outcome.annotations
        self.converted += outcome.converted

    @property
    def done(self) -> int:
        return self.ok + self.failed

    def elapsed(self) -> float:
        return time.monotonic() - self.started


def summary(tally: Tally, elapsed: float) -> str:
    """The end-of-run summary: two lines, and a third naming inputs with warnings.

    >>> print(summary(Tally(ok=3, failed=1, skipped=2, with_warnings=1, annotations=40, converted=1200, size=2_000_000), 2.0))
    wpclean: 4 inputs processed in 2.0 s (2.0 inputs/s, 1.0 MB/s): 3 ok (1 with warnings), 1 failed, 2 skipped
    wpclean: 40 annotations removed, 1,200 characters converted
    >>> print(summary(Tally(ok=1, with_warnings=1, warned=["a.txt"]), 1.0))
    wpclean: 1 input processed in 1.0 s (1.0 inputs/s, 0.0 MB/s): 1 ok (1 with warnings), 0 failed
    wpclean: 0 annotations removed, 0 characters converted
    wpclean: with warnings: a.txt (each plan's "warnings" says why; wpclean show PLAN lists them)
    """
    seconds = max(elapsed, 1e-9)
    rate = f"{tally.done / seconds:,.1f} inputs/s, {tally.size / seconds / 1e6:,.1f} MB/s"
    counts = f"{tally.ok:,} ok ({tally.with_warnings:,} with warnings), {tally.failed:,} failed"
    if tally.skipped:
        counts += f", {tally.skipped:,} skipped"
    lines = [
        f"wpclean: {tally.done:,} input{'s' * (tally.done != 1)} processed in {elapsed:,.1f} s ({rate}): {counts}",
        f"wpclean: {tally.annotations:,} annotations removed, {tally.converted:,} characters converted",
    ]
    if tally.warned:
        more = tally.with_warnings - len(tally.warned)
        names = ", ".join(tally.warned) + (f" and {more:,} more" if more > 0 else "")
        hint = 'each plan\'s "warnings" says why; wpclean show PLAN lists them'
        lines.append(f"wpclean: with warnings: {names} ({hint})")
    return "\n".join(lines)


class Reporter:
    """Per-input messages and the progress bar, both on stderr.  Messages go
    through the bar's console while it is shown, so they do not garble it."""

    def __init__(self, show_bar: bool, total: int | None) -> None:
        self._bar = _start_bar(total) if show_bar else None

    def line(self, message: str) -> None:
        if self._bar is not None:
            self._bar.console.print(message, markup=False, highlight=False, soft_wrap=True)
        else:
            sys.stderr.write(message + "\n")
            sys.stderr.flush()

    def text(self, text: str) -> None:
        """Raw text (already ending in a newline), e.g. a change log."""
        if self._bar is not None:
            self._bar.console.print(text, end="", markup=False, highlight=False, soft_wrap=True)
        else:
            sys.stderr.write(text)

    def advance(self, tally: Tally) -> None:
        if self._bar is not None:
            self._bar.update(self._bar.task_ids[0], completed=tally.done + tally.skipped, size=tally.size)

    def stop(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


def show_bar(quiet: bool, results_on_stdout: bool = False) -> bool:
    """A bar only for a person watching (stderr is a terminal, not ``-q``), and
    only where it cannot mix with the results on screen."""
    if quiet or not sys.stderr.isatty():
        return False
    return not (results_on_stdout and stdout_may_reach_terminal())


def stdout_may_reach_terminal() -> bool:
    """Whether what goes to stdout may show on stderr's terminal: stdout is that
    terminal, or a pipe or socket (its reader may print it).  A file, /dev/null
    or another terminal cannot collide with the bar."""
    try:
        out, err = os.fstat(sys.stdout.fileno()), os.fstat(sys.stderr.fileno())
    except (AttributeError, OSError, ValueError):
        return True
    if stat.S_ISREG(out.st_mode):
        return False
    if stat.S_ISCHR(out.st_mode):
        return sys.stdout.isatty() and out.st_rdev == err.st_rdev
    return True


def _start_bar(total: int | None):  # -> rich.progress.Progress
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    progress = Progress(
        TextColumn("wpclean"),
        BarColumn(),
        MofNCompleteColumn(),
        _rate_column("{:,.1f} inputs/s", lambda task: task.completed),
        _rate_column("{:,.1f} MB/s", lambda task: task.fields.get("size", 0) / 1e6),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    progress.add_task("inputs", total=total, size=0)
    progress.start()
    return progress


def _rate_column(template: str, amount):  # -> rich.progress.ProgressColumn
    from rich.progress import ProgressColumn
    from rich.text import Text

    class RateColumn(ProgressColumn):
        def render(self, task) -> Text:  # type: ignore[no-untyped-def]
            elapsed = task.elapsed or 0.0
            return Text(template.format(amount(task) / elapsed) if elapsed > 0 else "")

    return RateColumn()
