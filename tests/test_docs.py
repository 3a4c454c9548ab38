"""The README and docs/ stay true: every option and exit code documented, links
that resolve, library examples that run and print what they show, tables of
figures that match what wpclean does, and imports that point the way
docs/architecture.md says."""

from __future__ import annotations

import ast
import contextlib
import functools
import importlib.util
import io
import json
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest
import typer.main

import wpclean
from tests.conftest import ROOT, SAMPLES, SEED, volatile_free
from wpclean.cli import exit_codes
from wpclean.cli.app import build_app

README = ROOT / "README.md"
DOCS = ROOT / "docs"
USAGE = DOCS / "usage.md"
README_MAX_LINES = 80  # one screen
OPTION_TOKEN = re.compile(r"(?<![\w-])(--?[A-Za-z][\w-]*)")
FENCE = re.compile(r"^( *)```(\w*)\n(.*?)^\1```$", re.M | re.S)


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


# --- markdown helpers ---------------------------------------------------------------------


class Block(NamedTuple):
    lang: str
    code: str
    end: int  # offset just after the closing fence


def code_blocks(text: str) -> list[Block]:
    """The fenced code blocks of a page, in order (indented fences too)."""
    blocks = []
    for match in FENCE.finditer(text):
        indent = len(match.group(1))
        code = "".join(line[indent:] for line in match.group(3).splitlines(keepends=True))
        blocks.append(Block(match.group(2), code, match.end()))
    return blocks


def without_code(text: str) -> str:
    """The page with its code blocks blanked (offsets kept), so a `#` line in a block is not a heading."""
    return FENCE.sub(lambda match: re.sub(r"[^\n]", " ", match.group(0)), text)


def sections(text: str, level: int = 2) -> dict[str, str]:
    """Heading text → the text under it, up to the next heading of that level or higher."""
    found: dict[str, str] = {}
    prose = without_code(text)
    marks = list(re.finditer(rf"^#{{1,{level}}} (.+)$", prose, re.M))
    for mark, after in zip(marks, [*marks[1:], None]):
        if mark.group(0).startswith("#" * level + " "):
            found[mark.group(1).strip()] = text[mark.end() : after.start() if after else len(text)]
    return found


def section_of(text: str, prefix: str, level: int = 2) -> str:
    matches = [body for heading, body in sections(text, level).items() if heading.startswith(prefix)]
    assert len(matches) == 1, f"expected one heading starting with {prefix!r}, found {len(matches)}"
    return matches[0]


def table_rows(text: str) -> list[list[str]]:
    """The body rows of every Markdown table in ``text``, as lists of cells (header and rule rows left out)."""
    rows = []
    lines = text.splitlines()
    for number, line in enumerate(lines):
        if not line.startswith("|") or re.fullmatch(r"\|( *:?-+:? *\|)+", line):
            continue
        following = lines[number + 1] if number + 1 < len(lines) else ""
        if re.fullmatch(r"\|( *:?-+:? *\|)+", following):  # a header row
            continue
        cells = [cell.strip().replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
        rows.append(cells)
    return rows


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens.

    >>> slug("What `-o` means"), slug("wpclean INPUT...: the main job")
    ('what--o-means', 'wpclean-input-the-main-job')
    """
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower().replace("`", ""))
    return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    return {slug(match.group(1)) for match in re.finditer(r"^#{1,6} (.+)$", without_code(read(path)), re.M)}


def local_links(path: Path) -> list[str]:
    """Every relative link target of a page (no URLs, no mail)."""
    targets = re.findall(r"\]\(([^)\s]+)\)", without_code(read(path)))
    return [target for target in targets if not re.match(r"[a-z][a-z0-9+.-]*:", target)]


def broken_links(path: Path) -> list[str]:
    broken = []
    for target in local_links(path):
        file_part, _, anchor = target.partition("#")
        linked = (path.parent / file_part).resolve() if file_part else path
        if not linked.exists():
            broken.append(target)
        elif anchor and linked.suffix == ".md" and anchor not in anchors(linked):
            broken.append(target)
    return broken


DOC_PAGES = sorted(DOCS.glob("*.md"))
# Branches hand in what their feature needs a user to know as docs/NOTES-<issue>.md,
# to be folded into the page it belongs to: such notes need not be linked yet.
READER_PAGES = [page for page in DOC_PAGES if not page.name.startswith("NOTES-")]


# --- (a) every option of every command is documented in docs/usage.md -------------------


def command_options() -> Iterator[tuple[str, str, bool, Any]]:
    """(command name, option spelling, whether it is a help or top-level option, the option)
    for the app and each of its commands, as ``--help`` lists them.  (Typer ≥ 0.29
    carries its own copy of click, so the click objects are used as they come.)"""
    group = typer.main.get_command(build_app())
    root = group.context_class(group, info_name="wpclean")
    commands: list[tuple[str, Any, Any]] = [("", group, root)]
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        commands.append((name, command, command.context_class(command, info_name=name, parent=root)))
    for name, command, ctx in commands:
        help_option = command.get_help_option(ctx)
        for param in command.get_params(ctx):
            if param.param_type_name == "option":
                for spelling in [*param.opts, *param.secondary_opts]:
                    yield name, spelling, name == "" or param is help_option, param


OPTIONS = list(command_options())
COMMANDS = sorted({name for name, *_ in OPTIONS if name})


def heading_of(command: str) -> str:
    """How docs/usage.md's section of ``command`` starts (the main job is ``wpclean INPUT...``)."""
    return "wpclean INPUT" if command == "process" else f"wpclean {command}"


def mentions(text: str, option: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", text) is not None


def test_the_app_has_the_commands_and_options_the_docs_describe() -> None:
    assert {"process", "check", "show", "schema"} <= set(COMMANDS)
    assert ("process", "--max-bytes") in {(name, spelling) for name, spelling, *_ in OPTIONS}


@pytest.mark.parametrize(("command", "option"), [(name, spelling) for name, spelling, *_ in OPTIONS])
def test_every_option_is_documented_in_usage(command: str, option: str) -> None:
    anywhere = {(name, spelling): general for name, spelling, general, _ in OPTIONS}[(command, option)]
    text = read(USAGE) if anywhere else section_of(read(USAGE), heading_of(command))
    where = "docs/usage.md" if anywhere else f"the '## wpclean {command}' section of docs/usage.md"
    assert mentions(text, option), f"{option} of `wpclean {command}` is not documented in {where}"


def documented_options(text: str) -> list[str]:
    """The options named in the first column of the tables in ``text``."""
    spans = [span for row in table_rows(text) for span in re.findall(r"`([^`]+)`", row[0])]
    return [token for span in spans for token in OPTION_TOKEN.findall(span)]


@pytest.mark.parametrize(("page", "command"), [("usage.md", name) for name in COMMANDS] + [("check.md", "check")])
def test_every_option_in_an_options_table_exists(page: str, command: str) -> None:
    text = read(DOCS / page)
    if page == "usage.md":
        text = section_of(text, heading_of(command))
    spellings = {spelling for name, spelling, *_ in OPTIONS if name in (command, "")}
    named = documented_options(text)
    assert set(named) - spellings == set(), f"{page} documents options `wpclean {command}` does not have"


@pytest.mark.parametrize("command", COMMANDS)
def test_documented_defaults_are_the_real_defaults(command: str) -> None:
    rows = [row for row in table_rows(section_of(read(USAGE), heading_of(command))) if len(row) == 3]
    options = {spelling: option for name, spelling, _, option in OPTIONS if name == command}
    checked = 0
    for row in rows:
        for token in OPTION_TOKEN.findall(row[0]):
            default = options[token].default
            if isinstance(default, (str, int)) and not isinstance(default, bool):
                assert f"`{default}`" in row[2], f"{token}'s default is {default!r}; docs/usage.md says {row[2]!r}"
                checked += 1
    assert checked or command in ("schema", "show"), f"no default of `wpclean {command}` was checked"


# --- (b) every exit code is documented -----------------------------------------------------


EXIT_CODES = {name: value for name, value in vars(exit_codes).items() if name.isupper() and isinstance(value, int)}


def test_exit_codes_module_has_the_usual_codes() -> None:
    assert set(EXIT_CODES.values()) >= {0, 1, 2, 130}


@pytest.mark.parametrize("name", sorted(EXIT_CODES))
def test_every_exit_code_is_in_the_usage_exit_codes_table(name: str) -> None:
    rows = table_rows(section_of(read(USAGE), "Exit codes"))
    codes = [row[0] for row in rows]
    assert str(EXIT_CODES[name]) in codes, f"exit code {name} = {EXIT_CODES[name]} is not in docs/usage.md's table"
    assert re.search(rf"\b{EXIT_CODES[name]}\b", read(README)), f"exit code {EXIT_CODES[name]} is not in the README"


def test_the_exit_codes_table_has_no_code_the_program_does_not_use() -> None:
    rows = table_rows(section_of(read(USAGE), "Exit codes"))
    assert {int(row[0]) for row in rows} == set(EXIT_CODES.values())


CODE_FOLDERS = ("pipeline", "cleaner", "parser", "schemas", "render", "batch", "check", "fileio", "cli")
PLACEHOLDERS = re.compile(r"…|\.\.\.|<reason>|\b(?:X|Y|N|M|DIR|ENCODING|PATH|FILE)\b")


def message_fragments(message: str) -> list[str]:
    """The literal parts of a documented message, without its placeholders.

    >>> message_fragments("input X does not exist; check the path")
    ['input', 'does not exist; check the path']
    """
    return [part.strip(" ;,.") for part in PLACEHOLDERS.split(message) if len(part.strip(" ;,.")) >= 5]


def test_every_documented_error_message_is_one_the_code_writes() -> None:
    source = "".join(read(path) for folder in CODE_FOLDERS for path in sorted((ROOT / folder).glob("*.py")))
    rows = table_rows(section_of(read(USAGE), "Error messages"))
    messages = [message for row in rows for message in re.findall(r"`([^`]+)`", row[0])]
    fragments = [part for message in messages for part in message_fragments(message)]
    assert len(fragments) > 30
    assert [part for part in fragments if part not in source] == []


# --- (c) the README is one screen, and every link resolves ---------------------------------


def test_readme_is_one_screen_at_most_80_lines() -> None:
    assert len(read(README).splitlines()) <= README_MAX_LINES


def test_readme_links_every_docs_page_and_each_resolves() -> None:
    links = [target for target in local_links(README) if target.startswith("docs/")]
    assert {target.partition("#")[0] for target in links} >= {f"docs/{page.name}" for page in READER_PAGES}
    assert broken_links(README) == []


@pytest.mark.parametrize("page", DOC_PAGES, ids=lambda path: path.name)
def test_every_link_in_a_docs_page_resolves(page: Path) -> None:
    assert broken_links(page) == []


def test_the_docs_index_links_every_page() -> None:
    linked = {target.partition("#")[0] for target in local_links(DOCS / "index.md")}
    assert {page.name for page in READER_PAGES if page.name != "index.md"} <= linked


def test_a_broken_link_is_found(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    (tmp_path / "other.md").write_text("# Here\n", encoding="utf-8")
    links = "[a](other.md#here) [b](other.md#gone) [c](missing.md) [d](#top) [e](https://x.org/y)"
    page.write_text(f"# Top\n{links}\n", encoding="utf-8")
    assert broken_links(page) == ["other.md#gone", "missing.md"]


def readme_block(heading: str) -> Block:
    """The first code block under a README heading."""
    text = read(README)
    start = text.index(f"\n## {heading}\n")
    return next(block for block in code_blocks(text) if block.end > start)


def unknown_options(line: str) -> list[str]:
    """The options a command line gives ``wpclean`` (or one of its commands) that it does not have.

    >>> unknown_options("find . | wpclean --from-list - --jsonl  # --nothing in a comment")
    []
    >>> unknown_options("wpclean check samples/ [--strict] --jsonl"), unknown_options("wpclean -j 2 --shiny")
    (['--jsonl'], ['--shiny'])
    """
    unknown = []
    for segment in re.split(r"\|\s|&&|;", line.split("  #")[0]):
        words = segment.replace("[", " ").replace("]", " ").split()
        if not words or words[0].rsplit("/", 1)[-1] != "wpclean":
            continue
        command = words[1] if len(words) > 1 and words[1] in COMMANDS else "process"
        spellings = {spelling for name, spelling, *_ in OPTIONS if name in (command, "")}
        used = [word.split("=")[0] for word in words[1:] if re.match(r"--?[A-Za-z]", word)]
        unknown += [option for option in used if option not in spellings]
    return unknown


def test_readme_usage_block_is_ten_lines_of_real_options() -> None:
    lines = readme_block("Usage").code.splitlines()
    assert len(lines) == 10
    assert all("wpclean " in line for line in lines)
    assert [line for line in lines if unknown_options(line)] == []


@pytest.mark.parametrize("page", [README, *DOC_PAGES], ids=lambda path: path.name)
def test_every_wpclean_command_line_shown_uses_real_options(page: Path) -> None:
    lines = [line.lstrip("$ -") for block in code_blocks(read(page)) for line in block.code.splitlines()]
    assert {line: unknown_options(line) for line in lines if unknown_options(line)} == {}


def test_readme_test_command_is_what_ci_runs() -> None:
    command = readme_block("Run the tests").code
    ci = read(ROOT / ".ci" / "run")
    extras = re.compile(r"pip install [^\n]*?(-e '\.\[[\w,]+\]')")
    assert extras.search(command).group(1) == extras.search(ci).group(1)
    assert command.strip().endswith(".venv/bin/python -m pytest") and ".venv/bin/python -m pytest" in ci


def test_readme_quick_start_runs_and_writes_the_seed_pages_golden_plan(tmp_path: Path) -> None:
    (command,) = readme_block("Quick start").code.strip().splitlines()
    install = "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/wpclean "
    assert command.startswith(install)  # the installing part is what .ci/run does; here the run itself
    (tmp_path / "samples").symlink_to(SAMPLES)
    args = shlex.split(command.removeprefix(install))
    proc = subprocess.run([sys.executable, "-m", "wpclean.cli", *args], cwd=tmp_path, capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    plan = json.loads(read(tmp_path / "plan.json"))
    assert volatile_free(plan) == volatile_free(json.loads(read(SEED.with_suffix(".json"))))


# --- (d) Python blocks in the README and docs/library.md run, and print what they show -----


def run_page(path: Path) -> list[tuple[str, str, str]]:
    """Run every ``python`` block of a page in one namespace, from the checkout's root.
    Return (code, what it printed, the ``text`` block right after it, or None)."""
    text = read(path)
    blocks = code_blocks(text)
    namespace: dict = {"__name__": f"docs_{path.stem}"}
    results = []
    with contextlib.chdir(ROOT):
        for number, block in enumerate(blocks):
            if block.lang != "python":
                continue
            following = blocks[number + 1] if number + 1 < len(blocks) else None
            right_after = following is not None and text.startswith("\n\n```text\n", block.end)
            shown = following.code if right_after and following.lang == "text" else None
            printed = io.StringIO()
            with contextlib.redirect_stdout(printed):
                exec(compile(block.code, str(path), "exec"), namespace)  # noqa: S102 - the docs' own code
            results.append((block.code, printed.getvalue(), shown))
    return results


@pytest.mark.parametrize("page", [README, DOCS / "library.md"], ids=lambda path: path.name)
def test_python_blocks_run_and_print_what_the_page_shows(page: Path) -> None:
    results = run_page(page)
    assert results, f"{page.name} has no python block"
    for code, printed, shown in results:
        if shown is not None:
            assert printed.rstrip("\n") == shown.rstrip("\n"), f"this block of {page.name} prints otherwise:\n{code}"


def test_readme_library_example_is_five_lines_using_import_wpclean() -> None:
    (block,) = [block for block in code_blocks(read(README)) if block.lang == "python"]
    assert len(block.code.splitlines()) <= 5
    assert "import wpclean\n" in block.code and "wpclean.process_bytes(" in block.code


def test_a_block_that_prints_otherwise_is_caught(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("```python\nprint(1 + 1)\n```\n\n```text\n3\n```\n", encoding="utf-8")
    ((_, printed, shown),) = run_page(page)
    assert (printed, shown) == ("2\n", "3\n")


@pytest.mark.parametrize("name", sorted(set(wpclean.__all__)))
def test_every_public_name_is_in_the_library_page(name: str) -> None:
    assert f"wpclean.{name}" in read(DOCS / "library.md")


# --- the tables of figures match what wpclean does -----------------------------------------


def section_counts(plan: wpclean.Plan) -> tuple[int, int, int, int]:
    """Sections of marker style 一、, （一）, 1. and items at any depth, attached documents' included."""
    levels = {1: 0, 2: 0, 3: 0}
    documents = [plan]
    for document in documents:
        documents += document.attachments
    items = sum(len(document.items) for document in documents)
    pending = [section for document in documents for section in document.sections]
    while pending:
        section = pending.pop()
        levels[section.level] = levels.get(section.level, 0) + 1
        items += len(section.items)
        pending += section.sections
    return levels[1], levels[2], levels[3], items


STRUCTURE_ROWS = [row for row in table_rows(read(DOCS / "structure.md")) if len(row) == 4]


def sample_page(name: str) -> Path:
    stem = name.split(" (")[0]
    return next(path for path in (SAMPLES / "corpus" / f"{stem}.txt", SAMPLES / f"{stem}.txt") if path.exists())


def test_structure_table_covers_every_sample_page() -> None:
    pages = {sample_page(row[0]) for row in STRUCTURE_ROWS}
    assert pages == {*(SAMPLES / "corpus").glob("*.txt"), SEED}


@pytest.mark.parametrize("row", STRUCTURE_ROWS, ids=lambda row: row[0])
def test_structure_table_row_is_what_wpclean_finds(row: list[str]) -> None:
    plan = wpclean.process_bytes(sample_page(row[0]).read_bytes()).plan
    counts, _, per_section = row[2].partition(" (")
    assert tuple(int(n) for n in counts.split(" / ")) == section_counts(plan)
    if per_section:
        assert [int(n) for n in per_section.rstrip(")").split(",")] == [len(s.items) for s in plan.sections]
    documented = set(re.findall(r"[a-z]+_[a-z_]+", row[3]))
    assert documented == {warning.code for warning in plan.warnings}


@functools.cache
def fidelity_benchmark():  # type: ignore[no-untyped-def]
    """benchmarks/fidelity.py as a module (the one tests/test_fidelity.py loaded, if it did)."""
    if "fidelity" in sys.modules:
        return sys.modules["fidelity"]
    spec = importlib.util.spec_from_file_location("fidelity", ROOT / "benchmarks" / "fidelity.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules["fidelity"] = module
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


FIDELITY_TABLE = table_rows(section_of(read(DOCS / "fidelity.md"), "Measured on the corpus"))
FIDELITY_ROWS = [row for row in FIDELITY_TABLE if row[0] != "total"]


def test_fidelity_table_covers_every_corpus_page() -> None:
    assert {row[0] for row in FIDELITY_ROWS} == {path.stem for path in (SAMPLES / "corpus").glob("*.txt")}


@pytest.mark.parametrize("row", FIDELITY_ROWS, ids=lambda row: row[0])
def test_fidelity_table_row_is_what_the_benchmark_measures(row: list[str]) -> None:
    measured = fidelity_benchmark().measure(SAMPLES / "corpus" / f"{row[0]}.txt")

    def count(cell: str) -> int:  # "56.35 (11)" -> 11; "1,952" -> 1952
        found = re.search(r"\((\d+)\)", cell)
        return int(found.group(1) if found else cell.replace(",", "").split()[0])

    lost, _, of = row[3].partition(" of ")
    assert (count(row[1]), count(row[2]), int(lost), int(of)) == (
        measured.core_chars,
        measured.pinyin_left,
        measured.parentheticals_lost,
        measured.parentheticals,
    )
    assert (count(row[4]), count(row[5])) == (measured.baseline_errors, measured.errors)


# --- the import direction of docs/architecture.md ------------------------------------------


LAYERS = {  # room → layer; a module may import its own room or a lower layer only
    "wpclean.version": -1,
    "wpclean": 0,
    "wpclean.options": 0,
    "wpclean.errors": 0,
    "wpclean.cleaner": 1,
    "wpclean.schemas": 1,
    "wpclean.decode": 1,
    "wpclean.parser": 2,
    "wpclean.html": 3,
    "wpclean.document": 4,
    "wpclean.render": 5,
    "wpclean.fileio": 5,
    "wpclean.batch": 6,
    "wpclean.check": 6,
    "wpclean.cli": 7,
}
FOLDERS = {  # checkout folder → the package it installs as (pyproject.toml's package-dir)
    "pipeline": "wpclean",
    "cleaner": "wpclean.cleaner",
    "parser": "wpclean.parser",
    "schemas": "wpclean.schemas",
    "render": "wpclean.render",
    "batch": "wpclean.batch",
    "check": "wpclean.check",
    "fileio": "wpclean.fileio",
    "cli": "wpclean.cli",
    "htmlpage": "wpclean.html",
}


def room(module: str) -> str:
    """The room of a module: its subpackage, or itself for the package root's modules.

    >>> room("wpclean.cleaner.steps"), room("wpclean.document"), room("wpclean")
    ('wpclean.cleaner', 'wpclean.document', 'wpclean')
    """
    parts = module.split(".")
    return ".".join(parts[:2])


def runtime_imports(tree: ast.AST) -> Iterator[str]:
    """The wpclean modules a module imports, lazily or not, leaving out ``if TYPE_CHECKING:`` blocks."""
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            node.body = []
    for node in ast.walk(tree):
        names = [node.module or ""] if isinstance(node, ast.ImportFrom) and node.level == 0 else []
        names += [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
        yield from (name for name in names if name == "wpclean" or name.startswith("wpclean."))


def modules() -> Iterator[tuple[str, Path]]:
    for folder, package in FOLDERS.items():
        for path in sorted((ROOT / folder).glob("*.py")):
            yield (package if path.stem == "__init__" else f"{package}.{path.stem}"), path


def wrong_way_imports() -> set[tuple[str, str]]:
    wrong = set()
    for module, path in modules():
        own = room(module)
        for imported in runtime_imports(ast.parse(read(path))):
            target = room(imported)
            if target != own and LAYERS[target] >= LAYERS[own]:
                wrong.add((module, target))
    return wrong


def test_every_code_folder_is_a_room_of_the_architecture_page() -> None:
    assert set(FOLDERS) == {
        "pipeline",
        "cleaner",
        "schemas",
        "parser",
        "htmlpage",
        "render",
        "fileio",
        "batch",
        "check",
        "cli",
    }
    page = read(DOCS / "architecture.md")
    for folder in [*FOLDERS, "tools", "benchmarks", "tests", "samples"]:
        assert f"| `{folder}/` |" in page, f"{folder}/ is not described in docs/architecture.md"


def test_imports_point_down_the_layers_of_the_architecture_page() -> None:
    wrong = wrong_way_imports()
    assert wrong == set(), "imports that point up or sideways (see docs/architecture.md)"
    assert len(list(modules())) > 40  # the walk found the code


def test_a_wrong_way_import_is_found() -> None:
    code = [
        "from typing import TYPE_CHECKING",
        "if TYPE_CHECKING:",
        "    import wpclean.cli",
        "def f():",
        "    from wpclean.batch import run",
    ]
    tree = ast.parse("\n".join(code))
    assert list(runtime_imports(tree)) == ["wpclean.batch"]


def test_this_modules_doctests_pass() -> None:
    import doctest

    result = doctest.testmod(sys.modules[__name__])
    assert result.attempted > 0 and result.failed == 0


# --- the figures docs/reliability.md quotes from the code and tests ------------------------


def test_reliability_page_quotes_the_pathological_cases_bound_and_rounds() -> None:
    from tests.test_pathological import CASES, GROWTH
    from wpclean.cleaner.chrome import MAX_ROUNDS

    words = " ".join(section_of(read(DOCS / "reliability.md"), "Pathological inputs").split())
    assert f"runs {len(CASES)} of them" in words
    assert f"4x the input may cost at most {GROWTH}x the time" in words
    assert f"at most {MAX_ROUNDS} rounds per line" in words
