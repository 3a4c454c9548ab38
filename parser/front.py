"""The front matter at the start of a document's body (GB/T 9704 7.2): the
文号 and the 主送机关, taken out of the text where they stand at its start, and
the 版头's 份号, 密级, 紧急程度 and 签发人 (above the title or at the body's start).

A 文号 is normalised to ``AGENCY〔YYYY〕N号`` (any of 〔〕 [] ［］ ﹝﹞ 【】 () （）
around the year, blanks inside dropped) and also given parsed.
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

import regex

from wpclean.parser.tables import ADDRESSEE_ENDINGS, CLASSIFICATIONS, MAX_ADDRESSEE_CHARS, URGENCIES
from wpclean.schemas import DocNumberParts, trusted

_BLANKS = " \t\u3000\xa0"


class Front(NamedTuple):
    doc_number: str | None
    parts: DocNumberParts | None
    addressees: str | None
    rest: str  # the paragraph's text after them


@cache
def _doc_number() -> regex.Pattern[str]:
    """A 文号, optionally in brackets: 国办发〔2018〕123号, 冀科政﹝2013﹞12号, 国令第711号, （皖开放办〔2022〕6号）."""
    blank = r"[ \t\u3000\xa0]*"
    year = rf"[〔\[［【﹝(（]{blank}(?P<year>\d{{4}}){blank}[〕\]］】﹞)）]"
    serial = rf"{blank}(?P<serial>\d{{1,4}}){blank}号"
    agency = r"(?P<agency>\p{Han}{1,12}?)"
    return regex.compile(
        rf"(?P<open>[（(【\[［])?{blank}(?:{agency}{blank}{year}{serial}|(?P<order>\p{{Han}}{{1,8}}?令){blank}第{serial})"
        rf"(?(open){blank}[）)】\]］]|)"
    )


def parse_doc_number(text: str) -> tuple[str, DocNumberParts] | None:
    """The normalised 文号 and its parts, when ``text`` is one.

    >>> parse_doc_number("国办发［2018］123号")
    ('国办发〔2018〕123号', DocNumberParts(agency_code='国办发', year=2018, serial=123))
    >>> parse_doc_number("国令第711号")[0], parse_doc_number("国发 〔2011〕 35 号")[0]
    ('国令第711号', '国发〔2011〕35号')
    """
    match = _doc_number().fullmatch(text.strip(_BLANKS))
    return _normalised(match) if match else None


def _normalised(match: regex.Match[str]) -> tuple[str, DocNumberParts]:
    written = match.group("serial")  # as written: 国科发政字〔2000〕063号 keeps its 0
    serial = int(written)
    if match.group("order"):
        agency = match.group("order")
        return f"{agency}第{written}号", trusted(DocNumberParts, agency_code=agency, year=None, serial=serial)
    agency, year = match.group("agency"), int(match.group("year"))
    return f"{agency}〔{year}〕{written}号", trusted(DocNumberParts, agency_code=agency, year=year, serial=serial)


@cache
def _bracketed_at_end() -> regex.Pattern[str]:
    return regex.compile(r"[（(]([^（）()]{4,30})[）)]$")


def doc_number_in_title(title: str) -> tuple[str, DocNumberParts] | None:
    """The 文号 a title ends with in brackets, as pages write it when the document's own lines do not.

    >>> doc_number_in_title("某局行政处罚信息公开表（浙金罚决字〔2024〕52号）")[0]
    '浙金罚决字〔2024〕52号'
    >>> doc_number_in_title("某局食品安全监督抽检信息通告（2020年第10期）") is None
    True
    """
    title = title.rstrip(_BLANKS)
    if not title.endswith(("）", ")")):  # the pattern ends there: one test instead of a search
        return None
    match = _bracketed_at_end().search(title)
    return parse_doc_number(match.group(1)) if match else None


def find_doc_number(paragraphs: list[str], within: int = 6) -> tuple[str, DocNumberParts] | None:
    """A 文号 standing alone in one of the first paragraphs, or before the 主送机关 (left where it is).

    >>> find_doc_number(["包头市人民政府办公室关于印发…的通知", "包府办发〔2022〕43号", "各旗、县、区："])[0]
    '包府办发〔2022〕43号'
    >>> find_doc_number(["根据国发〔2007〕37号文件精神，现通知如下。"]) is None
    True
    >>> find_doc_number(["某某厅", "关于…的通知", "冀办发〔2016〕49号各市人民政府：现将…"])[0]
    '冀办发〔2016〕49号'
    """
    for paragraph in paragraphs[:within]:
        found = parse_doc_number(paragraph)
        if found:
            return found
        front = split_front(paragraph)
        if front.doc_number and front.parts and front.addressees:
            return front.doc_number, front.parts
    return None


def split_front(paragraph: str) -> Front:
    """The 文号 and 主送机关 the body's first paragraph starts with, and its text after them.

    >>> split_front("国发〔2007〕37号各省、自治区、直辖市人民政府，国务院各部委：现将…")
    Front(doc_number='国发〔2007〕37号', parts=DocNumberParts(agency_code='国发', year=2007, serial=37), \
addressees='各省、自治区、直辖市人民政府，国务院各部委', rest='现将…')
    >>> split_front("为贯彻落实有关要求，现通知如下：").addressees is None
    True
    """
    doc_number = parts = None
    rest = paragraph.lstrip(_BLANKS)
    match = _doc_number().match(rest)
    if match and not _continues_word(rest, match.end()):
        doc_number, parts = _normalised(match)
        rest = rest[match.end() :].lstrip(_BLANKS)
    addressees, rest = _split_addressees(rest)
    return Front(doc_number, parts, addressees, rest)


def _continues_word(text: str, end: int) -> bool:
    """Whether a 文号 is only the start of a reference (国发〔2007〕37号文件…)."""
    return text[end : end + 2] in ("文件", "文精")


@cache
def _addressee_line() -> regex.Pattern[str]:
    endings = "|".join(sorted(map(regex.escape, ADDRESSEE_ENDINGS), key=len, reverse=True))
    return regex.compile(
        rf"(?P<who>(?:各[^。！？；：:\n]{{1,{MAX_ADDRESSEE_CHARS}}}?|[^。！？；：:\n]{{1,{MAX_ADDRESSEE_CHARS}}}?(?:{endings})))"
        r"[ \t\u3000\xa0]*[：:]"
    )


@cache
def _not_addressees() -> regex.Pattern[str]:
    """Words a 主送 line never holds: a title or a sentence that ends in a colon."""
    return regex.compile(r"关于|《|通知|决定|意见")


@cache
def _first_stop() -> regex.Pattern[str]:
    """What ends a 主送 line's text: its colon, or a mark no 主送机关 holds (a quick test
    before :func:`_addressee_line`, whose lazy repetitions try every length up to the colon)."""
    return regex.compile(r"[。！？；：:\n]")


def _split_addressees(text: str) -> tuple[str | None, str]:
    """The 主送机关 a text starts with (up to its colon), and the rest.

    >>> _split_addressees("各市（含定州、辛集市）人民政府，省政府各部门：按照…")
    ('各市（含定州、辛集市）人民政府，省政府各部门', '按照…')
    """
    stop = _first_stop().search(text)
    if stop is None or stop.group() not in "：:":  # the line's colon must come before any 。！？；
        return None, text
    match = _addressee_line().match(text)
    if not match or "是" in match.group("who")[-2:] or _not_addressees().search(match.group("who")):
        return None, text
    return match.group("who").strip(_BLANKS), text[match.end() :].lstrip(_BLANKS)


class Masthead(NamedTuple):
    """The 版头's 份号, 密级, 紧急程度 and 签发人 (GB/T 9704 7.2)."""

    copy_number: str | None = None
    classification: str | None = None
    urgency: str | None = None
    signer: str | None = None


_NAME = r"\p{Han}{2,4}(?:[·•]\p{Han}{1,6})?"
_MASTHEAD_FIRST = "份密紧签绝机秘特加平0123456789"  # what a 版头 element starts with


@cache
def _masthead_token() -> regex.Pattern[str]:
    """One 版头 element, with or without its label: 份号 000123 (or six bare digits), 机密★1年, 特急,
    签发人：张三 李四.  It ends at a blank, the text's end or the next element; a signer's
    names end at a blank or the end (``签发人：温家宝各省…`` is not read); an element may also be
    glued to a 文号 after it (``特急国发〔2007〕37号``)."""
    blank = r"[ \t\u3000\xa0]"
    levels = "|".join(CLASSIFICATIONS)
    urgent = "|".join(URGENCIES)
    term = rf"{blank}*★{blank}*(?:\d{{1,3}}(?:年|个月|月|天)|长期)?"
    names = rf"{_NAME}(?:(?:{blank}+|{blank}*[、，,]{blank}*){_NAME})*"
    return regex.compile(
        rf"{blank}*(?:份号{blank}*[：:]?{blank}*(?P<copy>\d{{1,6}})|(?P<bare>\d{{6}})"
        rf"|(?:密级{blank}*[：:]?{blank}*)?(?P<level>(?:{levels})(?:{term})?)"
        rf"|(?:紧急程度{blank}*[：:]?{blank}*)?(?P<urgent>{urgent})"
        rf"|签{blank}*发{blank}*人{blank}*[：:]{blank}*(?P<signer>{names})(?={blank}|$))"
        rf"{blank}*(?=$|份号|密级|紧急程度|签{blank}*发|{levels}|{urgent}|\p{{Han}}{{1,12}}?{blank}*[〔\[［【﹝(（]{blank}*\d{{4}})"
    )


def _masthead_elements(text: str, start: int = 0, stop: int | None = None) -> tuple[dict[str, str], int]:
    """The 版头 elements standing one after another from ``start``, and where they end.

    >>> _masthead_elements("机密★1年特急国发〔2007〕37号")
    ({'level': '机密★1年', 'urgent': '特急'}, 7)
    """
    found: dict[str, str] = {}
    at = start
    end = len(text) if stop is None else stop
    pattern = _masthead_token()
    while at < end:
        match = pattern.match(text, at, end)
        if match is None or match.end() == at:
            break
        elements = {name: value for name, value in match.groupdict().items() if value is not None}
        if _twice(found, elements):
            break  # an element twice: what follows is not the 版头
        found.update(elements)
        at = match.end()
    return found, at


def _twice(found: dict[str, str], elements: dict[str, str]) -> bool:
    """Whether ``elements`` name a field ``found`` has already (a bare 份号 is a 份号)."""
    fields = {"copy" if name == "bare" else name for name in found}
    return any(("copy" if name == "bare" else name) in fields for name in elements)


def _masthead_line(text: str) -> dict[str, str] | None:
    """The 版头 elements of a paragraph made of nothing else, or None.

    >>> _masthead_line("份号 000123　机密★1年"), _masthead_line("签发人：张三 李四")
    ({'copy': '000123', 'level': '机密★1年'}, {'signer': '张三 李四'})
    >>> _masthead_line("秘密文件的管理"), _masthead_line("特急事特办。"), _masthead_line("2019")
    (None, None, None)
    """
    if not _may_start_masthead(text.lstrip(_BLANKS)):
        return None
    stop = len(text.rstrip(_BLANKS))
    found, end = _masthead_elements(text, 0, stop)
    return found if found and end >= stop else None


def _may_start_masthead(text: str) -> bool:
    """Whether ``text`` may start with a 版头 element (a quick test before the pattern: six
    digits, or the first character of a label or a word).

    >>> _may_start_masthead("000123　机密"), _may_start_masthead("1.加强领导"), _may_start_masthead("特急")
    (True, False, True)
    """
    first = text[:1]
    if first.isdigit():
        return len(text) >= 6 and text[:6].isdigit() and not text[6:7].isdigit()
    return bool(first) and first in _MASTHEAD_FIRST


def _as_masthead(found: dict[str, str]) -> Masthead:
    signer = found.get("signer")
    return Masthead(
        copy_number=found.get("copy") or found.get("bare"),
        classification=found.get("level"),
        urgency=found.get("urgent"),
        signer=" ".join(signer.split()) if signer else None,
    )


def _take_run(lines: list[str], within: int) -> tuple[dict[str, str], int]:
    """The 版头 elements of the leading lines made of nothing else, and how many lines they take.
    A bare six-digit 份号 counts only in a run with a 密级 (GB/T 9704: 涉密公文 carry one).

    >>> _take_run(["000123", "机密", "正文。"], 4), _take_run(["201901", "正文。"], 4)
    (({'bare': '000123', 'level': '机密'}, 2), ({}, 0))
    """
    found: dict[str, str] = {}
    taken = 0
    for line in lines[:within]:
        elements = _masthead_line(line)
        if elements is None or _twice(found, elements):
            break
        found.update(elements)
        taken += 1
    if "bare" in found and "level" not in found:
        first = next(i for i, line in enumerate(lines) if "bare" in (_masthead_line(line) or {}))
        return _take_run(lines[:first], within)
    return found, taken


class TopLines(NamedTuple):
    """What the 版头 lines above a text's title say, and the text after them."""

    masthead: Masthead
    doc_number: str | None  # as written: the line 文号　签发人：… under the 版头
    text: str


def split_masthead_lines(text: str, within: int = 4) -> TopLines:
    """The 版头 lines a text starts with, above its title (份号, 密级, 紧急程度, and a
    文号 line with its 签发人 under them), and the text after them.

    >>> top = split_masthead_lines("000123\\n机密★1年\\n特急\\n国发〔2007〕37号　签发人：温家宝\\n关于某事的请示\\n正文。")
    >>> top.masthead, top.doc_number, top.text
    (Masthead(copy_number='000123', classification='机密★1年', urgency='特急', signer='温家宝'), \
'国发〔2007〕37号', '关于某事的请示\\n正文。')
    >>> split_masthead_lines("特急事项的通知\\n正文。").masthead == Masthead()
    True
    """
    head = text[:200]
    first = len(head) - len(head.lstrip(_BLANKS + "\n"))
    if not _may_start_masthead(text[first : first + 8]):
        return TopLines(Masthead(), None, text)
    ends = _line_ends(text, first, within * 2)  # the leading lines only: the text is never split whole
    lines = [text[start:end] for start, end in zip([first, *[e + 1 for e in ends[:-1]]], ends)]
    filled = [index for index, line in enumerate(lines) if line.strip(_BLANKS)]
    found, taken = _take_run([lines[index] for index in filled], within)
    if not taken:
        return TopLines(Masthead(), None, text)
    doc_number = None
    if taken < len(filled) and "signer" not in found:
        line = lines[filled[taken]].strip(_BLANKS)
        number = _doc_number().match(line)
        if number and number.group("open") is None:
            tail = _masthead_line(line[number.end() :]) if line[number.end() :].strip(_BLANKS) else {}
            if tail is not None and set(tail) <= {"signer"}:
                found.update(tail)
                doc_number = line[: number.end()]
                taken += 1
    rest = text[ends[filled[taken - 1]] + 1 :].lstrip(_BLANKS + "\n")
    return TopLines(_as_masthead(found), doc_number, rest)


def _line_ends(text: str, start: int, most: int) -> list[int]:
    """Where the first ``most`` lines from ``start`` end (the last may be the text's end).

    >>> _line_ends("a\\nbb\\nc", 0, 5), _line_ends("a\\nbb\\nc", 0, 1)
    ([1, 4, 6], [1])
    """
    ends = []
    at = start
    while len(ends) < most and at <= len(text):
        end = text.find("\n", at)
        if end < 0:
            ends.append(len(text))
            break
        ends.append(end)
        at = end + 1
    return ends


def take_masthead(paragraphs: list[str], within: int = 6) -> Masthead:
    """Take the 版头 elements out of a document's first paragraphs (``paragraphs`` is changed).

    They are the paragraphs it starts with that hold nothing else, the same
    elements glued before a 文号 (``机密★1年特急国发〔2007〕37号…``), and a
    签发人 after the 文号 (on its line, or the next paragraph).

    >>> paragraphs = ["机密★1年", "特急", "国发〔2007〕37号　签发人：温家宝", "各省人民政府："]
    >>> take_masthead(paragraphs), paragraphs
    (Masthead(copy_number=None, classification='机密★1年', urgency='特急', signer='温家宝'), ['国发〔2007〕37号', '各省人民政府：'])
    >>> paragraphs = ["为确保秘密不外泄，特急事特办。"]
    >>> take_masthead(paragraphs) == Masthead(), paragraphs
    (True, ['为确保秘密不外泄，特急事特办。'])
    """
    if not paragraphs or not any(_may_start_masthead(p) or "签" in p[:60] for p in paragraphs[:within]):
        return Masthead()
    found, taken = _take_run(paragraphs, within)
    del paragraphs[:taken]
    if paragraphs and _may_start_masthead(paragraphs[0]):
        glued, end = _masthead_elements(paragraphs[0])
        bare_alone = "bare" in glued and "level" not in glued and "level" not in found
        if glued and not bare_alone and _starts_with_doc_number(paragraphs[0], end) and not _twice(found, glued):
            found.update(glued)
            paragraphs[0] = paragraphs[0][end:]
    if paragraphs and "signer" not in found:
        first = paragraphs[0]
        number = _doc_number().match(first)
        if number and not _continues_word(first, number.end()):
            tail = first[number.end() :]
            elements = _masthead_line(tail) if tail.strip(_BLANKS) else None
            if elements is not None and set(elements) == {"signer"}:
                found.update(elements)
                paragraphs[0] = first[: number.end()]
            elif not tail.strip(_BLANKS) and len(paragraphs) > 1:
                elements = _masthead_line(paragraphs[1])
                if elements is not None and set(elements) == {"signer"}:
                    found.update(elements)
                    del paragraphs[1]
    return _as_masthead(found)


def _starts_with_doc_number(text: str, at: int) -> bool:
    """Whether a 文号 (not in brackets, not the start of a reference) stands at ``at``.

    >>> _starts_with_doc_number("特急国发〔2007〕37号各省：", 2), _starts_with_doc_number("秘密会议", 2)
    (True, False)
    """
    number = _doc_number().match(text, at)
    return bool(number) and number.group("open") is None and not _continues_word(text, number.end())
