"""wpclean's output contract: the Plan models and the JSON Schema they export."""

from wpclean.schemas.models import (
    SCHEMA_VERSION,
    DocNumberParts,
    Document,
    InputInfo,
    Item,
    Plan,
    Section,
    Stats,
    ToolInfo,
    Warning,
)
from wpclean.schemas.page import Link, Page
from wpclean.schemas.trusted import plan_data, trusted

__all__ = [
    "SCHEMA_VERSION",
    "DocNumberParts",
    "Document",
    "InputInfo",
    "Item",
    "Link",
    "Page",
    "Plan",
    "Section",
    "Stats",
    "ToolInfo",
    "Warning",
    "plan_data",
    "trusted",
]
