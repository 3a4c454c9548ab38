"""wpclean's version: pyproject.toml's (a test keeps them equal).

A constant rather than a look-up in the installed metadata, which would cost
every run several milliseconds.

>>> __version__.count(".")
2
"""

__version__ = "0.1.0"
