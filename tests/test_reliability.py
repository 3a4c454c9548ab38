"""Never destroy, never lose, never hang (issue 17): what a run writes, and
what it leaves behind, when outputs are unusual files, when names collide,
when the disk is full, when workers die or the run is stopped.

Each test tries one fault and checks what is promised (docs/NOTES-17.md).
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import SEED
from tests.helpers import interruptible, run_wpclean
from wpclean.cli.app import build_app

runner = CliRunner()


def invoke(*args: str, input: bytes | str | None = None):
    return runner.invoke(build_app(), list(args), input=input)


def run(*args: str, timeout: float = 60, **options) -> subprocess.CompletedProcess[bytes]:
    return run_wpclean(*args, timeout=timeout, **options)


def pages(folder: Path, count: int, name: str = "p{}.txt") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for number in range(count):
        made.append(folder / name.format(number))
        made[-1].write_bytes(SEED.read_bytes())
    return made


def leftovers(folder: Path) -> list[str]:
    """Temporary files left anywhere under ``folder``."""
    return sorted(str(path) for path in folder.rglob("*.tmp"))


# 1. -o onto a device, a FIFO, a symbolic link ---------------------------------------------------------------


@pytest.mark.timeout(60)
def test_output_to_a_fifo_is_written_into_the_fifo_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.fifo"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    result = invoke(str(SEED), "-o", str(fifo))
    received = reader.communicate(timeout=30)[0]
    assert result.exit_code == 0, result.stderr
    assert json.loads(received)["title"] == "深圳市教育局2019年工作思路"
    assert fifo.is_fifo()


def device(folder: Path, name: str, minor: int) -> Path:
    """A character device made in ``folder`` (1,3 is null, 1,7 is full): a test
    run on old code may replace it, never the machine's own /dev/null."""
    node = folder / name
    try:
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, minor))
    except (PermissionError, AttributeError):
        pytest.skip("making a device node needs root")
    return node


def test_output_to_a_device_is_written_into_it_not_replaced(tmp_path: Path) -> None:
    null = device(tmp_path, "null", 3)
    result = invoke(str(SEED), "-o", str(null), "--errors", str(null))
    assert result.exit_code == 0, result.stderr
    assert null.is_char_device() and sorted(path.name for path in tmp_path.iterdir()) == ["null"]


def test_output_to_dev_stdout_goes_to_standard_output(tmp_path: Path) -> None:
    out, link = tmp_path / "captured.json", tmp_path / "stdout"
    link.symlink_to("/dev/stdout")  # a test run on old code replaces this link, not the machine's /dev/stdout
    with open(out, "wb") as stdout:
        done = subprocess.run(
            [sys.executable, "-m", "wpclean.cli", str(SEED), "-o", str(link)],
            stdout=stdout,
            stderr=subprocess.PIPE,
            timeout=60,
        )
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_bytes())["title"] == "深圳市教育局2019年工作思路"
    assert leftovers(tmp_path) == [] and link.is_symlink()


def test_output_through_a_symbolic_link_writes_its_target_and_keeps_the_link(tmp_path: Path) -> None:
    target, link = tmp_path / "real" / "plan.json", tmp_path / "plan.json"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    link.symlink_to(target)
    result = invoke(str(SEED), "-o", str(link))
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert json.loads(target.read_text(encoding="utf-8"))["title"] == "深圳市教育局2019年工作思路"


def test_jsonl_stream_through_a_symbolic_link_writes_its_target(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    pages(folder, 2)
    target, link = tmp_path / "all.jsonl.real", tmp_path / "all.jsonl"
    link.symlink_to(target)
    result = invoke(str(folder), "--jsonl", "-o", str(link), "-j", "1", "-q")
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and len(target.read_text(encoding="utf-8").splitlines()) == 2


# 2. --explain never swallows an input; 3. written files apart from inputs and each other --------------------


def test_explain_takes_no_value_so_the_next_input_is_processed_not_overwritten(tmp_path: Path) -> None:
    first, second = pages(tmp_path / "in", 2)
    before = first.read_bytes()
    result = invoke("--explain", str(first), str(second), "-o", str(tmp_path / "out"), "-j", "1", "-q")
    assert result.exit_code == 0, result.stderr
    assert first.read_bytes() == before
    assert sorted(path.name for path in (tmp_path / "out").rglob("*.json")) == ["p0.json", "p1.json"]
    assert '"kind"' in result.stderr  # the change log went to stderr


def test_explain_with_a_value_is_a_usage_error() -> None:
    result = invoke(str(SEED), "--explain=changes.jsonl")
    assert result.exit_code == 2


def test_explain_to_names_the_change_log_file(tmp_path: Path) -> None:
    log = tmp_path / "changes.jsonl"
    result = invoke(str(SEED), "--explain-to", str(log), "-o", str(tmp_path / "plan.json"))
    assert result.exit_code == 0
    assert len(log.read_text(encoding="utf-8").splitlines()) > 1000


@pytest.mark.parametrize("flag", ["--errors", "--explain-to"])
def test_a_log_file_that_is_an_input_is_refused_before_anything_is_read(tmp_path: Path, flag: str) -> None:
    first, second = pages(tmp_path / "in", 2)
    before = second.read_bytes()
    result = invoke(str(first), str(second), "-o", str(tmp_path / "out"), flag, str(second), "-q")
    assert result.exit_code == 2
    assert "apart from the inputs" in result.stderr
    assert second.read_bytes() == before and not (tmp_path / "out").exists()


def test_a_log_file_that_is_the_single_input_is_refused(tmp_path: Path) -> None:
    (page,) = pages(tmp_path, 1)
    before = page.read_bytes()
    result = invoke(str(page), "-o", str(tmp_path / "plan.json"), "--errors", str(page))
    assert result.exit_code == 2 and page.read_bytes() == before


def test_a_log_file_an_input_folder_would_read_is_refused(tmp_path: Path) -> None:
    pages(tmp_path / "in", 2)
    result = invoke(str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--errors", str(tmp_path / "in" / "errors.txt"))
    assert result.exit_code == 2 and "--glob" in result.stderr
    assert not (tmp_path / "in" / "errors.txt").exists()


def test_errors_file_that_is_the_jsonl_output_is_refused_and_no_plan_is_lost(tmp_path: Path) -> None:
    pages(tmp_path / "in", 2)
    same = tmp_path / "same.jsonl"
    same.write_text("kept\n", encoding="utf-8")
    result = invoke(str(tmp_path / "in"), "--jsonl", "-o", str(same), "--errors", str(same))
    assert result.exit_code == 2 and "are one file" in result.stderr
    assert same.read_text(encoding="utf-8") == "kept\n"


def test_two_log_files_through_a_link_are_one_file(tmp_path: Path) -> None:
    (tmp_path / "log.jsonl").write_text("", encoding="utf-8")
    (tmp_path / "alias.jsonl").symlink_to(tmp_path / "log.jsonl")
    result = invoke(str(SEED), "--errors", str(tmp_path / "log.jsonl"), "--explain-to", str(tmp_path / "alias.jsonl"))
    assert result.exit_code == 2 and "are one file" in result.stderr


def test_an_input_from_a_list_on_stdin_that_is_the_errors_file_is_not_read_or_destroyed(tmp_path: Path) -> None:
    first, second = pages(tmp_path / "in", 2)
    errors = tmp_path / "in" / "errors.txt"
    errors.write_bytes(SEED.read_bytes())
    listing = f"{first}\n{errors}\n"
    result = invoke(
        "--from-list", "-", "-o", str(tmp_path / "out"), "--errors", str(errors), "-j", "1", "-q", input=listing
    )
    assert result.exit_code == 1
    assert "a file this run writes" in result.stderr
    assert (tmp_path / "out").exists() and not list((tmp_path / "out").rglob("errors.json"))


# 8. disk full, closed stdout --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "extra", [["--jsonl", "-o", "FULL"], ["--format", "csv", "-o", "x.csv", "--errors", "FULL"], ["--jsonl"]]
)
def test_a_full_disk_gives_one_clear_error_and_leaves_nothing(tmp_path: Path, extra: list[str]) -> None:
    full = device(tmp_path, "full", 7)
    pages(tmp_path / "in", 3)
    (tmp_path / "in" / "empty.txt").write_bytes(b"")  # a failure, for --errors to write
    extra = [str(full) if arg == "FULL" else arg for arg in extra]
    with open(full, "wb") as sink:
        done = subprocess.run(
            [sys.executable, "-m", "wpclean.cli", "in", *extra, "-j", "1", "-q"],
            cwd=tmp_path,
            stdout=subprocess.PIPE if "-o" in extra else sink,
            stderr=subprocess.PIPE,
            timeout=60,
        )
    assert done.returncode == 1
    assert b"Traceback" not in done.stderr and b"Exception" not in done.stderr
    assert done.stderr.count(b"No space left on device") == 1
    assert leftovers(tmp_path) == [] and not [path for path in tmp_path.iterdir() if path.name.startswith(".")]
    assert full.is_char_device()


def test_a_failed_stream_write_removes_its_temporary_file_without_flushing_first(tmp_path: Path) -> None:
    from wpclean.fileio.writing import AtomicStream, OutputError

    stream = AtomicStream(tmp_path / "all.jsonl")
    stream.write(b"x" * 100)  # buffered, not yet on disk
    real_write = stream._handle.write

    def full(data: bytes) -> int:
        raise OSError(28, "No space left on device")

    stream._handle.write = full  # type: ignore[method-assign]
    with pytest.raises(OutputError, match="No space left"):
        stream.write(b"y")
    stream._handle.write = real_write  # type: ignore[method-assign]
    stream.commit()  # after a failure: keeps nothing, raises nothing
    assert list(tmp_path.iterdir()) == []


def test_discard_on_a_full_disk_still_removes_the_temporary_file(tmp_path: Path) -> None:
    from wpclean.fileio.writing import AtomicStream

    full = device(tmp_path, "full", 7)
    stream = AtomicStream(tmp_path / "all.jsonl")
    real = stream._handle
    stream._handle = open(full, "wb")  # what is buffered cannot be flushed
    stream._handle.write(b"x" * 100)
    stream.discard()
    real.close()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["full"]


def test_closed_stdout_is_a_clear_usage_error_not_a_traceback() -> None:
    done = subprocess.run(
        f'"{sys.executable}" -m wpclean.cli "{SEED}" >&-',
        shell=True,
        capture_output=False,
        stderr=subprocess.PIPE,
        timeout=60,
    )
    assert done.returncode == 2
    assert b"standard output is closed" in done.stderr and b"Traceback" not in done.stderr


@pytest.mark.parametrize("length", [242, 250, 255])
def test_output_names_up_to_255_bytes_are_written(tmp_path: Path, length: int) -> None:
    name = "p" * (length - len(".json")) + ".json"
    result = invoke(str(SEED), "-o", str(tmp_path / name))
    assert result.exit_code == 0, result.stderr
    assert [path.name for path in tmp_path.iterdir()] == [name]


def test_long_chinese_output_names_in_a_folder_are_written(tmp_path: Path) -> None:
    stem = "一" * 83  # 249 bytes: with .json, 254
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / f"{stem}.txt").write_bytes(SEED.read_bytes())
    result = invoke(str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-j", "1", "-q")
    assert result.exit_code == 0, result.stderr
    assert [path.name for path in (tmp_path / "out").iterdir()] == [f"{stem}.json"]


# 6. a worker killed with -9 ---------------------------------------------------------------------------------

KILLER = "killer.txt"


def chunk_that_kills_its_worker(chunk, settings):  # forked into the workers by monkeypatch (must be importable)
    import signal as signals
    import tempfile

    from wpclean.batch.tasks import process_chunk
    from wpclean.fileio.writing import TEMP_SUFFIX, temp_prefix

    for task in chunk:
        if task.label.endswith(KILLER):
            target = Path(task.target)
            tempfile.mkstemp(prefix=temp_prefix(target.name), suffix=TEMP_SUFFIX, dir=target.parent)  # mid-write
            os.kill(os.getpid(), signals.SIGKILL)
    return process_chunk(chunk, settings)


def slow_after(tasks, count: int, seconds: float):
    """The tasks, pausing after ``count`` of them: the killed worker's pool is broken by then."""
    import time

    for number, task in enumerate(tasks):
        if number == count:
            time.sleep(seconds)
        yield task


@pytest.mark.timeout(120)
@pytest.mark.skipif(sys.platform != "linux", reason="relies on fork")
def test_a_worker_killed_by_its_input_fails_that_input_only_and_the_run_goes_on(tmp_path: Path, monkeypatch) -> None:
    from wpclean.batch import workers
    from wpclean.batch.outputs import FolderOutput
    from wpclean.batch.sources import file_task
    from wpclean.batch.tasks import Settings
    from wpclean.fileio.discover import discover
    from wpclean.options import Options

    monkeypatch.setattr(workers, "process_chunk", chunk_that_kills_its_worker)
    folder = tmp_path / "in"
    pages(folder, 30)
    (folder / KILLER).write_bytes(SEED.read_bytes())
    output = FolderOutput(tmp_path / "out", ".json")
    tasks = [output.prepare(file_task(found)) for found in discover([str(folder)])]
    pairs = list(workers.run_tasks(slow_after(tasks, 24, 1.5), Settings(Options()), jobs=2))
    assert [task.label for task, _ in pairs] == [task.label for task in tasks]  # every input, in order
    failed = [task.label for task, outcome in pairs if not outcome.ok]
    assert [Path(label).name for label in failed] == [KILLER]
    assert dict((task.label, outcome) for task, outcome in pairs)[failed[0]].reason == workers.WORKER_DIED
    assert len(list((tmp_path / "out").rglob("*.json"))) == 30
    assert leftovers(tmp_path) == []


# 7. SIGTERM, SIGHUP, the parent killed ----------------------------------------------------------------------


def children(pid: int) -> list[int]:
    """The live child processes of ``pid`` (Linux /proc)."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        found += [int(child) for child in task.read_text().split()]
    return [child for child in found if alive(child)]


def alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "State:\tZ" not in status


def wait_for(condition, seconds: float) -> bool:
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def start_batch(tmp_path: Path, count: int, *extra: str) -> subprocess.Popen[bytes]:
    pages(tmp_path / "in", count)
    (tmp_path / "in" / "a-empty.txt").write_bytes(b"")  # fails first: the --errors file has a line to keep
    return subprocess.Popen(
        [sys.executable, "-m", "wpclean.cli", "in", "-o", "out", "--errors", "errors.jsonl", "-j", "2", *extra],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


linux_only = pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc")


@pytest.mark.slow
@pytest.mark.timeout(120)
@linux_only
@pytest.mark.parametrize("signame", ["SIGTERM", "SIGHUP"])
def test_sigterm_and_sighup_stop_a_batch_as_ctrl_c_does(tmp_path: Path, signame: str) -> None:
    import signal as signals

    process = start_batch(tmp_path, 400)
    assert wait_for(lambda: len(list((tmp_path / "out").rglob("*.json"))) >= 24, 60)  # the first chunks are back
    workers = children(process.pid)
    process.send_signal(getattr(signals, signame))
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 128 + getattr(signals, signame), stderr
    assert f"stopped by {signame}".encode() in stderr and b"Traceback" not in stderr
    assert b"inputs processed" in stderr  # the summary
    errors = [json.loads(line) for line in (tmp_path / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [Path(error["path"]).name for error in errors] == ["a-empty.txt"]
    assert leftovers(tmp_path) == []
    assert wait_for(lambda: not any(alive(pid) for pid in workers), 10), "workers outlived the run"
    done = len(list((tmp_path / "out").rglob("*.json")))
    assert 24 <= done < 400


@pytest.mark.slow
@pytest.mark.timeout(120)
@linux_only
def test_workers_exit_when_their_parent_is_killed(tmp_path: Path) -> None:
    import signal as signals

    process = start_batch(tmp_path, 400, "-q")
    assert wait_for(lambda: len(list((tmp_path / "out").rglob("*.json"))) >= 4, 60)
    workers = children(process.pid)
    assert workers
    process.send_signal(signals.SIGKILL)
    process.wait(timeout=30)
    assert wait_for(lambda: not any(alive(pid) for pid in workers), 15), "orphaned workers still run"


# 4. names that are not UTF-8; 5. deeply nested JSON ---------------------------------------------------------

BAD_NAME = os.fsdecode(b"bad\xffname.txt")


def test_a_file_name_that_is_not_utf8_gets_a_plan_that_shows_its_bytes(tmp_path: Path) -> None:
    page = tmp_path / BAD_NAME
    page.write_bytes(SEED.read_bytes())
    result = invoke(str(page), "-o", str(tmp_path / "plan.json"))
    assert result.exit_code == 0, result.stderr
    plan = json.loads((tmp_path / "plan.json").read_bytes())
    assert plan["input"]["path"].endswith("bad\\xffname.txt")


def test_a_folder_with_a_name_that_is_not_utf8_processes_every_input(tmp_path: Path) -> None:
    pages(tmp_path / "in", 5)
    (tmp_path / "in" / BAD_NAME).write_bytes(SEED.read_bytes())
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    errors = tmp_path / "errors.jsonl"
    result = invoke(str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--errors", str(errors), "-j", "1", "-q")
    assert result.exit_code == 1 and "internal error" not in result.stderr
    written = sorted(os.fsencode(path.name) for path in (tmp_path / "out").rglob("*.json"))
    assert written == [b"bad\xffname.json", *(f"p{n}.json".encode() for n in range(5))]
    assert [Path(json.loads(line)["path"]).name for line in errors.read_text(encoding="utf-8").splitlines()] == [
        "empty.txt"
    ]


def test_jsonl_output_carries_a_name_that_is_not_utf8_as_valid_utf8(tmp_path: Path) -> None:
    pages(tmp_path / "in", 2)
    (tmp_path / "in" / BAD_NAME).write_bytes(SEED.read_bytes())
    result = runner.invoke(build_app(), [str(tmp_path / "in"), "--jsonl", "-j", "2", "-q"])
    assert result.exit_code == 0, result.stderr
    paths = [json.loads(line)["input"]["path"] for line in result.stdout_bytes.decode("utf-8").splitlines()]
    assert len(paths) == 3 and any(path.endswith("bad\\xffname.txt") for path in paths)


def test_a_list_line_that_is_not_utf8_names_its_file(tmp_path: Path) -> None:
    (tmp_path / BAD_NAME).write_bytes(SEED.read_bytes())
    (tmp_path / "list.txt").write_bytes(b"bad\xffname.txt\nmissing.txt\n")
    result = run(
        "--from-list", "list.txt", "--jsonl", "-o", "all.jsonl", "--errors", "errors.jsonl", "-q", cwd=tmp_path
    )
    assert result.returncode == 1 and b"Traceback" not in result.stderr
    assert json.loads((tmp_path / "all.jsonl").read_bytes())["input"]["path"] == "bad\\xffname.txt"
    assert json.loads((tmp_path / "errors.jsonl").read_bytes())["path"] == "missing.txt"


def test_a_lone_surrogate_in_a_record_id_is_kept_visible_and_the_run_goes_on(tmp_path: Path) -> None:
    crawl = tmp_path / "crawl.jsonl"
    crawl.write_text(
        '{"text": "一、总体要求\\n抓好落实。", "id": "x\\ud800y"}\n{"text": "二、再来\\n好。", "id": "z"}\n',
        encoding="utf-8",
    )
    result = invoke("--jsonl-in", str(crawl), "--id-field", "id", "--jsonl", "-o", str(tmp_path / "all.jsonl"), "-q")
    assert result.exit_code == 0, result.stderr
    ids = [
        json.loads(line)["input"]["id"] for line in (tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert ids == ["x\\ud800y", "z"]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_deeply_nested_json_line_is_that_lines_error_and_the_run_goes_on(tmp_path: Path, jobs: str) -> None:
    crawl = tmp_path / "crawl.jsonl"
    good = json.dumps({"text": "一、总体要求\n抓好落实。"}, ensure_ascii=False)
    crawl.write_text(f"{good}\n{'[' * 100_000}\n{good}\n", encoding="utf-8")
    errors = tmp_path / "errors.jsonl"
    result = invoke(
        "--jsonl-in",
        str(crawl),
        "--jsonl",
        "-o",
        str(tmp_path / "all.jsonl"),
        "--errors",
        str(errors),
        "-j",
        jobs,
        "-q",
    )
    assert result.exit_code == 1
    assert len((tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines()) == 2
    assert "nested too deeply" in json.loads(errors.read_text(encoding="utf-8"))["reason"]


@pytest.mark.slow
@pytest.mark.timeout(180)
def test_dask_engine_processes_a_name_that_is_not_utf8(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    pages(tmp_path / "in", 2)
    (tmp_path / "in" / BAD_NAME).write_bytes(SEED.read_bytes())
    result = run("in", "--engine", "dask", "-j", "1", "--jsonl", "-o", "all.jsonl", "-q", cwd=tmp_path, timeout=170)
    assert result.returncode == 0, result.stderr[-2000:]
    paths = [
        json.loads(line)["input"]["path"] for line in (tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert sorted(paths) == ["in/bad\\xffname.txt", "in/p0.txt", "in/p1.txt"]


# 9. bounded reads: a FIFO, a long JSON line, standard input in a batch ----------------------------------------


@pytest.mark.timeout(60)
def test_a_single_fifo_input_is_read_as_a_stream(tmp_path: Path) -> None:
    fifo = tmp_path / "page.fifo"
    os.mkfifo(fifo)
    writer = subprocess.Popen(f'cat "{SEED}" > "{fifo}"', shell=True)
    done = run(str(fifo), "-o", str(tmp_path / "plan.json"), timeout=50)
    writer.wait(timeout=10)
    assert done.returncode == 0, done.stderr
    assert json.loads((tmp_path / "plan.json").read_bytes())["title"] == "深圳市教育局2019年工作思路"


@pytest.mark.timeout(60)
def test_an_endless_fifo_is_refused_at_the_limit(tmp_path: Path) -> None:
    fifo = tmp_path / "zero.fifo"
    os.mkfifo(fifo)
    writer = subprocess.Popen(f'exec cat /dev/zero > "{fifo}"', shell=True, stderr=subprocess.DEVNULL)
    try:
        done = run(str(fifo), "-o", str(tmp_path / "plan.json"), "--max-bytes", "100000", timeout=50)
    finally:
        writer.kill()
    assert done.returncode == 1 and b"--max-bytes" in done.stderr


@pytest.mark.timeout(60)
def test_standard_input_in_a_batch_is_bounded(tmp_path: Path) -> None:
    with open("/dev/zero", "rb") as zero:
        done = subprocess.run(
            [sys.executable, "-m", "wpclean.cli", "-", str(SEED), "--jsonl", "--max-bytes", "100000", "-q"],
            stdin=zero,
            capture_output=True,
            timeout=50,
        )
    assert done.returncode == 1 and b"<stdin>: input is over the --max-bytes limit" in done.stderr
    assert len(done.stdout.splitlines()) == 1  # the other input's plan


def test_a_long_json_line_is_measured_while_it_is_read(tmp_path: Path) -> None:
    from wpclean.batch.sources import bounded_lines

    class Stream:
        """A 50,000-byte line that fails the test if it is ever read without a bound."""

        def __init__(self) -> None:
            self.left, self.ended = 50_000, False

        def readline(self, size: int = -1) -> bytes:
            assert 0 < size <= 1001, "a line was read without a bound"
            if self.left:
                given = min(size, self.left)
                self.left -= given
                return b"a" * given
            if not self.ended:
                self.ended = True
                return b"\n"
            return b""

    assert list(bounded_lines(Stream(), 1000)) == [None]
    crawl = tmp_path / "crawl.jsonl"
    crawl.write_bytes(b"a" * 3_000_000 + b"\n" + json.dumps({"text": "一、总体要求\n抓好落实。"}).encode() + b"\n")
    result = invoke("--jsonl-in", str(crawl), "--jsonl", "--max-bytes", "1000", "-q")
    assert result.exit_code == 1 and "crawl.jsonl:1: record is over the --max-bytes limit" in result.stderr
    assert len(result.stdout.splitlines()) == 1


# 10. memory on structured input -----------------------------------------------------------------------------

MEASURE = """
import resource, sys
from wpclean import process_bytes
from wpclean.options import Options
pattern, size = sys.argv[1], int(sys.argv[2])
data = ("标题\\n" + pattern * (size // len(pattern.encode()))).encode()
process_bytes("标题\\n一、总体（一）要求,好".encode(), Options())  # imports and tables: not the input's cost
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    process_bytes(data, Options())
    outcome = "ok"
except Exception as error:
    outcome = type(error).__name__
print(outcome, len(data), (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) * 1024)
"""

# 1 MB of each repeated: docs/reliability.md, "Memory on structured input", has the figures.
MEASURED_PROCESSED = (
    *("(一)", "（一）字", "（1）字", "(1)", "①", "一、", "一是", "第一条 ", "第一章 ", "附件：", "附件1"),  # structure
    *("(", "字(", "好,", ",", "1.", "？？", "【】"),  # punctuation
    *("<p>", "<br>", "<td>", "字<span>", "&nbsp;", "&amp;", "&#20013;"),  # markup
    *("【打印】", "字【打印】", "【打印】\n", "[打印]", "浏览次数：1"),  # site chrome
    *("深 圳", "a b ", "\u3000", "\u3000\u3000字", "    字", "\xa0"),  # spaces
    *("深(shen)", "深(shēn)", "hǎo", "網絡", "鍝", "鍝愭", "??字"),  # annotations, script, mojibake, lost characters
)
MEASURED_REFUSED = (
    "一是，",
    "<p>一、",
    "一、\n",
    "<p>字",
    "<p>字字",
    "字\n",
    "ab\n",
    "字\r\n",
    "。\n",
)  # too many parts


@pytest.mark.slow
@pytest.mark.timeout(120)
@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss is in kilobytes on Linux")
@pytest.mark.parametrize(
    ("pattern", "expected"),
    [(pattern, "ok") for pattern in MEASURED_PROCESSED] + [(pattern, "InputError") for pattern in MEASURED_REFUSED],
)
def test_peak_memory_stays_under_ten_times_the_input(pattern: str, expected: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, pattern, "1000000"], capture_output=True, timeout=110, text=True
    )
    outcome, size, grown = done.stdout.split()
    assert outcome == expected, done.stderr
    assert int(grown) <= 10 * int(size), f"{int(grown) / int(size):.0f} times the input"


def test_a_page_of_nothing_but_item_markers_is_refused_with_the_limit() -> None:
    from wpclean import process_text
    from wpclean.errors import InputError
    from wpclean.parser.plan import MAX_PARTS

    with pytest.raises(InputError, match=f"over {MAX_PARTS:,} sections and items"):
        process_text("标题\n" + "一是，" * (MAX_PARTS + 1))


def test_a_page_of_more_paragraphs_than_the_limit_is_refused_in_one_line(tmp_path: Path) -> None:
    from wpclean import process_text
    from wpclean.parser.paragraphs import MAX_PARAGRAPHS

    assert process_text("标题\n" + "字\n" * MAX_PARAGRAPHS).body.count("字") == MAX_PARAGRAPHS  # at the limit: taken
    page = tmp_path / "lines.txt"
    page.write_text("标题\n" + "字\n" * (MAX_PARAGRAPHS + 1), encoding="utf-8")
    result = invoke(str(page), "-o", str(tmp_path / "lines.json"), "-q")
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        f"wpclean: error: {page}: page has over {MAX_PARAGRAPHS:,} paragraphs, more than wpclean takes from one page; "
        "split it into pages"
    ]
    assert not (tmp_path / "lines.json").exists()


def test_a_larger_page_may_hold_one_paragraph_per_32_characters() -> None:
    from wpclean.errors import InputError
    from wpclean.parser.paragraphs import CHARS_PER_PARAGRAPH, MAX_PARAGRAPHS, split_paragraphs

    count = MAX_PARAGRAPHS * 3  # at one per 32 characters: just taken; at one per 16: refused past half of them
    assert len(split_paragraphs(("字" * (CHARS_PER_PARAGRAPH - 1) + "\n") * count)) == count
    with pytest.raises(InputError, match=f"over {count // 2:,} paragraphs"):
        split_paragraphs(("字" * (CHARS_PER_PARAGRAPH // 2 - 1) + "\n") * count)


# the smaller ones -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["undefined", "punycode", "nosuch", "rot13"])
def test_an_encoding_that_is_no_character_set_is_a_usage_error_once(tmp_path: Path, name: str) -> None:
    pages(tmp_path / "in", 3)
    result = invoke(str(tmp_path / "in"), "--encoding", name, "-o", str(tmp_path / "out"), "-q")
    assert result.exit_code == 2
    assert result.stderr.count("wpclean: error:") == 1 and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_codec_error_that_is_no_decode_error_is_the_inputs_error() -> None:
    from wpclean.decode import decode_bytes
    from wpclean.errors import DecodeError

    with pytest.raises(DecodeError):
        decode_bytes("深圳".encode(), "punycode")


def test_standard_input_named_twice_is_refused() -> None:
    result = invoke("-", "-", "--jsonl", input=SEED.read_bytes())
    assert result.exit_code == 2 and "more than once" in result.stderr


def test_an_output_folder_inside_the_input_folder_is_refused_when_the_glob_takes_plans(tmp_path: Path) -> None:
    pages(tmp_path / "q", 2, name="a{}.txt")
    result = invoke(str(tmp_path / "q"), "-o", str(tmp_path / "q" / "out"), "--glob", "a*", "-q")
    assert result.exit_code == 2 and "--glob" in result.stderr
    assert not (tmp_path / "q" / "out").exists()
    assert (
        invoke(str(tmp_path / "q"), "-o", str(tmp_path / "q" / "out"), "--glob", "*.txt", "-q", "-j", "1").exit_code
        == 0
    )


def test_skip_existing_does_not_skip_the_loser_of_a_collision(tmp_path: Path) -> None:
    pages(tmp_path / "x", 1)
    pages(tmp_path / "y", 1)
    args = [str(tmp_path / "x"), str(tmp_path / "y"), "-o", str(tmp_path / "out"), "-j", "1", "-q"]
    assert invoke(*args).exit_code == 1
    again = invoke(*args, "--skip-existing")
    assert again.exit_code == 1 and "taken by another input" in again.stderr


def test_a_link_loop_is_called_a_loop(tmp_path: Path) -> None:
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    result = invoke(str(tmp_path / "a.txt"))
    assert result.exit_code == 2 and "loop" in result.stderr


def test_a_utf32_byte_order_mark_is_called_utf32() -> None:
    from wpclean.decode import decode_bytes

    text = SEED.read_text(encoding="utf-8")
    assert decode_bytes(text.encode("utf-32")).encoding == "utf-32"
    assert decode_bytes(text.encode("utf-32")).text == text


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting needs root")
def test_a_read_only_file_system_is_named_in_the_message(tmp_path: Path) -> None:
    mount = tmp_path / "ro"
    mount.mkdir()
    if subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(mount)], capture_output=True
    ).returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        pages(tmp_path / "in", 1)
        result = invoke(str(tmp_path / "in"), "-o", str(mount / "out"), "-q")
        single = invoke(str(SEED), "-o", str(mount / "plan.json"))
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True)
    assert result.exit_code == 1 and "read-only file system" in result.stderr and "in the way" not in result.stderr
    assert single.exit_code == 1 and "read-only file system" in single.stderr


@pytest.mark.slow
@pytest.mark.timeout(60)
@pytest.mark.parametrize(("signame", "code"), [("SIGTERM", 143), ("SIGINT", 130)])
def test_a_single_run_stopped_by_a_signal_exits_cleanly_and_writes_nothing(
    tmp_path: Path, signame: str, code: int
) -> None:
    import signal as signals
    import threading
    import time

    fifo = tmp_path / "page.fifo"
    os.mkfifo(fifo)
    process = subprocess.Popen(
        [sys.executable, "-m", "wpclean.cli", str(fifo), "-o", str(tmp_path / "plan.json")],
        stderr=subprocess.PIPE,
        preexec_fn=interruptible,
    )
    writer: list[int] = []
    opener = threading.Thread(target=lambda: writer.append(os.open(fifo, os.O_WRONLY)), daemon=True)
    opener.start()
    opener.join(timeout=30)  # opens once wpclean opened the FIFO: it is reading its input now
    assert writer, "wpclean never opened its input"
    os.write(writer[0], SEED.read_bytes()[:100])  # a page begun, never finished
    time.sleep(0.5)  # past the FIFO's open: a signal landing just as it completes was seen lost (CPython 3.11)
    process.send_signal(getattr(signals, signame))
    try:
        _, stderr = process.communicate(timeout=30)
    finally:
        os.close(writer[0])
    assert process.returncode == code, stderr
    assert b"Traceback" not in stderr and b"not written" in stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["page.fifo"]


@pytest.mark.parametrize("mask", [0o022, 0o027, 0o077])
def test_written_files_get_the_mode_a_new_file_gets_under_the_umask(tmp_path: Path, mask: int) -> None:
    from wpclean.fileio.writing import AtomicStream, write_atomic

    previous = os.umask(mask)
    try:
        write_atomic(tmp_path / "plan.json", b"{}", durable=False)
        stream = AtomicStream(tmp_path / "plans.jsonl")
        stream.write(b"{}\n")
        stream.commit()
    finally:
        os.umask(previous)
    for name in ("plan.json", "plans.jsonl"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o666 & ~mask
    assert sorted(os.listdir(tmp_path)) == ["plan.json", "plans.jsonl"]  # no temporary file left
