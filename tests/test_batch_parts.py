"""The batch's parts: output safety, atomic streams, streaming workers, worker
crashes, and the progress bar on a terminal."""

from __future__ import annotations

import multiprocessing
import os
import pty
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.generated import page, write_pages
from wpclean.batch.outputs import FolderOutput
from wpclean.batch.tasks import Outcome, Settings, Task
from wpclean.batch.workers import CHUNK_SIZE, IN_FLIGHT_PER_JOB, WORKER_DIED, run_tasks
from wpclean.cli import exit_codes
from wpclean.cli.app import build_app
from wpclean.fileio.writing import AtomicStream
from wpclean.options import Options

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(build_app(), list(args))


@pytest.mark.parametrize("stem", ["../escape", "a/../../escape", "/etc/passwd", ""])
def test_output_names_that_would_leave_the_folder_are_refused(tmp_path: Path, stem: str) -> None:
    prepared = FolderOutput(tmp_path / "out", ".json").prepare(Task(label="evil", stem=stem))
    assert prepared.target is None and "no safe output name" in (prepared.problem or "")
    assert [path.name for path in tmp_path.rglob("*")] == ["out"]


def test_a_link_inside_the_folder_leading_out_is_not_written_through(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    write_pages(tmp_path / "in", 3)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "part000").symlink_to(outside, target_is_directory=True)
    result = invoke(str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-j", "1")
    assert result.exit_code == 1 and "is a link leading outside" in result.stderr
    assert list(outside.iterdir()) == []


def test_an_output_is_never_written_over_its_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("d").mkdir()
    Path("d/p.json").write_text(page(0), encoding="utf-8")  # a page saved under a .json name
    Path("d/q.txt").write_text(page(1), encoding="utf-8")
    result = invoke("d/p.json", "d/q.txt", "-o", ".", "-j", "1")
    assert result.exit_code == 1 and "would replace an input of this run" in result.stderr
    assert Path("d/p.json").read_text(encoding="utf-8") == page(0) and Path("d/q.json").exists()


def test_two_inputs_with_one_relative_path_do_not_overwrite_each_other(tmp_path: Path) -> None:
    for folder, number in (("a", 1), ("b", 2)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.txt").write_text(page(number), encoding="utf-8")
    result = invoke(str(tmp_path / "a"), str(tmp_path / "b"), "-o", str(tmp_path / "out"), "-j", "1")
    assert result.exit_code == 1 and "is taken by another input of this run" in result.stderr
    assert "（第1号）" in (tmp_path / "out" / "x.json").read_text(encoding="utf-8")


def test_atomic_stream_appears_only_on_commit_with_whole_records(tmp_path: Path) -> None:
    target = tmp_path / "log.jsonl"
    stream = AtomicStream(target)
    stream.write(b'{"a": 1}\n')
    stream.write(b'{"b": 2}\n')
    assert not target.exists()
    stream._handle.write(b'{"c": ')  # what an interrupted write leaves behind
    stream.commit()
    assert target.read_bytes() == b'{"a": 1}\n{"b": 2}\n' and os.listdir(tmp_path) == ["log.jsonl"]


def test_discarded_atomic_stream_leaves_nothing(tmp_path: Path) -> None:
    stream = AtomicStream(tmp_path / "log.jsonl")
    stream.write(b"x\n")
    stream.discard()
    assert os.listdir(tmp_path) == []


def _problem_tasks(count: int, pulled: list[int]):
    for number in range(count):
        pulled.append(number)
        yield Task(label=f"t{number}", stem=f"t{number}", problem="known")


@pytest.mark.parametrize("jobs", [1, 2])
def test_tasks_are_pulled_lazily_so_memory_stays_flat(jobs: int) -> None:
    pulled: list[int] = []
    ahead = []
    taken = 0
    for task, outcome in run_tasks(_problem_tasks(300, pulled), Settings(Options()), jobs):
        assert task.label == f"t{taken}" and outcome.reason == "known"  # in input order
        taken += 1
        ahead.append(len(pulled) - taken)
    assert taken == 300
    bound = 1 if jobs == 1 else jobs * IN_FLIGHT_PER_JOB * CHUNK_SIZE
    assert max(ahead) <= bound  # never more than the in-flight window, whatever the input count


def _crash_on_marked_input(task, settings):  # noqa: ANN001, ANN202 - stands in for process_task
    if task.label.endswith("crash"):
        os._exit(3)  # a worker dying hard, as in a segfault or the OOM killer
    return Outcome(reason=f"done {task.label}")


@pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork", reason="the stand-in reaches workers only through fork"
)
def test_a_worker_that_dies_fails_only_its_own_input(monkeypatch: pytest.MonkeyPatch) -> None:
    import wpclean.batch.tasks as tasks

    monkeypatch.setattr(tasks, "process_task", _crash_on_marked_input)
    labels = [f"t{number}" for number in range(30)]
    labels[13] = "t13-crash"
    inputs = (Task(label=label, stem=label) for label in labels)
    results = [(task.label, outcome.reason) for task, outcome in run_tasks(inputs, Settings(Options()), 2)]
    assert [label for label, _ in results] == labels
    assert dict(results)["t13-crash"] == WORKER_DIED
    assert all(reason == f"done {label}" for label, reason in results if label != "t13-crash")


def _sleep_on_marked_input(task, settings):  # noqa: ANN001, ANN202 - stands in for process_task
    if task.label.endswith("slow"):
        time.sleep(120)  # an input that takes forever (the test's timeout is shorter)
    return Outcome(reason=f"done {task.label}")


@pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork", reason="the stand-in reaches workers only through fork"
)
@pytest.mark.timeout(60)  # a stop that waited for the sleeper would hang here
def test_stopping_a_run_terminates_busy_workers_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import wpclean.batch.tasks as tasks

    monkeypatch.setattr(tasks, "process_task", _sleep_on_marked_input)
    labels = [f"t{number}" for number in range(40)]
    labels[CHUNK_SIZE] = "t8-slow"  # first of the second chunk: the first chunk can finish
    before = set(multiprocessing.active_children())  # stragglers of other tests are not ours
    pairs = run_tasks((Task(label=label, stem=label) for label in labels), Settings(Options()), 2)
    assert [next(pairs)[0].label for _ in range(CHUNK_SIZE)] == labels[:CHUNK_SIZE]
    workers = set(multiprocessing.active_children()) - before
    pairs.close()  # what Ctrl-C or --fail-fast does to the runner (it would hang if it awaited the sleeper)
    stopped = [worker for worker in workers if worker.exitcode == -signal.SIGTERM]
    for worker in workers - set(stopped):  # an idle worker can outlive the stop (seen 1 in 3 runs); do not leak it
        worker.kill()
        worker.join(timeout=10)
    assert stopped, "the worker sleeping on the slow input was terminated, not awaited"


def test_progress_bar_shows_rates_on_a_terminal_only(tmp_path: Path) -> None:
    write_pages(tmp_path / "in", 30)
    leader, follower = pty.openpty()
    command = [sys.executable, "-m", "wpclean.cli", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-j", "1"]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=follower, env={**os.environ, "COLUMNS": "120"})
    os.close(follower)
    drawn = _read_all(leader)
    assert proc.wait(timeout=120) == 0 and proc.stdout.read() == b""
    assert "━".encode() in drawn and b"/30" in drawn  # the bar, with inputs done out of the total
    assert b"30 ok" in drawn  # and the summary after it
    piped = subprocess.run(command, capture_output=True, timeout=120)
    assert "━".encode() not in piped.stderr and b"\x1b[" not in piped.stderr and b"30 ok" in piped.stderr


def _read_all(fd: int) -> bytes:
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(fd)
    return b"".join(chunks)


def test_exit_code_is_decided_in_one_place() -> None:
    assert exit_codes.exit_code(0) == exit_codes.OK
    assert exit_codes.exit_code(2) == exit_codes.FAILED
    assert exit_codes.exit_code(2, interrupted=True) == exit_codes.INTERRUPTED
    assert exit_codes.exit_code(0, usage_error=True) == exit_codes.USAGE
