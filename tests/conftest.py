from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SEED = SAMPLES / "shenzhen-edu-2019-workplan.txt"
CORPUS_INPUTS = sorted((SAMPLES / "corpus").glob("*.txt"))
ORIGINALS = SAMPLES / "originals"


def volatile_free(plan: dict) -> dict:
    """A plan dict without the fields that change between runs or machines."""
    plan = json.loads(json.dumps(plan))
    plan["tool"].pop("version", None)
    plan["input"].pop("path", None)
    return plan


@pytest.fixture(scope="session")
def seed_bytes() -> bytes:
    return SEED.read_bytes()
