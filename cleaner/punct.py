"""ASCII punctuation in Chinese prose to its full-width form.

``,`` ``;`` ``:`` ``!`` ``?`` and paired ``( )`` become ``，；：！？（）`` where they
touch Chinese text; numbers, dates, times (``3.1``, ``2020-02-25 00:00:00``,
``1,000``), URLs and Latin text keep theirs.  Corner quotes ``「」『』`` become
``“”‘’``, the forms mainland documents use.
"""

from __future__ import annotations

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
    candidates, protected, _ = _patterns()
    skip = {i for m in protected.finditer(text) for i in range(m.start(), m.end())}
    positions = [m.start() for m in candidates.finditer(text) if m.start() not in skip]
    if not positions:
        return text
    replacements = _decide(text, positions)
    if not replacements:
        return text
    chars = list(text)
    for offset, new in sorted(replacements.items()):
        if record is not None:
            record.append(Change(PUNCT, "normalize_punct", offset, chars[offset], new))
        chars[offset] = new
    return "".join(chars)


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
