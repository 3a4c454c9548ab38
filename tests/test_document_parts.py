"""Decimal numbering (1 / 1.1 / 1.1.1), 款 inside articles, and the 版头 (份号, 密级, 紧急程度, 签发人)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT
from wpclean import process_bytes, process_text
from wpclean.check.invariants import first_difference
from wpclean.schemas import Plan, Section

REAL = ROOT / "samples" / "real"


def plan_of(body: str, title: str = "某某应急预案") -> Plan:
    return process_text(f"{title}\n{body}").plan


def tree(sections: list[Section], depth: int = 0) -> list[tuple[int, str, str, str]]:
    rows = []
    for section in sections:
        rows.append((depth, section.kind, section.marker, section.heading))
        rows += tree(section.sections, depth + 1)
    return rows


def lossless_of(text: str) -> str | None:
    result = process_text(text)
    return first_difference(result.plan, result.body)


# Decimal numbering

DECIMAL = (
    "1　总则\n1.1　编制目的\n为了应对事件，制定本预案。\n1.2　适用范围\n本预案适用于全省。\n"
    "2　组织体系\n2.1　领导机构\n2.1.1　指挥部\n统一指挥。\n2.1.2　办公室\n日常工作。\n2.2　工作机构\n分工负责。"
)


def test_decimal_headings_nest_by_depth_with_their_own_kind_and_levels() -> None:
    plan = plan_of(DECIMAL)
    assert tree(plan.sections) == [
        (0, "decimal", "1", "总则"),
        (1, "decimal", "1.1", "编制目的"),
        (1, "decimal", "1.2", "适用范围"),
        (0, "decimal", "2", "组织体系"),
        (1, "decimal", "2.1", "领导机构"),
        (2, "decimal", "2.1.1", "指挥部"),
        (2, "decimal", "2.1.2", "办公室"),
        (1, "decimal", "2.2", "工作机构"),
    ]
    assert [s.level for s in plan.sections] == [7, 7]
    assert [s.level for s in plan.sections[1].sections[0].sections] == [9, 9]
    assert plan.sections[1].sections[0].sections[1].intro == "日常工作。"
    assert lossless_of(f"某某应急预案\n{DECIMAL}") is None


@pytest.mark.parametrize("dot", ["", ".", "、", "．"])
def test_decimal_variants_with_a_trailing_dot_or_comma_are_headings(dot: str) -> None:
    plan = plan_of(f"1.1{dot}编制目的\n正文。\n1.2{dot}编制依据\n正文。\n2.1{dot}领导机构\n正文。")
    assert [(s.marker, s.heading) for s in plan.sections] == [
        (f"1.1{dot}", "编制目的"),
        (f"1.2{dot}", "编制依据"),
        (f"2.1{dot}", "领导机构"),
    ]


def test_decimal_headings_nest_under_a_one_dot_heading_of_their_number() -> None:
    plan = plan_of("1.总体要求\n1.1指导思想\n正文。\n1.2基本原则\n正文。\n2.主要任务\n2.1推进改革\n正文。")
    assert tree(plan.sections) == [
        (0, "ladder", "1.", "总体要求"),
        (1, "decimal", "1.1", "指导思想"),
        (1, "decimal", "1.2", "基本原则"),
        (0, "ladder", "2.", "主要任务"),
        (1, "decimal", "2.1", "推进改革"),
    ]


@pytest.mark.parametrize(
    "body",
    [
        "全年经济增长。\n3.1万个村庄实施环境整治。\n3.2万个村庄完成改厕。",
        "1.5倍的增长。\n1.6倍的投入。",
        "2.0版系统上线。\n2.1版系统试用。",
        "一、时间安排\n1.报名。\n2.审核。\n3.考试。\n4.8月8日，各市上报人选。\n5.8月16日前，公示结果。",
        "一、总体要求\n1.1项工作要落实。\n各地要抓紧。",
    ],
)
def test_numbers_with_decimal_points_in_prose_are_not_headings(body: str) -> None:
    plan = plan_of(body, title="某局工作通知")
    assert all(kind != "decimal" for _, kind, _, _ in tree(plan.sections))
    assert lossless_of(f"某局工作通知\n{body}") is None


def test_a_one_dot_ladder_stays_a_ladder() -> None:
    plan = plan_of("1.加强领导。\n各地要落实。\n2.强化保障。\n3.严格考核。", title="某局工作要点")
    assert [(s.kind, s.level, s.marker) for s in plan.sections] == [
        ("ladder", 3, "1."),
        ("ladder", 3, "2."),
        ("ladder", 3, "3."),
    ]


def test_one_decimal_heading_alone_is_text() -> None:
    plan = plan_of("1.1　编制目的\n为了应对事件，制定本预案。", title="某局通知")
    assert plan.sections == [] and plan.preamble.startswith("1.1")


def test_decimal_table_of_contents_is_preamble_text() -> None:
    contents = "1　总则\n1.1　编制目的\n1.2　适用范围\n2　组织体系\n2.1　领导机构\n"
    plan = plan_of(contents + DECIMAL)
    assert [s.marker for s in plan.sections] == ["1", "2"]
    assert plan.preamble.split("\n")[:2] == ["1总则", "1.1编制目的"]
    assert not [w for w in plan.warnings if w.code == "numbering_restart"]


def test_real_contingency_plan_is_read_in_its_decimal_numbering() -> None:
    path = REAL / "r050-govcn-tufa-yingji-yuan.txt"
    plan = process_bytes(path.read_bytes(), path=str(path)).plan
    contingency = plan.attachments[0]
    assert contingency.title == "国家突发环境事件应急预案"
    assert [(s.marker, s.heading) for s in contingency.sections] == [
        ("1", "总则"),
        ("2", "组织指挥体系"),
        ("3", "监测预警和信息报告"),
        ("4", "应急响应"),
        ("5", "后期工作"),
        ("6", "应急保障"),
        ("7", "附则"),
    ]
    assert [len(s.sections) for s in contingency.sections] == [5, 3, 3, 4, 3, 4, 3]
    warning = contingency.sections[2].sections[1]
    assert (warning.marker, [c.marker for c in warning.sections]) == ("3.2", ["3.2.1", "3.2.2", "3.2.3", "3.2.4"])
    assert [c.marker for c in warning.sections[2].sections] == ["（1）", "（2）", "（3）", "（4）"]


# 款 (clauses) inside articles

REGULATION = (
    "第一条　为了规范管理，制定本办法。\n"
    "第二条　申请人应当提交下列材料：\n（一）申请书；\n（二）身份证明。\n"
    "前款第（一）项所列申请书应当载明申请事项。\n申请人对材料的真实性负责。\n"
    "第三条　本办法自2020年1月1日起施行。"
)


def test_an_article_of_several_paragraphs_has_numbered_clauses_holding_its_items() -> None:
    plan = plan_of(REGULATION, title="某某管理办法")
    first, second, third = plan.sections
    assert (first.intro, first.sections) == ("为了规范管理，制定本办法。", [])
    assert second.intro == "" and [(c.kind, c.number, c.marker, c.level) for c in second.sections] == [
        ("clause", 1, "", 14),
        ("clause", 2, "", 14),
        ("clause", 3, "", 14),
    ]
    assert second.sections[0].intro == "申请人应当提交下列材料："
    assert [s.marker for s in second.sections[0].sections] == ["（一）", "（二）"]
    assert second.sections[1].intro == "前款第（一）项所列申请书应当载明申请事项。"
    assert second.sections[0].sections[1].intro == ""  # the paragraph after the 项 is not the 项's text
    assert third.sections == []
    assert lossless_of(f"某某管理办法\n{REGULATION}") is None


def test_an_item_line_that_is_only_a_heading_or_ends_with_a_colon_keeps_its_paragraphs() -> None:
    body = (
        "第一条　评审程序：\n（一）召开预备会\n评审委员会召开预备会。\n"
        "（二）评定等级：\n达到国际先进水平的，评为一等奖；\n达到国内领先水平的，评为二等奖。\n"
        "第二条　本办法由某局解释。"
    )
    article = plan_of(body, title="某某评审办法").sections[0]
    assert [c.kind for c in article.sections] == ["ladder", "ladder"]
    assert article.sections[0].intro == "评审委员会召开预备会。"
    assert article.sections[1].intro == "达到国际先进水平的，评为一等奖；\n达到国内领先水平的，评为二等奖。"


def test_an_article_number_alone_on_its_line_takes_the_next_paragraph_as_its_first_clause() -> None:
    article = plan_of("第一条\n为了规范管理，制定本办法。\n本办法所称单位，是指…。", title="某某办法").sections[0]
    assert [c.intro for c in article.sections] == ["为了规范管理，制定本办法。", "本办法所称单位，是指…。"]


def test_paragraphs_outside_articles_are_not_clauses() -> None:
    plan = plan_of("一、总体要求\n加强领导。\n落实责任。\n（一）目标\n完成任务。\n补充说明。", title="某局工作方案")
    assert all(kind != "clause" for _, kind, _, _ in tree(plan.sections))


def test_real_regulation_article_keeps_its_second_clause_apart_from_its_items() -> None:
    path = REAL / "r031-govcn-fangzhi-guanli-tiaoli.txt"
    plan = process_bytes(path.read_bytes(), path=str(path)).plan
    chapters = plan.attachments[0].sections
    article = next(a for c in chapters for a in c.sections if a.marker == "第三十四条")
    clauses = article.sections
    assert [c.kind for c in clauses] == ["clause", "clause"]
    assert [s.marker for s in clauses[0].sections] == ["（一）", "（二）", "（三）"]
    assert clauses[1].intro.startswith("海事管理机构应当自受理申请之日起30个工作日内完成审查")


def test_markdown_gives_a_clause_no_empty_heading() -> None:
    from wpclean.render.formats import render_plan

    markdown = render_plan(plan_of(REGULATION, title="某某管理办法"), "md").decode("utf-8")
    assert "#### \n" not in markdown and "# \n" not in markdown
    assert "前款第（一）项所列申请书应当载明申请事项。" in markdown


# The 版头: 份号, 密级, 紧急程度, 签发人


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ("签发人：张三", (None, None, None, "张三")),
        ("签发人：张三 李四", (None, None, None, "张三 李四")),
        ("签发人：张三、李四", (None, None, None, "张三、李四")),
        ("机密★1年", (None, "机密★1年", None, None)),
        ("秘密\n特急", (None, "秘密", "特急", None)),
        ("加急", (None, None, "加急", None)),
        ("份号 000123\n机密★1年\n加急", ("000123", "机密★1年", "加急", None)),
        ("000123\n秘密★6个月", ("000123", "秘密★6个月", None, None)),
        ("密级：绝密★长期　紧急程度：特急", (None, "绝密★长期", "特急", None)),
    ],
)
def test_masthead_elements_are_read_and_taken_out_of_the_preamble(lines: str, expected: tuple) -> None:
    text = f"关于某事的请示\n{lines}\n冀政〔2020〕1号\n国务院：\n为了做好工作，现请示如下。"
    result = process_text(text)
    plan = result.plan
    assert (plan.copy_number, plan.classification, plan.urgency, plan.signer) == expected
    assert plan.preamble == "为了做好工作，现请示如下。"
    assert (plan.doc_number, plan.addressees) == ("冀政〔2020〕1号", "国务院")
    assert first_difference(plan, result.body) is None


def test_signer_after_the_document_number_on_its_line_or_the_next() -> None:
    for between in ("　", "\n", " "):
        result = process_text(f"关于某事的请示\n特急\n国发〔2007〕37号{between}签发人：温家宝\n各省人民政府：\n正文。")
        plan = result.plan
        assert (plan.urgency, plan.doc_number, plan.signer, plan.preamble) == (
            "特急",
            "国发〔2007〕37号",
            "温家宝",
            "正文。",
        )
        assert first_difference(plan, result.body) is None


def test_masthead_lines_above_the_title_are_read_and_the_title_found_after_them() -> None:
    text = "000123\n机密★1年\n特急\n国发〔2007〕37号　签发人：温家宝\n关于某事的通知\n各省人民政府：\n正文。"
    result = process_text(text)
    plan = result.plan
    assert plan.title == "关于某事的通知"
    assert (plan.copy_number, plan.classification, plan.urgency, plan.signer) == (
        "000123",
        "机密★1年",
        "特急",
        "温家宝",
    )
    assert (plan.doc_number, plan.addressees, plan.preamble) == ("国发〔2007〕37号", "各省人民政府", "正文。")
    assert first_difference(plan, result.body) is None


def test_masthead_glued_before_the_document_number_on_a_flattened_page() -> None:
    result = process_text("关于某事的通知\n机密★1年特急国发〔2007〕37号各省人民政府：现将有关事项通知如下。")
    plan = result.plan
    assert (plan.classification, plan.urgency, plan.doc_number, plan.addressees) == (
        "机密★1年",
        "特急",
        "国发〔2007〕37号",
        "各省人民政府",
    )
    assert plan.preamble == "现将有关事项通知如下。"
    assert first_difference(plan, result.body) is None


@pytest.mark.parametrize(
    "body",
    [
        "为确保秘密不外泄，特急事特办。",
        "秘密文件的管理要严格。",
        "201901\n正文。",  # six digits without a 密级: not a 份号
        "国发〔2007〕37号签发人：温家宝各省人民政府：正文。",  # names glued to text: where they end is unknown
        "一、总体要求\n特急事项要当天办结。",
    ],
)
def test_masthead_words_in_the_text_are_left_alone(body: str) -> None:
    result = process_text(f"某局通知\n{body}")
    plan = result.plan
    assert plan.classification is None and plan.urgency is None and plan.copy_number is None
    assert plan.signer is None
    assert first_difference(plan, result.body) is None


MASTHEAD_LINE = st.sampled_from(
    [
        "份号 000123",
        "000123",
        "机密★1年",
        "秘密",
        "特急",
        "加急",
        "签发人：张三",
        "签发人：张三 李四",
        "国发〔2007〕37号",
    ]
)
BODY_LINE = st.sampled_from(
    ["各省人民政府：", "一、总则", "正文。", "秘密事项要保密。", "1.1　目的", "第一条　为了规范。", "（一）甲；"]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(MASTHEAD_LINE, max_size=5), st.lists(BODY_LINE, min_size=1, max_size=8), st.booleans())
def test_documents_with_masthead_lines_keep_every_character(masthead: list[str], body: list[str], above: bool) -> None:
    lines = [*masthead, "关于某事的通知", *body] if above else ["关于某事的通知", *masthead, *body]
    result = process_text("\n".join(lines))
    assert first_difference(result.plan, result.body) is None
    Plan.model_validate_json(result.plan.model_dump_json())


DECIMAL_LINE = st.sampled_from(
    ["1　总则", "1.1　目的", "1.2　依据", "2　体系", "2.1　机构", "2.1.1　指挥部", "3.1万个", "正文。"]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(DECIMAL_LINE, min_size=1, max_size=12), st.sampled_from(["\n", "　　"]))
def test_generated_decimal_documents_keep_every_character(lines: list[str], separator: str) -> None:
    result = process_text("某某预案\n" + separator.join(lines))
    assert first_difference(result.plan, result.body) is None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="各省市人民政府部门，、：:。；\n 　（）委局甲乙是通知", max_size=60))
def test_the_addressee_lines_quick_test_never_changes_what_is_read(text: str) -> None:
    """_split_addressees tests for the first stop mark before its pattern: the same reading as the pattern alone."""
    from wpclean.parser import front

    match = front._addressee_line().match(text)
    who = match.group("who") if match else None
    if who is None or "是" in who[-2:] or front._not_addressees().search(who):
        expected = (None, text)
    else:
        expected = (who.strip(" \t\u3000\xa0"), text[match.end() :].lstrip(" \t\u3000\xa0"))
    assert front._split_addressees(text) == expected
