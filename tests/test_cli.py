"""The command line, in-process (typer's CliRunner) and as a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import SEED
from tests.helpers import run_wpclean
from wpclean.cli.app import build_app

runner = CliRunner()


def invoke(*args: str, input: bytes | None = None):
    return runner.invoke(build_app(), list(args), input=input)


run = run_wpclean


def test_plan_goes_to_stdout_without_output_option() -> None:
    result = invoke(str(SEED))
    assert result.exit_code == 0
    assert json.loads(result.stdout)["title"] == "深圳市教育局2019年工作思路"


def test_output_option_writes_the_plan_file(tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    result = invoke(str(SEED), "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert len(json.loads(out.read_text(encoding="utf-8"))["sections"]) == 9


def test_json_has_characters_not_unicode_escapes(tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    invoke(str(SEED), "-o", str(out))
    text = out.read_text(encoding="utf-8")
    assert "\\u" not in text and "深圳" in text


def test_stdin_input_with_dash() -> None:
    result = invoke("-", input=SEED.read_bytes())
    assert result.exit_code == 0
    assert json.loads(result.stdout)["input"]["path"] is None


def test_version_constant_is_the_installed_distributions_version() -> None:
    from importlib.metadata import version

    from wpclean.document import tool_version

    assert tool_version() == version("wpclean")


def test_version_option_prints_the_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0 and result.stdout.startswith("wpclean ")


def test_help_shows_an_example() -> None:
    result = invoke("--help")
    assert result.exit_code == 0 and "wpclean page.txt -o plan.json" in result.stdout


def test_explain_writes_one_json_object_per_change_to_stderr() -> None:
    result = invoke(str(SEED), "--explain")
    assert result.exit_code == 0
    changes = [json.loads(line) for line in result.stderr.splitlines()]
    kinds = {change["kind"] for change in changes}
    assert {"annotation_removed", "char_converted", "punct_normalized"} <= kinds
    assert all(set(change) >= {"kind", "original", "replacement", "offset"} for change in changes)


def test_explain_to_a_file(tmp_path: Path) -> None:
    log = tmp_path / "changes.jsonl"
    result = invoke(str(SEED), "--explain-to", str(log))
    assert result.exit_code == 0
    assert len(log.read_text(encoding="utf-8").splitlines()) > 1000


def test_convert_none_keeps_traditional_script() -> None:
    result = invoke(str(SEED), "--convert", "none")
    assert json.loads(result.stdout)["tool"]["convert"] == "none" and "信息" in result.stdout and "學" in result.stdout


@pytest.mark.parametrize(
    ("content", "expected_code", "message"),
    [
        (b"", 1, "empty"),
        (bytes(range(0x80, 0x100)) * 3, 1, "--encoding"),
        (b"\x00\x01\x02binary", 1, "binary"),
    ],
)
def test_bad_input_fails_with_one_line_and_no_output(
    tmp_path: Path, content: bytes, expected_code: int, message: str
) -> None:
    source, out = tmp_path / "page.txt", tmp_path / "plan.json"
    source.write_bytes(content)
    result = invoke(str(source), "-o", str(out))
    assert result.exit_code == expected_code
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not out.exists() and list(tmp_path.iterdir()) == [source]
    assert source.read_bytes() == content


def test_missing_input_is_a_usage_error(tmp_path: Path) -> None:
    result = invoke(str(tmp_path / "nope.txt"))
    assert result.exit_code == 2 and "does not exist" in result.stderr


def test_unknown_convert_value_is_a_usage_error() -> None:
    result = invoke(str(SEED), "--convert", "s2t")
    assert result.exit_code == 2 and "convert must be one of" in result.stderr


def test_unwritable_output_fails_and_leaves_nothing(tmp_path: Path) -> None:
    result = invoke(str(SEED), "-o", str(tmp_path / "missing" / "plan.json"))
    assert result.exit_code == 1 and "does not exist" in result.stderr
    assert not (tmp_path / "missing").exists()


def test_output_equal_to_input_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_bytes(SEED.read_bytes())
    result = invoke(str(page), "-o", str(page))
    assert result.exit_code == 2 and page.read_bytes() == SEED.read_bytes()


def test_failed_write_keeps_the_previous_output(tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    out.write_text("old", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    assert invoke(str(bad), "-o", str(out)).exit_code == 1
    assert out.read_text(encoding="utf-8") == "old"


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_input_fails(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_bytes(b"x")
    page.chmod(0)
    assert invoke(str(page)).exit_code == 1


def test_subprocess_writes_plan_and_exits_zero(tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    proc = run(str(SEED), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == b"" and json.loads(out.read_bytes())["title"] == "深圳市教育局2019年工作思路"


def test_subprocess_reads_stdin_and_writes_stdout() -> None:
    proc = run("-", input=SEED.read_bytes())
    assert proc.returncode == 0 and len(json.loads(proc.stdout)["sections"]) == 9


def test_subprocess_error_is_one_line_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\xfa" * 5 + b"abc\xff")
    proc = run(str(bad))
    assert proc.returncode == 1
    assert b"Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / "wpclean"
    proc = subprocess.run([str(script), "--version"], capture_output=True, timeout=60)
    assert proc.returncode == 0 and proc.stdout.startswith(b"wpclean ")


def test_the_main_job_loads_no_optional_module_and_validates_the_plan_it_writes(tmp_path: Path) -> None:
    # What a shell loop over files pays at every start (see
    # docs/performance.md): pypinyin's tables are precomputed, rich is for progress
    # and show, the HTML parser is for HTML pages only; the plan is validated before
    # it is written, by pydantic-core from the models' committed core schema, so
    # the models' own validators are never built.
    probe = (
        "import sys\n"
        "from wpclean.cli.app import main\n"
        f"sys.argv = ['wpclean', {str(SEED)!r}, '-o', {str(tmp_path / 'plan.json')!r}]\n"
        "try:\n    main()\nexcept SystemExit as stop:\n    assert stop.code in (0, None), stop.code\n"
        "from wpclean.schemas import Plan\n"
        "from wpclean.schemas.core_schema import plan_checker\n"
        "optional = ('pypinyin', 'rich', 'jsonschema', 'charset_normalizer', 'selectolax', 'wpclean.html')\n"
        "loaded = [name for name in optional if name in sys.modules]\n"
        "print(loaded, plan_checker.cache_info().currsize, Plan.__pydantic_complete__)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["[]", "1", "False"]  # validated, without building the models
    assert json.loads((tmp_path / "plan.json").read_text(encoding="utf-8"))["title"] == "深圳市教育局2019年工作思路"
