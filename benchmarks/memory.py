"""Peak memory on structured input: the growth of the peak RSS, over the input's size.

Run from the repository root (Linux: ``ru_maxrss`` is in kilobytes there)::

    python benchmarks/memory.py [PATTERN ...] [--size BYTES]

Each pattern (default: every one ``tests/test_reliability.py`` checks) is
repeated to ``--size`` bytes after a title line and processed once, in a
fresh process, by that test's script; the table is docs/reliability.md's
"Memory on structured input".  The test asserts at most 10 times the input.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.test_reliability import MEASURE, MEASURED_PROCESSED, MEASURED_REFUSED  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("patterns", nargs="*", default=[*MEASURED_PROCESSED, *MEASURED_REFUSED])
    parser.add_argument("--size", type=int, default=1_000_000)
    args = parser.parse_args()
    print("| input, repeated | outcome | peak growth / input |\n|---|---|---|")
    for pattern in args.patterns:
        done = subprocess.run([sys.executable, "-c", MEASURE, pattern, str(args.size)], capture_output=True, text=True)
        outcome, size, grown = done.stdout.split()
        shown = "".join(char if char.isprintable() else char.encode("unicode_escape").decode() for char in pattern)
        print(f"| `{shown}` | {outcome} | {int(grown) / int(size):.1f} |", flush=True)


if __name__ == "__main__":
    main()
