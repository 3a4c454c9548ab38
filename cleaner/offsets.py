"""Map positions in a step's text back to the text the pipeline received.

Each step records its changes with offsets into the text *it* received.  To say
where a change is in the input, the pipeline composes the steps' edits: an
:class:`OffsetMap` holds an anchor at each edit that changed the text's length
(same-length edits, such as script conversion, move nothing).  Changes come
sorted, so rebasing a step's changes and composing its edits are single merged
walks over the anchors and the edits: linear in their number, never in the
text's length.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence

from wpclean.cleaner.changes import Change


class OffsetMap:
    """Positions in the current text → positions in the original input.

    >>> step1 = OffsetMap().after([Change("a", "s", 1, "(x)", "")])   # "A(x)BC" → "ABC"
    >>> [step1.to_input(i) for i in range(4)]
    [0, 4, 5, 6]
    >>> step2 = step1.after([Change("b", "s", 2, "C", "CCC")])       # "ABC" → "ABCCC"
    >>> [step2.to_input(i) for i in range(6)]
    [0, 4, 5, 6, 6, 6]
    """

    __slots__ = ("_current", "_input")

    def __init__(self, current: list[int] | None = None, input_: list[int] | None = None) -> None:
        self._current = current or [0]
        self._input = input_ or [0]

    def to_input(self, position: int) -> int:
        """Where ``position`` of the current text was in the input (inside a
        replacement: the start of what it replaced, never past its end)."""
        return self._walker()(position)

    def _walker(self):
        """A lookup for positions given in ascending order (amortised O(1) each)."""
        current, input_ = self._current, self._input
        last = len(current) - 1
        k = 0

        def lookup(position: int) -> int:
            nonlocal k
            if k < last and current[k + 1] <= position:
                k = bisect_right(current, position, k) - 1
            elif current[k] > position:  # out of order: start again
                k = bisect_right(current, position) - 1
            found = input_[k] + position - current[k]
            return min(found, input_[k + 1]) if k < last else found

        return lookup

    def rebase(self, changes: Sequence[Change]) -> list[Change]:
        """The changes (sorted, offsets in the current text) with offsets in the
        input; each keeps its own offset as ``step_offset``."""
        if len(self._current) == 1 and self._input[0] == 0:
            return [Change(c.kind, c.step, c.offset, c.original, c.replacement, c.offset) for c in changes]
        lookup = self._walker()
        return [Change(c.kind, c.step, lookup(c.offset), c.original, c.replacement, c.offset) for c in changes]

    def after(self, edits: Iterable[Change]) -> OffsetMap:
        """The map for the text that ``edits`` (offsets in the current text,
        not overlapping) turned the current text into."""
        resized = sorted((e for e in edits if len(e.original) != len(e.replacement)), key=lambda e: e.offset)
        if not resized:
            return self
        lookup = self._walker()
        old_current, old_input, count = self._current, self._input, len(self._current)
        anchors: dict[int, int] = {}  # new position → input position; a later anchor at the
        shift = k = 0  # same position wins (after a deletion it maps past what was deleted)
        for edit in resized:
            start, end = edit.offset, edit.offset + len(edit.original)
            while k < count and old_current[k] <= start:
                anchors[old_current[k] + shift] = old_input[k]
                k += 1
            while k < count and old_current[k] < end:  # anchors inside the replaced text go
                k += 1
            anchors[start + shift] = lookup(start)
            shift += len(edit.replacement) - len(edit.original)
            anchors[end + shift] = lookup(end)
        for current, original in zip(old_current[k:], old_input[k:]):
            anchors[current + shift] = original
        return OffsetMap(list(anchors), list(anchors.values()))
