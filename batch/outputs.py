"""Where a batch's plans go: one file per input under an ``-o`` folder, or one
JSON Lines stream (standard output or an ``-o`` file).

Safety in a folder: an output path is built from the input's relative path
and can never leave the folder (no ``..`` or absolute parts, no symbolic link
leading out), never replaces another output of the same run (two inputs with
one relative path), and -- checked by the worker that writes it,
:func:`wpclean.batch.tasks.write_output` -- never replaces the input it came
from.  Every file is written atomically.
"""

from __future__ import annotations

import errno
import json
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import Protocol

from wpclean.batch.tasks import Task
from wpclean.fileio.writing import AtomicStream, OutputError, flush_to_disk


class RunStopped(Exception):
    """The run cannot go on (the message says why); finished outputs are kept."""


class OutputLost(RunStopped):
    """Standard output went away: there is nowhere left to write plans."""


EXTENSIONS = {
    "json": ".json",
    "jsonl": ".jsonl",
    "md": ".md",
    "csv": ".csv",
    "tasks-csv": ".tasks.csv",
    "tasks-md": ".tasks.md",
}


class Output(Protocol):
    def done_before(self, task: Task) -> bool: ...  # its output exists (for --skip-existing)
    def prepare(self, task: Task) -> Task: ...  # before processing: the task, with its target if any
    def write(self, task: Task, rendered: bytes) -> None: ...  # a plan that came back rendered; raises OutputError
    def finish(self) -> None: ...  # keep what was written (also after Ctrl-C)
    def discard(self) -> None: ...  # the run never started: leave nothing behind


class FolderOutput:
    """One file per input: ``DIR/<relative path without suffix><extension>``."""

    def __init__(self, root: Path, extension: str) -> None:
        self.root, self.extension = Path(root), extension
        try:
            self._made = make_root(self.root)
        except OSError as error:
            from wpclean.fileio.writing import reason

            raise OutputError(f"cannot create output folder {root}: {reason(error)}") from None
        self._root = str(self.root)
        self._real_root = os.path.realpath(self.root)
        self._checked: set[str] = set()  # folders known to lie inside the root
        self._claimed: set[str] = set()  # targets given out in this run, to catch two inputs mapped to one file
        self._inputs: set[str] = set()  # real paths of this run's inputs that an output could replace
        self._real_targets: set[str] | None = None  # real paths of the targets given out, once needed
        self._skipped: set[str] = set()  # targets found done (--skip-existing): another input mapped there collides

    def _target(self, task: Task) -> tuple[str, list[str]]:
        """The output path of ``task`` and the folders between the root and it,
        or :class:`OutputError` if it would leave the root.  (Plain strings:
        this runs once per input of a batch.)"""
        parts = task.stem.split("/")
        if task.stem.startswith("/") or any(part in ("", ".", "..") for part in parts):
            raise OutputError(f"no safe output name inside {self.root} for {task.label}; rename the input")
        return os.path.join(self._root, *parts[:-1], parts[-1] + self.extension), parts[:-1]

    def done_before(self, task: Task) -> bool:
        """Whether the plan of ``task`` exists -- unless an earlier input of this
        run maps to the same file, which is then a collision to report, not a skip."""
        try:
            target = self._target(task)[0]
        except OutputError:
            return False
        if target in self._claimed or target in self._skipped:
            return False
        if os.path.exists(target):
            self._skipped.add(target)
            return True
        return False

    def prepare(self, task: Task) -> Task:
        """Give ``task`` its target (the worker writes it), creating the folders
        on the way; a target that is unsafe, or taken by an earlier input of
        this run, makes the task fail with the reason instead."""
        try:
            target, folders = self._target(task)
            self._make_folders(folders)
        except OutputError as error:
            return replace(task, problem=task.problem or str(error))
        if target in self._claimed or target in self._skipped:
            return replace(
                task,
                problem=task.problem
                or f"output {target} is taken by another input of this run; give inputs distinct relative paths",
            )
        problem = self._replaces_an_input(task, target)
        if problem:
            return replace(task, problem=task.problem or problem)
        self._claimed.add(target)
        if self._real_targets is not None:
            self._real_targets.add(os.path.realpath(target))
        return replace(task, target=target)

    def _replaces_an_input(self, task: Task, target: str) -> str | None:
        """Why writing ``target`` would destroy an input of this run, if it would.

        Every target ends in the output's extension, so only an input whose
        name ends in it (or a link, which may point at such a file) can be
        replaced: the usual run pays no real-path look-ups at all.
        """
        if task.path is not None and (task.path.endswith(self.extension) or os.path.islink(task.path)):
            real_input = os.path.realpath(task.path)
            if real_input in self._targets_so_far():
                return f"{task.label} is the output of an earlier input of this run; choose an -o folder apart from the inputs"
            self._inputs.add(real_input)
        if self._inputs and os.path.realpath(target) in self._inputs:
            return f"output {target} would replace an input of this run; choose an -o folder apart from the inputs"
        return None

    def _targets_so_far(self) -> set[str]:
        """Real paths of the targets given out (computed once, then kept up to date)."""
        if self._real_targets is None:
            self._real_targets = {os.path.realpath(target) for target in self._claimed}
        return self._real_targets

    def write(self, task: Task, rendered: bytes) -> None:
        raise OutputError(f"internal error: plan for {task.label} came back unwritten; please report it")

    def _make_folders(self, folders: list[str]) -> None:
        """Create the folders below the root one by one, checking each stays
        inside the root before anything is created below it."""
        folder = self._root
        for part in folders:
            folder = os.path.join(folder, part)
            if folder in self._checked:
                continue
            _make_folder(folder)
            if not _inside(os.path.realpath(folder), self._real_root):
                raise OutputError(f"{folder} is a link leading outside {self.root}; refusing to write through it")
            self._checked.add(folder)

    def finish(self) -> None:
        if self._claimed:
            flush_to_disk()  # the workers wrote without fsync
        remove_unused(self._made)

    def discard(self) -> None:
        remove_unused(self._made)


def make_root(root: Path) -> list[Path]:
    """Create the folder ``root`` with its missing parents; return the folders
    this made, deepest first, so that a run that writes nothing can take them
    away again (:func:`remove_unused`)."""
    made = []
    folder = root
    while not os.path.lexists(folder) and folder != folder.parent:
        made.append(folder)
        folder = folder.parent
    root.mkdir(parents=True, exist_ok=True)
    return made


def remove_unused(made: list[Path]) -> None:
    """Remove the folders in ``made`` (deepest first) that are still empty:
    a run that wrote nothing leaves nothing behind.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as top:
    ...     made = make_root(Path(top, "a", "b"))
    ...     remove_unused(made)
    ...     os.listdir(top)
    []
    """
    for folder in made:
        try:
            folder.rmdir()
        except OSError:  # something was written there (or it went away): keep it and its parents
            return


def _make_folder(folder: str) -> None:
    if os.path.isdir(folder):
        return
    try:
        os.mkdir(folder)
    except OSError as error:
        if not os.path.isdir(folder):  # not a race with another writer: something is in the way
            from wpclean.fileio.writing import reason

            why = (
                reason(error)
                if error.errno in (errno.EROFS, errno.EACCES, errno.ENOSPC, errno.EDQUOT)
                else f"{error.strerror}; remove what is in the way"
            )
            raise OutputError(f"cannot create folder {folder}: {why}") from None


def _inside(real: str, root: str) -> bool:
    """
    >>> _inside("/out/a", "/out"), _inside("/out", "/out"), _inside("/outside", "/out")
    (True, True, False)
    """
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def streams(fmt: str, output: str) -> bool:
    """Whether a batch in ``fmt`` writes one combined stream rather than one file
    per input: always for JSON Lines; for CSV and Markdown when ``-o`` is
    standard output or a file with the format's extension (in any case).

    >>> streams("jsonl", "plans"), streams("csv", "-"), streams("csv", "ALL.CSV"), streams("csv", "plans")
    (True, True, True, False)
    >>> streams("json", "-")
    False
    """
    from wpclean.render.formats import STREAMABLE, STREAMED_ALWAYS

    if fmt in STREAMED_ALWAYS:
        return True
    if fmt not in STREAMABLE:
        return False
    return output == "-" or (output.lower().endswith(EXTENSIONS[fmt]) and not os.path.isdir(output))


class StdoutOutput:
    """A stream of plans (JSON Lines, or combined CSV or Markdown) on standard output."""

    def __init__(self, fmt: str = "jsonl") -> None:
        from wpclean.render.formats import StreamFormat

        self._format = StreamFormat(fmt)
        self._pending_header = self._format.header()

    def done_before(self, task: Task) -> bool:
        return False

    def prepare(self, task: Task) -> Task:
        return task

    def write(self, task: Task, rendered: bytes) -> None:
        try:
            sys.stdout.buffer.write(self._pending_header + self._format.item(rendered))
            self._pending_header = b""
            sys.stdout.buffer.flush()
        except BrokenPipeError:
            raise
        except OSError as error:  # a full disk (stdout on /dev/full): stop, with one error
            from wpclean.fileio.writing import reason

            _point_stdout_at_devnull()
            raise OutputError(f"cannot write standard output: {reason(error)}") from None

    def finish(self) -> None:
        pass

    def discard(self) -> None:
        pass


def _point_stdout_at_devnull() -> None:
    """So that Python's final flush of what is still buffered does not fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


class JsonlFileOutput:
    """One file of plans written atomically: JSON Lines, or combined CSV or
    Markdown.  With ``resume`` (JSON Lines only), an existing file's plans are
    kept and the inputs they name are :meth:`done_before`."""

    def __init__(self, path: Path, resume: bool = False, fmt: str = "jsonl") -> None:
        from wpclean.render.formats import StreamFormat

        path = Path(path)
        existing = path if resume and path.is_file() else None
        self._done = finished_keys(existing) if existing else set()
        self._stream = AtomicStream(path, initial=existing)
        self._format = StreamFormat(fmt)
        self._stream.write(self._format.header())

    def done_before(self, task: Task) -> bool:
        return task.key is not None and task.key in self._done

    def prepare(self, task: Task) -> Task:
        return task

    def write(self, task: Task, rendered: bytes) -> None:
        self._stream.write(self._format.item(rendered))

    def finish(self) -> None:
        self._stream.commit()

    def discard(self) -> None:
        self._stream.discard()


def finished_keys(path: Path) -> set[str]:
    """The inputs (``input.id``, else ``input.path``) of the plans in a JSON Lines output."""
    keys = set()
    with open(path, "rb") as stream:
        for number, line in enumerate(stream, start=1):
            try:
                info = json.loads(line)["input"]
            except (ValueError, KeyError, TypeError):
                raise OutputError(
                    f"cannot resume into {path}: line {number} is not a wpclean plan; choose another -o, or drop --skip-existing"
                ) from None
            key = info.get("id") or info.get("path")
            if key:
                keys.add(key)
    return keys
