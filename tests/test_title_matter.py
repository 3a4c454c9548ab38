"""The title matter between a document's title and its body: subtitles and a
news headline group, the 题注, the byline and the 令 header (parser/title_matter.py)."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wpclean import process_text
from wpclean.check.invariants import first_difference
from wpclean.schemas import Plan


def plan_of(body: str, title: str = "某某关于某事项的决定") -> Plan:
    return process_text(f"{title}\n{body}").plan


def test_a_title_note_with_one_date_is_front_matter_and_dates_the_document() -> None:
    plan = plan_of("（2007年6月29日第十届全国人民代表大会常务委员会第二十八次会议通过）\n会议决定：批准。")
    assert plan.title_note == "（2007年6月29日第十届全国人民代表大会常务委员会第二十八次会议通过）"
    assert (plan.written, plan.preamble) == (datetime.date(2007, 6, 29), "会议决定：批准。")


def test_a_title_note_with_an_amendment_history_gives_no_single_date() -> None:
    note = "（1994年12月22日某省人大常委会会议通过　根据1997年9月3日某省人大常委会会议的决定修正）"
    plan = plan_of(f"{note}\n第一条　为了保护未成年人，制定本办法。", title="某省实施某法办法")
    assert (plan.title_note, plan.written, plan.sections[0].marker) == (note, None, "第一条")


def test_a_signature_date_is_preferred_to_the_title_notes_date() -> None:
    plan = plan_of("（2020年1月2日）\n一、总则\n正文。\n某某市人民政府\n2020年1月5日")
    assert (plan.title_note, plan.written) == ("（2020年1月2日）", datetime.date(2020, 1, 5))


def test_a_bracket_under_the_title_without_a_date_stays_in_the_body() -> None:
    plan = plan_of("（征求意见稿）\n一、总则\n正文。")
    assert plan.title_note is None and plan.preamble == "（征求意见稿）"


def test_a_date_and_speaker_under_the_title_are_the_byline_not_the_written_date() -> None:
    plan = plan_of(
        "2012年6月24日\n中国载人航天工程新闻发言人 武平\n女士们、先生们：\n很高兴又一次和大家见面。",
        title="第二场新闻发布会",
    )
    assert plan.byline == "2012年6月24日\n中国载人航天工程新闻发言人 武平"
    assert plan.written is None and plan.preamble.startswith("女士们、先生们：")


def test_a_person_line_without_a_date_is_not_a_byline() -> None:
    plan = plan_of("新闻发言人 武平\n女士们、先生们：\n很高兴见面。", title="新闻发布会")
    assert plan.byline is None and plan.preamble.startswith("新闻发言人 武平")


def test_a_headline_group_before_a_news_dateline_is_the_subtitles() -> None:
    plan = plan_of(
        "推动长三角一体化发展取得新的重大突破\n李强蔡奇出席\n新华社上海11月30日电 总书记主持召开座谈会。",
        title="习近平主持召开座谈会",
    )
    assert plan.subtitles == ["推动长三角一体化发展取得新的重大突破", "李强蔡奇出席"]
    assert plan.preamble.startswith("新华社上海11月30日电")


def test_short_lines_without_a_dateline_after_them_stay_in_the_body() -> None:
    plan = plan_of("目 录\n第一部分 概况\n一、主要职能\n正文。", title="某局2020年部门预算")
    assert plan.subtitles == [] and plan.preamble.startswith("目录")


def test_a_dash_subtitle_under_a_speech_title_and_its_title_note() -> None:
    plan = plan_of("——在全省工作会议上的讲话\n（2020年3月1日）\n同志们：\n今天召开会议。", title="扎实做好今年工作")
    assert (plan.subtitles, plan.title_note) == (["——在全省工作会议上的讲话"], "（2020年3月1日）")
    assert plan.preamble.startswith("同志们：")


def test_an_order_header_on_two_lines_is_front_matter_and_gives_the_number() -> None:
    plan = plan_of("江西省人民政府令\n第223号\n省人民政府决定对某办法作如下修改：\n一、删除第十二条。")
    assert plan.order == "江西省人民政府令\n第223号"
    assert (plan.doc_number, plan.doc_number_parts.serial) == ("江西省人民政府令第223号", 223)
    assert plan.preamble == "省人民政府决定对某办法作如下修改："


def test_an_order_header_glued_to_its_promulgation_sentence() -> None:
    plan = plan_of(
        "中华人民共和国国务院令第　623　号　　《某条例》已经2012年8月22日国务院第214次常务会议通过，现予公布。",
        title="某条例",
    )
    assert plan.order == "中华人民共和国国务院令第　623　号" and plan.doc_number == "中华人民共和国国务院令第623号"
    assert plan.preamble.startswith("《某条例》已经")


def test_a_sentence_that_names_an_order_is_not_an_order_header() -> None:
    plan = plan_of("中华人民共和国国务院令第9号公布的办法同时废止。\n正文。")
    assert plan.order is None and plan.preamble.startswith("中华人民共和国国务院令第9号公布的")


def test_an_order_header_before_the_title_on_its_line_gives_the_order_not_the_title() -> None:
    plan = process_text("科学技术部令第1号 国家科学技术奖励条例实施细则\n第一条　为了做好奖励工作，制定本细则。").plan
    assert (plan.title, plan.order, plan.doc_number) == (
        "国家科学技术奖励条例实施细则",
        "科学技术部令第1号",
        "科学技术部令第1号",
    )
    assert plan.doc_number_parts.serial == 1 and plan.sections[0].marker == "第一条"
    assert first_difference(plan, "第一条　为了做好奖励工作，制定本细则。") is None


def test_an_order_header_on_two_lines_before_the_title_gives_the_order_not_the_title() -> None:
    plan = process_text("某市人民政府令\n第5号\n某市养犬管理办法\n第一条　为了规范养犬行为，制定本办法。").plan
    assert (plan.title, plan.order, plan.doc_number) == (
        "某市养犬管理办法",
        "某市人民政府令\n第5号",
        "某市人民政府令第5号",
    )


def test_the_pages_repetition_of_order_and_title_is_not_body_text() -> None:
    text = "科学技术部令第1号 某实施细则\n科学技术部令第1号某实施细则\n第一条　为了规范，制定本细则。"
    plan = process_text(text).plan
    assert plan.title == "某实施细则" and plan.preamble == "" and plan.sections[0].marker == "第一条"


@pytest.mark.parametrize(
    "text",
    [
        "中华人民共和国主席令\n第十二号\n《中华人民共和国某法》已由全国人民代表大会常务委员会通过，现予公布。",
        "某市人民政府令\n第5号\n（2020年1月1日公布）\n第一条　为了规范，制定本办法。",
        "某市人民政府令\n第5号\n第一章　总则\n第一条　为了规范，制定本办法。",
    ],
)
def test_an_order_header_without_a_title_line_after_it_stays_the_title(text: str) -> None:
    plan = process_text(text).plan
    assert plan.title == text.split("\n")[0]


def test_a_document_number_in_the_titles_brackets_is_the_document_number() -> None:
    plan = plan_of("序号\n当事人名称", title="某监管局行政处罚信息公开表（浙金罚决字〔2024〕52号）")
    assert plan.doc_number == "浙金罚决字〔2024〕52号"
    assert plan_of("正文。", title="某局抽检信息通告（2020年第10期）").doc_number is None


def test_a_label_blocks_shortened_order_number_is_no_conflict() -> None:
    text = "索引号：000/2020-01\n发文字号：省政府令第223号\n某省人民政府关于修改某办法的决定\n某省人民政府令\n第223号\n正文。"
    plan = process_text(text).plan
    assert plan.doc_number == "省政府令第223号" and plan.order == "某省人民政府令\n第223号"
    assert "page_doc_number_conflict" not in [warning.code for warning in plan.warnings]


def test_title_matter_of_an_attachment_is_its_own() -> None:
    plan = plan_of(
        "现将某办法印发给你们，请认真贯彻执行。\n某某市人民政府\n2020年1月2日\n"
        "附件\n某办法\n（2019年12月30日市政府常务会议通过）\n第一条　为了规范管理，制定本办法。" + "正文。" * 150,
        title="某某市人民政府关于印发某办法的通知",
    )
    attachment = plan.attachments[0]
    assert (attachment.title, attachment.title_note) == ("某办法", "（2019年12月30日市政府常务会议通过）")
    assert plan.title_note is None


TITLE_MATTER = st.sampled_from(
    [
        "（2020年1月2日某会议通过）",
        "（2020年1月2日）",
        "——在某会议上的讲话",
        "某某省人民政府令",
        "第12号",
        "某某令第　3　号",
        "新华社北京3月5日电 某某出席会议。",
        "新闻发言人 张三",
        "2020年1月2日",
        "李强出席",
        "一、总则",
        "正文。",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(TITLE_MATTER, min_size=1, max_size=8), st.sampled_from(["\n", "　　"]))
def test_title_matter_keeps_every_character_in_order(paragraphs: list[str], separator: str) -> None:
    result = process_text("某某关于某事项的决定\n" + separator.join(paragraphs) + "\n正文。")
    assert first_difference(result.plan, result.body) is None
    Plan.model_validate_json(result.plan.model_dump_json())


@pytest.mark.parametrize("field", ["subtitles", "title_note", "byline", "order"])
def test_the_title_matter_fields_are_optional_and_empty_by_default(field: str) -> None:
    assert not getattr(plan_of("一、总则\n正文。"), field)


def test_the_markdown_rendering_keeps_the_title_matter_before_the_body() -> None:
    from wpclean.render.markdown import markdown_document

    plan = plan_of("——在全省工作会议上的讲话\n（2020年3月1日）\n同志们：\n今天召开会议。", title="扎实做好今年工作")
    rendered = markdown_document(plan)
    assert rendered.index("——在全省工作会议上的讲话") < rendered.index("（2020年3月1日）") < rendered.index("同志们")
