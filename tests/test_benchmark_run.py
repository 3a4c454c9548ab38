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


@pytest.mark.timeout(120)
def test_assignments_speed_each_runs_every_page_and_table_reads_one_dump_per_run(tmp_path: Path) -> None:
    script = str(ROOT / "benchmarks" / "assignments_speed.py")
    glob = "originals/10-*.txt"
    subprocess.run([sys.executable, script, "--each", glob], check=True, timeout=100)  # outside valgrind: runs only
    # callgrind's dumps, one a window: the page with the extraction on (first), then off
    (tmp_path / "cg.out.1").write_text("events: Ir\nsummary: 1150000\n", encoding="utf-8")
    (tmp_path / "cg.out.2").write_text("events: Ir\nsummary: 1000000\n", encoding="utf-8")
    command = [sys.executable, script, "--table", str(tmp_path / "cg.out"), glob]
    out = subprocess.run(command, capture_output=True, text=True, check=True, timeout=100).stdout
    assert "originals/10-baotou-shuzizhengfu-kaoping-2022.txt" in out
    assert "    1.00     1.15  +15.0%" in out
    assert "median page +15.0%; above 15%: 0 of 1" in out
