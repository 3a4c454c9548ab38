"""Differences between two JSON documents, as JSON paths with old and new values.

Used by ``wpclean check`` to compare a produced plan with its golden:
``sections[3].items[2].lead`` changed from one string to another.  Lists are
aligned with difflib, so one inserted section reads as one addition rather
than as every later section changed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from wpclean.schemas.validate import format_path

VOLATILE = (("tool", "version"), ("input", "path"))  # differ between runs and machines, never compared


class _Absent:
    """The value on the side of a difference where the key or element does not exist."""

    def __repr__(self) -> str:
        return "ABSENT"


ABSENT: Any = _Absent()


@dataclass(frozen=True, slots=True)
class Difference:
    """``path`` holds ``old`` in the golden and ``new`` in the produced plan (either may be ABSENT)."""

    path: str
    old: Any
    new: Any

    def as_dict(self) -> dict[str, Any]:
        """For JSON reports: an absent side is left out."""
        record: dict[str, Any] = {"path": self.path}
        if self.old is not ABSENT:
            record["old"] = self.old
        if self.new is not ABSENT:
            record["new"] = self.new
        return record


def without_volatile(plan: dict[str, Any]) -> dict[str, Any]:
    """A copy of a JSON-mode plan without the fields that change between runs or machines.

    >>> without_volatile({"tool": {"version": "1", "convert": "t2s"}, "input": {"path": "a", "bytes": 1}})
    {'tool': {'convert': 't2s'}, 'input': {'bytes': 1}}
    """
    copy = json.loads(json.dumps(plan))
    for parent, key in VOLATILE:
        if isinstance(copy.get(parent), dict):
            copy[parent].pop(key, None)
    return copy


def json_diff(old: Any, new: Any) -> list[Difference]:
    """Every difference between two JSON values, in document order.

    >>> json_diff({"a": [1, 2, 3], "b": "x"}, {"a": [1, 3], "b": "y", "c": None})
    [Difference(path='a[1]', old=2, new=ABSENT), Difference(path='b', old='x', new='y'), Difference(path='c', old=ABSENT, new=None)]
    >>> json_diff({"s": [{"t": "x"}]}, {"s": [{"t": "z"}]})
    [Difference(path='s[0].t', old='x', new='z')]
    """
    return list(_diff(old, new, []))


def _diff(old: Any, new: Any, path: list[str | int]) -> Iterator[Difference]:
    if isinstance(old, dict) and isinstance(new, dict):
        yield from _diff_objects(old, new, path)
    elif isinstance(old, list) and isinstance(new, list):
        yield from _diff_lists(old, new, path)
    elif old != new or type(old) is not type(new):
        yield Difference(format_path(path), old, new)


def _diff_objects(old: dict[str, Any], new: dict[str, Any], path: list[str | int]) -> Iterator[Difference]:
    keys = list(old) + [key for key in new if key not in old]
    for key in keys:
        yield from _diff(old.get(key, ABSENT), new.get(key, ABSENT), [*path, key])


def _diff_lists(old: list[Any], new: list[Any], path: list[str | int]) -> Iterator[Difference]:
    matcher = SequenceMatcher(None, [_key(v) for v in old], [_key(v) for v in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        paired = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for k in range(paired):  # changed in place: look inside
            yield from _diff(old[i1 + k], new[j1 + k], [*path, j1 + k])
        for i in range(i1 + paired, i2):
            yield Difference(format_path([*path, i]), old[i], ABSENT)
        for j in range(j1 + paired, j2):
            yield Difference(format_path([*path, j]), ABSENT, new[j])


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def changed_span(old: str, new: str) -> tuple[int, int, int]:
    """Lengths of the common prefix and suffix, and of the old string.

    >>> changed_span("abcXdef", "abcYYdef")
    (3, 3, 7)
    """
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    return prefix, suffix, len(old)


def context_snippets(
    old: str, new: str, context: int = 12, longest: int = 60
) -> tuple[tuple[str, str, str], tuple[str, str, str]]:
    """Short views of two long strings around where they differ: ``(before, changed, after)`` each.

    >>> context_snippets("一二三四五六七八九十" * 3, "一二三四五六七八九十" * 2 + "一二三X五六七八九十", context=3)
    (('…一二三', '四', '五六七…'), ('…一二三', 'X', '五六七…'))
    """
    prefix, suffix, _ = changed_span(old, new)
    return _snippet(old, prefix, suffix, context, longest), _snippet(new, prefix, suffix, context, longest)


def _snippet(text: str, prefix: int, suffix: int, context: int, longest: int) -> tuple[str, str, str]:
    start, end = prefix, len(text) - suffix
    before = ("…" if start > context else "") + text[max(0, start - context) : start]
    after = text[end : end + context] + ("…" if len(text) - end > context else "")
    changed = text[start:end]
    if len(changed) > longest:
        changed = changed[: longest // 2] + "…" + changed[-longest // 2 :]
    return before, changed, after
