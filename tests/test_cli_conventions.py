"""The command line people expect (issue 18): help, usage errors, what -o's
spelling means, exit codes, closed pipes, feedback and odd inputs.

In-process with typer's CliRunner where that shows the behaviour, and as a
real subprocess where it depends on real streams (pipes, /dev/fd, the shell).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.conftest import CORPUS_INPUTS, SAMPLES, SEED
from tests.generated import page
from wpclean.cli.app import MAIN_JOB, SUBCOMMANDS, build_app

runner = CliRunner()
PLACEHOLDER = re.compile(r"<[a-z][a-z\[\], |]*>|\{[A-Za-z_|.]+\}")  # typer's <list[str]>, <str>; click's {DIR}
WARNED_PAGE = SAMPLES / "corpus" / "02-cangzhou-edu-quanmiangaibao-2014.txt"  # its plan has a numbering_duplicate


def invoke(*args: str, input: bytes | None = None, env: dict[str, str] | None = None):
    return runner.invoke(build_app(), list(args), input=input, env=env, prog_name="wpclean")


def run(*args: str, cwd: Path | None = None, **options) -> subprocess.CompletedProcess[bytes]:
    command = [sys.executable, "-m", "wpclean.cli", *args]
    return subprocess.run(command, capture_output=True, cwd=cwd, timeout=120, **options)


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.strip()]


# -- help ---------------------------------------------------------------------------------------------------------


def help_texts() -> dict[str, str]:
    texts = {"wpclean --help": invoke("--help").stdout}
    for name in SUBCOMMANDS:
        texts[f"wpclean {name} --help"] = invoke(name, "--help").stdout
    return texts


@pytest.mark.parametrize("command", ["wpclean --help", *(f"wpclean {name} --help" for name in SUBCOMMANDS)])
def test_no_help_shows_a_type_placeholder(command: str) -> None:
    text = help_texts()[command]
    assert text.startswith("Usage: wpclean")
    assert PLACEHOLDER.findall(text) == [], f"{command} shows placeholders"


def test_the_placeholder_pattern_catches_what_typer_prints() -> None:
    assert PLACEHOLDER.findall("INPUT <list[str]>  --engine <str>  Usage: wpclean check [OPTIONS] {DIR}...") == [
        "<list[str]>",
        "<str>",
        "{DIR}",
    ]


@pytest.mark.parametrize("args", [[], *([name] for name in SUBCOMMANDS)])
def test_dash_h_is_help(args: list[str]) -> None:
    short, long = invoke(*args, "-h"), invoke(*args, "--help")
    assert short.exit_code == long.exit_code == 0
    assert short.stdout == long.stdout and "Usage: wpclean" in short.stdout


def test_top_level_help_lists_the_main_jobs_options_and_the_subcommands_but_not_process() -> None:
    text = invoke("--help").stdout
    for option in ("--output", "--format", "--jobs", "--convert", "--decode-errors", "--connect-timeout", "--version"):
        assert option in text
    commands = text.split("Commands:")[1]
    assert [line.split()[0] for line in commands.strip().splitlines()] == sorted(SUBCOMMANDS)
    assert f"wpclean {MAIN_JOB}" not in text


def test_the_main_jobs_help_after_an_input_is_the_top_level_help() -> None:
    assert invoke(str(SEED), "--help").stdout == invoke("--help").stdout


def test_bare_wpclean_prints_a_short_usage_and_exits_2() -> None:
    result = run()
    lines = result.stderr.decode().splitlines()
    assert result.returncode == 2 and result.stdout == b""
    assert len(lines) == 2 and lines[0].startswith("Usage: wpclean") and "wpclean --help" in lines[1]


def test_a_file_named_process_is_an_input(tmp_path: Path) -> None:
    (tmp_path / "process").write_bytes(SEED.read_bytes())
    result = run("process", cwd=tmp_path)
    assert result.returncode == 0 and json.loads(result.stdout)["title"] == "深圳市教育局2019年工作思路"


def test_a_mistyped_subcommand_asks_did_you_mean() -> None:
    result = invoke("shwo", str(SEED))
    assert result.exit_code == 2
    assert error_lines(result.stderr) == [
        "wpclean: error: 'shwo' is neither a command nor an existing input; did you mean 'wpclean show'?"
    ]


def test_an_existing_file_named_like_a_typo_is_an_input(tmp_path: Path) -> None:
    (tmp_path / "shwo").write_bytes(SEED.read_bytes())
    result = run("shwo", "-q", cwd=tmp_path)
    assert result.returncode == 0 and json.loads(result.stdout)["title"]


def test_subcommands_do_not_import_the_main_job() -> None:
    code = "\n".join(
        [
            "import sys; sys.argv = ['wpclean', 'schema']",
            "from wpclean.cli.app import main",
            "try:",
            "    main()",
            "except SystemExit:",
            "    pass",
            "print('wpclean.cli.process' in sys.modules, file=sys.stderr)",
        ]
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert result.stderr.decode().strip() == "False" and json.loads(result.stdout)["title"]


# -- usage errors -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--zzz", "page.txt"], "wpclean: error: no such option: --zzz; run 'wpclean --help' for the options"),
        ([str(SEED), "-o"], "wpclean: error: option '-o' requires an argument; run 'wpclean --help' for the options"),
        (["check", "--glb", "x"], "no such option: --glb (did you mean --glob?); run 'wpclean check --help'"),
        (["check"], "wpclean: error: missing argument 'DIR'; run 'wpclean check --help' for the options"),
        ([str(SEED), "-j", "0"], "run 'wpclean --help' for the options"),
    ],
)
def test_usage_errors_are_one_line_saying_where_the_options_are(args: list[str], message: str) -> None:
    result = invoke(*args)
    assert result.exit_code == 2 and result.stdout == ""
    lines = error_lines(result.stderr)
    assert len(lines) == 1 and lines[0].startswith("wpclean: error: ") and message in lines[0]


def test_usage_error_in_a_real_process_is_one_line_without_usage_or_try() -> None:
    result = run("--zzz")
    assert result.returncode == 2
    assert result.stderr.decode().splitlines() == [
        "wpclean: error: no such option: --zzz; run 'wpclean --help' for the options"
    ]


def test_a_bad_convert_points_to_a_help_that_lists_it() -> None:
    result = invoke(str(SEED), "--convert", "s2t")
    assert result.exit_code == 2
    assert "--convert must be one of" in result.stderr and "see wpclean --help" in result.stderr
    assert "--convert CONFIG" in invoke("--help").stdout


# -- what -o means from its spelling ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "args", "starts"),
    [
        ("plan.md", (), b"# "),
        ("PLAN.MD", (), b"# "),
        ("plan.csv", (), b"\xef\xbb\xbfsource,"),
        ("plan.md", ("--format", "json"), b"{"),
    ],
)
def test_a_known_suffix_sets_the_format_unless_format_says_otherwise(
    tmp_path: Path, name: str, args: tuple[str, ...], starts: bytes
) -> None:
    result = invoke(str(SEED), "-o", str(tmp_path / name), *args)
    assert result.exit_code == 0
    assert (tmp_path / name).read_bytes().startswith(starts)


def test_a_trailing_slash_names_a_folder_even_for_one_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("page.txt").write_bytes(SEED.read_bytes())
    result = invoke("page.txt", "-o", "newdir/", "-q")
    assert result.exit_code == 0
    assert json.loads(Path("newdir/page.json").read_text(encoding="utf-8"))["title"] == "深圳市教育局2019年工作思路"


def test_a_batch_into_a_folder_spelled_like_a_file_is_refused(tmp_path: Path) -> None:
    result = invoke(str(SAMPLES / "corpus"), "-o", str(tmp_path / "all.json"))
    assert result.exit_code == 2 and os.listdir(tmp_path) == []
    assert error_lines(result.stderr) == [
        f"wpclean: error: -o {tmp_path / 'all.json'} names a .json file, "
        "but this batch writes one json plan per input into a folder; "
        f"write -o {tmp_path / 'all'}/ for a folder, or one file of JSON Lines with -o {tmp_path / 'all'}.jsonl"
    ]


@pytest.mark.parametrize(("name", "args"), [("ALL.CSV", ("--format", "csv")), ("all.csv", ()), ("All.JSONL", ())])
def test_a_batch_to_a_file_with_a_streamable_suffix_makes_one_file(tmp_path: Path, name: str, args: tuple[str, ...]):
    result = invoke(str(SAMPLES / "corpus"), "-o", str(tmp_path / name), "-q", *args)
    assert result.exit_code == 0 and (tmp_path / name).is_file()
    if name.lower().endswith(".jsonl"):
        assert len((tmp_path / name).read_text(encoding="utf-8").splitlines()) == len(CORPUS_INPUTS)


# -- exit codes and feedback --------------------------------------------------------------------------------------


def test_no_inputs_found_is_exit_2_without_a_summary_of_zeros(tmp_path: Path) -> None:
    result = invoke(str(SAMPLES / "corpus"), "--glob", "*.nothing", "--jsonl")
    assert result.exit_code == 2 and result.stdout == ""
    assert error_lines(result.stderr) == [
        "wpclean: error: no inputs found; check the paths and --glob (now '*.nothing')"
    ]


def test_a_single_run_says_what_it_wrote_unless_quiet(tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    result = invoke(str(SEED), "-o", str(out))
    assert result.exit_code == 0 and result.stderr == f"wpclean: wrote {out}: 9 sections, 33 items, no warnings\n"
    assert invoke(str(SEED), "-o", str(out), "-q").stderr == ""
    assert invoke(str(SEED)).stderr == ""  # the plan on stdout is the feedback


def test_the_summary_names_inputs_with_warnings_and_counts_one_input_in_the_singular(tmp_path: Path) -> None:
    result = invoke(str(WARNED_PAGE), str(SEED), "-o", f"{tmp_path}/plans/", "-j", "1")
    assert result.exit_code == 0
    assert "wpclean: 2 inputs processed" in result.stderr
    assert f"wpclean: with warnings: {WARNED_PAGE} (" in result.stderr
    single = invoke(str(SEED), "-o", f"{tmp_path}/one/", "-j", "1")
    assert "wpclean: 1 input processed" in single.stderr and "with warnings:" not in single.stderr


def test_jobs_are_capped_at_the_number_of_inputs_and_it_says_so(tmp_path: Path) -> None:
    result = invoke(str(SEED), str(WARNED_PAGE), "-o", str(tmp_path / "plans"), "-j", "8")
    assert result.exit_code == 0 and "wpclean: -j 8 capped at 2, the number of inputs" in result.stderr


def test_connect_timeout_belongs_to_the_dask_engine() -> None:
    result = invoke(str(SAMPLES / "corpus"), "--jsonl", "--connect-timeout", "2")
    assert result.exit_code == 2 and "--connect-timeout applies to --engine dask" in result.stderr


# -- closed standard output ---------------------------------------------------------------------------------------


def run_into_closed_pipe(*args: str, stream: str = "stdout") -> subprocess.CompletedProcess[bytes]:
    """Run wpclean with ``stream`` a pipe whose reader is already gone (as after ``| head -1``)."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        other = "stderr" if stream == "stdout" else "stdout"
        streams = {stream: writer, other: subprocess.PIPE}
        return subprocess.run([sys.executable, "-m", "wpclean.cli", *args], timeout=120, **streams)
    finally:
        os.close(writer)


@pytest.mark.parametrize(
    "args",
    [
        (str(SEED),),
        (str(SAMPLES / "corpus"), "--jsonl", "-q", "-j", "1"),
        (str(SAMPLES / "corpus"), "--format", "md", "-q"),
        ("show", str(SEED)),
    ],
)
def test_a_closed_stdout_ends_output_quietly_keeping_the_verdict(args: tuple[str, ...]) -> None:
    result = run_into_closed_pipe(*args)
    assert result.returncode == 0 and result.stderr == b""


def test_check_into_a_closed_pipe_keeps_its_verdict() -> None:
    assert run_into_closed_pipe("check", str(SAMPLES / "corpus"), stream="stderr").returncode == 0
    assert run_into_closed_pipe("check", "--strict", str(WARNED_PAGE), stream="stderr").returncode == 1


def test_wpclean_into_head_in_a_shell() -> None:
    pipeline = f'{sys.executable} -m wpclean.cli check {SAMPLES} 2>&1 | head -1; echo "${{PIPESTATUS[0]}}"'
    result = subprocess.run(["bash", "-c", pipeline], capture_output=True, timeout=300)
    assert result.stdout.decode().splitlines()[-1] == "0"


# -- progress bar -------------------------------------------------------------------------------------------------


def test_the_bar_is_drawn_only_where_it_cannot_mix_with_results(monkeypatch: pytest.MonkeyPatch) -> None:
    from wpclean.batch import progress

    monkeypatch.setattr(progress.sys.stderr, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(progress, "stdout_may_reach_terminal", lambda: True)
    assert progress.show_bar(False, results_on_stdout=False) and not progress.show_bar(False, results_on_stdout=True)
    assert not progress.show_bar(True, results_on_stdout=False)
    monkeypatch.setattr(progress, "stdout_may_reach_terminal", lambda: False)
    assert progress.show_bar(False, results_on_stdout=True)


def test_stdout_may_reach_the_terminal_through_a_pipe_but_not_from_a_file(tmp_path: Path) -> None:
    code = "from wpclean.batch.progress import stdout_may_reach_terminal as f; import sys; print(f(), file=sys.stderr)"
    with open(tmp_path / "out", "wb") as file:
        to_file = subprocess.run([sys.executable, "-c", code], stdout=file, stderr=subprocess.PIPE, timeout=60)
    to_pipe = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert to_file.stderr.decode().strip() == "False" and to_pipe.stderr.decode().strip() == "True"


# -- check and show: what they print ------------------------------------------------------------------------------


def test_check_table_does_not_break_file_names(tmp_path: Path) -> None:
    folder = tmp_path / "a-rather-long-folder-name-for-pages" / "and-another-one-below-it"
    folder.mkdir(parents=True)
    name = "02-cangzhou-edu-quanmiangaibao-2014-with-a-longer-name.txt"
    (folder / name).write_bytes(WARNED_PAGE.read_bytes())
    result = run("check", str(tmp_path), env={**os.environ, "COLUMNS": "120"})
    assert result.returncode == 0
    table = result.stderr.decode()
    for part in (*tmp_path.parts[1:], "a-rather-long-folder-name-for-pages", "and-another-one-below-it", name):
        assert part in table, f"{part} was broken"


def test_a_plan_warning_names_its_code_once() -> None:
    result = invoke("check", "--strict", str(WARNED_PAGE))
    assert result.exit_code == 1
    assert "\n  warning numbering_duplicate at sections[3]: 三、 repeats" in result.stderr
    assert "warning at" not in result.stderr


def test_check_given_a_golden_says_so_in_one_line() -> None:
    golden = SEED.with_suffix(".json")
    result = invoke("check", str(golden))
    assert result.exit_code == 2
    assert error_lines(result.stderr) == [
        f"wpclean: error: {golden} is a golden plan, not a page; give the page beside it ({SEED}) or its folder"
    ]


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("all.jsonl", None, "holds JSON Lines (one plan per line); show takes one plan"),
        ("all.json", None, "holds JSON Lines"),
        ("items.csv", "csv", "is CSV (a table of items"),
        ("other.json", '{"name": "x"}', 'is not a wpclean plan (JSON, but with no "sections" or "input")'),
        ("list.json", "[1, 2]", "is not a wpclean plan (JSON, but a list, not an object)"),
    ],
)
def test_show_given_something_other_than_a_page_or_a_plan_says_what_it_is(
    tmp_path: Path, name: str, content: str | None, says: str
) -> None:
    if content is None:
        content = invoke(str(SAMPLES / "corpus"), "--jsonl", "-q").stdout
    elif content == "csv":
        content = invoke(str(SEED), "--format", "csv").stdout
    (tmp_path / name).write_text(content, encoding="utf-8")
    result = invoke("show", str(tmp_path / name))
    assert result.exit_code == 1 and result.stdout == ""
    lines = error_lines(result.stderr)
    assert len(lines) == 1 and lines[0].startswith(f"wpclean: error: {tmp_path / name} {says}")


def test_show_given_json_lines_on_stdin_says_so() -> None:
    result = invoke("show", "-", input=invoke(str(SAMPLES / "corpus"), "--jsonl", "-q").stdout.encode())
    assert result.exit_code == 1 and "- holds JSON Lines" in result.stderr


NO_LINE_START = "。，、；：？！）」』】"


@pytest.mark.parametrize("columns", [40, 57, 60, 73, 80, 100, 120])
def test_show_lines_never_start_with_a_closing_mark(columns: int) -> None:
    result = invoke("show", str(SEED), "--full", env={"COLUMNS": str(columns)})
    assert result.exit_code == 0
    starts = [line.lstrip("│├└─ ")[:1] for line in result.stdout.splitlines()]
    assert not [start for start in starts if start and start in NO_LINE_START]
    assert max(len(line) for line in result.stdout.splitlines()) <= columns


PROSE = st.lists(
    st.tuples(st.sampled_from("一二三四五六七八九十ab"), st.sampled_from(["", "。", "，", "、", "；", "）"])),
    min_size=1,
)


@given(PROSE.map(lambda pairs: "".join(a + b for a, b in pairs)), st.integers(4, 40), st.integers(4, 40))
def test_wrap_text_keeps_the_text_and_never_starts_a_line_with_a_closing_mark(text: str, first: int, rest: int) -> None:
    from rich.cells import cell_len

    from wpclean.cli.show import NO_LINE_START as MARKS
    from wpclean.cli.show import wrap_text

    lines = wrap_text(text, first, rest).split("\n")
    assert "".join(lines) == text
    assert all(not line or line[0] not in MARKS for line in lines[1:])
    assert cell_len(lines[0]) <= first and all(cell_len(line) <= rest for line in lines[1:])


# -- odd inputs ---------------------------------------------------------------------------------------------------


def stray_byte_page(tmp_path: Path) -> Path:
    data = SEED.read_bytes()
    cut = data.index("。".encode()) + 3
    path = tmp_path / "stray.txt"
    path.write_bytes(data[:cut] + b"\xff" + data[cut:])
    return path


def test_one_stray_byte_is_refused_by_default_and_the_error_offers_replace(tmp_path: Path) -> None:
    result = invoke(str(stray_byte_page(tmp_path)))
    assert result.exit_code == 1 and "--decode-errors replace" in result.stderr


def test_decode_errors_replace_keeps_the_page_and_counts_the_bytes(tmp_path: Path) -> None:
    result = invoke(str(stray_byte_page(tmp_path)), "--decode-errors", "replace")
    assert result.exit_code == 0
    plan = json.loads(result.stdout)
    assert plan["warnings"][0] == {
        "code": "bytes_replaced",
        "where": "input",
        "message": "1 byte not valid utf-8 replaced by U+FFFD (--decode-errors replace)",
    }
    assert plan["title"] == "深圳市教育局2019年工作思路"


def test_decode_errors_replace_still_refuses_what_is_not_that_encoding(tmp_path: Path) -> None:
    path = tmp_path / "junk.txt"
    path.write_bytes(bytes(range(128, 256)) * 10)
    result = invoke(str(path), "--decode-errors", "replace")
    assert result.exit_code == 1 and "too many to replace" in result.stderr


def test_errors_keeps_the_id_of_a_record_whose_text_is_missing(tmp_path: Path) -> None:
    records = [{"url": "u1", "text": page(0)}, {"url": "u2", "body": "x"}]
    lines = "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)
    errors = tmp_path / "e.jsonl"
    options = ("--id-field", "url", "--jsonl", "-q", "-j", "1", "--errors", str(errors))
    result = invoke("--jsonl-in", "-", *options, input=lines.encode())
    assert result.exit_code == 1
    assert [json.loads(line)["id"] for line in errors.read_text(encoding="utf-8").splitlines()] == ["u2"]


def test_from_list_and_jsonl_in_read_process_substitutions(tmp_path: Path) -> None:
    listing = "".join(f"{path}\n" for path in CORPUS_INPUTS)
    records = json.dumps({"id": "r", "text": page(1)}, ensure_ascii=False) + "\n"
    command = (
        f'{sys.executable} -m wpclean.cli --from-list <(printf %s "$LIST") '
        '--jsonl-in <(printf %s "$RECORDS") --id-field id --jsonl -q'
    )
    env = {**os.environ, "LIST": listing, "RECORDS": records}
    result = subprocess.run(["bash", "-c", command], capture_output=True, timeout=300, env=env)
    assert result.returncode == 0, result.stderr
    plans = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(plans) == len(CORPUS_INPUTS) + 1 and plans[-1]["input"]["id"] == "r"


def test_a_from_list_file_with_a_bom_reads_its_first_path(tmp_path: Path) -> None:
    listing = tmp_path / "list.txt"
    listing.write_bytes(b"\xef\xbb\xbf" + f"{SEED}\n{WARNED_PAGE}\n".encode())
    result = invoke("--from-list", str(listing), "--jsonl", "-q", "-j", "1")
    assert result.exit_code == 0
    assert [json.loads(line)["input"]["path"] for line in result.stdout.splitlines()] == [str(SEED), str(WARNED_PAGE)]
