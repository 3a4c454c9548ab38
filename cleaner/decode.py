"""Bytes to text: encoding, line endings and Unicode normalisation."""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass

from wpclean.cleaner.errors import DecodeError, EmptyInputError, InputTooLargeError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str


def sniff_bom(data: bytes) -> str | None:
    """The encoding a byte-order mark announces, if any.

    >>> sniff_bom(b"\\xef\\xbb\\xbfabc"), sniff_bom(b"abc")
    ('utf-8-sig', None)
    """
    return next((name for bom, name in _BOMS if data.startswith(bom)), None)


def decode_bytes(data: bytes, encoding: str | None = None, max_bytes: int | None = None) -> Decoded:
    """Decode ``data``: the forced ``encoding``, else a BOM, else UTF-8.

    Raises :class:`DecodeError` with a message that names ``--encoding``.
    """
    if max_bytes is not None and len(data) > max_bytes:
        raise InputTooLargeError(f"input is {len(data):,} bytes, over the --max-bytes limit of {max_bytes:,}; raise --max-bytes to process it")
    name = encoding or sniff_bom(data) or "utf-8"
    try:
        text = data.decode(name)
    except LookupError:
        raise DecodeError(f"unknown encoding {encoding!r}; pass a Python codec name to --encoding, e.g. gb18030") from None
    except UnicodeDecodeError as error:
        hint = "pass the right one with --encoding (e.g. --encoding gb18030)"
        raise DecodeError(f"input is not valid {name} (byte {error.start}); {hint}") from None
    if "\x00" in text:
        raise DecodeError("input looks binary (it contains NUL characters); pass text, or the right --encoding")
    return Decoded(text=text.removeprefix("\ufeff"), encoding=name)


def normalize_text(text: str) -> str:
    """CRLF and CR to LF, then NFC.

    >>> normalize_text("a\\r\\nb\\rc")
    'a\\nb\\nc'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def require_text(text: str) -> str:
    """Fail with :class:`EmptyInputError` when there is nothing but white space."""
    if not text.strip():
        raise EmptyInputError("input is empty (no text after decoding); pass a file with the page's text")
    return text
