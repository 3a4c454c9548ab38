"""Writing outputs safely: atomic writes, never over an input.

A file the user names (``-o FILE``, ``--errors FILE``, ``--explain-to FILE``)
is written by :func:`write_file` or :class:`AtomicStream`:

- a regular file (or a new name) is written atomically: a temporary file
  beside it, then a rename, so a failed write leaves the old content intact;
- a symbolic link is *followed*: its target is written atomically and the link
  is kept (the link is not replaced by a regular file);
- a character device, a FIFO, a socket, and any name under ``/dev/`` or
  ``/proc/`` (``/dev/stdout``, ``/dev/null``, ``/dev/fd/3``) is written
  directly: there is nothing to rename over, and replacing it would destroy it.

Plans inside an ``-o`` folder use :func:`write_atomic` itself: a link there is
replaced, never followed (it could lead out of the folder).
"""

from __future__ import annotations

import errno
import glob as globbing
import os
import stat
from collections.abc import Iterable
from pathlib import Path


class OutputError(Exception):
    """An output could not be written (the message says why and what to do)."""


TEMP_SUFFIX = ".tmp"
MAX_NAME_BYTES = 255  # a file name's limit on every common file system
_TEMP_EXTRA = 1 + 1 + 8 + len(TEMP_SUFFIX)  # ".", ".", mkstemp's 8 random characters, ".tmp"
DIRECT_ROOTS = ("/dev/", "/proc/")


def temp_prefix(name: str) -> str:
    """The prefix of ``name``'s temporary files: ``.NAME.``, with NAME cut so
    that the temporary name still fits in 255 bytes.

    >>> temp_prefix("plan.json")
    '.plan.json.'
    >>> len(os.fsencode(temp_prefix("一" * 85) + "12345678" + TEMP_SUFFIX)) <= MAX_NAME_BYTES
    True
    """
    raw = os.fsencode(name)
    cut = raw[: MAX_NAME_BYTES - _TEMP_EXTRA]
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:  # not UTF-8 to begin with: keep the bytes as they are
        return "." + os.fsdecode(cut) + "."
    return "." + cut.decode("utf-8", "ignore") + "."  # without a character cut in two


def remove_temp_files(path: str | Path) -> int:
    """Remove the temporary files an interrupted write of ``path`` left beside
    it (a worker killed mid-write); return how many were removed."""
    path = Path(path)
    pattern = globbing.escape(str(path.parent / temp_prefix(path.name))) + "*" + TEMP_SUFFIX
    removed = 0
    for leftover in globbing.glob(pattern, include_hidden=True):
        try:
            os.unlink(leftover)
            removed += 1
        except OSError:
            pass
    return removed


def writes_directly(path: str | Path) -> bool:
    """Whether ``path`` is written in place rather than atomically: a device,
    a FIFO or a socket (following links), or a name under ``/dev/`` or ``/proc/``.

    >>> writes_directly("/dev/null"), writes_directly("/dev/stdout"), writes_directly("plan.json")
    (True, True, False)
    """
    name = os.path.abspath(path)
    if any(hop.startswith(DIRECT_ROOTS) for hop in _link_chain(name)):
        return True
    try:
        mode = os.stat(name).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _link_chain(name: str, hops: int = 40) -> list[str]:
    """``name`` and every name its links lead to, in turn (a loop stops after ``hops``)."""
    chain = [name]
    while hops and os.path.islink(chain[-1]):
        try:
            chain.append(os.path.normpath(os.path.join(os.path.dirname(chain[-1]), os.readlink(chain[-1]))))
        except OSError:
            break
        hops -= 1
    return chain


def atomic_target(path: str | Path) -> Path:
    """Where an atomic write of the user-named ``path`` goes: the file itself,
    or, for a symbolic link, the file it leads to (the link is kept)."""
    path = Path(path)
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def reason(error: OSError) -> str:
    """What went wrong and what to do, for an error while writing.

    >>> reason(OSError(errno.ENOSPC, "No space left on device"))
    'No space left on device; free some space or choose another location'
    """
    what = error.strerror or str(error)
    if error.errno == errno.ENOSPC or error.errno == errno.EDQUOT:
        return f"{what}; free some space or choose another location"
    if error.errno == errno.EROFS:
        return f"{what} (a read-only file system); choose a writable location"
    if error.errno == errno.ENAMETOOLONG:
        return f"{what}; choose a shorter name"
    return f"{what}; choose a writable location"


def write_file(path: str | Path, data: bytes | Iterable[bytes]) -> None:
    """Write a file the user named: atomically, following a link to its target,
    or in place for a device, a FIFO or ``/dev/stdout`` (see the module's doc)."""
    if writes_directly(path):
        try:
            with open(path, "wb") as handle:
                handle.writelines([data] if isinstance(data, bytes) else data)
        except OSError as error:
            raise OutputError(f"cannot write {path}: {reason(error)}") from None
        return
    write_atomic(atomic_target(path), data)


def write_atomic(path: str | Path, data: bytes | Iterable[bytes], *, durable: bool = True) -> None:
    """Write ``data`` (bytes, or parts written one after the other) to ``path``
    through a temporary file and a rename.

    A failed write leaves no partial file, and the old content (if any) intact.
    ``durable`` also flushes the file to disk before the rename (fsync); a batch
    writing thousands of files passes False and calls :func:`flush_to_disk` once.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     write_atomic(Path(folder, "plan.json"), [b"{", b"}"])
    ...     os.listdir(folder), Path(folder, "plan.json").read_bytes()
    (['plan.json'], b'{}')
    """
    fd, tmp = _make_temp(os.fspath(path))
    try:
        try:
            if isinstance(data, bytes):
                _write_all(fd, data)
            else:
                for part in data:
                    _write_all(fd, part)
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except OSError as error:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {reason(error)}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _write_all(fd: int, data: bytes) -> None:
    """All of ``data`` to the descriptor (``os.write`` may take only part of it)."""
    written = os.write(fd, data)
    if written < len(data):
        view = memoryview(data)[written:]
        while view:
            view = view[os.write(fd, view) :]


_TEMP_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
_TEMP_TRIES = 100  # names taken by other writers before giving up (tempfile's own limit is 10,000)


def _make_temp(path: str | Path) -> tuple[int, str]:
    """A new temporary file beside ``path`` (its descriptor and name): created
    exclusively, so never another writer's, with the mode a new file gets
    (0o666 less the umask, as ``open`` would make it), named
    ``.NAME.<8 random characters>.tmp``.  (``tempfile.mkstemp`` costs twice
    as much, and its 0o600 would need a ``chmod`` after it.)"""
    folder, name = os.path.split(os.fspath(path))
    prefix = os.path.join(folder, temp_prefix(name))
    for _ in range(_TEMP_TRIES):
        tmp = prefix + os.urandom(4).hex() + TEMP_SUFFIX
        try:
            return os.open(tmp, _TEMP_FLAGS, 0o666), tmp
        except FileExistsError:
            continue
        except FileNotFoundError:
            raise OutputError(f"cannot write {path}: folder {folder or '.'} does not exist; create it first") from None
        except OSError as error:
            raise OutputError(f"cannot write {path}: {reason(error)}") from None
    raise OutputError(f"cannot write {path}: no free temporary name beside it; remove the {TEMP_SUFFIX} files there")


def flush_to_disk() -> None:
    """Flush every written file to disk (one ``sync`` instead of one fsync per file)."""
    os.sync()


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

    A link is followed (its target is written), and a device, a FIFO or
    ``/dev/stdout`` is written directly, record by record (see the module's doc).
    A write that fails (a full disk) discards the file at once: nothing is left
    behind, and :meth:`commit` then keeps nothing.

    Used for ``--jsonl -o FILE``, ``--errors FILE`` and ``--explain-to FILE``.
    """

    def __init__(self, path: Path, initial: Path | None = None) -> None:
        self.path = Path(path)
        self._tmp: str | None = None
        self._complete = 0  # bytes of whole records written
        self.failed = False
        if writes_directly(self.path):
            try:
                self._handle = open(self.path, "wb")
            except OSError as error:
                raise OutputError(f"cannot write {path}: {reason(error)}") from None
            return
        self._target = atomic_target(self.path)
        fd, self._tmp = _make_temp(self._target)
        self._handle = os.fdopen(fd, "wb")
        if initial is not None:
            self._copy(initial)

    def _copy(self, initial: Path) -> None:
        try:
            with open(initial, "rb") as source:
                while block := source.read(1 << 20):
                    self._handle.write(block)
            self._complete = self._handle.tell()
        except OSError as error:
            self._fail(error)

    def write(self, record: bytes) -> None:
        if self.failed:
            return
        try:
            self._handle.write(record)
        except OSError as error:
            self._fail(error)
        self._complete += len(record)

    def _fail(self, error: OSError):  # -> NoReturn
        self.failed = True
        self.discard()
        raise OutputError(f"cannot write {self.path}: {reason(error)}") from None

    def commit(self) -> None:
        """Keep the whole records written so far at ``path`` (nothing, after a failed write)."""
        if self.failed:
            return
        try:
            self._handle.flush()
            if self._tmp is None:  # written in place
                self._handle.close()
                return
            self._handle.truncate(self._complete)
            os.fsync(self._handle.fileno())
            self._handle.close()
            os.replace(self._tmp, self._target)
        except OSError as error:
            self._fail(error)

    def discard(self) -> None:
        """Remove the temporary file, then close it: unlinked first, so closing
        (which flushes what is buffered) cannot fail on a full disk and leave it."""
        if self._tmp is not None:
            Path(self._tmp).unlink(missing_ok=True)
        try:
            self._handle.close()
        except OSError:
            pass
