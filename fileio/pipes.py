"""A closed standard output (``wpclean page.txt | head -1``) ends output quietly.

When the reader of a pipe goes away, writing raises ``BrokenPipeError``.
wpclean then stops writing, prints nothing about it and keeps the run's
verdict as its exit code (0 when everything done so far went well), rather
than a traceback or Python's "Exception ignored" at exit.  The stream's
descriptor is pointed at ``/dev/null`` so the interpreter's final flush of
what is still buffered cannot fail again.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import TextIO


@contextmanager
def stdout_closing_quietly() -> Iterator[None]:
    """Run the block; if it finds standard output closed, silence stdout and carry on.

    >>> with stdout_closing_quietly():
    ...     raise BrokenPipeError
    """
    try:
        yield
    except BrokenPipeError:
        silence(sys.stdout)


@contextmanager
def stderr_closing_quietly() -> Iterator[None]:
    """As :func:`stdout_closing_quietly`, for standard error (``wpclean check … 2>&1 | head``)."""
    try:
        yield
    except BrokenPipeError:
        silence(sys.stderr)


def silence(stream: TextIO) -> None:
    """Point ``stream``'s descriptor at /dev/null (when it has one: not in tests' captured streams).

    >>> import io
    >>> silence(io.StringIO())
    """
    try:
        descriptor = stream.fileno()
    except (AttributeError, OSError, ValueError):
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, descriptor)
    finally:
        os.close(devnull)


def pipe_safe_console(**settings: object):  # -> rich.console.Console
    """A rich Console that, when its stream is closed, goes quiet instead of
    exiting with code 1 (rich's default: ``on_broken_pipe`` raises SystemExit(1))."""
    return _pipe_safe_console_class()(**settings)


@cache
def _pipe_safe_console_class() -> type:
    from rich.console import Console

    class PipeSafeConsole(Console):
        def on_broken_pipe(self) -> None:
            self.quiet = True  # later prints are dropped
            silence(self.file)

    return PipeSafeConsole
