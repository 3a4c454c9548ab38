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
    changes: list[Change] = []
    offsets = OffsetMap()
    for _name, step in steps_for(options):
        record: list[Change] = []
        text = step(text, record)
        record.sort(key=lambda change: change.offset)
        changes.extend(offsets.rebase(record))
        offsets = offsets.after(record)
    return Cleaned(text=text, changes=tuple(changes))
