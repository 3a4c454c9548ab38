"""Every file a run writes is checked, before anything is read, against every
input and against the other files it writes.

``--errors p5.txt`` must not empty input ``p5.txt``, and ``--jsonl -o all.jsonl
--errors all.jsonl`` must not lose every plan: two names for one file (the same
path, a link, a hard link) count as one file.  Inputs named one by one are
compared here; inputs found in folders are compared by where they are and what
``--glob`` takes; inputs known only later (the lines of ``--from-list -``) are
compared as they come, by :class:`WrittenFiles`.
"""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Iterable, Mapping

from wpclean.fileio.writing import OutputError, same_file


def same_name(a: str, b: str) -> bool:
    """Whether paths ``a`` and ``b`` name one file (existing or not yet).

    >>> same_name("out/x.json", "out/./x.json"), same_name("a", "b")
    (True, False)
    """
    return os.path.realpath(a) == os.path.realpath(b) or same_file(a, b)


def inside(path: str, folder: str) -> bool:
    """Whether ``path`` lies under ``folder`` (following links).

    >>> inside("/tmp/pages/a/x.txt", "/tmp/pages"), inside("/tmp/pagesx", "/tmp/pages")
    (True, False)
    """
    real, root = os.path.realpath(path), os.path.realpath(folder).rstrip(os.sep)
    return real.startswith(root + os.sep)


def check_apart(
    written: Mapping[str, str | None],
    inputs: Iterable[str] = (),
    folders: Iterable[str] = (),
    glob: str = "*",
    plan_folder: tuple[str, str] | None = None,
) -> None:
    """Raise :class:`OutputError` if a written file (``written``: flag → path,
    None or ``-`` for none) is another written file, one of the ``inputs``, a
    file an input folder's ``glob`` takes, or a plan of ``plan_folder``
    (``(folder, extension)``).

    >>> check_apart({"-o": "a.jsonl", "--errors": "./a.jsonl"})
    Traceback (most recent call last):
    wpclean.fileio.writing.OutputError: -o a.jsonl and --errors ./a.jsonl are one file; give each its own file
    >>> check_apart({"--errors": "p5.txt"}, inputs=["p5.txt"])
    Traceback (most recent call last):
    wpclean.fileio.writing.OutputError: --errors p5.txt is input p5.txt; choose a file apart from the inputs
    """
    files = [(flag, path) for flag, path in written.items() if path not in (None, "-")]
    for i, (flag, path) in enumerate(files):
        for other_flag, other in files[i + 1 :]:
            if same_name(path, other) and not _is_device(path):  # -o /dev/null --errors /dev/null is fine
                raise OutputError(f"{flag} {path} and {other_flag} {other} are one file; give each its own file")
    inputs = [name for name in inputs if name != "-"]
    folders = list(folders)
    for flag, path in files:
        for name in inputs:
            if same_name(path, name):
                raise OutputError(f"{flag} {path} is input {name}; choose a file apart from the inputs")
        for folder in folders:
            if inside(path, folder) and fnmatch.fnmatch(os.path.basename(path), glob):
                raise OutputError(
                    f"{flag} {path} is inside input folder {folder} and --glob {glob!r} takes it as an input; "
                    "choose a file apart from the inputs"
                )
        if plan_folder is not None and inside(path, plan_folder[0]) and path.endswith(plan_folder[1]):
            raise OutputError(
                f"{flag} {path} is inside the -o folder {plan_folder[0]}, where plans go; choose a file outside it"
            )


def _is_device(path: str) -> bool:
    try:
        return stat.S_ISCHR(os.stat(path).st_mode)
    except OSError:
        return False


class WrittenFiles:
    """The files a run writes that exist already (so an input could be one of
    them), to refuse such an input before it is read.

    >>> WrittenFiles(["/nonexistent/x"]).problem("/etc/hostname") is None
    True
    """

    def __init__(self, paths: Iterable[str | None]) -> None:
        self._ids: dict[tuple[int, int], str] = {}
        for path in paths:
            if path in (None, "-"):
                continue
            try:
                status = os.stat(path)
            except OSError:
                continue
            self._ids[(status.st_dev, status.st_ino)] = path

    def problem(self, input_path: str | None) -> str | None:
        """Why ``input_path`` must not be read (it is a file this run writes), if so."""
        if not self._ids or input_path is None:
            return None
        try:
            status = os.stat(input_path)
        except OSError:
            return None
        written = self._ids.get((status.st_dev, status.st_ino))
        if written is None:
            return None
        return f"is {written}, a file this run writes; choose outputs apart from the inputs"
