"""The plan's JSON Schema: generated from the models, committed, printed by ``wpclean schema``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from tests.conftest import ROOT, SAMPLES
from wpclean.cli.app import build_app
from wpclean.schemas.validate import committed_schema_text, schema_errors, schema_text

COMMITTED = ROOT / "schemas" / "plan.schema.json"
REGENERATE = (
    "regenerate it: wpclean schema > schemas/plan.schema.json (and bump SCHEMA_VERSION if the contract changed)"
)


def test_committed_schema_equals_the_one_generated_from_the_models() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == schema_text(), REGENERATE


def test_installed_package_ships_the_committed_schema() -> None:
    assert committed_schema_text() == COMMITTED.read_text(encoding="utf-8")


def test_schema_command_prints_the_committed_schema() -> None:
    result = CliRunner().invoke(build_app(), ["schema"])
    assert result.exit_code == 0 and result.stdout == COMMITTED.read_text(encoding="utf-8")


def test_schema_command_regenerates_when_the_committed_file_was_emptied(monkeypatch) -> None:
    """``wpclean schema > schemas/plan.schema.json`` in a checkout: the shell empties the file first."""
    monkeypatch.setattr("wpclean.schemas.validate.committed_schema_text", lambda: "")
    result = CliRunner().invoke(build_app(), ["schema"])
    assert result.exit_code == 0 and result.stdout == schema_text()


def test_schema_command_as_a_subprocess() -> None:
    proc = subprocess.run([sys.executable, "-m", "wpclean.cli", "schema"], capture_output=True, timeout=120)
    assert proc.returncode == 0 and json.loads(proc.stdout)["properties"]["schema_version"]["const"] == "2"


def test_schema_names_its_dialect_for_validators() -> None:
    assert json.loads(schema_text())["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_seed_golden_validates_against_the_schema() -> None:
    golden = json.loads((SAMPLES / "shenzhen-edu-2019-workplan.json").read_text(encoding="utf-8"))
    assert schema_errors(golden) == []


def test_schema_errors_give_the_json_path_of_what_is_wrong() -> None:
    golden = json.loads((SAMPLES / "shenzhen-edu-2019-workplan.json").read_text(encoding="utf-8"))
    golden["sections"][2]["items"][1]["number"] = -1
    golden["schema_version"] = "0"
    errors = dict(schema_errors(golden))
    assert set(errors) == {"schema_version", "sections[2].items[1].number"}
    assert "-1" in errors["sections[2].items[1].number"]


def test_package_data_covers_every_data_file() -> None:
    """A data file left out of package-data works in a checkout and fails after ``pip install .``: each
    one is matched by a pattern of the package its folder is (a listed package, the data folders too)."""
    import tomllib
    from fnmatch import fnmatch

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    roots = config["package-dir"]

    def folder_of(package: str) -> Path:  # a listed package's folder, by the package-dir of its nearest root
        root = max((name for name in roots if package == name or package.startswith(name + ".")), key=len)
        return ROOT / roots[root] / package.removeprefix(root).lstrip(".").replace(".", "/")

    folders = {folder_of(package): package for package in config["packages"]}
    for folder in roots.values():
        for path in (ROOT / folder).rglob("*"):
            relative = path.relative_to(ROOT / folder).as_posix()
            if path.is_file() and path.suffix not in (".py", ".pyc") and "__pycache__" not in relative:
                package = folders.get(path.parent)
                patterns = config["package-data"].get(package, []) if package else []
                assert any(fnmatch(path.name, pattern) for pattern in patterns), (
                    f"{folder}/{relative} is not package data of {package or 'a listed package'}"
                )
