"""The package's face: what ``import wpclean`` gives, that importing it costs
nothing, and that no two modules import each other."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import wpclean
from tests.conftest import ROOT, SEED
from tests.test_docs import FOLDERS

PUBLIC = {
    "process_bytes",
    "process_text",
    "process_document",
    "Options",
    "Result",
    "Plan",
    "WpcleanError",
    "InputError",
    "DecodeError",
    "EmptyInputError",
    "InputTooLargeError",
    "__version__",
}

ROOMS = FOLDERS  # checkout folder → the package it installs as (the layering is tested in test_docs)


def test_import_wpclean_gives_the_public_api() -> None:
    assert set(wpclean.__all__) == PUBLIC
    for name in PUBLIC:
        assert getattr(wpclean, name) is not None, name
    plan = wpclean.process_bytes(SEED.read_bytes(), wpclean.Options()).plan
    assert isinstance(plan, wpclean.Plan) and len(plan.sections) == 9


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'process'"):
        wpclean.process  # noqa: B018


def test_the_version_is_the_projects() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'version = "{wpclean.__version__}"' in pyproject


def test_importing_wpclean_imports_nothing_else_of_it() -> None:
    code = "import sys, wpclean; print(sorted(m for m in sys.modules if m.startswith('wpclean') or m in ('pydantic', 'opencc', 'regex')))"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert proc.stdout.strip() == "['wpclean', 'wpclean.version']"


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return {name for name in names if name == "wpclean" or name.startswith("wpclean.")}


def test_no_module_imports_one_that_imports_it_back() -> None:
    graph: dict[str, set[str]] = {}
    for room, package in ROOMS.items():
        for path in (ROOT / room).rglob("*.py"):
            relative = path.relative_to(ROOT / room).with_suffix("")
            parts = [part for part in relative.parts if part != "__init__"]
            name = ".".join([package, *parts])
            graph[name] = _imports(path)
    cycles = sorted(
        f"{a} <-> {b}" for a, targets in graph.items() for b in targets if b in graph and a in graph[b] and a < b
    )
    assert not cycles, cycles
