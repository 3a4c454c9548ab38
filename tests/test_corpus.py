"""Every damaged corpus input produces a plan that is lossless and clean."""

from __future__ import annotations

import opencc
import pytest
import regex

from tests.conftest import CORPUS_INPUTS
from wpclean.parser import process_bytes
from wpclean.parser.invariants import first_difference


@pytest.mark.parametrize("path", CORPUS_INPUTS, ids=lambda p: p.stem)
def test_corpus_input_gives_a_lossless_plan(path) -> None:
    result = process_bytes(path.read_bytes(), path=str(path))
    assert result.plan.title
    assert first_difference(result.plan, result.body) is None


@pytest.mark.parametrize("path", CORPUS_INPUTS, ids=lambda p: p.stem)
def test_corpus_plan_has_no_pinyin_or_traditional_left(path) -> None:
    text = process_bytes(path.read_bytes()).plan.model_dump_json()
    assert not regex.search(r"\p{Han}\s?[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[1-5]?[)）]", text)
    assert opencc.OpenCC("t2s.json").convert(text) == text
