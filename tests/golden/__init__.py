"""Golden files of the renderings, and the one helper that compares against them.

Regenerate them after an intended change with

    WPCLEAN_UPDATE_GOLDENS=1 .venv/bin/python -m pytest tests/test_render_golden.py tests/test_show.py

then review ``git diff tests/golden`` before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent
UPDATE_VARIABLE = "WPCLEAN_UPDATE_GOLDENS"


def assert_matches_golden(name: str, actual: bytes) -> None:
    """``actual`` equals the bytes of golden file ``name`` (rewritten instead in update mode)."""
    path = GOLDEN / name
    if os.environ.get(UPDATE_VARIABLE):
        path.write_bytes(actual)
    assert path.exists(), f"no golden file {name}; create it with {UPDATE_VARIABLE}=1"
    expected = path.read_bytes()
    assert actual.decode("utf-8") == expected.decode("utf-8"), f"{name} differs from its golden file"
