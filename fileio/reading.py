"""The one reader of inputs, for every command: a path, ``-``, a URL, a FIFO.

Every read is bounded: at most ``max_bytes + 1`` bytes are ever read, so an
endless stream (``/dev/zero``, a pipe that never closes its end) or a file
over the limit costs no more than the limit, and a regular file whose size
says it is over the limit is refused before it is read at all.
"""

from __future__ import annotations

import os
import stat
import sys
from typing import BinaryIO

from wpclean.decode import check_size
from wpclean.errors import InputTooLargeError

STDIO = "-"  # standard input as an input, standard output as an output
_CHUNK = 1 << 20


def read_input(source: str, max_bytes: int) -> bytes:
    """The bytes of ``source`` (a path, ``-`` for standard input, or a URL),
    refusing more than ``max_bytes``.  Raises :class:`OSError` when it cannot
    be read and :class:`~wpclean.errors.InputTooLargeError` when it is too large.

    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile() as page:
    ...     _ = page.write(b"abc"); page.flush()
    ...     read_input(page.name, 3)
    b'abc'
    """
    if source == STDIO:
        return read_bounded(sys.stdin.buffer, max_bytes)
    from wpclean.fileio.remote import is_url, open_url

    if is_url(source):
        with open_url(source) as handle:
            size = getattr(handle, "size", None)  # where the filesystem knows it
            if isinstance(size, int):
                check_size(size, max_bytes)  # before reading it
            return read_bounded(handle, max_bytes)
    with open(source, "rb") as handle:
        status = os.fstat(handle.fileno())
        if stat.S_ISREG(status.st_mode):
            check_size(status.st_size, max_bytes)  # before reading it
        return read_bounded(handle, max_bytes)


def read_bounded(stream: BinaryIO, max_bytes: int) -> bytes:
    """Read ``stream`` to its end, or fail as soon as it gives more than ``max_bytes``.

    >>> import io
    >>> read_bounded(io.BytesIO(b"12345"), 5)
    b'12345'
    >>> read_bounded(io.BytesIO(b"123456"), 5)
    Traceback (most recent call last):
    wpclean.errors.InputTooLargeError: input is over the --max-bytes limit of 5 bytes; raise --max-bytes to process it
    """
    parts, total = [], 0
    while total <= max_bytes:
        part = stream.read(min(_CHUNK, max_bytes + 1 - total))
        if not part:
            return b"".join(parts)
        parts.append(part)
        total += len(part)
    raise too_large(max_bytes)


def too_large(max_bytes: int) -> InputTooLargeError:
    """The error for an input found, while reading, to be over ``max_bytes``."""
    return InputTooLargeError(
        f"input is over the --max-bytes limit of {max_bytes:,} bytes; raise --max-bytes to process it"
    )
