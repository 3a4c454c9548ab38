"""``wpclean schema``: print the plan's JSON Schema (schemas/plan.schema.json).

It prints the committed file shipped with the package: nothing is generated
at run time, so the command starts as fast as the command line can
(:mod:`wpclean.schemas.validate` keeps the file equal to the models).
"""

from __future__ import annotations

import sys


def schema_command() -> None:
    """Print the plan's JSON Schema (the same as schemas/plan.schema.json).

    Example:  wpclean schema > plan.schema.json
    """
    from wpclean.schemas.validate import committed_schema_text

    text = committed_schema_text()
    if not text.strip():  # emptied: in a checkout, `wpclean schema > schemas/plan.schema.json` truncates it first
        from wpclean.schemas.validate import schema_text

        text = schema_text()
    sys.stdout.write(text)
