"""Where a batch's inputs come from: paths (files, folders, ``-``), a list of
paths (``--from-list``), and JSON Lines records (``--jsonl-in``).

Everything here is a lazy iterator of :class:`~wpclean.batch.tasks.Task`: a run
over a million pages never holds more than the tasks in flight.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from wpclean.fileio.discover import DEFAULT_GLOB, Discovered, discover, read_path_list
from wpclean.batch.tasks import Task, visible
from wpclean.fileio.reading import STDIO

STDIN = STDIO
STDIN_LABEL = "<stdin>"
MAX_ID_STEM = 120  # characters of a record id kept in its output file name


@dataclass(frozen=True, slots=True)
class Sources:
    """The inputs a command line names."""

    paths: tuple[str, ...] = ()
    from_list: str | None = None
    jsonl_in: str | None = None
    text_field: str = "text"
    id_field: str | None = None
    glob: str = DEFAULT_GLOB


def tasks(sources: Sources, max_bytes: int) -> Iterator[Task]:
    """Every input as a task, in order: paths, then the list, then the records."""
    yield from (file_task(found, max_bytes) for found in discover(_named_paths(sources), sources.glob))
    if sources.jsonl_in is not None:
        yield from jsonl_tasks(sources.jsonl_in, sources.text_field, sources.id_field, max_bytes)


def _named_paths(sources: Sources) -> Iterator[str]:
    yield from sources.paths
    if sources.from_list == STDIN:
        yield from read_path_list(os.fsdecode(line) for line in sys.stdin.buffer)
    elif sources.from_list is not None:
        with open(sources.from_list, "rb") as lines:  # paths are bytes to the OS: decode them as it does
            yield from read_path_list(os.fsdecode(line) for line in lines)


def file_task(found: Discovered, max_bytes: int | None = None) -> Task:
    """The task for a discovered path (``-`` is read here, once, from stdin,
    never more than ``max_bytes`` + 1 bytes of it)."""
    if found.path == STDIN:
        from wpclean.errors import InputTooLargeError
        from wpclean.fileio.reading import read_bounded

        try:
            data = read_bounded(sys.stdin.buffer, max_bytes) if max_bytes is not None else sys.stdin.buffer.read()
        except InputTooLargeError as error:
            return Task(label=STDIN_LABEL, stem="stdin", problem=str(error))
        return Task(label=STDIN_LABEL, stem="stdin", data=data)
    name = visible(found.path)  # a file name that is not UTF-8 is shown (and recorded) with \\xNN escapes
    return Task(label=name, stem=strip_suffix(found.relative), path=found.path, plan_path=name, problem=found.problem)


def strip_suffix(relative: str) -> str:
    """``a/b.txt`` → ``a/b``: the output file takes the format's extension instead.

    >>> strip_suffix("a/b.txt"), strip_suffix("notes"), strip_suffix("a.b/c.tar.txt"), strip_suffix("a/.rc"), strip_suffix("a.")
    ('a/b', 'notes', 'a.b/c.tar', 'a/.rc', 'a.')
    """
    name_start = relative.rfind("/") + 1
    dot = relative.rfind(".", name_start)
    has_suffix = dot > name_start and dot < len(relative) - 1  # as PurePosixPath.suffix: not .bashrc, not a.
    return relative[:dot] if has_suffix else relative


def jsonl_tasks(source: str, text_field: str, id_field: str | None, max_bytes: int) -> Iterator[Task]:
    """One task per non-blank line of a JSON Lines file (``-``: stdin)."""
    name = STDIN_LABEL if source == STDIN else visible(source)
    stem = "stdin" if source == STDIN else Path(source).stem
    stream = nullcontext(sys.stdin.buffer) if source == STDIN else open(source, "rb")
    with stream as lines:
        for number, line in enumerate(bounded_lines(lines, max_bytes), start=1):
            if line is None:  # over the limit: measured while read, the rest of the line skipped unread
                label = f"{name}:{number}"
                yield Task(label, f"{stem}-{number:07d}", plan_path=label, problem=f"record is over the --max-bytes limit of {max_bytes:,} bytes; raise --max-bytes to process it")
            elif line.strip():
                yield record_task(line, f"{name}:{number}", f"{stem}-{number:07d}", RecordFields(text_field, id_field), max_bytes)


def bounded_lines(stream, max_bytes: int) -> Iterator[bytes | None]:  # stream: a binary file
    """The lines of ``stream``, each read at most ``max_bytes`` + 1 bytes at a
    time: a line longer than ``max_bytes`` is None (and is skipped, in pieces).

    >>> import io
    >>> list(bounded_lines(io.BytesIO(b"ab\\nabcdef\\ncd"), 4))
    [b'ab\\n', None, b'cd']
    """
    while line := stream.readline(max_bytes + 1):
        if len(line) <= max_bytes:
            yield line
            continue
        while line and not line.endswith(b"\n"):  # the rest of the long line, never held whole
            line = stream.readline(max_bytes + 1)
        yield None


@dataclass(frozen=True, slots=True)
class RecordFields:
    text: str = "text"
    id: str | None = None


def record_task(line: bytes, label: str, line_stem: str, fields: RecordFields, max_bytes: int) -> Task:
    """The task for one JSON Lines record; a bad record becomes a task with a problem.

    >>> record_task(b'{"text": "x", "url": "a/b"}', "d:1", "d-1", RecordFields("text", "url"), 99)
    Task(label='d:1', stem='a_b-...', path=None, data=None, text='x', doc_id='a/b', plan_path='d:1', problem=None, target=None)
    >>> record_task(b'{"body": "x"}', "d:2", "d-2", RecordFields(), 99).problem
    "record has no 'text' field; name the text's field with --text-field"
    >>> record_task(b'{"url": "a/b"}', "d:3", "d-3", RecordFields("text", "url"), 99).doc_id  # kept for --errors
    'a/b'
    """
    if len(line) > max_bytes:
        return Task(label, line_stem, plan_path=label, problem=f"record is {len(line):,} bytes, over the --max-bytes limit of {max_bytes:,}; raise --max-bytes to process it")
    record, problem = _parse_record(line, fields)
    doc_id = _record_id(record, fields.id)
    if problem is not None:
        return Task(label, line_stem, doc_id=doc_id, plan_path=label, problem=problem)
    stem = id_stem(doc_id) if doc_id else line_stem
    return Task(label, stem, text=record[fields.text], doc_id=doc_id, plan_path=label)


def _parse_record(line: bytes, fields: RecordFields) -> tuple[dict, str | None]:
    try:
        record = json.loads(line)
    except RecursionError:  # [[[[… a hundred thousand deep: this record's error, not the run's
        return {}, "record is nested too deeply to be read as JSON; fix or remove the line"
    except UnicodeDecodeError:
        return {}, "record is not UTF-8 (JSON Lines must be); re-encode the file"
    except ValueError as error:
        return {}, f"record is not valid JSON ({error}); fix or remove the line"
    if not isinstance(record, dict):
        return {}, "record is not a JSON object; each line must be {...}"
    if fields.text not in record:  # the record (its id) is still returned, for --errors
        return record, f"record has no {fields.text!r} field; name the text's field with --text-field"
    if not isinstance(record[fields.text], str):
        return record, f"record's {fields.text!r} field is not a string; name the text's field with --text-field"
    return record, None


def _record_id(record: dict, id_field: str | None) -> str | None:
    value = record.get(id_field) if id_field else None
    if value is None or isinstance(value, (dict, list)):
        return None
    return visible(str(value))  # a lone surrogate (\\ud800 in the JSON) as \\uNNNN


def id_stem(doc_id: str) -> str:
    """A file name from a record id: letters, digits, ``.``, ``-`` and ``_`` kept,
    the rest ``_``; when that changed anything, a hash of the id keeps names apart.

    >>> id_stem("page-17"), id_stem("https://gov.cn/a/b.html")
    ('page-17', 'https___gov.cn_a_b.html-0ff458b1')
    """
    safe = _unsafe_chars().sub("_", doc_id).lstrip(".")[:MAX_ID_STEM] or "_"
    if safe == doc_id:
        return safe
    return f"{safe}-{hashlib.sha256(doc_id.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"


@cache
def _unsafe_chars():  # -> re.Pattern
    import re

    return re.compile(r"[^\w.\-]")


def count_tasks(sources: Sources) -> int | None:
    """How many tasks :func:`tasks` will yield, for the progress bar's total and
    ETA; None when that needs reading standard input (which can be read once)."""
    if any(map(read_once, (sources.from_list, sources.jsonl_in))):
        return None
    total = sum(1 for _ in discover(_named_paths(sources), sources.glob))
    if sources.jsonl_in is not None:
        total += _count_records(sources.jsonl_in)
    return total


def read_once(name: str | None) -> bool:
    """Whether a --from-list or --jsonl-in source can be read only once: standard
    input, or a pipe such as ``<(find …)`` (``/dev/fd/N``), not a regular file.

    >>> read_once("-"), read_once(None), read_once(__file__)
    (True, False, False)
    """
    return name is not None and (name == STDIN or not Path(name).is_file())


def _count_records(source: str) -> int:
    try:
        with open(source, "rb") as stream:
            return sum(1 for line in stream if line.strip())
    except OSError:
        return 0
