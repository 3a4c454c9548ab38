"""ASCII punctuation in Chinese prose to its full-width form.

``,`` ``;`` ``:`` ``!`` ``?`` and paired ``( )`` become ``，；：！？（）`` where they
touch Chinese text; numbers, dates, times (``3.1``, ``2020-02-25 00:00:00``,
``1,000``), URLs and Latin text keep theirs.  Corner quotes ``「」『』`` become
``“”‘’``, the forms mainland documents use.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from collections import deque
from collections.abc import Iterable, Iterator, MutableMapping
from functools import cache

import regex

from wpclean.cleaner.changes import PUNCT, Change, Record

FULL_WIDTH = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}
CORNER_QUOTES = {"「": "“", "」": "”", "『": "‘", "』": "’"}
_BETWEEN_DIGITS_STAYS = {",", ":"}  # 1,000 and 10:30
_WINDOW = 16  # how far to look past spaces for a neighbour


@cache
def _candidates() -> regex.Pattern[str]:
    return regex.compile(r"[,;:!?()「」『』]")


@cache
def _protected() -> regex.Pattern[str]:
    return regex.compile(r"(?:https?|ftp)://[^\s\p{Han}，。；]+|www\.[^\s\p{Han}，。；]+", regex.I)


@cache
def _chinese() -> regex.Pattern[str]:
    """Chinese context: Han and CJK punctuation, except the forms this step
    itself produces, so a converted neighbour cannot change a decision on a
    second run (the step is idempotent)."""
    return regex.compile(r"[\p{Han}\u3000-\u303f\uff00-\uffef“”‘’《》…—--[，；：！？（）]]", regex.V1)


def normalize_punct(text: str, record: Record = None) -> str:
    """Full-width punctuation where ASCII punctuation touches Chinese text.

    >>> normalize_punct("日期:2020-02-25 00:00:00,深圳(南山)发展;网址 http://a.cn/x?a=1,b")
    '日期：2020-02-25 00:00:00，深圳（南山）发展；网址 http://a.cn/x?a=1,b'
    >>> normalize_punct("增长3.1%,共1,000所(AI)。f(x), g(y) and 「三农」")
    '增长3.1%，共1,000所（AI）。f(x), g(y) and “三农”'
    """
    if record is None:
        return normalize_punct_counted(text)[0]
    positions = _unprotected(text, [m.start() for m in _candidates().finditer(text)])
    replacements = _decide(text, positions) if positions else {}
    for offset, new in sorted(replacements.items()):
        record.append(Change(PUNCT, "normalize_punct", offset, text[offset], new))
    return _replace_at(text, replacements)


def normalize_punct_counted(text: str) -> tuple[str, int]:
    """The fast path: the same text as :func:`normalize_punct`, and how many
    marks it replaced (every replacement changes a character).

    ``, ; : ! ?`` with a Chinese character right beside it are converted by one
    regular-expression pass outside URLs; what that leaves (parentheses, corner
    quotes, marks beside a space or a full-width digit, or at an end of the
    text) is decided by :func:`_decide` as on the recorded path.
    tests/test_perf_paths.py checks that both paths agree.

    >>> normalize_punct_counted("深圳,南山(AI)")
    ('深圳，南山（AI）', 3)
    """
    text, touching = _convert_touching_marks(text)
    positions = _unprotected_lazily(text, (m.start() for m in _leftover_marks().finditer(text)))
    patched = _Overwrite(text)
    _decide(text, positions, patched)
    return patched.text(), touching + patched.count


class _Overwrite:
    """The text with single characters replaced in place, as :func:`_decide`
    decides them: no map of every replacement and no list of pieces, so a page
    of nothing but marks (``(一)`` repeated) costs a few times its size, not
    ~100 bytes per mark.  (Every replacement is one character for one.)

    >>> patched = _Overwrite("a(b)")
    >>> patched[1], patched[3] = "（", "）"
    >>> patched.text(), patched.count
    ('a（b）', 2)
    """

    def __init__(self, text: str) -> None:
        self._original, self._chars, self.count = text, None, 0

    def __setitem__(self, offset: int, new: str) -> None:
        if self._chars is None:
            from array import array

            self._chars = array(_CHAR_CODE, self._original)  # 4 bytes a character, changed in place
        self._chars[offset] = new
        self.count += 1

    def text(self) -> str:
        return self._original if self._chars is None else self._chars.tounicode()


_CHAR_CODE = "w" if sys.version_info >= (3, 13) else "u"  # "u" is deprecated from 3.13 on


def _replace_at(text: str, replacements: dict[int, str]) -> str:
    """``text`` with the character at each offset replaced."""
    if not replacements:
        return text
    pieces, position = [], 0
    for offset, new in sorted(replacements.items()):
        pieces += [text[position:offset], new]
        position = offset + 1
    pieces.append(text[position:])
    return "".join(pieces)


def _may_hold_urls(text: str) -> bool:
    return "://" in text or _www().search(text) is not None


@cache
def _www() -> re.Pattern[str]:
    """``www.`` in any case; starting at the dot, so the scan jumps from dot to dot."""
    return re.compile(r"\.(?<=[wW][wW][wW]\.)")


def _unprotected(text: str, positions: list[int]) -> list[int]:
    """``positions`` without those inside URLs."""
    if not positions or not _may_hold_urls(text):
        return positions
    spans = [match.span() for match in _protected().finditer(text)]
    starts = [start for start, _ in spans]
    return [at for at in positions if not _inside(spans, starts, at)]


def _unprotected_lazily(text: str, positions: Iterator[int]) -> Iterator[int]:
    """:func:`_unprotected`, one position at a time (nothing held per position)."""
    if not _may_hold_urls(text):
        return positions
    spans = [match.span() for match in _protected().finditer(text)]
    starts = [start for start, _ in spans]
    return (at for at in positions if not _inside(spans, starts, at))


def _inside(spans: list[tuple[int, int]], starts: list[int], at: int) -> bool:
    index = bisect_right(starts, at) - 1
    return index >= 0 and at < spans[index][1]


def _convert_touching_marks(text: str) -> tuple[str, int]:
    """``, ; : ! ?`` right beside a Chinese character, outside URLs, to full
    width; and how many were converted."""
    pattern = _touching_marks()
    pieces = _protected().split(text) if _may_hold_urls(text) else [text]
    urls = _protected().findall(text) if len(pieces) > 1 else []
    converted, count = [], 0
    for piece in pieces:
        slices = []
        for start, end in _line_slices(piece):
            part = piece[start:end] if end - start < len(piece) else piece
            if len(part) <= _SPLIT_CHARS:  # split at the marks, each swapped for its full-width form, in C
                parts = pattern.split(part)
                parts[1::2] = map(FULL_WIDTH.__getitem__, parts[1::2])
                slices.append("".join(parts))
                count += len(parts) // 2
                continue
            patched = _Overwrite(part)  # a long line, in place: a list of parts would cost ~100 bytes a mark
            for match in pattern.finditer(part):
                patched[match.start()] = FULL_WIDTH[match.group(1)]
            slices.append(patched.text())
            count += patched.count
        converted.append(slices[0] if len(slices) == 1 else "".join(slices))
    return "".join(part for pair in zip(converted, [*urls, ""]) for part in pair), count


_SPLIT_CHARS = 1 << 16  # a text is split at its marks this many characters at a time at most


def _line_slices(text: str) -> Iterator[tuple[int, int]]:
    """Consecutive slices of ``text``, each of at most :data:`_SPLIT_CHARS`
    characters ending just after a line break, or else one long line whole.
    A mark's neighbours (the characters the pattern reads on either side)
    are then in its slice, or are a line break, which is not Chinese.

    >>> list(_line_slices("ab\\ncd")), list(_line_slices("a" * _SPLIT_CHARS + "\\nb"))
    ([(0, 5)], [(0, 65537), (65537, 65538)])
    """
    start = 0
    while len(text) - start > _SPLIT_CHARS:
        end = text.rfind("\n", start, start + _SPLIT_CHARS) + 1
        if end <= start:  # no line break within reach: the long line whole
            end = text.find("\n", start + _SPLIT_CHARS) + 1 or len(text)
        yield start, end
        start = end
    if start < len(text) or not text:
        yield start, len(text)


@cache
def _chinese_ranges(exclude: str) -> str:
    """The Chinese-context class as literal ranges for ``re``, without ``exclude``
    (written as ranges: a class of single characters takes ``re`` much longer
    to compile)."""
    from wpclean.cleaner.charclasses import HAN

    blocks = [c for c in (*range(0x3000, 0x3040), *range(0xFF00, 0xFFF0)) if chr(c) not in exclude]
    runs: list[list[int]] = []
    for code in blocks:
        if runs and runs[-1][1] == code - 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    ranges = "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in runs)
    return HAN + ranges + "".join(re.escape(c) for c in "“”‘’《》…—")


@cache
def _touching_marks() -> re.Pattern[str]:
    """A mark with a Chinese character before or after it.  The pattern starts
    with the marks, so the scan jumps from mark to mark instead of trying
    every position."""
    chinese = _chinese_ranges("，；：！？（）０１２３４５６７８９")
    # A run of ? is where a decoder lost characters (flagged as mojibake): kept as it is.
    return re.compile(f"([,;:!?])(?<!\\?\\?)(?!(?<=\\?)\\?)(?:(?<=[{chinese}].)|(?=[{chinese}]))")


_LEFTOVER_NEIGHBOURS = " ０-９"  # a mark beside these (or at an end of the text) may still need _decide


@cache
def _leftover_marks() -> re.Pattern[str]:
    """What the fast path leaves for :func:`_decide`: parentheses, corner quotes,
    and marks beside a space or a full-width digit, or at either end."""
    beside = _LEFTOVER_NEIGHBOURS
    return re.compile(f"[()「」『』,;:!?](?:(?<=[()「」『』])|(?<![^{beside}].)|(?![^{beside}]))")


def _decide(
    text: str, positions: Iterable[int], replacements: MutableMapping[int, str] | None = None
):  # -> the mapping
    """The replacement for each mark at ``positions`` (ascending) that gets one,
    set in ``replacements`` (a new dict by default)."""
    replacements = {} if replacements is None else replacements
    open_parens: deque[tuple[int, int]] = deque()  # an open "(" and the first Chinese character after it
    next_chinese = _NextChinese(text)
    for i in positions:
        char = text[i]
        if char in CORNER_QUOTES:
            replacements[i] = CORNER_QUOTES[char]
        elif char == "(":
            if len(open_parens) == MAX_OPEN_PARENS:  # the oldest stays unmatched: judged now, as at the end
                _decide_unmatched(text, open_parens.popleft()[0], replacements)
            open_parens.append((i, next_chinese.at_or_after(i + 1)))
        elif char == ")":
            _decide_pair(text, open_parens.pop() if open_parens else None, i, replacements)
        elif char == "?" and "??" in text[max(0, i - 1) : i + 2]:
            continue  # lost characters (flagged as mojibake), not a question mark
        elif _touches_chinese(text, i):
            replacements[i] = FULL_WIDTH[char]
    for opening, _ in open_parens:
        _decide_unmatched(text, opening, replacements)
    return replacements


# Open "(" awaiting their ")" at most (~0.5 MB): each costs ~120 bytes, and a page of
# nothing but "(" would otherwise take 100 times its size.  Real text nests a
# few deep; past this depth the oldest is left unmatched.
MAX_OPEN_PARENS = 4096


def _decide_unmatched(text: str, opening: int, replacements: MutableMapping[int, str]) -> None:
    """An unmatched "(": judged by its neighbours."""
    if _touches_chinese(text, opening):
        replacements[opening] = "（"


def _decide_pair(text: str, opening: tuple[int, int] | None, closing: int, replacements: dict[int, str]) -> None:
    """A ")" and the "(" it closes (None: unmatched), with the position of the
    first Chinese character after that "(" (so the inside is never rescanned)."""
    start = closing if opening is None else opening[0]
    chinese_inside = opening is not None and opening[1] < closing
    if _paren_pair_is_chinese(text, start, closing, chinese_inside):
        replacements[closing] = "）"
        if opening is not None:
            replacements[start] = "（"


class _NextChinese:
    """The first Chinese character at or after a position, asked in ascending
    order: a search starts only past the last one found, so all of them
    together read the text once, however deeply parentheses nest."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.found = -1

    def at_or_after(self, position: int) -> int:
        """Its position, or the text's length when there is none."""
        if self.found < position:
            match = _chinese().search(self.text, position)
            self.found = match.start() if match else len(self.text)
        return self.found


def _neighbours(text: str, i: int) -> tuple[str, str]:
    return _char_before(text, i), _char_after(text, i)


def _char_before(text: str, i: int) -> str:
    """The nearest non-space character before ``i`` (within a short window)."""
    return text[max(0, i - _WINDOW) : i].rstrip(" ")[-1:]


def _char_after(text: str, i: int) -> str:
    return text[i + 1 : i + 1 + _WINDOW].lstrip(" ")[:1]


def _touches_chinese(text: str, i: int) -> bool:
    before, after = _neighbours(text, i)
    if text[i] in _BETWEEN_DIGITS_STAYS and before.isdigit() and after.isdigit():
        return False
    chinese = _chinese()
    return bool(chinese.match(before) or chinese.match(after))


def _paren_pair_is_chinese(text: str, start: int, closing: int, chinese_inside: bool) -> bool:
    """Chinese inside the pair, or right outside it."""
    chinese = _chinese()
    before, after = _char_before(text, start), _char_after(text, closing)
    return bool(chinese_inside or chinese.match(before) or chinese.match(after))


# --- doubled marks and list commas between numbers ----------------------------

# Marks a scrape doubles (,, ,、 ,。 ，，), weakest first: a run keeps its strongest.
_STRENGTH = "、，：；。"


@cache
def _doubled() -> re.Pattern[str]:
    """Two or more marks, at least one of them full width (an ASCII comma left
    beside a full-width mark counts as a comma: ",，")."""
    return re.compile(f"[{_STRENGTH},][{_STRENGTH},]+")  # a class first: the scan jumps between marks


def collapse_doubled_punct(text: str, record: Record = None) -> str:
    """A run of two or more of ``、，：；。`` becomes one mark, the strongest.

    >>> collapse_doubled_punct('发展，，改革，、开放，。稳定；，模式",，让1,000')
    '发展，改革，开放。稳定；模式"，让1,000'
    """
    if not _has_doubled(text):
        return text

    def one(match: re.Match[str]) -> str:
        if not match.group(0).strip(","):  # ASCII commas only (1,,000): not this step's
            return match.group(0)
        strongest = max(match.group(0).replace(",", "，"), key=_STRENGTH.index)
        if record is not None:
            record.append(Change(PUNCT, "collapse_doubled_punct", match.start(), match.group(0), strongest))
        return strongest

    return _doubled().sub(one, text)


def _has_doubled(text: str) -> bool:
    """Whether :func:`_doubled` finds anything: one search per mark, each with
    the mark as a literal prefix, which ``re`` finds as fast as a memchr (a
    scan of the class costs some ten times as much a character).

    >>> _has_doubled("发展，改革。开放"), _has_doubled("发展，。开放"), _has_doubled("1,,000")
    (False, True, True)
    """
    return any(pattern.search(text) is not None for pattern in _doubled_after_each_mark())


@cache
def _doubled_after_each_mark() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(f"{re.escape(mark)}[{_STRENGTH},]") for mark in _STRENGTH + ",")


@cache
def _number_list() -> re.Pattern[str]:
    """Numbers joined by ASCII commas: 55%,500 or 1,000,000 (a comma right between
    a digit or % and a digit)."""
    return re.compile(r"[\d.%]+(?:,[\d.%]+)+")


def list_commas_between_digits(text: str, record: Record = None) -> str:
    """An ASCII comma between numbers in Chinese prose is a list comma
    (``，``) unless it separates thousands: digits, then groups of exactly
    three (``1,000``, ``12,345,678``).

    >>> list_commas_between_digits("补助55%,500万元，共1,000万元和12,345.5元，比例2,3,4。x 1,5")
    '补助55%，500万元，共1,000万元和12,345.5元，比例2，3，4。x 1,5'
    """
    if "," not in text or _comma_between_numbers().search(text) is None:
        return text
    pieces, position = [], 0
    for match in _number_lists(text):
        if _is_thousands(match.group(0)) or not _in_chinese(text, match.start(), match.end()):
            continue
        new = match.group(0).replace(",", "，")
        if record is not None:
            record.extend(
                Change(PUNCT, "list_commas_between_digits", match.start() + i, ",", "，")
                for i, char in enumerate(match.group(0))
                if char == ","
            )
        pieces += [text[position : match.start()], new]
        position = match.end()
    return "".join(pieces) + text[position:] if pieces else text


@cache
def _comma_between_numbers() -> re.Pattern[str]:
    """A comma with a digit or % before it and a digit after (the literal comma
    first: the scan jumps from comma to comma)."""
    return re.compile(r",(?<=[\d.%],)(?=\d)")


def _number_lists(text: str) -> list[re.Match[str]]:
    """The number lists around each comma between numbers, each once."""
    found: list[re.Match[str]] = []
    for comma in _comma_between_numbers().finditer(text):
        if found and comma.start() < found[-1].end():
            continue
        start = comma.start()
        while start > 0 and (text[start - 1].isdigit() or text[start - 1] in ".%,"):
            start -= 1
        match = _number_list().match(text, start)
        if match is not None and match.end() > comma.start():
            found.append(match)
    return found


def _is_thousands(numbers: str) -> bool:
    head, *groups = numbers.split(",")
    last = groups[-1]
    whole, _, fraction = last.partition(".")
    return (
        head.isdigit()
        and len(head) <= 3
        and all(len(g) == 3 and g.isdigit() for g in groups[:-1])
        and len(whole) == 3
        and whole.isdigit()
        and (not fraction or fraction.rstrip("%").isdigit())
    )


def _in_chinese(text: str, start: int, end: int) -> bool:
    """The number list stands beside Chinese text."""
    chinese = _chinese()
    return bool(chinese.match(_char_before(text, start)) or chinese.match(_char_after(text, end - 1)))
