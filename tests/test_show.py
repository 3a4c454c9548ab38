"""``wpclean show``: the plan as a tree, in-process and as a real subprocess."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import CORPUS_INPUTS, ROOT, SAMPLES, SEED
from tests.golden import assert_matches_golden
from tests.plans import tricky_plan
from wpclean.cli.app import build_app
from wpclean.render.formats import plan_json
from wpclean.schemas import Warning

SEED_PLAN = SAMPLES / "shenzhen-edu-2019-workplan.json"
WIDTH = {"COLUMNS": "80"}
runner = CliRunner()


def show(*args: str, input: bytes | None = None, env: dict[str, str] | None = None):
    return runner.invoke(build_app(), ["show", *args], input=input, env=WIDTH | (env or {}))


def write_plan(tmp_path: Path, name: str = "plan.json") -> Path:
    path = tmp_path / name
    path.write_bytes(plan_json(tricky_plan()))
    return path


@pytest.mark.parametrize(("options", "golden"), [((), "shenzhen-show.txt"), (("--full",), "shenzhen-show-full.txt")])
def test_show_of_the_reviewed_seed_plan_matches_its_golden_file(options: tuple[str, ...], golden: str) -> None:
    result = show(str(SEED_PLAN), *options)
    assert result.exit_code == 0, result.stderr
    assert_matches_golden(golden, result.stdout.encode("utf-8"))


def test_show_of_the_seed_page_is_the_show_of_its_reviewed_plan() -> None:
    assert show(str(SEED)).stdout == show(str(SEED_PLAN)).stdout


def test_show_outline_has_title_date_sections_and_item_leads_but_not_full_text() -> None:
    lines = show(str(SEED)).stdout.splitlines()
    assert lines[:3] == [
        "深圳市教育局2019年工作思路",
        "来源：深圳市教育局 · 日期：2020-02-25",
        "9 sections · 33 items · no warnings",
    ]
    assert "├── （一）切实加强党对教育工作的全面领导" in lines
    assert "│   ├── 一是把党的政治建设放在首位" in lines
    assert "各区教育部门" not in "".join(lines)


def test_show_full_adds_preamble_and_each_items_whole_text() -> None:
    text = "".join(line.strip("│├└─ ") for line in show(str(SEED), "--full").stdout.splitlines())
    assert "以习近平新时代中国特色社会主义思想为指导" in text
    assert "一是把党的政治建设放在首位。各区教育部门和各级各类学校的党组织要切实增强“四个意识”" in text


def test_show_lists_warnings_first_and_marks_the_node_they_point_at(tmp_path: Path) -> None:
    lines = show(str(write_plan(tmp_path))).stdout.splitlines()
    assert lines[3] == "├── ⚠ numbering_gap: 3 follows 1 (sections[0].items[1])"
    assert "│   └── 3是跳号  ⚠ numbering_gap" in lines
    assert sum("⚠" in line for line in lines) == 2


def test_show_marks_a_place_with_every_warning_about_it(tmp_path: Path) -> None:
    plan = tricky_plan()
    twice = plan.model_copy(
        update={"warnings": [*plan.warnings, Warning(code="odd_item", message="m", where="sections[0].items[1]")]}
    )
    path = tmp_path / "plan.json"
    path.write_bytes(plan_json(twice))
    assert "│   └── 3是跳号  ⚠ numbering_gap, odd_item" in show(str(path)).stdout.splitlines()


@pytest.mark.parametrize("path", [SEED, *CORPUS_INPUTS], ids=lambda p: p.stem)
def test_show_has_one_node_per_warning_section_and_item(path: Path) -> None:
    from wpclean import process_bytes

    plan = process_bytes(path.read_bytes()).plan
    sections = plan.model_dump_json().count('"level":') + plan.model_dump_json().count('"label":')
    items = plan.model_dump_json().count('"lead":')
    nodes = sum(bool(re.match(r"^[│ ]*[├└]── ", line)) for line in show(str(path)).stdout.splitlines())
    assert nodes == len(plan.warnings) + sections + items


@pytest.mark.parametrize("path", [p for p in CORPUS_INPUTS if p.name.startswith("02-")], ids=lambda p: p.stem)
def test_show_marks_a_duplicated_section_number_on_a_damaged_page(path: Path) -> None:
    output = show(str(path)).stdout
    assert "⚠ numbering_duplicate: 三、 repeats the number of 三、 (sections[3])" in output
    assert "├── 三、存在问题  ⚠ numbering_duplicate" in output


def test_show_prints_rich_markup_and_markdown_in_the_text_as_it_is(tmp_path: Path) -> None:
    output = show(str(write_plan(tmp_path))).stdout
    assert "（一）分项[red]不是标记[/red]" in output and "1是前置*事项*" in output


def test_show_nests_sections_under_their_parents(tmp_path: Path) -> None:
    lines = show(str(write_plan(tmp_path))).stdout.splitlines()
    deepest = next(line for line in lines if "（1）第七层" in line)
    assert deepest.index("（1）") > next(line for line in lines if "6.第6层" in line).index("6.")


def test_show_reads_a_page_or_a_plan_from_standard_input(tmp_path: Path) -> None:
    assert show("-", input=SEED.read_bytes()).stdout == show(str(SEED)).stdout
    assert show("-", input=write_plan(tmp_path).read_bytes()).stdout == show(str(write_plan(tmp_path))).stdout


def test_show_reads_a_page_or_a_plan_named_by_url(tmp_path: Path) -> None:
    pytest.importorskip("fsspec")
    plan = write_plan(tmp_path)
    assert show(SEED.resolve().as_uri()).stdout == show(str(SEED)).stdout
    assert show(plan.resolve().as_uri()).stdout == show(str(plan)).stdout


def test_show_of_a_missing_url_is_one_line_and_exit_1(tmp_path: Path) -> None:
    pytest.importorskip("fsspec")
    result = show((tmp_path / "gone.txt").as_uri())
    assert result.exit_code == 1 and result.stderr.count("\n") == 1 and "gone.txt" in result.stderr


def test_show_output_has_no_escape_codes_when_not_a_terminal_even_if_colour_is_forced() -> None:
    result = show(str(SEED), env={"FORCE_COLOR": "1"})
    assert result.exit_code == 0 and "\x1b" not in result.stdout


def documented_show_block(page: str) -> list[str]:
    """The lines of a page's show example after its command line."""
    text = (ROOT / page).read_text(encoding="utf-8")
    start = text.index("$ wpclean show samples/shenzhen-edu-2019-workplan.txt\n")
    return text[start : text.index("```", start)].splitlines()[1:]


@pytest.mark.parametrize("page", ["docs/output-format.md"])
def test_documented_show_example_is_the_real_output_trimmed(page: str) -> None:
    actual = show(str(SEED)).stdout.splitlines()
    shown = documented_show_block(page)
    cut = shown.index("…")
    assert shown[:cut] == actual[:cut] and shown[cut + 1 :] == actual[len(actual) - len(shown) + cut + 1 :]


def test_show_help_gives_an_example_and_the_main_help_lists_show() -> None:
    assert "wpclean show page.txt --full" in show("--help").stdout
    assert "wpclean show" in runner.invoke(build_app(), ["--help"]).stdout


# --- errors: one line on stderr, a documented exit code, nothing on stdout ------------


def assert_one_error_line(result, code: int, *fragments: str) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code == code
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("wpclean: error: ")
    assert all(fragment in result.stderr for fragment in fragments)


def test_show_of_a_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    assert_one_error_line(show(str(tmp_path / "nope.txt")), 2, "does not exist")


def test_show_of_a_folder_is_a_usage_error(tmp_path: Path) -> None:
    assert_one_error_line(show(str(tmp_path)), 2, "is a folder")


def test_show_of_json_that_is_not_a_plan_fails_naming_the_problem(tmp_path: Path) -> None:
    path = tmp_path / "other.json"
    path.write_text('{"title": "x", "sections": []}', encoding="utf-8")
    assert_one_error_line(show(str(path)), 1, "is not a wpclean plan", "input: Field required")


def test_show_of_broken_json_fails_without_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"title": ', encoding="utf-8")
    assert_one_error_line(show(str(path)), 1, "is not a wpclean plan")


def test_show_of_an_empty_page_fails(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert_one_error_line(show(str(path)), 1, "input is empty")


def test_show_of_a_gb18030_page_detects_or_takes_the_encoding(tmp_path: Path) -> None:
    path = tmp_path / "gb.txt"
    path.write_bytes(SEED.read_text(encoding="utf-8").encode("gb18030"))
    assert show(str(path)).stdout == show(str(SEED)).stdout
    assert show(str(path), "--encoding", "gb18030").stdout == show(str(SEED)).stdout
    assert_one_error_line(show(str(path), "--encoding", "utf-8"), 1, "--encoding")


# --- as a real process, with and without a terminal -------------------------------


def child_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "COLUMNS")}
    return env | {"COLUMNS": "80", "TERM": "xterm-256color"} | extra


def test_show_as_a_subprocess_writes_the_tree_to_stdout_only() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "wpclean.cli", "show", str(SEED)],
        capture_output=True,
        cwd=ROOT,
        env=child_env(),
        timeout=120,
    )
    assert result.returncode == 0 and result.stderr == b""
    assert result.stdout.decode("utf-8") == show(str(SEED)).stdout


def run_in_terminal(*args: str, env: dict[str, str]) -> str:
    """Run ``wpclean`` with stdout on a pseudo-terminal; return what it wrote there."""
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "wpclean.cli", *args], stdout=slave, stderr=subprocess.DEVNULL, env=env, cwd=ROOT
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    assert process.wait(timeout=120) == 0
    return b"".join(chunks).decode("utf-8")


def colour_codes(output: str) -> set[int]:
    """The SGR colour parameters (foreground 30-38, 90-97) used in ``output``."""
    params = {int(p) for seq in re.findall(r"\x1b\[([0-9;]*)m", output) for p in seq.split(";") if p}
    return {p for p in params if 30 <= p <= 38 or 90 <= p <= 97}


def test_show_in_a_terminal_is_coloured() -> None:
    assert colour_codes(run_in_terminal("show", str(SEED), env=child_env()))


def test_show_in_a_terminal_with_no_color_set_has_no_colour() -> None:
    output = run_in_terminal("show", str(SEED), env=child_env(NO_COLOR="1"))
    assert "深圳市教育局2019年工作思路" in output and colour_codes(output) == set()


@pytest.mark.parametrize(
    ("sample", "expected"),
    [
        ("html/12-jiangxi-gov-ling223-liudongrenkou-2020.html", ["江西省人民政府令", "第223号"]),  # the 令 header
        ("corpus/14-zhongyang-xiangcunzhenxing-2018.txt", ["（2018年1月2日）"]),  # the 题注
        (
            "corpus/10-baotou-shuzizhengfu-kaoping-2022.txt",
            ["各旗、县、区人民政府，稀土高新区管委会，市直有关部门、单位："],
        ),
    ],
)
def test_show_full_shows_the_title_matter_and_the_addressees(sample: str, expected: list[str]) -> None:
    full = show(str(SAMPLES / sample), "--full", env={"COLUMNS": "200"})
    outline = show(str(SAMPLES / sample), env={"COLUMNS": "200"})
    assert full.exit_code == 0, full.stderr
    lines = [line.strip("│├└─ ") for line in full.stdout.splitlines()]
    for text in expected:
        assert text in lines
        assert text not in [line.strip("│├└─ ") for line in outline.stdout.splitlines()]
