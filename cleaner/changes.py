"""The record of what each cleaning step changed.

Like ftfy's explanations, every step that alters the text can append
:class:`Change` objects to a list the caller passes in; nothing is changed
silently.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import NamedTuple

# Kinds of change, also the keys of ``Plan.stats`` counters.
ANNOTATION = "annotation_removed"
CONVERSION = "char_converted"
OVERRIDE = "override_applied"
PUNCT = "punct_normalized"
CHROME = "chrome_dropped"
LAYOUT = "layout_normalized"
NOISE = "noise_removed"
MARKUP = "markup_removed"
SPACE = "space_removed"
MOJIBAKE_REPAIRED = "mojibake_repaired"
MOJIBAKE_FOUND = "mojibake_found"  # a span that cannot be repaired: kept, and flagged (original == replacement)
TRUNCATED = "truncation_dropped"  # a "not the whole text" note of a reposting site: dropped, and flagged


class Change(NamedTuple):
    """One edit: ``original`` at ``offset`` became ``replacement``.

    A step records ``offset`` in the text it received.  The pipeline
    (:func:`wpclean.cleaner.steps.clean_text`) rebases it to the position in
    the text the pipeline received, and keeps the step's own position as
    ``step_offset``.  A named tuple: the pipeline makes one per change twice over,
    and a frozen dataclass costs three times as much to build.
    """

    kind: str
    step: str
    offset: int
    original: str
    replacement: str
    step_offset: int | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "step": self.step,
            "offset": self.offset,
            "original": self.original,
            "replacement": self.replacement,
            "step_offset": self.step_offset,
        }


Record = list[Change] | None


class Tally(list):  # a Record to the steps: they only append and extend
    """A record that counts every change by kind and keeps only the first
    ``keep``: the fast run's, so that a page of nothing but markup (``<p>``
    repeated) or lost characters (``??`` repeated) does not hold a change,
    some 600 bytes, per piece.

    >>> from collections import Counter
    >>> tally = Tally(Counter(), keep=1)
    >>> tally.append(Change(MARKUP, "strip_markup", 0, "<p>", "")); tally.extend([Change(CHROME, "x", 3, "a", "")])
    >>> dict(tally.counts), tally.made, [change.kind for change in tally]
    ({'markup_removed': 1, 'chrome_dropped': 1}, 2, ['markup_removed'])
    """

    def __init__(self, counts: Counter[str], keep: int = 0) -> None:
        super().__init__()
        self.counts, self.keep, self.made = counts, keep, 0

    def append(self, change: Change) -> None:  # type: ignore[override]
        self.counts[change.kind] += 1
        self.made += 1
        if len(self) < self.keep:
            super().append(change)

    def extend(self, changes: Iterable[Change]) -> None:  # type: ignore[override]
        for change in changes:
            self.append(change)


class FirstTally(Tally):
    """A tally that keeps only the first change ``wanted`` holds for: the fast
    run's record of a step whose ``reveals`` asks whether any change revealed
    work (a page of chrome would otherwise hold a change per piece).

    >>> from collections import Counter
    >>> tally = FirstTally(Counter(), lambda change: change.offset > 0)
    >>> tally.extend([Change(CHROME, "x", 0, "a", ""), Change(CHROME, "x", 2, "b", "")])
    >>> tally.append(Change(LAYOUT, "x", 3, "c", ""))
    >>> dict(tally.counts), [change.offset for change in tally]
    ({'chrome_dropped': 2, 'layout_normalized': 1}, [2])
    """

    def __init__(self, counts: Counter[str], wanted: Callable[[Change], bool]) -> None:
        super().__init__(counts)
        self.wanted = wanted

    def append(self, change: Change) -> None:  # type: ignore[override]
        self.counts[change.kind] += 1
        self.made += 1
        if not self and self.wanted(change):
            list.append(self, change)


JOIN_EVERY = 4096  # pieces of a text a step collects before it joins them


def join_batch(joined: list[str], pieces: list[str]) -> None:
    """Join the ``pieces`` a step has collected onto ``joined``, and empty them.

    A step that puts its text together from the pieces between its matches
    joins them every :data:`JOIN_EVERY`: a list of a million one-character
    pieces would take some 80 bytes a character (a string object each), where
    the joined text takes two.

    >>> joined, pieces = ["ab"], ["c", "d"]
    >>> join_batch(joined, pieces); joined, pieces
    (['ab', 'cd'], [])
    """
    joined.append("".join(pieces))
    pieces.clear()


def joined_text(joined: list[str], pieces: list[str], rest: str) -> str:
    """The text a step put together: what :func:`join_batch` joined so far,
    the ``pieces`` collected since, and the ``rest`` of the text after the last one.

    >>> joined_text(["ab"], ["c", "d"], "e")
    'abcde'
    """
    joined += pieces
    joined.append(rest)
    return "".join(joined)


_COMPARED_CHARS = 1 << 14  # per slice: bounded memory, and as fast as the whole text at once


def count_differences(before: str, after: str) -> int:
    """How many positions differ between two texts of the same length.

    Slice by slice: equal slices are skipped, and in the others the two slices
    are XORed as integers of their UTF-16 code units (UTF-32 when a slice
    holds a character beyond the BMP, whose UTF-16 takes two units), the two
    bytes of each unit ORed together, and the units left zero counted at C
    level, several times faster than comparing character by character.  The
    temporary copies are a slice's size, not the text's.

    >>> count_differences("網絡發展", "网络发展"), count_differences("𠀀網", "𠀀网"), count_differences("網𠀀", "网a")
    (3, 1, 2)
    """
    if len(before) != len(after):
        raise ValueError("texts of different lengths")
    differences = 0
    for start in range(0, len(before), _COMPARED_CHARS):
        old, new = before[start : start + _COMPARED_CHARS], after[start : start + _COMPARED_CHARS]
        if old != new:
            differences += _differing_units(old, new)
    return differences


def _differing_units(old: str, new: str) -> int:
    """How many positions differ between two slices of the same length."""
    count = len(old)
    old_units, new_units = old.encode("utf-16-le", "surrogatepass"), new.encode("utf-16-le", "surrogatepass")
    if len(old_units) == len(new_units) == 2 * count:  # one unit a character in both: positions line up
        xor = _xor(old_units, new_units)
        planes = int.from_bytes(xor[0::2], "little") | int.from_bytes(xor[1::2], "little")
    else:
        xor = _xor(old.encode("utf-32-le", "surrogatepass"), new.encode("utf-32-le", "surrogatepass"))
        planes = (
            int.from_bytes(xor[0::4], "little")
            | int.from_bytes(xor[1::4], "little")
            | int.from_bytes(xor[2::4], "little")
        )
    return count - planes.to_bytes(count, "little").count(0)


def _xor(first: bytes, second: bytes) -> bytes:
    return (int.from_bytes(first, "little") ^ int.from_bytes(second, "little")).to_bytes(len(first), "little")
