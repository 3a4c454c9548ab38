"""SIGTERM and SIGHUP handled as Ctrl-C is: they raise :class:`Stopped`, a
``KeyboardInterrupt``, in the main thread, so a run cleans up (finishes its
renames, writes its errors file, removes temporary files, stops its workers)
and exits with 128 + the signal's number.

>>> interrupted_exit_code(KeyboardInterrupt()), interrupted_exit_code(Stopped(signal.SIGTERM))
(130, 143)
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class Stopped(KeyboardInterrupt):
    """The run was asked to stop by SIGTERM or SIGHUP: handled as Ctrl-C is."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


def _raise_stopped(signum: int, frame: object) -> None:
    raise Stopped(signum)


def stop_on_signals() -> dict[int, object]:
    """Make SIGTERM and SIGHUP stop the run as Ctrl-C does; return the handlers they had."""
    if threading.current_thread() is not threading.main_thread():
        return {}
    return {signum: signal.signal(signum, _raise_stopped) for signum in STOP_SIGNALS}


@contextmanager
def stopped_by_signals() -> Iterator[None]:
    """SIGTERM and SIGHUP raise :class:`Stopped` (a KeyboardInterrupt) inside
    this block, so that what is being written is cleaned up as for Ctrl-C."""
    previous = stop_on_signals()
    try:
        yield
    finally:
        restore_signals(previous)


def interrupted_exit_code(error: KeyboardInterrupt) -> int:
    """128 + the signal's number: 130 for Ctrl-C, 143 for SIGTERM, 129 for SIGHUP."""
    return 128 + (error.signum if isinstance(error, Stopped) else signal.SIGINT)


def hold_signals(previous: dict[int, object]) -> None:
    for signum in previous:
        signal.signal(signum, signal.SIG_IGN)


def restore_signals(previous: dict[int, object]) -> None:
    for signum, handler in previous.items():
        signal.signal(signum, handler)  # type: ignore[arg-type]
