"""Reading inputs and writing outputs safely: atomic writes, never over an input."""

from __future__ import annotations

import os
import sys
import tempfile
from functools import cache
from pathlib import Path


class OutputError(Exception):
    """An output could not be written (the message says why and what to do)."""


def read_input(path: str) -> bytes:
    """The bytes of ``path``, or of standard input for ``-``."""
    if path == "-":
        return sys.stdin.buffer.read()
    return Path(path).read_bytes()


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    A failed write leaves no partial file, and the old content (if any) intact.
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
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as error:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {error.strerror}; choose a writable -o location") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
