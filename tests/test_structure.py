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
        (0, "一、", "总则"),
        (1, "（一）", "目标"),
        (2, "1.", "第一点"),
        (3, "（1）", "细节"),
        (3, "（2）", "细节"),
        (2, "2.", "第二点"),
        (1, "（二）", "原则"),
        (0, "二、", "措施"),
    ]
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


@pytest.mark.parametrize(
    "line", ["加快一、二、三产业融通发展。", "2.5万元用于建设。", "2024.年度目标。", "3、5、7号楼。"]
)
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
        (
            "来源：省工信厅  发布时间：2020-01-02 09:30  浏览次数：1287 【字体：大 中 小】 【打印本页】 【关闭窗口】",
            "省工信厅",
            "2020-01-02 09:30:00",
        ),
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
    parts = plan.doc_number_parts
    assert (parts.agency_code, parts.year, parts.serial) == ("冀语", 2020, 2)


def test_document_number_in_the_text_is_found_and_left_in_place() -> None:
    plan = plan_of("某某局文件\n冀语［2020］2号\n一、总则")
    assert plan.doc_number == "冀语〔2020〕2号" and "冀语［2020］2号" in plan.preamble


def test_breadcrumb_and_share_bar_are_dropped() -> None:
    plan = process_text("当前位置：首页 > 政务公开 > 通知\n某局通知\n分享到：微信 微博\n正文。").plan
    assert plan.title == "某局通知" and plan.preamble == "正文。"


# Generated documents: any mix of headings, items, marker-looking text and noise.
PARAGRAPH = st.one_of(
    st.sampled_from(
        ["一、", "二、", "三、", "（一）", "（二）", "(三)", "1.", "2．", "3、", "（1）", "（2）", "2.5", "2024."]
    ).flatmap(lambda marker: st.text(alphabet="指导思想工作是要一二三。；，：", max_size=12).map(lambda t: marker + t)),
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
    plan = process_text(
        "索引号：11/2020-00012\n发文机关：某省教育厅\n发文字号：冀教〔2020〕2号\n成文日期：2020年02月25日\n某省教育厅工作要点\n正文。"
    ).plan
    assert (plan.title, plan.source, plan.doc_number, str(plan.published)) == (
        "某省教育厅工作要点",
        "某省教育厅",
        "冀教〔2020〕2号",
        "2020-02-25",
    )
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


# Issue 14: whole official documents.


def kinds(sections) -> list[tuple[str, str, str]]:
    rows = []
    for section in sections:
        rows.append((section.kind, section.marker, section.heading))
        rows += kinds(section.sections)
    return rows


def test_regulation_has_chapters_articles_and_their_items() -> None:
    plan = plan_of(
        "第一章　总　　则\n第一条　为了规范，制定本办法。\n第二条　包括：（一）甲；（二）乙。\n第二章　附　　则\n第三条　本办法自2020年1月1日起施行。"
    )
    assert kinds(plan.sections) == [
        ("chapter", "第一章", "总则"),
        ("article", "第一条", ""),
        ("article", "第二条", ""),
        ("ladder", "（一）", "甲"),
        ("ladder", "（二）", "乙"),
        ("chapter", "第二章", "附则"),
        ("article", "第三条", ""),
    ]
    assert plan.sections[0].sections[0].intro == "为了规范，制定本办法。"
    assert plan.effective.isoformat() == "2020-01-01"


def test_articles_glued_on_one_line_after_a_table_of_contents() -> None:
    plan = plan_of("目录第一章总则第二章附则第一章总则第一条为了规范。第二条适用。第二章附则第三条施行。")
    assert [(s.marker, s.heading, [a.marker for a in s.sections]) for s in plan.sections] == [
        ("第一章", "总则", ["第一条", "第二条"]),
        ("第二章", "附则", ["第三条"]),
    ]
    assert "第二章附则" in plan.preamble and plan.warnings == []


def test_plan_parts_nest_chapters_and_sections() -> None:
    plan = plan_of(
        "第一篇　总体要求\n第一章　发展环境\n第一节　成就\n正文。\n第二节　挑战\n正文。\n第二章　目标\n正文。"
    )
    assert [(k, m) for k, m, _ in kinds(plan.sections)] == [
        ("part", "第一篇"),
        ("chapter", "第一章"),
        ("section", "第一节"),
        ("section", "第二节"),
        ("chapter", "第二章"),
    ]


def test_flattened_page_finds_inline_headings_that_continue_their_sequence() -> None:
    plan = plan_of(
        "为做好工作，制定本方案。一、总体要求行政执法是关键。（一）指导思想。坚持。（二）基本原则。依法。"
        "二、主要任务（一）推行公示。公开。1.事前公开；2.事后公开。三、保障措施加强领导。"
    )
    assert outline(plan.sections) == [
        (0, "一、", "总体要求行政执法是关键"),
        (1, "（一）", "指导思想"),
        (1, "（二）", "基本原则"),
        (0, "二、", "主要任务"),
        (1, "（一）", "推行公示"),
        (2, "1.", "事前公开"),
        (2, "2.", "事后公开"),
        (0, "三、", "保障措施加强领导"),
    ]


def test_inline_marker_that_does_not_continue_is_text() -> None:
    plan = plan_of("一、总则\n正文提到三、五项工作。也有（三）类情况。")
    assert len(plan.sections) == 1 and plan.sections[0].sections == []


@pytest.mark.parametrize("separator", ["\u3000\xa0 ", "\xa0\xa0", "      ", " \u3000 "])
def test_unusual_paragraph_separators_split_paragraphs(separator: str) -> None:
    plan = plan_of(separator.join(["前言。", "一、总则", "正文。", "二、附则", "正文。"]))
    assert [s.heading for s in plan.sections] == ["总则", "附则"] and plan.preamble == "前言。"


def test_a_heading_longer_than_a_heading_is_text() -> None:
    plan = plan_of("一、" + "很长" * 100 + "。二、短标题")
    assert plan.sections[0].heading == "" and plan.sections[0].intro.startswith("很长")


@pytest.mark.parametrize(
    ("first", "number", "parts"),
    [
        ("国办发〔2018〕123号", "国办发〔2018〕123号", ("国办发", 2018, 123)),
        ("国科发政字［2000］063号", "国科发政字〔2000〕063号", ("国科发政字", 2000, 63)),
        ("冀科政﹝2013﹞12号", "冀科政〔2013〕12号", ("冀科政", 2013, 12)),
        ("（皖开放办〔2022〕6号）", "皖开放办〔2022〕6号", ("皖开放办", 2022, 6)),
        ("国发 〔2011〕 35 号", "国发〔2011〕35号", ("国发", 2011, 35)),
        ("国令第711号", "国令第711号", ("国令", None, 711)),
    ],
)
def test_doc_number_forms_are_normalised_and_parsed(first: str, number: str, parts: tuple) -> None:
    plan = plan_of(f"{first}\n各省人民政府：\n一、总则")
    got = plan.doc_number_parts
    assert (plan.doc_number, (got.agency_code, got.year, got.serial), plan.addressees) == (
        number,
        parts,
        "各省人民政府",
    )


def test_doc_number_glued_to_the_title_and_addressees_glued_to_the_text() -> None:
    plan = process_text(
        "国务院关于加强工作的决定\n国务院关于加强工作的决定国发〔2005〕39号各省、自治区、直辖市人民政府，国务院各部委：为全面落实，作如下决定。"
    ).plan
    assert (plan.doc_number, plan.addressees) == ("国发〔2005〕39号", "各省、自治区、直辖市人民政府，国务院各部委")
    assert plan.preamble == "为全面落实，作如下决定。"


def test_multi_line_title_of_an_attachment_is_joined_up_to_its_doc_number() -> None:
    plan = plan_of(
        "现将有关文件转发给你们，请认真贯彻。\n某某厅\n2018年9月3日\n中共某部党组关于学习贯彻\n某某重要回信精神的通知\n"
        "教党〔2018〕48号\n各省教育厅：\n" + "现就有关事项通知如下。" * 50
    )
    (attachment,) = plan.attachments
    assert (attachment.title, attachment.doc_number, attachment.addressees) == (
        "中共某部党组关于学习贯彻某某重要回信精神的通知",
        "教党〔2018〕48号",
        "各省教育厅",
    )


@pytest.mark.parametrize(
    ("ending", "issuers", "written", "note"),
    [
        ("认真落实。河北省人民政府办公厅2024年1月29日", ["河北省人民政府办公厅"], "2024-01-29", None),
        (
            "认真落实。国务院\xa0\xa0\xa0\xa02017年12月22日\xa0\xa0（此件公开发布）",
            ["国务院"],
            "2017-12-22",
            "此件公开发布",
        ),
        ("认真落实。\n国\u3000\u3000务\u3000\u3000院\n二○○五年十二月三日", ["国务院"], "2005-12-03", None),
        ("认真落实。\n某局\n某委\n二〇〇七年十一月二十二日", ["某局", "某委"], "2007-11-22", None),
    ],
)
def test_signature_forms_give_issuers_and_the_written_date(ending: str, issuers: list, written: str, note) -> None:
    plan = plan_of(f"一、总则\n{ending}")
    assert (plan.issuers, plan.written.isoformat(), plan.note) == (issuers, written, note)
    assert plan.sections[0].intro.endswith("认真落实。")


def test_site_chrome_after_the_signature_is_dropped_and_counted() -> None:
    result = process_text("标题\n一、总则\n认真落实。某局2018年1月11日更多信息请关注官方微信")
    assert result.plan.closing == "某局2018年1月11日" and "更多信息" not in result.plan.model_dump_json()
    assert result.plan.stats.chrome_dropped == 1 and first_difference(result.plan, result.body) is None


def test_end_matter_parts_are_read() -> None:
    plan = plan_of(
        "一、总则\n正文。\n附件：1.甲方案\n2.乙清单\n某局\n2020年1月2日\n（此件公开发布）\n抄送：某部。\n某局办公室 2020年1月3日印发"
    )
    assert plan.attachments_note == ["甲方案", "乙清单"] and plan.issuers == ["某局"]
    assert (plan.note, plan.cc, plan.printed_by, plan.printed_on.isoformat()) == (
        "此件公开发布",
        "某部",
        "某局办公室",
        "2020-01-03",
    )


def test_notice_signed_in_mid_page_transmits_an_attachment_with_its_own_structure() -> None:
    body = "现将某某实施方案印发给你们，请认真贯彻落实。河北省人民政府办公厅2019年3月13日附件：某某实施方案为贯彻落实要求，制定本方案。"
    plan = plan_of(
        body + "一、总体要求" + "坚持依法。" * 100 + "二、主要任务推进公开。",
        "河北省人民政府办公厅关于印发某某实施方案的通知",
    )
    assert (plan.issuers, plan.written.isoformat(), plan.sections) == (["河北省人民政府办公厅"], "2019-03-13", [])
    (attachment,) = plan.attachments
    assert (attachment.label, attachment.title) == ("附件：", "某某实施方案")
    assert [s.marker for s in attachment.sections] == ["一、", "二、"]


def test_dates_are_dates_and_a_time_only_where_the_page_gives_one() -> None:
    dated = plan_of("正文。", "标题\n发布时间：2020-01-02 09:30").model_dump(mode="json")
    midnight = plan_of("正文。", "标题\n日期：2020-02-25 00:00:00").model_dump(mode="json")
    assert (dated["published"], dated["published_time"]) == ("2020-01-02", "09:30:00")
    assert (midnight["published"], midnight["published_time"]) == ("2020-02-25", None)


def test_lossless_invariant_reads_the_front_matter_and_attachments() -> None:
    from wpclean.check.invariants import lossless

    result = process_text("标题\n冀语〔2020〕2号\n各市教育局：\n一、总则\n正文。")
    assert lossless(result.plan, result.body)
    assert not lossless(result.plan.model_copy(update={"addressees": None}), result.body)
    assert not lossless(result.plan.model_copy(update={"doc_number": "冀语〔2020〕3号"}), result.body)


def test_a_plan_that_breaks_its_schema_is_an_internal_error_and_never_written() -> None:
    from wpclean.errors import InvalidPlanError
    from wpclean.render.formats import render_parts, render_plan
    from wpclean.schemas import trusted

    plan = process_text("标题\n一、总则").plan
    broken = trusted(type(plan), **{**plan.__dict__, "written": "not a date"})
    for render in (render_plan, render_parts):
        with pytest.raises(InvalidPlanError, match="internal error: .* at written"):
            render(broken, "json")


def test_masthead_gives_signer_classification_and_urgency() -> None:
    plan = plan_of("机密★1年\n特急\n国发〔2007〕37号　　签发人：温家宝\n各省人民政府：\n一、总则")
    assert (plan.signer, plan.classification, plan.urgency) == ("温家宝", "机密★1年", "特急")
