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

import re
from collections.abc import Iterator
from functools import cache

from wpclean.cleaner.changes import ANNOTATION, Change, Record
from wpclean.cleaner.charclasses import HAN
from wpclean.cleaner.syllables import could_span_characters, reads_as, starts_a_reading

# Letters an annotation may be written with: ASCII letters, vowels with tone
# marks, ü, the colon of "u:", tone digits, and the spaces, apostrophes and
# hyphens between the syllables of a word-level group.  The pattern only finds
# candidates; :func:`wpclean.cleaner.syllables.reads_as` decides (a capital
# inside a word, as in AI, RCEP or MEMS, is never an annotation).
_UPPER = "A-ZĀÁǍÀĒÉĚÈĪÍǏÌŌÓǑÒŪÚǓÙǕǗǙǛÜÊ"
_LOWER = "a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêếềńňǹḿ\u0300\u0301\u0302\u0304\u030c:"
_LETTER = _UPPER + _LOWER
# Words (a capital may start one), joined by up to two separators (a tone
# digit, a space, an apostrophe, a hyphen); a tone digit and a space may end it.
_WORD = f"[{_LETTER}][{_LOWER}]{{0,7}}"
_BODY = rf"{_WORD}(?:[0-5'’ \u00a0-]{{0,2}}{_WORD}){{0,7}}[0-5]?[ \u00a0]?"
_OPEN, _CLOSE = "(（\\[【", ")）\\]】"  # as the inside of a character class
_PAIRS = {"(": "round", "（": "round", ")": "round", "）": "round", "[": "[", "]": "[", "【": "【", "】": "【"}
_SPACE = r"[ \u00a0]?"
_MEMO_LIMIT = 200_000  # distinct runs remembered per process
_CONTEXT = 8  # a word-level group reads at most this many characters before it
_NEEDS_CONTEXT = None  # a memo entry whose decision depends on more than the last character


@cache
def _fast_annotation_run() -> re.Pattern[str]:
    """A run of annotation-shaped groups right after a Han character, without
    the character (it is the last character before the run).

    The pattern starts with a class of the opening brackets and the spaces, so
    ``re`` jumps from one to the next instead of trying every Han character;
    the Han character is checked behind.  The quantifiers are possessive: no
    character a group ends with can start what follows, so giving any back
    never finds another match, and keeping no backtracking state is faster.
    """
    body = _possessive(_BODY)
    # An opening bracket, or a space before one; the Han character behind it;
    # after a space, the bracket.  The two branches exclude each other (what
    # stands behind is a bracket or a space), so nothing backtracks into
    # the wrong one (一((jiao) stays), and the Han class appears once: ``re``
    # takes milliseconds to compile each copy.
    first = rf"[{_OPEN} \u00a0](?<=[{HAN}].)(?:(?<=[{_OPEN}])|(?<=[ \u00a0])[{_OPEN}])"
    rest = f"{_SPACE}{body}[{_CLOSE}](?:{_SPACE}[{_OPEN}]{_SPACE}{body}[{_CLOSE}])*+"
    return re.compile(f"({first}{rest})")


def _possessive(pattern: str) -> str:
    """``pattern`` with every bounded repetition possessive (no character a
    word ends with can start what follows it, so giving back never helps)."""
    return re.sub(r"(\{\d,\d\})", r"\1+", pattern)


def strip_pinyin(text: str, record: Record = None) -> str:
    """Remove every run of reading annotations after Han characters.

    >>> strip_pinyin("深(shen)圳教(jiao)(jiao)育，網(wǎng)絡，中(zhong1)国")
    '深圳教育，網絡，中国'
    >>> strip_pinyin("香港中文大學(深(shen)圳(zhen))，縣(市、區(qū))")
    '香港中文大學(深圳)，縣(市、區)'
    >>> strip_pinyin("面积(ha)、(AI)、(深圳)、爱(AI)、深 （shen）、綠( lu:4 )、的(de5)")
    '面积(ha)、(AI)、(深圳)、爱(AI)、深、綠、的'

    Word-level groups read as many characters as they have syllables;
    capitalised words and square or lenticular brackets are annotations too:

    >>> strip_pinyin("中国(zhōngguó)发展(fā zhǎn)，深圳(Shēnzhèn)，深[shēn]圳【zhèn】，国(zhōngguó)")
    '中国发展，深圳，深圳，国(zhōngguó)'
    """
    if record is None:
        return _strip_fast(text)
    return _strip_sequential(text, record)


def _strip_sequential(text: str, record: Record) -> str:
    """Strip run after run, reading each run's characters from the text as
    stripped so far (a word-level group may read characters that stood on
    either side of a group already removed: 中(zhong)国(zhongguo))."""
    pieces: list[str] = []
    position, tail = 0, ""
    for match in _fast_annotation_run().finditer(text):
        between = text[position : match.start()]
        tail = (tail + between)[-_CONTEXT:]
        run = match.group(0)
        groups = list(_fast_group().finditer(run))
        removed = _groups_removed(_han_suffix(tail), groups)
        kept = run[groups[removed - 1].end() :] if removed else run
        if record is not None:
            record.extend(
                Change(ANNOTATION, "strip_pinyin", match.start() + group.start(), group.group(0), "")
                for group in groups[:removed]
            )
        pieces += [between, kept]
        tail = (tail + kept)[-_CONTEXT:]
        position = match.end()
    if not pieces:
        return text
    pieces.append(text[position:])
    return "".join(pieces)


def _han_suffix(text: str) -> str:
    """The Han characters that end ``text``."""
    found = _trailing_han().search(text)
    return found.group(0) if found else ""


@cache
def _trailing_han() -> re.Pattern[str]:
    return re.compile(f"[{HAN}]+$")


def _groups_removed(chars: str, groups: list[re.Match[str]], last_only: bool = False) -> int:
    """How many of a run's leading groups are readings of ``chars`` (the Han
    characters before the run); with ``last_only`` (``chars`` is only the
    last of them), :data:`_NEEDS_CONTEXT` when the answer may depend on more."""
    for number, group in enumerate(groups):
        opening, written, closing = group.group(1, 2, 3)
        if _PAIRS[opening] != _PAIRS[closing]:
            return number
        if reads_as(chars[-1:], written):
            continue
        if last_only and could_span_characters(written):
            return _NEEDS_CONTEXT  # type: ignore[return-value]
        if not reads_as(chars, written):
            return number
    return len(groups)


def _strip_fast(text: str) -> str:
    """The same decisions without a record, a slice of the text at a time
    (see :func:`_slices`: the split's pieces of a 10 MB page would take ten
    times its size)."""
    if len(text) <= _SLICE:
        return _strip_slice(text)
    stripped, context = [], ""
    for piece in _slices(text):
        stripped.append(_strip_slice(piece, context))
        context = (context + stripped[-1])[-_CONTEXT:]
    return "".join(stripped)


def _strip_slice(text: str, context: str = "") -> str:
    """Split the text at the stretches a run could be in (one C pass of a
    single character class, :func:`_candidate_stretch`) and look each, with
    the Han character before it, up in a memo, since a page repeats the same
    few thousand runs (深(shen), 教(jiao)(jiao)) many times.  ``map`` keeps
    the lookups in C: no Python frame per known run."""
    pieces = _candidate_stretch().split(text)  # text, 深(shen), text, …: each key given by the split
    if len(pieces) == 1:
        return text
    keys = pieces[1::2]
    kept = list(map(_run_memo().__getitem__, keys))
    pieces[1::2] = kept
    try:
        return "".join(pieces)
    except TypeError:  # a memo entry is _NEEDS_CONTEXT: word-level groups, read the characters before each
        _decide_in_context(pieces, keys, kept, context)
        pieces[1::2] = kept
        return "".join(pieces)


@cache
def _candidate_stretch() -> re.Pattern[str]:
    """Where a run of :func:`_fast_annotation_run` may be: from an opening
    bracket (or a space before one) right after a Han character to the last
    closing bracket of the letters, digits, spaces and brackets that follow.
    Its one group is the Han character and the stretch, the memo's key (read
    by a lookahead from the Han character, so that no key is put together).

    A run is made of these characters only and ends with a closing bracket,
    so it is the start of such a stretch; no run starts inside one (it holds
    no Han character), so splitting at the stretches and then finding the run
    at each stretch's start (:func:`_kept_of_stretch`, once per distinct
    stretch) gives the runs the run pattern finds.  One character class
    repeated is a tight loop in ``re``; the run pattern's nested repetitions
    cost some ten times as much a character.
    """
    stretch = rf"[{_OPEN} \u00a0][{_STRETCH}]*[{_CLOSE}]"
    return re.compile(rf"[{_OPEN} \u00a0](?<=(?=([{HAN}]{stretch}))[{HAN}].)[{_STRETCH}]*[{_CLOSE}]")


# What a run is written with: its letters, tone digits, separators, spaces and brackets.
_STRETCH = f"{_LETTER}0-5'’ \u00a0\\-{_OPEN}{_CLOSE}"


def _kept_of_stretch(han: str, stretch: str) -> str | None:
    """What stripping leaves of ``stretch`` after ``han``: its run (if one
    starts it) decided by :func:`_kept_of_run`, then the rest as it is."""
    found = _fast_annotation_run().match(han + stretch, 1)  # the Han character is read behind
    if found is None:
        return stretch
    kept = _kept_of_run(han, found.group(0))
    return None if kept is _NEEDS_CONTEXT else kept + stretch[found.end() - 1 :]


def _decide_in_context(pieces: list[str], keys: list[str], kept: list[str | None], context: str = "") -> None:
    """Decide, left to right, the runs the memo could not decide from their
    last character, reading the text as stripped so far before each (the
    decision of :func:`_strip_sequential`); ``context``: the stripped text
    before this slice.  ``pieces``: the text between the candidate stretches
    (at even places); ``keys``: each stretch with the Han character before it."""
    for number, result in enumerate(kept):
        if result is not _NEEDS_CONTEXT:
            continue
        tail, back = "", number
        while len(tail) < _CONTEXT and back >= 0:  # the stripped text before run ``number``
            tail = pieces[2 * back] + tail
            back -= 1
            if back >= 0:
                tail = kept[back] + tail  # type: ignore[operator]
        if back < 0:
            tail = context + tail
        stretch = keys[number][1:]
        found = _fast_annotation_run().match(keys[number], 1)
        assert found is not None  # only a stretch that starts with a run needs its context
        run = found.group(0)
        groups = list(_fast_group().finditer(run))
        removed = _groups_removed(_han_suffix(tail[-_CONTEXT:]), groups)
        kept[number] = (run[groups[removed - 1].end() :] if removed else run) + stretch[len(run) :]


_SLICE = 1 << 16  # characters
_CUTS = ("\n", "。")  # no run holds one, and none is a Han character a run could follow


def _slices(text: str) -> Iterator[str]:
    """Consecutive slices of about ``_SLICE`` characters, each ending just after a
    line break or a 。, or else just before a Han character, so that stripping
    each (with the stripped text before it as context) gives what stripping
    the whole would: a 1 MB line of ``深(shen)`` is not split whole."""
    start = 0
    while start < len(text):
        end = _cut(text, start, start + _SLICE)
        yield text[start:end]
        start = end


def _cut(text: str, start: int, at: int) -> int:
    """Where the slice from ``start`` ends: after the last line break or 。 before ``at``, else
    before the last Han character before it (no run holds one; the context a word-level group
    reads across the cut is handed on), else after the next break or 。."""
    if at >= len(text):
        return len(text)
    for mark in _CUTS:
        found = text.rfind(mark, start, at)
        if found != -1:
            return found + 1
    for back in range(at - 1, max(start, at - _HAN_CUT_WINDOW), -1):
        if "\u4e00" <= text[back] <= "\u9fff":
            return back
    after = [found for mark in _CUTS if (found := text.find(mark, at)) != -1]
    return min(after) + 1 if after else len(text)


_HAN_CUT_WINDOW = 256  # characters looked back for a Han character to cut before


class _StrippedRuns(dict[str, "str | None"]):
    """Han character + the candidate stretch after it → what stripping leaves
    of the stretch (or :data:`_NEEDS_CONTEXT`), computed on first use."""

    def __missing__(self, key: str) -> str | None:
        if len(self) > _MEMO_LIMIT:  # bounded: a page of distinct runs must not fill memory
            self.clear()
        self[key] = kept = _kept_of_stretch(key[0], key[1:])
        return kept


@cache
def _fast_group() -> re.Pattern[str]:
    return re.compile(f"{_SPACE}([{_OPEN}]){_SPACE}({_BODY})([{_CLOSE}])")


def _kept_of_run(han: str, run: str) -> str | None:
    """What stripping leaves of ``run``, the annotation groups after ``han``:
    everything from the first group that is not a reading of ``han`` on (the
    decision of :func:`_strip_sequential`), or :data:`_NEEDS_CONTEXT`."""
    groups = list(_fast_group().finditer(run))  # the run is nothing but groups, one after another
    removed = _groups_removed(han, groups, last_only=True)
    if removed is _NEEDS_CONTEXT:
        return _NEEDS_CONTEXT
    return run[groups[removed - 1].end() :] if removed else run


@cache
def _run_memo() -> _StrippedRuns:
    return _StrippedRuns()


def count_removed(before: str, after: str) -> int:
    """How many annotations stripping removed: each held exactly one opening bracket.

    >>> count_removed("教(jiao)(jiao)育(AI)深[shen]", "教育(AI)深")
    3
    """
    return sum(before.count(mark) - after.count(mark) for mark in "(（[【")


# --- broken groups -----------------------------------------------------------


@cache
def _broken_group() -> re.Pattern[str]:
    """A group that lost its opening bracket (听tīng)), or one the page was cut
    in the middle of, at its end (中(zho, 現()."""
    # Each branch starts with a class and checks the Han character behind it,
    # so the scan jumps between letters and brackets (rare once whole groups
    # are gone) instead of trying every character.
    word = rf"[{_LOWER}]{{1,8}}[0-5]?"
    unopened = rf"(?P<unopened>[{_LOWER}](?<=[{HAN}].)[{_LOWER}]{{0,7}}[0-5]?(?: {word}){{0,3}}[ \u00a0]?[)）])"
    cut = rf"(?P<cut>[ \u00a0{_OPEN}](?<=[{HAN}].)(?:(?<=[{_OPEN}])|[{_OPEN}])[ \u00a0]?(?P<start>[{_LOWER}]{{0,8}}))(?=\s*\Z)"
    return re.compile(f"{unopened}|{cut}")


def strip_broken_pinyin(text: str, record: Record = None) -> str:
    """Remove broken annotation groups, under the reading check of whole ones.

    >>> strip_broken_pinyin("聽tīng)取意見（詳見附件ab)\\n（下称《实施shī）意见》）\\n中(zho")
    '聽取意見（詳見附件ab)\\n（下称《实施意见》）\\n中'
    >>> strip_broken_pinyin("現(\\n"), strip_broken_pinyin("现(\\n正文")
    ('現\\n', '现(\\n正文')
    """
    matches = _cut_at_end(text) + _unopened(text)
    if not matches:
        return text
    pieces, position = [], 0
    for match in sorted(matches, key=lambda found: found.start()):
        if not _is_broken_reading(text, match):
            continue
        if record is not None:
            record.append(Change(ANNOTATION, "strip_broken_pinyin", match.start(), match.group(0), ""))
        pieces.append(text[position : match.start()])
        position = match.end()
    return "".join(pieces) + text[position:] if pieces else text


@cache
def _cut_group() -> re.Pattern[str]:
    return re.compile(rf"[{_OPEN}][ \u00a0]?[{_LOWER}]{{0,8}}$")


def _cut_at_end(text: str) -> list[re.Match[str]]:
    """A group cut at the page's end: only the text's last characters are read."""
    tail_start = max(0, len(text.rstrip()) - 16)
    found = [match for match in _broken_group().finditer(text, tail_start) if match.group("cut") is not None]
    return found[-1:]


_TONE_LETTERS = frozenset("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêếềńňǹḿ:" + "".join(map(chr, range(0x300, 0x30D))))
_UNOPENED_REACH = 48  # characters an unopened group can span before its closing bracket


def _unopened(text: str) -> list[re.Match[str]]:
    """Groups that lost their opening bracket: looked for only before a closing
    bracket with a letter (or a letter and a space) right before it, found by
    jumping from bracket to bracket."""
    found: list[re.Match[str]] = []
    for bracket in (")", "）"):
        at = text.find(bracket)
        while at != -1:
            before = text[at - 2 : at].rstrip(" \u00a0")[-1:] if at >= 1 else ""
            if before.isalpha() and before.isascii() or before in _TONE_LETTERS:
                start = max(0, at - _UNOPENED_REACH)
                found += [
                    m
                    for m in _broken_group().finditer(text, start, at + 1)
                    if m.group("unopened") is not None
                    and m.end() == at + 1
                    and (not found or m.start() >= found[-1].end())
                ]
            at = text.find(bracket, at + 1)
    return found


def _is_broken_reading(text: str, match: re.Match[str]) -> bool:
    chars = _han_suffix(text[max(0, match.start() - _CONTEXT) : match.start()])
    if match.group("cut") is not None:
        return starts_a_reading(chars[-1], match.group("start"))
    line_end = text.find("\n", match.end())
    line = text[text.rfind("\n", 0, match.start()) + 1 : line_end if line_end != -1 else len(text)]
    line = _cut_group().sub("", line)  # a group cut at the line's end opens nothing
    unopened = line.count(")") + line.count("）") - line.count("(") - line.count("（")  # closings without an opening
    return unopened > 0 and reads_as(chars, match.group("unopened").rstrip(" \u00a0)）"))
