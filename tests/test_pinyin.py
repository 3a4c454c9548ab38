"""Pinyin annotation stripping: what must go, what must stay, and invariants."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from wpclean.cleaner.changes import ANNOTATION
from wpclean.cleaner.pinyin import strip_pinyin
from wpclean.cleaner.syllables import is_reading, normalize_syllable

MUST_STRIP = [
    ("深(shen)圳", "深圳"),
    ("教(jiao)(jiao)育", "教育"),
    ("教(jiao)(jiao)(jiao)育", "教育"),
    ("網(wǎng)絡", "網絡"),
    ("綠(lǜ)色", "綠色"),
    ("中(zhong1)國(guo2)", "中國"),
    ("綠(lv4)色", "綠色"),
    ("綠(lu:4)色", "綠色"),
    ("北京（jing）市", "北京市"),
    ("深 (shen)圳", "深圳"),
    ("(二(er))", "(二)"),
    ("香港中文大學(深(shen)圳(zhen)(zhen))", "香港中文大學(深圳)"),
    ("縣(市、區(qū))", "縣(市、區)"),
    ("市(區(qū))長", "市(區)長"),
    ("包頭(tóu)市(shì)(shì)人", "包頭市人"),
]

MUST_NOT_CHANGE = [
    "(深圳)",
    "（深圳）",
    "(医学院)",
    "(AI)",
    "（AI）",
    "(km)",
    "面积(ha)",
    "（试行）",
    "（RCEP）",
    "（PM2.5）",
    "（MEMS）",
    "（2021-2023年）",
    "（责任单位：省商务厅）",
    "（3分）",
    "手机(app)",
    "use the API (app) now",
    "爱(AI)",
    "中(ZHONG)",
    "一((jiao)",
    "一（（yi）",
    "一( (yi)",
]


@pytest.mark.parametrize(("damaged", "clean"), MUST_STRIP)
def test_annotation_after_its_character_is_removed(damaged: str, clean: str) -> None:
    assert strip_pinyin(damaged) == clean


@pytest.mark.parametrize("text", MUST_NOT_CHANGE)
def test_real_parenthetical_is_kept(text: str) -> None:
    assert strip_pinyin(text) == text


def test_annotation_that_is_not_a_reading_of_its_character_stays() -> None:
    assert strip_pinyin("深(zhen)圳") == "深(zhen)圳"


def test_only_the_leading_readings_of_a_run_are_removed() -> None:
    assert strip_pinyin("面(mian)(ha)") == "面(ha)"


def test_each_removed_annotation_is_recorded_with_its_offset() -> None:
    record: list = []
    strip_pinyin("教(jiao)(jiao)育", record)
    assert [(c.kind, c.offset, c.original) for c in record] == [(ANNOTATION, 1, "(jiao)"), (ANNOTATION, 7, "(jiao)")]


@pytest.mark.parametrize(
    ("written", "normal"), [("wǎng", "wang"), ("WANG", None), ("lü", "lv"), ("nv3", "nv"), ("x1y", None)]
)
def test_syllables_compare_without_tones(written: str, normal: str | None) -> None:
    assert normalize_syllable(written) == normal


def test_readings_cover_traditional_and_simplified_forms() -> None:
    assert is_reading("區", "qu") and is_reading("区", "qū") and not is_reading("区", "ha")


HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
PIECES = st.one_of(
    HAN,
    st.sampled_from(["(", ")", "（", "）", " ", "shen", "(shen)", "(jiao)", "(ha)", "(AI)", "、", "zhong1", "(lǜ)"]),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz()（）1234", max_size=6),
)
DOCUMENTS = st.lists(PIECES, max_size=40).map("".join)


def _han(text: str) -> list[str]:
    return regex.findall(r"\p{Han}", text)


@settings(max_examples=300, deadline=None)
@given(DOCUMENTS)
def test_stripping_is_idempotent(text: str) -> None:
    once = strip_pinyin(text)
    assert strip_pinyin(once) == once


@settings(max_examples=300, deadline=None)
@given(DOCUMENTS)
def test_stripping_never_removes_a_han_character(text: str) -> None:
    assert _han(strip_pinyin(text)) == _han(text)


@pytest.mark.parametrize(
    ("damaged", "clean"),
    [("縣(市、區(qū))", "县（市、区）"), ("市(區(qū))長", "市（区）长"), ("各縣（市、區(qu1)）", "各县（市、区）")],
)
def test_annotation_inside_a_real_parenthetical_goes_and_the_parenthetical_stays(damaged: str, clean: str) -> None:
    from wpclean.cleaner.steps import clean_text

    assert clean_text(damaged).text == clean


def test_every_form_mixed_on_one_page_is_stripped() -> None:
    page = "深(shen)圳（zhèn）市 (shi4)綠(lv4)色(se)(sè)（se4）女(nu:3)的(de5)，面积(ha)（AI）"
    assert strip_pinyin(page) == "深圳市綠色女的，面积(ha)（AI）"
