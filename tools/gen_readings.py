"""Regenerate ``data/readings.tsv`` from pypinyin's character readings.

The pinyin-stripping step needs to know, for a Han character and a syllable,
whether the syllable is one of the character's readings.  Importing pypinyin
costs over 100 ms, so (as ftfy does with its character tables) the readings are
precomputed here into a compact table: one line per toneless syllable, then a
tab, then every character that has that reading.

A character also gets the readings of its counterparts in the other script
(OpenCC t2s and s2t, and the single-character rules of ``data/overrides.tsv``),
so an annotation written for ``了`` still goes when a converter has turned the
character into ``瞭``.  Run it after upgrading pypinyin or editing the overrides::

    python -m tools.gen_readings
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from wpclean.cleaner.syllables import normalize_syllable

DATA_FILE = Path(__file__).parent / "data" / "readings.tsv"


def own_readings() -> dict[str, set[str]]:
    """Every character's toneless readings, all heteronyms, from pypinyin."""
    from pypinyin import pinyin_dict  # only the generator needs pypinyin

    readings: dict[str, set[str]] = {}
    for code_point, written in pinyin_dict.pinyin_dict.items():
        syllables = {normalize_syllable(reading) for reading in written.split(",")}
        readings[chr(code_point)] = {syllable for syllable in syllables if syllable}
    return readings


def counterparts(char: str) -> set[str]:
    """The characters ``char`` may stand for after a trip through another script."""
    from wpclean.cleaner.script import converter, load_override_rules

    found = {converter("t2s").convert(char), converter("s2t").convert(char)}
    found |= {rule.right for rule in load_override_rules() if rule.wrong == char and len(rule.right) == 1}
    return {other for other in found if len(other) == 1 and other != char}


def build_table() -> dict[str, str]:
    """Map every toneless syllable to the string of characters that read so."""
    readings = own_readings()
    chars_by_syllable: dict[str, set[str]] = defaultdict(set)
    for char, syllables in readings.items():
        for other in counterparts(char):
            syllables = syllables | readings.get(other, set())
        for syllable in syllables:
            chars_by_syllable[syllable].add(char)
    return {syllable: "".join(sorted(chars)) for syllable, chars in sorted(chars_by_syllable.items())}


def write_table(path: Path = DATA_FILE) -> int:
    table = build_table()
    lines = [f"{syllable}\t{chars}\n" for syllable, chars in table.items()]
    path.write_text("".join(lines), encoding="utf-8")
    return len(lines)


if __name__ == "__main__":
    print(f"wrote {write_table()} syllables to {DATA_FILE}")
