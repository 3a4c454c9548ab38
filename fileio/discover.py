"""Input discovery: files, folders walked recursively, ``-``, and lists of paths.

Used by the batch runner and by ``wpclean check`` so both find the same inputs.
Nothing found is dropped silently: a path that cannot be used becomes a
:class:`Discovered` entry with a ``problem`` for the caller to report.
"""

from __future__ import annotations

import fnmatch
import os
import posixpath
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from wpclean.errors import InputError
from wpclean.fileio.remote import URL_SCHEME, filesystem, is_url

DEFAULT_GLOB = "*.txt"


@dataclass(frozen=True, slots=True)
class Discovered:
    """One input: its path as given or found, its path relative to the root it
    was found under (for mirroring into an output folder), and any problem."""

    path: str
    relative: str
    problem: str | None = None


def discover(paths: Iterable[str], glob: str = DEFAULT_GLOB) -> Iterator[Discovered]:
    """Yield every input named by ``paths``, in a stable order, without duplicates
    (two paths to one file, through links or repetition, yield it once)."""
    seen: set[str] = set()
    for given in paths:
        for found, key in _expand(given, glob):
            if key in seen and found.problem is None:
                continue
            seen.add(key)
            yield found


def _expand(given: str, glob: str) -> Iterator[tuple[Discovered, str]]:
    """Inputs under ``given``, each with its identity: its real path (or ``-``)."""
    if given == "-":
        yield Discovered("-", "stdin"), "-"
        return
    if is_url(given):  # s3://…, file:///…: listed with fsspec
        yield from expand_url(given, glob)
        return
    path = Path(given)
    relative = given_relative(given)
    if path.is_dir():
        yield from _walk(given, glob)
    elif path.is_file():
        yield Discovered(given, relative), os.path.realpath(given)
    elif path.is_symlink() or path.exists():
        yield Discovered(given, relative, "not a regular file (a broken link, a device or a loop)"), given
    else:
        yield Discovered(given, relative, "does not exist"), given


def url_relative(url: str) -> str:
    """A URL named directly keeps its path without the scheme, as a local path keeps its own.

    >>> url_relative("s3://bucket/pages/a.txt"), url_relative("file:///data/a.txt")
    ('bucket/pages/a.txt', 'data/a.txt')
    """
    return given_relative(URL_SCHEME.sub("", url, count=1))


def expand_url(url: str, glob: str) -> Iterator[tuple[Discovered, str]]:
    """The inputs a URL names, each with its identity (the file's URL), as
    :func:`wpclean.fileio.discover.discover` expects them."""
    try:
        fs, root = filesystem(url)
        if fs.isdir(root):
            yield from _listed(fs, root, glob)
        elif fs.isfile(root):
            yield Discovered(url, url_relative(url)), url
        else:
            yield Discovered(url, url_relative(url), "does not exist"), url
    except InputError as error:
        yield Discovered(url, url_relative(url), str(error)), url
    except OSError as error:
        yield (
            Discovered(
                url, url_relative(url), f"cannot list it: {error.strerror or error}; check the URL and your credentials"
            ),
            url,
        )


def _listed(fs, root: str, glob: str) -> Iterator[tuple[Discovered, str]]:  # fs: fsspec.AbstractFileSystem
    root = root.rstrip("/")
    for path in sorted(fs.find(root, withdirs=False)):
        if fnmatch.fnmatch(posixpath.basename(path), glob):
            url = fs.unstrip_protocol(path)
            yield Discovered(url, posixpath.relpath(path, root)), url


def given_relative(given: str) -> str:
    """A file named directly keeps its path as given, made relative: no leading
    ``/``, ``./`` or ``../`` (so ``find pages -name '*.txt'`` mirrors ``pages/``).

    >>> given_relative("a/b.txt"), given_relative("/data/a.txt"), given_relative("../../x/./y.txt"), given_relative("..")
    ('a/b.txt', 'data/a.txt', 'x/y.txt', '..')
    """
    parts = [part for part in Path(os.path.normpath(given)).parts if part not in ("/", "..", ".")]
    return "/".join(parts) or Path(given).name or given


def _walk(root: str, glob: str) -> Iterator[tuple[Discovered, str]]:
    """Files matching ``glob`` under ``root``, sorted, folders depth first (as
    ``os.walk`` orders them), following links but not loops.  One
    ``scandir`` per folder and its entries' cached types: no ``stat`` per
    file unless it is a link (this runs once per input of a batch)."""
    visited: set[str] = set()
    folders = [root]
    while folders:
        folder = folders.pop()
        real = os.path.realpath(folder)
        if real in visited:  # a symlink loop: do not walk it again
            continue
        visited.add(real)
        files, subfolders = _entries(folder)
        prefix = _relative_prefix(root, folder)
        for entry in files:
            if fnmatch.fnmatch(entry.name, glob):
                yield _classify(entry, prefix), _file_key(entry, real)
        for entry in subfolders:
            if fnmatch.fnmatch(entry.name, glob):  # a folder named like an input (x.txt/)
                yield Discovered(entry.path, prefix + entry.name, "is a folder, not a file"), entry.path
        folders.extend(reversed([entry.path for entry in subfolders]))


def _entries(folder: str) -> tuple[list[os.DirEntry[str]], list[os.DirEntry[str]]]:
    """The folder's files (anything not a folder) and folders (links to
    folders included), each sorted by name; an unreadable folder is empty,
    as ``os.walk`` has it."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError:
        return [], []
    files, subfolders = [], []
    for entry in entries:
        (subfolders if _is_folder(entry) else files).append(entry)
    return files, subfolders


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _relative_prefix(root: str, folder: str) -> str:
    """
    >>> _relative_prefix("pages", "pages"), _relative_prefix("pages/", "pages/a/b")
    ('', 'a/b/')
    """
    relative = os.path.relpath(folder, root)
    return "" if relative == "." else relative.replace(os.sep, "/") + "/"


def _file_key(entry: os.DirEntry[str], real_folder: str) -> str:
    """The real path of a file, cheaply: its folder's real path, unless it is a link."""
    return os.path.realpath(entry.path) if entry.is_symlink() else os.path.join(real_folder, entry.name)


def _classify(entry: os.DirEntry[str], prefix: str) -> Discovered:
    if _is_regular_file(entry):
        return Discovered(entry.path, prefix + entry.name)
    return Discovered(entry.path, prefix + entry.name, "not a regular file (a broken link, a device or a loop)")


def _is_regular_file(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False


def read_path_list(lines: Iterable[str]) -> Iterator[str]:
    """Paths from a --from-list file, one per line; blank lines and # comments
    skipped, and a byte-order mark (an editor's UTF-8 BOM) dropped.

    >>> list(read_path_list(["\\ufeffa.txt\\n", "\\n", "# note\\n", " b/c.txt \\n"]))
    ['a.txt', 'b/c.txt']
    """
    for line in lines:
        path = line.removeprefix("\ufeff").strip()
        if path and not path.startswith("#"):
            yield path
