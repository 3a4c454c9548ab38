"""ASCII punctuation in Chinese prose to its full-width form.

``,`` ``;`` ``:`` ``!`` ``?`` and paired ``( )`` become ``，；：！？（）`` where they
touch Chinese text; numbers, dates, times (``3.1``, ``2020-02-25 00:00:00``,
``1,000``), URLs and Latin text keep theirs.  Corner quotes ``「」『』`` become
``“”‘’``, the forms mainland documents use.
"""

from __future__ import annotations

import re
from functools import cache

import regex

from wpclean.cleaner.changes import PUNCT, Change, Record

FULL_WIDTH = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}
CORNER_QUOTES = {"「": "“", "」": "”", "『": "‘", "』": "’"}
_BETWEEN_DIGITS_STAYS = {",", ":"}  # 1,000 and 10:30
_WINDOW = 16  # how far to look past spaces for a neighbour


@cache
def _patterns() -> tuple[regex.Pattern[str], regex.Pattern[str], regex.Pattern[str]]:
    candidates = regex.compile(r"[,;:!?()「」『』]")
    protected = regex.compile(r"(?:https?|ftp)://[^\s\p{Han}，。；]+|www\.[^\s\p{Han}，。；]+", regex.I)
    # Chinese context: Han and CJK punctuation, except the forms this step
    # itself produces, so a converted neighbour cannot change a decision on a
    # second run (the step is idempotent).
    chinese = regex.compile(r"[\p{Han}\u3000-\u303f\uff00-\uffef“”‘’《》…—--[，；：！？（）]]", regex.V1)
    return candidates, protected, chinese


def normalize_punct(text: str, record: Record = None) -> str:
    """Full-width punctuation where ASCII punctuation touches Chinese text.

    >>> normalize_punct("日期:2020-02-25 00:00:00,深圳(南山)发展;网址 http://a.cn/x?a=1,b")
    '日期：2020-02-25 00:00:00，深圳（南山）发展；网址 http://a.cn/x?a=1,b'
    >>> normalize_punct("增长3.1%,共1,000所(AI)。f(x), g(y) and 「三农」")
    '增长3.1%，共1,000所（AI）。f(x), g(y) and “三农”'
    """
    if record is None:
        text = _convert_touching_marks(text)
        found = _leftover_positions(text)
    else:
        found = [m.start() for m in _patterns()[0].finditer(text)]
    protected = _patterns()[1]
    skip = {i for m in protected.finditer(text) for i in range(m.start(), m.end())} if found else set()
    positions = [at for at in found if at not in skip]
    if not positions:
        return text
    replacements = _decide(text, positions)
    if not replacements:
        return text
    pieces, position = [], 0
    for offset, new in sorted(replacements.items()):
        if record is not None:
            record.append(Change(PUNCT, "normalize_punct", offset, text[offset], new))
        pieces += [text[position:offset], new]
        position = offset + 1
    pieces.append(text[position:])
    return "".join(pieces)


def _convert_touching_marks(text: str) -> str:
    """The fast path for the common case: ``, ; : ! ?`` with a Chinese character
    right beside it is converted by one regular-expression pass, outside URLs.

    What it leaves (parentheses, corner quotes, marks beside a space or a
    full-width digit) goes through :func:`_decide` as before; the result is the
    same as deciding every mark there (tests/test_perf_paths.py checks this).
    """
    pattern = _touching_marks()
    protected = _patterns()[1]
    pieces = protected.split(text) if "://" in text or "www." in text.lower() else [text]
    urls = protected.findall(text) if len(pieces) > 1 else []
    converted = [pattern.sub(lambda m: FULL_WIDTH[m.group()], piece) for piece in pieces]
    return "".join(part for pair in zip(converted, [*urls, ""]) for part in pair)


@cache
def _chinese_ranges(exclude: str) -> str:
    """The Chinese-context class as literal ranges for ``re``, without ``exclude``."""
    from wpclean.cleaner.charclasses import HAN

    blocks = [chr(c) for c in (*range(0x3000, 0x3040), *range(0xFF00, 0xFFF0)) if chr(c) not in exclude]
    return HAN + "".join(re.escape(c) for c in [*blocks, *"“”‘’《》…—"])


@cache
def _touching_marks() -> re.Pattern[str]:
    chinese = _chinese_ranges("，；：！？（）０１２３４５６７８９")
    return re.compile(f"(?<=[{chinese}])[,;:!?]|[,;:!?](?=[{chinese}])")


_BESIDE_LEFTOVER = " ０１２３４５６７８９"  # a mark beside these may still need _decide


def _leftover_positions(text: str) -> list[int]:
    """What the fast path leaves for :func:`_decide`: parentheses, corner quotes,
    and marks beside a space or a full-width digit."""
    positions = []
    for match in _patterns()[0].finditer(text):
        at = match.start()
        if match.group() in "()「」『』" or text[at - 1 : at] in _BESIDE_LEFTOVER[1:] or _beside_space(text, at):
            positions.append(at)
    return positions


def _beside_space(text: str, at: int) -> bool:
    return text[at - 1 : at] == " " or text[at + 1 : at + 2] in _BESIDE_LEFTOVER


def _decide(text: str, positions: list[int]) -> dict[int, str]:
    replacements: dict[int, str] = {}
    open_parens: list[int] = []
    for i in positions:
        char = text[i]
        if char in CORNER_QUOTES:
            replacements[i] = CORNER_QUOTES[char]
        elif char == "(":
            open_parens.append(i)
        elif char == ")":
            opening = open_parens.pop() if open_parens else None
            if _paren_pair_is_chinese(text, opening, i):
                replacements[i] = "）"
                if opening is not None:
                    replacements[opening] = "（"
        elif _touches_chinese(text, i):
            replacements[i] = FULL_WIDTH[char]
    for opening in open_parens:  # unmatched "(": judged by its neighbours
        if _touches_chinese(text, opening):
            replacements[opening] = "（"
    return replacements


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
    chinese = _patterns()[2]
    return bool(chinese.match(before) or chinese.match(after))


def _paren_pair_is_chinese(text: str, opening: int | None, closing: int) -> bool:
    chinese = _patterns()[2]
    start = opening if opening is not None else closing
    inside = text[start + 1 : closing] if opening is not None else ""
    before, after = _char_before(text, start), _char_after(text, closing)
    return bool(chinese.search(inside) or chinese.match(before) or chinese.match(after))
