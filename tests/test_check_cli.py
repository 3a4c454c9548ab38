"""``wpclean check``: in-process (CliRunner) and as a subprocess, on copies of the samples."""

from __future__ import annotations

import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import CORPUS_INPUTS, REAL_INPUTS, SAMPLES, SEED
from tests.helpers import run_wpclean
from wpclean.cli.app import build_app

runner = CliRunner()
GOLDEN_NAME = "shenzhen-edu-2019-workplan.json"
BROKEN_PATH = "sections[3].items[2].lead"
CLEAN_ENV = {"CI": None, "GITHUB_ACTIONS": None, "NO_COLOR": "1"}  # the tests may themselves run in CI


def invoke(*args: str, **env: str | None):
    return runner.invoke(build_app(), ["check", *args], env={**CLEAN_ENV, **env})


def run(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    proc = run_wpclean(*args, cwd=cwd, env=env)
    return subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.decode(), proc.stderr.decode())


@pytest.fixture
def seed_dir(tmp_path: Path) -> Path:
    """The seed page and its golden, alone in a folder."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(SEED, folder)
    shutil.copy(SAMPLES / GOLDEN_NAME, folder)
    return folder


def break_golden(folder: Path) -> str:
    """Change one item's lead in the golden; return the lead the pipeline really produces."""
    golden = folder / GOLDEN_NAME
    plan = json.loads(golden.read_text(encoding="utf-8"))
    lead = plan["sections"][3]["items"][2]["lead"]
    plan["sections"][3]["items"][2]["lead"] = "被改坏的导语"
    golden.write_text(json.dumps(plan, ensure_ascii=False, indent=2), encoding="utf-8")
    return lead


def test_unchanged_samples_pass(tmp_path: Path) -> None:
    shutil.copytree(SAMPLES, tmp_path / "samples")
    result = invoke(str(tmp_path / "samples"))
    assert result.exit_code == 0, result.stderr
    inputs = 1 + 2 * len(CORPUS_INPUTS) + 2 * len(REAL_INPUTS)  # the seed, corpus and real inputs, their originals
    assert f"{inputs} inputs checked: {inputs} passed" in result.stderr
    assert result.stdout == ""


def test_a_broken_golden_fails_naming_the_path_and_both_values(tmp_path: Path) -> None:
    shutil.copytree(SAMPLES, tmp_path / "samples")
    lead = break_golden(tmp_path / "samples")
    result = invoke(str(tmp_path / "samples"))
    assert result.exit_code == 1
    assert BROKEN_PATH in result.stderr
    assert '- "被改坏的导语"' in result.stderr and f'+ "{lead}"' in result.stderr
    assert "1 failed" in result.stderr


def test_a_broken_golden_fails_in_a_subprocess_too(seed_dir: Path) -> None:
    break_golden(seed_dir)
    proc = run("check", str(seed_dir), cwd=seed_dir)
    assert proc.returncode == 1
    assert BROKEN_PATH in proc.stderr and "Traceback" not in proc.stderr
    assert proc.stdout == ""


def test_volatile_fields_do_not_count_as_differences(seed_dir: Path) -> None:
    golden = seed_dir / GOLDEN_NAME
    plan = json.loads(golden.read_text(encoding="utf-8"))
    plan["tool"]["version"], plan["input"]["path"] = "0.0.1", "somewhere/else.txt"
    golden.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    assert invoke(str(seed_dir)).exit_code == 0


def test_a_golden_that_is_not_json_fails_readably(seed_dir: Path) -> None:
    (seed_dir / GOLDEN_NAME).write_text("{oops", encoding="utf-8")
    result = invoke(str(seed_dir))
    assert result.exit_code == 1 and "is not valid JSON" in result.stderr and "Traceback" not in result.stderr


def test_junit_report_has_one_test_case_per_input_and_the_failure(tmp_path: Path) -> None:
    shutil.copytree(SAMPLES, tmp_path / "samples")
    break_golden(tmp_path / "samples")
    junit = tmp_path / "check.xml"
    assert invoke(str(tmp_path / "samples"), "--junit", str(junit)).exit_code == 1
    suite = ET.parse(junit).getroot().find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    assert len(cases) == int(suite.get("tests", "0")) == 1 + 2 * len(CORPUS_INPUTS) + 2 * len(REAL_INPUTS)
    failed = [case for case in cases if case.find("failure") is not None]
    assert [case.get("name") for case in failed] == [SEED.name] and suite.get("failures") == "1"
    failure = failed[0].find("failure")
    assert failure is not None and failure.get("type") == "golden"
    assert BROKEN_PATH in failure.get("message", "") and "被改坏的导语" in (failure.text or "")


def test_unprocessable_input_is_a_junit_error(seed_dir: Path, tmp_path: Path) -> None:
    (seed_dir / "empty.txt").write_bytes(b"")
    junit = tmp_path / "check.xml"
    result = invoke(str(seed_dir), "--junit", str(junit))
    assert result.exit_code == 1
    errors = [case for case in ET.parse(junit).getroot().iter("testcase") if case.find("error") is not None]
    assert [case.get("name") for case in errors] == ["empty.txt"]


def test_a_broken_link_in_the_corpus_fails_instead_of_being_skipped(seed_dir: Path) -> None:
    (seed_dir / "gone.txt").symlink_to(seed_dir / "nowhere.txt")
    result = invoke(str(seed_dir))
    assert result.exit_code == 1
    assert "gone.txt" in result.stderr and "move it out of the corpus" in result.stderr


def test_json_report_lists_every_input_with_problems_and_differences(seed_dir: Path, tmp_path: Path) -> None:
    lead = break_golden(seed_dir)
    report = tmp_path / "report.json"
    assert invoke(str(seed_dir), "--report", str(report)).exit_code == 1
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["summary"] == {"inputs": 1, "passed": 0, "updated": 0, "failed": 1, "error": 0}
    (entry,) = data["inputs"]
    assert entry["status"] == "failed" and entry["problems"][0]["check"] == "golden"
    assert entry["differences"] == [{"path": BROKEN_PATH, "old": "被改坏的导语", "new": lead}]


def test_github_actions_get_error_annotations_on_stdout(seed_dir: Path) -> None:
    break_golden(seed_dir)
    result = invoke(str(seed_dir), GITHUB_ACTIONS="true")
    assert result.exit_code == 1
    (line,) = result.stdout.splitlines()
    assert line.startswith(f"::error file={seed_dir / SEED.name},title=wpclean check%3A failed::")
    message = line.split("::", 2)[2]
    assert "\n" not in message and "%0A" in message and BROKEN_PATH in message


def test_no_annotations_outside_github_actions(seed_dir: Path) -> None:
    break_golden(seed_dir)
    assert invoke(str(seed_dir)).stdout == ""


def test_update_is_refused_when_ci_is_set(seed_dir: Path) -> None:
    break_golden(seed_dir)
    before = (seed_dir / GOLDEN_NAME).read_bytes()
    result = invoke(str(seed_dir), "--update", CI="true")
    assert result.exit_code == 2 and "--force" in result.stderr
    assert (seed_dir / GOLDEN_NAME).read_bytes() == before


def test_update_shows_the_change_then_rewrites_the_golden(seed_dir: Path) -> None:
    lead = break_golden(seed_dir)
    result = invoke(str(seed_dir), "--update")
    assert result.exit_code == 0
    assert result.stderr.index(BROKEN_PATH) < result.stderr.index("rewrote golden")
    assert json.loads((seed_dir / GOLDEN_NAME).read_text(encoding="utf-8"))["sections"][3]["items"][2]["lead"] == lead
    assert invoke(str(seed_dir)).exit_code == 0
    assert [path.name for path in seed_dir.iterdir() if path.name.endswith(".tmp")] == []


def test_update_with_force_works_in_ci(seed_dir: Path) -> None:
    break_golden(seed_dir)
    assert invoke(str(seed_dir), "--update", "--force", CI="true").exit_code == 0
    assert invoke(str(seed_dir)).exit_code == 0


def test_update_never_creates_goldens(tmp_path: Path) -> None:
    shutil.copy(SEED, tmp_path)
    assert invoke(str(tmp_path), "--update").exit_code == 0
    assert sorted(path.name for path in tmp_path.iterdir()) == [SEED.name]


def test_strict_fails_on_warnings(tmp_path: Path) -> None:
    warned = next(path for path in CORPUS_INPUTS if path.name.startswith("02-"))  # has a numbering_duplicate warning
    shutil.copy(warned, tmp_path)
    assert invoke(str(tmp_path)).exit_code == 0
    result = invoke(str(tmp_path), "--strict")
    assert result.exit_code == 1 and "numbering_duplicate" in result.stderr


def test_invariant_failures_name_the_check_and_the_field(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import wpclean
    from wpclean import Result

    real = wpclean.process_bytes

    def damaged(data: bytes, options, path=None, doc_id=None) -> Result:  # type: ignore[no-untyped-def]
        result = real(data, options, path=path)
        plan = result.plan.model_copy(update={"preamble": result.plan.preamble + "深(shen)圳學校"})
        return Result(plan=plan, body=result.body, cleaned=result.cleaned)

    monkeypatch.setattr(wpclean, "process_bytes", damaged)
    shutil.copy(SEED, tmp_path)
    report = tmp_path / "report.json"
    assert invoke(str(tmp_path), "--report", str(report)).exit_code == 1
    problems = json.loads(report.read_text(encoding="utf-8"))["inputs"][0]["problems"]
    assert {(p["check"], p["where"]) for p in problems} == {
        ("pinyin", "preamble"),
        ("traditional", "preamble"),
        ("lossless", ""),
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nowhere/"], "does not exist"),
        (["-"], "not standard input"),
        (["{dir}", "--force"], "--force only goes with --update"),
        (["{dir}", "--convert", "s2t"], "convert must be one of"),
        (["{dir}", "--junit", "missing/check.xml"], "folder does not exist"),
        (["{dir}", "--glob", "*.md"], "no inputs matching"),
    ],
)
def test_usage_errors_exit_2_with_one_line(seed_dir: Path, args: list[str], message: str) -> None:
    result = invoke(*(arg.format(dir=seed_dir) for arg in args))
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_check_as_first_argument_is_the_subcommand_and_dot_slash_check_is_a_file(tmp_path: Path) -> None:
    shutil.copy(SEED, tmp_path / "check")
    checked = run("check", str(tmp_path), cwd=tmp_path)
    assert checked.returncode == 2 and "no inputs matching *.txt" in checked.stderr  # a folder without *.txt
    processed = run("./check", cwd=tmp_path)
    assert processed.returncode == 0 and json.loads(processed.stdout)["title"] == "深圳市教育局2019年工作思路"


def test_main_help_lists_both_forms_with_examples() -> None:
    result = runner.invoke(build_app(), ["--help"])
    assert result.exit_code == 0
    assert "wpclean page.txt -o plan.json" in result.stdout and "wpclean check samples/" in result.stdout


def test_the_project_samples_pass_as_a_subprocess(tmp_path: Path) -> None:
    junit = tmp_path / "check.xml"
    proc = run("check", str(SAMPLES), "--junit", str(junit), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert ET.parse(junit).getroot().get("failures") == "0"
