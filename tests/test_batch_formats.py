"""CSV and Markdown in a batch: one file per input, or one combined stream."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from typer.testing import CliRunner

from tests.conftest import CORPUS_INPUTS, SAMPLES
from wpclean.cli.app import build_app

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(build_app(), [*args, "-q", "-j", "1"])


def _rows(data: bytes) -> list[dict[str, str]]:
    assert data.startswith("\ufeff".encode()), "a UTF-8 byte-order mark for spreadsheets"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_combined_csv_on_stdout_has_one_header_and_every_input(tmp_path: Path) -> None:
    result = invoke(str(SAMPLES / "corpus"), "--format", "csv")
    assert result.exit_code == 0, result.stderr
    data = result.stdout_bytes
    assert data.count(b"source,title,section_path") == 1
    sources = {row["source"] for row in _rows(data)}
    assert sources == {str(path) for path in CORPUS_INPUTS}


def test_combined_csv_file_with_o(tmp_path: Path) -> None:
    out = tmp_path / "all.csv"
    assert invoke(str(SAMPLES / "corpus"), "--format", "csv", "-o", str(out)).exit_code == 0
    rows = _rows(out.read_bytes())
    assert len({row["source"] for row in rows}) == len(CORPUS_INPUTS) and len(rows) > 200


def test_csv_to_a_folder_writes_one_file_per_input(tmp_path: Path) -> None:
    out = tmp_path / "plans"
    assert invoke(str(SAMPLES / "corpus"), "--format", "csv", "-o", str(out)).exit_code == 0
    files = sorted(out.glob("*.csv"))
    assert [f.stem for f in files] == [p.stem for p in CORPUS_INPUTS]
    assert all(_rows(f.read_bytes()) for f in files)


def test_combined_markdown_separates_documents_with_a_rule(tmp_path: Path) -> None:
    out = tmp_path / "all.md"
    assert invoke(str(SAMPLES / "corpus"), "--format", "md", "-o", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8")
    titles = [line for line in text.splitlines() if line.startswith("# ")]
    assert len(titles) == len(CORPUS_INPUTS) and text.count("\n---\n") == len(CORPUS_INPUTS) - 1


def test_skip_existing_cannot_resume_a_combined_csv(tmp_path: Path) -> None:
    result = invoke(str(SAMPLES / "corpus"), "--format", "csv", "-o", str(tmp_path / "all.csv"), "--skip-existing")
    assert result.exit_code == 2 and "--skip-existing" in result.stderr
