"""Who does what, by when: units, deadlines, targets and citations read from real plans.

The documents are real (tests/data/assignments/SOURCES.md; the 牵头考核单位 plan is a
sample under samples/corpus/); every expected value below was checked by hand against
the text it comes from.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.conftest import SAMPLES
from tests.golden import assert_matches_golden
from wpclean import process_bytes
from wpclean.check.invariants import lossless
from wpclean.cli.app import build_app
from wpclean.parser import assignments
from wpclean.parser.assignments import parenthetical_units, plan_year, read_assignment, unit_names
from wpclean.render.formats import render_plan
from wpclean.render.plan_text import walk
from wpclean.schemas import Plan

DATA = Path(__file__).resolve().parent / "data" / "assignments"
BAOTOU = SAMPLES / "corpus" / "10-baotou-shuzizhengfu-kaoping-2022.txt"
REAL = sorted(DATA.glob("*.txt"))


def _plan(path: Path) -> Plan:
    return process_bytes(path.read_bytes(), path=path.name).plan


def _nodes(plan: Plan):
    """(text the node's findings come from, node) for every item and section."""
    for item in plan.items:
        yield item.text, item
    for placed in walk(plan.sections):
        section = placed.section
        yield f"{section.heading}\n{section.intro}", section
        for item in section.items:
            yield item.text, item


def _main(plan: Plan):
    """The document holding the tasks: the plan, or the plan it transmits (印发…的通知:
    the attached 办法 or 方案, a sub-document since schema 2)."""
    return max([plan, *plan.attachments], key=lambda document: len(document.sections))


def _section(plan: Plan, *markers: str):
    sections = _main(plan).sections
    for marker in markers:
        found = next(section for section in sections if section.marker == marker)
        sections = found.sections
    return found


def _task(plan: Plan, marker: str):
    """The numbered task (a level-3 section) with ``marker``: numbered once across the plan."""
    return next(placed.section for placed in walk(_main(plan).sections) if placed.section.marker == marker)


def _by_role(node) -> dict[str, list[str]]:
    roles: dict[str, list[str]] = {}
    for unit in node.units:
        roles.setdefault(unit.role, []).append(unit.name)
    return roles


# --- the forms the issue names, one by one -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("（省商务厅牵头，合肥海关配合）", {"lead": ["省商务厅"], "partner": ["合肥海关"]}),
        ("（合肥海关负责）", {"responsible": ["合肥海关"]}),
        ("（责任单位：市教育局、各区政府）", {"responsible": ["市教育局", "各区政府"]}),
        ("加快建设。牵头单位：市发展改革委、市财政局。", {"lead": ["市发展改革委", "市财政局"]}),
        ("由市发展改革委负责，各区配合。", {"responsible": ["市发展改革委"], "partner": ["各区"]}),
        ("（5月底前完成，牵头考核单位：市审批服务局）", {"assessor": ["市审批服务局"]}),
        ("（省发展改革委、省林业厅等部门配合）", {"partner": ["省发展改革委", "省林业厅"]}),
    ],
)
def test_each_written_form_of_units_gives_the_units_with_their_roles(text: str, expected: dict) -> None:
    assert _by_role(read_assignment(text)) == expected


@pytest.mark.parametrize(
    ("text", "deadline", "day"),
    [
        ("2022年底前完成改造。", "2022年底前", date(2022, 12, 31)),
        ("于2023年6月30日前完成。", "2023年6月30日前", date(2023, 6, 30)),
        ("5月底前完成。", "5月底前", date(2021, 5, 31)),  # the plan's year, 2021
        ("建立机制（长期坚持）。", "长期坚持", None),
        ("（持续推进，牵头考核单位：市工信局）", "持续推进", None),
        ("（6月前完成，省财政厅负责）", "6月前完成", None),  # before June or by its end: no single day
    ],
)
def test_deadlines_keep_their_words_and_name_a_day_only_when_the_words_do(text, deadline, day) -> None:
    found = read_assignment(text, 2021).deadline
    assert (found.text, found.date) == (deadline, day)


def test_a_time_without_a_year_has_no_date_when_the_plan_names_no_single_year() -> None:
    assert plan_year("行动方案（2023-2025年）") is None
    assert read_assignment("（5月底前完成，市财政局负责）", None).deadline.date is None


def test_targets_carry_value_unit_and_the_year_of_their_sentence() -> None:
    found = read_assignment("到2022年，学前三年毛入园率达到90%，新增3.1万个学位，财政赤字率控制在3%以内。")
    assert [(t.text, t.value, t.unit, t.year) for t in found.targets] == [
        ("达到90%", 90.0, "%", 2022),
        ("新增3.1万个", 3.1, "万个", 2022),
        ("控制在3%以内", 3.0, "%", 2022),
    ]


def test_citations_say_basis_transmission_and_repeal() -> None:
    text = (
        "根据《中华人民共和国行政许可法》，转发《关于推进政务公开的意见》（国办发〔2016〕80号），《旧办法》同时废止。"
    )
    found = read_assignment(text).citations
    assert [(c.title, c.doc_number, c.role) for c in found] == [
        ("中华人民共和国行政许可法", None, "basis"),
        ("关于推进政务公开的意见", "国办发〔2016〕80号", "transmits"),
        ("旧办法", None, "repeals"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "（包括牵头单位自身）",
        "（以下任务均需各市县政府负责，不再列出）",
        "（2021—2023年）",
        "（0.5分）",
        "各牵头考核单位对各部门进行考核。",
    ],
)
def test_words_that_only_look_like_an_assignment_give_no_unit(text: str) -> None:
    assert read_assignment(text).units == []


def test_agencies_stay_whole_and_lists_split_only_between_them() -> None:
    assert unit_names("省发展改革委、省文化和旅游厅、国家金融监督管理总局河北监管局及各地区") == [
        "省发展改革委",
        "省文化和旅游厅",
        "国家金融监督管理总局河北监管局",
        "各地区",
    ]
    assert unit_names("各县（市、区）政府、省财政厅") == ["各县（市、区）政府", "省财政厅"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["省财政厅", "国务院相关部门", "有关部门", "各地区", "等", "、", "，", "及", "（市、区）"]),
        max_size=6,
    ),
    st.sampled_from(["3", "１２", "\u0663", "2022年", "5月底"]),
    st.integers(0, 40),
)
def test_a_list_holding_a_digit_names_no_units(words: list[str], digits: str, at: int) -> None:
    # the clause reader skips the digits' search for clauses without 年 or 月 and relies on this
    text = "".join(words)
    text = text[:at] + digits + text[at:]
    assert unit_names(text) is None


def test_no_word_read_after_a_citation_holds_a_sentence_end() -> None:
    # a citation's role reads the words after it from the text itself, without finding its sentence's
    # end first, and relies on this (parser.assignments._words_after)
    words = assignments._words()
    read_after = [*words["citation_repeal_words"], *words["citation_transmit_after"], words["citation_connectors"]]
    assert read_after and not [word for word in read_after if assignments._sentence_end().search(word)]


def test_no_running_text_deadline_is_longer_than_the_search_reaches_back() -> None:
    # text_deadline searches from _TIME_CHARS - 1 characters before the first 前 that ends a time
    import re._parser

    assert re._parser.parse(assignments._time_in_text().pattern).getwidth()[1] == assignments._TIME_CHARS


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from([*"前之以年月日底底1２9", "2023年", "12月", "31日", "前提", "完成", "，", "。"]), max_size=20
    )
)
def test_a_running_text_deadline_is_the_first_a_search_from_the_start_finds(pieces: list[str]) -> None:
    text = "".join(pieces)
    first = next(
        (m for m in assignments._time_in_text().finditer(text) if m.start() == 0 or not text[m.start() - 1].isdigit()),
        None,
    )
    found = assignments.text_deadline(text, 2022)
    assert (found.text if found else None) == (first.group() if first else None)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from([*"达到新增超的年%个1０9２", "控制在", "不少于", "预计达到", "（", "。", "a", "\x00"]),
        max_size=16,
    )
)
def test_the_target_hint_holds_where_its_pattern_matches_anywhere(pieces: list[str]) -> None:
    # _target_hinted matches the hint only before a run of digits, found by a bytes pattern and str.find
    text = "".join(pieces)
    expected = assignments._hint("target").search(text) is not None
    assert bool(assignments._target_hinted(text, [0, len(text) + 1])) == expected


# --- real plans ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def baotou() -> Plan:
    return _plan(BAOTOU)


def test_every_scored_task_of_the_assessment_plan_has_its_assessor_and_deadline(baotou: Plan) -> None:
    """The 考评办法's 90 numbered tasks: 89 end with （…，牵头考核单位：…）; task 3.'s closes
    its last item (五是), which carries it."""
    tasks = [placed.section for placed in walk(_main(baotou).sections) if placed.section.level == 3]
    assert len(tasks) == 90
    with_assessor = [task for task in tasks if any(unit.role == "assessor" for unit in task.units)]
    assert len(with_assessor) == 89  # 3.'s parenthetical is in its item 五是
    task_5 = _task(baotou, "5．")
    assert _by_role(task_5) == {"assessor": ["市政府办公室", "市审批服务局"]}
    assert (task_5.deadline.text, task_5.deadline.date) == ("7月底完成", date(2022, 7, 31))
    task_8 = _task(baotou, "8．")
    assert _by_role(task_8) == {"assessor": ["市住建局", "审批服务局"]}
    assert (task_8.deadline.text, task_8.deadline.date) == ("持续优化", None)
    task_47 = _task(baotou, "47．")
    assert [(t.text, t.value, t.unit) for t in task_47.targets] == [
        ("新增2400户", 2400.0, "户"),
        ("累计约3600户", 3600.0, "户"),
    ]


def test_responsibility_parentheticals_of_an_action_plan_name_every_unit() -> None:
    plan = _plan(DATA / "r006-hebei-gxt-dianzi-xingdong-jihua-2020.txt")
    cluster = _section(plan, "二、", "（一）")
    assert _by_role(cluster) == {
        "responsible": ["有关市政府", "雄安新区管委会", "省工业和信息化厅", "省发展改革委", "省科技厅", "省商务厅"]
    }
    scale = _section(plan, "一、", "（二）", "1.")
    assert [(t.text, t.value, t.unit, t.year) for t in scale.targets][0] == ("达到3000亿元", 3000.0, "亿元", 2022)


def test_lead_and_partner_lists_keep_their_order_and_roles() -> None:
    plan = _plan(DATA / "r046-hebei-gov-quanmin-shishi-fangan-2016.txt")
    leaders = _section(plan, "二、", "（四）", "4.")
    roles = _by_role(leaders)
    assert roles["lead"] == ["省委组织部", "省人力资源社会保障厅"]
    assert roles["partner"] == [
        "省委宣传部",
        "省委省直工委",
        "省科技厅",
        "省科学院",
        "团省委",
        "省妇联",
        "省科协",
        "省社科联",
        "省新闻出版广电局",
    ]


def test_division_of_labour_parentheticals_name_leads_and_those_responsible() -> None:
    """The 分工方案 is one line the parser does not split yet: its parentheticals are read directly."""
    text = (DATA / "r052-govcn-quanguo-fengong-fangan.txt").read_text(encoding="utf-8")
    units, _ = parenthetical_units("财政部、税务总局牵头，国务院相关部门及各地区按职责分工负责")
    assert "（财政部、税务总局牵头，国务院相关部门及各地区按职责分工负责）" in text
    assert [(u.name, u.role) for u in units] == [
        ("财政部", "lead"),
        ("税务总局", "lead"),
        ("国务院相关部门", "responsible"),
        ("各地区", "responsible"),
    ]
    whole = read_assignment(text)
    assert {"市场监管总局", "人民银行", "银保监会", "国家发展改革委"} <= {
        u.name for u in whole.units if u.role == "lead"
    }
    assert whole.deadline.text == "2020年底前"


def test_a_repealed_document_is_listed_with_its_doc_number() -> None:
    plan = _plan(DATA / "r029-hebei-kjt-xinxing-guanli-banfa.txt")
    assert [(c.title, c.doc_number) for c in plan.repeals] == [("河北省新型研发机构管理办法", "冀科平规〔2021〕1号")]
    assert all(c.doc_number != plan.doc_number for c in plan.citations if c.title is None)


@pytest.mark.parametrize("path", [*REAL, BAOTOU], ids=lambda path: path.name[:12])
def test_every_finding_is_written_in_the_text_it_was_read_from(path: Path) -> None:
    result = process_bytes(path.read_bytes())
    assert lossless(result.plan, result.body)
    for text, node in _nodes(result.plan):
        for unit in node.units:
            assert unit.name in text
        if node.deadline:
            assert node.deadline.text in text
        for target in node.targets:
            assert target.text in text
        for citation in node.citations:
            assert citation.title is None or citation.title in text
            assert citation.doc_number is None or citation.doc_number in text


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet="（）由、，。：省市局委厅办负责牵头配合单位责任年月底前达到新增20%个《》号〔〕0123456789", max_size=60
    )
)
def test_arbitrary_text_never_yields_a_finding_it_does_not_hold(text: str) -> None:
    found = read_assignment(text, 2022)
    assert all(unit.name and unit.name in text for unit in found.units)
    assert found.deadline is None or found.deadline.text in text
    assert all(target.text in text for target in found.targets)
    assert all(c.title is None or c.title in text for c in found.citations)


# --- the tasks view --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def reviewed_baotou() -> Plan:
    return Plan.model_validate_json(BAOTOU.with_suffix(".json").read_bytes())


@pytest.mark.parametrize(("fmt", "golden"), [("tasks-md", "baotou-tasks.md"), ("tasks-csv", "baotou-tasks.csv")])
def test_the_reviewed_plan_s_tasks_render_as_their_golden_table(reviewed_baotou: Plan, fmt: str, golden: str) -> None:
    assert_matches_golden(golden, render_plan(reviewed_baotou, fmt))


def test_a_task_row_holds_units_by_role_deadline_and_targets(reviewed_baotou: Plan) -> None:
    rows = render_plan(reviewed_baotou, "tasks-csv").decode("utf-8-sig").splitlines()
    assert (
        rows[0]
        == "source,section_path,item_marker,task,lead_units,partner_units,responsible_units,assessor_units,deadline,deadline_date,targets"
    )
    row_47 = next(row for row in rows if "二、 > （四） > 47．" in row)
    assert row_47.endswith(",,,,市市场监管局,8月底完成,2022-08-31,新增2400户；累计约3600户")


def test_show_tasks_prints_the_table(reviewed_baotou: Plan, tmp_path: Path) -> None:
    plan_file = tmp_path / "plan.json"
    plan_file.write_bytes(render_plan(reviewed_baotou, "json"))
    result = CliRunner().invoke(build_app(), ["show", "--tasks", str(plan_file)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "assessor" in result.output and "市审批服务局" in result.output and "2022-07-31" in result.output
    assert "partners" not in result.output  # no task of this plan has one: the column is left out
