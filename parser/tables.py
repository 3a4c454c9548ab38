"""Data tables the parser reads: numerals, marker styles, metadata keys."""

from __future__ import annotations

CHINESE_DIGITS = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CHINESE_UNITS = {"十": 10, "百": 100}
NUMERAL_CHARS = "〇○零一二三四五六七八九十百"

# Section marker styles, by rank (the ``level`` of a Section).
LEVEL_CHINESE_COMMA = 1  # 一、
LEVEL_CHINESE_PAREN = 2  # （一）
LEVEL_ARABIC_DOT = 3  # 1.  1．  1﹒  1、
LEVEL_ARABIC_PAREN = 4  # （1）
LEVEL_CIRCLED = 5  # ①
LEVEL_ARABIC_HALF_PAREN = 6  # 1)  1）
LEVEL_DECIMAL = 7  # decimal numbering, by depth: 1 总则 = 7, 1.1 = 8, 1.1.1 = 9 (Section.kind "decimal")
MAX_DECIMAL_DEPTH = 3
LEVEL_CLAUSE = 14  # 款: an article's paragraphs when it has several (Section.kind "clause", no marker)
LEVEL_PART = 10  # 第X编, 第X篇
LEVEL_CHAPTER = 11  # 第X章
LEVEL_SECTION = 12  # 第X节
LEVEL_ARTICLE = 13  # 第X条

# 第X<unit> markers: the unit character → (level, Section.kind).
ORDINAL_UNITS = {
    "编": (LEVEL_PART, "part"),
    "篇": (LEVEL_PART, "part"),
    "章": (LEVEL_CHAPTER, "chapter"),
    "节": (LEVEL_SECTION, "section"),
    "条": (LEVEL_ARTICLE, "article"),
}
# What may follow a number with a decimal point for it to be a quantity, not a heading (3.1万个, 1.5倍).
DECIMAL_QUANTITY_UNITS = "万亿千百倍个元亩吨米克升斤%‰℃"

CIRCLED_NUMBERS = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# Item families: the marker's shape as a regular expression, with {n} standing
# for a Chinese numeral (the one grammar of item markers: parser/markers.py).
ITEM_FAMILIES = {"shi": "{n}是", "yao": "{n}要", "di": "第{n}[，,]"}
ITEM_NUMERAL = "[一二三四五六七八九十]{1,3}"

# Metadata keys of page headers, mapped to Plan fields.
METADATA_KEYS = {
    "信息来源": "source",
    "文章来源": "source",
    "来源": "source",
    "发布机构": "source",
    "发文机关": "source",
    "发文机构": "source",
    "source": "source",
    "发布时间": "published",
    "发布日期": "published",
    "成文日期": "published",
    "日期": "published",
    "时间": "published",
    "date": "published",
    "url": "url",
    "文号": "doc_number",
    "发文字号": "doc_number",
    "标题": "title",
    "索引号": "index_number",
    "主题分类": "topic",
    "公开方式": "disclosure",
    "作者": "author",
    "发布者": "author",
}

# Longest heading: a longer one means the heading's end was not found, and it is text.
MAX_HEADING_CHARS = 120

# Most numbering gap a heading may jump and still count as a heading.
MAX_NUMBERING_GAP = 4

# What a 主送机关 line ends with (before its colon) when it does not start with 各.
ADDRESSEE_ENDINGS = (
    "政府",
    "部门",
    "单位",
    "机构",
    "部委",
    "厅",
    "局",
    "委",
    "办",
    "院",
    "校",
    "学",
    "会",
    "司",
    "处",
    "室",
    "部",
    "组",
    "所",
    "中心",
    "管委会",
    "党委",
    "企业",
    "街道",
    "乡镇",
    "团体",
    "同志",
    "集团",
    "公司",
    "银行",
    "区",
    "县",
    "市",
)
MAX_ADDRESSEE_CHARS = 200

# 份号/密级/紧急程度 words of the 版头 (GB/T 9704 7.2).
CLASSIFICATIONS = ("绝密", "机密", "秘密")
URGENCIES = ("特急", "加急", "特提", "平急")

# The words a document's title ends with (an attachment's title glued to its text ends at one).
TITLE_ENDINGS = (
    "方案",
    "办法",
    "规定",
    "细则",
    "意见",
    "通知",
    "规划",
    "纲要",
    "条例",
    "计划",
    "要点",
    "决定",
    "报告",
    "指南",
    "标准",
    "制度",
    "清单",
    "目录",
    "规则",
    "章程",
    "预案",
    "措施",
    "通报",
    "批复",
    "名单",
    "指引",
    "一览表",
)
MAX_TITLE_CHARS = 80
