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


# Syllables that are a consonant alone (呣 m, 嗯 n/ng, 噷 hm, 哼 hng): a group
# may be one of them, but a longer group is never split into one (shen is
# 深, not she + n).
_CONSONANT_SYLLABLES = frozenset({"m", "n", "ng", "hm", "hng"})
_MAX_SYLLABLES = 8  # a word-level annotation covers at most this many characters
_MAX_SPLITS = 16  # segmentations kept per group (xian: xian, xi an)


@lru_cache(maxsize=8192)
def segmentations(written: str) -> tuple[tuple[str, ...], ...]:
    """Every way the written group splits into syllables, in their toneless form.

    Spaces, apostrophes, hyphens and tone digits end a syllable; a word may
    start with a capital letter (``Shēnzhèn``), but a group with any other
    capital is no annotation (``AI``, ``RCEP``).

    >>> segmentations("Shēnzhèn"), segmentations("fā zhǎn"), segmentations("zhong1 guo2")
    ((('shen', 'zhen'),), (('fa', 'zhan'),), (('zhong', 'guo'), ('zhong', 'gu', 'o')))
    >>> segmentations("xian"), segmentations("AI"), segmentations("km")
    ((('xian',), ('xi', 'an')), (), ())
    """
    words = _words(written)
    if words is None:
        return ()
    found: list[tuple[str, ...]] = [()]
    for word in words:
        found = [done + more for done in found for more in _split_word(word)][:_MAX_SPLITS]
        if not found:
            return ()
    return tuple(sorted((s for s in found if len(s) <= _MAX_SYLLABLES), key=len))


def _words(written: str) -> list[str] | None:
    """The group's words (toneless, ü as v), cut at separators and tone digits."""
    words = []
    for word in _separators().split(written.strip(" \u00a0")):
        if not word:
            continue
        if word[1:] != word[1:].lower():
            return None  # a capital inside a word: an abbreviation
        bare = unicodedata.normalize("NFD", word.lower())
        bare = "".join(c for c in bare if c not in _TONE_MARKS)
        bare = unicodedata.normalize("NFC", bare).replace("u:", "v").replace("ü", "v").replace("ê", "e")
        if not _word_shape().fullmatch(bare):
            return None
        words.append(bare)
    return words or None


@cache
def _separators() -> re.Pattern[str]:
    return re.compile(r"[ \u00a0'’\-]+|[0-5]")


@cache
def _word_shape() -> re.Pattern[str]:
    return re.compile(r"[a-zv]{1,48}")


@lru_cache(maxsize=4096)
def _split_word(word: str) -> tuple[tuple[str, ...], ...]:
    """The ways one word splits into syllables of the readings table."""
    table = _readings_table()
    if len(word) <= 6 and word in table:
        whole: list[tuple[str, ...]] = [(word,)]
    else:
        whole = []
    splits = whole + [
        (head, *rest)
        for cut in range(1, min(6, len(word) - 1) + 1)
        if (head := word[:cut]) in table and head not in _CONSONANT_SYLLABLES
        for rest in _split_word(word[cut:])
        if rest[-1] not in _CONSONANT_SYLLABLES
    ]
    return tuple(splits[:_MAX_SPLITS])


def reads_as(chars: str, written: str) -> bool:
    """True when the written group reads the last characters of ``chars``,
    one syllable per character, for as many characters as it has syllables.

    >>> reads_as("中国", "zhōngguó"), reads_as("深圳", "Shēnzhèn"), reads_as("发展", "fā zhǎn")
    (True, True, True)
    >>> reads_as("国", "zhōngguó"), reads_as("爱", "AI"), reads_as("西安", "xian")
    (False, False, True)
    """
    for syllables in segmentations(written):
        if len(syllables) > len(chars):
            break
        tail = chars[len(chars) - len(syllables) :]
        if all(char in _characters_reading(syllable) for char, syllable in zip(tail, syllables)):
            return True
    return False


def could_span_characters(written: str) -> bool:
    """True when the group may be read as more than one syllable (its
    decision then depends on more than the character right before it).

    >>> could_span_characters("xian"), could_span_characters("shen")
    (True, False)
    """
    return any(len(syllables) > 1 for syllables in segmentations(written))


def starts_a_reading(char: str, written: str) -> bool:
    """True when ``written`` (possibly empty) is the start of one of ``char``'s
    readings: a group a page was cut in the middle of (``中(zho``).

    >>> starts_a_reading("中", "zho"), starts_a_reading("中", ""), starts_a_reading("中", "gu")
    (True, True, False)
    """
    words = _words(written) if written else [""]
    if words is None or len(words) != 1:
        return False
    return any(syllable.startswith(words[0]) and char in chars for syllable, chars in _readings_table().items())
