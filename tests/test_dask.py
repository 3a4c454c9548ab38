"""``--engine dask``: the batch on a real Dask cluster (a LocalCluster of two
worker processes) gives exactly the local batch's plans, errors and exit code."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import CORPUS_INPUTS, ROOT, SEED, volatile_free
from tests.generated import write_pages
from wpclean.batch.tasks import Settings, Task
from wpclean.cli.app import build_app
from wpclean.fileio.writing import OutputError
from wpclean.options import Options

distributed = pytest.importorskip(
    "distributed", reason="the dask extra is not installed: pip install -e '.[test,dask]'"
)

from wpclean.batch.dask_engine import WORKER_DIED, DaskEngine, EngineError, check_workers  # noqa: E402

GENERATED = 70  # with the samples and the broken inputs: several chunks for each of the two workers
runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(build_app(), list(args))


@pytest.fixture(scope="module")
def scheduler() -> str:
    """A real cluster: two worker processes, one thread each (its HTTP server on
    a free port: with None it still tries 8787, which another run may hold)."""
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0")
    yield cluster.scheduler_address
    cluster.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample pages, generated pages, and inputs that must fail: a binary
    file, an empty one, a listed path that does not exist, and JSON Lines
    records of which one has no text."""
    root = tmp_path_factory.mktemp("dask")
    pages = root / "pages"
    for source in [*CORPUS_INPUTS, SEED]:
        (pages / "samples").mkdir(parents=True, exist_ok=True)
        shutil.copy(source, pages / "samples" / source.name)
    write_pages(pages / "generated", GENERATED)
    (pages / "binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)))
    (pages / "empty.txt").write_bytes(b"")
    (root / "list.txt").write_text(f"{SEED}\n{root / 'missing.txt'}\n", encoding="utf-8")
    records = [{"url": "r1", "text": SEED.read_text(encoding="utf-8")}, {"url": "r2", "body": "no text field"}]
    (root / "crawl.jsonl").write_text(
        "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records), encoding="utf-8"
    )
    return root


def inputs(corpus: Path) -> list[str]:
    return [
        str(corpus / "pages"),
        "--from-list",
        str(corpus / "list.txt"),
        "--jsonl-in",
        str(corpus / "crawl.jsonl"),
        "--id-field",
        "url",
    ]


@pytest.fixture(scope="module")
def local_run(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[int, list[dict], list[dict]]:
    """The same inputs through the local batch, in-process: the reference."""
    out = tmp_path_factory.mktemp("local")
    result = invoke(
        *inputs(corpus),
        "--jsonl",
        "-o",
        str(out / "plans.jsonl"),
        "--errors",
        str(out / "errors.jsonl"),
        "--explain-to",
        str(out / "changes.jsonl"),
        "-j",
        "1",
        "-q",
    )
    return (
        result.exit_code,
        read_jsonl(out / "plans.jsonl"),
        read_jsonl(out / "errors.jsonl"),
        (out / "changes.jsonl").read_bytes(),
    )


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def comparable(plans: list[dict]) -> list[dict]:
    return [volatile_free(plan) for plan in plans]


def test_cluster_gives_the_local_batch_plans_errors_changes_and_exit_code(
    corpus: Path, scheduler: str, local_run, tmp_path: Path
) -> None:
    code, plans, errors, changes = local_run
    result = invoke(
        *inputs(corpus),
        "--engine",
        "dask",
        "--scheduler",
        scheduler,
        "--jsonl",
        "-o",
        str(tmp_path / "plans.jsonl"),
        "--errors",
        str(tmp_path / "errors.jsonl"),
        "--explain-to",
        str(tmp_path / "changes.jsonl"),
    )
    assert result.exit_code == code == 1
    assert len(plans) == GENERATED + len(CORPUS_INPUTS) + 3  # the seed from the folder, the list and a record
    assert comparable(read_jsonl(tmp_path / "plans.jsonl")) == comparable(plans)  # same plans, same order
    assert [plan["input"]["path"] for plan in read_jsonl(tmp_path / "plans.jsonl")] == [
        plan["input"]["path"] for plan in plans
    ]
    assert read_jsonl(tmp_path / "errors.jsonl") == errors
    assert (tmp_path / "changes.jsonl").read_bytes() == changes
    assert {Path(error["path"]).name for error in errors} == {"binary.txt", "empty.txt", "missing.txt", "crawl.jsonl:2"}
    for error in errors:
        assert f"wpclean: error: {error['path']}: {error['reason']}" in result.stderr


def test_output_folder_gets_json_lines_partitions_in_input_order(
    corpus: Path, scheduler: str, local_run, tmp_path: Path
) -> None:
    _, plans, errors, _ = local_run
    out = tmp_path / "plans"
    result = invoke(
        *inputs(corpus),
        "--engine",
        "dask",
        "--scheduler",
        scheduler,
        "-o",
        str(out),
        "--partition-size",
        "20",
        "--errors",
        str(tmp_path / "errors.jsonl"),
    )
    assert result.exit_code == 1
    parts = sorted(out.iterdir())
    assert [part.name for part in parts] == [f"part-{index:05d}.jsonl" for index in range(-(-len(plans) // 20))]
    assert [len(read_jsonl(part)) for part in parts[:-1]] == [20] * (len(parts) - 1)
    assert comparable([plan for part in parts for plan in read_jsonl(part)]) == comparable(plans)
    assert read_jsonl(tmp_path / "errors.jsonl") == errors


def test_a_rerun_into_a_partitions_folder_needs_skip_existing_and_then_adds_only_the_rest(
    corpus: Path, scheduler: str, tmp_path: Path
) -> None:
    out, samples = tmp_path / "plans", corpus / "pages" / "samples"
    first = invoke(
        str(samples / SEED.name),
        str(samples / CORPUS_INPUTS[0].name),
        "--engine",
        "dask",
        "--scheduler",
        scheduler,
        "-o",
        str(out),
        "-q",
    )
    assert first.exit_code == 0 and [part.name for part in out.iterdir()] == ["part-00000.jsonl"]

    refused = invoke(str(samples), "--engine", "dask", "--scheduler", scheduler, "-o", str(out), "-q")
    assert refused.exit_code == 2
    assert (
        refused.stderr
        == f"wpclean: error: -o {out} already holds partitions of an earlier run; add --skip-existing to resume it, or choose an empty folder\n"
    )

    resumed = invoke(str(samples), "--engine", "dask", "--scheduler", scheduler, "-o", str(out), "--skip-existing")
    assert resumed.exit_code == 0 and "2 skipped" in resumed.stderr
    assert [len(read_jsonl(out / name)) for name in ("part-00000.jsonl", "part-00001.jsonl")] == [
        2,
        len(CORPUS_INPUTS) - 1,
    ]


def test_a_partition_that_cannot_be_written_stops_the_run(
    corpus: Path, scheduler: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(path: Path, data: bytes, **_: object) -> None:
        raise OutputError(f"cannot write {path}: No space left on device; free some space")

    monkeypatch.setattr("wpclean.batch.partitions.write_atomic", disk_full)
    out = tmp_path / "plans"
    result = invoke(
        str(corpus / "pages" / "samples"),
        "--engine",
        "dask",
        "--scheduler",
        scheduler,
        "-o",
        str(out),
        "--partition-size",
        "3",
    )
    assert result.exit_code == 1
    assert (
        f"wpclean: error: cannot write {out / 'part-00000.jsonl'}: No space left on device; free some space (3 plans lost; rerun with --skip-existing once it is fixed)\n"
        in result.stderr
    )
    assert not out.exists()  # nothing was written, so the folder made for it is gone too


def test_workers_read_fsspec_urls_listed_on_the_client(corpus: Path, scheduler: str, local_run, tmp_path: Path) -> None:
    folder = corpus / "pages" / "samples"
    result = invoke(
        folder.as_uri(), "--engine", "dask", "--scheduler", scheduler, "--jsonl", "-o", str(tmp_path / "plans.jsonl")
    )
    assert result.exit_code == 0, result.stderr
    plans = read_jsonl(tmp_path / "plans.jsonl")
    assert [plan["input"]["path"] for plan in plans] == [
        (folder / name).as_uri() for name in sorted(path.name for path in folder.iterdir())
    ]
    by_file = {
        Path(plan["input"]["path"]).name: volatile_free(plan)
        for plan in local_run[1]
        if "/samples/" in (plan["input"]["path"] or "")
    }
    assert [volatile_free(plan) for plan in plans] == [by_file[Path(plan["input"]["path"]).name] for plan in plans]


def test_scheduler_address_comes_from_the_environment(
    corpus: Path, scheduler: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DASK_SCHEDULER_ADDRESS", scheduler)
    result = invoke(
        str(corpus / "pages" / "samples"), "--engine", "dask", "--jsonl", "-o", str(tmp_path / "plans.jsonl")
    )
    assert result.exit_code == 0
    assert f"wpclean: running on the Dask scheduler at {scheduler}: 2 workers, 2 threads" in result.stderr
    assert len(read_jsonl(tmp_path / "plans.jsonl")) == len(CORPUS_INPUTS) + 1


def test_an_unreachable_scheduler_is_one_line_and_exit_2(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{probe.getsockname()[1]}"
    started = time.monotonic()
    out = str(tmp_path / "plans.jsonl")
    result = invoke(
        str(SEED), "--engine", "dask", "--scheduler", address, "--connect-timeout", "1", "--jsonl", "-o", out
    )
    assert result.exit_code == 2 and time.monotonic() - started < 8  # --connect-timeout, not Dask's 30 s
    assert result.stderr.startswith(f"wpclean: error: cannot reach the Dask scheduler at {address} within 1 s (")
    assert result.stderr.endswith("; check --scheduler or DASK_SCHEDULER_ADDRESS (or raise --connect-timeout)\n")
    assert result.stderr.count("\n") == 1
    assert list(tmp_path.iterdir()) == []
    malformed = invoke(str(SEED), "--engine", "dask", "--scheduler", "nonsense", "--jsonl")
    assert malformed.exit_code == 2
    assert (
        malformed.stderr
        == "wpclean: error: cannot reach the Dask scheduler at nonsense (missing port number in address 'nonsense'); check --scheduler or DASK_SCHEDULER_ADDRESS\n"
    )


def test_without_the_extra_engine_dask_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # what `import distributed` meets when Dask is not installed
    result = invoke(str(SEED), "--engine", "dask", "--jsonl", "-o", str(tmp_path / "plans.jsonl"))
    assert result.exit_code == 2
    assert (
        result.stderr
        == "wpclean: error: --engine dask needs Dask, which is not installed: pip install 'wpclean[dask]'\n"
    )
    assert result.stdout == "" and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--scheduler", "tcp://x:8786", "--jsonl"],
            "--scheduler applies to --engine dask; add --engine dask or drop --scheduler",
        ),
        (
            ["--engine", "dask", "--format", "md"],
            "--engine dask writes JSON Lines (-o DIR: partitions; --jsonl: one file); drop --format md",
        ),
        (
            ["--engine", "dask", "--jsonl", "--partition-size", "5"],
            "--partition-size applies to -o DIR, but --jsonl writes one file; drop one of them",
        ),
        (
            ["--engine", "dask"],
            "--engine dask needs -o DIR (JSON Lines partitions) or --jsonl (one JSON Lines file or stream)",
        ),
        (["--engine", "spark", "--jsonl"], "--engine must be local or dask, not 'spark'"),
    ],
)
def test_engine_options_that_do_not_fit_are_refused(args: list[str], message: str) -> None:
    result = invoke(str(SEED), str(CORPUS_INPUTS[0]), *args)
    assert result.exit_code == 2 and result.stderr == f"wpclean: error: {message}\n"


def test_without_a_scheduler_a_local_cluster_of_j_processes_runs_the_batch(corpus: Path, tmp_path: Path) -> None:
    folder = corpus / "pages" / "samples"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "wpclean.cli",
            str(folder),
            "--engine",
            "dask",
            "-j",
            "2",
            "-o",
            str(tmp_path / "plans"),
        ],
        capture_output=True,
        timeout=120,
        env={name: value for name, value in os.environ.items() if name != "DASK_SCHEDULER_ADDRESS"},
    )
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stderr.decode().startswith("wpclean: running on a local Dask cluster: 2 workers, 2 threads")
    assert len(read_jsonl(tmp_path / "plans" / "part-00000.jsonl")) == len(CORPUS_INPUTS) + 1


class FakeFuture:
    def __init__(self, outcome) -> None:  # noqa: ANN001 - a list of outcomes, or an exception to raise
        self.outcome = outcome

    def result(self):  # noqa: ANN201
        if isinstance(self.outcome, Exception):
            raise self.outcome
        return self.outcome


class CrashingClient:
    """Stands in for a client whose workers die on the input labelled ``poison``."""

    def __init__(self) -> None:
        self.submitted: list[list[str]] = []

    def submit(self, function, chunk: list[Task], settings: Settings, key: str) -> FakeFuture:  # noqa: ANN001
        self.submitted.append([task.label for task in chunk])
        if any(task.label == "poison" for task in chunk):
            return FakeFuture(
                distributed.KilledWorker.__new__(distributed.KilledWorker)
            )  # its arguments vary across versions
        return FakeFuture(function(chunk, settings))

    def nthreads(self) -> dict[str, int]:
        return {"tcp://worker": 1}

    def cancel(self, futures: list) -> None:
        pass


def test_a_chunk_that_kills_its_workers_fails_only_the_input_at_fault() -> None:
    client = CrashingClient()
    tasks = [
        Task(label=label, stem=label, problem="fine" if label != "poison" else None) for label in ("a", "poison", "b")
    ]
    pairs = list(DaskEngine(client).run_tasks(tasks, Settings(Options())))  # type: ignore[arg-type]
    assert [(task.label, outcome.reason) for task, outcome in pairs] == [
        ("a", "fine"),
        ("poison", WORKER_DIED),
        ("b", "fine"),
    ]
    assert client.submitted == [["a", "poison", "b"], ["a"], ["poison"], ["b"]]


class LostClient(CrashingClient):
    """Stands in for a client whose scheduler went away."""

    def submit(self, function, chunk: list[Task], settings: Settings, key: str) -> FakeFuture:  # noqa: ANN001
        self.submitted.append([task.label for task in chunk])
        return FakeFuture(OSError("scheduler-connection-lost.\nClient lost the connection"))


def test_a_lost_cluster_stops_the_run_in_one_line() -> None:
    from wpclean.batch.outputs import RunStopped

    with pytest.raises(RunStopped) as stopped:
        list(DaskEngine(LostClient()).run_tasks([Task(label="a", stem="a")], Settings(Options())))  # type: ignore[arg-type]
    assert (
        str(stopped.value)
        == "the Dask cluster failed (OSError: scheduler-connection-lost. Client lost the connection); finished outputs are kept, rerun with --skip-existing"
    )


class VersionClient:
    def __init__(self, versions: dict[str, str] | Exception) -> None:
        self.versions = versions

    def run(self, function, *args):  # noqa: ANN001, ANN201
        if isinstance(self.versions, Exception):
            raise self.versions
        return self.versions


def test_workers_without_this_wpclean_version_are_refused() -> None:
    from wpclean.document import tool_version

    check_workers(VersionClient({"w1": tool_version()}), Settings(Options()))  # type: ignore[arg-type]
    with pytest.raises(
        EngineError, match=r"the Dask workers run wpclean 0\.0\.1, this is .*; install the same version on both"
    ):
        check_workers(VersionClient({"w1": tool_version(), "w2": "0.0.1"}), Settings(Options()))  # type: ignore[arg-type]
    with pytest.raises(
        EngineError,
        match=r"the Dask workers cannot run wpclean \(ModuleNotFoundError: No module named 'wpclean'\); install wpclean .* in their environment",
    ):
        check_workers(VersionClient(ModuleNotFoundError("No module named 'wpclean'")), Settings(Options()))  # type: ignore[arg-type]


def documented_recipe() -> str:
    """The Python block under "## From Python" in docs/batch.md."""
    page = (ROOT / "docs" / "batch.md").read_text(encoding="utf-8")
    section = page.split("\n## From Python\n", 1)[1]
    return section.split("```python\n", 1)[1].split("```", 1)[0]


def test_the_documented_python_recipe_gives_the_cli_plans_and_errors(scheduler: str, tmp_path: Path) -> None:
    crawl = tmp_path / "crawl.jsonl"
    records = [
        {"url": "r1", "text": SEED.read_text(encoding="utf-8")},
        {"url": "r2", "text": "   "},
        {"url": "r3", "text": CORPUS_INPUTS[0].read_text(encoding="utf-8")},
    ]
    crawl.write_text("".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records), encoding="utf-8")
    code = documented_recipe()
    for url, local in (
        ("tcp://HOST:8786", scheduler),
        ("s3://bucket/crawl/*.jsonl", str(crawl)),
        ("s3://bucket/plans/*.jsonl", str(tmp_path / "plans" / "*.jsonl")),
    ):
        assert url in code
        code = code.replace(url, local)
    namespace: dict = {"__name__": "documented_recipe"}
    try:
        exec(compile(code, "docs/batch.md", "exec"), namespace)  # noqa: S102 - the docs' own code
    finally:
        if "client" in namespace:
            namespace["client"].close()
    cli = invoke(
        "--jsonl-in",
        str(crawl),
        "--id-field",
        "url",
        "--jsonl",
        "--errors",
        str(tmp_path / "errors.jsonl"),
        "-j",
        "1",
        "-q",
    )
    recipe_plans = [
        json.loads(line)
        for part in sorted((tmp_path / "plans").iterdir())
        for line in part.read_text(encoding="utf-8").splitlines()
    ]
    assert comparable(recipe_plans) == comparable([json.loads(line) for line in cli.stdout.splitlines()])
    assert [plan["input"]["id"] for plan in recipe_plans] == ["r1", "r3"]
    cli_errors = read_jsonl(tmp_path / "errors.jsonl")
    assert (
        [(error["id"], error["reason"]) for error in namespace["failed"]]
        == [(error["id"], error["reason"]) for error in cli_errors]
        == [("r2", cli_errors[0]["reason"])]
    )
