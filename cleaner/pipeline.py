"""The cleaning pipeline: a fixed sequence of small named ``str -> str`` steps.

Each step takes the text and an optional change record; the pipeline runs them
in order and keeps, like ftfy's explanations, the list of every change made,
each with its offset in the text the pipeline received (see
:mod:`wpclean.cleaner.offsets`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from wpclean.cleaner.changes import Change, Record
from wpclean.cleaner.chrome import drop_chrome
from wpclean.cleaner.offsets import OffsetMap
from wpclean.cleaner.options import Options
from wpclean.cleaner.pinyin import strip_pinyin
from wpclean.cleaner.punct import normalize_punct
from wpclean.cleaner.script import apply_overrides, convert_script

Step = Callable[[str, Record], str]


@dataclass(frozen=True, slots=True)
class Cleaned:
    text: str
    changes: tuple[Change, ...]

    def counts(self) -> Counter[str]:
        return Counter(change.kind for change in self.changes)


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

    >>> cleaned = clean_text("深(shen)圳(zhen)市教育局,網(wǎng)絡")
    >>> cleaned.text
    '深圳市教育局，网络'
    >>> [(c.offset, c.original, c.replacement) for c in cleaned.changes if c.kind != "annotation_removed"]
    [(19, '網', '网'), (26, '絡', '络'), (18, ',', '，')]
    """
    run = _Run(text)
    for name, step in steps_for(options):
        changed = run.apply(step)
        if name == "drop_chrome":
            # Dropping chrome can put an annotation right after a character
            # (年【打印本页】(nian)), and stripping it can reveal more chrome:
            # repeat both until neither changes anything, so that cleaning twice
            # changes nothing.  Every round removes text, so this ends.
            while changed and run.apply(strip_pinyin):
                changed = run.apply(drop_chrome)
    return Cleaned(text=run.text, changes=tuple(run.changes))


class _Run:
    """The text as the steps leave it, every change so far (offsets in the
    input), and the map from the current text back to the input."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.changes: list[Change] = []
        self.offsets = OffsetMap()

    def apply(self, step: Step) -> bool:
        """Run one step; True when it changed the text."""
        record: list[Change] = []
        before, self.text = self.text, step(self.text, record)
        record.sort(key=lambda change: change.offset)
        self.changes.extend(self.offsets.rebase(record))
        self.offsets = self.offsets.after(record)
        return self.text != before
