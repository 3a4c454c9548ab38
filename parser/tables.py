"""Data tables the parser reads: numerals, marker styles, metadata keys."""

from __future__ import annotations

CHINESE_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CHINESE_UNITS = {"十": 10, "百": 100}
NUMERAL_CHARS = "〇○零一二三四五六七八九十百"

# Section marker styles, by rank (the ``level`` of a Section).
LEVEL_CHINESE_COMMA = 1  # 一、
LEVEL_CHINESE_PAREN = 2  # （一）
LEVEL_ARABIC_DOT = 3  # 1.  1．  1﹒  1、
LEVEL_ARABIC_PAREN = 4  # （1）

# Item families: the marker's shape, with {n} standing for a Chinese numeral.
ITEM_FAMILIES = {"shi": "{n}是", "yao": "{n}要", "di": "第{n}，"}

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

# Most numbering gap a heading may jump and still count as a heading.
MAX_NUMBERING_GAP = 4
