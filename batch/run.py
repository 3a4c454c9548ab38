"""The batch run: many inputs, in parallel, losing nothing.

Inputs stream from :mod:`wpclean.batch.sources` through the workers
(:mod:`wpclean.batch.workers`, or a Dask cluster with :mod:`wpclean.batch.dask_engine`;
results in input order either way) to the outputs (:mod:`wpclean.batch.outputs`,
:mod:`wpclean.batch.partitions`); only counts are kept (:class:`Tally`), never the
plans, so memory stays flat.  A bad input is reported (stderr, and
``--errors FILE`` as JSON Lines) and the run goes on, unless ``--fail-fast``.
Ctrl-C, SIGTERM and SIGHUP stop the workers; every finished output is kept
(the ``--errors`` file too), none is partial, no temporary file is left; the
exit code is 128 + the signal's number (130, 143, 129).  A combined output
that cannot be written (a full disk) stops the run with one error and is
removed: nothing half-written is left behind.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, replace
from pathlib import Path

from wpclean.batch.outputs import (
    EXTENSIONS,
    FolderOutput,
    JsonlFileOutput,
    Output,
    OutputLost,
    RunStopped,
    StdoutOutput,
    streams,
)
from wpclean.batch.progress import Reporter, Tally, show_bar, summary
from wpclean.batch.sources import Sources, count_tasks, tasks
from wpclean.batch.stopping import Stopped, hold_signals, restore_signals, stop_on_signals
from wpclean.batch.tasks import Outcome, Settings, Task
from wpclean.batch.workers import Pair, run_tasks
from wpclean.fileio.apart import WrittenFiles
from wpclean.fileio.reading import STDIO
from wpclean.fileio.writing import AtomicStream, OutputError

STDOUT = STDIO

Runner = Callable[[Iterable[Task], Settings], Iterator[Pair]]  # tasks in, (task, outcome) pairs out, in input order


@dataclass(frozen=True, slots=True)
class Batch:
    """Everything a batch run needs, decided from the command line."""

    sources: Sources
    settings: Settings
    output: str = STDOUT  # a folder, or (for jsonl) a file; - is standard output
    jobs: int = 1
    skip_existing: bool = False
    fail_fast: bool = False
    quiet: bool = False
    errors: str | None = None  # --errors FILE
    explain: str | None = None  # --explain FILE, or - for stderr
    runner: Runner | None = None  # another engine (a Dask cluster); None: -j local processes
    partition_size: int | None = None  # -o DIR holds JSON Lines partitions of this many plans

    @property
    def to_folder(self) -> bool:
        return not streams(self.settings.fmt, self.output)


def open_output(batch: Batch) -> Output:
    fmt = batch.settings.fmt
    if batch.partition_size is not None:
        from wpclean.batch.partitions import PartitionOutput

        return PartitionOutput(Path(batch.output), batch.partition_size, resume=batch.skip_existing)
    if batch.to_folder:
        return FolderOutput(Path(batch.output), EXTENSIONS[fmt])
    if batch.output == STDOUT:
        return StdoutOutput(fmt)
    return JsonlFileOutput(Path(batch.output), resume=batch.skip_existing, fmt=fmt)


@dataclass(frozen=True, slots=True)
class Report:
    """What a batch run did: the caller (the CLI) turns it into an exit code."""

    tally: Tally
    lost_outputs: int = 0  # outputs (plans, --errors, --explain) that could not be kept
    interrupted: bool = False
    stdout_closed: bool = False  # its reader went away (| head): output ended quietly
    signal: int = 0  # the signal that stopped the run (SIGTERM, SIGHUP), 0 for Ctrl-C or none

    @property
    def no_inputs(self) -> bool:
        """Nothing was found to process (an empty folder, a --glob that matches nothing)."""
        stopped = self.lost_outputs or self.interrupted or self.stdout_closed
        return self.tally.done + self.tally.skipped == 0 and not stopped

    @property
    def failures(self) -> int:
        return self.tally.failed + self.lost_outputs


def run_batch(batch: Batch) -> Report:
    """Run the batch; return what happened (counts, not an exit code)."""
    run = Run(batch)
    previous = stop_on_signals()
    try:
        run.loop()
    except Stopped as stop:
        run.interrupted, run.signal = True, stop.signum
    except KeyboardInterrupt:
        run.interrupted = True
    except OutputLost:  # | head: no more output wanted; the verdict is what was done so far
        run.stdout_closed = True
    except (RunStopped, OutputError) as error:  # OutputError: a combined output or log could not be written
        run.lost_outputs += 1
        sys.stderr.write(f"wpclean: error: {error}\n")
    finally:
        hold_signals(previous)  # a second SIGTERM must not cut the finishing renames short
        try:
            run.finish()
        finally:
            restore_signals(previous)
    return Report(run.tally, run.lost_outputs, run.interrupted, run.stdout_closed, run.signal)


class Run:
    """One batch run's state: its outputs, logs, reporter and tally."""

    def __init__(self, batch: Batch) -> None:
        self.batch, self.tally = batch, Tally()
        self.interrupted, self.lost_outputs, self.stdout_closed, self.signal = False, 0, False, 0
        self.output = open_output(batch)  # before anything runs: an unusable -o stops here
        self.errors = self.changes = None
        try:
            self.errors = AtomicStream(Path(batch.errors)) if batch.errors else None
            self.changes = AtomicStream(Path(batch.explain)) if batch.explain not in (None, STDOUT) else None
        except OutputError:
            self.output.discard()
            self._discard_logs()
            raise
        self.reporter = Reporter(show_bar=False, total=None)
        stream_file = None if batch.to_folder or batch.output == STDOUT else batch.output
        self.written = WrittenFiles([stream_file, batch.errors, batch.explain])  # no input may be one of them

    def _discard_logs(self) -> None:
        for log in (self.errors, self.changes):
            if log is not None:
                log.discard()

    def loop(self) -> None:
        # counting walks the inputs once more: only for a bar's total
        if show_bar(self.batch.quiet, results_on_stdout=self.batch.output == STDOUT):
            self.reporter = Reporter(show_bar=True, total=count_tasks(self.batch.sources))
        todo = self._not_done(tasks(self.batch.sources, self.batch.settings.options.max_bytes))
        with closing(self._run(todo)) as pairs:
            for task, outcome in pairs:
                outcome = self._deliver(task, outcome)
                self.tally.add(outcome, task.label)
                self.reporter.advance(self.tally)
                if not outcome.ok and self.batch.fail_fast:
                    self.reporter.line("wpclean: stopped at the first failed input (--fail-fast)")
                    return

    def _run(self, todo: Iterator[Task]) -> Iterator[Pair]:
        if self.batch.runner is not None:
            return self.batch.runner(todo, self.batch.settings)
        return run_tasks(todo, self.batch.settings, self.batch.jobs)

    def _not_done(self, todo: Iterator[Task]) -> Iterator[Task]:
        """Tasks still to do (--skip-existing), each with its output target."""
        for task in todo:
            problem = self.written.problem(task.path)
            if problem is not None:  # refused before it is read: it is replaced when the run ends
                yield replace(task, problem=problem)
                continue
            if self.batch.skip_existing and self.output.done_before(task):
                self.tally.skipped += 1
                continue
            yield self.output.prepare(task)

    def _deliver(self, task: Task, outcome: Outcome) -> Outcome:
        """Write a plan (or record why there is none); return the final outcome."""
        if outcome.ok and outcome.rendered is not None:  # else the worker wrote it
            try:
                self.output.write(task, outcome.rendered)
            except OutputError as error:
                if not self.batch.to_folder:  # the one combined output is gone (and removed): stop
                    raise
                outcome = Outcome(reason=str(error), size=outcome.size)
            except BrokenPipeError:
                _silence_stdout()
                raise OutputLost("standard output was closed (by a pager or head?); stopped") from None
        if outcome.ok:
            self._explain(outcome)
        else:
            self._failed(task, outcome.reason or "failed")
        return outcome

    def _explain(self, outcome: Outcome) -> None:
        if outcome.explanation is None:
            return
        if self.changes is not None:
            self.changes.write(outcome.explanation.encode("utf-8", "backslashreplace"))
        else:
            self.reporter.text(outcome.explanation)

    def _failed(self, task: Task, reason: str) -> None:
        self.reporter.line(f"wpclean: error: {task.label}: {reason}")
        if self.errors is not None:
            record = {"path": task.label, "id": task.doc_id, "reason": reason}
            self.errors.write((json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8", "backslashreplace"))

    def finish(self) -> None:
        """Keep every finished output, then report (also after Ctrl-C)."""
        self.reporter.stop()
        for keep in (self.output.finish, *(log.commit for log in (self.errors, self.changes) if log)):
            try:
                keep()
            except OutputError as error:
                self.lost_outputs += 1
                sys.stderr.write(f"wpclean: error: {error}\n")
        if self.interrupted:
            how = f"stopped by {signal.Signals(self.signal).name}" if self.signal else "interrupted"
            sys.stderr.write(f"wpclean: {how}; finished outputs are kept (rerun with --skip-existing to resume)\n")
        elif self.tally.done + self.tally.skipped == 0 and not (self.lost_outputs or self.stdout_closed):
            glob = self.batch.sources.glob
            sys.stderr.write(f"wpclean: error: no inputs found; check the paths and --glob (now {glob!r})\n")
            return  # exit 2 (a usage error, as for check), without a summary of zeros
        if not self.batch.quiet:
            sys.stderr.write(summary(self.tally, self.tally.elapsed()) + "\n")


def _silence_stdout() -> None:
    """Point stdout at /dev/null so Python's final flush does not fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
