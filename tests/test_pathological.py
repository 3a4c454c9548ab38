"""Nothing super-linear: pathological inputs cost time proportional to their size.

Each input's whole run (clean, parse, validate, JSON) is timed against a plain
regular-expression pass over the same input that visits every character, with
a generous ratio: a linear step stays far below it (the worst measured is
about 75x, on a page that is nothing but section headings), while a quadratic
one exceeds it by orders of magnitude at these sizes (nested parentheses took
1.8 s for 25 kB and 30 s for 100 kB before the punctuation step stopped
rescanning each pair's inside).  No absolute time is asserted.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import pytest

from wpclean import process_text
from wpclean.options import Options
from wpclean.render.formats import render_plan

RATIO = 400  # the run may cost this many plain regex passes over the same input
TRIES = 3  # a run is retried when the machine was busy; the best counts


def _numbered(template: str, count: int) -> str:
    return "".join(template.format(n="一二三四五六七八九"[i % 9], i=i % 90 + 1) for i in range(count))


CASES: dict[str, Callable[[], str]] = {
    "100,000 ( in a row": lambda: "深" + "(" * 100_000 + "圳",
    "100,000 ) in a row": lambda: "深" + ")" * 100_000,
    "300 kB without a line break": lambda: ("深(shen)圳(zhen)市教育局,網(wǎng)絡，加快發展。" * 12_000)[:300_000],
    "deeply nested parentheses, Han inside": lambda: "深" + "(" * 50_000 + "圳(zhen)" + ")" * 50_000,
    "deeply nested parentheses, Han at the centre only": lambda: "a" + "(" * 50_000 + "中" + ")" * 50_000,
    "unclosed parentheses before Han": lambda: "(中" * 50_000,
    "10,000 section headings": lambda: _numbered("{n}、标题\n", 10_000),
    "10,000 headings between ideographic spaces": lambda: "　　".join(["一、标题"] * 10_000),
    "10,000 （n） headings": lambda: _numbered("（{i}）标题\n", 10_000),
    "10,000 items": lambda: "。".join(_numbered("{n}是做", 10_000).split("做")),
    "100,000 spaces": lambda: "深" + " " * 100_000 + "圳",
    "100,000 ideographic spaces": lambda: "深" + "\u3000" * 100_000 + "圳",
    "a run of 20,000 annotations": lambda: "教" + "(jiao)" * 20_000,
    "chrome nested 10,000 deep": lambda: "【打印" * 10_000 + "】" * 10_000,
    "chrome and annotations nested 5,000 deep": lambda: "年" + "【打" * 5_000 + "(da)印本页】" * 5_000 + "(nian)",
    "a 100 kB line of chrome": lambda: "当前位置：" + "深" * 100_000,
    "50,000 commas": lambda: "深," * 50_000,
    "5,000 URLs": lambda: "网址http://a.cn/x?a=1,b " * 5_000,
    "20,000 mojibake repairs and losses on a line": lambda: "дЄ≠еНОдЇЇ??" * 20_000,
}


def _seconds(run: Callable[[], object]) -> float:
    """CPU seconds of this process: what other processes on a busy machine take is not counted."""
    started = time.process_time()
    run()
    return time.process_time() - started


def _plain_pass(text: str) -> str:
    return re.sub(r"(?s).", "", text)


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    """Compile the patterns and build the converter before anything is timed."""
    process_text("深(shen)圳，（一）一是。", Options())


@pytest.mark.parametrize("name", CASES)
def test_pathological_input_costs_time_proportional_to_its_size(name: str) -> None:
    text = CASES[name]()
    reference = min(_seconds(lambda: _plain_pass(text)) for _ in range(3))
    best = float("inf")
    for _ in range(TRIES):
        best = min(best, _seconds(lambda: render_plan(process_text(text).plan)))
        if best <= RATIO * reference:
            break
    assert best <= RATIO * reference, f"{best:.3f} s, {best / reference:.0f} plain regex passes"
