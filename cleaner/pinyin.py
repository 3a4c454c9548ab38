"""Strip pinyin annotations that scrapers interleave after Han characters.

``深(shen)圳`` → ``深圳``; ``教(jiao)(jiao)育`` → ``教育``; ``縣(市、區(qū))`` →
``縣(市、區)``.  Every written form is recognised: toneless, tone marks
(``wǎng``, ``lǜ``, ``ḿ``, ``ế``), tone digits 0–5 (``wang3``, ``lv4``, ``de5``), ü as
``v`` or ``u:``, ASCII or full-width parentheses, a space (or no-break space)
before the parenthesis or inside it, and runs of any length in any mix.

An annotation is removed only when its syllable is a reading of the character
right before it (pypinyin's readings, all heteronyms, plus those of the
character's simplified or traditional counterpart), so real parentheticals such
as ``面积(ha)``, ``(AI)`` or ``(深圳)`` stay.  Upper-case letters never belong to
an annotation (``爱(AI)``).  A Han character is never removed.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterator
from functools import cache

import regex

from wpclean.cleaner.changes import ANNOTATION, Change, Record
from wpclean.cleaner.charclasses import HAN
from wpclean.cleaner.syllables import is_reading

# Letters an annotation may be written with: lower-case ASCII, vowels with tone
# marks, ü, and the colon of "u:"; then an optional tone digit.  Upper case is
# never an annotation (AI, RCEP, MEMS), which keeps Latin abbreviations safe.
_SYLLABLE = r"[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêếềńňǹḿ\u0300\u0301\u0302\u0304\u030c:]{1,8}[0-5]?"
_SPACE = r"[ \u00a0]?"
_MEMO_LIMIT = 200_000  # distinct runs remembered per process
_GROUP = rf"(?P<group>{_SPACE}[(（]{_SPACE}(?P<syllable>{_SYLLABLE}){_SPACE}[)）])"


@cache
def _annotation_run() -> regex.Pattern[str]:
    return regex.compile(rf"(?P<han>\p{{Han}})(?P<run>{_GROUP}+)")


@cache
def _fast_annotation_run() -> re.Pattern[str]:
    """The same runs as :func:`_annotation_run` for the standard library's
    ``re``, without their Han character (it is the last character before the
    run).

    The pattern starts with a class of four characters (the run's first
    parenthesis, or the space before it), so ``re`` jumps from one to the
    next instead of trying every Han character; the Han character is checked
    behind.  The quantifiers are possessive: no character
    a group ends with can start what follows, so giving any back never finds
    another match, and keeping no backtracking state is faster.
    """
    syllable = _SYLLABLE.replace("{1,8}", "{1,8}+")
    # A parenthesis, or a space before one; the Han character behind it; after
    # a space, the parenthesis.  The two branches exclude each other (what
    # stands behind is a parenthesis or a space), so nothing backtracks into
    # the wrong one (一((jiao) stays), and the Han class appears once: ``re``
    # takes milliseconds to compile each copy.
    first = rf"[(（ \u00a0](?<=[{HAN}].)(?:(?<=[(（])|(?<=[ \u00a0])[(（])"
    rest = f"{_SPACE}{syllable}{_SPACE}[)）](?:{_SPACE}[(（]{_SPACE}{syllable}{_SPACE}[)）])*+"
    return re.compile(f"({first}{rest})")


def strip_pinyin(text: str, record: Record = None) -> str:
    """Remove every run of reading annotations after a Han character.

    >>> strip_pinyin("深(shen)圳教(jiao)(jiao)育，網(wǎng)絡，中(zhong1)国")
    '深圳教育，網絡，中国'
    >>> strip_pinyin("香港中文大學(深(shen)圳(zhen))，縣(市、區(qū))")
    '香港中文大學(深圳)，縣(市、區)'
    >>> strip_pinyin("面积(ha)、(AI)、(深圳)、爱(AI)、深 （shen）、綠( lu:4 )、的(de5)")
    '面积(ha)、(AI)、(深圳)、爱(AI)、深、綠、的'
    """
    if record is None:
        return _strip_fast(text)
    return _annotation_run().sub(lambda match: _strip_run(match, record), text)


def _strip_fast(text: str) -> str:
    """The same decisions without a record, a slice of the text at a time
    (see :func:`_slices`: the split's pieces of a 10 MB page would take ten
    times its size)."""
    if len(text) <= _SLICE:
        return _strip_slice(text)
    return "".join(_strip_slice(piece) for piece in _slices(text))


def _strip_slice(text: str) -> str:
    """Split the text at the runs (one C pass) and look each run, with the Han
    character before it, up in a memo, since a page repeats the same few
    thousand runs (深(shen), 教(jiao)(jiao)) many times.  ``map`` keeps the
    lookups in C: no Python frame per known run."""
    pieces = _fast_annotation_run().split(text)
    if len(pieces) == 1:
        return text
    keys = map(operator.add, map(_last, pieces[0:-1:2]), pieces[1::2])  # 深 + (shen)
    pieces[1::2] = map(_run_memo().__getitem__, keys)
    return "".join(pieces)


_SLICE = 1 << 16  # characters
_CUTS = ("\n", "。")  # no run holds one, and none is a Han character a run could follow


def _slices(text: str) -> Iterator[str]:
    """Consecutive slices of about ``_SLICE`` characters, each ending just after a
    line break or a 。, so that stripping each gives what stripping the whole
    would (a slice with neither runs on to the next one, or to the end)."""
    start = 0
    while start < len(text):
        end = _cut(text, start, start + _SLICE)
        yield text[start:end]
        start = end


def _cut(text: str, start: int, at: int) -> int:
    if at >= len(text):
        return len(text)
    for mark in _CUTS:
        found = text.rfind(mark, start, at)
        if found != -1:
            return found + 1
    after = [found for mark in _CUTS if (found := text.find(mark, at)) != -1]
    return min(after) + 1 if after else len(text)


_last = operator.itemgetter(-1)  # a run's Han character ends the piece before it


class _StrippedRuns(dict[str, str]):
    """Han character + its annotation run → what stripping leaves of the run
    after the character, computed on first use."""

    def __missing__(self, key: str) -> str:
        if len(self) > _MEMO_LIMIT:  # bounded: a page of distinct runs must not fill memory
            self.clear()
        self[key] = kept = _kept_of_run(key[0], key[1:])
        return kept


@cache
def _fast_group() -> re.Pattern[str]:
    return re.compile(f"{_SPACE}[(（]{_SPACE}({_SYLLABLE}){_SPACE}[)）]")


def _kept_of_run(han: str, run: str) -> str:
    """What stripping leaves of ``run``, the annotation groups after ``han``:
    everything from the first group that is not a reading of ``han`` on (the
    same decision as :func:`_strip_run`, without compiling ``regex``'s pattern)."""
    for group in _fast_group().finditer(run):  # the run is nothing but groups, one after another
        if not is_reading(han, group.group(1)):
            return run[group.start() :]
    return ""


@cache
def _run_memo() -> _StrippedRuns:
    return _StrippedRuns()


def count_removed(before: str, after: str) -> int:
    """How many annotations stripping removed: each held exactly one opening parenthesis.

    >>> count_removed("教(jiao)(jiao)育(AI)", "教育(AI)")
    2
    """
    return before.count("(") + before.count("（") - after.count("(") - after.count("（")


def _strip_run(match: regex.Match[str], record: Record) -> str:
    """Drop the leading annotations that are readings of the character; keep the rest."""
    han = match.group("han")
    syllables = match.captures("syllable")
    spans = match.spans("group")
    kept = next((i for i, syllable in enumerate(syllables) if not is_reading(han, syllable)), len(syllables))
    if kept == 0:
        return match.group(0)
    if record is not None:
        for start, end in spans[:kept]:
            record.append(Change(ANNOTATION, "strip_pinyin", start, match.string[start:end], ""))
    return han + match.string[spans[kept - 1][1] : match.end()]
