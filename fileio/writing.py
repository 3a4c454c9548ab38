"""Writing outputs safely: atomic writes, never over an input."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from functools import cache
from pathlib import Path


class OutputError(Exception):
    """An output could not be written (the message says why and what to do)."""


def write_atomic(path: Path, data: bytes | Iterable[bytes], *, durable: bool = True) -> None:
    """Write ``data`` (bytes, or parts written one after the other) to ``path``
    through a temporary file and a rename.

    A failed write leaves no partial file, and the old content (if any) intact.
    ``durable`` also flushes the file to disk before the rename (fsync); a batch
    writing thousands of files passes False and calls :func:`flush_to_disk` once.
    """
    path = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except FileNotFoundError:
        raise OutputError(f"cannot write {path}: folder {path.parent} does not exist; create it first") from None
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror}; choose a writable -o location") from None
    try:
        os.chmod(tmp, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as handle:
            handle.writelines([data] if isinstance(data, bytes) else data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as error:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {error.strerror}; choose a writable -o location") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def flush_to_disk() -> None:
    """Flush every written file to disk (one ``sync`` instead of one fsync per file)."""
    os.sync()


@cache
def _umask() -> int:
    """The process umask (read once: setting it is the only way to read it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def same_file(a: str | Path, b: str | Path) -> bool:
    """True when both paths name one existing file (so writing b would clobber a)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


class AtomicStream:
    """A file written record by record, that appears at ``path`` only on
    :meth:`commit` (temporary file, then rename) and holds only whole records:
    an interrupted write is cut off at the last record that was complete.

    Used for ``--jsonl -o FILE``, ``--errors FILE`` and ``--explain FILE``.
    """

    def __init__(self, path: Path, initial: Path | None = None) -> None:
        self.path = Path(path)
        try:
            fd, self._tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
        except FileNotFoundError:
            raise OutputError(f"cannot write {path}: folder {self.path.parent} does not exist; create it first") from None
        except OSError as error:
            raise OutputError(f"cannot write {path}: {error.strerror}; choose a writable location") from None
        self._handle = os.fdopen(fd, "wb")
        self._complete = 0  # bytes of whole records written
        if initial is not None:
            self._copy(initial)

    def _copy(self, initial: Path) -> None:
        with open(initial, "rb") as source:
            while block := source.read(1 << 20):
                self._handle.write(block)
        self._complete = self._handle.tell()

    def write(self, record: bytes) -> None:
        try:
            self._handle.write(record)
        except OSError as error:
            raise OutputError(f"cannot write {self.path}: {error.strerror}; free some space or choose another location") from None
        self._complete += len(record)

    def commit(self) -> None:
        """Keep the whole records written so far at ``path``."""
        try:
            self._handle.flush()
            self._handle.truncate(self._complete)
            os.fsync(self._handle.fileno())
            self._handle.close()
            os.chmod(self._tmp, 0o666 & ~_umask())
            os.replace(self._tmp, self.path)
        except OSError as error:
            self.discard()
            raise OutputError(f"cannot write {self.path}: {error.strerror}; choose a writable location") from None

    def discard(self) -> None:
        if not self._handle.closed:
            self._handle.close()
        Path(self._tmp).unlink(missing_ok=True)
