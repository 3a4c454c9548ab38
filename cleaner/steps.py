"""The cleaning pipeline: one declared list of small named ``str -> str`` steps.

:data:`STEPS` is the only place that says which steps exist, in which order,
when each runs and how its changes are counted.  Two runners read it: the
recorded run (``Options(explain=True)``) keeps, like ftfy's explanations,
every change with its offset in the text the pipeline received (see
:mod:`wpclean.cleaner.offsets`); the fast run keeps only how many changes of
each kind were made, counted the way each step declares.  A step that never
reaches across a line break is ``line_local``: a large input may run it a
slice of lines at a time (:func:`clean_slices`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from wpclean.cleaner.changes import (
    ANNOTATION,
    CHROME,
    CONVERSION,
    MARKUP,
    MOJIBAKE_REPAIRED,
    NOISE,
    OVERRIDE,
    PUNCT,
    SPACE,
    TRUNCATED,
    Change,
    FirstTally,
    Record,
    Tally,
    count_differences,
)
from wpclean.cleaner.chrome import MAX_ROUNDS, drop_chrome, drop_truncation_notes
from wpclean.cleaner.markup import strip_markup, strip_style_sheets
from wpclean.cleaner.mojibake import repair_mojibake, warning_message
from wpclean.cleaner.noise import drop_noise, drop_noise_counted
from wpclean.cleaner.offsets import OffsetMap
from wpclean.cleaner.pinyin import count_removed, strip_broken_pinyin, strip_pinyin
from wpclean.cleaner.punct import (
    collapse_doubled_punct,
    list_commas_between_digits,
    normalize_punct,
    normalize_punct_counted,
)
from wpclean.cleaner.script import apply_overrides, convert_script
from wpclean.cleaner.spacing import join_spaced_han
from wpclean.options import Options

StepFunction = Callable[[str, Record, Options], str]
# A step's change → the warning it makes: (code, message, where), given the
# text the step received and the input line the change is on.
Warns = Callable[[Change, str, int], "tuple[str, str, str]"]


@dataclass(frozen=True, slots=True)
class Step:
    """One named step: what it does, when it runs, how its changes are counted."""

    name: str
    function: StepFunction
    kind: str  # the kind of change it makes (a key of Plan.stats)
    runs: Callable[[Options], bool] = lambda options: True
    # Fast run: how to count without a record.  "compare": the step keeps the
    # text's length and changes a character at a time, so comparing the texts
    # counts; a function: it returns the text and its count; None: keep a record.
    count: str | Callable[[str], tuple[str, int]] | None = None
    line_local: bool = False  # no change reaches across a line break
    # A step whose changes can reveal work for an earlier one: when
    # ``reveals(before, record)`` holds, those steps (``revealed``) and this one
    # run again, at most MAX_ROUNDS times.
    revealed: tuple[str, ...] = ()
    reveals: Callable[[str, list[Change]], bool] | None = None
    # A step whose changes the plan must warn of (mojibake, a truncated page):
    # it always keeps a record, and each change becomes a warning.
    warns: Warns | None = None

    def __call__(self, text: str, record: Record = None, options: Options = Options()) -> str:
        return self.function(text, record, options)


def _count_pinyin(text: str) -> tuple[str, int]:
    stripped = strip_pinyin(text)
    return stripped, count_removed(text, stripped)


_NEAR = 12  # an annotation group is at most this long: 「 (" + 8 letters + digit + " )」


def _opened_annotation(before: str, record: list[Change]) -> bool:
    """Did dropping chrome near a parenthesis join an annotation up again
    (社(【打印本页】she)), so that stripping annotations may find it now?"""
    return any(
        change.kind == CHROME
        and _has_parenthesis(before[max(0, change.offset - _NEAR) : change.offset + len(change.original) + _NEAR])
        for change in record
    )


def _has_parenthesis(window: str) -> bool:
    return any(mark in window for mark in "(（)）")


def _converts(options: Options) -> bool:
    return options.convert != "none"


def _normalizes_punct(options: Options) -> bool:
    return not options.keep_punct


def _mojibake_warning(change: Change, text: str, line: int) -> tuple[str, str, str]:
    return "mojibake", warning_message(change, text), f"input line {line}"


def _truncation_warning(change: Change, text: str, line: int) -> tuple[str, str, str]:
    return "truncated", "the page shows only part of the document; take the whole text from its source", change.original


STEPS: tuple[Step, ...] = (
    # Bytes-level damage first: every later step reads characters, and a
    # mojibake span can hide the character an annotation belongs to.
    Step(
        "repair_mojibake",
        lambda text, record, options: repair_mojibake(text, record),
        MOJIBAKE_REPAIRED,
        line_local=True,
        warns=_mojibake_warning,
    ),
    # Markup before annotations and punctuation: a tag can stand between a
    # character and its annotation, and &nbsp; becomes a space judged later.
    Step("strip_markup", lambda text, record, options: strip_markup(text, record), MARKUP, line_local=True),
    # Noise symbols before annotations: 就☂(jiu)是, 社会主义(y🎐i).
    Step(
        "drop_noise",
        lambda text, record, options: drop_noise(text, record),
        NOISE,
        count=drop_noise_counted,
        line_local=True,
    ),
    Step(
        "strip_pinyin",
        lambda text, record, options: strip_pinyin(text, record),
        ANNOTATION,
        count=_count_pinyin,
        line_local=True,
    ),
    # A style sheet spread over several lines (a word processor's export):
    # the first step that reads across lines, so that the ones before it can
    # run a slice of lines at a time.  No annotation stands inside one.
    Step(
        "strip_style_sheets",
        lambda text, record, options: strip_style_sheets(text, record),
        MARKUP,
    ),
    # Broken groups after whole ones (中(zho at the page's end is judged once
    # the whole groups before it are gone); removing one can join whole groups
    # up again (工(gong)gong)(gong)), which stripping then removes.
    Step(
        "strip_broken_pinyin",
        lambda text, record, options: strip_broken_pinyin(text, record),
        ANNOTATION,
        revealed=("strip_pinyin",),
        reveals=lambda before, record: bool(record),
    ),
    Step(
        "convert_script",
        lambda text, record, options: convert_script(text, options.convert, record),
        CONVERSION,
        runs=_converts,
        count="compare",
    ),
    Step("apply_overrides", lambda text, record, options: apply_overrides(text, record), OVERRIDE, runs=_converts),
    # Reposting sites' notes that the page is cut short, matched in simplified
    # text like chrome, and warned of.
    Step(
        "drop_truncation_notes",
        lambda text, record, options: drop_truncation_notes(text, record),
        TRUNCATED,
        warns=_truncation_warning,
    ),
    # Dropping chrome can put an annotation right after a character
    # (年【打印本页】(nian)), and stripping it can reveal more chrome: both
    # repeat until neither changes anything, so that cleaning twice changes
    # nothing.  Each round reads the whole text, so the rounds are capped as the
    # chrome step caps its own: real pages need one or two, and adversarial
    # nesting then costs linear time, not quadratic.
    Step(
        "drop_chrome",
        lambda text, record, options: drop_chrome(text, record),
        CHROME,
        # A group it joins up may be whole, or broken at the page's cut end (法【打印本页】(fa).
        revealed=("strip_pinyin", "strip_broken_pinyin"),
        reveals=_opened_annotation,
    ),
    # A comma between numbers is decided before the general rule, which keeps it.
    Step(
        "list_commas_between_digits",
        lambda text, record, options: list_commas_between_digits(text, record),
        PUNCT,
        runs=_normalizes_punct,
    ),
    Step(
        "normalize_punct",
        lambda text, record, options: normalize_punct(text, record),
        PUNCT,
        runs=_normalizes_punct,
        count=normalize_punct_counted,
    ),
    # Doubled marks once every mark is full width (,, and ，, are then alike).
    Step(
        "collapse_doubled_punct",
        lambda text, record, options: collapse_doubled_punct(text, record),
        PUNCT,
        runs=_normalizes_punct,
    ),
    # Spaces last: stripping and full-width marks leave the spaces it judges.
    Step("join_spaced_han", lambda text, record, options: join_spaced_han(text, record), SPACE),
)


def steps_for(options: Options) -> list[Step]:
    """The steps ``options`` asks for, in the order they run.

    >>> [step.name for step in steps_for(Options(convert="none", keep_punct=True))]  # doctest: +NORMALIZE_WHITESPACE
    ['repair_mojibake', 'strip_markup', 'drop_noise', 'strip_pinyin', 'strip_style_sheets', 'strip_broken_pinyin',
     'drop_truncation_notes', 'drop_chrome', 'join_spaced_han']
    """
    return [step for step in STEPS if step.runs(options)]


def _step_named(name: str) -> Step:
    return next(step for step in STEPS if step.name == name)


class Cleaned(NamedTuple):
    """The cleaned text, how many changes of each kind were made, and (with
    ``Options(explain=True)``) every change with its offset in the input."""

    text: str
    counts: Counter[str]
    changes: tuple[Change, ...] = ()
    warnings: tuple[tuple[str, str, str], ...] = ()  # (code, message, where) for the plan


def clean_text(text: str, options: Options = Options()) -> Cleaned:
    """Run every step on already-decoded text; every change's ``offset`` is its
    position in ``text``.

    >>> cleaned = clean_text("深(shen)圳(zhen)市教育局,網(wǎng)絡", Options(explain=True))
    >>> cleaned.text
    '深圳市教育局，网络'
    >>> [(c.offset, c.original, c.replacement) for c in cleaned.changes if c.kind != "annotation_removed"]
    [(19, '網', '网'), (26, '絡', '络'), (18, ',', '，')]
    """
    return clean_slices([text], options)


def clean_slices(slices: Iterable[str], options: Options = Options(), check: Callable[[str], str] = str) -> Cleaned:
    """Clean the text made of ``slices`` (each ending at a line break).

    The leading ``line_local`` steps run on each slice as it comes, then
    ``check`` sees the joined text, then the other steps run on it.  Scraped
    pages can be mostly annotations: a large input stripped a slice at a time
    is never whole in memory before it has shrunk.  A list is taken apart as
    it is read (the caller's text is freed once its first step replaced it).
    With ``explain`` the text is joined first: change offsets are positions
    in the whole input.

    >>> clean_slices(["深(shen)\\n", "圳(zhen),網絡"]).text
    '深\\n圳，网络'
    >>> texts = ["網(wǎng)絡"]
    >>> clean_slices(texts).text, texts
    ('网络', [])
    """
    steps = steps_for(options)
    if options.explain:
        run: _Run | _Counting = _Run(check("".join(_taken(slices))))
        return _apply_all(run, steps, options)
    local = _line_local_prefix(steps)
    counts: Counter[str] = Counter()
    warnings = _Warnings()
    kept, lines_before = [], 0
    for piece in _taken(slices):
        part = _Counting(piece, counts, warnings, lines_before)
        lines_before += piece.count("\n")
        del piece  # else it lives on while the next slice is read
        _apply_all(part, steps[:local], options)
        kept.append(part.text)
    return _apply_all(_Counting(check("".join(kept)), counts, warnings), steps[local:], options)


def _line_local_prefix(steps: list[Step]) -> int:
    """How many of the first steps are line-local."""
    count = 0
    while count < len(steps) and steps[count].line_local:
        count += 1
    return count


def _taken(slices: Iterable[str]) -> Iterator[str]:
    if not isinstance(slices, list):
        yield from slices
        return
    slices.reverse()
    while slices:
        yield slices.pop()


def _apply_all(run: _Run | _Counting, steps: list[Step], options: Options) -> Cleaned:
    for step in steps:
        changed = run.apply(step, options)
        if not step.revealed or step.reveals is None:
            continue
        for _ in range(MAX_ROUNDS):
            if not (changed and step.reveals(run.before, run.record)):
                break
            # every revealed step runs (no short cut): a later one may find work the first did not
            if not any([run.apply(_step_named(name), options) for name in step.revealed]):
                break
            changed = run.apply(step, options)
    return run.result()


class _Counting:
    """The fast run: no change records, only how many changes of each kind."""

    def __init__(
        self,
        text: str,
        counts: Counter[str] | None = None,
        warnings: _Warnings | None = None,
        lines_before: int = 0,
    ) -> None:
        self.text = text
        self.before = ""  # the text before the last step, where a step's ``reveals`` reads it
        self.counts: Counter[str] = Counter() if counts is None else counts
        self.record: list[Change] = []  # the last step's own record, where it kept one
        self.warnings = _Warnings() if warnings is None else warnings
        self.lines_before = lines_before  # line breaks in the input before this slice

    def apply(self, step: Step, options: Options) -> bool:
        """Run one step; True when it changed the text."""
        before = self.text
        self.record = []
        if step.warns is not None:
            listed = self.warnings.room(step.name)
            record = Tally(self.counts, keep=listed)
            self.text = step(before, record, options)
            self.warnings.add(step.name, list(_warnings(step, record, before, self.lines_before)), record.made)
        elif callable(step.count):
            self.text, changes = step.count(before)
            if changes:
                self.counts[step.kind] += changes
        elif step.count == "compare" and len(after := step(before, None, options)) == len(before):
            self.text = after
            self.counts[step.kind] += count_differences(before, after)
        elif step.reveals is None:  # counted as made: a page of nothing but markup holds no record
            self.text = step(before, Tally(self.counts), options)
        else:  # a step whose record says what it revealed: its first change that does is enough
            reveals = step.reveals
            self.record = FirstTally(self.counts, lambda change: reveals(before, [change]))
            self.text = step(before, self.record, options)
        # Only a text a step's ``reveals`` reads is kept: a large text has one copy less.
        self.before = before if step.reveals is not None else ""
        return self.text != before

    def result(self) -> Cleaned:
        return Cleaned(text=self.text, counts=self.counts, warnings=self.warnings.all())


MAX_WARNINGS_PER_STEP = 100  # listed in the plan; the others are counted in its stats and summed up in one


class _Warnings:
    """The warnings the steps make (in the fast run shared by its slices; the recorded run has one): at most
    :data:`MAX_WARNINGS_PER_STEP` of each step listed (a page of ``??``
    repeated would otherwise carry a warning per pair), then one that says
    how many more."""

    def __init__(self) -> None:
        self.listed: list[tuple[str, str, str]] = []
        self.made: Counter[str] = Counter()  # step → changes that make a warning
        self.codes: dict[str, str] = {}  # step → its warnings' code

    def room(self, step: str) -> int:
        return max(0, MAX_WARNINGS_PER_STEP - self.made[step])

    def add(self, step: str, warnings: list[tuple[str, str, str]], made: int) -> None:
        self.listed += warnings
        self.made[step] += made
        if warnings:
            self.codes[step] = warnings[0][0]

    def all(self) -> tuple[tuple[str, str, str], ...]:
        """The listed warnings, then one per step that made more than it could list."""
        more = [
            (code, f"{made - MAX_WARNINGS_PER_STEP:,} more like the above, not listed (the stats count them)", "input")
            for step, code in self.codes.items()
            if (made := self.made[step]) > MAX_WARNINGS_PER_STEP
        ]
        return (*self.listed, *more)


class _Run:
    """The recorded run: the text as the steps leave it, every change so far
    (offsets in the input), and the map from the current text back to the input."""

    def __init__(self, text: str) -> None:
        self.text = self.before = text
        self.changes: list[Change] = []
        self.warnings = _Warnings()
        self.offsets = OffsetMap()
        self.record: list[Change] = []  # the last step's own record (its own offsets)

    def apply(self, step: Step, options: Options) -> bool:
        """Run one step; True when it changed the text."""
        record: list[Change] = []
        before = self.before = self.text
        self.text = step(before, record, options)
        record.sort(key=lambda change: change.offset)
        self.record = record
        if step.warns is not None:
            listed = record[: self.warnings.room(step.name)]
            self.warnings.add(step.name, list(_warnings(step, listed, before, 0)), len(record))
        self.changes.extend(self.offsets.rebase(record))
        self.offsets = self.offsets.after(record)
        return self.text != before

    def result(self) -> Cleaned:
        return Cleaned(
            text=self.text,
            counts=Counter(change.kind for change in self.changes),
            changes=tuple(self.changes),
            warnings=self.warnings.all(),
        )


def _warnings(step: Step, record: list[Change], before: str, lines_before: int) -> Iterator[tuple[str, str, str]]:
    """The warnings a step's changes make; a change's line is counted in the
    text the step received (the input's own lines for a step that runs first)."""
    assert step.warns is not None
    for change in record:
        yield step.warns(change, before, lines_before + before.count("\n", 0, change.offset) + 1)
