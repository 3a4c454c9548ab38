"""Regenerate ``data/readings.tsv`` from pypinyin's character readings.

The pinyin-stripping step needs to know, for a Han character and a syllable,
whether the syllable is one of the character's readings.  Importing pypinyin
costs over 100 ms, so (as ftfy does with its character tables) the readings are
precomputed here into a compact table: one line per toneless syllable, then a
tab, then every character that has that reading.  Run it after upgrading
pypinyin::

    python -m wpclean.cleaner.gen_readings
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from wpclean.cleaner.syllables import normalize_syllable

DATA_FILE = Path(__file__).parent / "data" / "readings.tsv"


def build_table() -> dict[str, str]:
    """Map every toneless syllable to the string of characters that read so."""
    from pypinyin import pinyin_dict  # only the generator needs pypinyin

    chars_by_syllable: dict[str, list[str]] = defaultdict(list)
    for code_point, readings in sorted(pinyin_dict.pinyin_dict.items()):
        for reading in readings.split(","):
            syllable = normalize_syllable(reading)
            if syllable and chr(code_point) not in chars_by_syllable[syllable]:
                chars_by_syllable[syllable].append(chr(code_point))
    return {syllable: "".join(chars) for syllable, chars in sorted(chars_by_syllable.items())}


def write_table(path: Path = DATA_FILE) -> int:
    table = build_table()
    lines = [f"{syllable}\t{chars}\n" for syllable, chars in table.items()]
    path.write_text("".join(lines), encoding="utf-8")
    return len(lines)


if __name__ == "__main__":
    print(f"wrote {write_table()} syllables to {DATA_FILE}")
