"""Style sheets a word processor exports, spread over several lines of a text
page (issue 16), are markup: removed whole.  Prose is never a style sheet,
even with braces or a ``：`` list in it."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.damage import STYLE_SHEETS, originals
from wpclean.cleaner.changes import MARKUP
from wpclean.cleaner.markup import strip_style_sheets
from wpclean.cleaner.steps import clean_text
from wpclean.options import Options

BODIES = [body for _, body in originals()]
PROSE = "关于做好工作的通知\n一、总体要求\n坚持党的领导，推进各项工作。"


@pytest.mark.parametrize("sheet", STYLE_SHEETS, ids=range(len(STYLE_SHEETS)))
@pytest.mark.parametrize("place", ["top", "between paragraphs", "end"])
def test_a_style_sheet_over_several_lines_is_removed_whole(sheet: str, place: str) -> None:
    first, rest = PROSE.split("\n", 1)
    page = {"top": f"{sheet}\n{PROSE}", "between paragraphs": f"{first}\n{sheet}\n{rest}", "end": f"{PROSE}\n{sheet}\n"}
    assert clean_text(page[place]).text == clean_text(PROSE + "\n" * (place == "end")).text


def test_a_style_sheet_that_ends_the_text_takes_the_line_break_before_it() -> None:
    assert strip_style_sheets(f"{PROSE}\n{STYLE_SHEETS[0]}") == PROSE


def test_a_style_sheet_inside_a_style_element_goes_with_its_tags() -> None:
    page = f'<style type="text/css">\n{STYLE_SHEETS[5]}\n</style>\n{PROSE}'
    assert clean_text(page).text == clean_text(PROSE).text


def test_the_removal_is_recorded_with_its_place_in_the_input() -> None:
    page = f"{PROSE}\n{STYLE_SHEETS[0]}\n结束。"
    cleaned = clean_text(page, Options(explain=True))
    (change,) = [c for c in cleaned.changes if c.step == "strip_style_sheets"]
    assert change.kind == MARKUP and page[change.offset :].startswith("@page {")
    assert clean_text(page).counts[MARKUP] == cleaned.counts[MARKUP] == 1


@pytest.mark.parametrize(
    "prose",
    [
        "通知如下{\n时间：2024年；\n地点：北京}",
        "一、工作要求{\n（一）加强领导：各单位要高度重视。\n}",
        "公式为 {a:1}\n下一行",
        "附件{1}\n名单：张三；李四。",
        "要求如下：\n一是统一思想;\n二是落实责任;\n}",
    ],
)
def test_prose_with_braces_or_a_list_stays(prose: str) -> None:
    assert strip_style_sheets(prose) == prose


PIECES = st.one_of(
    st.builds(
        lambda i, n: (BODIES[i % len(BODIES)] * 2)[n % 5000 :][: n % 40], st.integers(0, 5), st.integers(0, 10**6)
    ),
    st.sampled_from(
        ["{", "}", "：", ":", "；", ";", "\n", " ", "\t", "（一）", "A级", "5G", "@", ".", "#", "*", ",", "，"]
    ),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=30).map("".join))
def test_prose_without_a_style_sheet_is_untouched(prose: str) -> None:
    assert strip_style_sheets(prose) == prose


@pytest.mark.timeout(20)
@pytest.mark.parametrize(
    "hostile",
    [
        "a{\n" + "b:c;" * 50_000,
        "a{\nb:c}\n" * 20_000 + "x{",
        "{\n" * 100_000,
        "p.x {\n" + "a: " * 100_000,
        "<!--\n" + "a{\nb:c}\n" * 10_000,
        "p,\n" * 50_000 + "{",
    ],
    ids=["no-close", "many-rules", "braces", "colons", "comment-not-closed", "selectors"],
)
def test_hostile_sheets_take_linear_time(hostile: str) -> None:
    strip_style_sheets(hostile)


def test_a_generated_page_with_sheets_cleans_to_its_original() -> None:
    from tests.damage import damage

    for number, body in enumerate(BODIES):
        damaged, _ = damage(body, "style_sheets", random.Random(number))
        assert clean_text(damaged).text == clean_text(body).text
