"""Differences between a golden plan and a produced one, as JSON paths with old and new values."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import SAMPLES
from wpclean.check.diffing import ABSENT, Difference, context_snippets, json_diff, without_volatile

GOLDEN = json.loads((SAMPLES / "shenzhen-edu-2019-workplan.json").read_text(encoding="utf-8"))

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.sampled_from(["", "深圳", "教育"]),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(["a", "b", "items"]), inner, max_size=3)
    ),
    max_leaves=12,
)


def _copy(value):
    return json.loads(json.dumps(value))


def test_a_changed_lead_is_reported_at_its_path_with_both_values() -> None:
    changed = _copy(GOLDEN)
    old = changed["sections"][3]["items"][2]["lead"]
    changed["sections"][3]["items"][2]["lead"] = "改了"
    assert json_diff(GOLDEN, changed) == [Difference("sections[3].items[2].lead", old, "改了")]


def test_an_inserted_section_is_one_difference_not_a_cascade() -> None:
    changed = _copy(GOLDEN)
    changed["sections"].insert(2, {"marker": "（新）"})
    assert json_diff(GOLDEN, changed) == [Difference("sections[2]", ABSENT, {"marker": "（新）"})]


def test_a_removed_item_is_reported_with_its_old_index() -> None:
    changed = _copy(GOLDEN)
    removed = changed["sections"][0]["items"].pop(1)
    assert json_diff(GOLDEN, changed) == [Difference("sections[0].items[1]", removed, ABSENT)]


def test_a_number_that_becomes_a_string_is_a_difference() -> None:
    assert json_diff({"n": 1}, {"n": "1"}) == [Difference("n", 1, "1")]
    assert json_diff({"n": 1}, {"n": True}) == [Difference("n", 1, True)]


def test_volatile_fields_are_dropped_and_nothing_else() -> None:
    moved = _copy(GOLDEN)
    moved["tool"]["version"], moved["input"]["path"] = "9.9", "elsewhere/page.txt"
    assert json_diff(without_volatile(GOLDEN), without_volatile(moved)) == []
    moved["input"]["sha256"] = "0"
    assert [d.path for d in json_diff(without_volatile(GOLDEN), without_volatile(moved))] == ["input.sha256"]


def test_difference_as_dict_leaves_out_the_absent_side() -> None:
    assert Difference("sections[9]", ABSENT, {"x": 1}).as_dict() == {"path": "sections[9]", "new": {"x": 1}}


def test_context_snippets_show_the_changed_part_of_a_long_text() -> None:
    text = GOLDEN["preamble"]
    changed = text[:100] + "新增" + text[102:]
    (before, old, after), (same_before, new, same_after) = context_snippets(text, changed)
    assert (old, new) == (text[100:102], "新增")
    assert before == same_before and before.endswith(text[88:100]) and after == same_after == text[102:114] + "…"


@settings(max_examples=200, deadline=None)
@given(_JSON, _JSON)
def test_values_differ_exactly_when_the_diff_says_so(old, new) -> None:
    differences = json_diff(old, new)
    assert (differences == []) == (json.dumps(old, sort_keys=True) == json.dumps(new, sort_keys=True))


@settings(max_examples=200, deadline=None)
@given(_JSON)
def test_a_value_never_differs_from_itself(value) -> None:
    assert json_diff(value, _copy(value)) == []
