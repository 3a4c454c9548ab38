"""How much faster is ``-j N`` than ``-j 1``?  Generates PAGES small pages,
runs ``wpclean DIR -o OUT -q -j J`` as a subprocess for each J, alternating,
ROUNDS times, and prints pages/s (and CPU seconds) per run and the ratio of the medians.

    python benchmarks/batch_speed.py [PAGES] [ROUNDS] [J...]     (defaults: 3000 3 1 2)

Wall-clock numbers: on a shared machine, run it when it is quiet and read the
spread between rounds as the noise.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.generated import write_pages  # noqa: E402


def run(folder: Path, out: Path, jobs: int) -> tuple[float, float]:
    """Wall-clock and CPU seconds (wpclean and its workers) of one run."""
    cpu_before, started = _children_cpu(), time.perf_counter()
    subprocess.run([sys.executable, "-m", "wpclean.cli", str(folder), "-o", str(out), "-q", "-j", str(jobs)], check=True)
    return time.perf_counter() - started, _children_cpu() - cpu_before


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main(pages: int = 3000, rounds: int = 3, jobs: tuple[int, ...] = (1, 2)) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        write_pages(folder, pages)
        size = sum(path.stat().st_size for path in folder.rglob("*.txt"))
        print(f"{pages} pages, {size / 1e6:.1f} MB")
        times: dict[int, list[float]] = {j: [] for j in jobs}
        for round_ in range(rounds):
            for j in jobs:
                seconds, cpu = run(folder, Path(tmp) / f"out-{round_}-{j}", j)
                times[j].append(seconds)
                print(f"round {round_ + 1}  -j {j}: {seconds:6.2f} s  {pages / seconds:7.1f} pages/s  {size / seconds / 1e6:5.2f} MB/s  cpu {cpu:6.2f} s")
        base = statistics.median(times[jobs[0]])
        for j in jobs[1:]:
            print(f"-j {j} vs -j {jobs[0]}: {base / statistics.median(times[j]):.2f}x (medians)")


if __name__ == "__main__":
    args = [int(arg) for arg in sys.argv[1:]]
    main(*args[:2], *([tuple(args[2:])] if len(args) > 2 else []))
