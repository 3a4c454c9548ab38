"""wpclean's own error types: every user-facing failure is one of these.

Each carries a one-line message that says what to do; the CLI prints it and
maps the class to an exit code.  Anything else escaping the library is a bug.
"""


class WpcleanError(Exception):
    """Base class of the errors wpclean reports to its users."""


class InputError(WpcleanError):
    """The input cannot be processed (it is empty, undecodable, binary, too large)."""


class DecodeError(InputError):
    """The bytes are not text in the expected encoding."""


class EmptyInputError(InputError):
    """The input has no text at all."""


class InputTooLargeError(InputError):
    """The input is larger than the configured limit."""


class InvalidPlanError(WpcleanError):
    """A plan wpclean built fails its own schema: a bug, reported for that input (the plan is not written)."""
