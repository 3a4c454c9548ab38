"""What does reading who does what, by when (parser/assignments.py) add to a page's time?

Times ``wpclean.process_bytes`` on every page under samples/ with the
extraction on and off (``with_assignments`` replaced by the identity) in the
same process: each page is run off, then on, then off, ... ROUNDS times each,
so that the load of a shared machine falls on both alike; the extraction's
remembered readings are emptied before every run (each page is timed as if
it came first).  Prints per page and in total the median CPU milliseconds
off and on, and the share the extraction adds.

    python benchmarks/assignments_speed.py [ROUNDS]     (default: 15)
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


def _identity(plan):
    return plan


def timed(page: bytes, extract) -> float:
    """CPU seconds of one ``process_bytes`` with ``extract`` as the extraction."""
    plan_module.with_assignments = extract
    assignments.forget()
    started = time.process_time()
    wpclean.process_bytes(page)
    return time.process_time() - started


def main(rounds: int = 15) -> None:
    extract = plan_module.with_assignments
    paths = sorted((ROOT / "samples").rglob("*.txt"))
    total = {"off": 0.0, "on": 0.0}
    print(f"{'page':44} {'bytes':>8} {'off ms':>8} {'on ms':>8} {'added':>7}")
    try:
        for path in paths:
            page = path.read_bytes()
            timed(page, extract)  # warm: patterns compiled, tables read
            runs: dict[str, list[float]] = {"off": [], "on": []}
            for _ in range(rounds):
                runs["off"].append(timed(page, _identity))
                runs["on"].append(timed(page, extract))
            off, on = statistics.median(runs["off"]), statistics.median(runs["on"])
            total["off"] += off
            total["on"] += on
            name = path.relative_to(ROOT / "samples").as_posix()
            print(f"{name[:44]:44} {len(page):8,} {1000 * off:8.2f} {1000 * on:8.2f} {100 * (on - off) / off:+6.1f}%")
    finally:
        plan_module.with_assignments = extract
    off, on = total["off"], total["on"]
    print(f"{'all pages':44} {'':8} {1000 * off:8.2f} {1000 * on:8.2f} {100 * (on - off) / off:+6.1f}%")


if __name__ == "__main__":
    main(*(int(argument) for argument in sys.argv[1:2]))
