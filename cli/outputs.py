"""Where a batch's plans go: one file per input under an ``-o`` folder, or one
JSON Lines stream (standard output or an ``-o`` file).

Safety in a folder: an output path is built from the input's relative path
and can never leave the folder (no ``..`` or absolute parts, no symbolic link
leading out), never replaces the input it came from, and never replaces an
output written earlier in the same run (two inputs with one relative path).
Every file is written atomically.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path, PurePosixPath
from typing import Protocol

from wpclean.cli.files import AtomicStream, OutputError, flush_to_disk, same_file, write_atomic
from wpclean.cli.tasks import Task

EXTENSIONS = {"json": ".json", "jsonl": ".jsonl", "md": ".md", "csv": ".csv"}


class Output(Protocol):
    def done_before(self, task: Task) -> bool: ...  # its output exists (for --skip-existing)
    def write(self, task: Task, rendered: bytes) -> None: ...  # raises OutputError
    def finish(self) -> None: ...  # keep what was written (also after Ctrl-C)
    def discard(self) -> None: ...  # the run never started: leave nothing behind


class FolderOutput:
    """One file per input: ``DIR/<relative path without suffix><extension>``."""

    def __init__(self, root: Path, extension: str) -> None:
        self.root, self.extension = Path(root), extension
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise OutputError(f"cannot create output folder {root}: {error.strerror}; choose another -o") from None
        self._real_root = os.path.realpath(self.root)
        self._checked: set[str] = set()  # folders known to lie inside the root
        self._written: set[str] = set()  # outputs of this run, to catch two inputs mapped to one file

    def target(self, task: Task) -> Path:
        """The output path of ``task``, or :class:`OutputError` if it would leave the folder."""
        parts = PurePosixPath(task.stem).parts
        if not parts or PurePosixPath(task.stem).is_absolute() or any(part in (".", "..") for part in parts):
            raise OutputError(f"no safe output name inside {self.root} for {task.label}; rename the input")
        return self.root.joinpath(*parts[:-1], parts[-1] + self.extension)

    def done_before(self, task: Task) -> bool:
        try:
            return self.target(task).exists()
        except OutputError:
            return False

    def write(self, task: Task, rendered: bytes) -> None:
        target = self.target(task)
        self._make_folders(target)
        if task.path is not None and same_file(task.path, target):
            raise OutputError(f"output {target} is the input itself; choose an -o folder apart from the inputs")
        if str(target) in self._written:
            raise OutputError(f"output {target} was already written for another input in this run; give inputs distinct relative paths")
        write_atomic(target, rendered, durable=False)  # flushed all at once by finish()
        self._written.add(str(target))

    def _make_folders(self, target: Path) -> None:
        """Create the folders above ``target`` one by one, checking each stays
        inside the root before anything is created below it."""
        folder = self.root
        for part in target.relative_to(self.root).parts[:-1]:
            folder = folder / part
            if str(folder) in self._checked:
                continue
            try:
                folder.mkdir(exist_ok=True)
            except OSError as error:
                raise OutputError(f"cannot create folder {folder}: {error.strerror}; remove what is in the way") from None
            if not _inside(os.path.realpath(folder), self._real_root):
                raise OutputError(f"{folder} is a link leading outside {self.root}; refusing to write through it")
            self._checked.add(str(folder))

    def finish(self) -> None:
        if self._written:
            flush_to_disk()

    def discard(self) -> None:
        pass


def _inside(real: str, root: str) -> bool:
    """
    >>> _inside("/out/a", "/out"), _inside("/out", "/out"), _inside("/outside", "/out")
    (True, True, False)
    """
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


class StdoutOutput:
    """A stream of records (JSON Lines plans) on standard output."""

    def done_before(self, task: Task) -> bool:
        return False

    def write(self, task: Task, rendered: bytes) -> None:
        sys.stdout.buffer.write(rendered)
        sys.stdout.buffer.flush()

    def finish(self) -> None:
        pass

    def discard(self) -> None:
        pass


class JsonlFileOutput:
    """A JSON Lines file written atomically.  With ``resume``, an existing file's
    plans are kept and the inputs they name are :meth:`done_before`."""

    def __init__(self, path: Path, resume: bool = False) -> None:
        path = Path(path)
        existing = path if resume and path.is_file() else None
        self._done = finished_keys(existing) if existing else set()
        self._stream = AtomicStream(path, initial=existing)

    def done_before(self, task: Task) -> bool:
        return task.key is not None and task.key in self._done

    def write(self, task: Task, rendered: bytes) -> None:
        self._stream.write(rendered)

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
                raise OutputError(f"cannot resume into {path}: line {number} is not a wpclean plan; choose another -o, or drop --skip-existing") from None
            key = info.get("id") or info.get("path")
            if key:
                keys.add(key)
    return keys
