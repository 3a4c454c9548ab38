"""Script conversion: OpenCC, then a table of corrections OpenCC cannot make.

One OpenCC converter per process and configuration, built on first use (no
work at import time); worker processes build their own.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import NamedTuple

import regex

from wpclean.cleaner.changes import CONVERSION, OVERRIDE, Change, Record

_OVERRIDES_FILE = Path(__file__).parent / "data" / "overrides.tsv"


@cache
def converter(config: str):  # -> opencc.OpenCC
    """The process-wide OpenCC converter for ``config`` (``t2s``, ``tw2s``, ``hk2s``)."""
    import opencc

    return opencc.OpenCC(f"{config}.json")


def convert_script(text: str, config: str = "t2s", record: Record = None) -> str:
    """Convert traditional characters to simplified with OpenCC.

    >>> convert_script("網絡為發展")
    '网络为发展'
    >>> convert_script("網絡", "none")
    '網絡'
    """
    if config == "none":
        return text
    converted = converter(config).convert(text)
    if record is not None and converted != text:
        record.extend(_diff_changes(text, converted))
    return converted


def _diff_changes(before: str, after: str) -> list[Change]:
    if len(before) != len(after):
        return [Change(CONVERSION, "convert_script", 0, before, after)]
    return [
        Change(CONVERSION, "convert_script", offset, old, new)
        for offset, (old, new) in enumerate(zip(before, after))
        if old != new
    ]


class OverrideRule(NamedTuple):
    wrong: str
    right: str
    exceptions: tuple[str, ...]


def load_override_rules(path: Path = _OVERRIDES_FILE) -> tuple[OverrideRule, ...]:
    rules = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            wrong, right, *rest = line.split("\t")
            rules.append(OverrideRule(wrong, right, tuple(rest[0].split()) if rest else ()))
    return tuple(rules)


@cache
def _override_pattern() -> tuple[regex.Pattern[str], dict[str, str]]:
    rules = load_override_rules()
    exceptions = sorted({word for rule in rules for word in rule.exceptions}, key=len, reverse=True)
    wrongs = sorted((rule.wrong for rule in rules), key=len, reverse=True)
    keep = "|".join(map(regex.escape, exceptions)) or "(?!)"
    fix = "|".join(map(regex.escape, wrongs))
    return regex.compile(f"(?P<keep>{keep})|(?P<fix>{fix})"), {rule.wrong: rule.right for rule in rules}


def apply_overrides(text: str, record: Record = None) -> str:
    """Undo what crude converters do that OpenCC keeps: ``朝著`` → ``朝着``, ``瞭`` → ``了``.

    >>> apply_overrides("朝著目标，著力推进，瞭解情况，谘询")
    '朝着目标，着力推进，了解情况，咨询'
    >>> apply_overrides("著作、显著、原著、著名、瞭望")
    '著作、显著、原著、著名、瞭望'
    """
    pattern, replacements = _override_pattern()

    def replace(match: regex.Match[str]) -> str:
        wrong = match.group("fix")
        if wrong is None:
            return match.group(0)
        if record is not None:
            record.append(Change(OVERRIDE, "apply_overrides", match.start(), wrong, replacements[wrong]))
        return replacements[wrong]

    return pattern.sub(replace, text)
