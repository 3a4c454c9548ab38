"""Batch runs end to end: a few hundred generated pages plus broken inputs,
in-process (CliRunner) and as real subprocesses (worker pool, Ctrl-C, resume)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import SEED
from tests.generated import page, write_pages
from tests.helpers import interruptible, run_wpclean
from wpclean.cli.app import build_app
from wpclean.schemas import Plan

PAGES = 240
BROKEN = {  # file name under the corpus → what its failure reason says
    "binary.txt": "binary",
    "empty.txt": "empty",
    "junk-utf16.txt": "binary",
    "x.txt": "is a folder",
    "self-loop.txt": "not a regular file",
}
runner = CliRunner()


def invoke(*args: str, input: bytes | str | None = None):
    return runner.invoke(build_app(), list(args), input=input)


run = run_wpclean


def make_corpus(root: Path, pages: int = PAGES) -> Path:
    """``pages`` good UTF-8 pages, a GBK and a Big5 page, and the broken inputs of BROKEN."""
    write_pages(root, pages)
    odd = root / "odd"
    odd.mkdir()
    (odd / "gbk.txt").write_bytes(page(1).encode("gb18030"))
    (odd / "big5.txt").write_bytes(_big5_page())
    (odd / "binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4)
    (odd / "empty.txt").write_bytes(b"")
    (odd / "junk-utf16.txt").write_bytes(b"\xff\xfe\x00abc")
    (odd / "x.txt").mkdir()
    (odd / "self-loop.txt").symlink_to("self-loop.txt")
    (odd / "loop").symlink_to("..", target_is_directory=True)  # a folder loop back to the root
    return root


def _big5_page() -> bytes:
    text = SEED.read_text(encoding="utf-8")[:1500]
    return text.encode("big5", "ignore")  # the seed page is traditional; its pinyin tone marks are not in Big5


def good_inputs(root: Path) -> list[Path]:
    return sorted(
        path
        for path in root.rglob("*.txt")
        if path.is_file() and path.name[:-4] not in {"binary", "empty", "junk-utf16"}
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("corpus") / "pages")


@pytest.fixture(scope="module")
def parallel_run(
    corpus: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[subprocess.CompletedProcess[bytes], Path, Path]:
    """The whole corpus through ``-j 2`` in a subprocess, with an error list."""
    out, errors = tmp_path_factory.mktemp("out") / "plans", tmp_path_factory.mktemp("log") / "errors.jsonl"
    proc = run(str(corpus), "-o", str(out), "-j", "2", "--errors", str(errors))
    return proc, out, errors


def test_folder_run_writes_one_plan_per_good_input_mirroring_paths(corpus: Path, parallel_run) -> None:
    proc, out, _ = parallel_run
    plans = sorted(out.rglob("*.json"))
    expected = [out / path.relative_to(corpus).with_suffix(".json") for path in good_inputs(corpus)]
    assert plans == sorted(expected) and len(plans) == PAGES + 2
    plan = Plan.model_validate_json((out / "part001" / "page00057.txt").with_suffix(".json").read_bytes())
    assert plan.input.path == str(corpus / "part001" / "page00057.txt") and plan.title.endswith("（第57号）")
    assert proc.stdout == b""


def test_gbk_and_big5_pages_are_detected_and_recorded(parallel_run) -> None:
    _, out, _ = parallel_run
    assert json.loads((out / "odd" / "gbk.json").read_bytes())["input"]["encoding"] == "gb18030"
    big5 = json.loads((out / "odd" / "big5.json").read_bytes())
    assert big5["input"]["encoding"] in {"big5", "cp950", "big5hkscs"} and big5["title"] == "深圳市教育局2019年工作思路"


def test_bad_inputs_are_reported_with_path_and_reason_and_the_run_goes_on(corpus: Path, parallel_run) -> None:
    proc, _, errors = parallel_run
    assert proc.returncode == 1
    records = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert {Path(record["path"]).name: record["reason"] for record in records}.keys() == BROKEN.keys()
    for record in records:
        assert BROKEN[Path(record["path"]).name] in record["reason"]
        assert f"wpclean: error: {record['path']}: {record['reason']}" in proc.stderr.decode()


def test_summary_counts_ok_failed_and_warnings(parallel_run) -> None:
    proc, out, _ = parallel_run
    stderr = proc.stderr.decode()
    assert f"{PAGES + 2 + len(BROKEN)} inputs processed" in stderr
    assert f"{PAGES + 2} ok (" in stderr and f"{len(BROKEN)} failed" in stderr
    warned = sum(1 for plan in out.rglob("*.json") if json.loads(plan.read_bytes())["warnings"])
    assert f"({warned} with warnings)" in stderr
    assert "annotations removed" in stderr and "characters converted" in stderr


def test_no_temporary_or_partial_files_are_left(parallel_run) -> None:
    _, out, errors = parallel_run
    leftovers = [path for path in [*out.rglob("*"), *errors.parent.iterdir()] if path.name.startswith(".")]
    assert leftovers == []


def test_serial_run_writes_the_same_plans_as_the_parallel_one(corpus: Path, parallel_run, tmp_path: Path) -> None:
    _, parallel_out, _ = parallel_run
    result = invoke(str(corpus), "-o", str(tmp_path), "-j", "1", "-q")
    assert result.exit_code == 1
    serial = {path.relative_to(tmp_path): path.read_bytes() for path in tmp_path.rglob("*.json")}
    parallel = {path.relative_to(parallel_out): path.read_bytes() for path in parallel_out.rglob("*.json")}
    assert serial == parallel


def test_jsonl_to_stdout_has_one_plan_per_line_in_input_order(corpus: Path) -> None:
    part = corpus / "part000"
    result = invoke(str(part), "--jsonl", "-j", "1", "-q")
    assert result.exit_code == 0 and result.stderr == ""
    paths = [json.loads(line)["input"]["path"] for line in result.stdout.splitlines()]
    assert paths == [str(path) for path in sorted(part.glob("*.txt"))]


def test_quiet_prints_errors_but_no_summary(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(page(0), encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    result = invoke(str(tmp_path), "-o", str(tmp_path / "out"), "-q", "-j", "1")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"wpclean: error: {tmp_path / 'b.txt'}: input is empty (no text after decoding); pass a file with the page's text"
    ]


def test_a_folder_without_matching_files_says_so(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "page.html").write_text(page(0), encoding="utf-8")
    result = invoke(str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q")
    assert result.exit_code == 2
    assert "wpclean: error: no inputs found; check the paths and --glob (now '*.txt')" in result.stderr
    assert not (tmp_path / "out").exists()  # the folder it would have written into is not left behind
    assert invoke(str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--glob", "*.html", "-q", "-j", "1").exit_code == 0
    assert (tmp_path / "out" / "page.json").exists()


def test_a_run_that_writes_nothing_keeps_an_output_folder_that_was_there(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "out").mkdir()
    assert invoke(str(tmp_path / "in"), "-o", str(tmp_path / "out" / "new" / "deeper"), "-q").exit_code == 2
    assert (tmp_path / "out").is_dir() and not (tmp_path / "out" / "new").exists()
    assert invoke(str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q").exit_code == 2
    assert (tmp_path / "out").is_dir()


def test_all_good_inputs_exit_zero(tmp_path: Path) -> None:
    write_pages(tmp_path / "in", 6)
    result = invoke(str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-j", "1")
    assert result.exit_code == 0 and len(list((tmp_path / "out").rglob("*.json"))) == 6
    assert "6 inputs processed" in result.stderr and "6 ok" in result.stderr


def test_given_paths_are_mirrored_and_stdin_becomes_stdin_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_pages(Path("in"), 2)
    absolute = tmp_path / "in" / "part000" / "page00001.txt"
    result = invoke("in/part000/page00000.txt", str(absolute), "-", "-o", "out", "-j", "1", input=page(9).encode())
    assert result.exit_code == 0, result.stderr
    written = sorted(str(path.relative_to("out")) for path in Path("out").rglob("*.json"))
    assert written == sorted(
        ["in/part000/page00000.json", str(absolute.relative_to("/").with_suffix(".json")), "stdin.json"]
    )


def test_from_list_on_stdin_reads_paths_and_reports_missing_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write_pages(Path("pages"), 3)
    listing = "pages/part000/page00000.txt\n# a comment\n\npages/part000/page00002.txt\npages/missing.txt\n"
    result = invoke("--from-list", "-", "-o", "out", "-j", "1", input=listing)
    assert result.exit_code == 1
    assert sorted(str(path) for path in Path("out").rglob("*.json")) == [
        "out/pages/part000/page00000.json",
        "out/pages/part000/page00002.json",
    ]
    assert "wpclean: error: pages/missing.txt: does not exist" in result.stderr


def test_explain_in_a_batch_writes_every_change_with_its_input_path(tmp_path: Path) -> None:
    write_pages(tmp_path / "in", 3)
    log = tmp_path / "changes.jsonl"
    result = invoke(str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--explain-to", str(log), "-j", "1", "-q")
    assert result.exit_code == 0
    changes = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert {Path(change["path"]).name for change in changes} == {"page00000.txt", "page00001.txt", "page00002.txt"}
    assert {"annotation_removed", "char_converted"} <= {change["kind"] for change in changes}


def test_max_bytes_applies_to_each_input(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "small.txt").write_text("深圳市教育局工作思路\n一、总体要求\n抓好落实。\n", encoding="utf-8")
    (tmp_path / "in" / "big.txt").write_text(page(3), encoding="utf-8")
    result = invoke(str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--max-bytes", "500", "-j", "1")
    assert result.exit_code == 1
    assert [path.name for path in (tmp_path / "out").iterdir()] == ["small.json"]
    assert "big.txt: input is" in result.stderr and "--max-bytes" in result.stderr


def test_fail_fast_stops_at_the_first_failure(tmp_path: Path) -> None:
    write_pages(tmp_path / "in", 40)
    (tmp_path / "in" / "a-empty.txt").write_bytes(b"")  # sorts first in the walk
    result = invoke(
        str(tmp_path / "in"),
        "-o",
        str(tmp_path / "out"),
        "--fail-fast",
        "-j",
        "2",
        "--errors",
        str(tmp_path / "e.jsonl"),
    )
    assert result.exit_code == 1
    assert "--fail-fast" in result.stderr and "1 failed" in result.stderr
    assert len((tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines()) == 1
    assert "0 ok" in result.stderr  # results are taken in input order: the failure came first
    for plan in _outputs(tmp_path / "out"):  # what workers had in hand is finished, never partial
        Plan.model_validate_json(plan.read_bytes())
    assert [path for path in tmp_path.rglob(".*")] == []


def test_skip_existing_leaves_finished_outputs_alone(tmp_path: Path) -> None:
    write_pages(tmp_path / "in", 4)
    out = tmp_path / "out"
    assert invoke(str(tmp_path / "in"), "-o", str(out), "-j", "1", "-q").exit_code == 0
    first = out / "part000" / "page00000.json"
    first.write_text("kept", encoding="utf-8")
    (out / "part000" / "page00003.json").unlink()
    result = invoke(str(tmp_path / "in"), "-o", str(out), "-j", "1", "--skip-existing")
    assert result.exit_code == 0 and "1 input processed" in result.stderr and "3 skipped" in result.stderr
    assert first.read_text(encoding="utf-8") == "kept" and (out / "part000" / "page00003.json").exists()


def test_jsonl_file_output_resumes_with_skip_existing(tmp_path: Path) -> None:
    write_pages(tmp_path / "in", 3)
    out = tmp_path / "all.jsonl"
    assert invoke(str(tmp_path / "in"), "--jsonl", "-o", str(out), "-j", "1", "-q").exit_code == 0
    before = out.read_bytes()
    write_pages(tmp_path / "in", 5)  # two more pages appear
    result = invoke(str(tmp_path / "in"), "--jsonl", "-o", str(out), "-j", "1", "--skip-existing")
    assert result.exit_code == 0 and "2 inputs processed" in result.stderr and "3 skipped" in result.stderr
    after = out.read_bytes()
    paths = [json.loads(line)["input"]["path"] for line in after.splitlines()]
    assert after.startswith(before) and len(paths) == len(set(paths)) == 5


def test_jsonl_input_carries_ids_into_plans_and_names_outputs(tmp_path: Path) -> None:
    records = [
        {"url": "https://gov.cn/a/1.html", "content": page(1)},
        {"url": 17, "content": page(2)},
        {"content": page(3)},
        "not an object",
        {"url": "x", "content": 5},
    ]
    dump = tmp_path / "dump.jsonl"
    dump.write_text(
        "\n".join(json.dumps(record, ensure_ascii=False) for record in records) + "\n{broken\n", encoding="utf-8"
    )
    result = invoke(
        "--jsonl-in", str(dump), "--text-field", "content", "--id-field", "url", "-o", str(tmp_path / "out"), "-j", "1"
    )
    assert result.exit_code == 1
    plans = {path.name: json.loads(path.read_bytes()) for path in (tmp_path / "out").iterdir()}
    assert sorted(plans) == ["17.json", "dump-0000003.json", "https___gov.cn_a_1.html-cbcb794f.json"]
    assert plans["17.json"]["input"]["id"] == "17" and plans["dump-0000003.json"]["input"]["path"] == f"{dump}:3"
    for line, reason in ((4, "not a JSON object"), (5, "'content' field is not a string"), (6, "not valid JSON")):
        assert f"wpclean: error: {dump}:{line}: record" in result.stderr and reason in result.stderr


def test_jsonl_in_from_stdin_to_jsonl_stdout(tmp_path: Path) -> None:
    lines = "".join(json.dumps({"id": f"doc{n}", "text": page(n)}, ensure_ascii=False) + "\n" for n in range(3))
    result = invoke("--jsonl-in", "-", "--id-field", "id", "--jsonl", "-j", "1", "-q", input=lines.encode())
    assert result.exit_code == 0
    assert [json.loads(line)["input"]["id"] for line in result.stdout.splitlines()] == ["doc0", "doc1", "doc2"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["A", "B"], "several inputs need -o DIR"),
        (["A", "B", "--jsonl", "-o", "DIR"], "is a folder, but --jsonl writes one file"),
        (["A", "B", "-o", "A"], "is a file, but several inputs need a folder"),
        (["A", "B", "--jsonl", "--skip-existing"], "--skip-existing needs an output"),
        (["-", "--from-list", "-", "--jsonl"], "standard input can feed only one"),
        (["--from-list", "missing.txt", "--jsonl"], "--from-list missing.txt is not a file"),
        (["DIR", "--glob", "*", "-o", "DIR/plans"], "would read its plans as inputs"),
        (["A", "--format", "xml"], "--format must be one of"),
        (["A", "--jsonl", "--format", "md"], "contradict"),
        ([], "give an INPUT"),
        (["A", "-o", "DIR"], "with one input -o names the plan file"),
        (["A", "B", "-o", "OUT", "-j", "0"], "-j"),
    ],
)
def test_unclear_command_lines_are_usage_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("A").write_text(page(0), encoding="utf-8")
    Path("B").write_text(page(1), encoding="utf-8")
    Path("DIR").mkdir()
    result = invoke(*args) if args else invoke("--quiet")
    assert result.exit_code == 2 and message in result.stderr + result.stdout
    assert sorted(os.listdir()) == ["A", "B", "DIR"] and os.listdir("DIR") == []


def _outputs(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.json")) if folder.exists() else []


@pytest.mark.parametrize("mode", ["folder", "jsonl"])
def test_interrupted_run_keeps_finished_outputs_and_resumes(tmp_path: Path, mode: str) -> None:
    total = 1000  # enough that the run cannot finish before the interrupt, even on a loaded machine
    write_pages(tmp_path / "in", total)
    target = tmp_path / ("out" if mode == "folder" else "all.jsonl")
    extra = [] if mode == "folder" else ["--jsonl"]
    command = [sys.executable, "-m", "wpclean.cli", str(tmp_path / "in"), "-o", str(target), "-j", "2", *extra]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=interruptible)
    _wait_for_progress(proc, tmp_path / "out" if mode == "folder" else None, tmp_path)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr.decode()
    assert "interrupted" in stderr.decode() and "inputs processed" in stderr.decode()
    assert [path for path in tmp_path.rglob(".*")] == []  # no temporary file left anywhere
    finished = _finished(target, mode)
    assert 0 < len(finished) < total
    resumed = run(str(tmp_path / "in"), "-o", str(target), "-j", "2", "--skip-existing", *extra)
    assert resumed.returncode == 0 and f"{len(finished)} skipped" in resumed.stderr.decode()
    assert sorted(_finished(target, mode)) == sorted(str(path) for path in (tmp_path / "in").rglob("*.txt"))


def _wait_for_progress(proc: subprocess.Popen, out: Path | None, folder: Path) -> None:
    """Until some plans are written: files in the -o folder, or (jsonl) bytes in
    the temporary file that becomes the -o file."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if out is not None and len(_outputs(out)) >= 5:
            return
        if out is None and sum(path.stat().st_size for path in folder.glob(".all.jsonl.*")) > 50_000:
            return
        time.sleep(0.02)


def _finished(target: Path, mode: str) -> list[str]:
    if mode == "folder":
        return [json.loads(path.read_bytes())["input"]["path"] for path in _outputs(target)]
    return [json.loads(line)["input"]["path"] for line in target.read_bytes().splitlines()]


def test_an_in_process_batch_freezes_the_heap_only_while_it_runs(tmp_path: Path, monkeypatch) -> None:
    import gc

    from wpclean.batch import tasks

    seen: list[int] = []
    real = tasks.process_chunk
    monkeypatch.setattr(
        "wpclean.batch.workers.process_chunk", lambda *args: (seen.append(gc.get_freeze_count()), real(*args))[1]
    )
    write_pages(tmp_path / "in", 3)
    result = invoke(str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-j", "1", "-q")
    assert result.exit_code == 0, result.output
    assert len(seen) == 3 and all(count > 0 for count in seen)  # start-up's objects out of the collector's passes
    assert gc.get_freeze_count() == 0  # and given back to it: the process goes on


_HALF_WRITTEN_RESULT = """
import struct, sys, time
from wpclean.batch.tasks import Settings
from wpclean.batch.workers import Pool
from wpclean.options import Options

pool = Pool(Settings(Options()), 1)
pool.submit([])[0].result(timeout=60)  # a worker is up
# What a worker killed while sending its result leaves: a length, then fewer bytes.
pool.executor._result_queue._writer._send(struct.pack("!i", 1000) + b"x" * 10)
time.sleep(0.5)  # the manager thread now waits inside recv() for the rest
manager = pool.executor._executor_manager_thread
pool.kill()
print("stopped", manager.is_alive())
"""


def test_a_pool_killed_while_a_result_is_half_written_still_lets_the_process_exit() -> None:
    """Ctrl-C of a pooled run once never exited: the interpreter's exit joined the
    executor's manager thread, stuck reading a result its killed worker had begun."""
    result = subprocess.run([sys.executable, "-c", _HALF_WRITTEN_RESULT], capture_output=True, timeout=90)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode().split() == ["stopped", "False"]
