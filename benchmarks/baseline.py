"""The baseline wpclean is measured against: one regular expression that
deletes ``(letters)`` after a Han character, then OpenCC t2s, in one Python
process.  It does none of what wpclean does besides (readings check,
overrides, punctuation, chrome, structure, validation, JSON).

    python benchmarks/baseline.py page INPUT OUTPUT         one page, as a fresh process would
    python benchmarks/baseline.py batch DIR OUTDIR [-j N]   every *.txt under DIR, N processes
"""

from __future__ import annotations

import re
import sys
from functools import cache
from pathlib import Path

ANNOTATION = r"(?<=[\u4e00-\u9fff])\([a-zA-Z]+\)"


@cache
def _converter():  # -> opencc.OpenCC
    import opencc

    return opencc.OpenCC("t2s.json")


def clean(text: str) -> str:
    return _converter().convert(re.sub(ANNOTATION, "", text))


def clean_file(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(clean(source.read_text(encoding="utf-8")), encoding="utf-8")


def _clean_pair(pair: tuple[Path, Path]) -> None:
    clean_file(*pair)


def batch(folder: Path, out: Path, jobs: int = 1) -> int:
    """Clean every ``*.txt`` under ``folder`` into ``out`` (mirrored paths); the number of files."""
    pairs = [(path, out / path.relative_to(folder)) for path in sorted(folder.rglob("*.txt"))]
    if jobs == 1:
        for pair in pairs:
            _clean_pair(pair)
    else:
        from multiprocessing import Pool

        with Pool(jobs) as pool:
            pool.map(_clean_pair, pairs, chunksize=64)
    return len(pairs)


def main(args: list[str]) -> None:
    if args[0] == "page":
        clean_file(Path(args[1]), Path(args[2]))
    elif args[0] == "batch":
        jobs = int(args[args.index("-j") + 1]) if "-j" in args else 1
        batch(Path(args[1]), Path(args[2]), jobs)
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
