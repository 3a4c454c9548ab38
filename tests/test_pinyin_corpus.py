"""Precision and recall of pinyin stripping, measured on generated cases.

Positives: every Han character pypinyin knows, with each of its readings, in
each written form (tone marks, toneless, tone digit, ü as v and u:), and each
reading once more in each wrapping (full-width parentheses, a space before,
repeated and mixed runs).  Negatives: every character with a syllable that is
not one of its readings, and real parentheticals after Han characters.

Print the figures with ``python -m tests.test_pinyin_corpus``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import pytest
import regex

from tools.gen_readings import own_readings
from wpclean.cleaner.pinyin import strip_pinyin
from wpclean.cleaner.syllables import normalize_syllable

_TONE_DIGITS = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}

# Real parentheticals after Han characters: the must-not-change cases and
# the lower-case Latin that government pages put in parentheses.
REAL_PARENTHETICALS = [
    "深圳（深圳）",
    "办法（试行）",
    "人工智能（AI）",
    "协定（RCEP）",
    "细颗粒物（PM2.5）",
    "微机电系统（MEMS）",
    "计划（2021-2023年）",
    "开放（责任单位：省商务厅）",
    "考核（3分）",
    "面积(ha)",
    "面积（ha）",
    "客户端(app)",
    "移动应用（app）",
    "Use the API (app) now",
    "see the docs (web) here",
    "单位(mm)",
    "长度（km）",
    "重量（kg）",
    "功率（kw）",
    "浓度（mg）",
    "容量（ml）",
    "网站(www)",
    "格式（pdf）",
    "网页（html）",
    "邮箱（email）",
    "浓度(ppm)",
    "接入(wifi)",
    "论坛（bbs）",
    "速率（bps）",
    "选项(a)",
    "条款（b）",
    "附件(c)",
    "比例(%)",
]
LATIN_WORDS = [
    "app",
    "web",
    "wifi",
    "km",
    "kg",
    "mm",
    "cm",
    "ml",
    "mg",
    "kw",
    "kwh",
    "ppm",
    "pdf",
    "html",
    "www",
    "email",
    "bbs",
    "bps",
    "cpu",
    "gps",
    "led",
    "usb",
    "api",
    "sql",
    "vr",
    "ar",
    "iot",
    "etc",
    "via",
    "vs",
]


ANNOTATION, NOT_A_READING, REAL = "annotation", "not a reading", "real parenthetical"


@dataclass(frozen=True)
class Case:
    text: str
    expected: str
    kind: str  # ANNOTATION must go; NOT_A_READING and REAL must stay

    @property
    def positive(self) -> bool:
        return self.kind == ANNOTATION


def tone_digit(toned: str) -> str:
    """``wǎng`` → ``wang3``; a reading without a tone mark gets 5 (neutral).

    >>> tone_digit("wǎng"), tone_digit("lǜ"), tone_digit("de"), tone_digit("ḿ")
    ('wang3', 'lü4', 'de5', 'm2')
    """
    decomposed = unicodedata.normalize("NFD", toned)
    digit = next((_TONE_DIGITS[c] for c in decomposed if c in _TONE_DIGITS), "5")
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_DIGITS))
    return bare + digit


def spellings(toned: str) -> list[str]:
    """Every way an annotator writes one reading."""
    numbered = tone_digit(toned)
    toneless = numbered[:-1]
    forms = [toned, toneless, numbered]
    if "ü" in toneless:
        forms += [form.replace("ü", ugly) for form in (toneless, numbered) for ugly in ("v", "u:")]
    return list(dict.fromkeys(forms))


WRAPPINGS = [
    lambda s: f"（{s}）",
    lambda s: f" ({s})",
    lambda s: f"\u00a0（{s}）",
    lambda s: f"( {s} )",
    lambda s: f"({s})({s})",
    lambda s: f"({s})({s})({s})",
    lambda s: f"({s}) （{tone_digit(s)}）",
]


@cache
def pypinyin_readings() -> dict[str, tuple[str, ...]]:
    """Every Han character pypinyin knows (not its private-use code points), with its readings."""
    from pypinyin import pinyin_dict

    readings = {chr(cp): tuple(written.split(",")) for cp, written in pinyin_dict.pinyin_dict.items()}
    return {char: found for char, found in readings.items() if regex.fullmatch(r"\p{Han}", char)}


def positive_cases() -> Iterator[Case]:
    for char, readings in pypinyin_readings().items():
        for i, reading in enumerate(readings):
            for spelling in spellings(reading):
                yield Case(f"{char}({spelling})", char, ANNOTATION)
            wrap = WRAPPINGS[(ord(char) + i) % len(WRAPPINGS)]
            yield Case(char + wrap(reading), char, ANNOTATION)


def negative_cases() -> Iterator[Case]:
    readings = own_readings()
    syllables = sorted({s for found in readings.values() for s in found})
    for char in pypinyin_readings():
        step = ord(char) % len(syllables)
        wrong = next(
            s for k in range(len(syllables)) if (s := syllables[(step + 7 * k) % len(syllables)]) not in readings[char]
        )
        yield Case(f"{char}({wrong})", f"{char}({wrong})", NOT_A_READING)
    for text in REAL_PARENTHETICALS:
        yield Case(text, text, REAL)
    for i, word in enumerate(LATIN_WORDS):
        for char in "积量度率站箱机用件统网号":
            text = f"{char}({word})" if i % 2 else f"{char}（{word}）"
            yield Case(text, text, REAL)


@dataclass(frozen=True)
class Score:
    positives: int
    negatives: int
    stripped: int  # positives cleaned exactly
    missed: list[Case]
    wrongly_changed: list[Case]

    @property
    def recall(self) -> float:
        return self.stripped / self.positives

    @property
    def precision(self) -> float:
        return self.stripped / (self.stripped + len(self.wrongly_changed))


def score(cases: list[Case]) -> Score:
    """Strip all cases in one text (one per line) and compare line by line."""
    results = strip_pinyin("\n".join(case.text for case in cases)).split("\n")
    assert len(results) == len(cases)
    missed = [case for case, got in zip(cases, results) if case.positive and got != case.expected]
    wrong = [case for case, got in zip(cases, results) if not case.positive and got != case.expected]
    positives = sum(case.positive for case in cases)
    return Score(positives, len(cases) - positives, positives - len(missed), missed, wrong)


@pytest.fixture(scope="module")
def measured() -> Score:
    return score([*positive_cases(), *negative_cases()])


def test_every_reading_of_every_character_in_every_form_is_stripped(measured: Score) -> None:
    assert measured.positives > 200_000
    assert measured.missed == []
    assert measured.recall == 1.0


def test_real_parentheticals_stay_and_almost_no_foreign_syllable_is_stripped(measured: Score) -> None:
    assert [case for case in measured.wrongly_changed if case.kind == REAL] == []
    assert measured.negatives > 40_000
    assert measured.precision >= 0.9999


def test_readings_are_compared_without_tones_and_with_either_u_umlaut_spelling() -> None:
    assert {normalize_syllable(s) for s in spellings("lǜ")} == {"lv"}


if __name__ == "__main__":
    result = score([*positive_cases(), *negative_cases()])
    print(f"positives {result.positives:,}  negatives {result.negatives:,}")
    print(
        f"recall {result.recall:.5f} (missed {len(result.missed)})  precision {result.precision:.5f} "
        f"(wrongly stripped {len(result.wrongly_changed)})"
    )
    for case in result.missed[:10] + result.wrongly_changed[:10]:
        print("  ", case)
