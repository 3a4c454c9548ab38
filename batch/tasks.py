"""One input's work, as it runs in a worker process (or in-process with ``-j 1``).

A :class:`Task` names an input (a file to read, standard input's bytes, or a
JSON Lines record's text) and, in an ``-o`` folder run, the output file the
parent chose for it; :func:`process_chunk` turns tasks into :class:`Outcome`
objects: the reason it failed, or success and the counts the summary needs.
A task with a ``target`` has its plan written here, by the worker (file
creation is the costly part of writing; done in the workers it runs in
parallel); otherwise the rendered plan travels back for the parent to stream.
Both are small frozen dataclasses, cheap to pickle.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from wpclean.errors import WpcleanError
from wpclean.fileio.writing import OutputError, same_file, write_atomic
from wpclean.options import Options


@dataclass(frozen=True, slots=True)
class Task:
    """One input.  Exactly one of ``path``, ``data`` and ``text`` says where its
    content is, unless ``problem`` already says why it cannot be processed."""

    label: str  # how messages and the error list name it: a path, <stdin>, or FILE:LINE
    stem: str  # its output name in an -o folder, without extension: a/b for a/b.txt
    path: str | None = None  # a file the worker reads
    data: bytes | None = None  # standard input's bytes
    text: str | None = None  # a JSON Lines record's text
    doc_id: str | None = None  # carried into plan.input.id
    plan_path: str | None = None  # recorded as plan.input.path
    problem: str | None = None  # known before processing: it fails with this reason
    target: str | None = None  # the output file to write, in an -o folder run
    input_format: str | None = None  # "html" for a record's --html-field; None: the run's --input-format

    @property
    def key(self) -> str | None:
        """What identifies the input in a JSON Lines output, to resume a run."""
        return self.doc_id or self.plan_path


def visible(name: str | None) -> str | None:
    """``name`` as JSON (and UTF-8) can carry it: a file name's bytes that are not
    UTF-8 (which Python holds as surrogate escapes) become ``\\xNN``, any other
    lone surrogate (from a JSON ``\\ud800`` escape) ``\\uNNNN``.  Names that are
    valid UTF-8 are kept as they are.

    >>> visible("bad\\udcffname.txt"), visible("x\\ud800y"), visible("深圳.txt"), visible(None)
    ('bad\\\\xffname.txt', 'x\\\\ud800y', '深圳.txt', None)
    """
    if name is None or name.isascii():
        return name
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return "".join(_visible_char(char) for char in name)


def _visible_char(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte surrogateescape kept
        return f"\\x{code - 0xDC00:02x}"
    if 0xD800 <= code <= 0xDFFF:
        return f"\\u{code:04x}"
    return char


@dataclass(frozen=True, slots=True)
class Settings:
    """What every worker needs besides the task: picklable, the same for all."""

    options: Options
    fmt: str = "json"
    explain: bool = False


@dataclass(frozen=True, slots=True)
class Outcome:
    """A task's result: the ``reason`` it failed, or success with the ``rendered``
    plan (None when the worker wrote it to the task's target itself)."""

    rendered: bytes | None = None
    reason: str | None = None
    size: int = 0  # input bytes, for MB/s
    warnings: int = 0
    annotations: int = 0
    converted: int = 0
    explanation: str | None = None  # the change log as JSON Lines, when asked

    @property
    def ok(self) -> bool:
        return self.reason is None


def process_chunk(chunk: list[Task], settings: Settings) -> list[Outcome]:
    """Process tasks in order; one outcome per task, never an exception."""
    return [process_task(task, settings) for task in chunk]


def process_task(task: Task, settings: Settings) -> Outcome:
    """One task's outcome.  Any failure, even a bug, becomes a reason, so a
    batch survives every input."""
    if task.problem is not None:
        return Outcome(reason=task.problem)
    size = 0
    try:
        content = _content(task, settings.options)
        size = len(content) if isinstance(content, bytes) else len(content.encode("utf-8", "surrogatepass"))
        return _outcome(_process(task, content, settings.options), task, settings, size)
    except OutputError as error:
        return Outcome(reason=str(error), size=size)
    except WpcleanError as error:
        return Outcome(reason=str(error), size=size)
    except OSError as error:
        return Outcome(reason=f"cannot read it: {error.strerror or error}; check that it exists and is readable")
    except Exception as error:  # a bug: report it, keep going
        return Outcome(
            reason=f"internal error ({type(error).__name__}: {error}); please report it with this input", size=size
        )


def _content(task: Task, options: Options) -> bytes | str:
    from wpclean.fileio.reading import read_input

    if task.text is not None:
        return task.text
    if task.data is not None:
        return task.data
    assert task.path is not None
    return read_input(task.path, options.max_bytes)


def _process(task: Task, content: bytes | str, options: Options):  # -> wpclean.parser.Result
    from dataclasses import replace

    from wpclean import process_document

    if task.input_format is not None:
        options = replace(options, input_format=task.input_format)
    return process_document(content, options, path=task.plan_path, doc_id=task.doc_id)


def _outcome(result, task: Task, settings: Settings, size: int) -> Outcome:  # result: wpclean.parser.Result
    from wpclean.render.formats import changes_jsonl, render_plan

    plan = result.plan
    rendered = render_plan(plan, settings.fmt)
    if task.target is not None:
        write_output(task, rendered)
    return Outcome(
        rendered=None if task.target is not None else rendered,
        size=size,
        warnings=len(plan.warnings),
        annotations=plan.stats.annotations_removed,
        converted=plan.stats.chars_converted,
        explanation=changes_jsonl(result.cleaned.changes, task.label) if settings.explain else None,
    )


def write_output(task: Task, rendered: bytes) -> None:
    """Write a plan to its target atomically, never over the task's own input.
    Ctrl-C and SIGTERM wait until the write is done: a worker stopped by the
    parent never leaves a temporary file behind."""
    target = task.target
    assert target is not None
    if task.path is not None and os.path.lexists(target) and same_file(task.path, target):
        raise OutputError(f"output {target} is the input itself; choose an -o folder apart from the inputs")
    with _signals_held():
        write_atomic(Path(target), rendered, durable=False)  # the batch flushes to disk once, at the end


@contextmanager
def _signals_held() -> Iterator[None]:
    held = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def init_worker(settings: Settings) -> None:
    """Run once in each worker process: leave Ctrl-C and SIGHUP to the parent
    (which stops the workers itself), die on SIGTERM (held while a plan is being
    written), exit when the parent dies, and build the OpenCC converter and
    imports up front."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler, inherited by fork
    exit_with_parent()
    warm_up(settings.options)
    freeze_heap()


PR_SET_PDEATHSIG = 1  # linux/prctl.h
PARENT_WATCH_SECONDS = 1.0


def exit_with_parent() -> None:
    """Make this worker exit when its parent dies (killed with -9, say), instead
    of lingering on a pipe nobody writes: on Linux the kernel sends it SIGTERM
    (``prctl(PR_SET_PDEATHSIG)``); elsewhere a thread watches the parent's pid."""
    import multiprocessing

    parent = multiprocessing.parent_process()
    parent_pid = parent.pid if parent is not None else os.getppid()
    if not _death_signal(signal.SIGTERM):
        _watch_parent(parent_pid)
    if os.getppid() != parent_pid:  # it died before the signal was asked for
        os._exit(1)


def _death_signal(signum: int) -> bool:
    import sys

    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        return ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, int(signum), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent_pid: int) -> None:
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(PARENT_WATCH_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="wpclean-parent-watch", daemon=True).start()


def freeze_heap() -> None:
    """Leave what start-up built (modules, classes, patterns, the converter) out
    of the cyclic garbage collector's passes (``gc.freeze``): a batch process
    keeps all of it to the end, and each full collection walked it again
    (~1% of an HTML page's time in a 700-page batch, 1.5-3% of a single run's
    CPU on a 2-4 MB document, whose plan makes the collector walk the whole heap).  Our
    own processes only (a batch's, a single run's), never the library or a
    cluster's workers; :func:`frozen_heap` for a run in a process that goes on
    after it.

    >>> import gc
    >>> freeze_heap(); gc.get_freeze_count() > 0
    True
    >>> gc.unfreeze()
    """
    import gc

    gc.freeze()


@contextmanager
def frozen_heap() -> Iterator[None]:
    """:func:`freeze_heap` for the time of a batch or a single run, the heap given back to the
    collector after it (the command line runs in-process under tests, and
    whatever the process held before must stay collectable).

    >>> import gc
    >>> with frozen_heap():
    ...     gc.get_freeze_count() > 0
    True
    >>> gc.get_freeze_count()
    0
    """
    import gc

    freeze_heap()
    try:
        yield
    finally:
        gc.unfreeze()


def warm_up(options: Options) -> None:
    """Import the pipeline and build this process's OpenCC converter once."""
    import wpclean.document  # noqa: F401
    from wpclean.cleaner.script import converter

    if options.convert != "none":
        converter(options.convert)
