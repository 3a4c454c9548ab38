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
  ``PYTHONDONTWRITEBYTECODE`` does not), interleaved BATCH_ROUNDS times: the
  best pages/s of each, and the median of the rounds' ``-j 1`` ratios by wall
  clock and by CPU seconds.
* parsers: parsing every page, and parsing plus taking the body's text.

    pip install -e '.[bench]'          # trafilatura: compared against, never a dependency
    python benchmarks/html_speed.py [ROUNDS] [BATCH] [BATCH_ROUNDS]     (defaults: 5 700 3)

Wall-clock figures: on a shared machine read the spread between rounds as noise.
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


def _timed(command: list[str]) -> tuple[float, float]:
    """Run ``command``; its wall-clock and CPU seconds (user + system, from the
    children's resource usage)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def batch(folder: Path, out: Path, count: int, rounds: int) -> dict[str, float]:
    """The three batch commands, interleaved ``rounds`` times: the best
    pages/s of each, and the median over rounds of wpclean ``-j 1``'s ratio to
    the trafilatura loop, by wall clock and by CPU seconds (which the load of
    a shared machine disturbs less)."""
    wpclean = [sys.executable, "-m", "wpclean.cli", str(folder), "-q", "--glob", "*.html", "-o"]
    commands = {
        "wpclean -j 1": lambda target: [*wpclean, str(target), "-j", "1"],
        "trafilatura+opencc (1 process)": lambda target: [
            sys.executable,
            "-c",
            TRAFILATURA_LOOP,
            str(folder),
            str(target),
        ],
        "wpclean -j 2": lambda target: [*wpclean, str(target), "-j", "2"],
    }
    walls: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    for round_number in range(rounds):
        for index, (name, command) in enumerate(commands.items()):
            target = out / f"r{round_number}-{index}"
            target.mkdir(parents=True)
            wall, cpu = _timed(command(target))
            walls[name].append(wall)
            cpus[name].append(cpu)
    results = {f"{name} (pages/s, best)": count / min(times) for name, times in walls.items()}
    ours, theirs = walls["wpclean -j 1"], walls["trafilatura+opencc (1 process)"]
    results["-j 1 ratio, wall clock (x, median)"] = statistics.median(t / o for o, t in zip(ours, theirs))
    ours, theirs = cpus["wpclean -j 1"], cpus["trafilatura+opencc (1 process)"]
    results["-j 1 ratio, CPU seconds (x, median)"] = statistics.median(t / o for o, t in zip(ours, theirs))
    results["wpclean -j 1 CPU ms a page (median)"] = 1000 * statistics.median(ours) / count
    results["trafilatura CPU ms a page (median)"] = 1000 * statistics.median(theirs) / count
    return results


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 700
    batch_rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 3
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
        for name, value in batch(folder, out, count, batch_rounds).items():
            print(f"  batch of {count} {name:<46} {value:8.1f}")


if __name__ == "__main__":
    main()
