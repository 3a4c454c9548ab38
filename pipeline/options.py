"""The one immutable options object passed down through the whole pipeline."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ConvertConfig = Literal["t2s", "tw2s", "hk2s", "none"]
CONVERT_CONFIGS: tuple[str, ...] = ("t2s", "tw2s", "hk2s", "none")
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
    input_format: InputFormat = "auto"  # auto: HTML by extension or content, else text (--input-format)

    def __post_init__(self) -> None:
        if self.convert not in CONVERT_CONFIGS:
            raise ValueError(f"convert must be one of {', '.join(CONVERT_CONFIGS)}, not {self.convert!r}")
        if self.input_format not in INPUT_FORMATS:
            raise ValueError(f"input_format must be one of {', '.join(INPUT_FORMATS)}, not {self.input_format!r}")
        if self.max_bytes <= 0:
            raise ValueError("max_bytes must be positive")
