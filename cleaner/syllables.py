"""Pinyin syllable normalisation and the readings table.

Annotators write the same reading many ways: ``wǎng``, ``wang3``, ``wang``;
``lǜ``, ``lv4``, ``lu:``; ``de5`` or ``de0`` for the neutral tone.  Everything is
compared in one toneless form, with ü written ``v`` and ê written ``e``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

_READINGS_FILE = Path(__file__).parent / "data" / "readings.tsv"
_TONE_MARKS = {"\u0300", "\u0301", "\u0304", "\u030c"}  # grave, acute, macron, caron


@lru_cache(maxsize=8192)  # a page repeats a few hundred written syllables
def normalize_syllable(written: str) -> str | None:
    """Return the toneless, v-for-ü form of one written syllable, or None.

    >>> normalize_syllable("wǎng"), normalize_syllable("wang3"), normalize_syllable("lǜ")
    ('wang', 'wang', 'lv')
    >>> normalize_syllable("lu:4"), normalize_syllable("nü"), normalize_syllable("AI")
    ('lv', 'nv', None)
    >>> normalize_syllable("ề"), normalize_syllable("de0"), normalize_syllable("ḿ")
    ('e', 'de', 'm')
    """
    decomposed = unicodedata.normalize("NFD", written)
    bare = "".join(c for c in decomposed if c not in _TONE_MARKS)
    bare = unicodedata.normalize("NFC", bare).replace("u:", "v").replace("ü", "v").replace("ê", "e")
    if bare[-1:] in "012345" and bare[-1:]:
        bare = bare[:-1]
    return bare if _syllable_shape().fullmatch(bare) else None


@cache
def _syllable_shape() -> re.Pattern[str]:
    return re.compile(r"[a-zv]{1,6}")


@cache
def _readings_table() -> dict[str, str]:
    table: dict[str, str] = {}
    with _READINGS_FILE.open(encoding="utf-8") as lines:
        for line in lines:
            syllable, _, chars = line.rstrip("\n").partition("\t")
            table[syllable] = chars
    return table


@cache
def _characters_reading(syllable: str) -> str:
    """Every character read ``syllable``, as one string (looked up with ``in``:
    a page asks about a few thousand pairs, fewer than building sets would cost)."""
    table = _readings_table()
    chars = table.get(syllable, "")
    if "v" in syllable:  # annotators often drop the umlaut: lü written lu
        chars += table.get(syllable.replace("v", "u"), "")
    elif syllable[:1] in ("l", "n") and "u" in syllable:
        chars += table.get(syllable.replace("u", "v"), "")
    return chars


def is_reading(char: str, written_syllable: str) -> bool:
    """True when ``written_syllable`` is one of ``char``'s readings (tones ignored).

    >>> is_reading("深", "shen"), is_reading("網", "wǎng"), is_reading("积", "ha")
    (True, True, False)
    >>> is_reading("綠", "lv4"), is_reading("绿", "lu")
    (True, True)
    """
    syllable = normalize_syllable(written_syllable)
    return syllable is not None and len(char) == 1 and char in _characters_reading(syllable)
