"""The cleaned corpus equals the published originals: no pinyin left, no real
parenthetical lost, no character wrong (benchmarks/fidelity.py's measures)."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from tests.conftest import ROOT


def _load_fidelity():
    spec = importlib.util.spec_from_file_location("fidelity", ROOT / "benchmarks" / "fidelity.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("fidelity", module)
    spec.loader.exec_module(module)
    return module


fidelity = _load_fidelity()
SAMPLES = fidelity.samples()


def test_every_corpus_input_has_an_original() -> None:
    assert len(SAMPLES) >= 6


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_cleaned_body_is_the_published_body(path) -> None:
    result = fidelity.measure(path)
    assert (result.pinyin_left, result.parentheticals_lost, result.errors) == (0, 0, 0)
    assert result.parentheticals > 0 and result.core_chars > 1000


def test_pinyin_left_counts_annotations_the_original_does_not_have() -> None:
    assert fidelity.pinyin_left("深圳（试行）", "深(shen)圳（试行）教（jiào）") == 2
    assert fidelity.pinyin_left("面积(ha)", "面积(ha)") == 0


def test_a_parenthetical_that_lost_its_parentheses_or_kept_pinyin_counts_as_lost() -> None:
    original = "各县（市、区（县））和（试行）"
    assert fidelity.parentheticals_lost(original, original) == 0
    assert fidelity.parentheticals_lost(original, "各县（市、区(qu)（县））和试行") == 2  # the outer one and 试行


def test_character_errors_are_an_edit_distance_over_core_characters() -> None:
    assert fidelity.edit_distance(fidelity.core("随着，发展"), fidelity.core("随著发展")) == 1
    assert fidelity.edit_distance("abc", "abc") == 0


def test_baseline_switches_the_overrides_off() -> None:
    from wpclean.cleaner.steps import clean_text

    with fidelity.opencc_alone():
        assert clean_text("朝著").text == "朝著"
    assert clean_text("朝著").text == "朝着"


@pytest.mark.parametrize("converter", ["s2t", "s2hk", "hanziconv", "zhconv-hant"])
def test_freshly_damaged_originals_come_back(converter: str) -> None:
    """The originals damaged afresh (converter, random pinyin in every form, ASCII punctuation)."""
    if converter not in fidelity.simulated_converters():
        pytest.skip(f"{converter} is a research tool: pip install -e '.[research]'")
    (row,) = fidelity.simulate(seeds=1, names=[converter])
    assert (row.pinyin_left, row.parentheticals_lost, row.errors) == (0, 0, 0)
    assert row.core_chars > 40_000 and row.parentheticals > 300
