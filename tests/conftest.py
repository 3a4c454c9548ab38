from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SEED = SAMPLES / "shenzhen-edu-2019-workplan.txt"
CORPUS_INPUTS = sorted((SAMPLES / "corpus").glob("*.txt"))
ORIGINALS = SAMPLES / "originals"
# Real official documents (issue 14): damaged inputs with reviewed goldens beside them, originals under originals/.
REAL_INPUTS = sorted((SAMPLES / "real").glob("*.txt"))


def original_of(path: Path) -> Path:
    """The published original of a damaged sample input."""
    beside = path.parent / "originals" / path.name
    return beside if beside.exists() else ORIGINALS / path.name


def volatile_free(plan: dict) -> dict:
    """A plan dict without the fields that change between runs or machines."""
    plan = json.loads(json.dumps(plan))
    plan["tool"].pop("version", None)
    plan["input"].pop("path", None)
    return plan


@pytest.fixture(scope="session")
def seed_bytes() -> bytes:
    return SEED.read_bytes()
