"""Coverage-guided fuzz target for the whole pipeline (atheris / libFuzzer).

Run (atheris is not a test dependency; install it into the venv first):

    .venv/bin/pip install atheris
    .venv/bin/python tests/fuzz/fuzz_pipeline.py tests/fuzz/corpus -max_total_time=600

Any crash input libFuzzer writes (crash-*) belongs in tests/fuzz/regressions/,
where tests/test_fuzz_regressions.py replays it on every test run.

Properties checked on every input: only wpclean's own errors escape; the plan
serialises to UTF-8 JSON and validates; the lossless invariant holds; cleaning
is idempotent.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from wpclean import process_bytes
    from wpclean.check.invariants import first_difference
    from wpclean.cleaner.steps import clean_text
    from wpclean.errors import WpcleanError
    from wpclean.schemas import Plan


def check_one(data: bytes) -> None:
    try:
        result = process_bytes(data)
    except WpcleanError:
        return
    Plan.model_validate_json(result.plan.model_dump_json().encode("utf-8"))
    difference = first_difference(result.plan, result.body)
    if difference is not None:
        raise AssertionError(f"lossless invariant broken: {difference}")
    once = clean_text(result.cleaned.text)
    if clean_text(once.text).text != once.text:
        raise AssertionError("cleaning is not idempotent")


def main() -> None:
    atheris.Setup(sys.argv, check_one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
