"""Where a batch's inputs come from: paths (files, folders, ``-``), a list of
paths (``--from-list``), JSON Lines records (``--jsonl-in``) and CSV rows
(``--csv-in``).  Crawl dumps compressed with gzip, bzip2 or xz are read
transparently (:func:`open_dump`); any other compression is refused clearly.

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
from typing import BinaryIO

from wpclean.batch.tasks import Task, visible
from wpclean.fileio.discover import DEFAULT_GLOB, Discovered, discover, read_path_list
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
    csv_in: str | None = None
    html_field: str | None = None  # a record field holding raw HTML (read as an HTML page)

    @property
    def fields(self) -> RecordFields:
        return RecordFields(self.text_field, self.id_field, self.html_field)


def tasks(sources: Sources, max_bytes: int) -> Iterator[Task]:
    """Every input as a task, in order: paths, then the list, then the records."""
    yield from (file_task(found, max_bytes) for found in discover(_named_paths(sources), sources.glob))
    if sources.jsonl_in is not None:
        yield from jsonl_tasks(sources.jsonl_in, sources.text_field, sources.id_field, max_bytes, sources.html_field)
    if sources.csv_in is not None:
        yield from csv_tasks(sources.csv_in, sources.fields, max_bytes)


class DumpError(ValueError):
    """A dump file wpclean cannot read (an unsupported compression)."""


# Magic numbers: what opens each compression wpclean reads, and the others it names when it refuses them.
_READABLE = ((b"\x1f\x8b", "gzip"), (b"BZh", "bz2"), (b"\xfd7zXZ\x00", "xz"))
_UNREADABLE = (
    (b"\x28\xb5\x2f\xfd", "zstd", "zstd -d"),
    (b"PK\x03\x04", "zip", "unzip"),
    (b"7z\xbc\xaf\x27\x1c", "7z", "7z x"),
    (b"\x04\x22\x4d\x18", "lz4", "lz4 -d"),
    (b"\x1f\x9d", "compress (.Z)", "uncompress"),
    (b"\x89LZO", "lzop", "lzop -d"),
)
READ_COMPRESSIONS = "gzip, bzip2 and xz"


def compression_of(head: bytes) -> str | None:
    """The compression a dump's first bytes announce (None: plain); raises
    :class:`DumpError` for one wpclean does not read.

    >>> compression_of(b"\\x1f\\x8b\\x08"), compression_of(b'{"text": 1}')
    ('gzip', None)
    >>> compression_of(b"\\x28\\xb5\\x2f\\xfd....")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    wpclean.batch.sources.DumpError: it is zstd-compressed, which wpclean does not read (...); ... (zstd -d)
    """
    for magic, name in _READABLE:
        if head.startswith(magic):
            return name
    for magic, name, tool in _UNREADABLE:
        if head.startswith(magic):
            raise DumpError(
                f"it is {name}-compressed, which wpclean does not read (it reads {READ_COMPRESSIONS}); "
                f"decompress it first ({tool})"
            )
    return None


def open_dump(source: str) -> BinaryIO:
    """A dump (``-``: stdin) as a binary stream, decompressed when it is gzip, bzip2 or xz."""
    raw = sys.stdin.buffer if source == STDIN else open(source, "rb")  # opened once: it may be a pipe
    if not hasattr(raw, "peek"):  # a stand-in for stdin (a test runner's BytesIO)
        import io

        raw = io.BufferedReader(raw)
    kind = compression_of(raw.peek(8)[:8])  # peeked, not read: a pipe cannot be read again
    return _decompressing(kind, raw) if kind else raw


def _decompressing(kind: str, source) -> BinaryIO:  # noqa: ANN001 - a path or a binary stream
    import bz2
    import gzip
    import lzma

    opener = {"gzip": gzip.open, "bz2": bz2.open, "xz": lzma.open}[kind]
    return opener(source, "rb")  # type: ignore[return-value]


def check_dump(source: str) -> None:
    """Raise :class:`DumpError` now for a dump file in a compression wpclean does not read."""
    if source != STDIN and os.path.isfile(source):  # a pipe (<(…)) is checked as it is read
        with open(source, "rb") as stream:
            compression_of(stream.read(8))


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


def jsonl_tasks(
    source: str, text_field: str, id_field: str | None, max_bytes: int, html_field: str | None = None
) -> Iterator[Task]:
    """One task per non-blank line of a JSON Lines file (``-``: stdin), compressed or not."""
    name, stem = _dump_names(source)
    stream = open_dump(source)
    fields = RecordFields(text_field, id_field, html_field)
    with nullcontext(stream) if source == STDIN else stream as lines:
        for number, line in enumerate(bounded_lines(lines, max_bytes), start=1):
            if line is None:  # over the limit: measured while read, the rest of the line skipped unread
                label = f"{name}:{number}"
                problem = (
                    f"record is over the --max-bytes limit of {max_bytes:,} bytes; raise --max-bytes to process it"
                )
                yield Task(label, f"{stem}-{number:07d}", plan_path=label, problem=problem)
            elif line.strip():
                yield record_task(line, f"{name}:{number}", f"{stem}-{number:07d}", fields, max_bytes)


def _dump_names(source: str) -> tuple[str, str]:
    """How messages name a dump's records, and the stem of their output files
    (``crawl.jsonl.gz`` → ``crawl``)."""
    if source == STDIN:
        return STDIN_LABEL, "stdin"
    name = Path(source).name
    for suffix in (".gz", ".bz2", ".xz"):
        name = name.removesuffix(suffix)
    return visible(source), Path(name).stem


def csv_tasks(source: str, fields: RecordFields, max_bytes: int) -> Iterator[Task]:
    """One task per row of a CSV file with a header row (``-``: stdin), compressed or not."""
    import csv
    import io

    csv.field_size_limit(max(max_bytes, 1 << 20))
    name, stem = _dump_names(source)
    stream = open_dump(source)
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="replace", newline="")
    with nullcontext(text) if source == STDIN else text:
        reader = csv.DictReader(text)
        for number, row in enumerate(reader, start=1):
            yield row_task(row, f"{name}:{number}", f"{stem}-{number:07d}", fields, max_bytes)  # the data row's number


def row_task(row: dict, label: str, row_stem: str, fields: RecordFields, max_bytes: int) -> Task:
    """The task for one CSV row (or decoded JSON record); a row without the field becomes a task with a problem.

    >>> row_task({"html": "<p>x</p>", "url": "u"}, "d:2", "d-1", RecordFields(html="html", id="url"), 99).input_format
    'html'
    >>> row_task({"body": "x"}, "d:2", "d-1", RecordFields(), 99).problem
    "record has no 'text' field; name the text's field with --text-field"
    """
    field, flag = (fields.html, "--html-field") if fields.html else (fields.text, "--text-field")
    value = row.get(field)
    if not isinstance(value, str):
        what, kind = "no" if value is None else "a non-string", "HTML" if fields.html else "text"
        problem = f"record has {what} {field!r} field; name the {kind}'s field with {flag}"
        return Task(label, row_stem, plan_path=label, problem=problem)
    if len(value.encode("utf-8", "surrogatepass")) > max_bytes:
        problem = f"record is over the --max-bytes limit of {max_bytes:,}; raise --max-bytes to process it"
        return Task(label, row_stem, plan_path=label, problem=problem)
    doc_id = _record_id(row, fields.id)
    stem = id_stem(doc_id) if doc_id else row_stem
    return Task(label, stem, text=value, doc_id=doc_id, plan_path=label, input_format="html" if fields.html else None)


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
    html: str | None = None  # --html-field: the record's raw HTML, read as an HTML page


def record_task(line: bytes, label: str, line_stem: str, fields: RecordFields, max_bytes: int) -> Task:
    """The task for one JSON Lines record; a bad record becomes a task with a problem.

    >>> record_task(b'{"text": "x", "url": "a/b"}', "d:1", "d-1", RecordFields("text", "url"), 99)
    Task(label='d:1', stem='a_b-...', path=None, data=None, text='x', doc_id='a/b', plan_path='d:1', problem=None, ...)
    >>> record_task(b'{"body": "x"}', "d:2", "d-2", RecordFields(), 99).problem
    "record has no 'text' field; name the text's field with --text-field"
    >>> record_task(b'{"url": "a/b"}', "d:3", "d-3", RecordFields("text", "url"), 99).doc_id  # kept for --errors
    'a/b'
    """
    if len(line) > max_bytes:
        return Task(
            label,
            line_stem,
            plan_path=label,
            problem=f"record is {len(line):,} bytes, over the --max-bytes limit of {max_bytes:,}; raise --max-bytes to process it",
        )
    record, problem = _load_record(line)
    if problem is None and fields.html is not None:
        return row_task(record, label, line_stem, fields, max_bytes)
    problem = problem or _text_problem(record, fields)
    doc_id = _record_id(record, fields.id)
    if problem is not None:
        return Task(label, line_stem, doc_id=doc_id, plan_path=label, problem=problem)
    stem = id_stem(doc_id) if doc_id else line_stem
    return Task(label, stem, text=record[fields.text], doc_id=doc_id, plan_path=label)


def _load_record(line: bytes) -> tuple[dict, str | None]:
    """The line's JSON object, or ``{}`` and why it is none."""
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
    return record, None


def _text_problem(record: dict, fields: RecordFields) -> str | None:
    """Why the record has no text to process, if so (its id is still kept, for --errors)."""
    if fields.text not in record:
        return f"record has no {fields.text!r} field; name the text's field with --text-field"
    if not isinstance(record[fields.text], str):
        return f"record's {fields.text!r} field is not a string; name the text's field with --text-field"
    return None


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
    if any(map(read_once, (sources.from_list, sources.jsonl_in, sources.csv_in))):
        return None
    total = sum(1 for _ in discover(_named_paths(sources), sources.glob))
    if sources.jsonl_in is not None:
        total += _count_records(sources.jsonl_in)
    if sources.csv_in is not None:
        total += _count_rows(sources.csv_in)
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
        with open_dump(source) as stream:
            return sum(1 for line in stream if line.strip())
    except (OSError, EOFError, DumpError):
        return 0


def _count_rows(source: str) -> int:
    import csv
    import io

    csv.field_size_limit(1 << 30)
    try:
        with io.TextIOWrapper(open_dump(source), encoding="utf-8-sig", errors="replace", newline="") as text:
            return sum(1 for _ in csv.DictReader(text))
    except (OSError, EOFError, DumpError, csv.Error):
        return 0
