"""Validating plans: the committed JSON Schema and the validator for it.

The schema is generated from the pydantic models and also committed as
``schemas/plan.schema.json`` (shipped as package data), which ``wpclean check``
validates plans against; a test fails when the two differ.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache

SCHEMA_FILE = "plan.schema.json"
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"  # what pydantic generates


def plan_schema() -> dict:
    """The plan's JSON Schema, generated from :class:`wpclean.schemas.Plan`."""
    from wpclean.schemas import Plan

    return {"$schema": JSON_SCHEMA_DIALECT, **Plan.model_json_schema()}


def schema_text() -> str:
    """The schema as ``wpclean schema`` prints it and ``schemas/plan.schema.json`` holds it."""
    return json.dumps(plan_schema(), ensure_ascii=False, indent=2) + "\n"


def committed_schema_text() -> str:
    """The text of the committed ``schemas/plan.schema.json`` (from the installed package)."""
    from importlib.resources import files

    return files("wpclean.schemas").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


@cache
def plan_validator():  # -> jsonschema.protocols.Validator
    """A validator for the committed schema (jsonschema is imported on first use only)."""
    import jsonschema

    schema = json.loads(committed_schema_text())
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def schema_errors(plan: dict) -> list[tuple[str, str]]:
    """Where and how a JSON-mode plan breaks the committed schema: ``[(json_path, message)]``.

    >>> schema_errors({"title": "t"})[0]
    ('', "'input' is a required property")
    """
    errors = sorted(plan_validator().iter_errors(plan), key=lambda error: list(map(str, error.absolute_path)))
    return [(format_path(error.absolute_path), error.message) for error in errors]


def format_path(parts: Iterable[str | int]) -> str:
    """A JSON path as people write it.

    >>> format_path(["sections", 3, "items", 2, "lead"]), format_path([]), format_path(["a b", 0])
    ('sections[3].items[2].lead', '', '["a b"][0]')
    """
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        elif part.isidentifier():
            text += f".{part}" if text else part
        else:
            text += f"[{json.dumps(part, ensure_ascii=False)}]"
    return text
