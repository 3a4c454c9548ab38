"""A plan as a Markdown document that renders the same on GitHub and other CommonMark viewers.

Title as ``#``; a metadata line (来源, 日期, 文号); the lines under the title
(subtitles, 题注, byline, 令 header) as paragraphs; the preamble; sections as
headings by depth (top ``##``, then ``###`` … capped at ``######``) reading
marker + heading; intros as paragraphs; items as an ordered list numbered by
``item.number`` with the lead in bold (a gap in the numbers starts a new list,
so viewers show the gap); the closing block last.  Text is
escaped so that nothing in a page turns into Markdown syntax.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from wpclean.render.plan_text import METADATA_SEPARATOR, display_title, lead_and_rest, metadata, paragraphs, walk
from wpclean.schemas import Document, Item, Plan

MAX_HEADING_LEVEL = 6
# ASCII characters that mean something to Markdown anywhere in a line (GFM: | and ~ too).
INLINE_SPECIALS = "\\`*_[]<>#|~&"
# What makes the start of a line a block: list bullets, setext underline, ordered list.
LINE_START_PATTERN = r"^(?:[-+=]|\d{1,9}[.)])"


def markdown_document(plan: Plan) -> str:
    """The whole document, ending with one newline.  Each attachment follows
    under a ``##`` heading of its label and title, its sections one level down."""
    blocks = [_title(plan), _metadata(plan), *_document_blocks(plan, 0)]
    return "\n\n".join(block for block in blocks if block) + "\n"


def _document_blocks(document: Plan | Document, depth: int) -> list[str]:
    blocks = [escape_block(line) for line in _title_matter(document)]
    blocks += [*map(escape_block, paragraphs(document.preamble)), _item_list(document.items)]
    for placed in walk(document.sections):
        section = placed.section
        if section.marker or section.heading:  # a 款 (clause) has neither: its text follows as paragraphs
            blocks.append(heading(depth + placed.depth, section.marker + section.heading))
        blocks += [escape_block(p) for p in paragraphs(section.intro)]
        blocks.append(_item_list(section.items))
    blocks.append(_closing(document.closing))
    for attachment in document.attachments:
        blocks.append(heading(depth + 1, " ".join(filter(None, (attachment.label, attachment.title))) or "附件"))
        blocks += _document_blocks(attachment, depth + 1)
    return blocks


def _title_matter(document: Plan | Document) -> list[str]:
    """The lines under the title (subtitles, 题注, byline, 令 header), each a paragraph, in the text's order."""
    lines = list(document.subtitles)
    for text in (document.title_note, document.byline, document.order):
        lines += text.split("\n") if text else []
    return lines


def heading(depth: int, text: str) -> str:
    """An ATX heading for a section ``depth`` levels down (1 = top section = ``##``).

    >>> heading(1, "（一）加强领导"), heading(9, "（1）细则")
    ('## （一）加强领导', '###### （1）细则')
    """
    level = min(depth + 1, MAX_HEADING_LEVEL)
    return "#" * level + " " + escape_block(" ".join(text.split()))


def escape_inline(text: str) -> str:
    r"""``text`` with every Markdown-special ASCII character backslash-escaped.

    >>> escape_inline("a*b_c [x](y) <br> 3#")
    'a\\*b\\_c \\[x\\](y) \\<br\\> 3\\#'
    """
    return "".join("\\" + char if char in INLINE_SPECIALS else char for char in text)


def escape_block(text: str) -> str:
    r"""``text`` escaped to stay a plain paragraph, even at the start of a line or list item.

    >>> escape_block("1. 不是列表"), escape_block("- 不是列表"), escape_block("# 不是标题"), escape_block("2019年")
    ('1\\. 不是列表', '\\- 不是列表', '\\# 不是标题', '2019年')
    """
    text = escape_inline(text)
    match = _line_start().match(text)
    if match:
        end = match.end()
        text = text[: end - 1] + "\\" + text[end - 1 :]
    return text


@cache
def _line_start():  # type: ignore[no-untyped-def]
    import re

    return re.compile(LINE_START_PATTERN)


def _title(plan: Plan) -> str:
    return "# " + escape_block(display_title(plan))


def _metadata(plan: Plan) -> str:
    return METADATA_SEPARATOR.join(f"{label}：{escape_inline(value)}" for label, value in metadata(plan))


def _item_list(items: list[Item]) -> str:
    """An ordered list; loose (blank lines between items) when an item has several paragraphs."""
    rendered = [_list_item(item, delimiter) for item, delimiter in zip(items, _delimiters(items))]
    loose = any("\n" in entry for entry in rendered)
    return ("\n\n" if loose else "\n").join(rendered)


def _delimiters(items: list[Item]) -> list[str]:
    """``.`` or ``)`` per item, switching where the numbers do not run on
    (一是, 三是): a viewer numbers a list from its first item, and a new
    delimiter starts a new list at the item's own number.

    >>> _delimiters([Item(marker=f"{n}是", number=n, lead="", text="") for n in (1, 2, 4, 5, 1)])
    ['.', '.', ')', ')', '.']
    """
    delimiters, previous = [], None
    for item in items:
        if previous is not None and item.number != previous + 1:
            delimiters.append(")" if delimiters[-1] == "." else ".")
        else:
            delimiters.append(delimiters[-1] if delimiters else ".")
        previous = item.number
    return delimiters


def _list_item(item: Item, delimiter: str = ".") -> str:
    marker = f"{item.number}{delimiter} "
    lead, rest = lead_and_rest(item.lead, item.text)
    if lead:
        first_line, _, remainder = rest.partition("\n")
        first, more = strong(lead, rest[:1]) + escape_inline(first_line.rstrip()), paragraphs(remainder)
    else:
        first, *more = paragraphs(rest) or [""]
        first = escape_block(first)
    indent = " " * len(marker)
    return "\n\n".join([(marker + first).rstrip(), *(indent + escape_block(p) for p in more)])


def strong(text: str, following: str) -> str:
    """``text`` in bold, as ``**…**`` unless CommonMark would not close it there (CJK punctuation).

    >>> strong("把党建放在首位", "。"), strong("建设“数字政府”", "。"), strong("建设“数字政府”", "要")
    ('**把党建放在首位**', '**建设“数字政府”**', '<strong>建设“数字政府”</strong>')
    """
    if _is_punctuation(text[-1]) and following and not (following.isspace() or _is_punctuation(following)):
        return f"<strong>{escape_inline(text)}</strong>"
    return f"**{escape_inline(text)}**"


def _is_punctuation(char: str) -> bool:
    """Punctuation as CommonMark's delimiter rules see it (Unicode P* and S* categories)."""
    return unicodedata.category(char)[0] in "PS"


def _closing(closing: str) -> str:
    """The signature block: its lines kept as lines (backslash hard breaks)."""
    return "\\\n".join(escape_block(line) for line in paragraphs(closing))
