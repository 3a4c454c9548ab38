"""Run the doctests of every library module, imported by its installed name."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

PACKAGES = ["wpclean.cleaner", "wpclean.parser", "wpclean.schemas", "wpclean.cli"]
SKIP = {"wpclean.cli.__main__", "wpclean.cleaner.gen_readings"}


def _modules() -> list[str]:
    names = []
    for package in PACKAGES:
        module = importlib.import_module(package)
        names += [f"{package}.{info.name}" for info in pkgutil.iter_modules(module.__path__)]
    return sorted(set(names) - SKIP)


@pytest.mark.parametrize("name", _modules())
def test_module_doctests_pass(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} doctest(s) failed in {name}"
