"""The plan's models as pydantic-core's own schema, committed, so that a run validates
plans without building the models' validators first.

pydantic builds a model's validator on its first validation: it generates the
models' core schema in Python and loads its plugin machinery
(``importlib.metadata``), some 0.1 s of every process that writes a plan.  The
core schema it generates is data; this module derives from it the schema of the
same plans as plain data (each model a typed dict of its fields, with its ``extra="forbid"``; no
classes, since a validated plan is only checked, never kept) and commits it as
``schemas/plan.core-schema.json``.  A run builds pydantic-core's validator from
that file in about a millisecond; the verdicts are the models' own (the file is
what the models generate: a test regenerates it and compares, another compares
verdicts on good and broken plans).  Should the installed pydantic-core not
accept the file, the models validate instead.

Regenerate after changing the models: ``python tools/gen_core_schema.py``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

CORE_SCHEMA_FILE = "plan.core-schema.json"
_CORE_SCHEMA_PATH = Path(__file__).parent / CORE_SCHEMA_FILE
_REF_ID = re.compile(r":\d+$")  # pydantic's refs end with the class's id(): the same each run only without it
_DROPPED = frozenset({"metadata", "cls", "default_factory_takes_data", "custom_init", "root_model", "post_init"})
_FACTORY_DEFAULTS: dict[type, object] = {list: [], dict: {}}


def plain_schema(node: object) -> object:
    """A models' core schema as the same schema for plain data: each ``model`` node
    replaced by a ``typed-dict`` of its fields (a field without a default required;
    keeping its extra-fields rule and its ref), classes, metadata and ids dropped, a
    default factory given as its default.  A typed dict's output is one dict, where
    ``model-fields`` made a dict, a set of the fields given and a tuple for each
    model: the same verdicts, some 30% faster on a large plan.

    >>> plain_schema({"type": "model", "cls": dict, "config": {"extra_fields_behavior": "forbid"},
    ...               "schema": {"type": "model-fields", "model_name": "A", "computed_fields": [],
    ...                          "fields": {"a": {"type": "model-field", "schema": {"type": "str"}}}},
    ...               "ref": "m.A:140"})
    {'type': 'typed-dict', 'fields': {'a': {'type': 'typed-dict-field', 'schema': {'type': 'str'}, 'required': True}}, \
'extra_behavior': 'forbid', 'ref': 'm.A'}
    """
    if isinstance(node, list):
        return [plain_schema(element) for element in node]
    if not isinstance(node, dict):
        return node
    if node.get("type") == "model":
        plain = {"type": "typed-dict", "fields": _typed_dict_fields(node["schema"]["fields"])}
        extra = node.get("config", {}).get("extra_fields_behavior")
        if extra:
            plain["extra_behavior"] = extra
        if "ref" in node:
            plain["ref"] = _REF_ID.sub("", node["ref"])
        return plain
    plain: dict[str, object] = {}
    for key, value in node.items():
        if key in _DROPPED:
            continue
        if key == "default_factory":  # [] / {} / a model's defaults: the value it makes, as data
            plain["default"] = _FACTORY_DEFAULTS.get(value, {})
        elif key in ("ref", "schema_ref"):
            plain[key] = _REF_ID.sub("", value)
        else:
            plain[key] = plain_schema(value)
    return plain


def _typed_dict_fields(fields: dict[str, dict]) -> dict[str, dict]:
    """A model's fields as a typed dict's: each field's schema, required unless it has a default."""
    made = {}
    for name, field in fields.items():
        unknown = set(field) - {"type", "schema", "metadata"}
        if unknown:  # aliases, frozen or excluded fields: not in these models, and not the same in a typed dict
            raise ValueError(f"field {name} has {', '.join(sorted(unknown))}: plain_schema does not translate it")
        schema = field["schema"]
        made[name] = {
            "type": "typed-dict-field",
            "schema": plain_schema(schema),
            "required": schema["type"] != "default",
        }
    return made


def core_schema_text() -> str:
    """What ``schemas/plan.core-schema.json`` holds: the Plan models' plain schema (builds the models).
    Call it in a fresh process, as the generator does: the nesting pydantic gives a model's schema
    depends on which models the process has built before (the meaning does not)."""
    import pydantic_core

    from wpclean.schemas import Plan

    Plan.model_rebuild()
    stored = {"pydantic_core": pydantic_core.__version__, "schema": plain_schema(Plan.__pydantic_core_schema__)}
    return json.dumps(stored, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def committed_core_schema() -> dict:
    """The committed core schema (from the installed package, beside this module)."""
    return json.loads(_CORE_SCHEMA_PATH.read_text(encoding="utf-8"))


@cache
def plan_checker() -> Callable[[object], object]:
    """Validates a plan's plain data (:func:`~wpclean.schemas.plan_data`) as the Plan
    models do, raising pydantic's ``ValidationError``: pydantic-core's validator
    for the committed schema, else (a pydantic-core that rejects the file) the models'.

    >>> plan_checker()({"title": None})
    Traceback (most recent call last):
    pydantic_core._pydantic_core.ValidationError: 2 validation errors for ...
    ...
    """
    from pydantic_core import SchemaError, SchemaValidator

    try:
        return SchemaValidator(committed_core_schema()["schema"]).validate_python
    except (SchemaError, KeyError, ValueError):
        from wpclean.schemas import Plan

        return Plan.model_validate
