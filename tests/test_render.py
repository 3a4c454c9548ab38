"""Markdown and CSV renderings: read back with a CommonMark parser and the csv module."""

from __future__ import annotations

import csv
import io
from datetime import date
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import CORPUS_INPUTS, SAMPLES, SEED
from tests.plans import item, make_plan, tricky_plan
from wpclean import process_bytes
from wpclean.render.formats import CSV_COLUMNS, csv_header, csv_rows, render_parts, render_plan
from wpclean.render.markdown import escape_block, markdown_document
from wpclean.schemas import InputInfo, Item, Plan, Section

PAGES = [SEED, *CORPUS_INPUTS]
# Pieces of Markdown syntax, CJK punctuation around bold, letters, digits and Han.
FRAGMENTS = [
    "1.",
    "2)",
    "10.",
    "-",
    "+",
    "=",
    "#",
    "##",
    "*",
    "**",
    "_",
    "__",
    "~~",
    "`",
    "```",
    "[",
    "](",
    ")",
    "![",
    "<",
    ">",
    "<b>",
    "&amp;",
    "&",
    "|",
    "---",
    "\\",
    "!",
    ":",
    "'",
    '"',
    "http://x.cn/a_b",
    " ",
    " ",
    "深圳",
    "教育",
    "a",
    "Z",
    "12",
    "。",
    "，",
    "、",
    "；",
    "“",
    "”",
    "（",
    "）",
    "《",
    "》",
    "！",
    "？",
]
tricky_text = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=12).map("".join).map(str.strip).filter(bool)


@cache
def page_plan(path: Path) -> Plan:
    return process_bytes(path.read_bytes(), path=path.relative_to(SAMPLES.parent).as_posix()).plan


def all_plans() -> list[Plan]:
    return [tricky_plan(), *(page_plan(path) for path in PAGES)]


PLAN_IDS = ["tricky", *(path.stem for path in PAGES)]


# --- reading Markdown back -------------------------------------------------


@cache
def commonmark():  # type: ignore[no-untyped-def]
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def inline_text(token) -> str:  # type: ignore[no-untyped-def]
    """The literal text of an inline token, with emphasis and escapes resolved."""
    return "".join(child.content for child in token.children if child.type in ("text", "text_special"))


def heading_outline(markdown: str) -> list[tuple[int, str]]:
    tokens = commonmark().parse(markdown)
    return [
        (int(token.tag[1]), inline_text(tokens[i + 1]))
        for i, token in enumerate(tokens)
        if token.type == "heading_open"
    ]


def expected_outline(plan: Plan) -> list[tuple[int, str]]:
    outline = [(1, plan.title)]

    def visit(sections: list[Section], depth: int) -> None:
        for sub in sections:
            outline.append((min(depth + 1, 6), sub.marker + sub.heading))
            visit(sub.sections, depth + 1)

    def document(doc, depth: int) -> None:  # attachments under a heading of their own, one level down
        visit(doc.sections, depth)
        for attachment in doc.attachments:
            outline.append((min(depth + 1, 6), " ".join(filter(None, (attachment.label, attachment.title))) or "附件"))
            document(attachment, depth + 1)

    document(plan, 1)
    return outline


def all_items(plan: Plan) -> list[Item]:
    found = list(plan.items)

    def visit(sections: list[Section]) -> None:
        for sub in sections:
            found.extend(sub.items)
            visit(sub.sections)

    def document(doc) -> None:
        visit(doc.sections)
        for attachment in doc.attachments:
            found.extend(attachment.items)
            document(attachment)

    document(plan)
    return found


@pytest.mark.parametrize("plan", all_plans(), ids=PLAN_IDS)
def test_markdown_headings_parse_back_to_the_section_tree(plan: Plan) -> None:
    markdown = render_plan(plan, "md").decode("utf-8")
    assert heading_outline(markdown) == expected_outline(plan)


@pytest.mark.parametrize("plan", all_plans(), ids=PLAN_IDS)
def test_markdown_items_are_ordered_list_entries_with_bold_leads(plan: Plan) -> None:
    tokens = commonmark().parse(markdown_document(plan))
    entries = [token for token in tokens if token.type == "list_item_open"]
    assert [int(entry.info) for entry in entries] == [it.number for it in all_items(plan)]
    html = commonmark().render(markdown_document(plan))
    for it in all_items(plan):
        if it.lead:
            assert f"<strong>{escape_html(it.lead)}</strong>" in html


def displayed_numbers(markdown: str) -> list[int]:
    """The numbers a CommonMark viewer shows for the ordered lists' entries."""
    shown: list[int] = []
    for token in commonmark().parse(markdown):
        if token.type == "ordered_list_open":
            following = int(token.attrGet("start") or 1)
        elif token.type == "list_item_open":
            shown.append(following)
            following += 1
    return shown


@pytest.mark.parametrize("numbers", [[1, 2, 3], [1, 3, 4], [2, 3], [1, 2, 1, 2], [1, 5, 9]])
def test_markdown_viewers_show_each_item_with_its_own_number_gaps_included(numbers: list[int]) -> None:
    plan = make_plan(items=[item(number, f"第{number}项") for number in numbers])
    assert displayed_numbers(markdown_document(plan)) == numbers


def escape_html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def test_markdown_of_the_tricky_plan_turns_nothing_into_syntax() -> None:
    html = commonmark().render(markdown_document(tricky_plan()))
    assert "<script>" not in html and "<a " not in html and "<em>" not in html and "<code>" not in html
    assert "<table>" not in html and html.count("<ul>") == 0
    assert "<p># 不是标题</p>" in html and "<p>- 不是列表</p>" in html and "<p>2019. 也不是列表</p>" in html


def test_markdown_keeps_every_paragraph_of_a_multi_paragraph_item_inside_its_list_item() -> None:
    tokens = commonmark().parse(markdown_document(tricky_plan()))
    depth, inside = 0, []
    for token in tokens:
        depth += {"list_item_open": 1, "list_item_close": -1}.get(token.type, 0)
        if token.type == "inline" and depth:
            inside.append(inline_text(token))
    assert "1. 第二段落。" in inside and "第三段落。" in inside


def test_markdown_starts_with_title_then_metadata_and_ends_with_the_closing_lines() -> None:
    lines = markdown_document(tricky_plan()).splitlines()
    assert lines[0] == "# 1\\. 关于\\*加强\\*\\_管理\\_的\\#通知"
    assert lines[2] == "来源：某局\\[办公室\\](http://x) · 日期：2020-01-02 09:30 · 文号：国发〔2007〕37号"
    assert lines[-2:] == ["某某局\\", "2020年1月2日"]


def test_markdown_closing_lines_that_look_like_a_table_stay_lines() -> None:
    html = commonmark().render(markdown_document(make_plan(closing="单位|日期\n|-|-|")))
    assert "<table>" not in html and "<p>单位|日期<br />\n|-|-|</p>" in html


def test_markdown_without_title_names_the_input() -> None:
    assert markdown_document(make_plan(title=None)).startswith("# doc-1\n")


def test_markdown_metadata_line_leaves_out_what_the_plan_lacks() -> None:
    plan = make_plan(source="某局", published=date(2018, 1, 2))
    assert markdown_document(plan).splitlines()[2] == "来源：某局 · 日期：2018-01-02"


SYNTAX_EXAMPLES = [
    "# 标题",
    "## 标题 ##",
    "1. 列表",
    "2019) 年",
    "- 列表",
    "+ 列表",
    "=",
    "---",
    "***",
    "___",
    "~~删除~~",
    "`代码`",
    "<b>粗</b>",
    "&amp;",
    "[链接](x)",
    "![图](x)",
    "**粗**",
    "_斜_",
    "a|b",
    "\\",
    "> 引用",
]


@pytest.mark.parametrize("text", SYNTAX_EXAMPLES)
def test_markdown_syntax_in_text_reads_back_as_itself(text: str) -> None:
    assert_plain_paragraph(escape_block(text), text)


@given(tricky_text)
def test_escaped_text_reads_back_as_one_plain_paragraph(text: str) -> None:
    assert_plain_paragraph(escape_block(text), text)


def assert_plain_paragraph(markdown: str, text: str) -> None:
    tokens = commonmark().parse(markdown)
    assert [token.type for token in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    assert inline_text(tokens[1]) == text
    assert {child.type for child in tokens[1].children} <= {"text", "text_special"}


@given(
    lead=tricky_text,
    rest=st.sampled_from(["", "。", "；", "！", "？", "要", "“", "a", " x"]).flatmap(
        lambda start: tricky_text.map(lambda more: start + more if start else "")
    ),
)
def test_item_lead_reads_back_bold_and_the_text_whole(lead: str, rest: str) -> None:
    markdown = markdown_document(make_plan(items=[item(1, lead, rest)]))
    inline = next(token for token in commonmark().parse(markdown) if token.type == "inline" and token.level == 3)
    assert f"<strong>{escape_html(lead)}</strong>" in commonmark().render(markdown)
    assert inline_text(inline) == lead + rest.rstrip()


# --- reading CSV back ------------------------------------------------------


def read_csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def expected_rows(plan: Plan) -> list[dict[str, str]]:
    """The rows the CSV should have, built independently of the renderer."""
    source, title = plan.input.path or plan.input.id or "", plan.title or ""
    rows = [
        dict(zip(CSV_COLUMNS, (source, title, "", "", "", it.marker, str(it.number), it.lead, it.text)))
        for it in plan.items
    ]

    def visit(sections: list[Section], markers: list[str], headings: list[str]) -> None:
        for sub in sections:
            path, names = [*markers, sub.marker], [*headings, sub.heading]
            common = (source, title, " > ".join(path), " > ".join(names), str(sub.level))
            if sub.intro.strip() or not sub.items:
                rows.append(dict(zip(CSV_COLUMNS, (*common, "", "", "", sub.intro))))
            rows.extend(
                dict(zip(CSV_COLUMNS, (*common, it.marker, str(it.number), it.lead, it.text))) for it in sub.items
            )
            visit(sub.sections, path, names)

    def document(doc) -> None:
        visit(doc.sections, [], [])
        for attachment in doc.attachments:
            rows.extend(
                dict(zip(CSV_COLUMNS, (source, title, "", "", "", it.marker, str(it.number), it.lead, it.text)))
                for it in attachment.items
            )
            document(attachment)

    document(plan)
    return rows


@pytest.mark.parametrize("plan", all_plans(), ids=PLAN_IDS)
def test_csv_reads_back_as_one_row_per_item_and_per_section_without_items(plan: Plan) -> None:
    data = render_plan(plan, "csv")
    assert data.startswith(b"\xef\xbb\xbf" + b",".join(column.encode() for column in CSV_COLUMNS) + b"\r\n")
    assert read_csv(data) == expected_rows(plan)


def test_csv_from_a_file_opens_with_utf8_sig_and_keeps_chinese_and_newlines(tmp_path: Path) -> None:
    target = tmp_path / "plan.csv"
    target.write_bytes(render_plan(tricky_plan(), "csv"))
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["section_path"] == "" and rows[0]["lead"] == "前置*事项*"
    assert rows[2]["section_path"] == "一、" and rows[2]["text"] == "第一段。\n+ 第二段。"
    assert rows[-1]["section_path"] == "二、 > 2. > 3. > 4. > 5. > 6. > （1）" and rows[-1]["section_level"] == "4"


def test_csv_header_and_rows_concatenate_into_one_combined_file() -> None:
    plans = all_plans()[:3]
    combined = csv_header() + b"".join(csv_rows(plan) for plan in plans)
    assert read_csv(combined) == [row for plan in plans for row in expected_rows(plan)]
    assert {row["source"] for row in read_csv(combined)} == {
        "doc-1",
        "samples/shenzhen-edu-2019-workplan.txt",
        "samples/corpus/" + CORPUS_INPUTS[0].name,
    }


def test_csv_of_a_page_from_standard_input_has_an_empty_source() -> None:
    plan = make_plan(input=InputInfo(sha256="0" * 64, encoding="utf-8", bytes=0), items=[item(1, "事项")])
    assert read_csv(render_plan(plan, "csv"))[0]["source"] == ""


# --- the render entry point ------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "jsonl", "md", "csv"])
def test_every_format_renders_utf8_bytes_ending_with_a_newline(fmt: str) -> None:
    data = render_plan(tricky_plan(), fmt)
    text = data.decode("utf-8")
    assert text.endswith("\n") and "第七层" in text


def test_json_and_jsonl_read_back_as_the_same_plan() -> None:
    plan = tricky_plan()
    assert Plan.model_validate_json(render_plan(plan, "json")) == plan
    jsonl = render_plan(plan, "jsonl")
    assert jsonl.count(b"\n") == 1 and Plan.model_validate_json(jsonl) == plan


def test_unknown_format_is_a_value_error_naming_the_choices() -> None:
    with pytest.raises(ValueError, match="json, jsonl, md, csv"):
        render_plan(tricky_plan(), "xml")


@pytest.mark.parametrize("path", [*CORPUS_INPUTS, SEED], ids=lambda path: path.stem)
def test_a_parsed_plan_is_valid(path: Path) -> None:
    # The parser builds plans without validating (model_construct); they must
    # still pass the models' validation.
    plan = page_plan(path)
    assert Plan.model_validate(plan.model_dump()) == plan


def _bare_plan() -> Plan:
    return make_plan(title=None, sections=[], items=[], warnings=[])


@pytest.mark.parametrize("plan", [*all_plans(), _bare_plan()], ids=[*PLAN_IDS, "bare"])
def test_json_is_written_as_pydantic_writes_it_a_part_at_a_time(plan: Plan) -> None:
    parts = list(render_parts(plan, "json"))
    assert len(parts) > 3  # streamed, not one piece
    assert b"".join(parts) == render_plan(plan, "json") == plan.model_dump_json(indent=2).encode("utf-8") + b"\n"
    assert render_plan(plan, "jsonl") == plan.model_dump_json().encode("utf-8") + b"\n"


@given(title=st.text(), heading=st.text(), lead=st.text())
def test_streamed_json_matches_pydantic_for_any_text(title: str, heading: str, lead: str) -> None:
    # Line breaks, quotes, control characters in strings: indenting the parts
    # must never touch a string's content.
    section = Section(marker="一、", number=1, level=1, heading=heading, intro=lead, items=[item(1, lead)])
    plan = make_plan(title=title, sections=[section, section], items=[item(1, lead)])
    expected = plan.model_dump_json(indent=2).encode("utf-8") + b"\n"
    assert render_plan(plan, "json") == b"".join(render_parts(plan, "json")) == expected


def test_the_parser_builds_every_model_on_the_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    # trusted() falls back to model_construct when a call's fields are not all
    # given in the model's order: correct, but five times slower per section.
    from wpclean.schemas import Stats, ToolInfo, Warning

    def refuse(cls, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        raise AssertionError(f"{cls.__name__} built through model_construct")

    for model in (Plan, Section, Item, Warning, Stats, InputInfo, ToolInfo):
        monkeypatch.setattr(model, "model_construct", classmethod(refuse))
    for path in [SEED, *CORPUS_INPUTS]:
        process_bytes(path.read_bytes())


def test_validation_leaves_the_garbage_collector_as_it_found_it() -> None:
    import gc

    from wpclean.errors import InvalidPlanError
    from wpclean.render.formats import validate_plan

    plan = process_bytes("工作要点\n一、总体要求\n（一）加强领导。".encode()).plan
    broken = plan.model_copy(update={"title": 5})
    assert gc.isenabled()
    validate_plan(plan)
    assert gc.isenabled()
    with pytest.raises(InvalidPlanError):
        validate_plan(broken)
    assert gc.isenabled()
    gc.disable()
    try:
        validate_plan(plan)
        assert not gc.isenabled()
    finally:
        gc.enable()
