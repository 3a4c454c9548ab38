"""The ``wpclean`` command line: the main job plus subcommands.

``wpclean INPUT…`` is the main job.  A first argument equal to a subcommand's
name (``check``, ``schema``) runs that subcommand; ``wpclean ./check``
processes a file named ``check``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from importlib import import_module

import typer
from typer.core import TyperGroup

from wpclean.cli.process import process_command

MAIN_JOB = "process"
_TOP_LEVEL_FLAGS = {"--help", "-h", "--version"}
# Subcommand → (module, function).  A run imports only the one it uses: the
# main job on one page should not pay for check's, show's or schema's imports.
SUBCOMMANDS = {
    "check": ("wpclean.cli.check", "check_command"),
    "schema": ("wpclean.cli.schema_cmd", "schema_command"),
    "show": ("wpclean.cli.show", "show_command"),
}

HELP = """Clean scraped Chinese work-plan pages into simplified text and a structured JSON plan.

\b
Main job (the default command):
  wpclean page.txt -o plan.json      clean one page, write its plan
  cat page.txt | wpclean -           read standard input, plan to stdout
  wpclean pages/ -o plans/ -j 2      a batch: one plan per page, in parallel
  wpclean pages/ --jsonl > all.jsonl a batch as JSON Lines (or --format csv|md)
\b
Subcommands:
  wpclean check samples/             check pages against golden plans and invariants (for CI)
  wpclean schema                     print the plan's JSON Schema
  wpclean show page.txt|plan.json    show a plan as a tree (--full for all text)
\b
A first argument equal to a subcommand's name runs it; to process a file
named like one, write ./check.  Run `wpclean process --help` for the main
job's options, `wpclean check --help` for check's.  Exit codes: 0 ok, 1 an input
failed, 2 usage error, 130 interrupted.
"""


class MainJobGroup(TyperGroup):
    """A group whose default command is the main job."""

    def parse_args(self, ctx, args: list[str]) -> list[str]:  # type: ignore[no-untyped-def]
        if args and args[0] not in self.commands and args[0] not in _TOP_LEVEL_FLAGS:
            args = [MAIN_JOB, *args]
        return super().parse_args(ctx, args)


def _version(value: bool) -> None:
    if value:
        from wpclean.document import tool_version

        sys.stdout.write(f"wpclean {tool_version()}\n")
        raise typer.Exit(0)


def build_app(subcommands: Iterable[str] = SUBCOMMANDS) -> typer.Typer:
    """The app: the main job and ``subcommands`` (by default all of them)."""
    app = typer.Typer(cls=MainJobGroup, help=HELP, no_args_is_help=True, add_completion=False, rich_markup_mode=None)

    @app.callback()
    def _root(
        version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
    ) -> None:
        pass

    app.command(MAIN_JOB, help=process_command.__doc__)(process_command)
    for name in subcommands:
        command = _subcommand(name)
        app.command(name, help=command.__doc__ if name == "show" else None)(command)
    return app


def _subcommand(name: str) -> Callable[..., None]:
    module, function = SUBCOMMANDS[name]
    return getattr(import_module(module), function)


def subcommands_needed(args: list[str]) -> list[str]:
    """The subcommands a command line can reach: all for the top-level help,
    the one it names, or none for the main job.

    >>> subcommands_needed(["page.txt", "-o", "plan.json"]), subcommands_needed(["check", "samples/"])
    ([], ['check'])
    >>> len(subcommands_needed([])) == len(subcommands_needed(["--help"])) == len(SUBCOMMANDS)
    True
    """
    if not args or args[0] in _TOP_LEVEL_FLAGS:
        return list(SUBCOMMANDS)
    return [args[0]] if args[0] in SUBCOMMANDS else []


def main() -> None:
    app = build_app(subcommands_needed(sys.argv[1:]))
    app(prog_name="wpclean")
