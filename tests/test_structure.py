"""The numbering ladder, headings, items, header and closing on small documents."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wpclean import process_text
from wpclean.check.invariants import first_difference
from wpclean.schemas import Plan


def plan_of(body: str, title: str = "某局2020年工作要点") -> Plan:
    return process_text(f"{title}\n{body}").plan


def outline(sections, depth: int = 0) -> list[tuple[int, str, str]]:
    rows = []
    for section in sections:
        rows.append((depth, section.marker, section.heading))
        rows += outline(section.sections, depth + 1)
    return rows


def codes(plan: Plan) -> list[str]:
    return [warning.code for warning in plan.warnings]


def test_full_ladder_nests_by_marker_style() -> None:
    plan = plan_of("一、总则\n（一）目标\n1. 第一点\n（1）细节。\n（2）细节。\n2. 第二点\n（二）原则\n二、措施")
    assert outline(plan.sections) == [
        (0, "一、", "总则"), (1, "（一）", "目标"), (2, "1.", "第一点"), (3, "（1）", "细节"), (3, "（2）", "细节"),
        (2, "2.", "第二点"), (1, "（二）", "原则"), (0, "二、", "措施"),
    ]  # fmt: skip
    assert [s.level for s in plan.sections] == [1, 1] and plan.sections[0].sections[0].level == 2


def test_marker_variants_share_a_level() -> None:
    plan = plan_of("1．甲\n2.乙\n3﹒丙\n4、丁")
    assert [(s.number, s.level) for s in plan.sections] == [(1, 3), (2, 3), (3, 3), (4, 3)]


def test_document_may_start_at_a_deeper_style() -> None:
    plan = plan_of("前言。\n（一）甲。\n（二）乙。")
    assert plan.preamble == "前言。" and [s.level for s in plan.sections] == [2, 2]


def test_numbering_may_run_on_across_parents() -> None:
    plan = plan_of("（一）甲\n1．a。\n2．b。\n（二）乙\n3．c。\n4．d。")
    assert [[c.number for c in s.sections] for s in plan.sections] == [[1, 2], [3, 4]]
    assert plan.warnings == []


def test_numbering_may_restart_under_each_parent() -> None:
    plan = plan_of("（一）甲\n1．a。\n2．b。\n（二）乙\n1．c。")
    assert [[c.number for c in s.sections] for s in plan.sections] == [[1, 2], [1]]


@pytest.mark.parametrize("line", ["加快一、二、三产业融通发展。", "2.5万元用于建设。", "2024.年度目标。", "3、5、7号楼。"])
def test_marker_looking_text_is_not_a_heading(line: str) -> None:
    plan = plan_of(f"一、总则\n{line}")
    assert len(plan.sections) == 1 and line in plan.sections[0].intro


def test_gap_in_numbering_is_kept_and_reported() -> None:
    plan = plan_of("一、甲\n二、乙\n五、戊")
    assert [s.number for s in plan.sections] == [1, 2, 5] and codes(plan) == ["numbering_gap"]
    assert plan.warnings[0].where == "sections[2]"


def test_duplicate_number_is_kept_and_reported() -> None:
    plan = plan_of("一、甲\n二、乙\n三、丙\n三、丁\n四、戊")
    assert [s.number for s in plan.sections] == [1, 2, 3, 3, 4] and codes(plan) == ["numbering_duplicate"]


def test_far_jump_in_numbering_is_text_not_a_heading() -> None:
    plan = plan_of("1．甲。\n2．乙。\n2019．年度。")
    assert [s.number for s in plan.sections] == [1, 2]


def test_inline_heading_ends_at_first_full_stop() -> None:
    section = plan_of("（一）指导思想。全面贯彻党的十九大精神。").sections[0]
    assert (section.heading, section.intro) == ("指导思想", "全面贯彻党的十九大精神。")


def test_scores_stay_in_the_heading() -> None:
    assert plan_of("（一）平台建设（3分）\n正文。").sections[0].heading == "平台建设（3分）"


def test_items_in_sequence_with_numerals_past_ten() -> None:
    numerals = "一二三四五六七八九十"
    body = "".join(f"{n}是做第{i}件事。" for i, n in enumerate([*numerals, "十一", "十二", "十五"], 1))
    items = plan_of(f"（一）工作\n{body}").sections[0].items
    assert [i.marker for i in items][-3:] == ["十一是", "十二是", "十五是"]
    assert codes(plan_of(f"（一）工作\n{body}")) == ["item_gap"]


@pytest.mark.parametrize(
    ("text", "markers"),
    [
        ("一要加强领导。二要落实责任。", ["一要", "二要"]),
        ("第一，加强领导。第二，落实责任。", ["第一，", "第二，"]),
        ("主要问题：一是投入不足；二是进度慢。", ["一是", "二是"]),
        ("要坚持统一是原则。二是没有开头。", []),
    ],
)
def test_item_families(text: str, markers: list[str]) -> None:
    plan = plan_of(f"（一）工作\n{text}")
    assert [item.marker for item in plan.sections[0].items] == markers


def test_items_without_a_section_belong_to_the_preamble() -> None:
    plan = plan_of("今年重点：一是稳增长。二是促改革。")
    assert plan.preamble == "今年重点：" and [i.marker for i in plan.items] == ["一是", "二是"]


def test_items_belong_to_the_innermost_open_section() -> None:
    plan = plan_of("一、总则\n（一）目标\n一是甲。二是乙。")
    assert plan.sections[0].items == [] and len(plan.sections[0].sections[0].items) == 2


def test_item_lead_stops_at_first_sentence_end() -> None:
    item = plan_of("（一）工作\n一是加强领导；完善机制。").sections[0].items[0]
    assert (item.lead, item.text) == ("加强领导", "加强领导；完善机制。")


def test_flattened_page_splits_on_ideographic_space_runs() -> None:
    plan = plan_of("　　前言。　　一、总则　　（一）目标。正文。　　二、措施　　某局　　2020年1月2日")
    assert outline(plan.sections) == [(0, "一、", "总则"), (1, "（一）", "目标"), (0, "二、", "措施")]
    assert plan.closing == "某局\n2020年1月2日"


@pytest.mark.parametrize("date", ["2019年8月6日", "二○○七年十一月二十二日", "二〇二〇年一月二日"])
def test_signature_block_goes_to_closing(date: str) -> None:
    plan = plan_of(f"一、总则\n一是甲。二是乙。\n河北省人民政府\n{date}")
    assert plan.closing == f"河北省人民政府\n{date}" and plan.sections[0].items[-1].text == "乙。"


@pytest.mark.parametrize(
    ("line", "source", "published"),
    [
        ("信息来源：深圳市教育局 [ 内容纠错 ] 日期：2020-02-25 00:00:00", "深圳市教育局", "2020-02-25"),
        ("来源：省工信厅  发布时间：2020-01-02 09:30  浏览次数：1287 【字体：大 中 小】 【打印本页】 【关闭窗口】", "省工信厅", "2020-01-02 09:30:00"),
        ("发布机构：北京市经信局    发布日期：2022年11月21日", "北京市经信局", "2022-11-21"),
        ("发文机关：国务院 成文日期：2020/2/25", "国务院", "2020-02-25"),
    ],
)
def test_metadata_line_forms(line: str, source: str, published: str) -> None:
    data = plan_of(f"{line}\n正文。").model_dump(mode="json")
    when = " ".join(filter(None, (data["published"], data["published_time"])))  # a fake midnight is no time
    assert (data["source"], when, data["preamble"]) == (source, published, "正文。")


def test_document_number_and_addressees_at_the_start_are_front_matter() -> None:
    plan = plan_of("冀语〔2020〕2号\n各市教育局：\n一、总则")
    assert (plan.doc_number, plan.addressees, plan.preamble) == ("冀语〔2020〕2号", "各市教育局", "")
    assert (plan.doc_number_parts.agency_code, plan.doc_number_parts.year, plan.doc_number_parts.serial) == ("冀语", 2020, 2)


def test_document_number_in_the_text_is_found_and_left_in_place() -> None:
    plan = plan_of("某某局文件\n冀语［2020］2号\n一、总则")
    assert plan.doc_number == "冀语〔2020〕2号" and "冀语［2020］2号" in plan.preamble


def test_breadcrumb_and_share_bar_are_dropped() -> None:
    plan = process_text("当前位置：首页 > 政务公开 > 通知\n某局通知\n分享到：微信 微博\n正文。").plan
    assert plan.title == "某局通知" and plan.preamble == "正文。"


# Generated documents: any mix of headings, items, marker-looking text and noise.
PARAGRAPH = st.one_of(
    st.sampled_from(["一、", "二、", "三、", "（一）", "（二）", "(三)", "1.", "2．", "3、", "（1）", "（2）", "2.5", "2024."]).flatmap(
        lambda marker: st.text(alphabet="指导思想工作是要一二三。；，：", max_size=12).map(lambda t: marker + t)
    ),
    st.text(alphabet="一二三是要第，。；：甲乙丙A1（）() 　", max_size=30),
    st.sampled_from(["河北省人民政府", "2020年1月2日", "二○○七年十一月二十二日", "冀语〔2020〕2号"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PARAGRAPH, min_size=1, max_size=25), st.sampled_from(["\n", "　　", "\n\n"]))
def test_generated_documents_keep_every_character_in_order(paragraphs: list[str], separator: str) -> None:
    result = process_text("标题\n" + separator.join(paragraphs) + "\n正文。")
    assert first_difference(result.plan, result.body) is None
    Plan.model_validate_json(result.plan.model_dump_json())


def test_signature_with_agency_and_date_on_one_line_and_a_note_after_it() -> None:
    plan = plan_of("一、总则\n正文。\n某某市人民政府办公室　2019年8月6日\n（此件公开发布）")
    assert plan.closing == "某某市人民政府办公室　2019年8月6日\n（此件公开发布）"
    assert plan.sections[0].intro == "正文。"


def test_metadata_table_before_the_title() -> None:
    plan = process_text("索引号：11/2020-00012\n发文机关：某省教育厅\n发文字号：冀教〔2020〕2号\n成文日期：2020年02月25日\n某省教育厅工作要点\n正文。").plan
    assert (plan.title, plan.source, plan.doc_number, str(plan.published)) == ("某省教育厅工作要点", "某省教育厅", "冀教〔2020〕2号", "2020-02-25")
    assert plan.preamble == "正文。"


def test_chinese_numeral_with_full_stop_is_a_level_one_heading() -> None:
    plan = plan_of("一．总体要求\n正文。\n二．主要措施\n正文。")
    assert [(s.marker, s.level) for s in plan.sections] == [("一．", 1), ("二．", 1)]


@pytest.mark.parametrize("chrome", ["【字号：大 中 小】", "【我要纠错】", "扫一扫在手机打开当前页", "视力保护色："])
def test_more_chrome_forms_are_dropped(chrome: str) -> None:
    plan = process_text(f"某局通知\n发布时间：2020-01-01 {chrome} 作者：办公室\n正文。").plan
    assert plan.preamble == "正文。" and str(plan.published) == "2020-01-01"


def test_breadcrumb_without_a_label_is_dropped() -> None:
    plan = process_text("首页 > 政务公开 > 规划计划\n某局2020年工作要点\n正文。").plan
    assert plan.title == "某局2020年工作要点" and plan.preamble == "正文。"
