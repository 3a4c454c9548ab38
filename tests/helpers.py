"""What several test modules share: running wpclean as a subprocess."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

CI_VARIABLES = ("CI", "GITHUB_ACTIONS")  # set by CI runners; some commands behave differently under them


def run_wpclean(
    *args: str,
    input: bytes | None = None,  # noqa: A002 - subprocess.run's own name
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 300,
) -> subprocess.CompletedProcess[bytes]:
    """``python -m wpclean.cli ARGS`` in a fresh process, outside any CI
    environment (plus ``env``); stdout and stderr captured as bytes."""
    environ = {key: value for key, value in os.environ.items() if key not in CI_VARIABLES}
    return subprocess.run(
        [sys.executable, "-m", "wpclean.cli", *args],
        input=input,
        capture_output=True,
        cwd=cwd,
        timeout=timeout,
        env={**environ, **(env or {})},
    )


def interruptible() -> None:
    """``preexec_fn`` for a wpclean a test sends SIGINT: Ctrl-C's default action, as in a terminal.
    A shell without job control starts its background commands with SIGINT ignored, and Python (so
    wpclean) keeps it ignored: run so, the test would send its SIGINT in vain."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
