"""Golden files: the reviewed seed plan as Markdown and CSV, byte for byte.

Regenerate after an intended change: see tests/golden/__init__.py.
"""

from __future__ import annotations

import pytest

from tests.conftest import ROOT, SAMPLES, SEED
from tests.golden import assert_matches_golden
from wpclean import process_bytes
from wpclean.render.formats import render_plan
from wpclean.schemas import Plan

SEED_PLAN = SAMPLES / "shenzhen-edu-2019-workplan.json"
GOLDENS = [("md", "shenzhen.md"), ("csv", "shenzhen.csv")]


@pytest.fixture(scope="module")
def reviewed_plan() -> Plan:
    return Plan.model_validate_json(SEED_PLAN.read_bytes())


@pytest.mark.parametrize(("fmt", "golden"), GOLDENS)
def test_reviewed_seed_plan_renders_as_its_golden_file(reviewed_plan: Plan, fmt: str, golden: str) -> None:
    assert_matches_golden(golden, render_plan(reviewed_plan, fmt))


@pytest.mark.parametrize("fmt", ["md", "csv"])
def test_seed_page_renders_like_its_reviewed_plan(seed_bytes: bytes, reviewed_plan: Plan, fmt: str) -> None:
    plan = process_bytes(seed_bytes, path=SEED.relative_to(ROOT).as_posix()).plan
    assert render_plan(plan, fmt).decode("utf-8") == render_plan(reviewed_plan, fmt).decode("utf-8")


def test_json_of_the_reviewed_plan_reads_back_equal(reviewed_plan: Plan) -> None:
    assert Plan.model_validate_json(render_plan(reviewed_plan, "json")) == reviewed_plan
    assert Plan.model_validate_json(render_plan(reviewed_plan, "jsonl")) == reviewed_plan
