"""wpclean beside the baseline, on the same inputs, in one run.

The baseline (benchmarks/baseline.py) is one regex deleting ``(letters)`` after
a Han character plus OpenCC t2s, in one Python process.  Printed, as Markdown
tables with the ratios:

- one large document (the sample inputs concatenated, repeated to about
  ``--doc-mb`` MB): throughput in MB/s, wpclean's whole pipeline (decode,
  clean, structure, validation, JSON) against the baseline's decode, regex
  and conversion, in this process, median of ``--repeats``;
- growth: wpclean on 1x, 4x and 16x the samples concatenated (time per MB
  must stay flat);
- peak memory (maximum resident set of the largest process) of a one-page
  run, of the large document, and of the batches;
- start-up: a one-page run as a fresh process, ``wpclean page.txt -o
  plan.json`` against ``python benchmarks/baseline.py page``, median of
  ``--startup-runs``;
- batch: ``--pages`` page-sized files (tests/generated.py), ``wpclean DIR -o
  OUT -q -j N`` for N = 1, 2 against the baseline looping over the files with
  1 and 2 processes, pages/s, median of ``--rounds`` (runs alternate, so a
  busy moment on the machine hits every contender).

    python benchmarks/run.py                 # the full run, a few minutes on 2 cores
    python benchmarks/run.py --quick         # smaller inputs, fewer repeats (about a minute)
    python benchmarks/run.py --against ../old-checkout   # and an earlier commit, side by side

``--against CHECKOUT`` times another checkout of wpclean (an earlier commit,
installed in its own environment, ``CHECKOUT/.venv`` unless
``--against-python`` names the interpreter; its ``benchmarks/run.py`` must
have ``wpclean_document``) in the same run, interleaved with this one: the
large document (whole pipeline + JSON, in a process of its own that times
one run each time it is asked) and the batch's ``-j 1``.  The document table
also gives validation apart: the models' check of the plan's data, timed
alone in the same rounds, and the pipeline's time without it.

Wall-clock figures: on a shared machine, read the spread (min-max) as the noise.
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import baseline  # noqa: E402
from tests.generated import write_pages  # noqa: E402

SAMPLES = sorted((ROOT / "samples" / "corpus").glob("*.txt")) + [ROOT / "samples" / "shenzhen-edu-2019-workplan.txt"]
PAGE = ROOT / "samples" / "shenzhen-edu-2019-workplan.txt"
MB = 1e6


def samples_text() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in SAMPLES)


def repeated(text: str, megabytes: float) -> str:
    """``text`` repeated (joined by newlines) to about ``megabytes`` MB of UTF-8."""
    copies = max(1, round(megabytes * MB / len(text.encode("utf-8"))))
    return "\n".join([text] * copies)


def timings(run: Callable[[], object], repeats: int) -> list[float]:
    seconds = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        seconds.append(time.perf_counter() - started)
    return seconds


def spread(values: list[float]) -> str:
    """The median, with the range as the noise."""
    return f"{statistics.median(values):.3f} ({min(values):.3f}-{max(values):.3f})"


def wpclean_document(data: bytes) -> bytes:
    from wpclean import process_bytes
    from wpclean.render.formats import render_plan

    return render_plan(process_bytes(data).plan)


def baseline_document(data: bytes) -> str:
    return baseline.clean(data.decode("utf-8"))


def document(data: bytes, repeats: int, against: Against | None = None) -> None:
    wpclean_document(PAGE.read_bytes()), baseline_document(PAGE.read_bytes())  # build converters, compile patterns
    size = len(data) / MB
    ours, theirs, other = [], [], []
    for _ in range(repeats):  # interleaved, so that a busy moment hits both
        ours += timings(lambda: wpclean_document(data), 1)
        theirs += timings(lambda: baseline_document(data), 1)
        if against:
            other.append(against.time_document())
    plan = process_plan(data)  # kept only now: a plan held through the rounds would slow the collector in them
    validating = [validation_seconds(plan) for _ in range(repeats)]
    del plan
    ours_rate, theirs_rate = size / statistics.median(ours), size / statistics.median(theirs)
    paired = statistics.median(b / a for a, b in zip(ours, theirs))
    unvalidated = [a - statistics.median(validating) for a in ours]
    print(f"\n### One large document ({size:.1f} MB, {len(data.decode('utf-8')):,} characters; median of {repeats})\n")
    print("| | seconds (min-max) | MB/s |\n| --- | ---: | ---: |")
    print(f"| baseline: regex + OpenCC t2s | {spread(theirs)} | {theirs_rate:.1f} |")
    print(f"| wpclean: whole pipeline + JSON | {spread(ours)} | {ours_rate:.1f} |")
    print(f"| of which validation (its plan's check, timed after) | {spread(validating)} | |")
    print(f"| wpclean without validation | {spread(unvalidated)} | {size / statistics.median(unvalidated):.1f} |")
    if against:
        print(f"| {against.label}: whole pipeline + JSON | {spread(other)} | {size / statistics.median(other):.1f} |")
    print(
        f"\nwpclean / baseline throughput: **{ours_rate / theirs_rate:.2f}x** (medians; median of the paired runs' ratios: "
        f"{paired:.2f}x; target: at least 0.5x)"
    )
    if against:
        print(
            f"\nwpclean / {against.label} time, paired medians: {statistics.median(a / b for a, b in zip(ours, other)):.2f}x, "
            f"without validation {statistics.median(a / b for a, b in zip(unvalidated, other)):.2f}x"
        )


def process_plan(data: bytes):  # noqa: ANN201 - wpclean's Plan
    from wpclean import process_bytes

    return process_bytes(data).plan


def validation_seconds(plan) -> float:  # noqa: ANN001 - wpclean's Plan
    """What validation adds to writing a plan: the models' check of its data (which the
    JSON is made from with or without it), timed alone, as the pipeline runs it."""
    from wpclean.render.formats import check_plan_data
    from wpclean.schemas import plan_data

    data = plan_data(plan)
    started = time.perf_counter()
    check_plan_data(data)
    return time.perf_counter() - started


AGAINST_SERVER = """
import sys, time
sys.path.insert(0, sys.argv[1])
from benchmarks.run import wpclean_document
data = open(sys.argv[2], "rb").read()
wpclean_document(data)
for line in sys.stdin:
    started = time.perf_counter()
    wpclean_document(data)
    print(time.perf_counter() - started, flush=True)
"""


class Against:
    """Another checkout of wpclean (an earlier commit, in its own environment), timed
    beside this one in the same run: a process of its interpreter that has imported
    its ``benchmarks/run.py`` and the document, and times one ``wpclean_document``
    each time it is asked, so that its runs interleave with this one's."""

    def __init__(self, checkout: Path, python: Path | None, doc: Path) -> None:
        self.checkout = checkout.resolve()
        self.python = python or self.checkout / ".venv" / "bin" / "python"
        self.label = f"{self.checkout.name} (--against)"
        self.doc = doc
        self._server: subprocess.Popen[str] | None = None

    def time_document(self) -> float:
        if self._server is None:
            command = [str(self.python), "-c", AGAINST_SERVER, str(self.checkout), str(self.doc)]
            self._server = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert self._server.stdin and self._server.stdout
        self._server.stdin.write("run\n")
        self._server.stdin.flush()
        return float(self._server.stdout.readline())

    def wpclean_command(self) -> list[str]:
        return [str(self.python.with_name("wpclean"))]

    def write_bytecode(self) -> None:
        """Its modules compiled by its interpreter (see :func:`write_bytecode`)."""
        folders = [path for path in self.checkout.iterdir() if path.is_dir() and not path.name.startswith(".")]
        subprocess.run([str(self.python), "-m", "compileall", "-q", *map(str, folders)], check=True)

    def close(self) -> None:
        if self._server is not None:
            self._server.communicate(timeout=60)


def growth(unit: str, repeats: int, factors: tuple[int, ...] = (1, 4, 16)) -> None:
    print(
        f"\n### Growth (the samples concatenated, {len(unit.encode('utf-8')) / MB:.2f} MB, times 1, 4, 16; median of {repeats})\n"
    )
    print("| input | MB | wpclean s | s per MB | baseline s | s per MB |\n| --- | ---: | ---: | ---: | ---: | ---: |")
    for factor in factors:
        data = "\n".join([unit] * factor).encode("utf-8")
        ours = statistics.median(timings(lambda data=data: wpclean_document(data), repeats))
        theirs = statistics.median(timings(lambda data=data: baseline_document(data), repeats))
        size = len(data) / MB
        print(f"| {factor}x | {size:.1f} | {ours:.3f} | {ours / size:.3f} | {theirs:.3f} | {theirs / size:.3f} |")


def measured(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak memory (MB; the largest process: the command or
    any worker it waited for) of ``command`` run in a fresh wrapper process."""
    wrapper = (
        "import resource, subprocess, sys, time\n"
        "started = time.perf_counter(); subprocess.run(sys.argv[1:], check=True)\n"
        "print(time.perf_counter() - started, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", wrapper, *command], check=True, capture_output=True, text=True).stdout
    seconds, kilobytes = out.split()
    return float(seconds), int(kilobytes) / 1024


def wpclean_command() -> list[str]:
    """The installed console script beside this interpreter, else ``python -m``."""
    script = Path(sys.executable).with_name("wpclean")
    return [str(script)] if script.exists() else [sys.executable, "-m", "wpclean.cli"]


def baseline_command(*args: str) -> list[str]:
    return [sys.executable, str(ROOT / "benchmarks" / "baseline.py"), *args]


def memory(doc: Path, tmp: Path) -> None:
    size = doc.stat().st_size / MB
    rows = [
        (
            "one page",
            measured([*wpclean_command(), str(PAGE), "-o", str(tmp / "page.json")])[1],
            measured(baseline_command("page", str(PAGE), str(tmp / "page.out")))[1],
        ),
        (
            f"large document ({size:.1f} MB)",
            measured([*wpclean_command(), str(doc), "-o", str(tmp / "doc.json")])[1],
            measured(baseline_command("page", str(doc), str(tmp / "doc.out")))[1],
        ),
    ]
    print("\n### Peak memory (maximum resident set, MB)\n")
    print("| run | wpclean | baseline |\n| --- | ---: | ---: |")
    for name, ours, theirs in rows:
        print(f"| {name} | {ours:.0f} | {theirs:.0f} |")
    (_, page_ours, page_theirs), (_, doc_ours, doc_theirs) = rows
    print(
        f"\nAbove a one-page run, per MB of input: wpclean {(doc_ours - page_ours) / size:.1f}, "
        f"baseline {(doc_theirs - page_theirs) / size:.1f} (target for wpclean: at most 3)"
    )


def startup(runs: int, tmp: Path) -> None:
    commands = {
        "baseline": baseline_command("page", str(PAGE), str(tmp / "page.out")),
        "wpclean": [*wpclean_command(), str(PAGE), "-o", str(tmp / "page.json")],
        "python -c pass": [sys.executable, "-c", "pass"],
        "import typer, pydantic.BaseModel, opencc": [
            sys.executable,
            "-c",
            "import typer, opencc; from pydantic import BaseModel",
        ],
        "a typer command around OpenCC (typer_floor.py)": [
            sys.executable,
            str(ROOT / "benchmarks" / "typer_floor.py"),
            str(PAGE),
            "-o",
            str(tmp / "floor.out"),
        ],
    }
    seconds: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):  # interleaved, so that a busy moment hits all of them
        for name, command in commands.items():
            seconds[name].append(timings(lambda command=command: subprocess.run(command, check=True), 1)[0])
    base = statistics.median(seconds["baseline"])
    print(f"\n### Start-up: one page ({PAGE.stat().st_size / 1000:.0f} kB) as a fresh process (median of {runs})\n")
    print("| run | seconds (min-max) | / baseline |\n| --- | ---: | ---: |")
    for name, values in seconds.items():
        print(f"| {name} | {spread(values)} | {statistics.median(values) / base:.2f} |")
    print("\n(target for wpclean: at most 4x the baseline)")


def batch(pages: int, rounds: int, tmp: Path, against: Against | None = None) -> None:
    folder = tmp / "pages"
    write_pages(folder, pages)
    size = sum(path.stat().st_size for path in folder.rglob("*.txt")) / MB
    contenders = {
        "baseline, 1 process": lambda out: baseline_command("batch", str(folder), str(out), "-j", "1"),
        "baseline, 2 processes": lambda out: baseline_command("batch", str(folder), str(out), "-j", "2"),
        "wpclean -j 1": lambda out: [*wpclean_command(), str(folder), "-o", str(out), "-q", "-j", "1"],
        "wpclean -j 2": lambda out: [*wpclean_command(), str(folder), "-o", str(out), "-q", "-j", "2"],
        "ceiling: 2 x wpclean -j 1 on halves, at once": lambda out: _halves_command(folder, out, tmp),
    }
    if against:
        contenders[f"{against.label} -j 1"] = lambda out: [
            *against.wpclean_command(),
            str(folder),
            "-o",
            str(out),
            "-q",
            "-j",
            "1",
        ]
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in contenders}
    for round_ in range(rounds):
        for number, (name, command) in enumerate(contenders.items()):
            results[name].append(measured(command(tmp / f"out-{round_}-{number}")))
    _print_batch(pages, size, rounds, results)


def _halves_command(folder: Path, out: Path, tmp: Path) -> list[str]:
    """Two independent ``wpclean --from-list HALF -j 1`` processes started
    together (a shell waits for both): nothing shared, no pool, so their
    speed-up over one ``-j 1`` run is the most two cores give this work, the
    ceiling ``-j 2`` can approach."""
    files = sorted(folder.rglob("*.txt"))
    commands = []
    for number, half in enumerate((files[: len(files) // 2], files[len(files) // 2 :])):
        listing = tmp / f"half{number}.txt"
        listing.write_text("".join(f"{path}\n" for path in half), encoding="utf-8")
        commands.append(
            shlex.join([*wpclean_command(), "--from-list", str(listing), "-o", str(out / str(number)), "-q", "-j", "1"])
        )
    return ["sh", "-c", f"{commands[0]} & first=$!; {commands[1]} & second=$!; wait $first && wait $second"]


def _print_batch(pages: int, size: float, rounds: int, results: dict[str, list[tuple[float, float]]]) -> None:
    print(f"\n### Batch: {pages:,} page-sized files ({size:.1f} MB), fresh processes, median of {rounds}\n")
    print("| run | seconds (min-max) | pages/s | peak MB (largest process) |\n| --- | ---: | ---: | ---: |")
    medians = {}
    for name, runs in results.items():
        seconds = [s for s, _ in runs]
        medians[name] = statistics.median(seconds)
        print(f"| {name} | {spread(seconds)} | {pages / medians[name]:.0f} | {max(m for _, m in runs):.0f} |")
    ceiling = medians["wpclean -j 1"] / medians["ceiling: 2 x wpclean -j 1 on halves, at once"]
    print(f"\nthe ceiling / -j 1: {ceiling:.2f}x (what two independent processes get from this machine now)")
    print(
        f"\nwpclean -j 2 / -j 1: **{medians['wpclean -j 1'] / medians['wpclean -j 2']:.2f}x** (target: at least 1.7x); "
        f"wpclean / baseline pages/s: {medians['baseline, 1 process'] / medians['wpclean -j 1']:.2f}x with 1 process, "
        f"{medians['baseline, 2 processes'] / medians['wpclean -j 2']:.2f}x with 2"
    )
    for name in medians:
        if name.endswith("(--against) -j 1"):
            print(f"\nwpclean -j 1 / {name}, time: {medians['wpclean -j 1'] / medians[name]:.2f}x")


def write_bytecode() -> None:
    """Compile wpclean's modules to bytecode, as ``pip install`` does.

    The fresh processes timed below import them; from a checkout installed
    in editable mode, with ``PYTHONDONTWRITEBYTECODE`` set (as on some
    shared machines), each of them would otherwise compile every module
    from source, some 300 ms that no installed copy pays.
    """
    import compileall
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    for folder in config["tool"]["setuptools"]["package-dir"].values():
        compileall.compile_dir(ROOT / folder, quiet=1)


def machine() -> str:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"{date.today().isoformat()}, {os.cpu_count()} cores, {platform.machine()}, "
        f"Python {platform.python_version()}, load average {load:.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller inputs and fewer repeats")
    parser.add_argument("--doc-mb", type=float, help="size of the large document (default 10, quick 2)")
    parser.add_argument("--repeats", type=int, help="in-process repeats (default 5, quick 3)")
    parser.add_argument("--startup-runs", type=int, help="fresh processes per start-up contender (default 11, quick 5)")
    parser.add_argument("--pages", type=int, help="files in the batch (default 5000, quick 1000)")
    parser.add_argument("--rounds", type=int, help="batch rounds (default 3, quick 1)")
    parser.add_argument(
        "--only", nargs="+", choices=["document", "growth", "memory", "startup", "batch"], help="run only these parts"
    )
    parser.add_argument(
        "--against",
        type=Path,
        metavar="CHECKOUT",
        help="also time another checkout of wpclean (an earlier commit) in the same run: the document and the batch",
    )
    parser.add_argument(
        "--against-python", type=Path, metavar="PYTHON", help="its interpreter (default: CHECKOUT/.venv/bin/python)"
    )
    args = parser.parse_args()
    quick = args.quick
    parts = set(args.only or ["document", "growth", "memory", "startup", "batch"])
    print(f"wpclean benchmark: {machine()}")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        text = samples_text()
        doc = tmp / "document.txt"
        doc.write_text(repeated(text, args.doc_mb or (2 if quick else 10)), encoding="utf-8")
        repeats = args.repeats or (3 if quick else 5)
        against = Against(args.against, args.against_python, doc) if args.against else None
        if "document" in parts:
            document(doc.read_bytes(), repeats, against)
        if "growth" in parts:
            growth(text, repeats)
        if parts & {"memory", "startup", "batch"}:
            write_bytecode()
            if against:
                against.write_bytecode()
        if "memory" in parts:
            memory(doc, tmp)
        if "startup" in parts:
            startup(args.startup_runs or (5 if quick else 11), tmp)
        if "batch" in parts:
            batch(args.pages or (1000 if quick else 5000), args.rounds or (1 if quick else 3), tmp, against)
        if against:
            against.close()
    print(f"\nfinished: {machine()}")


if __name__ == "__main__":
    main()
