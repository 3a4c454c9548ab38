"""GBK read one byte off (issue 16): generated from real sentences (the
originals, as a traditional-script repost has them), a byte put in or lost,
read back as a browser reads GBK.  The repair gives the sentence back where
the reading is certain; what it is unsure of stays, flagged; clean text is
never touched."""

from __future__ import annotations

import random

import opencc
import pytest

from tests.conftest import SAMPLES
from tests.damage import gbk_shifted_lines, originals
from wpclean import process_text
from wpclean.cleaner.changes import MOJIBAKE_FOUND, MOJIBAKE_REPAIRED
from wpclean.cleaner.mojibake import repair_mojibake
from wpclean.cleaner.steps import clean_text

SHIFTED = "repair_mojibake:gbk-shifted"


def _repaired(damaged: str) -> tuple[str, list, list]:
    record: list = []
    fixed = repair_mojibake(damaged, record)
    repairs = [change for change in record if change.step == SHIFTED]
    flagged = [change for change in record if change.kind == MOJIBAKE_FOUND]
    return fixed, repairs, flagged


def _cases(lose: bool) -> list[tuple[str, str]]:
    return [pair for name, body in originals() for pair in gbk_shifted_lines(body, random.Random(name), lose)]


def _repaired_cases(lose: bool) -> list[tuple[str, str, str, int, int]]:
    """The damaged lines the shifted repair changed: (line, damaged, fixed,
    where the first unsure character flagged before the repair is, where the repair starts)."""
    found = []
    for line, damaged in _cases(lose):
        fixed, repairs, flagged = _repaired(damaged)
        if repairs:
            start = repairs[0].offset
            unsure = min([change.offset for change in flagged if change.offset < start], default=start)
            found.append((line, damaged, fixed, unsure, start))
    return found


def test_a_byte_put_in_comes_back_as_the_sentence_outside_what_is_flagged() -> None:
    cases = _repaired_cases(lose=False)
    for line, damaged, fixed, unsure, start in cases:
        # same length as the sentence: outside the unsure characters, it is the sentence
        assert (fixed[:unsure], fixed[start:]) == (line[:unsure], line[start:]), damaged
    exact = sum(fixed == line for line, _, fixed, _, _ in cases)
    assert len(cases) >= 130 and exact >= 30  # of 354 damaged lines: 156 repaired, 38 to the character


def test_a_byte_lost_costs_one_character_and_the_rest_comes_back() -> None:
    cases = _repaired_cases(lose=True)
    for line, damaged, fixed, unsure, start in cases:
        assert line.startswith(fixed[:unsure]) and line.endswith(fixed[start:]), damaged
    assert len(cases) >= 100  # of 354: 120


def test_cleaning_a_shifted_line_twice_changes_nothing() -> None:
    for lose in (False, True):
        for _, damaged in _cases(lose):
            once = clean_text(damaged).text
            assert clean_text(once).text == once, damaged


@pytest.mark.parametrize("script", ["as published", "traditional"])
def test_no_corpus_text_is_read_as_shifted_gbk(script: str) -> None:
    convert = opencc.OpenCC("s2t").convert if script == "traditional" else str
    for path in sorted(SAMPLES.glob("**/*.txt")):
        text = convert(path.read_text(encoding="utf-8"))
        assert _repaired(text)[1] == [], path.name


def test_the_issue_example_is_repaired_and_what_is_unsure_flagged() -> None:
    fixed, repairs, flagged = _repaired("。ㄇ刂輩^外宣办")
    assert fixed == "。秦州區外宣办"
    assert [(c.kind, c.original, c.replacement) for c in repairs] == [(MOJIBAKE_REPAIRED, "ㄇ刂輩^", "秦州區")]
    assert [c.original for c in flagged] == ["。"]  # the page's own 。, or the shifted half of （


def test_a_shifted_repair_is_a_mojibake_warning_that_says_so() -> None:
    result = process_text("关于做好工作的通知\n一、總體∫\ue026蟆\ue5cd猿贮h對區域工作的全面領導\n")
    assert "总体要求。坚持党对区域工作" in result.body
    (warning,) = [w for w in result.plan.warnings if w.code == "mojibake"]
    assert "repaired as GBK shifted by one byte" in warning.message and warning.where == "input line 2"


@pytest.mark.parametrize("kept", ["政务APP平台", "A股市场", "维修X光机", "第5G基站", "加强领导v", "实施\ufffd"])
def test_letters_after_han_that_are_no_shifted_reading_stay(kept: str) -> None:
    assert _repaired(kept)[:2] == (kept, [])
