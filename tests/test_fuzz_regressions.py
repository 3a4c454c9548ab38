"""Inputs that once broke an invariant (found by hypothesis or atheris), replayed forever."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from wpclean import process_bytes
from wpclean.check.invariants import first_difference
from wpclean.cleaner.steps import clean_text
from wpclean.errors import WpcleanError
from wpclean.schemas import Plan

REGRESSIONS = sorted((ROOT / "tests" / "fuzz" / "regressions").iterdir())


def test_there_are_regression_inputs() -> None:
    assert REGRESSIONS


@pytest.mark.parametrize("path", REGRESSIONS, ids=lambda p: p.name)
def test_regression_input_keeps_every_property(path: Path) -> None:
    try:
        result = process_bytes(path.read_bytes())
    except WpcleanError:
        return
    Plan.model_validate_json(result.plan.model_dump_json().encode("utf-8"))
    assert first_difference(result.plan, result.body) is None
    once = clean_text(result.cleaned.text).text
    assert clean_text(once).text == once


def test_a_broken_group_that_dropped_chrome_joins_up_is_removed_in_one_cleaning() -> None:
    # Found by hypothesis after the content-farm steps landed: the page is cut in the
    # middle of a group that chrome separated from its character (法【打印本页】(fa)…(fa).
    once = clean_text("形成了学法【打印本页】(fa)(fa)(fa").text
    assert once == "形成了学法" and clean_text(once).text == once
