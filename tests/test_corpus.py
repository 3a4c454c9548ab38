"""Every damaged corpus input produces a plan that is lossless and clean."""

from __future__ import annotations

import json

import opencc
import pytest
import regex

from tests.conftest import CORPUS_INPUTS, REAL_INPUTS, original_of, volatile_free
from wpclean import process_bytes
from wpclean.check.invariants import core_chars, first_difference
from wpclean.render.formats import plan_json


@pytest.mark.parametrize("path", CORPUS_INPUTS + REAL_INPUTS, ids=lambda p: p.stem)
def test_corpus_input_gives_a_lossless_plan(path) -> None:
    result = process_bytes(path.read_bytes(), path=str(path))
    assert result.plan.title
    assert first_difference(result.plan, result.body) is None


@pytest.mark.parametrize("path", CORPUS_INPUTS + REAL_INPUTS, ids=lambda p: p.stem)
def test_corpus_plan_has_no_pinyin_or_traditional_left(path) -> None:
    text = process_bytes(path.read_bytes()).plan.model_dump_json()
    assert not regex.search(r"\p{Han}\s?[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[1-5]?[)）]", text)
    assert opencc.OpenCC("t2s.json").convert(text) == text


def _shape(sections) -> list:
    return [(s.marker, s.level, s.kind, s.heading, [i.marker for i in s.items], _shape(s.sections)) for s in sections]


def _document_shape(document) -> tuple:
    """What a damaged page must give as its original does: structure, front and end matter, attachments."""
    return (
        _shape(document.sections),
        [i.marker for i in document.items],
        (document.subtitles, document.title_note, document.byline, document.order),
        document.doc_number,
        document.addressees,
        document.issuers,
        document.written,
        document.note,
        document.attachments_note,
        [(a.label, a.title, _document_shape(a)) for a in document.attachments],
    )


@pytest.mark.parametrize("path", CORPUS_INPUTS + REAL_INPUTS, ids=lambda p: p.stem)
def test_damaged_input_has_the_structure_of_its_original(path) -> None:
    damaged = process_bytes(path.read_bytes()).plan
    original = process_bytes(original_of(path).read_bytes()).plan
    assert _document_shape(damaged) == _document_shape(original)
    assert (damaged.title, damaged.source, damaged.doc_number) == (original.title, original.source, original.doc_number)
    assert str(damaged.published)[:10] == str(original.published)[:10]
    assert core_chars(damaged.closing) == core_chars(original.closing)


@pytest.mark.parametrize("path", CORPUS_INPUTS + REAL_INPUTS, ids=lambda p: p.stem)
def test_corpus_plan_matches_its_reviewed_golden(path) -> None:
    produced = json.loads(plan_json(process_bytes(path.read_bytes(), path=str(path)).plan))
    golden = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    assert volatile_free(produced) == volatile_free(golden)
