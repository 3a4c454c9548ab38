"""Plans are validated with the models' committed core schema (schemas/plan.core-schema.json):
it must be what the models generate, and give the models' verdicts."""

from __future__ import annotations

import copy
import json
import subprocess
import sys

import pydantic_core
import pytest
from pydantic import ValidationError

from tests.conftest import ROOT, SAMPLES
from wpclean import process_bytes
from wpclean.render.formats import validate_plan
from wpclean.schemas import Plan, plan_data
from wpclean.schemas.core_schema import committed_core_schema, plan_checker

COMMITTED = ROOT / "schemas" / "plan.core-schema.json"
REGENERATE = "regenerate it: python tools/gen_core_schema.py"
PAGES = [
    SAMPLES / "shenzhen-edu-2019-workplan.txt",
    *sorted((SAMPLES / "real").glob("*.txt"))[:6],
    *sorted((SAMPLES / "html").glob("*.html"))[:3],
]


def _generated_in_a_fresh_process() -> dict:
    """What the generator writes: in a fresh interpreter, since the form pydantic gives a model's
    schema depends on which models this process has built already (same meaning, other nesting)."""
    code = "from wpclean.schemas.core_schema import core_schema_text; print(core_schema_text(), end='')"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True, timeout=120)
    return json.loads(proc.stdout)


def test_committed_core_schema_is_what_the_models_generate() -> None:
    generated = _generated_in_a_fresh_process()
    committed = json.loads(COMMITTED.read_text(encoding="utf-8"))
    if generated["pydantic_core"] != committed["pydantic_core"] and generated["schema"] != committed["schema"]:
        pytest.skip(f"pydantic-core {pydantic_core.__version__} generates another form; {REGENERATE}")
    assert generated == committed, REGENERATE


def test_installed_package_ships_the_committed_core_schema() -> None:
    assert committed_core_schema() == json.loads(COMMITTED.read_text(encoding="utf-8"))


def test_plans_are_checked_by_pydantic_core_not_by_building_the_models() -> None:
    assert isinstance(getattr(plan_checker(), "__self__", None), pydantic_core.SchemaValidator)


def _plans() -> list[dict]:
    return [plan_data(process_bytes(path.read_bytes(), path=path.name).plan) for path in PAGES]


def _verdict(check, data: dict) -> tuple | None:  # noqa: ANN001 - a validating callable
    try:
        check(data)
    except ValidationError as error:
        return tuple((tuple(e["loc"]), e["type"]) for e in error.errors())
    return None


def _broken(plan: dict) -> list[dict]:
    """Copies of ``plan`` each broken in one way: types, bounds, literals, extra and missing fields, nested."""
    changes = [
        lambda p: p.update(title=5),
        lambda p: p.update(schema_version="1"),
        lambda p: p.update(unknown="x"),
        lambda p: p.pop("input"),
        lambda p: p["input"].update(bytes=-1),
        lambda p: p["tool"].update(convert="s2t"),
        lambda p: p.update(written="2019-13-40"),
        lambda p: p["stats"].update(noise_removed="many"),
        lambda p: p.update(issuers=[1]),
        lambda p: p.update(warnings=[{"code": "x", "message": "y"}]),
    ]
    if plan["sections"]:
        changes += [
            lambda p: p["sections"][0].update(number=-2),
            lambda p: p["sections"][0].update(extra=True),
            lambda p: p["sections"][0].update(units=[{"name": "局", "role": "boss"}]),
        ]
    if plan.get("page"):
        changes.append(lambda p: p["page"].update(format="pdf"))
    broken = []
    for change in changes:
        copied = copy.deepcopy(plan)
        change(copied)
        broken.append(copied)
    return broken


@pytest.mark.timeout(300)
def test_the_committed_schema_gives_the_models_verdicts_on_good_and_broken_plans() -> None:
    checked = 0
    for plan in _plans():
        assert _verdict(plan_checker(), plan) is None and _verdict(Plan.model_validate, plan) is None
        for broken in _broken(plan):
            verdict = _verdict(plan_checker(), broken)
            assert verdict is not None and verdict == _verdict(Plan.model_validate, broken)
            checked += 1
    assert checked >= 10 * len(PAGES)


def test_a_plan_the_schema_rejects_is_an_internal_error_naming_the_place() -> None:
    from wpclean.errors import InvalidPlanError
    from wpclean.schemas import trusted

    plan = process_bytes((SAMPLES / "shenzhen-edu-2019-workplan.txt").read_bytes()).plan
    section = plan.sections[0]
    broken = plan.model_copy(update={"sections": [trusted(type(section), **{**section.__dict__, "number": -1})]})
    with pytest.raises(InvalidPlanError, match=r"at sections\.0\.number"):
        validate_plan(broken)
