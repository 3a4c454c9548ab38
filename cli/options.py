"""The cleaning options every command that cleans shares, declared once.

As sqlite-utils shares option decorators, wpclean shares typed parameters:
a command declares ``convert: Convert = "t2s"`` and gets the same flag, help
and metavar as every other command, then builds its
:class:`~wpclean.options.Options` with :func:`cleaning_options`.
"""

from __future__ import annotations

from typing import Annotated

import typer

from wpclean.cli import exit_codes
from wpclean.cli.exit_codes import fail
from wpclean.options import CONVERT_CONFIGS, DEFAULT_MAX_BYTES, Options

Convert = Annotated[
    str, typer.Option("--convert", metavar="CONFIG", help=f"OpenCC conversion: {'|'.join(CONVERT_CONFIGS)}.")
]
Encoding = Annotated[
    str | None,
    typer.Option("--encoding", metavar="NAME", help="Force the input encoding (e.g. gb18030) instead of detecting it."),
]
KeepPunct = Annotated[bool, typer.Option("--keep-punct", help="Keep ASCII punctuation as it is.")]
MaxBytes = Annotated[
    int,
    typer.Option("--max-bytes", metavar="N", min=1, help="Refuse inputs (or records) larger than this many bytes."),
]
DEFAULTS = {"convert": "t2s", "encoding": None, "keep_punct": False, "max_bytes": DEFAULT_MAX_BYTES}


def cleaning_options(command: str, **values: object) -> Options:
    """The :class:`Options` of the cleaning flags given, or a usage error
    (exit 2) that points to ``command``'s help.

    >>> cleaning_options("wpclean", convert="tw2s", keep_punct=True).convert
    'tw2s'
    """
    try:
        return Options(**values)  # type: ignore[arg-type]
    except ValueError as error:
        raise fail(f"{error}; see {command} --help", exit_codes.USAGE) from None
