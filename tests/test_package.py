"""The package's face and the house's layering: what ``import wpclean`` gives,
that importing it costs nothing, and that the rooms import in one direction."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import wpclean
from tests.conftest import ROOT, SEED

PUBLIC = {
    "process_bytes", "process_text", "process_document", "Options", "Result", "Plan",
    "WpcleanError", "InputError", "DecodeError", "EmptyInputError", "InputTooLargeError", "__version__",
}  # fmt: skip

# Room (checkout folder) → the rooms it may import.  cli is the top; the
# package root's leaf modules (options, errors) may be imported by anyone.
ROOMS = {
    "pipeline": "wpclean",
    "cleaner": "wpclean.cleaner",
    "parser": "wpclean.parser",
    "schemas": "wpclean.schemas",
    "render": "wpclean.render",
    "batch": "wpclean.batch",
    "check": "wpclean.check",
    "fileio": "wpclean.fileio",
    "cli": "wpclean.cli",
}
LEAVES = {"wpclean.options", "wpclean.errors", "wpclean.decode", "wpclean.version"}
MAY_IMPORT = {
    "cleaner": set(),
    "schemas": set(),
    "parser": {"cleaner", "schemas"},
    "pipeline": {"cleaner", "parser", "schemas"},
    "render": {"schemas", "cleaner", "pipeline"},
    "fileio": {"pipeline"},
    "check": {"pipeline", "cleaner", "parser", "schemas", "render", "batch", "fileio"},
    "batch": {"pipeline", "cleaner", "schemas", "render", "fileio"},
    "cli": set(ROOMS),
}


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


def _room_of(module: str) -> str | None:
    """The room a wpclean module name lives in (None for a leaf of the root or a name in a module)."""
    best = None
    for room, package in ROOMS.items():
        if (module == package or module.startswith(package + ".")) and (best is None or len(package) > len(ROOMS[best])):
            best = room
    return best


@pytest.mark.parametrize("room", sorted(MAY_IMPORT))
def test_each_room_imports_only_the_rooms_below_it(room: str) -> None:
    wrong = set()
    for path in (ROOT / room).rglob("*.py"):
        for module in _imports(path):
            if any(module == leaf or module.startswith(leaf + ".") for leaf in LEAVES) or module == "wpclean":
                continue
            target = _room_of(module)
            if target not in (room, None) and target not in MAY_IMPORT[room]:
                wrong.add(f"{path.relative_to(ROOT)} imports {module}")
    assert not wrong, sorted(wrong)


def test_no_module_imports_one_that_imports_it_back() -> None:
    graph: dict[str, set[str]] = {}
    for room, package in ROOMS.items():
        for path in (ROOT / room).rglob("*.py"):
            relative = path.relative_to(ROOT / room).with_suffix("")
            parts = [part for part in relative.parts if part != "__init__"]
            name = ".".join([package, *parts])
            graph[name] = _imports(path)
    cycles = sorted(f"{a} <-> {b}" for a, targets in graph.items() for b in targets if b in graph and a in graph[b] and a < b)
    assert not cycles, cycles
