"""Script conversion: OpenCC, then a table of corrections OpenCC cannot make.

One OpenCC converter per process and configuration, built on first use (no
work at import time); worker processes build their own.
"""

from __future__ import annotations

import re
from functools import cache
from os.path import commonprefix
from pathlib import Path
from typing import NamedTuple

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
    converted = _convert_by_lines(converter(config), text)
    if record is not None and converted != text:
        record.extend(_diff_changes(text, converted))
    return converted


# Convert a large text about this many characters at a time: as fast as larger
# slices, and OpenCC's C++ buffers for a slice of 1 M characters stayed resident
# (15 MB more peak memory on a 10 MB page).
_LINES_CHARS = 1 << 16


def _convert_by_lines(opencc_converter, text: str) -> str:  # opencc_converter: opencc.OpenCC
    """OpenCC's conversion, a slice at a time, each ending before an ASCII
    character (a line break, mostly): no phrase of the t2s, tw2s and hk2s
    dictionaries holds one, so the result is the same, and OpenCC's own copies
    (UTF-8 in and out, its segments: some 7 bytes a character) stay the size of
    a slice, not of the text, even for one long line (``,`` repeated).

    >>> _convert_by_lines(converter("t2s"), "網絡,發展\\n")
    '网络,发展\\n'
    """
    if len(text) <= _LINES_CHARS:
        return opencc_converter.convert(text)
    pieces, start, ascii_char = [], 0, _ascii_char()
    while start < len(text):
        cut = ascii_char.search(text, start + _LINES_CHARS)
        end = len(text) if cut is None else cut.start()
        pieces.append(opencc_converter.convert(text[start:end]))
        start = end
    return "".join(pieces)


@cache
def _ascii_char() -> re.Pattern[str]:
    return re.compile(r"[\x00-\x7f]")


def _diff_changes(before: str, after: str) -> list[Change]:
    """One change per converted character, found line by line (OpenCC keeps newlines)."""
    changes: list[Change] = []
    offset = 0
    for old_line, new_line in zip(before.split("\n"), after.split("\n")):
        if old_line != new_line:
            changes.extend(_line_changes(old_line, new_line, offset))
        offset += len(old_line) + 1
    return changes


def _line_changes(old: str, new: str, offset: int) -> list[Change]:
    if len(old) == len(new):
        return [
            Change(CONVERSION, "convert_script", offset + i, a, b) for i, (a, b) in enumerate(zip(old, new)) if a != b
        ]
    import difflib  # a phrase of another length: rare, so align this line only

    opcodes = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    return [
        Change(CONVERSION, "convert_script", offset + i1, old[i1:i2], new[j1:j2])
        for tag, i1, i2, j1, j2 in opcodes
        if tag != "equal"
    ]


class OverrideRule(NamedTuple):
    wrong: str
    right: str
    exceptions: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()  # the rule is off for a text holding any of these


def load_override_rules(path: Path = _OVERRIDES_FILE) -> tuple[OverrideRule, ...]:
    """The rules of ``data/overrides.tsv``: ``wrong<TAB>right[<TAB>exceptions[<TAB>unless]]``."""
    rules = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            wrong, right, *rest = line.split("\t")
            words = [tuple(column.split()) for column in rest[:2]]
            rules.append(OverrideRule(wrong, right, *words))
    return tuple(rules)


@cache
def _override_table(off: frozenset[str] = frozenset()) -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern matching every wrong text and every exception, leftmost-longest,
    for the rules whose wrong text is not in ``off``.

    Exceptions map to themselves, so a genuine word wins over a shorter fix
    inside it and is left as it is.
    """
    replacements: dict[str, str] = {}
    for rule in _rules():
        if rule.wrong in off:
            continue
        for word in rule.exceptions:
            replacements.setdefault(word, word)
        replacements[rule.wrong] = rule.right
    # Longest first: for literal alternatives, the first that matches is then
    # the longest at that position.  The standard library's ``re`` finds the
    # alternatives' first characters with one set lookup per position, several
    # times faster here than ``regex``'s named list.
    alternatives = sorted(replacements, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, alternatives))), replacements


def _rules_off(text: str) -> frozenset[str]:
    """The rules a text switches off: a page holding 着 came through a converter
    that keeps 着, so its 著 are genuine.  Each marker is searched for once,
    and only the few rules that have one are looked at.

    >>> sorted(_rules_off("随着发展")), _rules_off("发展")
    (['著', '著作为', '著作用'], frozenset())
    """
    by_marker = _rules_by_marker()
    return frozenset(wrong for marker, rules in by_marker.items() if marker in text for wrong in rules)


@cache
def _rules_by_marker() -> dict[str, tuple[str, ...]]:
    """Each marker that switches rules off → the wrong texts of those rules."""
    found: dict[str, list[str]] = {}
    for rule in _rules():
        for marker in rule.unless:
            found.setdefault(marker, []).append(rule.wrong)
    return {marker: tuple(wrongs) for marker, wrongs in found.items()}


@cache
def _rules() -> tuple[OverrideRule, ...]:
    return load_override_rules()


def apply_overrides(text: str, record: Record = None) -> str:
    """Undo what crude converters do that OpenCC keeps: ``朝著`` → ``朝着``, ``瞭`` → ``了``.

    >>> apply_overrides("朝著目标，著力推进，瞭解情况，谘询，发挥著作用")
    '朝着目标，着力推进，了解情况，咨询，发挥着作用'
    >>> apply_overrides("著作、显著、原著、著名、瞭望，显著作用")
    '著作、显著、原著、著名、瞭望，显著作用'

    A page that already holds 着 went through a converter that keeps it, so
    its 著 stay (鲁迅著):

    >>> apply_overrides("随着发展，鲁迅著"), apply_overrides("随著发展，鲁迅著")
    ('随着发展，鲁迅著', '随着发展，鲁迅着')
    """
    pattern, replacements = _override_table(_rules_off(text))

    def replace(match: re.Match[str]) -> str:
        found = match.group(0)
        fixed = replacements[found]
        if record is not None and fixed != found:
            record.append(_override_change(found, fixed, match.start()))
        return fixed

    return pattern.sub(replace, text)


def _override_change(found: str, fixed: str, offset: int) -> Change:
    """The change trimmed to the characters that differ: ``著作用`` → ``着作用`` is ``著`` → ``着``."""
    prefix = len(commonprefix([found, fixed]))
    suffix = len(commonprefix([found[prefix:][::-1], fixed[prefix:][::-1]]))
    return Change(
        OVERRIDE,
        "apply_overrides",
        offset + prefix,
        found[prefix : len(found) - suffix],
        fixed[prefix : len(fixed) - suffix],
    )
