"""Inputs named by URL, read through fsspec (here ``file://`` URLs): listed,
named and read like local paths, with either engine."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import CORPUS_INPUTS, SEED, volatile_free
from wpclean.cli.app import build_app

pytest.importorskip("fsspec", reason="fsspec comes with the dask extra: pip install -e '.[test,dask]'")
runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(build_app(), list(args))


@pytest.fixture()
def pages(tmp_path: Path) -> Path:
    root = tmp_path / "pages"
    (root / "a").mkdir(parents=True)
    shutil.copy(SEED, root / "seed.txt")
    shutil.copy(CORPUS_INPUTS[0], root / "a" / "first.txt")
    (root / "a" / "notes.md").write_text("not a page", encoding="utf-8")
    return root


def test_a_folder_url_mirrors_into_an_output_folder_like_a_local_folder(pages: Path, tmp_path: Path) -> None:
    result = invoke(pages.as_uri(), "-o", str(tmp_path / "plans"), "-j", "1", "-q")
    assert result.exit_code == 0, result.stderr
    assert sorted(str(path.relative_to(tmp_path / "plans")) for path in (tmp_path / "plans").rglob("*.json")) == [
        "a/first.json",
        "seed.json",
    ]
    from_url = json.loads((tmp_path / "plans" / "seed.json").read_text(encoding="utf-8"))
    assert from_url["input"]["path"] == (pages / "seed.txt").as_uri()
    local = invoke(str(pages / "seed.txt"), "-q")
    assert volatile_free(from_url) == volatile_free(json.loads(local.stdout))


def test_one_url_is_one_plan_on_standard_output(pages: Path) -> None:
    result = invoke((pages / "seed.txt").as_uri())
    assert result.exit_code == 0 and json.loads(result.stdout)["title"] == "深圳市教育局2019年工作思路"


def test_a_url_over_max_bytes_is_refused(pages: Path) -> None:
    result = invoke((pages / "seed.txt").as_uri(), "--max-bytes", "100")
    assert result.exit_code == 1
    assert (
        result.stderr.startswith(f"wpclean: error: {(pages / 'seed.txt').as_uri()}: input is ")
        and "over the --max-bytes limit of 100" in result.stderr
    )


def test_urls_that_cannot_be_read_are_failed_inputs_saying_why(tmp_path: Path) -> None:
    missing = (tmp_path / "missing.txt").as_uri()
    result = invoke(missing, "nosuch://bucket/a.txt", "--jsonl", "--errors", str(tmp_path / "errors.jsonl"), "-q")
    assert result.exit_code == 1 and result.stdout == ""
    reasons = {
        record["path"]: record["reason"]
        for record in map(json.loads, (tmp_path / "errors.jsonl").read_text(encoding="utf-8").splitlines())
    }
    assert reasons[missing] == "does not exist"
    assert "nosuch" in reasons["nosuch://bucket/a.txt"] and reasons["nosuch://bucket/a.txt"].endswith(
        "; check the URL"
    )  # the first part is fsspec's


@pytest.mark.skipif(importlib.util.find_spec("s3fs") is not None, reason="s3fs is installed")
def test_a_url_whose_filesystem_package_is_missing_says_what_to_install(tmp_path: Path) -> None:
    result = invoke("s3://bucket/pages/", "--jsonl", "-q")
    assert result.exit_code == 1
    assert result.stderr.startswith("wpclean: error: s3://bucket/pages/: ") and result.stderr.count("\n") == 1
    assert "s3fs" in result.stderr and result.stderr.endswith(
        "; install it here and on every Dask worker that reads such URLs\n"
    )
