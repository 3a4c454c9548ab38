"""Generated corpora for batch tests and the batch benchmark: small pages cut
from the damaged sample pages, each one a little different."""

from __future__ import annotations

import random
from pathlib import Path

from tests.conftest import CORPUS_INPUTS, SEED

SOURCES = [*CORPUS_INPUTS, SEED]


def page(number: int, min_chars: int = 600, max_chars: int = 2400) -> str:
    """Page ``number``: a sample's first two lines (title, source and date) with
    the number in the title, then a window of its body cut at sentence ends."""
    rng = random.Random(number)
    text = SOURCES[number % len(SOURCES)].read_text(encoding="utf-8")
    title, info, body = (text.split("\n", 2) + ["", ""])[:3]
    start = _sentence_start(body, rng.randrange(max(1, len(body) - max_chars)))
    end = body.find("。", start + rng.randint(min_chars, max_chars))
    window = body[start : end + 1 if end >= 0 else None]
    return f"{title}（第{number}号）\n{info}\n{window}\n"


def _sentence_start(body: str, position: int) -> int:
    before = body.rfind("。", 0, position)
    return before + 1 if before >= 0 else 0


def write_pages(folder: Path, count: int, per_folder: int = 50) -> list[Path]:
    """``count`` UTF-8 pages under ``folder``, ``per_folder`` to a subfolder."""
    paths = []
    for number in range(count):
        path = folder / f"part{number // per_folder:03d}" / f"page{number:05d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page(number), encoding="utf-8")
        paths.append(path)
    return paths
