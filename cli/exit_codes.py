"""Exit codes, and the one function that decides a run's exit code."""

from __future__ import annotations

import sys
from collections.abc import Iterable

OK = 0  # every input produced a plan (or every check passed)
FAILED = 1  # at least one input failed or its output could not be written (or a check failed)
USAGE = 2  # the command line is wrong: unknown option, bad value, missing path
INTERRUPTED = 130  # stopped with Ctrl-C (128 + SIGINT); finished outputs are kept
HUNG_UP = 129  # stopped by SIGHUP (128 + 1), as by Ctrl-C
TERMINATED = 143  # stopped by SIGTERM (128 + 15), as by Ctrl-C


def exit_code(failures: int, *, interrupted: bool = False, signal: int = 0, usage_error: bool = False) -> int:
    """The exit code of a run, from what happened in it.

    >>> exit_code(0), exit_code(3), exit_code(0, usage_error=True), exit_code(1, interrupted=True)
    (0, 1, 2, 130)
    >>> exit_code(0, interrupted=True, signal=15), exit_code(0, interrupted=True, signal=1)
    (143, 129)
    """
    if usage_error:
        return USAGE
    if interrupted:
        return 128 + signal if signal else INTERRUPTED
    return FAILED if failures else OK


def count_failures(outcomes: Iterable[bool]) -> int:
    return sum(1 for ok in outcomes if not ok)


def fail(message: str, code: int = USAGE):  # -> typer.Exit
    """Print one ``wpclean: error:`` line on stderr and return the Exit to raise."""
    import typer

    sys.stderr.write(f"wpclean: error: {message}\n")
    return typer.Exit(code)
