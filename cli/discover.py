"""Input discovery: files, folders walked recursively, ``-``, and lists of paths.

Used by the batch runner and by ``wpclean check`` so both find the same inputs.
Nothing found is dropped silently: a path that cannot be used becomes a
:class:`Discovered` entry with a ``problem`` for the caller to report.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

DEFAULT_GLOB = "*.txt"


@dataclass(frozen=True, slots=True)
class Discovered:
    """One input: its path as given or found, its path relative to the root it
    was found under (for mirroring into an output folder), and any problem."""

    path: str
    relative: str
    problem: str | None = None


def discover(paths: Iterable[str], glob: str = DEFAULT_GLOB) -> Iterator[Discovered]:
    """Yield every input named by ``paths``, in a stable order, without duplicates."""
    seen: set[str] = set()
    for given in paths:
        for found in _expand(given, glob):
            key = found.path if found.path == "-" else os.path.realpath(found.path)
            if key in seen and found.problem is None:
                continue
            seen.add(key)
            yield found


def _expand(given: str, glob: str) -> Iterator[Discovered]:
    if given == "-":
        yield Discovered("-", "stdin")
        return
    path = Path(given)
    if path.is_dir():
        yield from _walk(path, glob)
    elif path.is_file():
        yield Discovered(given, given_relative(given))
    elif path.is_symlink() or path.exists():
        yield Discovered(given, given_relative(given), "not a regular file (a broken link, a device or a loop)")
    else:
        yield Discovered(given, given_relative(given), "does not exist")


def given_relative(given: str) -> str:
    """A file named directly keeps its path as given, made relative: no leading
    ``/``, ``./`` or ``../`` (so ``find pages -name '*.txt'`` mirrors ``pages/``).

    >>> given_relative("a/b.txt"), given_relative("/data/a.txt"), given_relative("../../x/./y.txt"), given_relative("..")
    ('a/b.txt', 'data/a.txt', 'x/y.txt', '..')
    """
    parts = [part for part in Path(os.path.normpath(given)).parts if part not in ("/", "..", ".")]
    return "/".join(parts) or Path(given).name or given


def _walk(root: Path, glob: str) -> Iterator[Discovered]:
    visited: set[str] = set()
    for folder, subfolders, files in os.walk(root, followlinks=True):
        real = os.path.realpath(folder)
        if real in visited:  # a symlink loop: do not walk it again
            subfolders[:] = []
            continue
        visited.add(real)
        subfolders.sort()
        for name in sorted(files):
            if fnmatch.fnmatch(name, glob):
                full = Path(folder) / name
                yield _classify(full, full.relative_to(root).as_posix())
        for name in list(subfolders):
            if fnmatch.fnmatch(name, glob):  # a folder named like an input (x.txt/)
                full = Path(folder) / name
                yield Discovered(str(full), full.relative_to(root).as_posix(), "is a folder, not a file")


def _classify(path: Path, relative: str) -> Discovered:
    if path.is_file():
        return Discovered(str(path), relative)
    return Discovered(str(path), relative, "not a regular file (a broken link, a device or a loop)")


def read_path_list(lines: Iterable[str]) -> Iterator[str]:
    """Paths from a --from-list file, one per line; blank lines and # comments skipped.

    >>> list(read_path_list(["a.txt\\n", "\\n", "# note\\n", " b/c.txt \\n"]))
    ['a.txt', 'b/c.txt']
    """
    for line in lines:
        path = line.strip()
        if path and not path.startswith("#"):
            yield path
