"""HTML pages per second: wpclean in-process and as a batch, beside trafilatura
+ OpenCC on the same pages in the same run; and the parsers underneath
(selectolax's Lexbor against lxml) on their own.

The pages are samples/html/*.html, repeated to make a batch of BATCH pages.

* in-process: ``wpclean.process_bytes`` on every page, and ``trafilatura.extract``
  then OpenCC t2s on its text (as a pipeline without wpclean would do: no
  metadata, no structure), alternating ROUNDS times: the best round of each
  and the median ratio of the paired rounds.
* batch: ``wpclean DIR -o OUT -q -j 1`` (and ``-j 2``) as a subprocess, and
  the same loop of trafilatura + OpenCC over the same files in a subprocess,
  each including its start-up (wpclean's modules compiled to bytecode first,
  as ``pip install`` does and an editable checkout under
  ``PYTHONDONTWRITEBYTECODE`` does not).
* parsers: parsing every page, and parsing plus taking the body's text.

    pip install -e '.[bench]'          # trafilatura: compared against, never a dependency
    python benchmarks/html_speed.py [ROUNDS] [BATCH]     (defaults: 5 700)

Wall-clock figures: on a shared machine read the spread between rounds as noise.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted((ROOT / "samples" / "html").glob("*.html"))

TRAFILATURA_LOOP = """
import sys, time
from pathlib import Path
import trafilatura, opencc
converter = opencc.OpenCC("t2s")
for path in sorted(Path(sys.argv[1]).rglob("*.html")):
    text = trafilatura.extract(path.read_bytes()) or ""
    Path(sys.argv[2], path.stem + ".txt").write_text(converter.convert(text), encoding="utf-8")
"""


def best_of(rounds: int, work) -> float:  # noqa: ANN001 - a callable
    """The fastest of ``rounds`` runs of ``work()``, in seconds."""
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


def in_process(rounds: int, pages: list[bytes], names: list[str]) -> dict[str, float]:
    import opencc
    import trafilatura

    import wpclean

    wpclean.process_bytes(pages[0], path=names[0])  # imports and the converter, once
    converter = opencc.OpenCC("t2s")
    trafilatura.extract(pages[0])
    ratios, ours, theirs = [], float("inf"), float("inf")
    for _ in range(rounds):  # alternating, so that a busy moment hits both
        mine = best_of(1, lambda: [wpclean.process_bytes(page, path=name) for page, name in zip(pages, names)])
        other = best_of(1, lambda: [converter.convert(trafilatura.extract(page) or "") for page in pages])
        ours, theirs = min(ours, mine), min(theirs, other)
        ratios.append(other / mine)
    return {
        "wpclean (pages/s)": len(pages) / ours,
        "trafilatura+opencc (pages/s)": len(pages) / theirs,
        "ratio, median of the paired rounds (x)": statistics.median(ratios),
    }


def parsers(rounds: int, texts: list[str]) -> dict[str, float]:
    """Milliseconds to parse all pages, and to parse and take the body's text."""
    import lxml.html
    from selectolax.lexbor import LexborHTMLParser

    def lexbor_text() -> None:
        for text in texts:
            tree = LexborHTMLParser(text)
            (tree.body or tree.root).text()

    def lxml_text() -> None:
        for text in texts:
            lxml.html.document_fromstring(text).text_content()

    def lexbor_parse() -> None:
        for text in texts:
            LexborHTMLParser(text)

    def lxml_parse() -> None:
        for text in texts:
            lxml.html.document_fromstring(text)

    return {
        "lexbor parse": 1000 * best_of(rounds, lexbor_parse),
        "lxml parse": 1000 * best_of(rounds, lxml_parse),
        "lexbor parse+text": 1000 * best_of(rounds, lexbor_text),
        "lxml parse+text": 1000 * best_of(rounds, lxml_text),
    }


def import_ms(module: str) -> float:
    """A fresh interpreter's time to import ``module`` (best of 5), in ms."""
    probe = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    return 1000 * min(
        float(subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout)
        for _ in range(5)
    )


def batch(folder: Path, out: Path, count: int) -> dict[str, float]:
    results = {}
    for jobs in (1, 2):
        target = out / f"j{jobs}"
        started = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "wpclean.cli",
                str(folder),
                "-o",
                str(target),
                "-q",
                "-j",
                str(jobs),
                "--glob",
                "*.html",
            ],
            check=True,
        )
        results[f"wpclean -j {jobs}"] = count / (time.perf_counter() - started)
    target = out / "trafilatura"
    target.mkdir()
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", TRAFILATURA_LOOP, str(folder), str(target)], check=True)
    results["trafilatura+opencc (1 process)"] = count / (time.perf_counter() - started)
    return results


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 700
    pages = [path.read_bytes() for path in PAGES]
    names = [path.name for path in PAGES]
    size = sum(map(len, pages)) / 1e6
    print(f"{len(pages)} pages, {size:.2f} MB; best of {rounds} rounds")
    for name, value in in_process(rounds, pages, names).items():
        print(f"  in-process  {name:<40} {value:8.1f}")
    for name, value in parsers(rounds, [page.decode("utf-8") for page in pages]).items():
        print(f"  parsers     {name:<34} {value:8.1f} ms for all pages")
    for module in ("selectolax.lexbor", "lxml.html", "trafilatura"):
        print(f"  import      {module:<34} {import_ms(module):8.1f} ms")
    sys.path.insert(0, str(ROOT))
    from benchmarks.run import write_bytecode

    write_bytecode()  # the batch runs as a fresh process: with bytecode, as an installed copy has it
    with tempfile.TemporaryDirectory() as tmp:
        folder, out = Path(tmp) / "pages", Path(tmp) / "out"
        folder.mkdir()
        for number in range(count):
            (folder / f"{number:05d}-{names[number % len(names)]}").write_bytes(pages[number % len(pages)])
        for name, rate in batch(folder, out, count).items():
            print(f"  batch of {count} {name:<30} {rate:8.1f} pages/s")


if __name__ == "__main__":
    main()
