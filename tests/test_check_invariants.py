"""The invariant checks ``wpclean check`` runs without a golden: pinyin and traditional characters left."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import SEED
from wpclean import process_bytes, process_text
from wpclean.check.invariants import Leftover, _example_plan, pinyin_left, text_fields, traditional_left
from wpclean.schemas import Item, Section


def _nested_plan(text: str):
    item = Item(marker="一是", number=1, lead="甲。", text=text)
    child = Section(marker="1.", number=1, level=3, heading="子", intro="", items=[item])
    return _example_plan(sections=[Section(marker="一、", number=1, level=1, heading="总", intro="", sections=[child])])


def test_text_fields_name_nested_fields_by_their_json_path() -> None:
    fields = dict(text_fields(_nested_plan("乙")))
    assert fields["sections[0].sections[0].items[0].text"] == "乙"
    assert fields["sections[0].sections[0].heading"] == "子"


def test_text_fields_cover_every_field_of_the_seed_plan() -> None:
    plan = process_bytes(SEED.read_bytes()).plan
    fields = dict(text_fields(plan))
    assert fields["title"] == plan.title
    assert fields["sections[3].items[2].text"] == plan.sections[3].items[2].text
    assert len(fields) == 4 + 3 * len(plan.sections) + 3 * sum(len(s.items) for s in plan.sections) + 1


def test_pinyin_left_reports_the_annotation_and_where_it_is() -> None:
    found = pinyin_left(_nested_plan("建设深(shēn)圳"))
    assert found == [Leftover("sections[0].sections[0].items[0].text", "深(shēn)", "深")]


def test_pinyin_left_ignores_parentheticals_that_are_not_readings() -> None:
    assert pinyin_left(_example_plan(preamble="面积(ha)、爱(AI)、(深圳)、香港中文大学（深圳）")) == []


def test_traditional_left_reports_what_opencc_would_change() -> None:
    found = traditional_left(_example_plan(closing="深圳市教育局辦公室"))
    assert found == [Leftover("closing", "育局辦公室", "育局办公室")]


def test_the_seed_plan_has_nothing_left() -> None:
    plan = process_bytes(SEED.read_bytes()).plan
    assert pinyin_left(plan) == [] and traditional_left(plan) == []


_PIECES = st.sampled_from(
    [
        "深",
        "圳",
        "教",
        "育",
        "網",
        "絡",
        "學",
        "校",
        "(shen)",
        "(jiao)",
        "（yù）",
        "(AI)",
        "，",
        "。",
        "一、",
        "（二）",
        "\n",
    ]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=40).map("".join))
def test_processed_text_never_leaves_pinyin_or_traditional_characters(text: str) -> None:
    plan = process_text("标题\n\n正文" + text).plan
    assert pinyin_left(plan) == []
    assert traditional_left(plan) == []
