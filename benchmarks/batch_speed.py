"""How much faster is ``-j N`` than ``-j 1``?  Generates PAGES small pages,
runs ``wpclean DIR -o OUT -q -j J`` as a subprocess for each J, alternating,
ROUNDS times, and prints pages/s (and CPU seconds) per run and the ratio of the medians.

Each round also runs the **ceiling**: two independent ``wpclean --from-list
HALF -o OUT -q -j 1`` processes at once, each on half of the pages.  Nothing
is shared between them (no pool, no parent routing results), so their
speed-up over one ``-j 1`` run is what this machine's two cores give this
work at best; ``-j 2`` can only approach it.

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
    subprocess.run(
        [sys.executable, "-m", "wpclean.cli", str(folder), "-o", str(out), "-q", "-j", str(jobs)], check=True
    )
    return time.perf_counter() - started, _children_cpu() - cpu_before


def run_halves(files: list[Path], tmp: Path, name: str) -> tuple[float, float]:
    """Wall-clock and CPU seconds of two independent ``-j 1`` runs, one per
    half of ``files``, started together."""
    commands = []
    for number, half in enumerate((files[: len(files) // 2], files[len(files) // 2 :])):
        listing = tmp / f"{name}-half{number}.txt"
        listing.write_text("".join(f"{path}\n" for path in half), encoding="utf-8")
        out = tmp / f"{name}-out{number}"
        commands.append(
            [sys.executable, "-m", "wpclean.cli", "--from-list", str(listing), "-o", str(out), "-q", "-j", "1"]
        )
    cpu_before, started = _children_cpu(), time.perf_counter()
    processes = [subprocess.Popen(command) for command in commands]
    if any(process.wait() != 0 for process in processes):
        raise SystemExit("a half run failed")
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
        files = sorted(folder.rglob("*.txt"))
        times: dict[int | str, list[float]] = {j: [] for j in (*jobs, "ceiling")}
        for round_ in range(rounds):
            for j in (*jobs, "ceiling"):
                if j == "ceiling":
                    seconds, cpu = run_halves(files, Path(tmp), f"r{round_}")
                else:
                    seconds, cpu = run(folder, Path(tmp) / f"out-{round_}-{j}", j)
                times[j].append(seconds)
                label = "2 x -j 1 on halves" if j == "ceiling" else f"-j {j}"
                print(
                    f"round {round_ + 1}  {label:>18}: {seconds:6.2f} s  {pages / seconds:7.1f} pages/s  "
                    f"{size / seconds / 1e6:5.2f} MB/s  cpu {cpu:6.2f} s"
                )
        base = statistics.median(times[jobs[0]])
        for j in (*jobs[1:], "ceiling"):
            label = "the ceiling (2 x -j 1 on halves)" if j == "ceiling" else f"-j {j}"
            print(f"{label} vs -j {jobs[0]}: {base / statistics.median(times[j]):.2f}x (medians)")


if __name__ == "__main__":
    args = [int(arg) for arg in sys.argv[1:]]
    main(*args[:2], *([tuple(args[2:])] if len(args) > 2 else []))
