"""``wpclean schema``: print the plan's JSON Schema."""

from __future__ import annotations

import json
import sys


def plan_schema() -> dict:
    from wpclean.schemas import Plan

    return Plan.model_json_schema()


def schema_text() -> str:
    return json.dumps(plan_schema(), ensure_ascii=False, indent=2) + "\n"


def schema_command() -> None:
    """Print the JSON Schema of the plan (the same as schemas/plan.schema.json)."""
    sys.stdout.write(schema_text())
