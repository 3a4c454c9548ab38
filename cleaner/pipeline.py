"""The cleaning pipeline: a fixed sequence of small named ``str -> str`` steps.

Each step takes the text and an optional change record; the pipeline runs them
in order and keeps, like ftfy's explanations, the list of every change made,
each with its offset in the text the pipeline received (see
:mod:`wpclean.cleaner.offsets`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from functools import partial
from typing import NamedTuple

from wpclean.cleaner.changes import ANNOTATION, CHROME, CONVERSION, PUNCT, Change, Record, count_differences
from wpclean.cleaner.chrome import MAX_ROUNDS, drop_chrome
from wpclean.cleaner.offsets import OffsetMap
from wpclean.cleaner.options import Options
from wpclean.cleaner.pinyin import count_removed, strip_pinyin
from wpclean.cleaner.punct import normalize_punct, normalize_punct_counted
from wpclean.cleaner.script import apply_overrides, convert_script

Step = Callable[[str, Record], str]


class Cleaned(NamedTuple):
    """The cleaned text, how many changes of each kind were made, and (with
    ``Options(explain=True)``) every change with its offset in the input."""

    text: str
    counts: Counter[str]
    changes: tuple[Change, ...] = ()


def steps_for(options: Options) -> list[tuple[str, Step]]:
    """The named steps ``options`` asks for, in the order they run."""
    steps: list[tuple[str, Step]] = [("strip_pinyin", strip_pinyin)]
    if options.convert != "none":
        steps.append(("convert_script", partial(_convert, config=options.convert)))
        steps.append(("apply_overrides", apply_overrides))
    steps.append(("drop_chrome", drop_chrome))
    if not options.keep_punct:
        steps.append(("normalize_punct", normalize_punct))
    return steps


def _convert(text: str, record: Record, *, config: str) -> str:
    return convert_script(text, config, record)


def clean_text(text: str, options: Options = Options()) -> Cleaned:
    """Run every step on already-decoded text; every change's ``offset`` is its
    position in ``text``.

    >>> cleaned = clean_text("深(shen)圳(zhen)市教育局,網(wǎng)絡", Options(explain=True))
    >>> cleaned.text
    '深圳市教育局，网络'
    >>> [(c.offset, c.original, c.replacement) for c in cleaned.changes if c.kind != "annotation_removed"]
    [(19, '網', '网'), (26, '絡', '络'), (18, ',', '，')]
    """
    return clean_handed_over([text], options)


def strip_by_slices(slices: Iterable[str]) -> tuple[str, int]:
    """The slices, each ending at a line break, joined with their pinyin
    annotations stripped (as the pipeline's first step would: no annotation
    run holds a line break), and how many were removed.  Scraped pages can be
    mostly annotations; stripping each slice as it is decoded keeps a large
    input from being whole in memory before it has shrunk.

    >>> strip_by_slices(["深(shen)\\n", "圳(zhen)"])
    ('深\\n圳', 2)
    """
    stripped, removed = [], 0
    for piece in slices:
        kept = strip_pinyin(piece)
        removed += count_removed(piece, kept)
        stripped.append(kept)
        del piece  # else it lives on while the next slice is decoded
    return "".join(stripped), removed


def clean_handed_over(texts: list[str], options: Options = Options()) -> Cleaned:
    """:func:`clean_text` of the one text in ``texts``, which it takes out:
    when that list held the only reference, the input is freed as soon as
    the first step has replaced it (a large document's copy less; a call's
    argument cannot be released by the function it was passed to).

    >>> texts = ["網(wǎng)絡"]
    >>> clean_handed_over(texts).text, texts
    ('网络', [])
    """
    text = texts.pop()
    run: _Run | _Counting = _Run(text) if options.explain else _Counting(text)
    del text
    for name, step in steps_for(options):
        changed = run.apply(name, step)
        # Dropping chrome can put an annotation right after a character
        # (年【打印本页】(nian)), and stripping it can reveal more chrome: repeat
        # both until neither changes anything, so that cleaning twice changes
        # nothing.  Each round reads the whole text, so the rounds are capped
        # as the chrome step caps its own: real pages need one or two, and
        # adversarial nesting then costs linear time, not quadratic.
        for _ in range(MAX_ROUNDS if name == "drop_chrome" else 0):
            if not (changed and _opened_annotation(run) and run.apply("strip_pinyin", strip_pinyin)):
                break
            changed = run.apply("drop_chrome", drop_chrome)
    return run.result()


_NEAR = 12  # an annotation group is at most this long: 「 (" + 8 letters + digit + " )」


def _opened_annotation(run: _Run | _Counting) -> bool:
    """Did the last step remove chrome near a parenthesis, so that stripping
    annotations again may find one it joined up (社(【打印本页】she))?"""
    text = run.before
    return any(
        c.kind == CHROME and _has_parenthesis(text[max(0, c.offset - _NEAR) : c.offset + len(c.original) + _NEAR])
        for c in run.record
    )


def _has_parenthesis(window: str) -> bool:
    return any(mark in window for mark in "(（)）")


# Steps whose changes are one character each and keep the text's length: without
# --explain they are counted by comparing the texts, not recorded one by one.
_COUNTED_BY_COMPARISON = {"convert_script": CONVERSION}


class _Counting:
    """The fast run: no change records, only how many changes of each kind."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.before = ""  # the text before the last step, where it is read again
        self.counts: Counter[str] = Counter()
        self.record: list[Change] = []  # the last step's own record, where it kept one

    def apply(self, name: str, step: Step) -> bool:
        """Run one step; True when it changed the text."""
        before = self.text
        self.record = []
        if name == "strip_pinyin":
            self.text = step(before, None)
            self.counts[ANNOTATION] += count_removed(before, self.text)
        elif name == "normalize_punct":
            self.text, replaced = normalize_punct_counted(before)
            self.counts[PUNCT] += replaced
        elif name in _COUNTED_BY_COMPARISON and len(after := step(before, None)) == len(before):
            self.text = after
            self.counts[_COUNTED_BY_COMPARISON[name]] += count_differences(before, after)
        else:  # rare changes (overrides, chrome), or a conversion that changed the length
            self.text = step(before, self.record)
            self.counts.update(change.kind for change in self.record)
        # Only the chrome step's text before is read again (_opened_annotation);
        # keeping no other, a large text has one copy less.
        self.before = before if name == "drop_chrome" else ""
        return self.text != before

    def result(self) -> Cleaned:
        return Cleaned(text=self.text, counts=self.counts)


class _Run:
    """The text as the steps leave it, every change so far (offsets in the
    input), and the map from the current text back to the input."""

    def __init__(self, text: str) -> None:
        self.text = self.before = text
        self.changes: list[Change] = []
        self.offsets = OffsetMap()
        self.record: list[Change] = []  # the last step's own record (its own offsets)

    def apply(self, name: str, step: Step) -> bool:
        """Run one step; True when it changed the text."""
        record: list[Change] = []
        before = self.before = self.text
        self.text = step(before, record)
        record.sort(key=lambda change: change.offset)
        self.record = record
        self.changes.extend(self.offsets.rebase(record))
        self.offsets = self.offsets.after(record)
        return self.text != before

    def result(self) -> Cleaned:
        return Cleaned(text=self.text, counts=Counter(change.kind for change in self.changes), changes=tuple(self.changes))
