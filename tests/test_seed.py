"""The page the project started from: its plan must always hold."""

from __future__ import annotations

import json

import opencc
import regex

from tests.conftest import SAMPLES, SEED, volatile_free
from wpclean import process_bytes
from wpclean.check.invariants import lossless
from wpclean.render.formats import plan_json


def test_seed_has_nine_sections_with_the_expected_item_counts(seed_bytes: bytes) -> None:
    plan = process_bytes(seed_bytes).plan
    assert [len(section.items) for section in plan.sections] == [4, 3, 5, 3, 4, 3, 5, 4, 2]
    assert [section.marker for section in plan.sections] == [f"（{n}）" for n in "一二三四五六七八九"]
    assert {section.level for section in plan.sections} == {2}


def test_seed_header_gives_title_source_and_date(seed_bytes: bytes) -> None:
    plan = json.loads(plan_json(process_bytes(seed_bytes).plan))
    assert (plan["title"], plan["source"], plan["published"]) == (
        "深圳市教育局2019年工作思路",
        "深圳市教育局",
        "2020-02-25",
    )


def test_seed_plan_has_no_pinyin_and_no_traditional_character_left(seed_bytes: bytes) -> None:
    text = plan_json(process_bytes(seed_bytes).plan).decode()
    assert not regex.search(r"\p{Han}[(（][a-z]+[)）]", text)
    assert opencc.OpenCC("t2s.json").convert(text) == text
    assert "香港中文大学（深圳）" in text


def test_seed_plan_is_lossless(seed_bytes: bytes) -> None:
    result = process_bytes(seed_bytes)
    assert lossless(result.plan, result.body)


def test_seed_plan_matches_the_reviewed_golden(seed_bytes: bytes) -> None:
    produced = json.loads(plan_json(process_bytes(seed_bytes, path=str(SEED)).plan))
    golden = json.loads((SAMPLES / "shenzhen-edu-2019-workplan.json").read_text(encoding="utf-8"))
    assert volatile_free(produced) == volatile_free(golden)


def test_seed_section_four_items_are_split_at_semicolons(seed_bytes: bytes) -> None:
    section = process_bytes(seed_bytes).plan.sections[3]
    assert [item.marker for item in section.items] == ["一是", "二是", "三是"]
    assert section.items[0].text.endswith("等高水平大学建设；")
