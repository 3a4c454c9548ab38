"""What validating plans before writing costs, apart from the rest (issue 14).

Run from the repository root: python benchmarks/validation_cost.py
Prints the validator's build (once per process, at the first plan written: from the
committed core schema, and beside it what building the models' own validator costs,
which a run no longer pays) and the per-plan cost on the seed page and on
samples/real + samples/corpus.
"""

import statistics
import time
from pathlib import Path

t0 = time.perf_counter()  # the imports below are what is timed
from wpclean import process_bytes  # noqa: E402
from wpclean.render.formats import plan_json, validate_plan  # noqa: E402
from wpclean.schemas import Plan, plan_data  # noqa: E402

page = Path("samples/shenzhen-edu-2019-workplan.txt").read_bytes()
plan = process_bytes(page).plan
t = time.perf_counter()
validate_plan(plan)
first = time.perf_counter() - t
t = time.perf_counter()
Plan.model_validate(plan_data(plan))  # the models' validator: built now, in this process
models_first = time.perf_counter() - t
per = []
for _ in range(200):
    t = time.perf_counter()
    validate_plan(plan)
    per.append(time.perf_counter() - t)
js = []
for _ in range(200):
    t = time.perf_counter()
    plan_json(plan)
    js.append(time.perf_counter() - t)
pages = sorted(Path("samples/real").glob("*.txt")) + sorted(Path("samples/corpus").glob("*.txt"))
plans = [process_bytes(p.read_bytes()).plan for p in pages]
t = time.perf_counter()
for _ in range(5):
    for p in plans:
        validate_plan(p)
corp = (time.perf_counter() - t) / (5 * len(plans))
size = sum(len(p.read_bytes()) for p in pages) / len(pages)
print(f"validator build (first validation, once per process): {first * 1000:.1f} ms")
print(f"  the models' own validator, built instead (not paid by a run): {models_first * 1000:.1f} ms")
print(
    f"seed page ({len(page) / 1000:.0f} kB): validate {statistics.median(per) * 1000:.2f} ms, JSON {statistics.median(js) * 1000:.2f} ms (median of 200)"
)
print(
    f"samples/real + samples/corpus ({len(plans)} plans, mean input {size / 1000:.0f} kB): validate {corp * 1000:.2f} ms per plan"
)
