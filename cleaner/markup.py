"""Drop HTML and CSS left in a text page: tags (``</p>``, ``<br>``,
``<span style=…>``), character references (``&nbsp;``, ``&gt;``, ``&#20013;``)
and the style sheet a word processor exports (``@page { size: … } p.cjk {
font-family: "宋体" }``).  Tag names live in ``data/markup.txt``.

Run before annotations (a tag can stand between a character and its
annotation) and before punctuation (an ``&nbsp;`` becomes the space the
spacing step then judges).  :func:`strip_markup` sees one line at a time
(style rules on one line); a style sheet spread over several lines
(``@page {`` / `` size: 21cm 29.7cm;`` / `` margin: 2cm }``, perhaps inside
``<!-- … -->``) is :func:`strip_style_sheets`' work, a step of its own that
reads across lines.  Prose is never a style sheet: a rule is an ASCII
selector at the start of a line (or after another rule) and a block of
nothing but ``property: value`` declarations with ASCII property names, so a
Chinese sentence with ``{`` or a ``：`` list stays.
"""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path

from wpclean.cleaner.changes import JOIN_EVERY, MARKUP, Change, Record, join_batch, joined_text

_MARKUP_FILE = Path(__file__).parent / "data" / "markup.txt"
_BLOCK = "block"


@cache
def _tag_kinds() -> dict[str, str]:
    """Tag name (lower case) → block or inline."""
    kinds = {}
    for line in _MARKUP_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, name = line.split()
            kinds[name] = kind
    return kinds


@cache
def _markup() -> re.Pattern[str]:
    names = "|".join(sorted(map(re.escape, _tag_kinds()), key=len, reverse=True))
    tag = rf"</?(?:{names})(?![\w:])(?:\s[^<>\n]{{0,300}})?/?>"
    escaped_tag = rf"&lt;/?(?:{names})(?![\w:])(?:\s[^&<>\n]{{0,300}})?/?&gt;"
    declaration = r"[ \t]*:[ \t]*[^;{}\n]*;?[ \t]*"
    style_rule = rf"(?:@[a-z-]+|[a-zA-Z.#*][\w.#:*, -]{{0,60}})[ \t]*\{{[ \t]*(?:{_PROPERTY}{declaration})+\}}"
    comment = r"<!--[^\n]{0,2000}?-->"
    # <!-- or --> alone on its line: the edge of a comment over several lines
    comment_edge = r"(?<![^\n])[ \t]*(?:<!--|-->)(?=[ \t]*(?:\n|\Z))"
    entity = r"&(?:amp;)*(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});"
    # A run of tags (or of style rules) is one match; possessive, since nothing follows in
    # the branch: a greedy run keeps a backtracking state per tag, 200 MB for a line of
    # 300,000 tags.
    return re.compile(
        rf"(?P<tags>(?:(?:{tag}|{escaped_tag}|{comment}|{comment_edge})[ \t]*)++)"
        rf"|(?P<style>(?:{style_rule}[ \t]*)++)|(?P<entity>{entity})"
    )


_PROPERTY = "-?[a-zA-Z][a-zA-Z0-9-]*"  # a CSS property name: font-family, mso-font-charset, panose-1


@cache
def _style_sheet() -> re.Pattern[str]:
    """Style rules (and CSS comments) following each other over several lines,
    from the start of a line, perhaps inside ``<!--`` … ``-->`` (the markup
    step drops ``<!--`` and ``-->`` alone on their lines: it runs first)."""
    space = r"(?:\s|/\*[^*]{0,300}\*/)*"  # white space, line breaks and CSS comments
    selector = r"(?:@[a-z-]+(?:[ \t]+[\w-]{1,40})?|[a-zA-Z.#*][a-zA-Z0-9_.#:*>+~-]{0,60})"
    selectors = rf"{selector}(?:[ \t]*,\s*{selector}){{0,20}}"
    declaration = rf"{_PROPERTY}[ \t]*:[^;{{}}\n]{{0,300}}"
    block = rf"\{{\s*(?:{declaration}(?:;|(?=\s*\}}))\s*){{1,200}}\}}"
    rule = rf"{selectors}\s*{block}"
    rules = rf"{rule}(?:{space}{rule}){{0,500}}"
    comments = r"(?:/\*[^*]{0,300}\*/\s*)*"  # a CSS comment may come first
    return re.compile(rf"(?m)^[ \t]*(?:<!--{space}{rules}{space}-->|{comments}{rules})[ \t]*\n?")


@cache
def _spread_rule() -> re.Pattern[str]:
    """The gate: a brace whose block goes on past its line (a literal first: a fast scan)."""
    return re.compile(r"\{[^{}\n]*\n")


def strip_style_sheets(text: str, record: Record = None) -> str:
    """Remove style sheets spread over several lines; prose stays.

    >>> strip_style_sheets('标题\\n@page {\\n size: 21cm 29.7cm;\\n margin: 2cm }\\n p.cjk {\\n font-family: "宋体" }\\n正文')
    '标题\\n正文'
    >>> strip_style_sheets("<!--\\n.MsoNormal {mso-style-parent:\\"\\";\\n font-size:10.5pt}\\n-->\\n正文")
    '正文'
    >>> strip_style_sheets("通知如下{\\n时间：2024年；\\n地点：北京}")
    '通知如下{\\n时间：2024年；\\n地点：北京}'
    """
    if _spread_rule().search(text) is None:
        return text
    pieces, position = [], 0
    for match in _style_sheet().finditer(text):
        if "\n" not in match.group(0).rstrip("\n"):
            continue  # one line: the markup step's, which leaves it only when it is not a style rule
        # last in the text, with no line break of its own: the one before it goes with it
        start = match.start()
        if match.end() == len(text) and not match.group(0).endswith("\n") and start > position:
            start -= text[start - 1] == "\n"
        if record is not None:
            record.append(Change(MARKUP, "strip_style_sheets", start, text[start : match.end()], ""))
        pieces.append(text[position:start])
        position = match.end()
    if not pieces:
        return text
    pieces.append(text[position:])
    return "".join(pieces)


def _may_hold_markup(text: str) -> bool:
    return "<" in text or "&" in text or "{" in text


def strip_markup(text: str, record: Record = None) -> str:
    """Remove markup; a block tag between two pieces of text becomes a line break.

    >>> strip_markup("<p>第一段</p><p>第二段<br/>第三行</p>")
    '第一段\\n第二段\\n第三行'
    >>> strip_markup("面积&gt;100平方米&nbsp;以上，&lt;b&gt;重点&lt;/b&gt;，A&amp;B")
    '面积>100平方米\\xa0以上，重点，A&B'
    >>> strip_markup('@page { size: 21cm 29.7cm; margin: 2cm } p.cjk { font-family: "宋体"; } 正文')
    '正文'
    >>> strip_markup('@page { margin: 2cm }\\n<p>\\n正文')
    '正文'
    >>> strip_markup("<!--\\n正文\\n  -->\\n结束，a-->b")
    '正文\\n结束，a-->b'
    >>> strip_markup("若a<b且b>c，{一}")
    '若a<b且b>c，{一}'
    """
    if not _may_hold_markup(text):
        return text
    joined, pieces, position = [], [], 0
    for match in _markup().finditer(text):
        replacement = _replacement(text, match)
        if replacement == match.group(0):
            continue
        end = match.end() + _line_break_going(text, match, replacement)
        if record is not None:
            record.append(Change(MARKUP, "strip_markup", match.start(), text[match.start() : end], replacement))
        pieces += [text[position : match.start()], replacement]
        position = end
        if len(pieces) > JOIN_EVERY:
            join_batch(joined, pieces)
    if not pieces and not joined:
        return text
    return joined_text(joined, pieces, text[position:])


def _line_break_going(text: str, match: re.Match[str], replacement: str) -> int:
    """1 when the match was all its line held (the line break goes with it), else 0."""
    whole_line = match.start() == 0 or text[match.start() - 1] == "\n"
    return int(whole_line and replacement == "" and text[match.end() : match.end() + 1] == "\n")


def _replacement(text: str, match: re.Match[str]) -> str:
    if match.group("entity"):
        return _unescaped(match.group(0))
    if match.group("style"):
        return ""
    found = match.group(0)
    kinds = _tag_kinds()  # the names one at a time: a run of 250,000 tags would be as many strings
    if not any(kinds.get(name.group(1).lower()) == _BLOCK for name in _tag_names().finditer(found)):
        return ""
    # Text on its line before and after it (searched, not copied: a one-line page of tags
    # would copy the line for every tag).
    line_start = text.rfind("\n", 0, match.start()) + 1
    line_end = text.find("\n", match.end())
    line_end = len(text) if line_end == -1 else line_end
    non_space = _non_space()
    text_before = non_space.search(text, line_start, match.start()) is not None
    return "\n" if text_before and non_space.search(text, match.end(), line_end) is not None else ""


@cache
def _non_space() -> re.Pattern[str]:
    """A character ``str.strip`` keeps (both test ``Py_UNICODE_ISSPACE``)."""
    return re.compile(r"\S")


@cache
def _tag_names() -> re.Pattern[str]:
    return re.compile(r"(?:<|&lt;)/?([\w:]+)")


def _unescaped(entity: str) -> str:
    """An entity, however many times its ``&`` was escaped (``&amp;nbsp;``), as its character.

    >>> _unescaped("&amp;amp;nbsp;"), _unescaped("&#20013;")
    ('\xa0', '中')
    """
    previous, current = entity, html.unescape(entity)
    while current != previous and current.startswith("&"):
        previous, current = current, html.unescape(current)
    return current
