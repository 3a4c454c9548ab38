"""HTML input: the dev pages (samples/html/, with goldens and labels.json),
charsets, broken and huge markup, pages without a body container, and the
text form of a page with its tags stripped."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import wpclean
from wpclean import Options, process_bytes, process_text
from wpclean.check.diffing import json_diff, without_volatile
from wpclean.schemas import plan_data

PAGES = Path(__file__).resolve().parent.parent / "samples" / "html"
LABELS = json.loads((PAGES / "labels.json").read_text(encoding="utf-8"))
NAMES = sorted(LABELS)

# What the extractor does not give as the labels have it, with the reason (docs/html.md,
# "Limitations").  Every other (page, field) pair is checked.
KNOWN_GAPS: set[tuple[str, str]] = set()


def _plan(name: str, **options: object) -> dict:
    path = PAGES / name
    return plan_data(process_bytes(path.read_bytes(), Options(**options), path=f"samples/html/{name}").plan)


def _json(plan: dict) -> dict:
    """The plan as its JSON file holds it (dates as ISO strings)."""
    return json.loads(json.dumps(plan, ensure_ascii=False, default=lambda value: value.isoformat()))


def _squeezed(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


def _body_text(plan: dict) -> str:
    def walk(sections: list[dict]) -> list[str]:
        out = []
        for section in sections:
            out += [
                section["marker"] + section["heading"],
                section["intro"],
                *(item["marker"] + item["text"] for item in section["items"]),
            ]
            out += walk(section["sections"])
        return out

    return "\n".join(
        [
            plan["addressees"] + "："
            if plan.get("addressees")
            else "",  # 主送机关 (a field since schema 2, colon dropped)
            plan["preamble"],
            *(item["marker"] + item["text"] for item in plan["items"]),
            *walk(plan["sections"]),
            plan["closing"],
            *(  # attached documents (schema 2): their label, title and whole body follow the main one
                "\n".join(filter(None, [attachment.get("label"), attachment.get("title"), _body_text(attachment)]))
                for attachment in plan.get("attachments", [])
            ),
        ]
    )


@pytest.mark.parametrize("name", NAMES)
def test_each_dev_page_gives_the_plan_of_its_golden(name: str) -> None:
    golden = json.loads((PAGES / name).with_suffix(".json").read_text(encoding="utf-8"))
    assert json_diff(without_volatile(golden), without_volatile(_json(_plan(name)))) == []


@pytest.mark.parametrize("name", NAMES)
def test_each_dev_page_gives_its_labelled_metadata(name: str) -> None:
    label, plan = LABELS[name], _json(_plan(name))
    page = plan["page"]
    assert page["format"] == "html"
    found = {
        "title": plan["title"],
        "doc_number": page["doc_number"] or plan["doc_number"],
        "index_number": page["index_number"],
        "topic": "、".join(page["topics"]) or None,
        "written": page["written"] or plan["written"],  # the label block's, else the 落款's or the 题注's
        "published": (page["published"] or "")[:10] or None,
    }
    for field, value in found.items():
        if (name, field) not in KNOWN_GAPS:
            assert value == label[field], field


@pytest.mark.parametrize("name", NAMES)
def test_each_dev_page_keeps_its_whole_body_and_nothing_else(name: str) -> None:
    label, plan = LABELS[name], _plan(name)
    body = _squeezed(_body_text(plan))
    if label["body_first"] is None:
        assert body == "", "a page whose body was removed gives no body"
        return
    if (name, "body_first") not in KNOWN_GAPS:
        assert body.startswith(_squeezed(label["body_first"]))
    assert body.endswith(_squeezed(label["body_last"]))


@pytest.mark.parametrize("name", NAMES)
def test_each_dev_page_lists_its_download_links(name: str) -> None:
    downloads = [text for text in LABELS[name]["attachments"] if re.search(r"\.(pdf|docx?|xlsx?|wps|zip)$", text)]
    links = [link["text"] for link in _plan(name)["page"]["links"]]
    assert links == downloads


def _gbk_copy(name: str, declared: str) -> bytes:
    page = (PAGES / name).read_text(encoding="utf-8")
    page = re.sub(r"charset\s*=\s*[\"']?utf-8", f"charset={declared}", page, flags=re.IGNORECASE)
    return page.encode("gb18030")


@pytest.mark.parametrize(
    "name", ["10-jiangxi-gov-tuoyu-shishiyijian-2020.html", "14-lishui-gov-tuiyishibing-anzhi-2023.html"]
)
def test_a_gbk_copy_of_a_page_gives_the_same_plan(name: str) -> None:
    plan = plan_data(process_bytes(_gbk_copy(name, "gbk"), path=name).plan)
    utf8 = _plan(name)
    assert plan["input"]["encoding"] == "gb18030"
    assert (plan["title"], plan["page"], plan["sections"]) == (utf8["title"], utf8["page"], utf8["sections"])


def test_a_page_that_lies_about_its_charset_is_decoded_by_what_it_is_and_says_so() -> None:
    name = "10-jiangxi-gov-tuoyu-shishiyijian-2020.html"
    lying = (PAGES / name).read_text(encoding="utf-8").encode("gb18030")  # still says utf-8
    plan = plan_data(process_bytes(lying, path=name).plan)
    assert plan["input"]["encoding"] == "gb18030" and plan["title"] == LABELS[name]["title"]
    assert "html_charset_mismatch" in [warning["code"] for warning in plan["warnings"]]
    says_gbk = (PAGES / name).read_bytes().replace(b"charset=utf-8", b"charset=gb2312")  # UTF-8 bytes
    assert plan_data(process_bytes(says_gbk, path=name).plan)["title"] == LABELS[name]["title"]


def test_broken_and_unclosed_markup_still_gives_the_structure() -> None:
    page = "<html><body><div id=zoom><p>关于做好工作的通知<p>一、总体要求<p>加强领导。<table><tr><td>甲<td>乙<p>二、保障措施<div>落实责任"
    plan = process_bytes(page.encode("utf-8"), path="broken.html").plan
    assert [section.heading for section in plan.sections] == ["总体要求", "保障措施"]
    assert "甲\t乙" in plan.sections[0].intro and plan.page.container == "#zoom"


def test_a_page_without_a_known_container_takes_the_densest_block_and_warns() -> None:
    page = (
        "<html><head><title>关于做好工作的通知_某市人民政府</title></head><body><ul><li><a href='/'>首页</a></li></ul>"
        "<div class='x'><p>一、总体要求</p><p>各单位要加强领导，落实责任，确保各项工作落到实处。</p></div>"
        "<div class='y'><a href='/a'>相关文章一</a></div></body></html>"
    )
    plan = process_bytes(page.encode("utf-8")).plan
    assert plan.page.container == "fallback" and "html_no_container" in [warning.code for warning in plan.warnings]
    assert plan.title == "关于做好工作的通知" and plan.sections[0].intro.startswith("各单位要加强领导")


def test_entities_are_decoded_and_ruby_keeps_its_base_text() -> None:
    ruby = "<ruby>汉<rp>(</rp><rt>hàn</rt><rp>)</rp></ruby>"
    page = f"<div id='zoom'><p>标题行</p><p>一、甲 &gt; 乙 &amp; 丙</p><p>{ruby}字。</p></div>"
    plan = process_bytes(page.encode("utf-8"), path="p.html").plan
    assert "&gt" not in plan.sections[0].heading and "&amp" not in plan.sections[0].heading
    assert plan.sections[0].intro == "汉字。"


def test_chrome_in_a_page_is_dropped_and_counted() -> None:
    page = (
        "<html><body><div id='zoom'><p>关于做好工作的通知</p><p>一、总体要求</p><p>加强领导。</p>"
        "<div class='bdsharebuttonbox'>分享到：微信</div><p>（责任编辑：张三）</p><p>上一篇：关于其他的通知</p></div>"
        "<div class='footer'>版权所有：某市人民政府 京ICP备12345678号</div></body></html>"
    )
    plan = process_bytes(page.encode("utf-8"), path="p.html").plan
    assert plan.sections[0].intro == "加强领导。" and plan.stats.chrome_dropped >= 3


def test_a_20_mb_page_is_processed_in_bounded_time() -> None:
    paragraph = "<p>各地区各部门要加强组织领导，压实工作责任，确保各项任务落到实处。</p>\n"
    head = "<html><head><meta charset='utf-8'><title>大页面</title></head><body><div id='zoom'><p>一、总体要求</p>"
    repeats = 20 * 1024 * 1024 // len(paragraph.encode("utf-8"))
    page = (head + paragraph * repeats + "</div></body></html>").encode("utf-8")
    assert len(page) >= 20 * 1024 * 1024
    started = time.perf_counter()
    plan = process_bytes(page, path="big.html").plan
    assert time.perf_counter() - started < 120
    assert plan.title == "大页面" and plan.sections[0].heading == "总体要求" and plan.input.bytes == len(page)


@pytest.mark.parametrize(
    "text", ["1<2，且 a<b 的通知\n一、总体要求\n加强领导。", "<关于做好工作的通知>\n一、总体要求\n加强领导。"]
)
def test_a_text_file_that_merely_contains_angle_brackets_is_still_text(text: str) -> None:
    plan = process_bytes(text.encode("utf-8"), path="note.txt").plan
    assert plan.page is None and plan.sections[0].heading == "总体要求"


def test_input_format_overrides_the_extension_and_the_content() -> None:
    page = (PAGES / "10-jiangxi-gov-tuoyu-shishiyijian-2020.html").read_bytes()
    as_text = process_bytes(page, Options(input_format="text"), path="a.html").plan.page
    assert as_text is None or as_text.format == "text"  # read as text: no HTML extraction (a label block may be read)
    assert process_bytes(b"<p>x</p>\n", Options(input_format="html"), path="a.txt").plan.page.format == "html"


def _stripped(name: str) -> str:
    """The page as a scraper saves it without tags: each tag a line break."""
    page = (PAGES / name).read_text(encoding="utf-8")
    page = page[page.lower().find("<body") :]  # the body's text, as scrapers keep it
    page = re.sub(r"(?is)<(script|style)\b.*?</\1>|<!--.*?-->", "", page)
    text = re.sub(r"<[^>]+>", "\n", page).replace("&nbsp;", " ")
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


LABEL_PAGES = [name for name in NAMES if LABELS[name]["index_number"]]


@pytest.mark.parametrize("name", LABEL_PAGES)
def test_the_stripped_text_of_a_page_gives_the_same_label_metadata(name: str) -> None:
    html_plan = _json(_plan(name))
    text_plan = _json(plan_data(process_text(_stripped(name), path=name.replace(".html", ".txt")).plan))
    fields = ("index_number", "topics", "issuers", "doc_number", "written")
    assert text_plan["page"]["format"] == "text"
    assert {field: text_plan["page"][field] for field in fields} == {
        field: html_plan["page"][field] for field in fields
    }
    assert (text_plan["title"], text_plan["doc_number"]) == (html_plan["title"], html_plan["doc_number"])
    matter = ("subtitles", "title_note", "byline", "order")  # the title matter the document gives
    assert {field: text_plan[field] for field in matter} == {field: html_plan[field] for field in matter}
    # the date the page shows, else its 成文日期 (a meta PubDate has no text form)
    shown = html_plan["page"]["published"] or html_plan["page"]["written"] or ""
    assert (text_plan["published"] or "")[:10] == shown[:10]


def test_a_text_label_block_fills_the_plan_and_is_not_body_text() -> None:
    text = (
        "索 引 号：\n000014349/2018-00221\n主题分类：\n综合政务\n发文机关：\n国务院办公厅\n成文日期：\n2018年12月07日\n"
        "标　　题：\n国务院办公厅关于做好工作的通知\n发文字号：\n国办发〔2018〕1号\n发布日期：\n2018年12月10日\n"
        "国务院办公厅关于做好工作的通知\n一、总体要求\n加强领导。"
    )
    plan = process_text(text).plan
    assert (plan.title, plan.doc_number, str(plan.published), plan.source) == (
        "国务院办公厅关于做好工作的通知",
        "国办发〔2018〕1号",
        "2018-12-10",
        "国务院办公厅",
    )
    assert plan.page.index_number == "000014349/2018-00221" and str(plan.page.written) == "2018-12-07"
    assert plan.sections[0].heading == "总体要求" and "索" not in plan.preamble


def test_a_label_block_disagreeing_with_the_document_lines_keeps_the_label_and_warns() -> None:
    text = "索引号：000/2020-01\n文号：某发〔2020〕1号\n某局通知\n某发〔2020〕2号\n正文。"
    plan = process_text(text).plan
    assert plan.doc_number == "某发〔2020〕1号"
    assert "page_doc_number_conflict" in [warning.code for warning in plan.warnings]


def test_a_text_run_does_not_import_the_html_parser_and_an_html_run_does(tmp_path: Path) -> None:
    probe = (
        "import sys, wpclean\n"
        "wpclean.process_bytes('关于做好工作的通知\\n一、总体要求\\n加强领导。'.encode(), path='a.txt')\n"
        "before = 'selectolax' in sys.modules\n"
        "wpclean.process_bytes(b'<div id=zoom><p>x</p></div>', path='a.html')\n"
        "print(before, 'selectolax' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120, cwd=tmp_path
    )
    assert result.stdout.split() == ["False", "True"]


def test_the_command_line_reads_an_html_page_and_takes_input_format(tmp_path: Path) -> None:
    page = PAGES / "14-lishui-gov-tuiyishibing-anzhi-2023.html"
    command = [sys.executable, "-m", "wpclean.cli", str(page), "-o", str(tmp_path / "p.json")]
    subprocess.run(command, check=True, timeout=120, cwd=tmp_path)
    assert (
        json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))["page"]["index_number"]
        == LABELS[page.name]["index_number"]
    )
    bad = subprocess.run([*command, "--input-format", "pdf"], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert bad.returncode == 2 and "--input-format must be one of auto, text, html" in bad.stderr


def test_the_public_api_names_the_page_model() -> None:
    assert wpclean.Plan.model_fields["page"].default is None


@pytest.mark.parametrize(
    "block",
    [
        "<table><tr><th>索 引 号</th><td>000/2020-01</td><th>发文字号</th><td>某发〔2020〕3号</td></tr>"
        "<tr><th>成文日期</th><td>2020年02月21日</td><th>主题分类</th><td>教育、卫健</td></tr></table>",
        "<dl><dt>索引号：</dt><dd>000/2020-01</dd><dt>发文字号：</dt><dd>某发〔2020〕3号</dd>"
        "<dt>成文日期：</dt><dd>2020-02-21</dd><dt>主题分类：</dt><dd>教育、卫健</dd></dl>",
        "<p><strong>索引号</strong>：000/2020-01</p><p><strong>发文字号</strong>：某发〔2020〕3号</p>"
        "<p><b>成文日期:</b> 2020-02-21</p><p><strong>主题分类</strong>：教育、卫健</p>",
    ],
    ids=["th+td", "dt+dd", "strong"],
)
def test_each_html_form_of_the_label_block_fills_the_same_fields(block: str) -> None:
    body = "<div id='zoom'><p>一、总体要求</p><p>加强领导。</p></div>"
    page = f"<html><body><div class='meta'>{block}</div><h1>某局通知</h1>{body}</body></html>"
    plan = process_bytes(page.encode("utf-8"), path="p.html").plan
    assert (plan.page.index_number, plan.page.doc_number, str(plan.page.written), plan.page.topics) == (
        "000/2020-01",
        "某发〔2020〕3号",
        "2020-02-21",
        ["教育", "卫健"],
    )
    assert plan.doc_number == "某发〔2020〕3号" and plan.sections[0].intro == "加强领导。"


def test_attachment_rules_keep_the_shape_the_link_test_relies_on() -> None:
    # _attachment_links settles a link whose raw text holds no "." and no word
    # without tidying it: right only while every extension starts with "." and
    # no word holds white space.
    from wpclean.html.extract import _attachment_rules

    extensions, words = _attachment_rules()
    assert extensions and all(extension.startswith(".") for extension in extensions)
    assert words and not any(character.isspace() or character in "\u200b\ufeff" for word in words for character in word)


def test_a_link_is_an_attachment_by_its_url_or_its_text_however_its_text_is_spaced() -> None:
    from wpclean.html.extract import extract

    page = (
        '<html><body><div id="zoom"><p>正文。</p>'
        '<a href="/d/a.PDF?x=1">实施细则</a><a href="/d/b">\u3000附件：\n  名单</a>'
        '<a href="/d/c"> 表格.XLS </a><a href="/d/d">首页</a><a href="/d/e">附\u200b件</a></div></body></html>'
    )
    links = [(link.text, link.url) for link in extract(page).page.links]
    assert links == [("实施细则", "/d/a.PDF?x=1"), ("附件： 名单", "/d/b"), ("表格.XLS", "/d/c")]


@given(st.text(alphabet=st.sampled_from(" \t\r\n\f\v\u00a0\u200b\ufeff\u3000甲a\ue000"), max_size=60))
def test_collapsing_markup_spaces_is_the_white_space_pattern_s_substitution(text: str) -> None:
    from wpclean.html.extract import collapse_spaces

    assert collapse_spaces(text) == re.sub(r"[ \t\r\n\f\v\u00a0\u200b\ufeff]+", " ", text)


@pytest.mark.parametrize(
    "opening",
    ['<html class="has-footer"><body>', '<html><body class="share-page">', '<html id="print"><body class="footer">'],
)
def test_a_chrome_class_on_the_page_s_own_html_or_body_drops_nothing(opening: str) -> None:
    # Lexbor refuses to take out <html> (this was an internal error), and a
    # <body> taken out as chrome left an empty document.
    page = f"{opening}<div class='nav'>首页</div><p>一、总体要求</p><p>加强领导。</p></body></html>"
    plan = process_bytes(page.encode("utf-8"), path="page.html").plan
    assert [section.heading for section in plan.sections] == ["总体要求"]
    assert "加强领导" in plan.sections[0].intro
