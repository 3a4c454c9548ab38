"""Hand-built plans for the rendering tests: every shape the renderers must handle."""

from __future__ import annotations

from datetime import date, time

from wpclean.schemas import InputInfo, Item, Plan, Section, ToolInfo, Warning


def make_plan(**fields) -> Plan:
    base = dict(
        title="测试计划",
        input=InputInfo(id="doc-1", sha256="0" * 64, encoding="utf-8", bytes=0),
        tool=ToolInfo(version="0", convert="t2s"),
    )
    return Plan(**(base | fields))


def item(number: int, lead: str, rest: str = "。") -> Item:
    return Item(marker=f"{number}是", number=number, lead=lead, text=lead + rest)


def section(marker: str, heading: str, level: int = 1, intro: str = "", items=(), sections=()) -> Section:
    return Section(
        marker=marker, number=1, level=level, heading=heading, intro=intro, items=list(items), sections=list(sections)
    )


def tricky_plan() -> Plan:
    """Every shape the renderers handle: top items, deep nesting, Markdown syntax in text, a closing."""
    deep = section("（1）", "第七层", 4, intro="最深处。")
    for depth in range(6, 1, -1):
        deep = section(f"{depth}.", f"第{depth}层", 3, sections=[deep])
    return make_plan(
        title="1. 关于*加强*_管理_的#通知",
        source="某局[办公室](http://x)",
        published=date(2020, 1, 2),
        published_time=time(9, 30),
        doc_number="国发〔2007〕37号",
        preamble="# 不是标题\n- 不是列表\n2019. 也不是列表\n<script>alert(1)</script>",
        items=[item(1, "前置*事项*"), item(2, "没有句号的事项", "")],
        sections=[
            section(
                "一、",
                "总体要求",
                intro="第一段。\n+ 第二段。",
                items=[item(1, "建设“数字政府”", "要快。\n1. 第二段落。\n\n第三段落。"), item(3, "跳号")],
            ),
            section(
                "二、",
                "重点任务 ##",
                sections=[section("（一）", "分项[red]不是标记[/red]", 2, items=[item(1, "`代码`与|表格|")]), deep],
            ),
        ],
        closing="某某局\n2020年1月2日",
        warnings=[Warning(code="numbering_gap", message="3 follows 1", where="sections[0].items[1]")],
    )
