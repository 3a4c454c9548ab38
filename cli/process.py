"""The main job: ``wpclean INPUT… [-o OUTPUT]``, one page or a whole corpus.

One input (a file or ``-``) is a *single* run, as it always was: the plan goes
to ``-o FILE`` or to stdout.  Several inputs, a folder, ``--from-list`` or
``--jsonl-in`` make a *batch* (:mod:`wpclean.batch.run`): ``-o`` then names a
folder that receives one plan per input (mirroring relative paths), or with
``--jsonl`` one JSON Lines file (stdout without ``-o``).
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, replace
from fnmatch import fnmatch
from collections.abc import Iterable, Iterator
from pathlib import Path

import typer

from wpclean.errors import WpcleanError
from wpclean.options import CONVERT_CONFIGS, DEFAULT_MAX_BYTES, Options
from wpclean.cli import exit_codes
from wpclean.cli.exit_codes import fail
from wpclean.batch.discover import DEFAULT_GLOB
from wpclean.fileio.files import OutputError, read_input, same_file, write_atomic
from wpclean.render.formats import FORMATS, changes_jsonl
from wpclean.batch.sources import STDIN, Sources
from wpclean.batch.tasks import Settings

STDOUT = "-"
LOCAL, DASK = "local", "dask"
DEFAULT_PARTITION_SIZE = 1000



def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def process_command(
    inputs: list[str] = typer.Argument(None, metavar="INPUT", help="Text files, folders (walked recursively), or - for standard input.", show_default=False),
    output: str = typer.Option(STDOUT, "-o", "--output", metavar="PATH", help="One input: the plan file (- is stdout). Several: a folder for one plan per input, or with --jsonl one file."),
    fmt: str = typer.Option("json", "--format", metavar="FORMAT", help=f"Output format: {'|'.join(FORMATS)}."),
    jsonl: bool = typer.Option(False, "--jsonl", help="Same as --format jsonl: one plan per line."),
    convert: str = typer.Option("t2s", "--convert", metavar="CONFIG", help=f"OpenCC conversion: {'|'.join(CONVERT_CONFIGS)}."),
    encoding: str | None = typer.Option(None, "--encoding", metavar="NAME", help="Force the input encoding (e.g. gb18030) instead of detecting it."),
    keep_punct: bool = typer.Option(False, "--keep-punct", help="Keep ASCII punctuation as it is."),
    explain: str | None = typer.Option(
        None, "--explain", metavar="[FILE]",
        help="Write every change as JSON Lines to FILE, or to stderr when no FILE follows (or FILE is -).",
    ),  # fmt: skip
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", metavar="N", help="Refuse inputs (or records) larger than this many bytes."),
    from_list: str | None = typer.Option(None, "--from-list", metavar="FILE", help="Also read input paths, one per line, from FILE (- is stdin)."),
    jsonl_in: str | None = typer.Option(None, "--jsonl-in", metavar="FILE", help="Also read documents from a JSON Lines file (- is stdin)."),
    text_field: str = typer.Option("text", "--text-field", metavar="NAME", help="With --jsonl-in: the field holding the page's text."),
    id_field: str | None = typer.Option(None, "--id-field", metavar="NAME", help="With --jsonl-in: the field holding the document's id (kept in the plan)."),
    glob: str = typer.Option(DEFAULT_GLOB, "--glob", metavar="PATTERN", help="Which files to take from folders."),
    jobs: int | None = typer.Option(None, "-j", "--jobs", metavar="N", min=1, help="Worker processes (default: one per core; 1 runs in-process)."),
    skip_existing: bool = typer.Option(False, "--skip-existing", help="Skip inputs whose output already exists (resume a stopped run)."),
    errors: str | None = typer.Option(None, "--errors", metavar="FILE", help="Write failed inputs (path, id, reason) as JSON Lines to FILE."),
    fail_fast: bool = typer.Option(False, "--fail-fast", help="Stop at the first failed input."),
    quiet: bool = typer.Option(False, "-q", "--quiet", help="No progress bar and no summary (errors are still shown)."),
    engine: str = typer.Option(LOCAL, "--engine", help="Where a batch runs: local (-j processes here) or dask (a Dask cluster; pip install 'wpclean[dask]')."),
    scheduler: str | None = typer.Option(
        None, "--scheduler", metavar="ADDRESS",
        help="With --engine dask: the scheduler, e.g. tcp://host:8786 (default: $DASK_SCHEDULER_ADDRESS, else a local cluster of -j processes).",
    ),  # fmt: skip
    partition_size: int | None = typer.Option(None, "--partition-size", min=1, metavar="N", help=f"With --engine dask and -o DIR: plans per JSON Lines partition (default {DEFAULT_PARTITION_SIZE})."),
) -> None:
    """Clean scraped work-plan pages and write their structured plans.

    \b
    Examples:
      wpclean page.txt -o plan.json                 one page, one plan file
      wpclean pages/ -o plans/                      a folder: plans/a/b.json for pages/a/b.txt
      find pages -name '*.txt' | wpclean --from-list - --jsonl > plans.jsonl
      wpclean --jsonl-in crawl.jsonl --id-field url --jsonl -o plans.jsonl
      wpclean s3://bucket/pages/ --engine dask --scheduler tcp://host:8786 -o plans/

    Exit codes: 0 all ok, 1 some inputs failed, 2 usage error, 130 interrupted (Ctrl-C).
    """
    options = _options(convert, encoding, keep_punct, max_bytes)
    if explain is not None:
        options = replace(options, explain=True)  # keep every change, with its offset
    fmt = _format(fmt, jsonl)
    _check_engine(engine, scheduler, partition_size, fmt)
    inputs = list(inputs or [])
    sources = Sources(tuple(inputs), from_list, jsonl_in, text_field, id_field, glob)
    if not _is_batch(sources) and engine == LOCAL:
        raise typer.Exit(run_single(inputs[0], output, options, explain, Single(fmt, errors, skip_existing)))
    from wpclean.batch.run import Batch, run_batch

    partitions = engine == DASK and fmt == "json"  # -o DIR on a cluster: JSON Lines partitions
    _check_batch(sources, output, fmt, skip_existing, partitions)
    settings = Settings(options, "jsonl" if engine == DASK else fmt, explain=explain is not None)
    cluster = _connect(scheduler, jobs or default_jobs(), settings, quiet) if engine == DASK else None
    batch = Batch(
        sources, settings, output, jobs or default_jobs(), skip_existing, fail_fast, quiet, errors, explain,
        runner=cluster.run_tasks if cluster else None,
        partition_size=(partition_size or DEFAULT_PARTITION_SIZE) if partitions else None,
    )  # fmt: skip
    try:
        code = run_batch(batch)
    except OutputError as error:
        raise fail(str(error), exit_codes.FAILED) from None
    finally:
        if cluster is not None:
            cluster.close()
    raise typer.Exit(code)


def _options(convert: str, encoding: str | None, keep_punct: bool, max_bytes: int) -> Options:
    try:
        return Options(convert=convert, encoding=encoding, keep_punct=keep_punct, max_bytes=max_bytes)  # type: ignore[arg-type]
    except ValueError as error:
        raise fail(f"{error}; see wpclean --help", exit_codes.USAGE) from None


def _format(fmt: str, jsonl: bool) -> str:
    if fmt not in FORMATS:
        raise fail(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}", exit_codes.USAGE)
    if jsonl and fmt not in ("json", "jsonl"):
        raise fail(f"--jsonl and --format {fmt} contradict each other; give one of them", exit_codes.USAGE)
    return "jsonl" if jsonl else fmt


def _check_engine(engine: str, scheduler: str | None, partition_size: int | None, fmt: str) -> None:
    """Refuse engine options that do not fit together, and --engine dask without Dask."""
    if engine not in (LOCAL, DASK):
        raise fail(f"--engine must be {LOCAL} or {DASK}, not {engine!r}", exit_codes.USAGE)
    if engine == LOCAL:
        for flag, value in (("--scheduler", scheduler), ("--partition-size", partition_size)):
            if value is not None:
                raise fail(f"{flag} applies to --engine dask; add --engine dask or drop {flag}", exit_codes.USAGE)
        return
    from wpclean.batch.dask_engine import INSTALL, dask_available

    if not dask_available():
        raise fail(f"--engine dask needs Dask, which is not installed: {INSTALL}", exit_codes.USAGE)
    if fmt not in ("json", "jsonl"):
        raise fail(f"--engine dask writes JSON Lines (-o DIR: partitions; --jsonl: one file); drop --format {fmt}", exit_codes.USAGE)
    if partition_size is not None and fmt == "jsonl":
        raise fail("--partition-size applies to -o DIR, but --jsonl writes one file; drop one of them", exit_codes.USAGE)


def _connect(scheduler: str | None, jobs: int, settings: Settings, quiet: bool):  # -> wpclean.batch.dask_engine.DaskEngine
    from wpclean.batch.dask_engine import EngineError, connect, scheduler_address

    try:
        return connect(scheduler_address(scheduler), jobs, settings, quiet)
    except EngineError as error:
        raise fail(str(error), exit_codes.USAGE) from None
    except KeyboardInterrupt:  # Ctrl-C while connecting: nothing was started or written
        raise typer.Exit(exit_codes.INTERRUPTED) from None


def _is_batch(sources: Sources) -> bool:
    """Several inputs, a folder, a list or JSON Lines make a batch; one file or - does not."""
    if sources.from_list is not None or sources.jsonl_in is not None:
        return True
    if not sources.paths:
        raise fail("give an INPUT (a file, a folder or -), --from-list FILE or --jsonl-in FILE; see wpclean process --help", exit_codes.USAGE)
    return len(sources.paths) > 1 or _is_folder(sources.paths[0])


def _is_folder(path: str) -> bool:
    from wpclean.fileio.remote import is_folder_url, is_url

    return is_folder_url(path) if is_url(path) else Path(path).is_dir()


def _check_batch(sources: Sources, output: str, fmt: str, skip_existing: bool, partitions: bool = False) -> None:
    """Refuse, with exit 2 and a message saying what to do, command lines whose
    meaning would be unclear or unsafe."""
    _check_stdin_once(sources)
    for name, flag in ((sources.from_list, "--from-list"), (sources.jsonl_in, "--jsonl-in")):
        if name not in (None, STDIN) and not Path(name).is_file():
            raise fail(f"{flag} {name} is not a file; check the path", exit_codes.USAGE)
    from wpclean.batch.outputs import streams

    if partitions:
        _check_partitions_output(sources, output, skip_existing)
    elif streams(fmt, output):
        _check_stream_output(output, skip_existing, fmt)
    else:
        _check_folder_output(sources, output, fmt)


def _check_stdin_once(sources: Sources) -> None:
    readers = [flag for flag, uses in (("INPUT -", STDIN in sources.paths), ("--from-list -", sources.from_list == STDIN), ("--jsonl-in -", sources.jsonl_in == STDIN)) if uses]
    if len(readers) > 1:
        raise fail(f"standard input can feed only one of {' and '.join(readers)}; put the other in a file", exit_codes.USAGE)


def _check_stream_output(output: str, skip_existing: bool, fmt: str) -> None:
    if output != STDOUT and Path(output).is_dir():
        raise fail(f"-o {output} is a folder, but --jsonl writes one file; name a file, or drop --jsonl for one plan per input", exit_codes.USAGE)
    if output == STDOUT and skip_existing:
        raise fail("--skip-existing needs an output to look at: add -o FILE (or -o DIR without --jsonl)", exit_codes.USAGE)
    if fmt != "jsonl" and skip_existing:
        raise fail(f"--skip-existing cannot resume a combined {fmt} file; use -o DIR (one file per input) or --jsonl", exit_codes.USAGE)


def _check_folder_output(sources: Sources, output: str, fmt: str) -> None:
    if output == STDOUT:
        raise fail("several inputs need -o DIR (one plan per input), --jsonl (one plan per line), or --format csv|md (one combined stream)", exit_codes.USAGE)
    if Path(output).exists() and not Path(output).is_dir():
        raise fail(f"-o {output} is a file, but several inputs need a folder; name a folder, or add --jsonl to write one file", exit_codes.USAGE)
    from wpclean.batch.outputs import EXTENSIONS

    _check_named_files_survive(sources, output, EXTENSIONS[fmt])
    for root in (path for path in sources.paths if Path(path).is_dir()):
        if _overlaps(root, output) and fnmatch(f"plan{EXTENSIONS[fmt]}", sources.glob):
            raise fail(f"-o {output} is inside input folder {root} and --glob {sources.glob!r} would read its plans as inputs; choose another -o or --glob", exit_codes.USAGE)


def _check_named_files_survive(sources: Sources, output: str, extension: str) -> None:
    """Refuse a run in which the plan of one named input file (an argument or a
    --from-list line) would replace another named input (``wpclean a.txt a.json -o .``).

    Only an input whose name ends in the output's extension can be replaced, so
    the common case (no such input) costs one pass over the names."""
    at_risk = {os.path.realpath(path) for path in _named_files(sources) if path.endswith(extension)}
    if not at_risk:
        return
    from wpclean.batch.discover import discover
    from wpclean.batch.sources import strip_suffix

    for found in discover(_named_files(sources), sources.glob):
        target = os.path.realpath(os.path.join(output, strip_suffix(found.relative) + extension))
        if target in at_risk and target != os.path.realpath(found.path):
            raise fail(f"the plan of {found.path} would replace input {target}; choose an -o folder apart from the inputs", exit_codes.USAGE)


def _named_files(sources: Sources) -> Iterator[str]:
    """The input files named one by one: arguments and the lines of a --from-list file."""
    from wpclean.batch.discover import read_path_list

    yield from (path for path in sources.paths if path != STDIN and Path(path).is_file())
    if sources.from_list not in (None, STDIN):
        with open(sources.from_list, encoding="utf-8", errors="replace") as lines:
            yield from (path for path in read_path_list(lines) if Path(path).is_file())


def _check_partitions_output(sources: Sources, output: str, skip_existing: bool) -> None:
    from wpclean.batch.partitions import existing_partitions, partition_name

    if output == STDOUT:
        raise fail("--engine dask needs -o DIR (JSON Lines partitions) or --jsonl (one JSON Lines file or stream)", exit_codes.USAGE)
    if Path(output).exists() and not Path(output).is_dir():
        raise fail(f"-o {output} is a file, but -o on a cluster names a folder of partitions; name a folder, or add --jsonl to write one file", exit_codes.USAGE)
    if existing_partitions(Path(output)) and not skip_existing:
        raise fail(f"-o {output} already holds partitions of an earlier run; add --skip-existing to resume it, or choose an empty folder", exit_codes.USAGE)
    for root in (path for path in sources.paths if Path(path).is_dir()):
        if _overlaps(root, output) and fnmatch(partition_name(0), sources.glob):
            raise fail(f"-o {output} is inside input folder {root} and --glob {sources.glob!r} would read its partitions as inputs; choose another -o or --glob", exit_codes.USAGE)


def _overlaps(root: str, output: str) -> bool:
    """Whether folder ``output`` is ``root`` or lies under it (or would, once created)."""
    real_root, real_out = os.path.realpath(root), os.path.realpath(output)
    return real_out == real_root or real_out.startswith(real_root.rstrip(os.sep) + os.sep)


@dataclass(frozen=True, slots=True)
class Single:
    """The options of a single run besides the cleaning options."""

    fmt: str = "json"
    errors: str | None = None
    skip_existing: bool = False


def run_single(source: str, output: str, options: Options, explain: str | None, single: Single = Single()) -> int:
    """Process one input into one output; return the exit code."""
    from wpclean.render.formats import render_parts
    from wpclean import process_bytes

    _check_single(source, output)
    if single.skip_existing and output != STDOUT and Path(output).exists():
        return exit_codes.OK
    try:
        # The bytes go straight to the library, which lets them go once decoded.
        result = process_bytes(_read_single(source, options.max_bytes), options, path=None if source == STDIN else source)
    except OSError as error:
        raise _failed(single, source, f"cannot read it: {error.strerror or error}; check its permissions") from None
    except WpcleanError as error:
        raise _failed(single, source, str(error)) from None
    _log_failure(single.errors, source, None)
    if explain is not None:
        _write_explanation(changes_jsonl(result.cleaned.changes), explain)
    plan = result.plan
    del result  # the cleaned text is not needed to render: a large document's peak memory
    try:
        parts = render_parts(plan, single.fmt)  # validated before anything is written
    except WpcleanError as error:
        raise _failed(single, source, str(error)) from None
    _emit(parts, output)
    return exit_codes.OK


def _read_single(source: str, max_bytes: int) -> bytes:
    from wpclean.fileio.remote import is_url, read_url

    return read_url(source, max_bytes) if is_url(source) else read_input(source)


def _check_single(source: str, output: str) -> None:
    from wpclean.fileio.remote import is_url

    if source != STDIN and not is_url(source) and not Path(source).exists():
        raise fail(f"input {source} does not exist; check the path", exit_codes.USAGE)
    if output != STDOUT and Path(output).is_dir():
        raise fail(f"-o {output} is a folder; with one input -o names the plan file (e.g. -o {Path(output) / 'plan.json'})", exit_codes.USAGE)
    if output != STDOUT and same_file(source, output):
        raise fail(f"output {output} is the input; choose another -o path", exit_codes.USAGE)


def _failed(single: Single, source: str, reason: str) -> typer.Exit:
    _log_failure(single.errors, source, reason)
    return fail(f"{source}: {reason}", exit_codes.FAILED)


def _log_failure(errors: str | None, source: str, reason: str | None) -> None:
    """``--errors FILE`` for a single run: the failure as one JSON line, or empty."""
    if errors is None:
        return
    line = json.dumps({"path": source, "id": None, "reason": reason}, ensure_ascii=False) + "\n" if reason else ""
    try:
        write_atomic(Path(errors), line.encode("utf-8"))
    except OutputError as error:
        raise fail(str(error), exit_codes.FAILED) from None


def _write_explanation(log: str, target: str) -> None:
    if target == "-":
        sys.stderr.write(log)
        return
    try:
        write_atomic(Path(target), log.encode("utf-8"))
    except OutputError as error:
        raise fail(str(error), exit_codes.FAILED) from None


def _emit(parts: Iterable[bytes], output: str) -> None:
    if output == STDOUT:
        sys.stdout.buffer.writelines(parts)
        sys.stdout.flush()
        return
    try:
        write_atomic(Path(output), parts)
    except OutputError as error:
        raise fail(str(error), exit_codes.FAILED) from None
