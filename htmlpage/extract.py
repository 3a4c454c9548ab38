"""An HTML page → the document's text and what the page says about it.

The page is parsed once with Lexbor (selectolax); scripts, styles, hidden
elements and site chrome are taken out (``data/drop.tsv``); block elements,
line breaks and table cells become line and cell breaks; the body is the CMS
container (``data/containers.tsv``) or, without one, the block holding the most
paragraph text.  The lines outside the body are read for the 政务公开 label
block (:mod:`wpclean.parser.page_labels`), the meta tags for the site-building
standard's fields, ``<title>`` for a last-resort title.

>>> page = extract("<html><head><title>关于做好工作的通知_某市人民政府网</title></head><body>"
...                "<div class='nav'>首页</div><div id='zoom'><p>一、总体要求</p><p>加强领导。</p></div></body></html>")
>>> page.text, page.page.container, page.page.title
('关于做好工作的通知\\n一、总体要求\\n加强领导。', '#zoom', '关于做好工作的通知')
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import NamedTuple, overload

from selectolax.lexbor import LexborHTMLParser, LexborNode

from wpclean.parser.page_labels import label_fields, parse_when, present, read_label_block, tidy_title
from wpclean.parser.page_meta import meta_values
from wpclean.schemas import trusted
from wpclean.schemas.page import Link, Page

_DATA = Path(__file__).parent / "data"

BREAK, CELL, BEGIN, END = "\ue000", "\ue001", "\ue002", "\ue003"  # private-use marks, taken out of the page first
FALLBACK = "fallback"
CHROME_CHARS = 200  # chrome holding more text than this is looked into for a body container
MARKER_REACH = 200  # a marker's pattern starts at most this far before its WORD
BLOCKS = frozenset(
    "p div li ul ol dl dt dd tr table tbody thead tfoot caption h1 h2 h3 h4 h5 h6 section article aside header "
    "footer main blockquote pre form center hr address figure figcaption title details summary fieldset legend".split()
)
CELLS = frozenset(("td", "th"))
TITLE_LOOKBACK = 15  # lines before the body searched for the page's 发布时间/来源 line
MIN_FALLBACK_CHARS = 1  # a fallback block must hold at least this much paragraph text
FALLBACK_SHARE = 0.6  # … and this share of all of it


class PageWarning(NamedTuple):
    code: str
    message: str
    where: str


class Extracted(NamedTuple):
    """The text for the text pipeline (the title line, then the body), the
    page's metadata, warnings and how many chrome blocks were dropped."""

    text: str
    page: Page
    warnings: list[PageWarning]
    chrome: int


def _rows(name: str) -> list[list[str]]:
    lines = (_DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


@cache
def container_rules() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(row) for row in _rows("containers.tsv"))


@cache
def _marker_patterns() -> tuple[tuple[re.Pattern[bytes], re.Pattern[bytes], str, bytes], ...]:
    """The marker rules, as patterns over the page's UTF-8 bytes."""
    return tuple(
        (re.compile(begin.encode(), re.IGNORECASE), re.compile(end.encode(), re.IGNORECASE), begin, word.encode())
        for kind, begin, end, word in (rule for rule in container_rules() if rule[0] == "markers")
    )


@cache
def _container_selector() -> str:
    return ",".join(rule[1] for rule in container_rules() if rule[0] == "css")


@cache
def drop_selectors() -> dict[str, str]:
    """kind → one CSS selector list of that kind."""
    kinds: dict[str, list[str]] = {}
    for kind, selector in _rows("drop.tsv"):
        kinds.setdefault(kind, []).append(selector)
    return {kind: ",".join(selectors) for kind, selectors in kinds.items()}


@cache
def _site_words() -> tuple[str, ...]:
    return tuple(row[0] for row in _rows("title_suffixes.txt"))


@cache
def _attachment_rules() -> tuple[tuple[str, ...], tuple[str, ...]]:
    rows = [row[0] for row in _rows("attachments.txt")]
    words = tuple(row.removeprefix("text ") for row in rows if row.startswith("text "))
    return tuple(row for row in rows if not row.startswith("text ")), words


_SPACE_LIKE = "\t\r\n\f\v\u00a0\u200b\ufeff"  # made spaces, with the space: the markup's white space


@cache
def _space_runs() -> re.Pattern[str]:
    return re.compile("  +")


def collapse_spaces(text: str) -> str:
    """Every run of markup white space (space, tab, line ends, NBSP, zero-width
    space, BOM) made one space: what ``re.sub(r"[ \\t\\r\\n\\f\\v\\xa0\\u200b\\ufeff]+", " ",
    text)`` gives, at half its cost on a page's text (``str.replace`` per kind
    present, then runs of spaces, a pattern with a literal to scan for).

    >>> collapse_spaces("甲 \\n\\t乙\\u00a0\\u200b 丙\\u3000丁  ")
    '甲 乙 丙\\u3000丁 '
    """
    for character in _SPACE_LIKE:
        if character in text:
            text = text.replace(character, " ")
    return _space_runs().sub(" ", text) if "  " in text else text


def extract(html: str | bytes) -> Extracted:
    """The document in ``html`` (text, or UTF-8 bytes): see the module's description."""
    # Lexbor reads UTF-8: a page given as text is encoded once, here
    # (selectolax would encode a str itself), and the marks and markers are
    # found in the bytes.
    marked, marker = _mark_by_markers(_without_marks(html if isinstance(html, bytes) else html.encode("utf-8")))
    tree = LexborHTMLParser(marked)
    del marked
    meta = _meta_tags(tree)
    title_tag = _title_tag(tree)
    # The document is in the body: <head> is read for its meta tags and title
    # only, and everything else searches the body (never dropped itself).
    root = tree.body or tree.root  # a frameset page has no body; Lexbor builds <html> for any input
    elements = root.css("*")  # root and its elements in document order, read once for the junk and the blocks
    chrome = _drop(root, elements)
    heading = _heading(root)
    container = marker
    if container is None:
        container = _mark_container(root)
    _mark_blocks([node for node in elements if node.parent is not None])  # those still in the page
    text = root.text(deep=True)
    before, body, after = _regions(text)
    links = _attachment_links(root)
    warnings: list[PageWarning] = []
    if container == FALLBACK:
        warnings.append(
            PageWarning(
                "html_no_container", "no known body container; took the block with the most paragraph text", "input"
            )
        )
    return _assemble(before, body, after, meta, (heading, title_tag), container, links, warnings, chrome)


_MARKS = (BREAK, CELL, BEGIN, END)
_MARK_BYTE = BREAK.encode()[:1]  # the first of the marks' three UTF-8 bytes, shared by all four (and U+E000–U+EFFF)


@overload
def _without_marks(text: str) -> str: ...
@overload
def _without_marks(text: bytes) -> bytes: ...
def _without_marks(text: str | bytes) -> str | bytes:
    """``text`` (or its UTF-8 bytes) without the private-use characters this
    module marks with (``replace`` per mark: ``translate`` with a table is far
    slower).

    >>> _without_marks("甲\ue000乙"), _without_marks("甲\ue003乙".encode()).decode()
    ('甲乙', '甲乙')
    """
    if isinstance(text, bytes):
        if _MARK_BYTE not in text:  # one byte: a memchr, where the two-byte lead is a slow search in CJK UTF-8
            return text
        for mark in _MARKS:
            text = text.replace(mark.encode(), b"")
        return text
    for mark in _MARKS:
        if mark in text:
            text = text.replace(mark, "")
    return text


def _mark_by_markers(html: bytes) -> tuple[bytes, str | None]:
    """The page's UTF-8 bytes with BEGIN/END put at the first pair of raw body
    markers with text between them (a pair of empty ``<meta>`` markers in
    ``<head>`` is not a body), and which pair it was.

    >>> _mark_by_markers(b"<head><meta name=ContentStart><meta name=ContentEnd></head><p>x</p>")[1] is None
    True
    >>> _mark_by_markers(b"<!-- enpcontent --><p>x</p><!-- /enpcontent -->")
    (b'<!-- enpcontent -->\xee\x80\x82<p>x</p>\xee\x80\x83<!-- /enpcontent -->', '<!--enpcontent-->')
    """
    for begin, end, name, word in _marker_patterns():
        at = html.find(word)
        if at < 0:
            continue
        start = begin.search(html, max(0, at - MARKER_REACH))
        stop = end.search(html, start.end()) if start is not None else None
        if (
            start is None
            or stop is None
            or not _holds_text(html[start.end() : stop.start()].decode("utf-8", "replace"))
        ):
            continue
        marked = b"".join(
            (html[: start.end()], BEGIN.encode(), html[start.end() : stop.start()], END.encode(), html[stop.start() :])
        )
        return marked, _marker_name(name)
    return html, None


@cache
def _first_text() -> re.Pattern[str]:
    """A character of text outside tags (searching stops at the first)."""
    return re.compile(r"(?:^|>)[^<]*?[^\s<]")


def _holds_text(markup: str) -> bool:
    return _first_text().search(markup) is not None


def _marker_name(pattern: str) -> str:
    """A readable name for a marker rule: its pattern without regex syntax."""
    return re.sub(r"\\s\*|\\|\[\^>\]\*|\[\"'\]\?|\s+", "", pattern)


def _meta_tags(tree: LexborHTMLParser) -> dict[str, str]:
    """Every ``<meta name=… content=…>`` with a value, first of each name kept."""
    found: dict[str, str] = {}
    for node in tree.css("meta[name]"):
        attributes = node.attrs  # looked up one by one: node.attributes builds a dict of them all, each time
        name, value = (attributes.get("name") or "").strip(), present(attributes.get("content"))
        if name and value is not None and name not in found:
            found[name] = value
    return found


def _title_tag(tree: LexborHTMLParser) -> str | None:
    node = tree.css_first("title")
    return present(node.text()) if node is not None else None


def _heading(root: LexborNode) -> str | None:
    """The page's one ``<h1>``, when it is one and reads as a title."""
    headings = root.css("h1")
    if len(headings) != 1:
        return None
    text = tidy_title(collapse_spaces(headings[0].text() or ""))
    return text if _title_like(text) else None


def _drop(root: LexborNode, elements: list[LexborNode]) -> int:
    """Take out junk, hidden and chrome elements inside ``root`` (the body),
    never ``root`` itself or the document's element: a ``<body
    class="share-page">`` is the page, not a share bar, and Lexbor refuses to
    take out ``<html>``.  The chrome ones with text are counted.  ``elements``
    is ``root.css("*")`` (see :func:`_matches`).

    ``remove`` unlinks the element's whole subtree, every node of it: a later
    match inside one taken out already has no parent then, and is skipped
    (one test, not a walk up its ancestors).  Their memory goes with the tree's.

    >>> tree = LexborHTMLParser('<body class="has-footer"><div class="footer">版权<div class="footer-nav">首页</div>'
    ...                         '<script>x</script></div><p style="display: none">隐藏</p><p>正文</p></body>')
    >>> _drop(tree.body, tree.body.css("*")), tree.body.text()
    (1, '正文')
    """
    chrome = 0
    kept = _tag_ids(frozenset(("html", "head", "body")))
    for kind in drop_selectors():
        for node in _matches(kind, root, elements):
            if node.parent is None or node.tag_id in kept:
                continue  # taken out with an ancestor, or the page itself
            if kind == "chrome":
                text = node.text() or ""
                if BEGIN in text or END in text or (len(text) > CHROME_CHARS and node.css_first(_container_selector())):
                    continue  # a wrapper around the body, whatever its class says
                chrome += bool(text.strip())
            node.remove()
    return chrome


ORDERED_KINDS = frozenset({"chrome"})  # counted and read as they come: found in document order, by one Lexbor call


class _KindPlan(NamedTuple):
    """How the elements of one drop kind are found (:func:`_kind_plan`)."""

    selector: str  # what Lexbor matches ("" for nothing)
    tags: frozenset[int]  # plain tag names, by id among the elements
    contains: tuple[tuple[str, tuple[str, ...]], ...]  # (attribute, values) of its [ATTR*="VALUE"] rows


def _matches(kind: str, root: LexborNode, elements: list[LexborNode]) -> list[LexborNode]:
    """The elements of ``root`` that the selectors of ``kind`` match.

    Each selector costs Lexbor a test of every element.  A kind whose matches
    are only taken out (not counted, not read: the removed set is the same in
    any order) is found more cheaply: its plain tag names by their ids among
    ``elements`` (``root.css("*")``), and its ``[ATTR*="VALUE"]`` rows by one
    ``[ATTR]`` walk with the values tested in Python (case-sensitive
    substrings, as CSS and Lexbor compare them).

    >>> tree = LexborHTMLParser('<body><p style="color:red">甲</p><p style="display:none">乙</p><script>x</script></body>')
    >>> [node.tag for node in _matches("hidden", tree.body, tree.body.css("*"))]
    ['p']
    >>> [node.tag for node in _matches("junk", tree.body, tree.body.css("*"))]
    ['script']
    """
    plan = _kind_plan(kind)
    found = root.css(plan.selector) if plan.selector else []
    if plan.tags:
        found += [node for node in elements if node.tag_id in plan.tags]
    for attribute, values in plan.contains:
        for node in root.css(f"[{attribute}]"):
            value = node.attrs.get(attribute) or ""
            for wanted in values:  # a loop, not any() over a generator: most values hold none of them
                if wanted in value:
                    found.append(node)
                    break
    return found


@cache
def _kind_plan(kind: str) -> _KindPlan:
    """
    >>> plan = _kind_plan("hidden")
    >>> dict(plan.contains)["style"][:2], plan.tags
    (('display:none', 'display: none'), frozenset())
    >>> _kind_plan("chrome").contains, _kind_plan("junk").selector
    ((), '')
    """
    selectors = drop_selectors()[kind].split(",")
    if kind in ORDERED_KINDS:
        return _KindPlan(",".join(selectors), frozenset(), ())
    names, rest = [], []
    contains: dict[str, list[str]] = {}
    for selector in selectors:
        match = _contains_pattern().fullmatch(selector)
        if _is_tag_name(selector):
            names.append(selector)
        elif match:
            contains.setdefault(match.group(1), []).append(match.group(2))
        else:
            rest.append(selector)
    return _KindPlan(
        ",".join(rest), _tag_ids(frozenset(names)), tuple((name, tuple(values)) for name, values in contains.items())
    )


def _is_tag_name(selector: str) -> bool:
    return selector.isascii() and selector.isalnum() and selector[:1].isalpha() and selector.islower()


@cache
def _contains_pattern() -> re.Pattern[str]:
    """``[ATTR*="VALUE"]``: an attribute's value holding VALUE (no quote or backslash inside)."""
    return re.compile(r'\[([a-z][a-z0-9-]*)\*="([^"\\]+)"\]')


def _mark_container(root: LexborNode) -> str:
    """Put BEGIN/END inside the body container; its rule, or FALLBACK."""
    for rule in container_rules():
        if rule[0] != "css":
            continue
        for node in root.css(rule[1]):
            if (node.text() or "").strip():
                _enclose(node)
                return rule[1]
    node = _densest_block(root)
    if node is not None:
        _enclose(node)
    return FALLBACK


def _enclose(node: LexborNode) -> None:
    first = node.child
    if first is not None:
        first.insert_before(BEGIN)
    else:
        node.insert_child(BEGIN)
    node.insert_child(END)


def _densest_block(root: LexborNode) -> LexborNode | None:
    """The deepest element holding at least ``FALLBACK_SHARE`` of the page's
    paragraph text (``<p>``, ``<li>`` and text-only ``<div>``), links' text
    not counted."""
    scores: dict[int, list] = {}  # mem_id → [score, depth, node]
    for paragraph in root.css("p, li, div"):
        if paragraph.tag == "div" and paragraph.css_first("div, p, table, li") is not None:
            continue
        length = len((paragraph.text() or "").strip()) - sum(len(link.text() or "") for link in paragraph.css("a"))
        if length > 0:
            _credit(scores, paragraph.parent, length)
    if not scores:
        return None
    top = max(score for score, _, _ in scores.values())
    if top < MIN_FALLBACK_CHARS:
        return None
    held = [(depth, node) for score, depth, node in scores.values() if score >= FALLBACK_SHARE * top]
    return max(held, key=lambda pair: pair[0])[1]


def _credit(scores: dict[int, list], node: LexborNode | None, length: int) -> None:
    chain = []
    while node is not None and node.tag not in ("html", "-document"):
        chain.append(node)
        node = node.parent
    for depth, ancestor in enumerate(reversed(chain)):
        entry = scores.setdefault(ancestor.mem_id, [0, depth, ancestor])
        entry[0] += length


@cache
def _tag_ids(names: frozenset[str]) -> frozenset[int]:
    """Lexbor's ids of the HTML tags ``names`` (static for the tags it knows;
    an unknown tag's id is an address, never one of these).

    >>> sorted(_tag_ids(frozenset(("p", "br")))) == sorted(_tag_ids(frozenset(("br",))) | _tag_ids(frozenset(("p",))))
    True
    """
    tree = LexborHTMLParser("")
    return frozenset(tree.create_node(name).tag_id for name in names)


def _mark_blocks(elements: list[LexborNode]) -> None:
    """A BREAK around every block and for every ``<br>``, a CELL after every cell, among ``elements``.

    One pass over the elements, the tag's id tested in Python (its name would
    be a new string per element): Lexbor matching a list of some forty tag
    selectors costs twice the pass."""
    blocks, cells, (line_break,) = _tag_ids(BLOCKS), _tag_ids(CELLS), _tag_ids(frozenset(("br",)))
    for node in elements:
        tag = node.tag_id
        if tag in blocks:
            node.insert_before(BREAK)
            node.insert_after(BREAK)
        elif tag in cells:
            node.insert_after(CELL)
        elif tag == line_break:
            node.replace_with(BREAK)


def _regions(text: str) -> tuple[list[str], list[str], list[str]]:
    """The page's lines before the body, in it, and after it."""
    begin = text.find(BEGIN)
    end = text.find(END, begin + 1) if begin >= 0 else -1
    if begin < 0 or end < 0:
        return [], _lines(text), []
    return _lines(text[:begin]), _lines(text[begin + 1 : end]), _lines(text[end + 1 :])


def _joined_cells(text: str) -> str:
    """``text`` with every run of white space that holds a tab made one tab.

    What ``re.sub(r"\\s*\\t\\s*", "\\t", text)`` does (``str.strip`` strips
    what ``\\s`` matches), without a regex trying a match at every character:
    the pieces between tabs lose the white space beside a tab, and a piece that
    is nothing else goes with it.

    >>> _joined_cells(" a \\t\\u3000\\t b\\t \\t")
    ' a\\tb\\t'
    """
    if "\t" not in text:
        return text
    pieces = text.split("\t")
    kept = [pieces[0].rstrip()]
    kept += [piece for piece in (middle.strip() for middle in pieces[1:-1]) if piece]
    kept.append(pieces[-1].lstrip())
    return "\t".join(kept)


def _lines(text: str) -> list[str]:
    """Lines with white space collapsed, cells joined by a tab, empty ones gone."""
    collapsed = _joined_cells(collapse_spaces(text).replace(CELL, "\t")).replace("\u3000\u3000", "\u3000")
    lines = (line.strip(" \t\u3000") for line in collapsed.split(BREAK))
    return [line for line in lines if line]


def _attachment_links(root: LexborNode) -> list[Link]:
    """The links whose href or text ends with an attachment's extension, or
    whose text starts with an attachment word.  Every link is tested in
    Python: Lexbor matching the rules as selectors (``:lexbor-contains``)
    costs four times that.  A link's text is tidied only when it could
    qualify: every extension holds a ``.`` and the words hold no white space
    (``data/attachments.txt``), so a raw text with neither cannot.

    >>> tree = LexborHTMLParser('<a href="/f/1.pdf">通知</a><a href="/x">附件2.</a><a href="/y">首页</a>')
    >>> [(link.text, link.url) for link in _attachment_links(tree)]
    [('通知', '/f/1.pdf'), ('附件2.', '/x')]
    """
    extensions, words = _attachment_rules()
    links, seen = [], set()
    for node in root.css("a[href]"):
        url = (node.attrs.get("href") or "").strip()  # one look-up, not a dict of every attribute
        lowered = url.lower()
        if not url or lowered.startswith("javascript:"):
            continue  # before its text is taken: menus are made of these
        by_url = lowered.split("#", 1)[0].endswith(extensions) or lowered.split("?", 1)[0].endswith(extensions)
        raw = _without_marks(node.text() or "")
        if not by_url and "." not in raw and not any(word in raw for word in words):
            continue  # its text can end with no extension and start with no word: most links, settled cheaply
        text = collapse_spaces(raw).strip()
        if (url, text) not in seen and (by_url or text.lower().endswith(extensions) or text.startswith(words)):
            seen.add((url, text))
            links.append(trusted(Link, text=text, url=url))
    return links


def _assemble(
    before: list[str],
    body: list[str],
    after: list[str],
    meta: dict[str, str],
    titles: tuple[str | None, str | None],
    container: str,
    links: list[Link],
    warnings: list[PageWarning],
    chrome: int,
) -> Extracted:
    pairs: list[tuple[str, str]] = []
    for region in (before, after):
        block = read_label_block(region, 0, len(region))
        pairs += block.pairs if block is not None else []
    block = read_label_block(body)
    if block is not None:  # a page whose container holds the label block too
        pairs += block.pairs
        body = body[: block.start] + body[block.end :]
    fields = label_fields(pairs)
    by_meta = meta_values(meta)
    shown = _shown_lines(before)
    heading, title_tag = titles
    own_line = shown.get("title") or heading  # the document's own title line
    title, title_warning = choose_title(fields.get("title"), by_meta.get("title") or own_line, title_tag, meta)
    if title_warning:
        warnings.append(title_warning)
    published = fields.get("published") or shown.get("published")
    page = trusted(
        Page,
        format="html",
        container=container,
        title=title,
        index_number=fields.get("index_number"),
        topics=fields.get("topics", []),
        issuers=fields.get("issuers", []),
        doc_number=fields.get("doc_number"),
        written=fields.get("written"),
        published=published,
        validity=fields.get("validity"),
        effective=fields.get("effective"),
        keywords=fields.get("keywords") or by_meta.get("keywords", []),
        source=fields.get("source") or shown.get("source") or by_meta.get("source"),
        links=links,
        meta=meta,
        labels=dict(pairs),
    )
    body = _without_title(body, title)
    body = _without_link_lines(body, links)
    text = "\n".join(([title] if title else []) + body)
    return Extracted(text, page, warnings, chrome)


MAX_TITLE_LINES = 4  # a title broken over lines (<br>) takes at most this many


def _without_title(body: list[str], title: str | None) -> list[str]:
    """The body without the title at its start, whole or broken over lines."""
    if not title or not body:
        return body
    wanted, joined = _squeeze(title), ""
    for count, line in enumerate(body[:MAX_TITLE_LINES], start=1):
        joined += _squeeze(line)
        if joined == wanted or (count == 1 and _same_title(line, title)):
            return body[count:]
        if not wanted.startswith(joined):
            break
    return body


def _without_link_lines(body: list[str], links: list[Link]) -> list[str]:
    """The body without the download links' own lines at its end (they are in ``links``)."""
    texts = {_squeeze(link.text) for link in links if link.text}
    while body and _squeeze(re.sub(r"^(?:附件\s*[:：]?\s*)?(?:\d+[.、．]\s*)?", "", body[-1])) in texts:
        body = body[:-1]
    return body


def _squeeze(value: str) -> str:
    return re.sub(r"\s+", "", value)


@cache
def _shown_pattern() -> re.Pattern[str]:
    return re.compile(
        r"(?<![\u3400-\u9fff])(?:(?P<when>发布时间|发布日期|发表时间|时间|日期)|(?P<source>信息来源|文章来源|来源))\s*[:：]\s*"
    )


@cache
def _bare_date() -> re.Pattern[str]:
    return re.compile(r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?")


def _shown_lines(before: list[str]) -> dict[str, object]:
    """发布时间 and 来源 shown in the lines just before the body, and the title
    line above them (the document's own title line)."""
    found: dict[str, object] = {}
    lines = before[-TITLE_LOOKBACK:]
    for number, line in enumerate(lines):
        if "published" not in found and _bare_date().fullmatch(line):
            found["published"] = parse_when(line)
        if "title" not in found and number > 0 and _shown_pattern().search(line) and _title_like(lines[number - 1]):
            found["title"] = tidy_title(lines[number - 1])
        for match in _shown_pattern().finditer(line):
            rest = line[match.end() :]
            if match.group("when") and "published" not in found:
                when = parse_when(rest[:30])
                if when is not None:
                    found["published"] = when
            elif match.group("source") and "source" not in found:
                value = present(re.split(r"\s{2,}|\t|\s(?=\S+[:：])", rest.strip(), maxsplit=1)[0])
                if value:
                    found["source"] = value
    return found


MAX_TITLE_CHARS = 150


def _title_like(line: str) -> bool:
    return (
        4 <= len(line) <= MAX_TITLE_CHARS
        and "。" not in line
        and "\t" not in line
        and not _shown_pattern().search(line)
    )


def choose_title(
    label: object, by_meta: object, title_tag: str | None, meta: dict[str, str]
) -> tuple[str | None, PageWarning | None]:
    """The label block's title, else the ArticleTitle meta, else ``<title>``
    without its site name; a warning when the label and meta titles disagree.

    >>> choose_title(None, None, "关于某事的通知 - 某省人民政府门户网站", {})
    ('关于某事的通知', None)
    >>> choose_title("甲通知", "乙通知", None, {})[1].code
    'page_title_conflict'
    """
    site = meta.get("SiteName") or meta.get("sitename")
    candidates = [value for value in (label, by_meta) if isinstance(value, str) and value and value != site]
    warning = None
    if len(candidates) == 2 and not _same_title(candidates[0], candidates[1]):
        warning = PageWarning(
            "page_title_conflict",
            f"label block title {candidates[0]!r} differs from the page's ArticleTitle or title line"
            f" {candidates[1]!r}; kept the label block's",
            "title",
        )
    if candidates:
        return candidates[0], warning
    if title_tag:
        return strip_site_name(tidy_title(title_tag), meta) or None, None
    return None, None


def _same_title(a: str, b: str) -> bool:
    squeeze = lambda value: re.sub(r"\s+", "", value)  # noqa: E731
    return squeeze(a) == squeeze(b) or (len(squeeze(b)) >= 10 and squeeze(a).startswith(squeeze(b)))


@cache
def _title_separator() -> re.Pattern[str]:
    return re.compile(r"\s*[_|｜–—·]+\s*|\s+-+\s+|(?<=\S)-(?=\S)")


def strip_site_name(title: str, meta: dict[str, str]) -> str:
    """``<title>`` without trailing site/column pieces or a leading site name.

    >>> strip_site_name("决议__2007年第23号国务院公报_中国政府网", {})
    '决议'
    >>> strip_site_name("1-10月德清县固定资产投资", {})
    '1-10月德清县固定资产投资'
    >>> strip_site_name("江西省人民政府 政策文件 关于X的意见", {"SiteName": "江西省人民政府", "ColumnName": "政策文件"})
    '关于X的意见'
    """
    names = {value for key, value in meta.items() if key.lower() in ("sitename", "columnname")}
    pieces = _pieces(title)
    while len(pieces) > 1 and (not pieces[-1][0] or pieces[-1][0].endswith(_site_words()) or pieces[-1][0] in names):
        pieces.pop()
    kept = "".join(piece + separator for piece, separator in pieces[:-1]) + pieces[-1][0]
    for _ in range(len(names)):
        leading = next((name for name in sorted(names, key=len, reverse=True) if kept.startswith(name + " ")), None)
        if leading is None:
            break
        kept = kept[len(leading) :].strip()
    return kept.strip(" _-|")


def _pieces(title: str) -> list[tuple[str, str]]:
    """(piece, the separator after it) pairs."""
    result, position = [], 0
    for match in _title_separator().finditer(title):
        result.append((title[position : match.start()], match.group()))
        position = match.end()
    result.append((title[position:], ""))
    return result
