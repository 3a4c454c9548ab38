"""Inputs named by URL (``s3://bucket/pages/``, ``gcs://…``, ``file:///…``):
read by whichever process runs the task (listing a folder URL is
:func:`wpclean.fileio.discover.discover`'s).

Any filesystem `fsspec <https://filesystem-spec.readthedocs.io>`_ knows works
once its package is installed (``s3fs`` for ``s3://``, ``gcsfs`` for
``gcs://``…); fsspec itself comes with Dask (``pip install 'wpclean[dask]'``).
It is imported only when a URL is given.  A URL that names a folder is listed
recursively, sorted, keeping the files whose name matches ``--glob``; their
output names are their paths below it, as for a local folder.
"""

from __future__ import annotations

import re

from wpclean.errors import InputError

URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def is_url(path: str) -> bool:
    """
    >>> is_url("s3://bucket/a.txt"), is_url("file:///tmp/a.txt"), is_url("pages/a.txt"), is_url("C:/pages")
    (True, True, False, False)
    """
    return URL_SCHEME.match(path) is not None


def is_folder_url(url: str) -> bool:
    """Whether ``url`` names a folder (False when it cannot be asked: the
    single-input path then reports why)."""
    try:
        fs, root = filesystem(url)
        return bool(fs.isdir(root))
    except (InputError, OSError):
        return False


def open_url(url: str):  # -> an fsspec file opened for reading bytes
    """``url`` opened for reading (:func:`wpclean.fileio.reading.read_input` reads it, bounded)."""
    fs, path = filesystem(url)
    return fs.open(path, "rb")


def filesystem(url: str):  # -> tuple[fsspec.AbstractFileSystem, str]
    """The fsspec filesystem for ``url``; a missing package is an :class:`InputError` saying what to install."""
    try:
        from fsspec.core import url_to_fs
    except ImportError:
        raise InputError("reading URLs needs fsspec: pip install 'wpclean[dask]' (or fsspec)") from None
    try:
        return url_to_fs(url)
    except ImportError as error:  # fsspec knows the scheme, its package is missing: "Install s3fs to access S3"
        raise InputError(f"{error}; install it here and on every Dask worker that reads such URLs") from None
    except ValueError as error:  # "Protocol not known: …"
        raise InputError(f"{error}; check the URL") from None
