"""Map positions in a step's text back to the text the pipeline received.

Each step records its changes with offsets into the text *it* received.  To say
where a change is in the input, the pipeline composes the steps' edits: an
:class:`OffsetMap` holds one anchor at each end of every edit that changed the
text's length (same-length edits, such as script conversion, move nothing),
and looks positions up by bisection, so composing a step costs time linear in
the anchors and edits, never in the text.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

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
        i = bisect_right(self._current, position) - 1
        found = self._input[i] + position - self._current[i]
        return min(found, self._input[i + 1]) if i + 1 < len(self._input) else found

    def after(self, edits: Iterable[Change]) -> OffsetMap:
        """The map for the text that ``edits`` (offsets in the current text,
        not overlapping) turned the current text into."""
        resized = sorted((e for e in edits if len(e.original) != len(e.replacement)), key=lambda e: e.offset)
        if not resized:
            return self
        old = list(zip(self._current, self._input))
        anchors: list[tuple[int, int]] = []
        shift = k = 0
        for edit in resized:
            start, end = edit.offset, edit.offset + len(edit.original)
            while k < len(old) and old[k][0] <= start:
                _add(anchors, old[k][0] + shift, old[k][1])
                k += 1
            while k < len(old) and old[k][0] < end:  # anchors inside the replaced text go
                k += 1
            _add(anchors, start + shift, self.to_input(start))
            shift += len(edit.replacement) - len(edit.original)
            _add(anchors, end + shift, self.to_input(end))
        for current, original in old[k:]:
            _add(anchors, current + shift, original)
        return OffsetMap([c for c, _ in anchors], [o for _, o in anchors])


def _add(anchors: list[tuple[int, int]], current: int, original: int) -> None:
    """Append an anchor; at a position already anchored, the later one wins
    (after a deletion the position maps past what was deleted)."""
    if anchors and anchors[-1][0] == current:
        anchors[-1] = (current, original)
    else:
        anchors.append((current, original))
