"""A document's paragraphs → its parts: front matter, body structure, end matter, attachments.

A page may hold more than one document: a notice whose signature is followed
by the document it transmits, and 附件N.  Each after the first becomes an
attachment (a :class:`~wpclean.schemas.Document`) with its own label, title
and structure.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import NamedTuple

import regex

from wpclean.parser.closing import (
    MAX_TAIL_CHARS,
    closing_parts,
    is_signature,
    note_pattern,
    parse_date,
    signatures,
    split_closing,
)
from wpclean.parser.front import find_doc_number, split_front, take_masthead
from wpclean.parser.structure import build_body
from wpclean.parser.tables import ADDRESSEE_ENDINGS, MAX_TITLE_CHARS, TITLE_ENDINGS
from wpclean.parser.title_matter import split_title_matter
from wpclean.schemas import Document, Warning, trusted

_BLANKS = " \t\u3000\xa0"


class Parts(NamedTuple):
    """A document's fields (a :class:`Document`'s, without the title), its chrome and warnings."""

    fields: dict[str, object]
    chrome: list[str]
    warnings: list[Warning]


def read_document(paragraphs: list[str], where: str = "", attached: bool = False) -> Parts:
    """Front matter, body, end matter and attachments of a document's paragraphs.

    >>> parts = read_document(["国发〔2007〕37号", "各省人民政府：", "一、总则", "正文。", "国务院", "2007年1月2日"])
    >>> [parts.fields[k] for k in ("doc_number", "addressees", "issuers", "written")]
    ['国发〔2007〕37号', '各省人民政府', ['国务院'], datetime.date(2007, 1, 2)]
    """
    paragraphs = list(paragraphs)
    masthead = take_masthead(paragraphs)
    matter, paragraphs = split_title_matter(paragraphs)
    doc_number = parts = addressees = None
    if paragraphs:
        front = split_front(paragraphs[0])
        doc_number, parts, addressees = front.doc_number, front.parts, front.addressees
        if front.rest:
            paragraphs[0] = front.rest
        else:
            del paragraphs[0]
        if addressees is None and doc_number is not None and paragraphs:
            second = split_front(paragraphs[0])
            if second.doc_number is None and second.addressees:
                addressees = second.addressees
                paragraphs[0:1] = [second.rest] if second.rest else []
    if doc_number is None and not where:  # an attachment's is only the one it starts with
        found = matter.doc_number or find_doc_number(paragraphs)
        if found:
            doc_number, parts = found
    main, rest = (paragraphs, []) if attached else split_attachments(paragraphs)
    closing = split_closing(main)
    body = build_body(closing.body)
    warnings = [_placed(warning, where) for warning in body.warnings]
    end = closing_parts(closing.lines)
    attachments, chrome = [], list(closing.chrome)
    for index, document in enumerate(rest):
        attachment = read_attachment(document, f"{where}attachments[{index}].")
        attachments.append(attachment[0])
        chrome += attachment[1].chrome
        warnings += attachment[1].warnings
    fields: dict[str, object] = dict(
        **matter.fields(),
        doc_number=doc_number,
        doc_number_parts=parts,
        copy_number=masthead.copy_number,
        signer=masthead.signer,
        classification=masthead.classification,
        urgency=masthead.urgency,
        addressees=addressees,
        preamble=body.preamble,
        items=body.items,
        sections=body.sections,
        closing="\n".join(closing.lines),
        attachments_note=end.attachments_note,
        issuers=end.issuers,
        written=end.written or matter.written or _dated_under_title(closing.body),
        note=end.note,
        cc=end.cc,
        printed_by=end.printed_by,
        printed_on=end.printed_on,
        effective=find_effective(closing.body),
        attachments=attachments,
    )
    return Parts(fields, chrome, warnings)


@cache
def _bracketed_date() -> regex.Pattern[str]:
    return regex.compile(r"[（(]([^（）()]{6,16}日)[）)]")


def _dated_under_title(paragraphs: list[str]) -> date | None:
    """The 成文日期 of a document dated in brackets under its title (决定, 意见: （一九九〇年十二月五日）).

    >>> _dated_under_title(["（2018年1月2日）", "正文。"])
    datetime.date(2018, 1, 2)
    """
    if not paragraphs:
        return None
    match = _bracketed_date().fullmatch(paragraphs[0].strip(_BLANKS))
    return parse_date(match.group(1)) if match else None


def _placed(warning: Warning, where: str) -> Warning:
    if not where:
        return warning
    return trusted(Warning, code=warning.code, message=warning.message, where=where + warning.where)


def read_attachment(paragraphs: list[str], where: str) -> tuple[Document, Parts]:
    """An attached document: its label (附件1), title, then what :func:`read_document` reads."""
    label, title, paragraphs = split_label_and_title(paragraphs)
    parts = read_document(paragraphs, where, attached=True)
    return trusted(Document, label=label, title=title, **parts.fields), parts


@cache
def _label() -> regex.Pattern[str]:
    return regex.compile(
        r"附件[ \t\u3000\xa0]*(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})?[ \t\u3000\xa0]*[：:、.．]?"
    )


@cache
def _title_end() -> regex.Pattern[str]:
    endings = "|".join(sorted(map(regex.escape, TITLE_ENDINGS), key=len, reverse=True))
    return regex.compile(rf"[^。！？；，]{{2,{MAX_TITLE_CHARS}}}?(?:{endings})(?:[（(][^（）()]{{1,30}}[）)])?")


def split_label_and_title(paragraphs: list[str]) -> tuple[str | None, str | None, list[str]]:
    """An attachment's label and title, and its paragraphs after them.

    >>> split_label_and_title(["附件1：某某工作方案为贯彻落实…", "一、总则"])
    ('附件1：', '某某工作方案', ['为贯彻落实…', '一、总则'])
    >>> split_label_and_title(["附件2", "某某清单", "正文。"])
    ('附件2', '某某清单', ['正文。'])
    """
    paragraphs = list(paragraphs)
    label = title = None
    if paragraphs:
        match = _label().match(paragraphs[0])
        if match:
            label = match.group(0).strip(_BLANKS)
            rest = paragraphs[0][match.end() :].strip(_BLANKS)
            paragraphs[0:1] = [rest] if rest else []
    if paragraphs:
        first = paragraphs[0]
        whole = _is_title_line(first)
        match = _balanced_title(first)
        lines = _title_lines(paragraphs)
        if lines > 1:
            title = "".join(paragraphs[:lines])
            del paragraphs[:lines]
        elif whole and (first.endswith((*TITLE_ENDINGS, "）", ")")) or not match):
            title = first
            del paragraphs[0]
        elif match:
            title = first[:match]
            paragraphs[0] = first[match:].strip(_BLANKS)
    return label, title, [p for p in paragraphs if p]


@cache
def _title_bracket() -> regex.Pattern[str]:
    """A short bracketed note right after a title's ending (（试行）, （2024年修订）)."""
    return regex.compile(r"[（(][^（）()]{1,30}[）)]")


def _balanced_title(text: str) -> int | None:
    """Where a title glued to its text ends: at a title word (方案, 办法, …) with its 《》 closed.

    >>> text = "《关于全面推进政务公开工作的意见》实施细则为贯彻落实…"
    >>> text[: _balanced_title(text)]
    '《关于全面推进政务公开工作的意见》实施细则'
    """
    for end in range(2, min(len(text), MAX_TITLE_CHARS) + 1):
        if text[end - 1] in "。！？；，":
            return None
        head = text[:end]
        if head.endswith(TITLE_ENDINGS) and head.count("《") == head.count("》"):
            match = _title_end().fullmatch(text, 0, end)
            if match is not None:
                bracket = _title_bracket().match(text, end)
                return bracket.end() if bracket else end
    return None


def _is_title_line(paragraph: str) -> bool:
    return len(paragraph) <= MAX_TITLE_CHARS and not any(char in paragraph for char in "。！？；，：")


def _title_lines(paragraphs: list[str], most: int = 3) -> int:
    """How many lines a title spans: title lines followed by the 文号 or the 主送机关 (0 when none is).

    >>> _title_lines(["关于学习贯彻", "某某精神的通知", "教党〔2018〕48号", "正文。"])
    2
    """
    for count in range(1, min(most, len(paragraphs) - 1) + 1):
        if not _is_title_line(paragraphs[count - 1]):
            return 0
        front = split_front(paragraphs[count])
        if front.doc_number or front.addressees:
            return count
    return 0


def split_attachments(paragraphs: list[str]) -> tuple[list[str], list[list[str]]]:
    """The main document's paragraphs, and each further document's, in one pass.

    A document ends at a signature date in mid-page (one followed by more
    than end matter, with a sentence before it: a date under the title is not
    a signature); the documents after the main one are split at 附件N labels
    too.  They are all attachments of the main document (a flat list).

    >>> main, rest = split_attachments(["现将某某实施方案印发给你们，请认真贯彻落实。" * 3, "某某厅2019年3月13日某某实施方案为贯彻落实" + "…" * 400])
    >>> len(main), [r[0][:6] for r in rest]
    (2, ['某某实施方案'])
    """
    total = sum(map(len, paragraphs))
    documents: list[list[str]] = [[]]
    seen = 0
    sentences = False  # whether the current document has a sentence yet
    for paragraph in paragraphs:
        seen += len(paragraph)
        start = 0
        if total - seen + len(paragraph) > MAX_TAIL_CHARS and "日" in paragraph:
            for cut in _mid_page_signatures(paragraph, total - seen):
                if cut <= start or not (sentences or _has_sentence(paragraph[start:cut])):
                    continue
                documents[-1].append(paragraph[start:cut].strip(_BLANKS))
                start = cut
                documents.append([])
                sentences = False
        rest = paragraph[start:].strip(_BLANKS)
        if rest and not documents[-1] and len(documents) > 1:
            note = note_pattern().match(rest)
            if note:  # （此件公开发布） under the signature is the notice's
                documents[-2].append(note.group(0))
                rest = rest[note.end() :].strip(_BLANKS)
        if rest:
            documents[-1].append(rest)
            sentences = sentences or _has_sentence(rest)
    main = [paragraph for paragraph in documents[0] if paragraph]
    attached = [part for document in documents[1:] if document for part in _split_at_labels(document)]
    return main, attached


def _has_sentence(text: str) -> bool:
    return any(mark in text for mark in "。！？")


def _mid_page_signatures(paragraph: str, after: int) -> list[int]:
    """Where the signature dates in ``paragraph`` end that close a document in mid-page."""
    cuts = []
    for match in signatures(paragraph):
        agency = match.group("agency").strip(_BLANKS)
        tail = paragraph[match.end() :]
        before = paragraph[: match.start()].strip(_BLANKS)
        standalone = not before and (
            not tail.strip(_BLANKS) or note_pattern().fullmatch(tail.strip(_BLANKS)) is not None
        )
        after_sentence = (  # 。二○○○年二月十六日技术合同认定登记管理办法第一条…
            not agency
            and match.group("cy") is not None
            and before.endswith(("。", "！"))
            and _title_end().match(tail.lstrip(_BLANKS)) is not None
        )
        signed = agency.endswith(ADDRESSEE_ENDINGS) or standalone or after_sentence
        if signed and is_signature(paragraph, match, tail) and len(tail) + after > MAX_TAIL_CHARS:
            cuts.append(match.end())
    return cuts


@cache
def _numbered_label() -> regex.Pattern[str]:
    return regex.compile(r"附件[ \t\u3000\xa0]*[0-9０-９一二三四五六七八九十]")


def _split_at_labels(paragraphs: list[str]) -> list[list[str]]:
    """The documents after a main one: each 附件N label starts the next."""
    documents: list[list[str]] = [[]]
    numbered = _numbered_label()
    for paragraph in paragraphs:
        if documents[-1] and paragraph.startswith("附件") and numbered.match(paragraph):
            documents.append([])
        documents[-1].append(paragraph)
    return documents


@cache
def _effective() -> regex.Pattern[str]:
    cn = "[〇○零一二三四五六七八九十]"
    return regex.compile(
        rf"自[^。；，]{{0,6}}?(\d{{4}}年\d{{1,2}}月\d{{1,2}}日|{cn}{{4}}年{cn}{{1,2}}月{cn}{{1,3}}日)起施行"
    )


def find_effective(paragraphs: list[str]) -> date | None:
    """The date a text says it takes effect (自2020年1月1日起施行).

    >>> find_effective(["本办法自2020年1月1日起施行。"])
    datetime.date(2020, 1, 1)
    """
    for paragraph in reversed(paragraphs[-40:]):
        match = _effective().search(paragraph) if "起施行" in paragraph else None  # the pattern ends with it
        if match:
            return parse_date(match.group(1))
    return None
