"""Drop noise symbols: emoji and pictographs a content-farm page injects
around and inside the text (``国(guo)⛦(guo)务``, ``就☂(jiu)是``,
``社会主义(y🎐i)``), and invisible characters (zero-width spaces, Hangul
fillers).  The code points live in ``data/noise.txt``.

Run before the annotation stripper: a symbol between a character and its
annotation, or inside the annotation, would hide the annotation from it.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from wpclean.cleaner.changes import NOISE, Change, Record

_NOISE_FILE = Path(__file__).parent / "data" / "noise.txt"


def _ranges(lines: list[str]) -> list[tuple[int, int]]:
    ranges = []
    for line in lines:
        first, _, last = line.split("\t")[0].partition("-")
        ranges.append((int(first, 16), int(last or first, 16)))
    return ranges


@cache
def noise_ranges() -> tuple[tuple[int, int], ...]:
    """The dropped code points as inclusive ranges, the kept symbols cut out.

    >>> [any(a <= ord(c) <= b for a, b in noise_ranges()) for c in "🎉☂★"]  # ★ stays
    [True, True, False]
    """
    lines = [
        line
        for line in _NOISE_FILE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    dropped = _ranges([line for line in lines if not line.startswith("keep ")])
    kept = _ranges([line.removeprefix("keep ") for line in lines if line.startswith("keep ")])
    result = []
    for first, last in sorted(dropped):
        start = first
        for keep_first, keep_last in sorted(kept):
            if keep_last < start or keep_first > last:
                continue
            if keep_first > start:
                result.append((start, keep_first - 1))
            start = keep_last + 1
        if start <= last:
            result.append((start, last))
    return tuple(result)


def _class(ranges: tuple[tuple[int, int], ...]) -> str:
    return "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in ranges)


@cache
def _noise() -> re.Pattern[str]:
    return re.compile(f"[{_class(noise_ranges())}]")


@cache
def _bmp_noise() -> re.Pattern[str]:
    """The noise of the Basic Multilingual Plane: a class of half the size,
    scanned twice as fast."""
    return re.compile(f"[{_class(tuple((a, min(b, 0xFFFF)) for a, b in noise_ranges() if a <= 0xFFFF))}]")


def _has_noise(text: str) -> bool:
    """Whether ``text`` holds noise.  Emoji lie beyond the BMP: a text has any
    such character only when its UTF-16 form is longer than two bytes a
    character (an encoding is a copy, several times faster than a scan).
    Within the BMP, the class is scanned only when the text may hold noise
    (:func:`_may_hold_bmp_noise`).

    >>> _has_noise("正文"), _has_noise("正文🎉"), _has_noise("𠀀正文"), _has_noise("坚持\u200b党"), _has_noise("★☂")
    (False, True, False, True, True)
    """
    units = text.encode("utf-16-le", "surrogatepass")
    if len(units) != 2 * len(text):
        return _noise().search(text) is not None
    return _may_hold_bmp_noise(text, units) and _bmp_noise().search(text) is not None


def _may_hold_bmp_noise(text: str, units: bytes) -> bool:
    """False when ``text`` (``units``: its UTF-16-LE form) holds no BMP noise:
    none of the few noise characters of the blocks of 256 that Chinese text
    uses (Latin-1, general punctuation, full-width forms: each looked for
    with ``in``, a memchr), and no character at all of the blocks that hold
    many (symbols, dingbats: their high bytes found by one ``translate``).
    Both together cost a third of a scan of the class.

    >>> _may_hold_bmp_noise("正文，“引号”", "正文，“引号”".encode("utf-16-le")), _may_hold_bmp_noise("★", "★".encode("utf-16-le"))
    (False, True)
    """
    few, other_blocks = _noise_by_block()
    return any(char in text for char in few) or bool(units[1::2].translate(None, other_blocks))


_FEW_IN_A_BLOCK = 8  # a block with at most this many noise characters has them looked for one by one


@cache
def _noise_by_block() -> tuple[str, bytes]:
    """The BMP noise characters of blocks holding few of them, and the high
    bytes of every other block (those holding none, or many)."""
    chars = [chr(code) for first, last in noise_ranges() for code in range(first, min(last, 0xFFFF) + 1)]
    blocks: dict[int, list[str]] = {}
    for char in chars:
        blocks.setdefault(ord(char) >> 8, []).append(char)
    few = "".join(char for block in blocks.values() if len(block) <= _FEW_IN_A_BLOCK for char in block)
    many = {high for high, block in blocks.items() if len(block) > _FEW_IN_A_BLOCK}
    return few, bytes(high for high in range(256) if high not in many)


def drop_noise(text: str, record: Record = None) -> str:
    """Remove every noise symbol and invisible character.

    >>> drop_noise("国(guo)⛦(guo)务，就☂(jiu)是，社会主义(y🎐i)，坚持\\u200b党的领导，★重点")
    '国(guo)(guo)务，就(jiu)是，社会主义(yi)，坚持党的领导，★重点'
    """
    if not _has_noise(text):
        return text
    if record is not None:
        record.extend(
            Change(NOISE, "drop_noise", match.start(), match.group(0), "") for match in _noise().finditer(text)
        )
    return _noise().sub("", text)


def drop_noise_counted(text: str) -> tuple[str, int]:
    """The fast path: the text without noise, and how many characters went.

    >>> drop_noise_counted("就☂(jiu)是🎉")
    ('就(jiu)是', 2)
    """
    if not _has_noise(text):
        return text, 0
    dropped = _noise().sub("", text)
    return dropped, len(text) - len(dropped)
