"""Who does what, by when: the units, deadline, targets and citations a task's text names.

Plans that assign work write it in a handful of forms, which these pure
functions read (the words they look for are in ``data/assignments.json``):

- units: a parenthetical after a sentence or item (``（省商务厅牵头，合肥海关配合）``,
  ``（责任单位：市教育局、各区政府）``), a labelled clause (``牵头单位：…``), or a
  sentence's subject after 由 (``由市发展改革委负责``).  Units are split on 、，及 only,
  so an agency stays whole; a clause that does not read as a list of agencies gives none.
- deadlines: ``2022年底前``, ``5月底前``, ``2023年6月30日前``; in an assignment
  parenthetical also ``6月底完成`` or a standing form (``持续推进``, ``每年``).
- targets: a quantity after a verb that sets it (``达到90%``, ``新增3.1万个``), with the
  year named before it in its sentence; its number in ASCII or full-width digits.
- citations: ``《…》`` titles and 文号, with their role when the words say it.

Nothing is made up: every name, deadline and target is a piece of the text it was read from.

>>> found = read_assignment("加快平台建设，2022年底前建成。（省商务厅牵头，合肥海关配合）")
>>> [(unit.name, unit.role) for unit in found.units], found.deadline.text, str(found.deadline.date)
([('省商务厅', 'lead'), ('合肥海关', 'partner')], '2022年底前', '2022-12-31')
"""

from __future__ import annotations

import calendar
import json
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from datetime import date
from functools import cache, lru_cache
from itertools import accumulate
from pathlib import Path
from typing import NamedTuple

import regex

from wpclean.schemas import Item, Plan, Section
from wpclean.schemas.assignments import Citation, Deadline, Target, Unit
from wpclean.schemas.trusted import trusted_in_order

_WORDS_FILE = Path(__file__).parent / "data" / "assignments.json"
_OPEN, _CLOSE = "（", "）"
_READ_CACHE_SIZE = 4096  # parentheticals and deadlines remembered (a few hundred bytes each)


class Assignment(NamedTuple):
    """What one piece of text says about a task."""

    units: list[Unit]
    deadline: Deadline | None
    targets: list[Target]
    citations: list[Citation]


EMPTY = Assignment([], None, [], [])

_made = tuple.__new__  # ``_made(Assignment, (…))`` is ``Assignment(…)`` without its __new__ in Python (a frame a call)


@cache
def _words() -> dict:
    return json.loads(_WORDS_FILE.read_text(encoding="utf-8"))


def _alternation(words: list[str]) -> str:
    """A regex alternation of ``words``, longest first (so 按职责分工负责 wins over 负责)."""
    return "|".join(regex.escape(word) for word in sorted(words, key=len, reverse=True))


# --- units -------------------------------------------------------------------------------


@cache
def _parenthetical() -> regex.Pattern[str]:
    return regex.compile(r"（((?:[^（）]++|（(?1)）)*)）")


@cache
def _flat_parenthetical() -> re.Pattern[str]:
    """A parenthetical with none inside it (nor the character that joins a document's texts)."""
    return re.compile(r"（([^（）\x00]*)）")


@cache
def _open_not_flat() -> re.Pattern[str]:
    """A （ that opens no :func:`_flat_parenthetical`: it holds another, or is never closed."""
    return re.compile(r"（(?![^（）\x00]*）)")


def _parentheticals(text: str) -> list[re.Match[str]] | list[regex.Match[str]]:
    """The outermost balanced （…） of ``text``, in order (group 1: what is inside).

    When every （ opens one with no （ inside (as many of those as （ in the text), none
    holds another, and the standard library's re has found them all, faster than the
    recursive pattern that reads the others.

    >>> [match.group(1) for match in _parentheticals("甲（乙）丙（丁（戊）己）（庚")]
    ['乙', '丁（戊）己']
    """
    found = list(_flat_parenthetical().finditer(text))
    if len(found) == text.count(_OPEN):
        return found
    return list(_parenthetical().finditer(text))


@cache
def _longest_first(table: str) -> tuple[str, ...]:
    """The words of a table of ``data/assignments.json``, longest first."""
    return tuple(sorted(_words()[table], key=len, reverse=True))


def _role_ending(clause: str) -> str | None:
    """The role word ``clause`` ends with (the longest), if any.

    >>> _role_ending("财政部、税务总局按职责分工负责"), _role_ending("省政府")
    ('按职责分工负责', None)
    """
    for word in _role_words_by_last().get(clause[-1:], ()):  # longest first
        if clause.endswith(word):
            return word
    return None


@cache
def _role_words_by_last() -> dict[str, tuple[str, ...]]:
    """The role words (longest first) by their last character."""
    by_last: dict[str, tuple[str, ...]] = {}
    for word in _longest_first("role_words"):
        by_last[word[-1]] = (*by_last.get(word[-1], ()), word)
    return by_last


def _label_start(clause: str) -> str | None:
    """The label ``clause`` starts with, colon included (``责任单位：``), if any."""
    # no label holds a colon: a label the clause starts with is all of it before its first colon
    if "：" not in clause and ":" not in clause:  # (an ``in`` costs a fifth of a ``find``)
        return None
    wide, narrow = clause.find("："), clause.find(":")
    colon = wide if narrow < 0 or 0 <= wide < narrow else narrow
    if colon > 0 and clause[:colon] in _words()["labels"]:
        return clause[: colon + 1]
    return None


@cache
def _label_anywhere() -> regex.Pattern[str]:
    return regex.compile(rf"(?:{_alternation(list(_words()['labels']))})[：:]([^。；;\n]+)")


@cache
def _subject() -> regex.Pattern[str]:
    openers = _alternation(_words()["subject_openers"])
    roles = _alternation([word for word, role in _words()["role_words"].items() if role in ("lead", "responsible")])
    partners = _alternation([word for word, role in _words()["role_words"].items() if role == "partner"])
    return regex.compile(
        rf"(?:{openers})(?P<units>[^，。；：:\n（）由]{{2,120}}?)(?P<role>{roles})"
        rf"(?:，(?P<partners>[^，。；：:\n（）]{{2,120}}?)(?P<partner_role>{partners}))?"
    )


@cache
def _unit_shape() -> re.Pattern[str]:
    """Han characters (a bracketed 市、区 or Latin letters inside allowed: no digit among them)."""
    return re.compile(r"[\u3400-\u9fff][\u3400-\u9fff（）、A-Za-z]*")


@cache
def _not_in_unit() -> re.Pattern[str]:
    """A word that makes a clause of a name (要, 需, 以下)."""
    return re.compile(_alternation(_words()["not_in_unit"]))


@cache
def _unit_endings() -> tuple[str, ...]:
    return _longest_first("unit_suffixes")


@cache
def _separators(separators: str) -> re.Pattern[str]:
    return re.compile("[" + re.escape(separators) + "]")


def split_top(text: str, separators: str) -> list[str]:
    """``text`` split at any character of ``separators`` outside （）.

    >>> split_top("各县（市、区）政府、省财政厅", "、")
    ['各县（市、区）政府', '省财政厅']
    """
    if _OPEN not in text:
        return _separators(separators).split(text)
    parts, depth, start = [], 0, 0
    for at, char in enumerate(text):
        if char == _OPEN:
            depth += 1
        elif char == _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and char in separators:
            parts.append(text[start:at])
            start = at + 1
    parts.append(text[start:])
    return parts


@cache
def _unit_separator() -> re.Pattern[str]:
    return re.compile(_alternation(_words()["unit_separators"]))


@cache
def _long_unit_separator() -> re.Pattern[str]:
    return re.compile(_alternation([word for word in _words()["unit_separators"] if len(word) > 1]) or "(?!)")


@cache
def _short_separators() -> str:
    return "".join(word for word in _words()["unit_separators"] if len(word) == 1)


def unit_names(text: str) -> list[str] | None:
    """The agencies a list names, whole as written; None when it is not a list of agencies.

    ``X等部门`` names X (the category after 等 is not one more unit); bare categories
    (有关部门) are left out.

    >>> unit_names("省发展改革委、省邮政局，各市政府及雄安新区管委会")
    ['省发展改革委', '省邮政局', '各市政府', '雄安新区管委会']
    >>> unit_names("省林业厅、省妇联等部门"), unit_names("以下任务均需各市县政府")
    (['省林业厅', '省妇联'], None)
    """
    parts = (
        _unit_separator().split(text)
        if _OPEN not in text
        else [piece for part in _long_unit_separator().split(text) for piece in split_top(part, _short_separators())]
    )
    names = []
    generic = _generic_units()
    for part in parts:
        name = part.strip()
        if "等" in name:  # (without one, _before_category gives the name back as it is)
            name = _before_category(name)
        if not name or name in generic:
            continue
        if not _is_unit(name):
            return None
        names.append(name)
    return names or None


@cache
def _generic_units() -> frozenset[str]:
    return frozenset(_words()["generic_units"])


def _before_category(name: str) -> str:
    """``X等部门`` → X: the category after a last 等 is not one more unit (but 高等学校 keeps its 等).

    >>> _before_category("省妇联等部门"), _before_category("省属高等学校"), _before_category("体育总局等国务院相关部门")
    ('省妇联', '省属高等学校', '体育总局')
    """
    head, separator, tail = name.rpartition("等")
    if separator and head and _is_unit(head) and (tail in _words()["generic_units"] or _is_unit(tail)):
        return head
    return name


@lru_cache(maxsize=_READ_CACHE_SIZE)
def _is_unit(name: str) -> bool:
    """A name that reads as an agency: short, ending as agencies do, with no verb or number in it.
    Remembered: a plan names the same agencies in many of its lists (on a page of ministries'
    lists, three tests in four are of a name seen before).

    >>> _is_unit("省发展改革委"), _is_unit("国家金融监督管理总局河北监管局"), _is_unit("省发展")
    (True, True, False)
    """
    endings_by_last, most, shape, stop = _unit_tests()
    endings = endings_by_last.get(name[-1:])  # only the endings that end as the name does
    return (
        endings is not None
        and len(name) <= most
        and name.endswith(endings)
        and shape(name) is not None
        and stop(name) is None
    )


@cache
def _unit_tests() -> tuple[dict[str, tuple[str, ...]], int, Callable, Callable]:
    """What :func:`_is_unit` tests, fetched at once: the agency endings by their last character,
    the longest name, the shape's fullmatch and the search for a word no name holds."""
    endings_by_last: dict[str, tuple[str, ...]] = {}
    for ending in _unit_endings():
        endings_by_last[ending[-1]] = (*endings_by_last.get(ending[-1], ()), ending)
    return endings_by_last, _words()["max_unit_chars"], _unit_shape().fullmatch, _not_in_unit().search


def parenthetical_units(body: str) -> tuple[tuple[Unit, ...], tuple[str, ...]]:
    """The units an assignment parenthetical's text names, and its clauses that say when.

    Its clauses' readings and units are remembered (:func:`_clause`, :func:`_unit`; the units
    are frozen, so plans may share them), and so is a whole parenthetical's
    (:func:`_assignment_parenthetical`): a plan repeats the same parenthetical
    (``（持续推进，牵头考核单位：市工信局）``) for many of its tasks, and the same clauses more.

    Clauses are read in order: ``LABEL：units`` gives the label's role to its units
    and to the unit lists that follow it; ``units ROLE`` gives the role to its units
    and to the unit lists before it that have none yet.

    >>> units, when = parenthetical_units("5月底前完成，牵头考核单位：市审批服务局、市工信局")
    >>> [(unit.name, unit.role) for unit in units], when
    ([('市审批服务局', 'assessor'), ('市工信局', 'assessor')], ('5月底前完成',))
    >>> units, _ = parenthetical_units("省发展改革委、省公安厅，各市政府，雄安新区管委会负责")
    >>> [unit.name for unit in units], {unit.role for unit in units}
    (['省发展改革委', '省公安厅', '各市政府', '雄安新区管委会'], {'responsible'})
    >>> parenthetical_units("包括牵头单位自身")
    ((), ())
    """
    units, when, _ = _units_and_when(body)
    return tuple(units), tuple(when)


def _units_and_when(body: str) -> tuple[list[Unit], list[str], int]:
    """:func:`parenthetical_units` as lists, and how many clauses ``body`` has."""
    units: list[Unit] = []
    pending: list[str] = []
    when: list[str] = []
    label_role: str | None = None
    clauses = _clauses_of(body)
    for raw in clauses:
        clause, labelled, ending, names, says_when, own = _clause(raw)
        if labelled:
            label_role = labelled
        if names and (ending or label_role):
            if own and not pending:  # the clause gives its units their role itself (most)
                units += own
            else:
                role = _words()["role_words"][ending] if ending else label_role
                units.extend(_unit(name, role) for name in [*pending, *names])
            pending = []
        elif names and not labelled and not ending:
            pending.extend(names)
        elif says_when:
            when.append(clause)
            pending = []
        else:
            pending, label_role = [], None
    return units, when, len(clauses)


class _Clause(NamedTuple):
    """One clause of a parenthetical, read once (a plan repeats its clauses more than its parentheticals)."""

    text: str  # stripped, its label cut off
    label_role: str | None  # the role of the label it starts with
    ending: str | None  # the role word it ends with (not read after a label)
    names: tuple[str, ...] | None  # the units it names, if it reads as a list of them
    says_when: bool  # a clause that names no units and says by when
    units: tuple[Unit, ...]  # its names as Units when the clause itself gives their role (a label or a role word)


_CLAUSE_MARKS = "，；。,;"  # what ends a parenthetical's clause


def _clauses_of(body: str) -> list[str]:
    """``split_top(body, _CLAUSE_MARKS)``; by ``str.split`` when the body holds only ， of those marks (most do).

    >>> _clauses_of("6月底完成，牵头考核单位：市公安局"), _clauses_of("甲；乙，丙")
    (['6月底完成', '牵头考核单位：市公安局'], ['甲', '乙', '丙'])
    """
    # one ``in`` a mark: a set's isdisjoint(body) would make a string of each character, and cost more
    if _OPEN in body or ";" in body or "；" in body or "。" in body or "," in body:
        return split_top(body, _CLAUSE_MARKS)
    return body.split("，")


@lru_cache(maxsize=_READ_CACHE_SIZE)
def _clause(raw: str) -> _Clause:
    """What one clause of a parenthetical says.

    >>> _clause(" 牵头考核单位：市工信局")[:5]
    ('市工信局', 'assessor', None, ('市工信局',), False)
    """
    clause = raw.strip()
    labels, role_words, any_digit = _clause_tables()
    label_role = ending = None
    label = _label_start(clause)
    if label:
        label_role = labels[label[:-1]]
        clause = clause[len(label) :]
    else:
        ending = _role_ending(clause)
    listed = clause[: -len(ending)] if ending else clause
    # a digit is in no agency's name, so unit_names finds no list in a clause that holds one; the
    # clauses that say when (5月底完成) are not read as lists at all, the others without the digits' search
    says_time = "月" in listed or "年" in listed
    names = unit_names(listed) if listed and not (says_time and any_digit(listed)) else None
    if names:
        role = role_words[ending] if ending else label_role
        own = tuple([_unit(name, role) for name in names]) if role else ()
        return _made(_Clause, (clause, label_role, ending, tuple(names), False, own))
    return _made(_Clause, (clause, label_role, ending, None, _is_deadline_clause(clause), ()))


@cache
def _clause_tables() -> tuple[dict[str, str], dict[str, str], Callable]:
    """What :func:`_clause` reads, fetched at once: the labels' and the role words' roles, and the search for a digit."""
    return _words()["labels"], _words()["role_words"], _any_digit().search


@lru_cache(maxsize=_READ_CACHE_SIZE)
def _assignment_parenthetical(body: str, year: int | None) -> tuple[tuple[Unit, ...], Deadline | None] | None:
    """The units and deadline a parenthetical's ``body`` gives its task; None when it is not an
    assignment parenthetical (it names no unit, and not only when: ``（0.5分）``, ``（以下简称…）``).

    >>> _assignment_parenthetical("6月底完成，牵头考核单位：市公安局", 2022)
    ((Unit(name='市公安局', role='assessor'),), Deadline(text='6月底完成', date=datetime.date(2022, 6, 30)))
    >>> _assignment_parenthetical("0.5分", 2022), _assignment_parenthetical("包括牵头单位自身", 2022)
    (None, None)
    """
    if "月" not in body and _hint("parenthetical").search(body) is None:
        return None  # (月 is one of the hint's words: a body with it needs no search)
    units, when, clauses = _units_and_when(body)
    if not units and not (when and len(when) == clauses):
        return None
    # each (name, role) once, as every reader of a parenthetical keeps them
    named = tuple(_unique(units)) if len(units) > 1 else tuple(units)
    return named, _deadline(when[0], year) if when else None


@lru_cache(maxsize=_READ_CACHE_SIZE)
def _deadline(text: str, year: int | None) -> Deadline:
    """One Deadline per text and year (frozen, so plans share them)."""
    return trusted_in_order(Deadline, {"text": text, "date": deadline_date(text, year)})


@cache
def _any_digit() -> re.Pattern[str]:
    return re.compile(r"\d")


def _has_label_colon(text: str) -> bool:
    """Whether a label stands right before a colon in ``text`` (what :func:`_label_anywhere` needs), by a
    ``find`` per colon, far cheaper than that search over the whole text.

    >>> _has_label_colon("日常监测：根据各部门的情况"), _has_label_colon("根据各部门、单位；牵头单位：市工信局")
    (False, True)
    """
    for colon in "：:":
        at = text.find(colon)
        while at >= 0:
            if text.endswith(_label_words(), 0, at):
                return True
            at = text.find(colon, at + 1)
    return False


@cache
def _label_words() -> tuple[str, ...]:
    return tuple(_words()["labels"])


@lru_cache(maxsize=_READ_CACHE_SIZE)
def _unit(name: str, role: str) -> Unit:
    """One Unit per name and role (frozen, so plans share them)."""
    return trusted_in_order(Unit, {"name": name, "role": role})


def _text_units(text: str, subject: bool = True) -> Iterator[tuple[int, Unit]]:
    """Units named outside parentheticals: labelled clauses and 由… subjects, with their offsets
    (``subject=False``: the caller knows there is no 由… subject)."""
    roles, labels = _words()["role_words"], _words()["labels"]
    for match in _label_anywhere().finditer(text) if _has_label_colon(text) else ():
        role = labels[match.group().partition("：")[0].partition(":")[0]]
        for name in unit_names(match.group(1)) or []:
            yield match.start(), _unit(name, role)
    for match in _subject().finditer(text) if subject and "由" in text else ():
        names = unit_names(match.group("units"))
        if not names:
            continue
        for name in names:
            yield match.start(), _unit(name, roles[match.group("role")])
        if match.group("partners"):
            for name in unit_names(match.group("partners")) or []:
                yield match.start("partners"), _unit(name, roles[match.group("partner_role")])


# --- deadlines ---------------------------------------------------------------------------


@cache
def _time_in_text() -> re.Pattern[str]:
    """A deadline in running text: a year, month or day, with 前 (a match that continues a longer
    number is dropped by the caller).

    It opens with one class, a digit or 年, and each branch looks back at that first character:
    re skips to the characters of a class that starts a pattern, but not to the starts of
    branches that do not open with a literal (a 300-character text searched 3.6x faster).

    >>> [m.group() for m in _time_in_text().finditer("2023年6月30日前，5月底之前，年底前，2019年3月")]
    ['2023年6月30日前', '5月底之前', '年底前']
    """
    before = "(?:前|之前|以前)"
    return re.compile(
        rf"[\d年](?:(?<=\d)\d{{3}}年(?:\d{{1,2}}月(?:\d{{1,2}}日)?)?底?{before}"
        rf"|(?<=\d)\d?月(?:\d{{1,2}}日)?底?{before}|(?<=年)底前)"
    )


@cache
def _time_in_clause() -> re.Pattern[str]:
    """A time a parenthetical clause names: a day, a month, or a year's end (a bare year is not one)."""
    return re.compile(r"\d{1,2}月|\d{4}年底|\d{4}年(?:前|之前|以前)|年底")


def _is_deadline_clause(clause: str) -> bool:
    """A clause that says by when: a time (not one followed by 后, which says since when) or a standing form.

    >>> _is_deadline_clause("6月底前完成"), _is_deadline_clause("持续推进"), _is_deadline_clause("1989年6月1日后出生")
    (True, True, False)
    """
    if not clause or ("后" in clause and _time_after().search(clause)):
        return False
    if ("月" in clause or "年" in clause) and _time_in_clause().search(clause):
        return True
    return clause.startswith(_word_tuple("standing_deadlines"))


@cache
def _time_after() -> re.Pattern[str]:
    return re.compile(r"[\d日月年](?:以后|之后|后)")


@cache
def _day_named() -> re.Pattern[str]:
    return re.compile(
        r"(?<!\d)(?:(?:(?P<year>\d{4})年)?(?P<month>\d{1,2})月(?:份)?(?:(?P<day>\d{1,2})日)?(?P<month_end>底)?"
        r"|(?P<year_of_end>\d{4})?年(?P<year_end>底))"
    )


@lru_cache(maxsize=_READ_CACHE_SIZE)
def deadline_date(text: str, year: int | None = None) -> date | None:
    """The day ``text``'s first time names: a day as written, the last day of a month
    written with 底, the 31 December of a year written with 底; a time without a year
    takes ``year`` (the plan's year, when one is known).  None when it names no single day.

    >>> deadline_date("2023年6月30日前"), deadline_date("2019年4月底前"), deadline_date("2017年底前")
    (datetime.date(2023, 6, 30), datetime.date(2019, 4, 30), datetime.date(2017, 12, 31))
    >>> deadline_date("5月底完成", 2022), deadline_date("5月底完成"), deadline_date("6月前", 2022), deadline_date("持续推进", 2022)
    (datetime.date(2022, 5, 31), None, None, None)
    """
    match = _day_named().search(text)
    if match is None:
        return None
    year_named, month, day, month_end, year_of_end, year_end = match.groups()  # the groups in their order
    year_of = int(year_named or year_of_end or 0) or year
    if year_of is None:
        return None
    try:
        if day:
            return date(year_of, int(month), int(day))
        if month and month_end:
            return _month_end(year_of, int(month))
        if year_end:
            return date(year_of, 12, 31)
    except ValueError:
        return None
    return None


def _month_end(year: int, month: int) -> date:
    """The last day of ``month`` (ValueError when there is no such month).

    >>> _month_end(2024, 2), _month_end(2023, 2), _month_end(2022, 12)
    (datetime.date(2024, 2, 29), datetime.date(2023, 2, 28), datetime.date(2022, 12, 31))
    """
    if not 1 <= month <= 12:
        raise ValueError(f"no month {month}")
    return date(year, month, 29 if month == 2 and calendar.isleap(year) else _MONTH_DAYS[month - 1])


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def text_deadline(text: str, year: int | None = None) -> Deadline | None:
    """The first deadline running text sets (a time with 前).

    >>> text_deadline("于2019年4月底前完成清单修订，2019年6月底前公布。")
    Deadline(text='2019年4月底前', date=datetime.date(2019, 4, 30))
    >>> text_deadline("年底前完成全部改造任务", 2022)
    Deadline(text='年底前', date=datetime.date(2022, 12, 31))
    >>> text_deadline("2019年3月，召开会议。") is None
    True
    """
    first = _first_time_before(text)
    if first < 0:
        return None
    # every match ends with a 前 that follows what a time ends with, the first of them at ``first`` or later,
    # and starts at most _TIME_CHARS - 1 characters before its 前: none starts before this search's start
    for match in _time_in_text().finditer(text, max(0, first + 1 - _TIME_CHARS)):
        if match.start() == 0 or not text[match.start() - 1].isdigit():
            break
    else:
        return None
    return trusted_in_order(Deadline, {"text": match.group(), "date": deadline_date(match.group(), year)})


_TIME_ENDS = "年月日底"  # what a time ends with, right before its 前 (or 之前, 以前) in :func:`_time_in_text`
_TIME_CHARS = 14  # the longest match of :func:`_time_in_text` (2023年12月31日底之前; a test checks it)


def _first_time_before(text: str) -> int:
    """Where the first 前 in ``text`` that follows what a time ends with (年, 月, 日, 底; 之前, 以前 too)
    is; -1 without one: then :func:`_time_in_text` has no match, and its search (which tests a class at
    each character) is not needed; with one, no match ends before it.

    >>> _first_time_before("在保证市民隐私前提下"), _first_time_before("前5月底前完成"), _first_time_before("2019年以前")
    (-1, 4, 6)
    """
    at = text.find("前", 1)
    while at > 0:
        before = text[at - 1]
        if before in _TIME_ENDS or (before in "之以" and at > 1 and text[at - 2] in _TIME_ENDS):
            return at
        at = text.find("前", at + 1)
    return -1


def plan_year(title: str | None) -> int | None:
    """The year a plan is for, when its title names exactly one (a range names none).

    >>> plan_year("包头市2022年数字政府建设考评办法"), plan_year("行动方案（2023-2025年）"), plan_year(None)
    (2022, None, None)
    """
    if not title:
        return None
    years = set(_year().findall(title))
    if len(years) != 1 or _year_range().search(title):
        return None
    return int(years.pop())


@cache
def _year() -> re.Pattern[str]:
    return re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


@cache
def _year_range() -> re.Pattern[str]:
    return re.compile(r"\d{4}\s*[-—–－至到~]\s*\d{4}")


# --- targets -----------------------------------------------------------------------------


_DIGIT_RANGES = "0-9０-９"  # the digits of a target's number: ASCII and full-width (as the parser reads numbers)
_DIGIT = f"[{_DIGIT_RANGES}]"
_FULL_WIDTH_DIGITS = "０１２３４５６７８９"


@cache
def _quantity() -> re.Pattern[str]:
    words = _words()
    # a class first: re skips ahead to a character of it (it searches from each character for a pattern that
    # starts otherwise); not after a digit or a point (no tail of a longer number: 2.5, 12), its digits possessive
    # (a quantity's unit starts with neither a digit nor a point: giving one back never makes a match)
    digit = _DIGIT
    return re.compile(
        rf"(?P<value>{digit}(?<![{_DIGIT_RANGES}.]{digit}){digit}*+(?:\.{digit}++)?)"
        rf"(?P<unit>(?:{_alternation(words['magnitudes'])})?(?:{_alternation(words['measures'])}))"
        rf"(?:{_alternation(words['target_endings'])})?"
    )


@cache
def _target_verb() -> re.Pattern[str]:
    """A verb that sets a quantity (and a qualifier such as 约), ending where the quantity starts."""
    words = _words()
    return re.compile(rf"(?:{_alternation(words['target_verbs'])})(?:{_alternation(words['target_qualifiers'])})?$")


_VERB_WINDOW = 8  # characters before a quantity in which its verb must end


@cache
def _year() -> re.Pattern[str]:
    return re.compile(r"(?<!\d)((?:19|20)\d{2})年")


def targets(text: str) -> list[Target]:
    """Quantities the text sets as targets, with the year named before each in its sentence.

    >>> [(t.text, t.value, t.unit, t.year) for t in targets("到2022年，入园率达到90%以上，新增3.1万个学位。")]
    [('达到90%以上', 90.0, '%', 2022), ('新增3.1万个', 3.1, '万个', 2022)]
    >>> [(t.text, t.year) for t in targets("全文公示率2019年底前达到80%、2020年底前达到100%")]
    [('达到80%', 2019), ('达到100%', 2020)]
    >>> [t.text for t in targets("覆盖率分别达到60%、50%以上。")]
    ['达到60%', '50%以上']
    """
    found = []
    listed_after = -1  # where the last target's list (达到60%、50%以上) ended
    for match in _quantity().finditer(text):
        # a verb ends right before the number (or before a newline there, as $ allows): its last character is there
        ends = text[match.start() - 1 : match.start()] in _verb_ends() if match.start() else False
        verb = _target_verb().search(text, max(0, match.start() - _VERB_WINDOW), match.start()) if ends else None
        listed = match.start() == listed_after + 1 and text[listed_after] == "、"
        if verb is None and not listed:
            continue
        listed_after = match.end()
        sentence_start = _clause_start(text, match.start(), _separators("。；;\n").search)
        years = _year().findall(text, sentence_start, match.start())
        unit = match.group("unit").replace("％", "%")
        found.append(
            trusted_in_order(
                Target,
                {
                    "text": text[verb.start() if verb else match.start() : match.end()],
                    "value": float(match.group("value")),
                    "unit": unit,
                    "year": int(years[-1]) if years else None,
                },
            )
        )
    return found


# --- citations ---------------------------------------------------------------------------


_NUMBER_OPENINGS = "〔［[【(（﹝"  # the brackets a 文号's year opens with
_NUMBER_REST = r"\d{4}[〕］\]】)）﹞]第?\d{1,4}号"  # the year, its closing bracket and the number
_ORDER_NUMBER = r"令第\d{1,4}号"  # a 令's number


@cache
def _titled() -> re.Pattern[str]:
    """A 《title》, with the 文号 in brackets after it (group ``number``) when one follows.

    >>> [m.group(0) for m in _titled().finditer("依据《条例》（国发〔2016〕8号）和《规定》（试行）")]
    ['《条例》（国发〔2016〕8号）', '《规定》']
    """
    number = rf"(?:[{re.escape(_NUMBER_OPENINGS)}]{_NUMBER_REST}|{_ORDER_NUMBER})"
    return re.compile(rf"《(?P<title>[^《》]{{1,150}})》(?:（(?P<number>[\u3400-\u9fff]{{1,8}}{number})）)?")


@cache
def _number_alone() -> re.Pattern[str]:
    """A 文号's bracketed year and number, or a 令's number, without what comes before them (read back
    by :func:`citations`).  Every branch starts with its own literal, so that ``re`` skips to the
    characters that can start one (a branch starting with a class or a group makes it try a match
    at every character).

    >>> [m.group(0) for m in _number_alone().finditer("国办发[2007]37号、国务院令第5号、（2019）")]
    ['[2007]37号', '令第5号']
    """
    alone = "|".join(re.escape(opening) + _NUMBER_REST for opening in _NUMBER_OPENINGS)
    return re.compile(rf"{alone}|{_ORDER_NUMBER}")


def _citation_matches(text: str) -> list[re.Match[str]]:
    """The 《titles》 and the 文号 alone in ``text``, in order, as one pattern of the two would find
    them: a 文号 inside a title's match (its bracketed number) is that title's.  Titles are found
    with the literal 《 they open with (``re`` skips to it quickly); 文号 only where a 号 is.  A 文号
    never holds a 《 nor ends past a title it starts in (it holds no 》, and a title's number ends
    with its own 号）), so the two lists merge by their starts.

    >>> [m.group(0) for m in _citation_matches("依据《条例》（国发〔2016〕8号）和国办发[2007]37号、国务院令第5号")]
    ['《条例》（国发〔2016〕8号）', '[2007]37号', '令第5号']
    """
    titles = list(_titled().finditer(text))
    if "号" not in text:  # every 文号 ends with one
        return titles
    alone = list(_number_alone().finditer(text))
    if not titles or not alone:
        return titles or alone
    merged: list[re.Match[str]] = []
    next_title = 0
    for number in alone:
        at = number.start()
        while next_title < len(titles) and titles[next_title].end() <= at:
            merged.append(titles[next_title])
            next_title += 1
        if next_title < len(titles) and titles[next_title].start() <= at:
            continue  # inside that title's match
        merged.append(number)
    merged += titles[next_title:]
    return merged


_DOC_PREFIX_CHARS = 8  # most Han characters before a 文号's brackets that belong to it


@cache
def _doc_number_cut() -> regex.Pattern[str]:
    return regex.compile(".*(?:" + _alternation(_words()["doc_number_prefix_strip"]) + r"|[的于将在为即是])")


def citations(text: str) -> list[Citation]:
    """The documents ``text`` names, with their role when the words around them say it.

    >>> [(c.title, c.doc_number, c.role) for c in citations("根据《关于全面推进政务公开工作的意见》（中办发〔2016〕8号）和国发〔2007〕37号文件，制定本办法。")]
    [('关于全面推进政务公开工作的意见', '中办发〔2016〕8号', 'basis'), (None, '国发〔2007〕37号', 'basis')]
    >>> [(c.title, c.role) for c in citations("本办法自印发之日起施行，《甲办法》和《乙规定》同时废止。")]
    [('甲办法', 'repeals'), ('乙规定', 'repeals')]
    >>> [(c.title, c.role) for c in citations("现将《实施方案》印发给你们，请认真执行。")]
    [('实施方案', 'transmits')]
    """
    found = []
    matches = _citation_matches(text)
    titled = _titled()
    for index, match in enumerate(matches):
        if match.re is titled:
            title, number = match.group("title", "number")
        else:  # a 文号 alone
            title = None
            number = _doc_number_cut().sub("", _han_before(text, match.start()) + match.group(0))
            if not number or number[0] in _NUMBER_OPENINGS or number.startswith("令"):  # nothing before it
                continue
        role = _citation_role(text, index, matches)
        found.append(trusted_in_order(Citation, {"title": title, "doc_number": number, "role": role}))
    return found


def _han_before(text: str, end: int) -> str:
    """The run of Han characters (at most a 文号 prefix's length) that ends at ``end``."""
    start = end
    while start > max(0, end - _DOC_PREFIX_CHARS) and "\u4e00" <= text[start - 1] <= "\u9fff":
        start -= 1
    return text[start:end]


_LOOK_AROUND = 120  # characters read around a finding for its sentence (a target's year, a citation's role)


def _clause_start(text: str, at: int, find_mark: Callable) -> int:
    """Where the clause (ended by any mark ``find_mark`` searches for: ``_separators(marks).search``)
    that holds ``at`` starts, looking back at most :data:`_LOOK_AROUND` characters: after the last
    mark before ``at``, found as the first in the stretch reversed (one search, where an ``rfind``
    per mark costs four times as much).

    >>> marks = _separators("，。").search
    >>> _clause_start("甲，乙。丙丁", 5, marks), _clause_start("甲乙", 2, marks), _clause_start("甲，", 0, marks)
    (4, 0, 0)
    """
    floor = max(0, at - _LOOK_AROUND)
    if at <= floor:
        return floor
    found = find_mark(text[at - 1 : floor - 1 if floor else None : -1])
    return at - found.start() if found else floor


@cache
def _sentence_end() -> re.Pattern[str]:
    return re.compile("[。；;\n]")


def _citation_role(text: str, index: int, matches: list[re.Match[str]]) -> str | None:
    """basis, transmits or repeals, as the words around citation ``index`` say (a repeal after it
    first: ``由…印发的《…》同时废止`` repeals what it names)."""
    repeal_after, transmit_after, roles_before, find_mark = _role_tables()
    match = matches[index]
    after = _words_after(text, index, matches)
    if after.startswith(repeal_after):
        return "repeals"
    start = match.start()
    clause_start = _clause_start(text, start, find_mark)
    if index and matches[index - 1].start() >= clause_start:  # another citation before it in the clause: cut out
        before = _text_before(text, clause_start, start, matches, index)
        clause_start, start = 0, len(before)
    else:  # (the words searched in the text itself: these patterns have no look-around)
        before = text
    for search, role in roles_before:
        if search(before, clause_start, start) is not None:
            return role
    if after.startswith(transmit_after):
        return "transmits"
    return None


@cache
def _role_tables() -> tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[Callable, str], ...], Callable]:
    """What :func:`_citation_role` reads, fetched at once: the words after a citation that repeal it
    or transmit it, the searches for the words before it that give its role, in their order, and the
    search for the marks that end its clause."""
    return (
        _word_tuple("citation_repeal_words"),
        _word_tuple("citation_transmit_after"),
        tuple((_any_word(table).search, role) for table, role in _ROLES_BEFORE),
        _separators("，。；：;:\n").search,
    )


def _words_after(text: str, index: int, matches: list[re.Match[str]]) -> str:
    """What follows citation ``index`` in its sentence, other citations cut out and connectors
    (和, 、, 同时…) stripped from its start: all that is read of it is how it starts.

    Most citations are followed by their words right away, with no other citation near: then the
    start is read from ``text`` itself, as many characters as the longest word read there, without
    the search for the sentence's end (which tests a class at every character up to it). That is
    the same start: no connector and no word read there holds a sentence's end (a test says so),
    so the sentence cannot end before the words, nor a citation be cut out of them.

    >>> text = "《甲办法》同时废止，《乙》和《丙》予以废止。"  # 乙's words come after 丙, cut out
    >>> matches = _citation_matches(text)
    >>> [_words_after(text, index, matches)[:2] for index in range(3)]
    ['废止', '废止', '废止']
    """
    match = matches[index]
    start = at = match.end()
    connectors, longest = _after_tables()
    while at < len(text) and text[at] in connectors:
        at += 1
    if at - start <= _LOOK_AROUND - longest and (
        index + 1 == len(matches) or matches[index + 1].start() >= at + longest
    ):
        return text[at : at + longest]
    end = _sentence_end().search(text, start, start + _LOOK_AROUND)
    sentence_end = end.start() if end else min(len(text), start + _LOOK_AROUND)
    return _text_after(text, start, sentence_end, matches, index + 1).lstrip(connectors)


@cache
def _after_tables() -> tuple[str, int]:
    """What :func:`_words_after` reads, fetched at once: the connectors, and the longest word read
    after a citation (a repeal's, or a transmission's 印发给你们)."""
    words = _words()
    longest = max(len(word) for table in ("citation_repeal_words", "citation_transmit_after") for word in words[table])
    return words["citation_connectors"], longest


_ROLES_BEFORE = (  # the words before a citation that give its role, first found first
    ("citation_repeal_words", "repeals"),
    ("citation_basis_words", "basis"),
    ("citation_transmit_words", "transmits"),
)


@cache
def _any_word(table: str) -> re.Pattern[str]:
    """Any word of ``table``: one search where ``any(word in text ...)`` tests them one by one."""
    return re.compile(_alternation(_words()[table]))


def _text_after(text: str, start: int, end: int, matches: list[re.Match[str]], first: int) -> str:
    """``text[start:end]`` without the citations ``matches[first:]`` that lie wholly inside it,
    found up to the first that starts at ``end`` or later (the matches are in order and never
    overlap, so none after it lies inside)."""
    stop = first
    while stop < len(matches) and matches[stop].start() < end:
        stop += 1
    return _without_citations(text, start, end, matches[first:stop]) if first < stop else text[start:end]


def _text_before(text: str, start: int, end: int, matches: list[re.Match[str]], stop: int) -> str:
    """``text[start:end]`` without the citations ``matches[:stop]`` that lie wholly inside it, found
    from the last back to the first that starts before ``start`` (they all end before ``end``)."""
    first = stop
    while first > 0 and matches[first - 1].start() >= start:
        first -= 1
    return _without_citations(text, start, end, matches[first:stop]) if first < stop else text[start:end]


@cache
def _word_tuple(table: str) -> tuple[str, ...]:
    return tuple(_words()[table])


def _without_citations(text: str, start: int, end: int, others: list[re.Match[str]]) -> str:
    """``text[start:end]`` with the other citations that lie wholly inside it cut out."""
    pieces, at = [], start
    for other in others:
        if other.start() >= at and other.end() <= end:
            pieces.append(text[at : other.start()])
            at = other.end()
    pieces.append(text[at:end])
    return "".join(pieces)


# --- one text, one plan -------------------------------------------------------------------


def read_assignment(text: str, year: int | None = None) -> Assignment:
    """Units, deadline, targets and citations of one item's (or section's) text.

    A deadline in an assignment parenthetical (one that names units, or says only
    when) wins over one in the running text; units come in the order written.

    >>> found = read_assignment("完成适老化改造。（0.5分）（5月底取得明显成效并持续推进，牵头考核单位：市审批服务局）", 2022)
    >>> found.units, found.deadline
    ([Unit(name='市审批服务局', role='assessor')], Deadline(text='5月底取得明显成效并持续推进', date=datetime.date(2022, 5, 31)))
    >>> read_assignment("加强领导。") == EMPTY
    True
    """
    return _read(text, year) or Assignment([], None, [], [])


_JOIN = "\x00"  # joins a document's texts for the searches over all of them: no pattern here matches it

_UNREAD = object()  # no reading yet
_Reading = tuple[int, int, tuple[tuple[Unit, ...], "Deadline | None"]]  # an assignment parenthetical's span, read


def _read(text: str, year: int | None) -> Assignment | None:
    """:func:`read_assignment`, None when the text says nothing of the kind."""
    readings = _readings(text, year) if _OPEN in text else []
    return _assemble(text, year, readings, bool(_target_hinted(text, [0, len(text) + 1])))


def _readings(text: str, year: int | None) -> list[_Reading]:
    """The assignment parentheticals of ``text`` (spans and what they say), in order."""
    found = []
    for match in _parentheticals(text):
        read = _assignment_parenthetical(match.group(1), year)
        if read is not None:
            found.append((match.start(), match.end(), read))
    return found


def _read_all(texts: list[str], year: int | None) -> list[Assignment | None]:
    """:func:`_read` of every text, with one search per kind over all of them (joined by
    :data:`_JOIN`, the matches mapped back to their text by offset): the texts without a
    parenthetical, a target's number or any character a finding needs are not read one by one.

    >>> [found and found.units for found in _read_all(["总体要求", "建平台（省商务厅负责）", "（0.5分）"], None)]
    [None, [Unit(name='省商务厅', role='responsible')], None]
    """
    joined = _JOIN.join(texts)
    if joined.count(_JOIN) != len(texts) - 1:  # a text holds the joining character itself
        return [_read(text, year) for text in texts]
    starts = list(accumulate([len(text) + 1 for text in texts], initial=0))
    readings: dict[int, list[_Reading]] = {}
    read_before: dict[str, tuple | None] = {}  # the year is the same for all: the body alone is the key
    reading = _assignment_parenthetical.__wrapped__  # (read_before remembers them here: no second cache)
    bodies = _flat_parenthetical().findall(joined)
    after = 0  # where the last assignment parenthetical ended
    spans: list[tuple[int, int]] = []  # theirs, in joined
    found: list[Assignment | None] = [None] * len(texts)
    several = []  # the texts with more than one: they are read again below
    for body in bodies:
        read = read_before.get(body, _UNREAD)
        if read is _UNREAD:
            read = read_before[body] = reading(body, year)
        if read is not None:
            # the first （body） from there is this one: one before it, with the same body, would have been read
            at = joined.find(f"{_OPEN}{body}{_CLOSE}", after)
            after = at + len(body) + 2
            spans.append((at, after))
            index = bisect_right(starts, at) - 1
            start = starts[index]
            if index in readings:
                readings[index].append((at - start, after - start, read))
                if len(readings[index]) == 2:
                    several.append(index)
            else:
                readings[index] = [(at - start, after - start, read)]
                # what the text says when it says only this (most): :func:`_from_readings` of one, without its
                # call (a reading names a unit or a deadline); the texts read in full below are filled again
                found[index] = _made(Assignment, (list(read[0]), read[1], [], []))
    for index in several:
        found[index] = _from_readings(readings[index])
    nested: set[int] = set()  # texts read by themselves
    if len(bodies) != joined.count(_OPEN):  # a （ that opens no flat parenthetical: its text is read by itself
        for match in _open_not_flat().finditer(joined):
            index = bisect_right(starts, match.start()) - 1
            readings[index] = _readings(texts[index], year)
            nested.add(index)
    with_target = _target_hinted(joined, starts)
    for index in _may_say_any(joined, spans, starts) | with_target | nested:
        found[index] = _assemble(texts[index], year, readings.get(index, []), index in with_target)
    return found


def _from_readings(readings: list[_Reading]) -> Assignment | None:
    """:func:`_assemble` of a text whose only findings are its assignment parentheticals'."""
    if len(readings) == 1:
        units, deadline = readings[0][2]
        if not (units or deadline):
            return None
        return _made(Assignment, (list(units), deadline, [], []))  # a parenthetical's units are each once
    units, deadline = _gathered(readings)
    if not (units or deadline):
        return None
    return _made(Assignment, (units, deadline, [], []))


def _gathered(readings: list[_Reading]) -> tuple[list[Unit], Deadline | None]:
    """The units of several readings, each (name, role) once in the order read, and the first deadline."""
    units: list[Unit] = []
    deadline = None
    for _, _, (more, found) in readings:
        units += more
        if deadline is None:
            deadline = found
    return (_unique(units) if len(units) > 1 else units), deadline


def _may_say_any(joined: str, spans: list[tuple[int, int]], starts: list[int]) -> set[int]:
    """The texts (indices) that hold, outside their assignment parentheticals (``spans`` of
    ``joined``), a character that a unit outside parentheticals or a deadline in the running
    text needs, or anywhere a citation's, by a few ``find`` loops over the whole (the
    characters are rare outside those parentheticals)."""
    if spans:
        pieces, at = [], 0
        for start, end in spans:
            pieces += [joined[at:start], "。" * (end - start)]
            at = end
        pieces.append(joined[at:])
        outside = "".join(pieces)
    else:
        outside = joined
    where: set[int] = set()
    for text, chars in ((outside, _OUTSIDE_CHARS), (joined, _CITATION_CHARS)):
        for char in chars:
            at = text.find(char)
            while at >= 0:
                index = bisect_right(starts, at) - 1
                where.add(index)
                at = text.find(char, starts[index + 1]) if index + 1 < len(starts) else -1
    return where


def _target_hinted(joined: str, starts: list[int]) -> set[int]:
    """The texts (indices; ``starts`` are their offsets in ``joined``, and its length + 1) where the
    target hint holds: a character a target verb ends with, a digit right after it, the verb behind.

    The hint is matched only before a run of digits: ASCII ones are found in the text encoded a byte a
    character (``?`` for the others) and translated (digits to 1), by a pattern that starts with the
    literal 1; full-width ones by ``str.find``.  A pattern that starts with a class (the hint's own
    first character) tests that class at every character: the hint cost 1.1 to 2x as much so.

    >>> sorted(_target_hinted(_JOIN.join(["入园率达到90%", "共3所", "新增１２所"]), [0, 9, 13, 20]))
    [0, 2]
    """
    ends = _verb_ends()
    hint = _hint("target").match
    return {
        bisect_right(starts, at) - 1
        for at in _digits_after_something(joined)
        if joined[at - 1] in ends and hint(joined, at - 1)
    }


def _digits_after_something(text: str) -> list[int]:
    """Where ``text`` holds an ASCII digit that starts a run of them, or a full-width digit, past its
    first character (a digit there has nothing before it)."""
    digits = text.encode("ascii", "replace").translate(_ascii_digit_table())
    found = [run.start() for run in _digit_run().finditer(digits, 1)]
    for digit in _FULL_WIDTH_DIGITS:
        at = text.find(digit, 1)
        while at > 0:
            found.append(at)
            at = text.find(digit, at + 1)
    return found


@cache
def _ascii_digit_table() -> bytes:
    """``bytes.translate``'s table: an ASCII digit to 1, every other byte to a point."""
    return bytes(ord("1") if 0x30 <= byte <= 0x39 else ord(".") for byte in range(256))


@cache
def _digit_run() -> re.Pattern[bytes]:
    """The first digit of a run, in the translated text (its literal first: re skips to each 1 quickly)."""
    return re.compile(rb"1(?<!11)")


_OUTSIDE_CHARS = "由：:前"  # a unit outside parentheticals, a deadline in the running text (as in _assemble)
_CITATION_CHARS = "《号"  # a citation (read in the whole text, parentheticals included)


def _assemble(text: str, year: int | None, readings: list[_Reading], has_target: bool) -> Assignment | None:
    """What ``text`` says, given its assignment parentheticals read and whether the target
    hint holds in it; None when it says nothing."""
    deadline = None
    units: list[Unit] | tuple[Unit, ...] = ()
    if not readings:
        outside = text
    elif len(readings) == 1:  # most: the parenthetical after an item (its units each once already)
        start, end, (units, deadline) = readings[0]
        outside = text[:start] + "。" * (end - start) + text[end:]  # as _masked
    else:
        units, deadline = _gathered(readings)
        outside = _masked(text, [(start, end) for start, end, _ in readings])
    subject = "由" in outside and _hint("units").search(outside) is not None
    if subject or "：" in outside or ":" in outside:
        in_text = list(_text_units(outside, subject))
        if in_text:  # in the order written, with the parentheticals' units
            placed = [(start, unit) for start, _, (more, _) in readings for unit in more] + in_text
            placed.sort(key=lambda pair: pair[0])
            units = _unique([unit for _, unit in placed])
    if deadline is None and "前" in outside:
        deadline = text_deadline(outside, year)
    found_targets = targets(text) if has_target else []
    found_citations = _citations_in(text)
    if found_citations:
        found_citations = _unique_citations(found_citations)
    if not (units or deadline or found_targets or found_citations):
        return None
    units = list(units)
    return _made(Assignment, (units, deadline, found_targets, found_citations))


def _verbs_written() -> set[str]:
    """Every target verb as it may stand before its number: alone or with a qualifier (达到, 达到约)."""
    words = _words()
    return {verb + qualifier for verb in words["target_verbs"] for qualifier in ["", *words["target_qualifiers"]]}


@cache
def _verb_ends() -> frozenset[str]:
    """The characters a target verb (or its qualifier) ends with, and the newline ``$`` may stand before."""
    return frozenset({word[-1] for word in _verbs_written()} | {"\n"})


def _verbs_last_chars() -> set[str]:
    """The characters a target verb (or its qualifier) ends with: the one before a digit must be one."""
    return {re.escape(word[-1]) for word in _verbs_written()}


def _verbs_behind() -> list[str]:
    """Look-behinds, one per length, for a target verb (and qualifier) that ends here (re looks
    behind only at a fixed width)."""
    by_length: dict[int, list[str]] = {}
    for word in sorted(_verbs_written()):
        by_length.setdefault(len(word), []).append(re.escape(word))
    return [f"(?<={'|'.join(group)})" for _, group in sorted(by_length.items())]


def _masked(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each span replaced by as many 。 (offsets stay, and no clause runs across a span)."""
    pieces, at = [], 0
    for start, end in spans:
        pieces += [text[at:start], "。" * (end - start)]
        at = end
    pieces.append(text[at:])
    return "".join(pieces)


@cache
def _hint(kind: str) -> re.Pattern[str]:
    """Cheap tests (the standard library's re, faster than regex for these) before the full reading:
    without a match, that kind of finding is not in the text."""
    words = _words()
    if kind == "parenthetical":  # words without which a parenthetical names no unit and no deadline
        return re.compile(
            _alternation([*words["role_words"], *words["labels"], *words["standing_deadlines"]]) + r"|月|年底"
        )
    if kind == "units":  # 由 then a role word within a clause
        return re.compile(r"由[^，。；]{2,120}?(?:" + _alternation(list(words["role_words"])) + ")")
    if kind == "target":  # a verb that sets a quantity, then its number: the verb's last character, a digit
        # after it, and the verb looked behind (matched where a digit follows: see _target_hinted)
        return re.compile(
            "[" + "".join(sorted(_verbs_last_chars())) + f"](?={_DIGIT})(?:" + "|".join(_verbs_behind()) + ")"
        )
    return re.compile(r"[〔［\[【(（﹝]\d{4}[〕］\]】)）﹞]|令第\d")  # a 文号's bracketed year


def _unique(units: list[Unit]) -> list[Unit]:
    """Each (name, role) once, where first written (``units`` itself when no name is written twice)."""
    if len({unit.name for unit in units}) == len(units):  # (most lists: one set, no pair a unit)
        return units
    seen: set[tuple[str, str]] = set()
    kept = []
    for unit in units:
        key = (unit.name, unit.role)
        if key not in seen:
            seen.add(key)
            kept.append(unit)
    return kept


def forget() -> None:
    """Empty the remembered readings (for benchmarks that time a page as if it came first)."""
    _clause.cache_clear()
    _assignment_parenthetical.cache_clear()
    _deadline.cache_clear()
    deadline_date.cache_clear()
    _unit.cache_clear()
    _is_unit.cache_clear()


def with_assignments(plan: Plan) -> Plan:
    """``plan`` with every item and section carrying what its text says about the task, and the
    plan its citations (every document named, once, title first) and the documents it repeals.

    The fields are filled in place: this is for the plan :func:`~wpclean.parser.plan.build_plan`
    has just made (its own objects, not yet handed to anyone), whose tree is not copied for it.

    >>> from wpclean.schemas import InputInfo, ToolInfo
    >>> meta = {"input": InputInfo(sha256="0", encoding="utf-8", bytes=0), "tool": ToolInfo(version="0", convert="t2s")}
    >>> item = Item(marker="一是", number=1, lead="建平台", text="建平台（省商务厅负责）。")
    >>> plan = with_assignments(Plan(title="2022年方案", items=[item], closing="《旧办法》同时废止。", **meta))
    >>> plan.items[0].units, [c.title for c in plan.repeals]
    ([Unit(name='省商务厅', role='responsible')], ['旧办法'])
    """
    year = plan_year(plan.title)
    named: list[Citation] = []
    _fill_document(plan, year, named)
    own = plan.doc_number
    values = plan.__dict__
    values["citations"] = _unique_citations([c for c in named if c.title is not None or c.doc_number != own])
    values["repeals"] = _unique_citations([c for c in named if c.role == "repeals"])
    return plan


def _fill_document(document, year: int | None, named: list[Citation]) -> None:  # document: Plan | Document
    """Fill a document's items and sections, then its attachments' (an attached
    implementation plan is where most tasks of a 印发…的通知 are)."""
    named += [*_citations_in(document.title or ""), *_citations_in(document.preamble)]
    nodes: list[Item | Section] = [*document.items]
    texts = [item.text for item in document.items]
    _gather(document.sections, nodes, texts)
    for node, found in zip(nodes, _read_all(texts, year)):
        if found is not None:  # (an Assignment found holds something; the builder left these fields empty)
            values = node.__dict__
            values["units"], values["deadline"], values["targets"], values["citations"] = found
            if found[3]:
                named += found[3]
    named += _citations_in(document.closing)
    for attachment in document.attachments:
        _fill_document(attachment, plan_year(attachment.title) or year, named)


def _citations_in(text: str) -> list[Citation]:
    """:func:`citations`, not searched for where neither a 《 nor a 文号's 号 with its bracketed year is."""
    if "《" in text or ("号" in text and _hint("doc_number").search(text)):
        return citations(text)
    return []


def _gather(sections: list[Section], nodes: list[Item | Section], texts: list[str]) -> None:
    """Each of ``sections``, its items and its sections (in that order, depth first), and each one's
    text (by a stack of the sections to come, without a call a section)."""
    pending = sections[::-1]  # the next one last
    while pending:
        section = pending.pop()
        values = section.__dict__  # the fields (read so: a model's attributes cost more)
        nodes.append(section)
        intro = values["intro"]
        texts.append(f"{values['heading']}\n{intro}" if intro else values["heading"])
        items = values["items"]
        if items:
            nodes += items
            for item in items:
                texts.append(item.__dict__["text"])
        children = values["sections"]
        if children:
            pending += children[::-1]


def _unique_citations(named: list[Citation]) -> list[Citation]:
    """Each document once (by title and 文号), where first named, with the first role said."""
    kept: dict[tuple[str | None, str | None], Citation] = {}
    for citation in named:
        key = (citation.title, citation.doc_number)
        first = kept.get(key)
        if first is None:
            kept[key] = citation
        elif first.role is None and citation.role is not None:
            kept[key] = trusted_in_order(
                Citation, {"title": first.title, "doc_number": first.doc_number, "role": citation.role}
            )
    return list(kept.values())
