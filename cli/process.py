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
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import typer

from wpclean.batch.sources import STDIN, Sources, read_once
from wpclean.batch.tasks import Settings
from wpclean.cli import exit_codes
from wpclean.cli.exit_codes import fail
from wpclean.cli.options import (
    DEFAULTS,
    Convert,
    DecodeErrors,
    Encoding,
    InputFormat,
    KeepPunct,
    MaxBytes,
    cleaning_options,
)
from wpclean.errors import WpcleanError
from wpclean.fileio.apart import check_apart, inside
from wpclean.fileio.discover import DEFAULT_GLOB
from wpclean.fileio.pipes import silence, stdout_closing_quietly
from wpclean.fileio.reading import STDIO, read_input
from wpclean.fileio.writing import OutputError, write_file
from wpclean.options import Options
from wpclean.render.formats import FORMATS, changes_jsonl

STDOUT = STDIO
FOLDER_MARKS = tuple({"/", os.sep})  # -o ending in one of these names a folder
LOCAL, DASK = "local", "dask"
DEFAULT_PARTITION_SIZE = 1000


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def process_command(
    inputs: list[str] = typer.Argument(
        None,
        metavar="INPUT",
        help="Text files, folders (walked recursively), or - for standard input.",
        show_default=False,
    ),
    output: str = typer.Option(
        STDOUT,
        "-o",
        "--output",
        metavar="PATH",
        help="One input: the plan file (- is stdout), in the format its suffix names; DIR/ puts it in a folder. "
        "Several: a folder (one plan per input), or one .jsonl, .csv or .md file.",
    ),
    fmt: str | None = typer.Option(
        None,
        "--format",
        metavar="FORMAT",
        help=f"Output format: {'|'.join(FORMATS)} (default: from -o's suffix, else json).",
    ),
    jsonl: bool = typer.Option(False, "--jsonl", help="Same as --format jsonl: one plan per line."),
    convert: Convert = DEFAULTS["convert"],
    encoding: Encoding = DEFAULTS["encoding"],
    keep_punct: KeepPunct = DEFAULTS["keep_punct"],
    input_format: InputFormat = DEFAULTS["input_format"],
    explain: bool = typer.Option(
        False, "--explain", help="Write every change as JSON Lines to stderr (takes no value: see --explain-to)."
    ),
    explain_to: str | None = typer.Option(
        None, "--explain-to", metavar="FILE", help="Write every change as JSON Lines to FILE (- is stderr)."
    ),
    max_bytes: MaxBytes = DEFAULTS["max_bytes"],
    decode_errors: DecodeErrors = DEFAULTS["decode_errors"],
    from_list: str | None = typer.Option(
        None, "--from-list", metavar="FILE", help="Also read input paths, one per line, from FILE (- is stdin)."
    ),
    jsonl_in: str | None = typer.Option(
        None, "--jsonl-in", metavar="FILE", help="Also read documents from a JSON Lines file (- is stdin)."
    ),
    csv_in: str | None = typer.Option(
        None, "--csv-in", metavar="FILE", help="Also read documents from a CSV file with a header row (- is stdin)."
    ),
    text_field: str = typer.Option(
        "text", "--text-field", metavar="NAME", help="With --jsonl-in/--csv-in: the field holding the page's text."
    ),
    html_field: str | None = typer.Option(
        None, "--html-field", metavar="NAME", help="With --jsonl-in/--csv-in: the field holding the page's raw HTML."
    ),
    id_field: str | None = typer.Option(
        None,
        "--id-field",
        metavar="NAME",
        help="With --jsonl-in/--csv-in: the field holding the document's id (kept in the plan).",
    ),
    glob: str = typer.Option(DEFAULT_GLOB, "--glob", metavar="PATTERN", help="Which files to take from folders."),
    jobs: int | None = typer.Option(
        None, "-j", "--jobs", metavar="N", min=1, help="Worker processes (default: one per core; 1 runs in-process)."
    ),
    skip_existing: bool = typer.Option(
        False, "--skip-existing", help="Skip inputs whose output already exists (resume a stopped run)."
    ),
    errors: str | None = typer.Option(
        None, "--errors", metavar="FILE", help="Write failed inputs (path, id, reason) as JSON Lines to FILE."
    ),
    fail_fast: bool = typer.Option(False, "--fail-fast", help="Stop at the first failed input."),
    quiet: bool = typer.Option(False, "-q", "--quiet", help="No progress bar and no summary (errors are still shown)."),
    engine: str = typer.Option(
        LOCAL,
        "--engine",
        metavar="local|dask",
        help="Where a batch runs: local (-j processes here) or dask (a Dask cluster; pip install 'wpclean[dask]').",
    ),
    scheduler: str | None = typer.Option(
        None,
        "--scheduler",
        metavar="ADDRESS",
        help="With --engine dask: the scheduler, e.g. tcp://host:8786 (default: $DASK_SCHEDULER_ADDRESS, else a local cluster of -j processes).",
    ),
    connect_timeout: float | None = typer.Option(
        None,
        "--connect-timeout",
        metavar="SECONDS",
        min=0.1,
        help="With --engine dask and --scheduler: how long to try to reach the scheduler (default 10).",
    ),
    partition_size: int | None = typer.Option(
        None,
        "--partition-size",
        min=1,
        metavar="N",
        help=f"With --engine dask and -o DIR: plans per JSON Lines partition (default {DEFAULT_PARTITION_SIZE}).",
    ),
) -> None:
    """Clean scraped work-plan pages and write their structured plans.

    \b
    Examples:
      wpclean page.txt -o plan.json                 one page, one plan file
      wpclean pages/ -o plans/                      a folder: plans/a/b.json for pages/a/b.txt
      find pages -name '*.txt' | wpclean --from-list - --jsonl > plans.jsonl
      wpclean --jsonl-in crawl.jsonl --id-field url --jsonl -o plans.jsonl
      wpclean s3://bucket/pages/ --engine dask --scheduler tcp://host:8786 -o plans/

    Exit codes: 0 all ok, 1 some inputs failed, 2 usage error or no inputs found, 130 Ctrl-C, 143 SIGTERM, 129 SIGHUP.
    """
    options = cleaning_options(
        "wpclean",
        convert=convert,
        encoding=encoding,
        keep_punct=keep_punct,
        max_bytes=max_bytes,
        decode_errors=decode_errors,
        input_format=input_format,
    )
    explain = _explain_target(explain, explain_to)  # None, - (stderr) or a file
    if explain is not None:
        options = replace(options, explain=True)  # keep every change, with its offset
    fmt = _format(fmt, jsonl, output)
    _check_engine(engine, scheduler, partition_size, fmt, connect_timeout)
    inputs = list(inputs or [])
    sources = Sources(tuple(inputs), from_list, jsonl_in, text_field, id_field, glob, csv_in, html_field)
    _check_stdout(output)
    _check_written_apart(sources, output, fmt, errors, explain, engine == DASK and fmt == "json")
    if not _is_batch(sources, output) and engine == LOCAL:
        raise typer.Exit(
            _run_single_stoppably(inputs[0], output, options, explain, Single(fmt, errors, skip_existing, quiet))
        )
    from wpclean.batch.run import Batch, run_batch

    partitions = engine == DASK and fmt == "json"  # -o DIR on a cluster: JSON Lines partitions
    _check_batch(sources, output, fmt, skip_existing, partitions)
    settings = Settings(options, "jsonl" if engine == DASK else fmt, explain=explain is not None)
    workers = capped_jobs(sources, jobs, options.max_bytes, quiet) if engine == LOCAL else jobs or default_jobs()
    cluster = _connect(scheduler, workers, settings, quiet, connect_timeout) if engine == DASK else None
    batch = Batch(
        sources,
        settings,
        output,
        workers,
        skip_existing,
        fail_fast,
        quiet,
        errors,
        explain,
        runner=cluster.run_tasks if cluster else None,
        partition_size=(partition_size or DEFAULT_PARTITION_SIZE) if partitions else None,
    )
    try:
        report = run_batch(batch)
    except OutputError as error:
        raise fail(str(error), exit_codes.FAILED) from None
    finally:
        if cluster is not None:
            cluster.close()
    code = exit_codes.exit_code(
        report.failures, interrupted=report.interrupted, signal=report.signal, usage_error=report.no_inputs
    )
    raise typer.Exit(code)


def _explain_target(explain: bool, explain_to: str | None) -> str | None:
    """Where the change log goes: ``--explain`` (a flag: stderr) or ``--explain-to FILE``.
    Neither takes an optional value, so neither can swallow an input path."""
    if explain and explain_to is not None:
        raise fail(
            "--explain (to stderr) and --explain-to FILE contradict each other; give one of them", exit_codes.USAGE
        )
    return STDOUT if explain else explain_to


def _check_stdout(output: str) -> None:
    if output == STDOUT and sys.stdout is None:  # run with >&-
        raise fail("standard output is closed; give -o FILE, or run without >&-", exit_codes.USAGE)


def _check_written_apart(
    sources: Sources, output: str, fmt: str, errors: str | None, explain: str | None, partitions: bool
) -> None:
    """Refuse (exit 2), before anything is read, a file this run writes that is
    an input or another file it writes (see :mod:`wpclean.fileio.apart`)."""
    from wpclean.batch.outputs import EXTENSIONS, streams
    from wpclean.fileio.remote import is_url

    local = [path for path in sources.paths if path != STDIN and not is_url(path)]
    folders = [path for path in local if Path(path).is_dir()]
    named = [path for path in local if path not in folders]
    batch = (
        len(sources.paths) > 1
        or folders
        or sources.from_list
        or sources.jsonl_in
        or (sources.paths and is_url(sources.paths[0]))
    )
    one_file = not batch or (not partitions and streams(fmt, output))
    written = {"-o": output if one_file else None, "--errors": errors, "--explain-to": explain}
    try:
        check_apart(
            written,
            inputs=[*named, *(name for name in (sources.from_list, sources.jsonl_in) if name not in (None, STDIN))],
            folders=folders,
            glob=sources.glob,
            plan_folder=None if one_file or output == STDOUT else (output, EXTENSIONS[fmt]),
        )
    except OutputError as error:
        raise fail(str(error), exit_codes.USAGE) from None


def capped_jobs(sources: Sources, jobs: int | None, max_bytes: int, quiet: bool) -> int:
    """Worker processes for a local batch: -j (default one per core), but never
    more than there are inputs -- each worker costs a start-up, and idle ones
    only slow a small batch down.  Counting stops at -j; inputs on standard
    input (it can be read only once) and URLs (listing them costs a round trip) are not counted."""
    from wpclean.fileio.remote import is_url

    wanted = jobs or default_jobs()
    if wanted == 1 or STDIN in sources.paths or read_once(sources.from_list) or read_once(sources.jsonl_in):
        return wanted
    if any(map(is_url, sources.paths)):
        return wanted
    from itertools import islice

    from wpclean.batch.sources import tasks

    found = sum(1 for _ in islice(tasks(sources, max_bytes), wanted))
    if found >= wanted or found == 0:
        return wanted
    if jobs is not None and not quiet:
        sys.stderr.write(f"wpclean: -j {jobs} capped at {found}, the number of inputs\n")
    return found


def suffix_format(output: str) -> str | None:
    """The format ``-o``'s suffix names (any case), if it names one; none for
    standard output or a folder (a trailing slash).

    >>> suffix_format("plan.MD"), suffix_format("all.jsonl"), suffix_format("plans/"), suffix_format("plan.txt")
    ('md', 'jsonl', None, None)
    """
    if output == STDOUT or output.endswith(FOLDER_MARKS):
        return None
    suffix = os.path.splitext(output)[1].lower()
    return next((name for name in FORMATS if f".{name}" == suffix), None)


def names_folder(output: str) -> bool:
    """``-o DIR/``: a trailing slash says the output is a folder, existing or not."""
    return output != STDOUT and output.endswith(FOLDER_MARKS)


def _format(fmt: str | None, jsonl: bool, output: str = STDOUT) -> str:
    """The output format: --format or --jsonl when given, else -o's suffix, else JSON."""
    if fmt is None:
        return "jsonl" if jsonl else suffix_format(output) or "json"
    if fmt not in FORMATS:
        raise fail(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}", exit_codes.USAGE)
    if jsonl and fmt not in ("json", "jsonl"):
        raise fail(f"--jsonl and --format {fmt} contradict each other; give one of them", exit_codes.USAGE)
    return "jsonl" if jsonl else fmt


def _check_engine(
    engine: str, scheduler: str | None, partition_size: int | None, fmt: str, timeout: float | None = None
) -> None:
    """Refuse engine options that do not fit together, and --engine dask without Dask."""
    if engine not in (LOCAL, DASK):
        raise fail(f"--engine must be {LOCAL} or {DASK}, not {engine!r}", exit_codes.USAGE)
    if engine == LOCAL:
        dask_only = (("--scheduler", scheduler), ("--partition-size", partition_size), ("--connect-timeout", timeout))
        for flag, value in dask_only:
            if value is not None:
                raise fail(f"{flag} applies to --engine dask; add --engine dask or drop {flag}", exit_codes.USAGE)
        return
    from wpclean.batch.dask_engine import INSTALL, dask_available

    if not dask_available():
        raise fail(f"--engine dask needs Dask, which is not installed: {INSTALL}", exit_codes.USAGE)
    if fmt not in ("json", "jsonl"):
        raise fail(
            f"--engine dask writes JSON Lines (-o DIR: partitions; --jsonl: one file); drop --format {fmt}",
            exit_codes.USAGE,
        )
    if partition_size is not None and fmt == "jsonl":
        raise fail(
            "--partition-size applies to -o DIR, but --jsonl writes one file; drop one of them", exit_codes.USAGE
        )


def _connect(
    scheduler: str | None, jobs: int, settings: Settings, quiet: bool, timeout: float | None = None
):  # DaskEngine
    from wpclean.batch.dask_engine import CONNECT_TIMEOUT, EngineError, connect, scheduler_address

    try:
        return connect(scheduler_address(scheduler), jobs, settings, quiet, timeout=timeout or CONNECT_TIMEOUT)
    except EngineError as error:
        raise fail(str(error), exit_codes.USAGE) from None
    except KeyboardInterrupt:  # Ctrl-C while connecting: nothing was started or written
        raise typer.Exit(exit_codes.INTERRUPTED) from None


def _is_batch(sources: Sources, output: str = STDOUT) -> bool:
    """Several inputs, a folder, a list or JSON Lines make a batch; one file or -
    does not, unless ``-o DIR/`` asks for its plan inside a folder."""
    if sources.from_list is not None or sources.jsonl_in is not None or sources.csv_in is not None:
        return True
    if not sources.paths:
        raise fail(
            "give an INPUT (a file, a folder or -), --from-list FILE, --jsonl-in FILE or --csv-in FILE; see wpclean --help"
        )
    return len(sources.paths) > 1 or _is_folder(sources.paths[0]) or names_folder(output)


def _is_folder(path: str) -> bool:
    from wpclean.fileio.remote import is_folder_url, is_url

    return is_folder_url(path) if is_url(path) else Path(path).is_dir()


def _check_batch(sources: Sources, output: str, fmt: str, skip_existing: bool, partitions: bool = False) -> None:
    """Refuse, with exit 2 and a message saying what to do, command lines whose
    meaning would be unclear or unsafe."""
    _check_stdin_once(sources)
    for name, flag in (
        (sources.from_list, "--from-list"),
        (sources.jsonl_in, "--jsonl-in"),
        (sources.csv_in, "--csv-in"),
    ):
        if name not in (None, STDIN) and not _readable_stream(name):
            raise fail(f"{flag} {name} is not a file; check the path", exit_codes.USAGE)
    _check_dumps(sources)
    from wpclean.batch.outputs import streams

    if not streams(fmt, output):
        _check_named_like_a_file(output, fmt)
    if partitions:
        _check_partitions_output(sources, output, skip_existing)
    elif streams(fmt, output):
        _check_stream_output(output, skip_existing, fmt)
    else:
        _check_folder_output(sources, output, fmt)


def _check_named_like_a_file(output: str, fmt: str) -> None:
    """Refuse a folder output spelled like a plan file (``-o all.json``): write
    ``-o all/`` for a folder, or a suffix that combines plans into one file."""
    named = suffix_format(output)
    if named is None or Path(output).is_dir():
        return
    folder = os.path.splitext(output)[0] + "/"
    if fmt == "json":
        combined = f"or one file of JSON Lines with -o {os.path.splitext(output)[0]}.jsonl"
    else:
        combined = f"or one combined {fmt} file by naming it with a .{fmt} suffix"
    raise fail(
        f"-o {output} names a .{named} file, but this batch writes one {fmt} plan per input into a folder; "
        f"write -o {folder} for a folder, {combined}",
        exit_codes.USAGE,
    )


def _readable_stream(name: str) -> bool:
    """A file, or something else that reads like one: a pipe (``<(find …)`` is
    ``/dev/fd/N``) or a FIFO, but not a folder or a missing path."""
    return os.path.exists(name) and not os.path.isdir(name)


def _check_dumps(sources: Sources) -> None:
    from wpclean.batch.sources import DumpError, check_dump

    for name, flag in ((sources.jsonl_in, "--jsonl-in"), (sources.csv_in, "--csv-in")):
        try:
            if name is not None:
                check_dump(name)
        except DumpError as error:
            raise fail(f"{flag} {name}: {error}", exit_codes.USAGE) from None


def _check_stdin_once(sources: Sources) -> None:
    if sources.paths.count(STDIN) > 1:
        raise fail("- (standard input) is named more than once; it can be read once only", exit_codes.USAGE)
    uses = (
        ("INPUT -", STDIN in sources.paths),
        ("--from-list -", sources.from_list == STDIN),
        ("--jsonl-in -", sources.jsonl_in == STDIN),
        ("--csv-in -", sources.csv_in == STDIN),
    )
    readers = [flag for flag, used in uses if used]
    if len(readers) > 1:
        raise fail(
            f"standard input can feed only one of {' and '.join(readers)}; put the other in a file", exit_codes.USAGE
        )


def _check_stream_output(output: str, skip_existing: bool, fmt: str) -> None:
    if output != STDOUT and Path(output).is_dir():
        raise fail(
            f"-o {output} is a folder, but --jsonl writes one file; name a file, or drop --jsonl for one plan per input",
            exit_codes.USAGE,
        )
    if output == STDOUT and skip_existing:
        raise fail(
            "--skip-existing needs an output to look at: add -o FILE (or -o DIR without --jsonl)", exit_codes.USAGE
        )
    if fmt != "jsonl" and skip_existing:
        raise fail(
            f"--skip-existing cannot resume a combined {fmt} file; use -o DIR (one file per input) or --jsonl",
            exit_codes.USAGE,
        )


def _check_folder_output(sources: Sources, output: str, fmt: str) -> None:
    if output == STDOUT:
        raise fail(
            "several inputs need -o DIR (one plan per input), --jsonl (one plan per line), or --format csv|md (one combined stream)",
            exit_codes.USAGE,
        )
    if Path(output).exists() and not Path(output).is_dir():
        raise fail(
            f"-o {output} is a file, but several inputs need a folder; name a folder, or add --jsonl to write one file",
            exit_codes.USAGE,
        )
    from wpclean.batch.outputs import EXTENSIONS

    _check_named_files_survive(sources, output, EXTENSIONS[fmt])
    for root in (path for path in sources.paths if Path(path).is_dir()):
        if _overlaps(root, output) and glob_may_take(sources.glob, EXTENSIONS[fmt]):
            raise fail(
                f"-o {output} is inside input folder {root} and --glob {sources.glob!r} would read its plans as inputs; choose another -o or --glob",
                exit_codes.USAGE,
            )


def _check_named_files_survive(sources: Sources, output: str, extension: str) -> None:
    """Refuse a run in which the plan of one named input file (an argument or a
    --from-list line) would replace another named input (``wpclean a.txt a.json -o .``).

    Only an input whose name ends in the output's extension can be replaced, so
    the common case (no such input) costs one pass over the names."""
    at_risk = {os.path.realpath(path) for path in _named_files(sources) if path.endswith(extension)}
    if not at_risk:
        return
    from wpclean.batch.sources import strip_suffix
    from wpclean.fileio.discover import discover

    for found in discover(_named_files(sources), sources.glob):
        target = os.path.realpath(os.path.join(output, strip_suffix(found.relative) + extension))
        if target in at_risk and target != os.path.realpath(found.path):
            raise fail(
                f"the plan of {found.path} would replace input {target}; choose an -o folder apart from the inputs",
                exit_codes.USAGE,
            )


def _named_files(sources: Sources) -> Iterator[str]:
    """The input files named one by one: arguments and the lines of a --from-list file."""
    from wpclean.fileio.discover import read_path_list

    yield from (path for path in sources.paths if path != STDIN and Path(path).is_file())
    if not read_once(sources.from_list) and sources.from_list is not None:
        with open(sources.from_list, encoding="utf-8", errors="replace") as lines:
            yield from (path for path in read_path_list(lines) if Path(path).is_file())


def _check_partitions_output(sources: Sources, output: str, skip_existing: bool) -> None:
    from wpclean.batch.partitions import existing_partitions, partition_name

    if output == STDOUT:
        raise fail(
            "--engine dask needs -o DIR (JSON Lines partitions) or --jsonl (one JSON Lines file or stream)",
            exit_codes.USAGE,
        )
    if Path(output).exists() and not Path(output).is_dir():
        raise fail(
            f"-o {output} is a file, but -o on a cluster names a folder of partitions; name a folder, or add --jsonl to write one file",
            exit_codes.USAGE,
        )
    if existing_partitions(Path(output)) and not skip_existing:
        raise fail(
            f"-o {output} already holds partitions of an earlier run; add --skip-existing to resume it, or choose an empty folder",
            exit_codes.USAGE,
        )
    for root in (path for path in sources.paths if Path(path).is_dir()):
        if _overlaps(root, output) and glob_may_take(sources.glob, Path(partition_name(0)).suffix):
            raise fail(
                f"-o {output} is inside input folder {root} and --glob {sources.glob!r} would read its partitions as inputs; choose another -o or --glob",
                exit_codes.USAGE,
            )


def glob_may_take(glob: str, extension: str) -> bool:
    """Whether ``--glob`` can match some file name ending in ``extension`` (a
    plan the run writes): unless the glob ends in literal characters that no
    such name can end in, it may (``a*`` takes ``a.json``; ``*.txt`` never does).

    >>> glob_may_take("*.txt", ".json"), glob_may_take("a*", ".json"), glob_may_take("*.json", ".json"), glob_may_take("*n", ".json")
    (False, True, True, True)
    """
    tail = re.split(r"[*?\]]", glob)[-1]  # the literal end after the last wildcard
    return not tail or extension.endswith(tail) or tail.endswith(extension)


def _overlaps(root: str, output: str) -> bool:
    """Whether folder ``output`` is ``root`` or lies under it (or would, once created)."""
    return os.path.realpath(output) == os.path.realpath(root) or inside(output, root)


@dataclass(frozen=True, slots=True)
class Single:
    """The options of a single run besides the cleaning options."""

    fmt: str = "json"
    errors: str | None = None
    skip_existing: bool = False
    quiet: bool = False  # no "wrote plan.json: …" line


def _run_single_stoppably(source: str, output: str, options: Options, explain: str | None, single: Single) -> int:
    """:func:`run_single`, stopped by Ctrl-C, SIGTERM or SIGHUP without a
    traceback or a temporary file: exit 128 + the signal's number."""
    from wpclean.batch.stopping import interrupted_exit_code, stopped_by_signals

    try:
        with stopped_by_signals():
            return run_single(source, output, options, explain, single)
    except KeyboardInterrupt as error:
        sys.stderr.write("wpclean: interrupted; the plan was not written\n")
        return interrupted_exit_code(error)


def run_single(source: str, output: str, options: Options, explain: str | None, single: Single = Single()) -> int:
    """Process one input into one output; return the exit code."""
    import wpclean.document  # noqa: F401 - the pipeline's modules, imported before the heap is frozen
    from wpclean.batch.tasks import frozen_heap

    with frozen_heap():  # what start-up built stays out of the collector's passes (a large document's full ones)
        return _run_single(source, output, options, explain, single)


def _run_single(source: str, output: str, options: Options, explain: str | None, single: Single) -> int:
    from wpclean import process_bytes
    from wpclean.render.formats import render_parts

    _check_single(source, output)
    if single.skip_existing and output != STDOUT and Path(output).exists():
        return exit_codes.OK
    try:
        # The bytes go straight to the library, which lets them go once decoded.
        from wpclean.batch.tasks import visible

        result = process_bytes(
            read_input(source, options.max_bytes), options, path=None if source == STDIN else visible(source)
        )
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
    if output != STDOUT and not single.quiet:
        sys.stderr.write(f"wpclean: {wrote_line(output, plan)}\n")
    return exit_codes.OK


def wrote_line(output: str, plan) -> str:  # plan: wpclean.schemas.Plan
    """What a single run says on stderr once its plan file is written.

    >>> from wpclean import process_text
    >>> wrote_line("plan.json", process_text("工作要点\\n一、总体要求\\n（一）加强领导。").plan)
    'wrote plan.json: 2 sections, 0 items, no warnings'
    """
    from wpclean.cli.show import plan_counts

    return f"wrote {output}: {plan_counts(plan, ', ')}"


def _check_single(source: str, output: str) -> None:
    from wpclean.fileio.remote import is_url

    if source != STDIN and not is_url(source) and not Path(source).exists():
        raise fail(f"input {source} {_missing(source)}; check the path", exit_codes.USAGE)
    if output != STDOUT and Path(output).is_dir():
        example = Path(output) / "plan.json"
        raise fail(
            f"-o {output} is a folder; with one input -o names the plan file (e.g. -o {example}), "
            f"or write -o {output.rstrip(os.sep)}/ to put the plan in the folder",
            exit_codes.USAGE,
        )


def _missing(source: str) -> str:
    """Why an input that is not there is not: a link loop, a broken link, or nothing at all."""
    import errno

    try:
        os.stat(source)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "is a loop of symbolic links"
        if os.path.lexists(source):
            return "is a broken symbolic link (what it points to does not exist)"
    return "does not exist"


def _failed(single: Single, source: str, reason: str) -> typer.Exit:
    _log_failure(single.errors, source, reason)
    return fail(f"{source}: {reason}", exit_codes.FAILED)


def _log_failure(errors: str | None, source: str, reason: str | None) -> None:
    """``--errors FILE`` for a single run: the failure as one JSON line, or empty."""
    if errors is None:
        return
    line = json.dumps({"path": source, "id": None, "reason": reason}, ensure_ascii=False) + "\n" if reason else ""
    try:
        write_file(errors, line.encode("utf-8", "backslashreplace"))
    except OutputError as error:
        raise fail(str(error), exit_codes.FAILED) from None


def _write_explanation(log: str, target: str) -> None:
    if target == "-":
        sys.stderr.write(log)
        return
    try:
        write_file(target, log.encode("utf-8", "backslashreplace"))
    except OutputError as error:
        raise fail(str(error), exit_codes.FAILED) from None


def _emit(parts: Iterable[bytes], output: str) -> None:
    if output == STDOUT:
        with stdout_closing_quietly():  # | head: output ends quietly, the verdict stays
            try:
                sys.stdout.buffer.writelines(parts)
                sys.stdout.flush()
            except BrokenPipeError:
                raise
            except OSError as error:  # a full disk (/dev/full)
                from wpclean.fileio.writing import reason

                silence(sys.stdout)
                raise fail(f"cannot write standard output: {reason(error)}", exit_codes.FAILED) from None
        return
    try:
        write_file(output, parts)
    except OutputError as error:
        raise fail(str(error), exit_codes.FAILED) from None
