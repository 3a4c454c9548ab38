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
from wpclean.options import CONVERT_CONFIGS, DECODE_ERRORS, DEFAULT_MAX_BYTES, INPUT_FORMATS, Options

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
DecodeErrors = Annotated[
    str,
    typer.Option(
        "--decode-errors",
        metavar="|".join(DECODE_ERRORS),
        help="replace: bytes that do not decode become U+FFFD (up to 1% of the input), counted in a "
        "bytes_replaced warning.",
    ),
]
InputFormat = Annotated[
    str,
    typer.Option(
        "--input-format",
        metavar="|".join(INPUT_FORMATS),
        help="How to read inputs: auto (HTML by extension or content, else text), text or html.",
    ),
]
DEFAULTS = {
    "convert": "t2s",
    "encoding": None,
    "keep_punct": False,
    "max_bytes": DEFAULT_MAX_BYTES,
    "decode_errors": "strict",
    "input_format": "auto",
}


def cleaning_options(command: str, **values: object) -> Options:
    """The :class:`Options` of the cleaning flags given, or a usage error
    (exit 2) that points to ``command``'s help.

    >>> cleaning_options("wpclean", convert="tw2s", keep_punct=True).convert
    'tw2s'
    """
    try:
        return Options(**values)  # type: ignore[arg-type]
    except ValueError as error:
        raise fail(f"{as_flag(str(error))}; see {command} --help", exit_codes.USAGE) from None


def as_flag(message: str) -> str:
    """An :class:`Options` message about a field, in the flag's own name.

    >>> as_flag("decode_errors must be one of strict, replace, not 'x'")
    "--decode-errors must be one of strict, replace, not 'x'"
    """
    field, _, rest = message.partition(" ")
    return f"--{field.replace('_', '-')} {rest}" if field in DEFAULTS else message
