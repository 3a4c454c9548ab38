"""Hostile and broken input through the command line: a valid plan or one
documented error line, and never a damaged or lost input."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.conftest import SAMPLES, SEED
from wpclean.cli.app import build_app
from wpclean.schemas import Plan

runner = CliRunner()


def invoke(*args: str, input: bytes | None = None):
    return runner.invoke(build_app(), list(args), input=input)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=300), st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_any_bytes_on_stdin_give_a_plan_or_one_error_line(data: bytes) -> None:
    result = invoke("-", input=data)
    assert result.exit_code in (0, 1), result.stderr
    if result.exit_code == 0:
        Plan.model_validate(json.loads(result.stdout))
    else:
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("wpclean: error: -: ") and result.stdout == ""


def _digests(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_batch_never_modifies_its_inputs(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    shutil.copytree(SAMPLES, pages)
    before = _digests(pages)
    result = invoke(str(pages), "-o", str(tmp_path / "plans"), "-q", "-j", "1")
    assert result.exit_code == 0, result.stderr
    assert _digests(pages) == before


def test_a_plan_that_would_replace_another_named_input_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "a.json").write_text('{"mine": 1}', encoding="utf-8")
    (tmp_path / "list").write_text(f"{tmp_path / 'a.txt'}\n{tmp_path / 'a.json'}\n", encoding="utf-8")
    for args in ([str(tmp_path / "a.txt"), str(tmp_path / "a.json")], ["--from-list", str(tmp_path / "list")]):
        result = invoke(*args, "-o", "/", "-q")  # mirrored paths under / land on the inputs themselves
        assert result.exit_code == 2 and "would replace input" in result.stderr
    assert (tmp_path / "a.json").read_text(encoding="utf-8") == '{"mine": 1}'


def test_an_input_seen_before_is_never_the_target_of_a_later_plan(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text("深圳市教育局通知\n正文。", encoding="utf-8")
    (tmp_path / "a.txt").write_bytes(SEED.read_bytes())
    listing = f"{tmp_path / 'a.json'}\n{tmp_path / 'a.txt'}\n".encode()
    result = invoke("--from-list", "-", "-o", "/", "-q", "-j", "1", input=listing)
    assert result.exit_code == 1 and "would replace an input of this run" in result.stderr
    assert (tmp_path / "a.json").read_text(encoding="utf-8") == "深圳市教育局通知\n正文。"


def test_an_output_location_that_cannot_be_made_fails_that_input_and_the_run_reports_it(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    (pages / "sub").mkdir(parents=True)
    (pages / "sub" / "x.txt").write_bytes(SEED.read_bytes())
    (pages / "y.txt").write_bytes(SEED.read_bytes())
    out = tmp_path / "plans"
    out.mkdir()
    (out / "sub").write_text("a file where a folder must go", encoding="utf-8")
    result = invoke(str(pages), "-o", str(out), "-q", "-j", "1", "--errors", str(tmp_path / "errors.jsonl"))
    assert result.exit_code == 1 and "sub" in result.stderr
    assert (out / "y.json").is_file() and (out / "sub").read_text(encoding="utf-8") == "a file where a folder must go"
    [error] = [json.loads(line) for line in (tmp_path / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert error["path"].endswith("x.txt") and "cannot create folder" in error["reason"]


def test_a_jsonl_id_cannot_lead_an_output_out_of_the_folder(tmp_path: Path) -> None:
    records = "".join(
        json.dumps({"id": doc_id, "text": "标题\n正文。"}) + "\n"
        for doc_id in ["../../escape", "/etc/passwd", "a/../../b"]
    )
    (tmp_path / "crawl.jsonl").write_text(records, encoding="utf-8")
    out = tmp_path / "deep" / "plans"
    result = invoke("--jsonl-in", str(tmp_path / "crawl.jsonl"), "--id-field", "id", "-o", str(out), "-q", "-j", "1")
    assert result.exit_code == 0, result.stderr
    written = sorted(p for p in tmp_path.rglob("*.json"))
    assert len(written) == 3 and all(out in p.parents for p in written)
