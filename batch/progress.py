"""What a batch tells the user on stderr: a progress bar, per-input errors and
the summary.  Nothing here writes to standard output.

The bar (inputs done, inputs/s, MB/s, ETA) is drawn with rich, imported only
when a bar is shown: stderr is a terminal and ``-q`` was not given.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field

from wpclean.batch.tasks import Outcome


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

    def add(self, outcome: Outcome) -> None:
        self.size += outcome.size
        if not outcome.ok:
            self.failed += 1
            return
        self.ok += 1
        self.with_warnings += outcome.warnings > 0
        self.annotations += outcome.annotations
        self.converted += outcome.converted

    @property
    def done(self) -> int:
        return self.ok + self.failed

    def elapsed(self) -> float:
        return time.monotonic() - self.started


def summary(tally: Tally, elapsed: float) -> str:
    """The end-of-run summary, two lines.

    >>> print(summary(Tally(ok=3, failed=1, skipped=2, with_warnings=1, annotations=40, converted=1200, size=2_000_000), 2.0))
    wpclean: 4 inputs processed in 2.0 s (2.0 inputs/s, 1.0 MB/s): 3 ok (1 with warnings), 1 failed, 2 skipped
    wpclean: 40 annotations removed, 1,200 characters converted
    """
    seconds = max(elapsed, 1e-9)
    rate = f"{tally.done / seconds:,.1f} inputs/s, {tally.size / seconds / 1e6:,.1f} MB/s"
    counts = f"{tally.ok:,} ok ({tally.with_warnings:,} with warnings), {tally.failed:,} failed"
    if tally.skipped:
        counts += f", {tally.skipped:,} skipped"
    return (
        f"wpclean: {tally.done:,} inputs processed in {elapsed:,.1f} s ({rate}): {counts}\n"
        f"wpclean: {tally.annotations:,} annotations removed, {tally.converted:,} characters converted"
    )


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


def show_bar(quiet: bool) -> bool:
    """A bar only for a person watching: stderr is a terminal and not ``-q``."""
    return not quiet and sys.stderr.isatty()


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
