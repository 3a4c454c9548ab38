"""Plans and change logs as bytes (JSON now; other formats plug in here)."""

from __future__ import annotations

import json

from wpclean.cleaner.changes import Change
from wpclean.schemas import Plan


FORMATS = ("json", "jsonl", "md", "csv")


def render_plan(plan: Plan, fmt: str = "json") -> bytes:
    """The plan in output format ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "json":
        return plan_json(plan)
    if fmt == "jsonl":
        return plan_jsonl(plan)
    raise NotImplementedError(f"format {fmt!r} is not available yet")


def plan_json(plan: Plan) -> bytes:
    """Indented UTF-8 JSON, characters as themselves (no \\u escapes)."""
    return (plan.model_dump_json(indent=2) + "\n").encode("utf-8")


def plan_jsonl(plan: Plan) -> bytes:
    """One plan on one line, for JSON Lines streams."""
    return (plan.model_dump_json() + "\n").encode("utf-8")


def changes_jsonl(changes: tuple[Change, ...], path: str | None = None) -> str:
    """The change log: one JSON object per change."""
    lines = []
    for change in changes:
        record = change.as_dict()
        if path is not None:
            record["path"] = path
        lines.append(json.dumps(record, ensure_ascii=False))
    return "".join(line + "\n" for line in lines)
