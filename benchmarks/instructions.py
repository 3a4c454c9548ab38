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
models, which ``document`` includes).  ``--root`` takes the document and
the pipeline from another checkout's ``benchmarks/run.py`` (run with that
checkout's environment): two checkouts compared on the same input.  Read
the ``Collected`` line.
"""

from __future__ import annotations

import argparse
import functools
import sys
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("part", nargs="?", default="document", choices=["document", "baseline", "validation"])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--mb", type=float, default=1.0)
    args = parser.parse_args()
    sys.path.insert(0, str(args.root))
    from benchmarks.run import baseline_document, repeated, samples_text, wpclean_document

    data = repeated(samples_text(), args.mb).encode("utf-8")
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


if __name__ == "__main__":
    main()
