"""The override table on top of OpenCC: what must change, what must stay, and
the table's own consistency."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import ORIGINALS
from wpclean.check.invariants import core_chars
from wpclean.cleaner.script import apply_overrides, convert_script, converter, load_override_rules

MUST_CHANGE = [
    ("朝著", "朝着"),
    ("随著", "随着"),
    ("意味著", "意味着"),
    ("围绕著", "围绕着"),
    ("本著", "本着"),
    ("沿著", "沿着"),
    ("接著", "接着"),
    ("著力", "着力"),
    ("著眼", "着眼"),
    ("著重", "着重"),
    ("执著", "执着"),
    ("发挥著作用", "发挥着作用"),
    ("意味著作为", "意味着作为"),
    ("瞭解", "了解"),
    ("明瞭", "明了"),
    ("谘询", "咨询"),
    ("寜夏", "宁夏"),
    ("於是", "于是"),
    ("衞生", "卫生"),
    ("敍述", "叙述"),
    ("柜枱", "柜台"),
    ("稻榖", "稻谷"),
    ("藉鉴", "借鉴"),
    ("凭藉", "凭借"),
    ("盐堿", "盐碱"),
    ("嗬护", "呵护"),
    ("屋簷", "屋檐"),
    ("矽榖", "硅谷"),
    ("薰陶", "熏陶"),
    ("想像力", "想象力"),
    ("座标", "坐标"),
    ("覆核", "复核"),
    ("覆审", "复审"),
    ("主乾道", "主干道"),
    ("滤州市", "泸州市"),
    ("佘族", "畲族"),
    ("扡插", "扦插"),
    ("惨澹", "惨淡"),
    ("车伕", "车夫"),
    ("麻痺", "麻痹"),
]

MUST_NOT_CHANGE = [
    "著作",
    "显著",
    "原著",
    "著名",
    "瞭望",
    "名著",
    "著作权",
    "显著作用",
    "成效显著",
    "土著",
    "专著",
    "编著",
    "著称",
    "慰藉",
    "狼藉",
    "蕴藉",
    "薰衣草",
    "矽肺",
    "思想像",
    "於菟",
    "覆盖",
    "颠覆",
    "乾坤",
    "乾隆",
    "干道",
    "着力",
]


@pytest.mark.parametrize(("damaged", "clean"), MUST_CHANGE)
def test_what_converters_leave_is_corrected(damaged: str, clean: str) -> None:
    assert apply_overrides(damaged) == clean


@pytest.mark.parametrize("word", MUST_NOT_CHANGE)
def test_genuine_words_stay(word: str) -> None:
    assert apply_overrides(word) == word


def test_a_page_that_keeps_zhe_keeps_its_zhu() -> None:
    """Converters either write every 着 as 著 (hanziconv, s2tw) or none (s2t, zh-hant)."""
    assert apply_overrides("随着发展，鲁迅著，发挥著作") == "随着发展，鲁迅著，发挥著作"
    assert apply_overrides("随著发展，发挥著作用") == "随着发展，发挥着作用"


def test_an_exception_that_starts_earlier_wins_over_a_fix() -> None:
    assert apply_overrides("显著著力") == "显著着力"


def test_each_correction_is_recorded_as_the_characters_that_differ() -> None:
    record: list = []
    apply_overrides("发挥著作用，稻榖", record)
    assert [(c.offset, c.original, c.replacement) for c in record] == [(2, "著", "着"), (7, "榖", "谷")]


RULES = load_override_rules()


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.wrong)
def test_every_rule_fires_on_its_own_wrong_text(rule) -> None:
    assert apply_overrides(rule.wrong) == rule.right != rule.wrong


# Where OpenCC t2s does not simply keep a wrong text, what it comes from: OpenCC converts
# 於 alone but keeps it inside its phrases for names (於其一, 於則…), which a sentence
# can hold by accident (鉴於其一); it writes 苧 for zhconv's 薴; and it keeps 乾 next to 縣.
SOURCES = {"於": "鉴於其一", "苧": "薴", "余乾县": "餘乾縣", "新乾县": "新乾縣"}


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.wrong)
def test_every_wrong_text_is_one_opencc_outputs(rule) -> None:
    """Overrides run after OpenCC t2s: a wrong text it never outputs would be dead data."""
    assert rule.wrong in converter("t2s").convert(SOURCES.get(rule.wrong, rule.wrong))


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.wrong)
def test_every_exception_holds_its_wrong_text_and_is_kept(rule) -> None:
    for word in rule.exceptions:
        assert rule.wrong in word and apply_overrides(word) == word


def test_wrong_texts_are_unique() -> None:
    wrongs = [rule.wrong for rule in RULES]
    assert len(wrongs) == len(set(wrongs))


HAN_AND_WRONGS = st.lists(
    st.sampled_from([r.wrong for r in RULES] + ["作用", "名", "显", "的", "，", "a"]), max_size=20
)


@settings(max_examples=300, deadline=None)
@given(HAN_AND_WRONGS.map("".join))
def test_overrides_are_idempotent_and_keep_the_length_of_single_characters(text: str) -> None:
    once = apply_overrides(text)
    assert apply_overrides(once) == once
    assert len(once) == len(text)


def _bodies() -> list[str]:
    return [path.read_text(encoding="utf-8").split("\n\n", 1)[1] for path in sorted(ORIGINALS.glob("*.txt"))]


def _forward_converters() -> dict:
    hanziconv = pytest.importorskip("hanziconv")
    zhconv = pytest.importorskip("zhconv")
    return {
        "opencc-s2t": converter("s2t").convert,
        "opencc-s2tw": converter("s2tw").convert,
        "opencc-s2hk": converter("s2hk").convert,
        "hanziconv": hanziconv.HanziConv.toTraditional,
        "zhconv-hant": lambda text: zhconv.convert(text, "zh-hant"),
    }


def test_originals_come_back_from_every_character_level_converter() -> None:
    """Research tools: skipped unless ``pip install -e '.[research]'``."""
    for name, forward in _forward_converters().items():
        for body in _bodies():  # core characters: converters also swap “” for 「」, which punct undoes
            assert core_chars(apply_overrides(convert_script(forward(body)))) == core_chars(body), name


def test_simplified_originals_pass_through_unchanged() -> None:
    for body in _bodies():
        assert apply_overrides(convert_script(body)) == body
