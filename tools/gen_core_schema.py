"""Write schemas/plan.core-schema.json: the plan models' pydantic-core schema as
plain data (see wpclean.schemas.core_schema), which a run validates plans with.

    python tools/gen_core_schema.py

Run it after changing the models; tests/test_core_schema.py fails until then.
"""

from __future__ import annotations

from pathlib import Path

from wpclean.schemas.core_schema import CORE_SCHEMA_FILE, core_schema_text

TARGET = Path(__file__).resolve().parent.parent / "schemas" / CORE_SCHEMA_FILE

if __name__ == "__main__":
    TARGET.write_text(core_schema_text(), encoding="utf-8")
    print(f"wrote {TARGET}")
