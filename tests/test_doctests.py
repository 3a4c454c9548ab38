"""Run the doctests of every library module, imported by its installed name."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

PACKAGES = [
    "wpclean",
    "wpclean.cleaner",
    "wpclean.parser",
    "wpclean.schemas",
    "wpclean.render",
    "wpclean.batch",
    "wpclean.check",
    "wpclean.fileio",
    "wpclean.cli",
    "wpclean.html",
]
SKIP = {"wpclean.cli.__main__"}
# Modules with nothing to show in a doctest (data tables, models, processes,
# files, typer commands): their tests live in tests/.  Every other module must
# have doctests, and these must not (so the list stays true).
NO_DOCTESTS = {
    "wpclean.errors",
    "wpclean.cleaner.charclasses",
    "wpclean.parser.tables",
    "wpclean.schemas.models",
    "wpclean.batch.dask_engine",
    "wpclean.batch.run",
    "wpclean.cli.schema_cmd",
}


def _modules() -> list[str]:
    names = []
    for package in PACKAGES:
        module = importlib.import_module(package)
        names += [f"{package}.{info.name}" for info in pkgutil.iter_modules(module.__path__) if not info.ispkg]
    return sorted(set(names) - SKIP)


@pytest.mark.parametrize("name", _modules())
def test_module_doctests_pass(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} doctest(s) failed in {name}"
    if name in NO_DOCTESTS:
        assert result.attempted == 0, f"{name} has doctests now: take it out of NO_DOCTESTS"
    else:
        assert result.attempted > 0, f"{name} has no doctest: add one (or list it in NO_DOCTESTS, saying why)"
