"""Inputs named by URL (``s3://bucket/pages/``, ``gcs://…``, ``file:///…``):
listed on the client, read by whichever process runs the task.

Any filesystem `fsspec <https://filesystem-spec.readthedocs.io>`_ knows works
once its package is installed (``s3fs`` for ``s3://``, ``gcsfs`` for
``gcs://``…); fsspec itself comes with Dask (``pip install 'wpclean[dask]'``).
It is imported only when a URL is given.  A URL that names a folder is listed
recursively, sorted, keeping the files whose name matches ``--glob``; their
output names are their paths below it, as for a local folder.
"""

from __future__ import annotations

import fnmatch
import posixpath
import re
from collections.abc import Iterator

from wpclean.decode import check_size
from wpclean.errors import InputError, InputTooLargeError
from wpclean.batch.discover import Discovered, given_relative

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def is_url(path: str) -> bool:
    """
    >>> is_url("s3://bucket/a.txt"), is_url("file:///tmp/a.txt"), is_url("pages/a.txt"), is_url("C:/pages")
    (True, True, False, False)
    """
    return _URL.match(path) is not None


def url_relative(url: str) -> str:
    """A URL named directly keeps its path without the scheme, as a local path keeps its own.

    >>> url_relative("s3://bucket/pages/a.txt"), url_relative("file:///data/a.txt")
    ('bucket/pages/a.txt', 'data/a.txt')
    """
    return given_relative(_URL.sub("", url, count=1))


def expand_url(url: str, glob: str) -> Iterator[tuple[Discovered, str]]:
    """The inputs a URL names, each with its identity (the file's URL), as
    :func:`wpclean.batch.discover.discover` expects them."""
    try:
        fs, root = _filesystem(url)
        if fs.isdir(root):
            yield from _listed(fs, root, glob)
        elif fs.isfile(root):
            yield Discovered(url, url_relative(url)), url
        else:
            yield Discovered(url, url_relative(url), "does not exist"), url
    except InputError as error:
        yield Discovered(url, url_relative(url), str(error)), url
    except OSError as error:
        yield Discovered(url, url_relative(url), f"cannot list it: {error.strerror or error}; check the URL and your credentials"), url


def _listed(fs, root: str, glob: str) -> Iterator[tuple[Discovered, str]]:  # fs: fsspec.AbstractFileSystem
    root = root.rstrip("/")
    for path in sorted(fs.find(root, withdirs=False)):
        if fnmatch.fnmatch(posixpath.basename(path), glob):
            url = fs.unstrip_protocol(path)
            yield Discovered(url, posixpath.relpath(path, root)), url


def is_folder_url(url: str) -> bool:
    """Whether ``url`` names a folder (False when it cannot be asked: the
    single-input path then reports why)."""
    try:
        fs, root = _filesystem(url)
        return bool(fs.isdir(root))
    except (InputError, OSError):
        return False


def read_url(url: str, max_bytes: int) -> bytes:
    """The bytes at ``url``; over ``max_bytes`` is refused, before reading when
    the filesystem knows the size, else after reading at most one byte more."""
    fs, path = _filesystem(url)
    with fs.open(path, "rb") as handle:
        size = getattr(handle, "size", None)
        if isinstance(size, int):
            check_size(size, max_bytes)
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputTooLargeError(f"input is over the --max-bytes limit of {max_bytes:,} bytes; raise --max-bytes to process it")
    return data


def _filesystem(url: str):  # -> tuple[fsspec.AbstractFileSystem, str]
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
