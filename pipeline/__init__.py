"""wpclean: scraped Chinese government pages → clean simplified text and a structured plan.

The public API::

    import wpclean
    result = wpclean.process_bytes(open("page.txt", "rb").read(), wpclean.Options(convert="t2s"))
    print(result.plan.title, len(result.plan.sections))

Names are imported on first use (PEP 562), so ``import wpclean`` costs
nothing until the pipeline is needed and the command line's start-up stays
small.  This folder is the package's root: the pipeline that ties decode →
clean → parse (:mod:`wpclean.document`), its options and its errors.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from wpclean.version import __version__

# public name → the module that defines it
_EXPORTS = {
    "process_bytes": "wpclean.document",
    "process_text": "wpclean.document",
    "process_document": "wpclean.document",
    "Result": "wpclean.document",
    "Options": "wpclean.options",
    "WpcleanError": "wpclean.errors",
    "InputError": "wpclean.errors",
    "DecodeError": "wpclean.errors",
    "EmptyInputError": "wpclean.errors",
    "InputTooLargeError": "wpclean.errors",
    "Plan": "wpclean.schemas",
}

__all__ = [
    "DecodeError",
    "EmptyInputError",
    "InputError",
    "InputTooLargeError",
    "Options",
    "Plan",
    "Result",
    "WpcleanError",
    "__version__",
    "process_bytes",
    "process_document",
    "process_text",
]

if TYPE_CHECKING:
    from wpclean.document import Result, process_bytes, process_document, process_text
    from wpclean.errors import DecodeError, EmptyInputError, InputError, InputTooLargeError, WpcleanError
    from wpclean.options import Options
    from wpclean.schemas import Plan


def __getattr__(name: str) -> object:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'wpclean' has no attribute {name!r}")
    value = getattr(import_module(_EXPORTS[name]), name)
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
