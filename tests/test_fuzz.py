"""Hostile input, fuzzed with hypothesis: never a crash, never a lost character.

Properties, on random Unicode, random bytes and mutated samples:
- the library raises nothing but wpclean's own documented errors;
- every plan validates against the schema and serialises to valid UTF-8 JSON;
- the lossless invariant holds;
- cleaning is idempotent.
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from tests.conftest import CORPUS_INPUTS, SEED
from wpclean import process_bytes, process_text
from wpclean.check.invariants import first_difference
from wpclean.cleaner.steps import clean_text
from wpclean.errors import WpcleanError
from wpclean.schemas import Plan

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SAMPLE_TEXTS = [path.read_text(encoding="utf-8")[:3000] for path in [SEED, *CORPUS_INPUTS]]
NASTY = [
    "(",
    ")",
    "（",
    "）",
    "一、",
    "（一）",
    "1.",
    "（1）",
    "一是",
    "二是",
    "第一，",
    "\u3000\u3000",
    "\n",
    "\r",
    "\x00",
    "\ud800",
    "\ufeff",
    "\u202e",
    "(shen)",
    "(zhong1)",
    "【打印本页】",
    "来源：",
    "日期：",
    "2020年1月2日",
    "。",
    "；",
]


def _check_plan(result) -> None:
    data = result.plan.model_dump_json().encode("utf-8")  # must be encodable: no lone surrogates
    Plan.model_validate(json.loads(data))
    assert first_difference(result.plan, result.body) is None


def _process_or_refuse(text: str):
    try:
        return process_text(text)
    except WpcleanError:
        return None


@FUZZ
@given(st.text(max_size=400))
@example("\ud800深(shen)圳")
@example("(" * 500)
def test_random_unicode_gives_a_valid_lossless_plan_or_a_documented_error(text: str) -> None:
    result = _process_or_refuse(text)
    if result is not None:
        _check_plan(result)


@FUZZ
@given(st.binary(max_size=400))
def test_random_bytes_give_a_valid_plan_or_a_documented_error(data: bytes) -> None:
    try:
        result = process_bytes(data)
    except WpcleanError:
        return
    _check_plan(result)


@st.composite
def mutated_samples(draw) -> str:
    text = draw(st.sampled_from(SAMPLE_TEXTS))
    for _ in range(draw(st.integers(0, 12))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["delete", "double", "insert"]))
        if action == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 20)) :]
        elif action == "double":
            text = text[:at] + text[at : at + 20] + text[at:]
        else:
            text = text[:at] + draw(st.sampled_from(NASTY)) + text[at:]
    return text


@FUZZ
@given(mutated_samples())
def test_mutated_samples_give_valid_lossless_plans(text: str) -> None:
    result = _process_or_refuse(text)
    if result is not None:
        _check_plan(result)


@FUZZ
@given(st.one_of(mutated_samples(), st.text(st.characters(exclude_categories=["Cs"]), max_size=300)))
def test_cleaning_is_idempotent(text: str) -> None:
    assume(not any("\ud800" <= char <= "\udfff" for char in text))  # refused before cleaning
    once = clean_text(text).text
    assert clean_text(once).text == once
