"""The front matter at the start of a document's body (GB/T 9704 7.2): the
文号 and the 主送机关, taken out of the text where they stand at its start.

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
    match = _bracketed_at_end().search(title.rstrip(_BLANKS))
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


def _split_addressees(text: str) -> tuple[str | None, str]:
    """The 主送机关 a text starts with (up to its colon), and the rest.

    >>> _split_addressees("各市（含定州、辛集市）人民政府，省政府各部门：按照…")
    ('各市（含定州、辛集市）人民政府，省政府各部门', '按照…')
    """
    match = _addressee_line().match(text)
    if not match or "是" in match.group("who")[-2:] or regex.search(r"关于|《|通知|决定|意见", match.group("who")):
        return None, text
    return match.group("who").strip(_BLANKS), text[match.end() :].lstrip(_BLANKS)


class Masthead(NamedTuple):
    """The 版头's 签发人, 密级 and 紧急程度 (GB/T 9704 7.2), read where they stand (left in the text)."""

    signer: str | None
    classification: str | None
    urgency: str | None


@cache
def _masthead() -> regex.Pattern[str]:
    levels = "|".join(CLASSIFICATIONS)
    urgent = "|".join(URGENCIES)
    return regex.compile(
        rf"签发人[ \t\u3000\xa0]*[：:][ \t\u3000\xa0]*(?P<signer>\p{{Han}}{{2,4}}(?:[、，,]\p{{Han}}{{2,4}})*)"
        rf"|(?<![\p{{Han}}])(?P<level>{levels})(?:[ \t\u3000\xa0]*★[^\s，。]{{0,8}})?(?![\p{{Han}}])"
        rf"|(?<![\p{{Han}}])(?P<urgent>{urgent})(?![\p{{Han}}])"
    )


def read_masthead(paragraphs: list[str], within: int = 4) -> Masthead:
    """签发人, 密级 and 紧急程度 from the first paragraphs, where a 版头 prints them.

    >>> read_masthead(["机密★1年", "特急", "国发〔2007〕37号　　签发人：温家宝", "各省："])
    Masthead(signer='温家宝', classification='机密★1年', urgency='特急')
    >>> read_masthead(["为确保秘密不外泄，特急事特办。"])
    Masthead(signer=None, classification=None, urgency=None)
    """
    found: dict[str, str] = {}
    for paragraph in paragraphs[:within]:
        for match in _masthead().finditer(paragraph[:200]):
            for name in ("signer", "level", "urgent"):
                if match.group(name) and name not in found:
                    found[name] = match.group(0) if name == "level" else match.group(name)
    return Masthead(found.get("signer"), found.get("level"), found.get("urgent"))
