"""The one immutable options object passed down through the whole pipeline."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

ConvertConfig = Literal["t2s", "tw2s", "hk2s", "none"]
CONVERT_CONFIGS: tuple[str, ...] = get_args(ConvertConfig)
DecodeErrors = Literal["strict", "replace"]
DECODE_ERRORS: tuple[str, ...] = get_args(DecodeErrors)
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
InputFormat = Literal["auto", "text", "html"]
INPUT_FORMATS: tuple[str, ...] = ("auto", "text", "html")


@dataclass(frozen=True, slots=True)
class Options:
    """How to clean and parse one document.  Frozen and picklable, so worker
    processes (local or on a cluster) receive exactly what the caller chose.

    >>> Options(convert="tw2s").convert
    'tw2s'
    >>> Options(convert="s2t")
    Traceback (most recent call last):
    ValueError: convert must be one of t2s, tw2s, hk2s, none, not 's2t'
    >>> Options(input_format="pdf")
    Traceback (most recent call last):
    ValueError: input_format must be one of auto, text, html, not 'pdf'
    """

    convert: ConvertConfig = "t2s"
    keep_punct: bool = False
    encoding: str | None = None  # None: detect
    max_bytes: int = DEFAULT_MAX_BYTES
    explain: bool = False  # keep every change with its offset (slower; --explain)
    decode_errors: DecodeErrors = "strict"  # replace: bytes that do not decode become U+FFFD, counted in a warning
    input_format: InputFormat = "auto"  # auto: HTML by extension or content, else text (--input-format)

    def __post_init__(self) -> None:
        if self.convert not in CONVERT_CONFIGS:
            raise ValueError(f"convert must be one of {', '.join(CONVERT_CONFIGS)}, not {self.convert!r}")
        if self.decode_errors not in DECODE_ERRORS:
            raise ValueError(f"decode_errors must be one of {', '.join(DECODE_ERRORS)}, not {self.decode_errors!r}")
        if self.input_format not in INPUT_FORMATS:
            raise ValueError(f"input_format must be one of {', '.join(INPUT_FORMATS)}, not {self.input_format!r}")
        if self.max_bytes <= 0:
            raise ValueError("max_bytes must be positive")
        if self.encoding is not None:
            check_encoding(self.encoding)


NOT_CHARSETS = frozenset(
    {"undefined", "punycode", "idna", "unicode_escape", "raw_unicode_escape"}
)  # text codecs, no character sets


def check_encoding(name: str) -> None:
    """Raise ValueError unless ``name`` is a codec that decodes bytes into text
    as a character set does (not ``rot13``, ``base64``, ``undefined``, ``punycode``).

    >>> check_encoding("GB18030"), check_encoding("big5")
    (None, None)
    >>> check_encoding("punycode")
    Traceback (most recent call last):
    ValueError: encoding 'punycode' is not a character set; pass one such as gb18030, big5 or utf-8
    """
    import codecs

    try:
        info = codecs.lookup(name)
    except LookupError:
        raise ValueError(f"unknown encoding {name!r}; pass one such as gb18030, big5 or utf-8") from None
    if not getattr(info, "_is_text_encoding", True) or info.name.replace("-", "_") in NOT_CHARSETS:
        raise ValueError(f"encoding {name!r} is not a character set; pass one such as gb18030, big5 or utf-8")
