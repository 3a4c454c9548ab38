"""Chinese numerals as they appear in markers: 一 … 十 … 九十九, 一百."""

from __future__ import annotations

from functools import lru_cache

from wpclean.parser.tables import CHINESE_DIGITS, CHINESE_UNITS


@lru_cache(maxsize=4096)  # markers repeat a few dozen numerals
def chinese_to_int(numeral: str) -> int | None:
    """The value of a Chinese numeral up to 999, or None if it is not one.

    >>> [chinese_to_int(n) for n in ("一", "十", "十五", "二十", "二十三", "一百零二", "二○○七")]
    [1, 10, 15, 20, 23, 102, 2007]
    >>> chinese_to_int("十十"), chinese_to_int("是")
    (None, None)
    """
    if not numeral:
        return None
    if all(c in CHINESE_DIGITS for c in numeral):  # positional: 二○○七
        return int("".join(str(CHINESE_DIGITS[c]) for c in numeral))
    total, digit, last_unit = 0, None, 1000
    for char in numeral:
        if char in CHINESE_DIGITS:
            if digit:  # two digits in a row (一二) is not a number
                return None
            digit = CHINESE_DIGITS[char]
        elif char in CHINESE_UNITS and CHINESE_UNITS[char] < last_unit:
            last_unit = CHINESE_UNITS[char]
            total += (1 if digit is None else digit) * last_unit
            digit = None
        else:
            return None
    return total + (digit or 0)
