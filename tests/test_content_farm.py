"""Content-farm damage (issue 16): every form, generated from the published
originals (tests/damage.py, seeded), comes back as the published text; the
reading check keeps every real parenthetical; mojibake and truncated pages are
warned of."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.damage import FORMS, damage, is_han, originals
from wpclean import process_text
from wpclean.cleaner.steps import clean_text
from wpclean.options import Options

ORIGINALS = originals()
CASES = [(form, name, seed) for form in FORMS for name, _ in ORIGINALS for seed in range(2)]
BODIES = dict(ORIGINALS)


def _damaged(form: str, name: str, seed: int) -> str:
    return damage(BODIES[name], form, random.Random(f"{name}-{form}-{seed}"))[0]


@pytest.mark.parametrize(("form", "name", "seed"), CASES, ids=lambda v: str(v))
def test_a_damaged_page_cleans_to_what_its_original_cleans_to(form: str, name: str, seed: int) -> None:
    got = clean_text(_damaged(form, name, seed)).text
    want = clean_text(BODIES[name]).text
    if form == "broken_groups":  # the page was cut: what followed its last character is gone
        want = want[: max(i for i, char in enumerate(want) if is_han(char)) + 1]
    if form == "mojibake":  # the lost characters cannot come back: they stay, flagged
        got = got.replace("??", "")
    assert got == want


@pytest.mark.parametrize("name", list(BODIES), ids=str)
def test_mojibake_spans_are_repaired_or_warned_of_with_their_line(name: str) -> None:
    text, injected = damage(BODIES[name], "mojibake", random.Random(f"{name}-mojibake-0"))
    warnings = [w for w in process_text(text).plan.warnings if w.code == "mojibake"]
    assert len(warnings) == injected["mojibake"]
    assert all(w.where.startswith("input line ") for w in warnings)


def test_fast_and_recorded_runs_give_the_same_warnings() -> None:
    text = "标题\n дЄ≠еНОдЇЇж∞С成立\n任務??倳\n正文(未完,全文共1662字,当前显示422字)"
    fast, recorded = clean_text(text), clean_text(text, Options(explain=True))
    assert fast.warnings == recorded.warnings
    assert [(code, where) for code, _, where in fast.warnings] == [
        ("mojibake", "input line 2"),
        ("mojibake", "input line 3"),
        ("truncated", "(未完,全文共1662字,当前显示422字)"),
    ]


@pytest.mark.parametrize("note", ["(未完,全文共1662字,当前显示422字)", "……(…省略826字,正式会员可完整阅读)"])
def test_a_truncated_page_is_warned_of_and_its_note_dropped(note: str) -> None:
    result = process_text(f"关于做好工作的通知\n一、总体要求\n加强领导。{note}")
    assert [w.code for w in result.plan.warnings] == ["truncated"]
    assert note not in result.body and result.plan.stats.truncation_dropped == 1


def test_strict_check_fails_on_mojibake(tmp_path) -> None:
    from typer.testing import CliRunner

    from wpclean.cli.app import build_app

    app = build_app()

    (tmp_path / "page.txt").write_text("关于做好工作的通知\n一、总体要求\n加强领导??。\n", encoding="utf-8")
    assert CliRunner().invoke(app, ["check", str(tmp_path)]).exit_code == 0
    strict = CliRunner().invoke(app, ["check", "--strict", str(tmp_path)])
    assert strict.exit_code != 0 and "mojibake" in strict.output


@pytest.mark.parametrize("kept", ["爱(AI)", "面积(km)", "加入(RCEP)", "往(返)", "深圳(Shenzhen Bay)", "国(zhōngguó)"])
def test_the_reading_check_keeps_what_is_not_a_reading(kept: str) -> None:
    assert clean_text(kept, Options(keep_punct=True)).text == kept


@pytest.mark.parametrize(
    ("damaged", "clean"),
    [
        ("中国(zhōngguó)", "中国"),
        ("发展(fā zhǎn)", "发展"),
        ("网络（wǎng luò）", "网络"),
        ("深圳(Shēnzhèn)", "深圳"),
        ("深(Shen)圳", "深圳"),
        ("深[shēn]圳", "深圳"),
        ("深【shēn】圳", "深圳"),
        ("创(chuàng )新", "创新"),
        ("国(guo)⛦(guo)务", "国务"),
        ("就☂(jiu)是", "就是"),
        ("社会主义(y🎐i)", "社会主义"),
        ("全面(mian🎉)", "全面"),
        ("听tīng)取", "听取"),
        ("中(zho", "中"),
        ("現(", "现"),
    ],
)
def test_each_annotation_form_of_the_issue_is_removed(damaged: str, clean: str) -> None:
    assert clean_text(damaged).text == clean


@pytest.mark.parametrize(
    ("damaged", "clean"),
    [
        ("发展,,改革", "发展，改革"),
        ("发展,、改革", "发展，改革"),
        ("发展,。", "发展。"),
        ("发展，，改革", "发展，改革"),
        ("深 圳 市", "深圳市"),
        ("认为 ，", "认为，"),
        ("坚持\u200b党的领导", "坚持党的领导"),
        ("第一段</p>\n<p>第二段<br>第三行", "第一段\n第二段\n第三行"),
        ("面积&gt;100平方米&nbsp;以上", "面积>100平方米以上"),
        ("补助55%,500万元", "补助55%，500万元"),
        ("共1,000万元", "共1,000万元"),
        ("修濬河道", "修浚河道"),
        ("同誌們", "同志们"),
        ("曆史", "历史"),
        ("全麵", "全面"),
        ("麵對", "面对"),
        ("【发布日期:2024-02-19】 【来源:本站】 【阅读:次】\n正文", "正文"),
        ("返回目录 放大缩小全文复制 上一篇 下一篇\n正文", "正文"),
    ],
)
def test_each_other_form_of_the_issue_is_repaired(damaged: str, clean: str) -> None:
    assert clean_text(damaged).text == clean


def test_invisible_only_input_is_an_empty_page() -> None:
    from wpclean.errors import EmptyInputError

    with pytest.raises(EmptyInputError):
        process_text("\u200b\u3164\u115f \n")


# --- properties ---------------------------------------------------------------

FORM_NAMES = st.sampled_from(sorted(FORMS))
NAMES = st.sampled_from(sorted(BODIES))


@settings(max_examples=25, deadline=None)
@given(FORM_NAMES, NAMES, st.integers(0, 10_000))
def test_no_han_character_of_the_published_text_is_removed(form: str, name: str, seed: int) -> None:
    from collections import Counter

    published = Counter(filter(is_han, clean_text(BODIES[name]).text))
    cleaned = Counter(filter(is_han, clean_text(_damaged(form, name, seed)).text))
    assert not published - cleaned


@settings(max_examples=25, deadline=None)
@given(FORM_NAMES, NAMES, st.integers(0, 10_000))
def test_cleaning_a_damaged_page_twice_changes_nothing(form: str, name: str, seed: int) -> None:
    once = clean_text(_damaged(form, name, seed)).text
    assert clean_text(once).text == once


@settings(max_examples=40, deadline=None)
@given(NAMES, st.integers(0, 10_000))
def test_the_reading_check_never_removes_a_real_parenthetical(name: str, start: int) -> None:
    import regex

    body = BODIES[name]
    for match in regex.finditer(r"\p{Han}{1,8}[(（][^()（）\n]{1,30}[)）]", body[start % len(body) :][:4000]):
        assert clean_text(match.group(0), Options(keep_punct=True, convert="none")).text == match.group(0)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="深圳中国(（)）[]【】shenzhōngguóAI ⛦🎉\u200b,，。、?", max_size=30))
def test_fast_and_recorded_runs_agree_on_the_new_forms(text: str) -> None:
    fast, recorded = clean_text(text), clean_text(text, Options(explain=True))
    assert (fast.text, +fast.counts, fast.warnings) == (recorded.text, +recorded.counts, recorded.warnings)
