"""The end matter of a document (GB/T 9704 7.3, 7.4): 附件说明, the issuers'
signature (发文机关署名), the 成文日期, 附注, 抄送 and 印发 lines, and the site
chrome after them, which is dropped (and counted), never part of the closing.

A signature may be glued to the last sentence (…认真落实。河北省人民政府办公厅2024年1月29日)
and followed by chrome on the same line (…日更多信息请关注…, 公开程序：…).
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import NamedTuple

import regex

from wpclean.parser.markers import match_section_marker
from wpclean.parser.numerals import chinese_to_int
from wpclean.parser.paragraphs import unspaced
from wpclean.parser.tables import ADDRESSEE_ENDINGS

MAX_AGENCY_CHARS = 40
MAX_AGENCY_LINES = 3
MAX_TAIL_CHARS = 400  # most text after a signature date that is still end matter or chrome
LOOK_BACK_PARAGRAPHS = 8
_BLANKS = " \t\u3000\xa0"
_CN = "[〇○零一二三四五六七八九十]"


class Closing(NamedTuple):
    body: list[str]  # the paragraphs before the closing
    lines: list[str]  # the closing's lines as written
    chrome: list[str]  # dropped after it


class ClosingParts(NamedTuple):
    attachments_note: list[str]
    issuers: list[str]
    written: date | None
    note: str | None
    cc: str | None
    printed_by: str | None
    printed_on: date | None


@cache
def date_pattern() -> regex.Pattern[str]:
    """A written date, 2007年1月2日 or 二〇〇七年一月二日 (groups y/m/d or cy/cm/cd)."""
    arabic = r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日"
    chinese = rf"(?P<cy>{_CN}{{4}})年(?P<cm>{_CN}{{1,2}})月(?P<cd>{_CN}{{1,3}})日"
    return regex.compile(f"(?:{arabic}|{chinese})")


@cache
def _signature() -> regex.Pattern[str]:
    """A date with the agency before it (back to a sentence end), in brackets or not."""
    agency = rf"(?P<agency>[^。！？；：，,;:!?\n（）()]{{0,{MAX_AGENCY_CHARS}}}?)"
    return regex.compile(rf"{agency}[{_BLANKS}]*[（(]?(?P<date>{date_pattern().pattern})[）)]?")


@cache
def note_pattern() -> regex.Pattern[str]:
    return regex.compile(r"[（(][^（）()]{1,40}[）)]")


@cache
def _printed() -> regex.Pattern[str]:
    """The 印发 line of the 版记: 国务院办公厅 2007年11月22日印发."""
    return regex.compile(rf"[^。，；]{{2,40}}?[{_BLANKS}]*{date_pattern().pattern}[{_BLANKS}]*印发")


def parse_date(text: str) -> date | None:
    """The first date written 2007年11月22日 or 二〇〇七年十一月二十二日 in ``text``, as a date.

    >>> parse_date("二〇〇七年十一月二十二日"), parse_date("国务院 2017年12月22日"), parse_date("2017年2月30日")
    (datetime.date(2007, 11, 22), datetime.date(2017, 12, 22), None)
    """
    match = date_pattern().search(text)
    if not match:
        return None
    if match.group("y"):
        numbers = [int(match.group(k)) for k in ("y", "m", "d")]
    else:
        numbers = [chinese_to_int(match.group(k)) or 0 for k in ("cy", "cm", "cd")]
    try:
        return date(*numbers)
    except ValueError:
        return None


def _is_agency_line(paragraph: str) -> bool:
    if len(paragraph) > MAX_AGENCY_CHARS or match_section_marker(paragraph):
        return False
    return not any(char in paragraph for char in "。，；：！？,;:")


def is_signature(paragraph: str, match: regex.Match[str], tail: str, after_agency: bool = False) -> bool:
    """Whether a date is the signature's: it ends the text (only end matter or chrome after it),
    and stands alone, after an agency, or (written in Chinese numerals) after a sentence end."""
    before = paragraph[: match.start()]
    if before and before[-1] not in "。！？!?”）)" + _BLANKS and not match.group("agency"):
        return False
    after = tail.lstrip(_BLANKS)
    if after.startswith("印发"):  # the 版记's 印发机关和印发日期
        return False
    agency = match.group("agency").strip(_BLANKS)
    return (
        not after
        or (after_agency and not before.strip(_BLANKS))
        or after[0] in "（(附抄"
        or tail[:1] in _BLANKS
        or agency.endswith(ADDRESSEE_ENDINGS)
        or (match.group("cy") is not None)
    )


def split_closing(paragraphs: list[str]) -> Closing:
    """Split off the end matter (the agency lines and the date, notes after them) and the chrome after it.

    >>> split_closing(["一、总则", "正文。", "河北省工业和信息化厅", "2020年1月2日"])
    Closing(body=['一、总则', '正文。'], lines=['河北省工业和信息化厅', '2020年1月2日'], chrome=[])
    >>> split_closing(["正文。", "二○○七年十一月二十二日"])
    Closing(body=['正文。'], lines=['二○○七年十一月二十二日'], chrome=[])
    >>> split_closing(["正文。某局　2019年8月6日（此件公开发布）更多信息请关注"])
    Closing(body=['正文。'], lines=['某局　2019年8月6日', '（此件公开发布）'], chrome=['更多信息请关注'])
    >>> split_closing(["正文。", "完"]).lines
    []
    """
    first = max(1, len(paragraphs) - LOOK_BACK_PARAGRAPHS)
    tail_chars = 0
    for index in range(len(paragraphs) - 1, first - 2, -1):
        if index < 0:
            break
        paragraph = paragraphs[index]
        after_agency = index > 0 and _is_agency_line(paragraphs[index - 1])
        found = _last_signature(paragraph, MAX_TAIL_CHARS - tail_chars, after_agency)
        if found is not None:
            return _closing_at(paragraphs, index, found)
        tail_chars += len(paragraph)
        if tail_chars > MAX_TAIL_CHARS or match_section_marker(paragraph):
            break
    return Closing(paragraphs, [], [])


def signatures(paragraph: str, start: int = 0) -> list[regex.Match[str]]:
    """Every date of ``paragraph`` from ``start`` with the agency before it, as :func:`_signature` matches.

    Found from the dates (a scan for the agency from every position would
    cost a paragraph of chrome its length times the agency's).

    >>> [m.group("agency") for m in signatures("正文。某局2019年8月6日，2020年1月2日")]
    ['某局', '']
    """
    found = []
    for date_match in date_pattern().finditer(paragraph, start):
        begin = max(start, date_match.start() - MAX_AGENCY_CHARS - 8)
        end = min(len(paragraph), date_match.end() + 1)
        for match in _signature().finditer(paragraph, begin, end):
            if match.start("date") == date_match.start():
                found.append(match)
                break
    return found


def _last_signature(paragraph: str, room: int, after_agency: bool = False) -> regex.Match[str] | None:
    matches = signatures(paragraph, max(0, len(paragraph) - room - 60))
    for match in reversed(matches):
        tail = paragraph[match.end() :]
        if len(tail) <= room and is_signature(paragraph, match, tail, after_agency):
            return match
    return None


def _closing_at(paragraphs: list[str], index: int, match: regex.Match[str]) -> Closing:
    paragraph = paragraphs[index]
    before = paragraph[: match.start()].strip(_BLANKS)
    lines = [match.group(0).strip(_BLANKS)]  # the agency and the date as written, on one line
    body = [*paragraphs[:index], before] if before else list(paragraphs[:index])
    if not before and body:
        glued = _glued_agency().search(body[-1])
        if glued and glued.group(0).strip(_BLANKS).endswith(ADDRESSEE_ENDINGS):  # …落实。国务院办公厅 / 二〇〇四年…
            body[-1:] = [body[-1][: glued.start()], glued.group(0).strip(_BLANKS)]
    start = len(body)
    if not before:
        while start > 1 and len(body) - start < MAX_AGENCY_LINES and _is_agency_line(body[start - 1]):
            start -= 1
    start = _attachments_note_start(body, start)
    lines = body[start:] + lines
    body = body[:start]
    notes, chrome = _after_signature([paragraph[match.end() :], *paragraphs[index + 1 :]])
    if any(piece.endswith(("。", "！", "？")) for piece in chrome):  # text goes on: the date was not a signature's
        return Closing(paragraphs, [], [])
    return Closing(body, lines + notes, chrome)


MAX_NOTE_LIST_LINES = 8


def _attachments_note_start(body: list[str], start: int) -> int:
    """Where the 附件说明 before the signature starts (附件：1.… then 2.… lines), or ``start``."""
    for back in range(start - 1, max(0, start - MAX_NOTE_LIST_LINES) - 1, -1):
        line = body[back]
        if len(line) > MAX_AGENCY_CHARS * 2 or line.endswith(("。", "！", "？")):
            return start
        if line.startswith("附件"):
            return back
    return start


@cache
def _glued_agency() -> regex.Pattern[str]:
    return regex.compile(rf"(?<=[。！？])[^。！？；：，,;:!?（）()]{{2,{MAX_AGENCY_CHARS}}}$")


def _after_signature(pieces: list[str]) -> tuple[list[str], list[str]]:
    """The 附注, 抄送 and 印发 lines after a signature, and the chrome after those."""
    notes: list[str] = []
    rest = [piece.strip(_BLANKS) for piece in pieces if piece.strip(_BLANKS)]
    while rest:
        text = rest[0]
        note = note_pattern().match(text)
        if note:
            notes.append(note.group(0))
            rest[0] = text[note.end() :].strip(_BLANKS)
        elif text.startswith(("抄送", "主题词")) or _printed().match(text):
            notes.append(text)
            rest[0] = ""
        else:
            break
        rest = [piece for piece in rest if piece]
    return notes, rest


def closing_parts(lines: list[str]) -> ClosingParts:
    """The closing's lines read as GB/T 9704's parts.

    >>> closing_parts(["附件：1.甲方案", "2.乙清单", "某局", "某委", "2020年1月2日", "（此件公开发布）", "抄送：某部。"])
    ClosingParts(attachments_note=['甲方案', '乙清单'], issuers=['某局', '某委'], written=datetime.date(2020, 1, 2), \
note='此件公开发布', cc='某部', printed_by=None, printed_on=None)
    """
    attachments_note, issuers, notes = [], [], []
    written = printed_on = None
    cc = printed_by = None
    for line in lines:
        if line.startswith("附件") and not issuers:
            attachments_note.extend(_attachment_titles(line))
        elif attachments_note and not issuers and match_section_marker(line):
            attachments_note.extend(_attachment_titles(line))
        elif line.startswith("抄送"):
            cc = line[2:].lstrip("：: ").rstrip("。")
        elif "印发" in line[:60] and written is not None:
            printed_by = line.split("印发")[0].strip(_BLANKS)
            printed_by = date_pattern().sub("", printed_by).strip(_BLANKS) or None
            printed_on = parse_date(line)
        elif written is None and (signed := _signature().fullmatch(line)):
            written = parse_date(signed.group("date"))
            if signed.group("agency").strip(_BLANKS):
                issuers.append(signed.group("agency").strip(_BLANKS))
        elif written is None:
            issuers.append(line)
        elif note_pattern().fullmatch(line):
            notes.append(line[1:-1])
    issuers = [unspaced(issuer) for issuer in issuers]
    return ClosingParts(attachments_note, issuers, written, "；".join(notes) or None, cc, printed_by, printed_on)


@cache
def _attachment_label() -> regex.Pattern[str]:
    return regex.compile(r"^附件\s*[0-9０-９]*\s*[：:]?")


@cache
def _attachment_numbers() -> regex.Pattern[str]:
    return regex.compile(r"(?:^|[\s；;]+)[0-9０-９]{1,2}[.．、]")


def _attachment_titles(line: str) -> list[str]:
    """附件：1.甲 2.乙 → [甲, 乙]."""
    text = _attachment_label().sub("", line).strip(_BLANKS)
    pieces = _attachment_numbers().split(text)
    return [piece.strip(_BLANKS + "；;。") for piece in pieces if piece.strip(_BLANKS + "；;。")]
