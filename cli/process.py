"""The main job: ``wpclean INPUT [-o OUTPUT]``."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import typer

from wpclean.cleaner.errors import WpcleanError
from wpclean.cleaner.options import CONVERT_CONFIGS, DEFAULT_MAX_BYTES, Options
from wpclean.cli import exit_codes
from wpclean.cli.files import OutputError, read_input, same_file, write_atomic
from wpclean.cli.render import changes_jsonl, plan_json


def fail(message: str, code: int) -> typer.Exit:
    """Print one line on stderr and return the Exit to raise."""
    sys.stderr.write(f"wpclean: error: {message}\n")
    return typer.Exit(code)


def process_command(
    inputs: list[str] = typer.Argument(..., metavar="INPUT", help="A page's text file, or - for standard input."),
    output: str = typer.Option("-", "-o", "--output", help="Where to write the plan; - (the default) is standard output."),
    convert: str = typer.Option("t2s", "--convert", help=f"OpenCC conversion: {'|'.join(CONVERT_CONFIGS)}."),
    encoding: str | None = typer.Option(None, "--encoding", help="Force the input encoding (e.g. gb18030) instead of detecting it."),
    keep_punct: bool = typer.Option(False, "--keep-punct", help="Keep ASCII punctuation as it is."),
    explain: str | None = typer.Option(
        None, "--explain", metavar="[FILE]",
        help="Write every change as JSON Lines to FILE, or to stderr when no FILE follows (or FILE is -).",
    ),  # fmt: skip
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", help="Refuse inputs larger than this many bytes."),
) -> None:
    """Clean a scraped work-plan page and write its structured plan as JSON.

    Example:  wpclean page.txt -o plan.json
    """
    options = _options(convert, encoding, keep_punct, max_bytes)
    if len(inputs) != 1:
        raise fail("give one INPUT (batch processing of several is not available yet)", exit_codes.USAGE)
    if explain is not None:
        options = replace(options, explain=True)
    raise typer.Exit(run_single(inputs[0], output, options, explain))


def _options(convert: str, encoding: str | None, keep_punct: bool, max_bytes: int) -> Options:
    try:
        return Options(convert=convert, encoding=encoding, keep_punct=keep_punct, max_bytes=max_bytes)  # type: ignore[arg-type]
    except ValueError as error:
        raise fail(f"{error}; see wpclean --help", exit_codes.USAGE) from None


def run_single(source: str, output: str, options: Options, explain: str | None) -> int:
    """Process one input into one output; return the exit code."""
    from wpclean.parser import process_bytes

    if source != "-" and not Path(source).exists():
        raise fail(f"input {source} does not exist; check the path", exit_codes.USAGE)
    if source != "-" and Path(source).is_dir():
        raise fail(f"input {source} is a folder; pass a file (batch runs over folders are not available yet)", exit_codes.USAGE)
    if output != "-" and same_file(source, output):
        raise fail(f"output {output} is the input; choose another -o path", exit_codes.USAGE)
    try:
        data = read_input(source)
    except OSError as error:
        raise fail(f"cannot read {source}: {error.strerror}; check its permissions", exit_codes.FAILED) from None
    try:
        result = process_bytes(data, options, path=None if source == "-" else source)
    except WpcleanError as error:
        raise fail(f"{source}: {error}", exit_codes.FAILED) from None
    if explain is not None:
        _write_explanation(changes_jsonl(result.cleaned.changes), explain)
    _emit(plan_json(result.plan), output)
    return exit_codes.OK


def _write_explanation(log: str, target: str) -> None:
    if target == "-":
        sys.stderr.write(log)
        return
    try:
        write_atomic(Path(target), log.encode("utf-8"))
    except OutputError as error:
        raise fail(str(error), exit_codes.FAILED) from None


def _emit(data: bytes, output: str) -> None:
    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    try:
        write_atomic(Path(output), data)
    except OutputError as error:
        raise fail(str(error), exit_codes.FAILED) from None
