"""A batch's plans as JSON Lines partitions in an ``-o`` folder:
``DIR/part-00000.jsonl``, ``DIR/part-00001.jsonl``…, each holding up to
``size`` plans in input order (the layout Dask, Spark and most data tools read
as one dataset).

The parent writes them (plans come back from the workers, so the folder need
only exist where ``wpclean`` runs), each atomically: a partition appears whole
or not at all.  The last one, possibly shorter, is written when the run ends,
also after Ctrl-C.  With ``resume`` (``--skip-existing``) the plans already in
the folder's partitions are kept, the inputs they name are skipped, and new
partitions are numbered after the last one.
"""

from __future__ import annotations

import re
from pathlib import Path

from wpclean.batch.outputs import RunStopped, finished_keys, make_root, remove_unused
from wpclean.batch.tasks import Task
from wpclean.fileio.writing import OutputError, write_atomic

PARTITION = re.compile(r"^part-(\d+)\.jsonl$")


def partition_name(index: int) -> str:
    """
    >>> partition_name(0), partition_name(123456)
    ('part-00000.jsonl', 'part-123456.jsonl')
    """
    return f"part-{index:05d}.jsonl"


def existing_partitions(root: Path) -> list[Path]:
    """The partitions already in ``root``, in order (none if it does not exist)."""
    if not root.is_dir():
        return []
    found = [(int(match.group(1)), path) for path in root.iterdir() if (match := PARTITION.match(path.name))]
    return [path for _, path in sorted(found)]


class PartitionOutput:
    """The :class:`~wpclean.batch.outputs.Output` for ``-o DIR`` on a cluster."""

    def __init__(self, root: Path, size: int, resume: bool = False) -> None:
        self.root, self.size = Path(root), size
        try:
            self._made = make_root(self.root)
        except OSError as error:
            raise OutputError(f"cannot create output folder {root}: {error.strerror}; choose another -o") from None
        existing = existing_partitions(self.root) if resume else []
        self._done = set().union(*(finished_keys(path) for path in existing))
        self._next = int(PARTITION.match(existing[-1].name).group(1)) + 1 if existing else 0  # type: ignore[union-attr]
        self._pending: list[bytes] = []

    def done_before(self, task: Task) -> bool:
        return task.key is not None and task.key in self._done

    def prepare(self, task: Task) -> Task:
        return task

    def write(self, task: Task, rendered: bytes) -> None:
        self._pending.append(rendered)
        if len(self._pending) >= self.size:
            try:
                self._flush()
            except OutputError as error:  # several plans lost at once: stop, do not go on losing more
                raise RunStopped(str(error)) from None

    def _flush(self) -> None:
        """Write the pending plans as the next partition (they are dropped either way)."""
        target, plans = self.root / partition_name(self._next), self._pending
        self._pending = []
        try:
            write_atomic(target, b"".join(plans))
        except OutputError as error:
            raise OutputError(
                f"{error} ({len(plans):,} plans lost; rerun with --skip-existing once it is fixed)"
            ) from None
        self._next += 1

    def finish(self) -> None:
        if self._pending:
            self._flush()
        remove_unused(self._made)

    def discard(self) -> None:
        remove_unused(self._made)
