"""The API that worker processes and cluster engines call: one document in,
one plan out, with options that travel between processes unchanged."""

from __future__ import annotations

import pickle

import pytest

from tests.conftest import SEED
from wpclean import InputError, Options, process_document
from wpclean.batch.tasks import Settings, Task
from wpclean.cleaner.script import converter


def test_options_settings_and_tasks_pickle_to_equal_objects() -> None:
    options = Options(convert="hk2s", keep_punct=True, encoding="big5", max_bytes=1000, explain=True)
    settings = Settings(options, "jsonl", explain=True)
    task = Task(label="a.txt", stem="a", path="/data/a.txt", plan_path="a.txt")
    assert [pickle.loads(pickle.dumps(value)) for value in (options, settings, task)] == [options, settings, task]


def test_options_cannot_change_once_made() -> None:
    with pytest.raises(AttributeError):
        Options().convert = "none"  # type: ignore[misc]


def test_a_page_as_bytes_or_as_text_gives_one_plan(seed_bytes: bytes) -> None:
    from_bytes = process_document(seed_bytes, Options(), path="p", doc_id="d").plan
    from_text = process_document(seed_bytes.decode("utf-8"), Options(), path="p", doc_id="d").plan
    assert from_bytes == from_text and from_bytes.input.id == "d" and from_bytes.input.path == "p"


def test_a_bad_input_raises_input_error_saying_why() -> None:
    with pytest.raises(InputError, match="empty"):
        process_document(b"   \n", Options())


def test_each_process_builds_its_converter_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import opencc

    built = []

    class Counting(opencc.OpenCC):
        def __init__(self, config: str) -> None:
            built.append(config)
            super().__init__(config)

    converter.cache_clear()
    monkeypatch.setattr(opencc, "OpenCC", Counting)
    try:
        for _ in range(3):
            process_document(SEED.read_text(encoding="utf-8"), Options(convert="tw2s"))
    finally:
        converter.cache_clear()  # the next test builds a real one again
    assert built == ["tw2s.json"]
