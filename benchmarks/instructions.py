"""One large document through wpclean once, for an instruction counter.

Wall-clock figures on a shared two-core machine swing by a factor of two;
the number of instructions a run executes does not.  This runs the large
document of ``benchmarks/run.py`` (the samples concatenated, about 1 MB)
through wpclean once, after a warm-up (imports, patterns, converter), inside
one ``functools.reduce`` call, so that valgrind counts only that::

    valgrind --tool=callgrind --toggle-collect=functools_reduce --callgrind-out-file=/dev/null \\
        python benchmarks/instructions.py [PART] [--root CHECKOUT]

PART: ``document`` (the whole pipeline and the JSON, what ``run.py`` times),
``baseline`` (its baseline), ``validation`` (validating the plan against its
models, which ``document`` includes), ``pages`` (``--pages`` generated pages
of ``run.py``'s batch, each through the pipeline and the JSON: the cost of a
page), ``html`` (samples/html's pages through ``process_bytes``, what
``html_speed.py`` times in-process) and ``trafilatura`` (the same pages
through trafilatura and OpenCC t2s, its comparison; the ``bench`` extra).  ``--root`` runs the pipeline
of another checkout's ``benchmarks/run.py`` (run with that checkout's
environment) on this checkout's inputs: two checkouts compared on the same
input.  Read
the ``Collected`` line.
"""

from __future__ import annotations

import argparse
import functools
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent  # the checkout whose inputs are measured


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parts = ["document", "baseline", "validation", "pages", "html", "trafilatura"]
    parser.add_argument("part", nargs="?", default="document", choices=parts)
    parser.add_argument("--root", type=Path, default=HERE)
    parser.add_argument("--mb", type=float, default=1.0)
    parser.add_argument("--pages", type=int, default=200)
    args = parser.parse_args()
    inputs = _inputs(args.part, args.mb, args.pages)
    sys.path.insert(0, str(args.root))
    from benchmarks.run import baseline_document, wpclean_document

    if args.part in ("pages", "html", "trafilatura"):
        run = _page_run(args.part, inputs)
        run()  # imports, patterns, converters
        functools.reduce(lambda _, __: run(), [0, 1])  # one call: the counter's window
        return

    data = inputs[0][0]
    # imports, patterns, converters, and the readings a page remembers (run.py's median of repeats has them too)
    wpclean_document(data), baseline_document(data)
    if args.part == "validation":
        from wpclean import process_bytes
        from wpclean.render.formats import validate_plan

        plan = process_bytes(data).plan
        validate_plan(plan)
        run = functools.partial(validate_plan, plan)
    else:
        run = functools.partial(wpclean_document if args.part == "document" else baseline_document, data)
    functools.reduce(lambda _, __: run(), [0, 1])  # one call: the counter's window


def _inputs(part: str, megabytes: float, count: int) -> list[tuple[bytes, str]]:
    """The inputs (bytes, name), always from this checkout, whichever ``--root`` runs them:
    the large document, ``count`` generated pages, or samples/html's pages.  This
    checkout's ``benchmarks`` and ``tests`` modules are forgotten afterwards, so
    that ``--root``'s are the ones imported next."""
    if part in ("html", "trafilatura"):
        return [(path.read_bytes(), path.name) for path in sorted((HERE / "samples" / "html").glob("*.html"))]
    sys.path.insert(0, str(HERE))
    try:
        from benchmarks.run import repeated, samples_text
        from tests.generated import page

        if part == "pages":
            return [(page(number).encode("utf-8"), f"page{number}") for number in range(count)]
        return [(repeated(samples_text(), megabytes).encode("utf-8"), "document")]
    finally:
        sys.path.remove(str(HERE))
        for name in [name for name in sys.modules if name.partition(".")[0] in ("benchmarks", "tests")]:
            del sys.modules[name]


def _page_run(part: str, pages: list[tuple[bytes, str]]):  # noqa: ANN202 - a callable
    """What one pass over many pages runs, for PART ``pages``, ``html`` or ``trafilatura``."""
    if part == "pages":
        from benchmarks.run import wpclean_document

        texts = [data for data, _ in pages]
        return lambda: [wpclean_document(text) for text in texts]
    if part == "html":
        import wpclean

        return lambda: [wpclean.process_bytes(data, path=name) for data, name in pages]
    import opencc
    import trafilatura

    converter = opencc.OpenCC("t2s")
    return lambda: [converter.convert(trafilatura.extract(data) or "") for data, _ in pages]


if __name__ == "__main__":
    main()
