"""The ``wpclean`` command line: the main job plus subcommands.

``wpclean INPUT…`` is the main job, and ``wpclean --help`` (or ``-h``) lists
its options.  A first argument equal to a subcommand's name (``check``,
``schema``, ``show``) runs that subcommand; ``wpclean ./check`` processes a
file named ``check``.  The main job's internal command name, ``process``, is
hidden: a file named ``process`` is an input like any other.

Usage errors (an unknown option, a missing value, a mistyped subcommand) are
one ``wpclean: error: …`` line saying what to do, with exit code 2.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterable
from difflib import get_close_matches
from importlib import import_module

import typer
from typer._click.exceptions import NoSuchOption, UsageError  # typer's own (vendored) click: what its parsers raise
from typer.core import TyperCommand, TyperGroup

from wpclean.cli import exit_codes
from wpclean.cli.exit_codes import fail

MAIN_JOB = "process"  # hidden: what a first argument that names no subcommand runs
HELP_FLAGS = ["-h", "--help"]
_TOP_LEVEL_FLAGS = {*HELP_FLAGS, "--version"}
# Subcommand → (module, function).  A run imports only the one it uses: the
# main job on one page should not pay for check's, show's or schema's imports.
SUBCOMMANDS = {
    "check": ("wpclean.cli.check", "check_command"),
    "schema": ("wpclean.cli.schema_cmd", "schema_command"),
    "show": ("wpclean.cli.show", "show_command"),
}
SHORT_HELP = {  # the Commands list of the top-level help (their docstrings' first lines are too long for it)
    "check": "Check pages against golden plans and invariants (for CI).",
    "schema": "Print the plan's JSON Schema.",
    "show": "Show a plan (or a page's) as a tree.",
}
TYPO_CUTOFF = 0.6  # difflib similarity above which a first argument is taken for a mistyped subcommand
SHORT_USAGE = (
    "Usage: wpclean [OPTIONS] INPUT...   or   wpclean check|show|schema [ARGS]...\nTry 'wpclean --help' for help.\n"
)
_TYPE_PLACEHOLDER = re.compile(r" <[^<>]*>")  # typer's " <str>", " <list[str]>" after a name without a metavar

HELP = """Clean scraped Chinese work-plan pages into simplified text and a structured JSON plan.

\b
Main job (the default command):
  wpclean page.txt -o plan.json      clean one page, write its plan
  wpclean page.txt -o plan.md        the format follows a known suffix (.json .jsonl .md .csv)
  cat page.txt | wpclean -           read standard input, plan to stdout
  wpclean pages/ -o plans/ -j 2      a batch: one plan per page, in parallel
  wpclean pages/ --jsonl > all.jsonl a batch as JSON Lines (or --format csv|md)
  find pages -name '*.txt' | wpclean --from-list - -o plans/
  wpclean --jsonl-in crawl.jsonl --id-field url -o plans.jsonl
\b
Subcommands (wpclean COMMAND --help for their options):
  wpclean check samples/             check pages against golden plans and invariants (for CI)
  wpclean schema                     print the plan's JSON Schema
  wpclean show page.txt|plan.json    show a plan as a tree (--full for all text)
\b
A first argument equal to a subcommand's name runs it; to process a file
named like one, write ./check.  Exit codes: 0 ok, 1 an input failed,
2 usage error or no inputs found, 130 interrupted.
"""


class PlainCommand(TyperCommand):
    """A command whose help names arguments by their metavar alone: no type
    placeholders (``<list[str]>``, ``<str>``) and no braces (``{DIR}...``)."""

    def collect_usage_pieces(self, ctx) -> list[str]:  # type: ignore[no-untyped-def]
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                pieces.append(argument_usage(param.metavar or param.name.upper(), param.required, param.nargs))
        return pieces

    def format_options(self, ctx, formatter) -> None:  # type: ignore[no-untyped-def]
        arguments, options = help_rows(self.get_params(ctx), ctx)
        if arguments:
            with formatter.section("Arguments"):
                formatter.write_dl(arguments)
        if options:
            with formatter.section("Options"):
                formatter.write_dl(options)


class MainJobCommand(PlainCommand):
    """The main job: its help is the top-level help (``wpclean page.txt --help``
    and ``wpclean --help`` say the same)."""

    def format_help(self, ctx, formatter) -> None:  # type: ignore[no-untyped-def]
        if ctx.parent is not None:
            ctx.parent.command.format_help(ctx.parent, formatter)
        else:
            super().format_help(ctx, formatter)


def argument_usage(name: str, required: bool, nargs: int) -> str:
    """How the usage line shows an argument.

    >>> argument_usage("DIR", True, -1), argument_usage("INPUT", False, -1), argument_usage("INPUT|PLAN.json", True, 1)
    ('DIR...', '[INPUT]...', 'INPUT|PLAN.json')
    """
    shown = name if required else f"[{name}]"
    return shown + ("..." if nargs != 1 else "")


Rows = list[tuple[str, str]]


def help_rows(params: Iterable, ctx) -> tuple[Rows, Rows]:  # type: ignore[no-untyped-def]
    """The help rows of ``params``: (arguments, options), each name without a type placeholder."""
    arguments, options = [], []
    for param in params:
        record = param.get_help_record(ctx)
        if record is None:
            continue
        name, text = record
        if param.param_type_name == "argument":
            arguments.append(((param.metavar or param.name.upper()) + ("..." if param.nargs != 1 else ""), text))
        else:
            options.append((_TYPE_PLACEHOLDER.sub("", name), text))
    return arguments, options


class MainJobGroup(TyperGroup):
    """A group whose default command is the main job."""

    def make_context(self, info_name, args, parent=None, **extra):  # type: ignore[no-untyped-def]
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except UsageError as error:
            raise usage_error(error) from None

    def invoke(self, ctx):  # type: ignore[no-untyped-def]
        try:
            return super().invoke(ctx)
        except UsageError as error:  # a subcommand's (or the main job's) options did not parse
            raise usage_error(error) from None

    def parse_args(self, ctx, args: list[str]) -> list[str]:  # type: ignore[no-untyped-def]
        if not args and not ctx.resilient_parsing:
            sys.stderr.write(SHORT_USAGE)
            raise typer.Exit(exit_codes.USAGE)
        return super().parse_args(ctx, route(args))

    def format_help(self, ctx, formatter) -> None:  # type: ignore[no-untyped-def]
        """The main job's usage, this help text, the main job's options, then the subcommands."""
        if MAIN_JOB not in self.commands:  # built for one subcommand only
            return super().format_help(ctx, formatter)
        formatter.write_usage(ctx.command_path, "[OPTIONS] INPUT...")
        formatter.write_usage(ctx.command_path, "COMMAND [ARGS]...", prefix="   or: ")
        self.format_help_text(ctx, formatter)
        main_job = self.commands[MAIN_JOB]
        own = [param for param in main_job.get_params(ctx) if param.name != "help"]  # the group's -h comes last
        arguments, options = help_rows([*own, *self.get_params(ctx)], ctx)
        with formatter.section("Arguments"):
            formatter.write_dl(arguments)
        with formatter.section("Options"):
            formatter.write_dl(options)
        self.format_commands(ctx, formatter)


def route(args: list[str]) -> list[str]:
    """The command line with the main job's name put first unless it names a
    subcommand (or asks for the top-level help or version); a mistyped
    subcommand that is no existing path is a usage error.

    >>> route(["page.txt", "-o", "plan.json"]), route(["check", "samples/"]), route(["-q", "-"])
    (['process', 'page.txt', '-o', 'plan.json'], ['check', 'samples/'], ['process', '-q', '-'])
    """
    first = args[0] if args else ""
    if first in SUBCOMMANDS or first in _TOP_LEVEL_FLAGS:
        return args
    if first == MAIN_JOB and not os.path.lexists(first):  # the hidden name itself, kept for old scripts
        return args
    meant = mistyped_subcommand(first)
    if meant is not None:
        raise fail(f"{first!r} is neither a command nor an existing input; did you mean 'wpclean {meant}'?")
    return [MAIN_JOB, *args]


def mistyped_subcommand(first: str) -> str | None:
    """The subcommand ``first`` looks like a typo of, unless it is an option,
    ``-``, a URL or a path that exists (then it is an input).

    >>> mistyped_subcommand("shwo"), mistyped_subcommand("chekc"), mistyped_subcommand("page.txt")
    ('show', 'check', None)
    >>> mistyped_subcommand("-"), mistyped_subcommand("--shwo")
    (None, None)
    """
    if not first or first.startswith("-") or "://" in first or os.path.lexists(first):
        return None
    matches = get_close_matches(first, list(SUBCOMMANDS), n=1, cutoff=TYPO_CUTOFF)
    return matches[0] if matches else None


def usage_error(error: UsageError) -> typer.Exit:
    """Click's three-line usage error as one ``wpclean: error:`` line that says where the options are.

    >>> import contextlib, io
    >>> with contextlib.redirect_stderr(io.StringIO()) as err:
    ...     code = usage_error(NoSuchOption("--bogus")).exit_code
    >>> code, err.getvalue()
    (2, "wpclean: error: no such option: --bogus; run 'wpclean --help' for the options\\n")
    >>> with contextlib.redirect_stderr(io.StringIO()) as err:
    ...     _ = usage_error(NoSuchOption("--glb", possibilities=["--glob"]))
    >>> err.getvalue()
    "wpclean: error: no such option: --glb (did you mean --glob?); run 'wpclean --help' for the options\\n"
    """
    text = error.message if isinstance(error, NoSuchOption) else error.format_message()
    message = " ".join(text.split()).rstrip(".")
    if isinstance(error, NoSuchOption) and error.possibilities:
        message += f" (did you mean {' or '.join(sorted(error.possibilities))}?)"
    message = message[:1].lower() + message[1:]
    words = error.ctx.command_path.split()[1:2] if error.ctx is not None else []
    command = " ".join(["wpclean", *(word for word in words if word != MAIN_JOB)])
    return fail(f"{message}; run '{command} --help' for the options", exit_codes.USAGE)


def _version(value: bool) -> None:
    if value:
        from wpclean.document import tool_version

        sys.stdout.write(f"wpclean {tool_version()}\n")
        raise typer.Exit(0)


def build_app(subcommands: Iterable[str] = SUBCOMMANDS, main_job: bool = True) -> typer.Typer:
    """The app: the main job (unless ``main_job`` is false: a subcommand's run
    need not import it) and ``subcommands`` (by default all of them)."""
    app = typer.Typer(
        cls=MainJobGroup,
        help=HELP,
        add_completion=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": HELP_FLAGS},
    )

    @app.callback()
    def _root(
        version: bool = typer.Option(
            False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ) -> None:
        pass

    if main_job:
        from wpclean.cli.process import process_command

        app.command(MAIN_JOB, cls=MainJobCommand, hidden=True, help=process_command.__doc__)(process_command)
    for name in subcommands:
        command = _subcommand(name)
        app.command(name, cls=PlainCommand, help=command.__doc__, short_help=SHORT_HELP[name])(command)
    return app


def _subcommand(name: str) -> Callable[..., None]:
    module, function = SUBCOMMANDS[name]
    return getattr(import_module(module), function)


def subcommands_needed(args: list[str]) -> list[str]:
    """The subcommands a command line can reach: all for the top-level help,
    the one it names, or none for the main job.

    >>> subcommands_needed(["page.txt", "-o", "plan.json"]), subcommands_needed(["check", "samples/"])
    ([], ['check'])
    >>> [len(subcommands_needed(args)) for args in ([], ["-h"], ["a.txt", "--help"])]
    [3, 3, 3]
    """
    if not args or args[0] in _TOP_LEVEL_FLAGS:
        return list(SUBCOMMANDS)
    if args[0] not in SUBCOMMANDS and any(arg in HELP_FLAGS for arg in args):  # the main job's help is the top level's
        return list(SUBCOMMANDS)
    return [args[0]] if args[0] in SUBCOMMANDS else []


def main() -> None:
    args = sys.argv[1:]
    app = build_app(subcommands_needed(args), main_job=not (args and args[0] in SUBCOMMANDS))
    app(prog_name="wpclean")
