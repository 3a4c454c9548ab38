"""A document's texts read together (one search per kind over all of them) find what each text gives alone.

``with_assignments`` reads a document's items and sections through ``_read_all``, which joins
their texts and maps the matches back by offset; ``read_assignment`` reads one text.  Both must
agree on every text, whatever its parentheses (nested, never closed), its repeats or the
character that joins the texts.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wpclean.parser.assignments import _JOIN, _parentheticals, _read_all, read_assignment

TEXTS = [
    "加快平台建设，2022年底前建成。（省商务厅牵头，合肥海关配合）",
    "完成适老化改造。（0.5分）（5月底取得明显成效并持续推进，牵头考核单位：市审批服务局）",
    "（6月底完成，牵头考核单位：市政府办公室、市公安局）",
    "（6月底完成，牵头考核单位：市政府办公室、市公安局）",  # the same parenthetical again
    "落实责任（责任单位：各县（市、区）政府、省财政厅）",  # one parenthetical inside another
    "推进改革（省发展改革委负责",  # never closed
    "健全机制）（市教育局负责）",  # a ） before any （
    "由市发展改革委负责，市财政局配合。",
    "牵头单位：市工信局；配合单位：市商务局",
    "到2022年，入园率达到90%以上，新增3.1万个学位。",
    "根据《关于全面推进政务公开工作的意见》（中办发〔2016〕8号），制定本办法。",
    "于2019年4月底前完成清单修订。",
    "总体要求",
    "",
]


@pytest.mark.parametrize("year", [None, 2022])
def test_a_document_read_at_once_finds_what_each_text_gives_alone(year: int | None) -> None:
    together = _read_all(TEXTS, year)
    assert [found or read_assignment("") for found in together] == [read_assignment(text, year) for text in TEXTS]
    assert together[0].units and together[4].units and together[13] is None


def test_a_text_holding_the_joining_character_is_still_read() -> None:
    texts = [f"建平台{_JOIN}（省商务厅负责）", "（市教育局负责）"]
    assert [found.units for found in _read_all(texts, None)] == [read_assignment(text).units for text in texts]


def test_parentheticals_inside_parentheticals_are_read_whole() -> None:
    found = [match.group(1) for match in _parentheticals("甲（乙）丙（丁（戊）己）（庚")]
    assert found == ["乙", "丁（戊）己"]


_PIECES = st.sampled_from(
    [
        *"（ ） ， 、 ： 。 由 前 3 负责 牵头 配合 牵头考核单位： 责任单位： 市教育局 省财政厅 各区政府 5月底 2022年底前".split(),
        *"完成 持续推进 达到 90% 新增3万个 《办法》 国发〔2007〕37号 （0.5分）".split(),
        _JOIN,
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_PIECES, max_size=12).map("".join), min_size=1, max_size=6), st.sampled_from([None, 2022]))
def test_any_texts_read_together_agree_with_each_read_alone(texts: list[str], year: int | None) -> None:
    together = _read_all(texts, year)
    assert [found or read_assignment("") for found in together] == [read_assignment(text, year) for text in texts]
