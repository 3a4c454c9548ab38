"""Crawl dumps: JSON Lines and CSV records, compressed or not, with a text or an HTML field."""

from __future__ import annotations

import bz2
import csv
import gzip
import json
import lzma
import subprocess
import sys
from pathlib import Path

import pytest

from wpclean.batch.sources import DumpError, RecordFields, Sources, compression_of, count_tasks, tasks

PAGE = Path(__file__).resolve().parent.parent / "samples" / "html" / "14-lishui-gov-tuiyishibing-anzhi-2023.html"
TEXT = "关于做好工作的通知\n一、总体要求\n加强领导。"
RECORDS = [
    {"url": "u/1", "text": TEXT, "html": PAGE.read_text(encoding="utf-8")},
    {"url": "u/2", "text": TEXT, "html": "<div id=zoom><p>标题</p><p>一、甲</p></div>"},
]
COMPRESSORS = {"": lambda data: data, ".gz": gzip.compress, ".bz2": bz2.compress, ".xz": lzma.compress}


def _jsonl(folder: Path, suffix: str) -> Path:
    path = folder / f"crawl.jsonl{suffix}"
    data = "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in RECORDS).encode("utf-8")
    path.write_bytes(COMPRESSORS[suffix](data))
    return path


def _csv(folder: Path, suffix: str) -> Path:
    plain = folder / "plain.csv"
    with plain.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=["url", "text", "html"])
        writer.writeheader()
        writer.writerows(RECORDS)
    path = folder / f"crawl.csv{suffix}"
    path.write_bytes(COMPRESSORS[suffix](plain.read_bytes()))
    return path


@pytest.mark.parametrize("suffix", list(COMPRESSORS))
@pytest.mark.parametrize("maker", [_jsonl, _csv], ids=["jsonl", "csv"])
def test_dumps_are_read_compressed_or_not_with_text_or_html_fields(tmp_path: Path, suffix: str, maker) -> None:
    dump = str(maker(tmp_path, suffix))
    kind = "jsonl_in" if "jsonl" in dump else "csv_in"
    text_tasks = list(tasks(Sources(id_field="url", **{kind: dump}), 10**8))
    assert [(task.text, task.doc_id, task.input_format) for task in text_tasks] == [
        (TEXT, "u/1", None),
        (TEXT, "u/2", None),
    ]
    html_tasks = list(tasks(Sources(id_field="url", html_field="html", **{kind: dump}), 10**8))
    assert [task.input_format for task in html_tasks] == ["html", "html"] and html_tasks[0].text == RECORDS[0]["html"]
    assert count_tasks(Sources(**{kind: dump})) == 2
    assert text_tasks[0].stem == "u_1-" + text_tasks[0].stem.split("-")[-1]


def test_an_html_field_goes_through_the_html_path_in_a_batch(tmp_path: Path) -> None:
    dump = _csv(tmp_path, ".gz")
    command = [
        sys.executable,
        "-m",
        "wpclean.cli",
        "--csv-in",
        str(dump),
        "--html-field",
        "html",
        "--id-field",
        "url",
        "--jsonl",
        "-q",
    ]
    result = subprocess.run(command, capture_output=True, timeout=300, cwd=tmp_path, check=True)
    plans = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    assert plans[0]["page"]["index_number"] == "113325000026455663/2023-43887" and plans[0]["input"]["id"] == "u/1"
    assert plans[1]["page"]["container"] == "#zoom" and plans[1]["sections"][0]["heading"] == "甲"


@pytest.mark.parametrize(
    ("magic", "name"), [(b"\x28\xb5\x2f\xfd", "zstd"), (b"PK\x03\x04", "zip"), (b"7z\xbc\xaf\x27\x1c", "7z")]
)
def test_other_compressions_are_refused_with_one_clear_error(tmp_path: Path, magic: bytes, name: str) -> None:
    with pytest.raises(DumpError, match=f"it is {name}-compressed"):
        compression_of(magic + b"....")
    dump = tmp_path / "crawl.jsonl"
    dump.write_bytes(magic + b"\x00" * 64)
    result = subprocess.run(
        [sys.executable, "-m", "wpclean.cli", "--jsonl-in", str(dump), "--jsonl"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert result.returncode == 2 and result.stdout == ""
    assert (
        result.stderr.startswith(f"wpclean: error: --jsonl-in {dump}: it is {name}-compressed")
        and "Traceback" not in result.stderr
    )


def test_a_record_without_the_html_field_fails_alone_with_the_flag_to_use() -> None:
    from wpclean.batch.sources import row_task

    task = row_task({"text": "x"}, "d:1", "d-1", RecordFields(html="body_html"), 99)
    assert task.problem == "record has no 'body_html' field; name the HTML's field with --html-field"


def test_a_deeply_nested_record_with_an_html_field_is_that_records_error() -> None:
    from wpclean.batch.sources import RecordFields, record_task

    task = record_task(b"[" * 100_000, "d:1", "d-1", RecordFields(html="html"), 10**7)
    assert task.problem == "record is nested too deeply to be read as JSON; fix or remove the line"
