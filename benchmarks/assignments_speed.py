"""What does reading who does what, by when (parser/assignments.py) add to a page's time?

Times ``wpclean.process_bytes`` on every page under samples/ with the
extraction on and off (``with_assignments`` replaced by the identity) in the
same process: each page is run off, then on, then off, ... ROUNDS times each,
so that the load of a shared machine falls on both alike; the extraction's
remembered readings are emptied before every run (each page is timed as if
it came first).  Prints per page and in total the median CPU milliseconds
off and on, and the share the extraction adds: of ``process_bytes`` alone,
and of ``process_bytes`` plus writing the plan's JSON (what ``wpclean PAGE``
does for a page, start-up aside).

    python benchmarks/assignments_speed.py [ROUNDS]     (default: 15)

CPU time on a loaded machine swings; instruction counts do not.  ``--run on|off
N [--json] [GLOB ...]`` only runs: every page once to compile the patterns, then N passes
over the pages (caches emptied before each page; GLOBs under samples/ choose
them, e.g. ``'*.txt' 'corpus/*.txt' 'originals/*.txt'``; ``--json``: each plan also
rendered as validated JSON, ``render_plan(plan, "json")``, what a batch does per page),
for a counter to measure::

    PYTHONHASHSEED=0 valgrind --tool=callgrind --callgrind-out-file=/dev/null \
        python benchmarks/assignments_speed.py --run on 2 'originals/10-*.txt'
    # per pass: (N=2 - N=0) / 2 from the "Collected" lines; the extraction's share: on / off - 1

``--each [GLOB ...]`` gives every page's own figure in one counter run: each page once
to warm up, then with the extraction on and off, each inside one ``functools.reduce``
call, so that callgrind writes one dump per run; ``--table PREFIX`` reads the dumps
back and prints the pages by the share the extraction adds::

    PYTHONHASHSEED=0 valgrind --tool=callgrind --toggle-collect=functools_reduce \
        --dump-after=functools_reduce --callgrind-out-file=/tmp/each/cg.out \
        python benchmarks/assignments_speed.py --each
    python benchmarks/assignments_speed.py --table /tmp/each/cg.out
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

import wpclean  # noqa: E402
from wpclean.parser import assignments  # noqa: E402
from wpclean.parser import plan as plan_module  # noqa: E402
from wpclean.render.formats import render_plan  # noqa: E402


def _identity(plan):
    return plan


def timed(page: bytes, extract, render: bool = False) -> float:
    """CPU seconds of one ``process_bytes`` (and, with ``render``, its JSON) with ``extract`` as the extraction."""
    plan_module.with_assignments = extract
    assignments.forget()
    started = time.process_time()
    plan = wpclean.process_bytes(page).plan
    if render:
        render_plan(plan, "json")
    return time.process_time() - started


def main(rounds: int = 15) -> None:
    extract = plan_module.with_assignments
    paths = sorted((ROOT / "samples").rglob("*.txt"))
    modes = {
        "off": (_identity, False),
        "on": (extract, False),
        "off+json": (_identity, True),
        "on+json": (extract, True),
    }
    total = dict.fromkeys(modes, 0.0)
    print(f"{'page':44} {'bytes':>8} {'off ms':>8} {'on ms':>8} {'added':>7} {'+json off':>10} {'on':>8} {'added':>7}")
    try:
        for path in paths:
            page = path.read_bytes()
            timed(page, extract, True)  # warm: patterns compiled, tables read
            runs: dict[str, list[float]] = {mode: [] for mode in modes}
            for _ in range(rounds):
                for mode, (function, render) in modes.items():
                    runs[mode].append(timed(page, function, render))
            medians = {mode: statistics.median(times) for mode, times in runs.items()}
            for mode in modes:
                total[mode] += medians[mode]
            name = path.relative_to(ROOT / "samples").as_posix()
            print(f"{name[:44]:44} {len(page):8,} {_columns(medians)}")
    finally:
        plan_module.with_assignments = extract
    print(f"{'all pages':44} {'':8} {_columns(total)}")


def _columns(seconds: dict[str, float]) -> str:
    def added(off: str, on: str) -> str:
        return f"{100 * (seconds[on] - seconds[off]) / seconds[off]:+6.1f}%"

    return (
        f"{1000 * seconds['off']:8.2f} {1000 * seconds['on']:8.2f} {added('off', 'on')} "
        f"{1000 * seconds['off+json']:10.2f} {1000 * seconds['on+json']:8.2f} {added('off+json', 'on+json')}"
    )


def run_only(mode: str, passes: int, patterns: list[str], render: bool = False) -> None:
    """Every page once (patterns compiled), then ``passes`` passes with the extraction ``mode``;
    the pages: those under samples/ that ``patterns`` (globs there) name, default all; with
    ``render``, each page's plan also rendered as (validated) JSON."""
    pages = [path.read_bytes() for path in _pages(patterns)]
    for page in pages:
        plan = wpclean.process_bytes(page).plan
        if render:
            render_plan(plan, "json")
    if mode == "off":
        plan_module.with_assignments = _identity
    for _ in range(passes):
        for page in pages:
            assignments.forget()
            plan = wpclean.process_bytes(page).plan
            if render:
                render_plan(plan, "json")


def _pages(patterns: list[str]) -> list[Path]:
    """The pages under samples/ that ``patterns`` (globs there) name, default all, in order."""
    return sorted({path for pattern in patterns or ["**/*.txt"] for path in (ROOT / "samples").glob(pattern)})


EACH_MODES = ("on", "off")  # the order of each page's two counted runs, which --table relies on


def run_each(patterns: list[str]) -> None:
    """Every page warmed up, then run once per mode of :data:`EACH_MODES`, each run alone inside
    one ``functools.reduce`` call (callgrind's ``--dump-after`` window)."""
    import functools
    import gc

    extract = plan_module.with_assignments
    try:
        for path in _pages(patterns):
            page = path.read_bytes()
            plan_module.with_assignments = extract
            wpclean.process_bytes(page)  # with the extraction: its patterns compiled, tables read
            for mode in EACH_MODES:
                plan_module.with_assignments = extract if mode == "on" else _identity
                gc.collect()  # both runs start with the collector's counts at zero: no collection lands in one only
                functools.reduce(lambda _, __, page=page: _one_page(page), [0, 1])
    finally:
        plan_module.with_assignments = extract


def _one_page(page: bytes) -> None:
    assignments.forget()
    wpclean.process_bytes(page)


def print_table(prefix: str, patterns: list[str]) -> None:
    """The dumps ``PREFIX.1``, ``PREFIX.2``… of :func:`run_each` (same GLOBs) as a table of pages."""
    import re

    pages = _pages(patterns)
    counts = []
    for number in range(1, 2 * len(pages) + 1):
        text = Path(f"{prefix}.{number}").read_text(encoding="utf-8")
        counts.append(int(re.search(r"^(?:summary|totals):\s+(\d+)", text, re.MULTILINE).group(1)))
    rows = []
    for index, path in enumerate(pages):
        by_mode = dict(zip(EACH_MODES, counts[2 * index : 2 * index + 2]))
        rows.append((by_mode["on"] / by_mode["off"] - 1, by_mode["off"], by_mode["on"], path))
    rows.sort(key=lambda row: row[0], reverse=True)
    print(f"{'page':56} {'off M':>8} {'on M':>8} {'added':>7}")
    for added, off, on, path in rows:
        print(
            f"{path.relative_to(ROOT / 'samples').as_posix()[:56]:56} {off / 1e6:8.2f} {on / 1e6:8.2f} {100 * added:+6.1f}%"
        )
    off_all, on_all = sum(row[1] for row in rows), sum(row[2] for row in rows)
    over = sum(1 for row in rows if row[0] > 0.15)
    median = statistics.median(row[0] for row in rows)
    print(
        f"{'all ' + str(len(rows)) + ' pages':56} {off_all / 1e6:8.2f} {on_all / 1e6:8.2f} {100 * (on_all / off_all - 1):+6.1f}%"
    )
    print(f"median page {100 * median:+.1f}%; above 15%: {over} of {len(rows)}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--each"]:
        run_each(sys.argv[2:])
    elif sys.argv[1:2] == ["--table"]:
        print_table(sys.argv[2], sys.argv[3:])
    elif sys.argv[1:2] == ["--run"]:
        arguments = sys.argv[4:]
        render = "--json" in arguments
        run_only(sys.argv[2], int(sys.argv[3]), [a for a in arguments if a != "--json"], render)
    else:
        main(*(int(argument) for argument in sys.argv[1:2]))
