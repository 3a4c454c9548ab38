"""benchmarks/run.py's side-by-side timing of another checkout (``--against``) works end to end."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.timeout(240)
def test_run_py_times_another_checkout_beside_this_one_and_gives_validation_apart() -> None:
    # this checkout stands in for the earlier one: same interpreter, a tiny document, one round
    command = [
        sys.executable,
        str(ROOT / "benchmarks" / "run.py"),
        "--only",
        "document",
        "--doc-mb",
        "0.05",
        "--repeats",
        "1",
        "--against",
        str(ROOT),
        "--against-python",
        sys.executable,
    ]
    out = subprocess.run(command, capture_output=True, text=True, check=True, timeout=200).stdout
    rows = {line.split(" | ")[0].lstrip("| ") for line in out.splitlines() if line.startswith("| ")}
    assert {"wpclean: whole pipeline + JSON", "wpclean without validation"} <= rows
    assert f"{ROOT.name} (--against): whole pipeline + JSON" in rows
    assert f"wpclean / {ROOT.name} (--against) time, paired medians:" in out
