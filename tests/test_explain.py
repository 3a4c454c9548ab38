"""Nothing is changed silently: every step's record replays to its output, and
the pipeline's offsets point at the changed text in the input."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import CORPUS_INPUTS, SEED
from wpclean.cleaner import changes as kinds
from wpclean.cleaner.changes import Change
from wpclean.cleaner.offsets import OffsetMap
from wpclean.cleaner.script import converter
from wpclean.cleaner.steps import clean_text, steps_for
from wpclean.decode import normalize_text
from wpclean.options import Options

INPUTS = [SEED, *CORPUS_INPUTS]


def replay(text: str, changes: list[Change]) -> str:
    """Apply recorded changes (offsets in ``text``) to ``text``."""
    pieces, position = [], 0
    for change in sorted(changes, key=lambda c: c.offset):
        assert text[change.offset : change.offset + len(change.original)] == change.original
        assert change.offset >= position, "changes overlap"
        pieces += [text[position : change.offset], change.replacement]
        position = change.offset + len(change.original)
    return "".join(pieces) + text[position:]


def _read(path) -> str:
    return normalize_text(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.stem)
def test_each_step_record_replays_to_the_step_output(path) -> None:
    text = _read(path)
    for step in steps_for(Options()):
        record: list[Change] = []
        output = step(text, record)
        assert replay(text, record) == output, step.name
        text = output


SNIPPETS = st.sampled_from(
    [
        "深(shen)圳",
        "網(wǎng)絡",
        "朝著",
        "谘詢",
        ",",
        "(區(qū))",
        "\n",
        " ",
        "[ 內容糾錯 ]",
        "【打印本页】",
        "【关闭窗口】",
        "浏览次数：3",
        "當前位置：首頁 > 政務",
        "正文",
        "教(jiao)(jiao)育",
        "發揮著作用",
        "「三農」",
        "a",
        "1,000",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(SNIPPETS, max_size=30).map("".join))
def test_records_replay_on_any_mix_of_damage(text: str) -> None:
    for step in steps_for(Options()):
        record: list[Change] = []
        output = step(text, record)
        assert replay(text, record) == output, step.name
        text = output


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.stem)
def test_change_offsets_point_at_the_changed_text_in_the_input(path) -> None:
    text = _read(path)
    t2s = converter("t2s").convert
    checked = 0
    for change in clean_text(text, Options(explain=True)).changes:
        if change.kind in (kinds.ANNOTATION, kinds.CONVERSION, kinds.PUNCT, kinds.CHROME):
            # the first character: a longer change may span annotations removed before it
            assert t2s(text[change.offset]) == t2s(change.original[0]), change
            checked += 1
    assert checked > 100


def test_offset_after_removed_annotations_is_the_input_position() -> None:
    text = "教(jiao)(jiao)育,網(wǎng)"
    changes = clean_text(text, Options(explain=True)).changes
    assert [(c.kind, c.offset, c.step_offset) for c in changes if c.kind != kinds.ANNOTATION] == [
        (kinds.CONVERSION, 15, 3),
        (kinds.PUNCT, 14, 2),
    ]


def test_offset_map_sends_positions_inside_a_longer_replacement_to_its_start() -> None:
    grown = OffsetMap().after([Change("k", "s", 1, "a", "xyz")])  # "Qab" → "Qxyzb"
    assert [grown.to_input(i) for i in range(5)] == [0, 1, 2, 2, 2]


def test_explain_record_has_input_and_step_offsets() -> None:
    change = clean_text("深(shen)圳,", Options(explain=True)).changes[-1]
    assert change.as_dict() == {
        "kind": kinds.PUNCT,
        "step": "normalize_punct",
        "offset": 8,
        "original": ",",
        "replacement": "，",
        "step_offset": 2,
    }
