"""Nothing super-linear: pathological inputs cost time proportional to their size.

Each input's whole run (clean, parse, validate, JSON) is timed at two sizes,
n / 4 and n, and the larger may cost at most GROWTH times the smaller: a
linear run grows about 4x (less where fixed costs weigh), a quadratic one 16x
(nested parentheses took 1.8 s for 25 kB and 30 s for 100 kB before the
punctuation step stopped rescanning each pair's inside).  The ratio is taken
within one test, so a busy machine slows both runs alike; CPU time of this
process is measured, each pair back to back, and the best pair of a few tries counts.  No absolute
time is asserted.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from wpclean import process_text
from wpclean.options import Options
from wpclean.render.formats import render_plan

GROWTH = 10  # 4x the input may cost this many times as much: linear measures 3-6.5x, quadratic 16x
TRIES = 5  # a pair of runs is retried while the bound fails (a busy machine); the best pair counts


def _numbered(template: str, count: int) -> str:
    return "".join(template.format(n="一二三四五六七八九"[i % 9], i=i % 90 + 1) for i in range(count))


# Each case makes its input from a size n; the test runs it at n // 4 and at n.
CASES: dict[str, tuple[Callable[[int], str], int]] = {
    "100,000 ( in a row": (lambda n: "深" + "(" * n + "圳", 100_000),
    "100,000 ) in a row": (lambda n: "深" + ")" * n, 100_000),
    "300 kB without a line break": (
        lambda n: ("深(shen)圳(zhen)市教育局,網(wǎng)絡，加快發展。" * (n // 25 + 1))[:n],
        300_000,
    ),
    "deeply nested parentheses, Han inside": (lambda n: "深" + "(" * n + "圳(zhen)" + ")" * n, 50_000),
    "deeply nested parentheses, Han at the centre only": (lambda n: "a" + "(" * n + "中" + ")" * n, 50_000),
    "unclosed parentheses before Han": (lambda n: "(中" * n, 50_000),
    "10,000 section headings": (lambda n: _numbered("{n}、标题\n", n), 10_000),
    "10,000 headings between ideographic spaces": (lambda n: "　　".join(["一、标题"] * n), 10_000),
    "10,000 （n） headings": (lambda n: _numbered("（{i}）标题\n", n), 10_000),
    "10,000 items": (lambda n: "。".join(_numbered("{n}是做", n).split("做")), 10_000),
    "100,000 spaces": (lambda n: "深" + " " * n + "圳", 100_000),
    "100,000 ideographic spaces": (lambda n: "深" + "\u3000" * n + "圳", 100_000),
    "a run of 20,000 annotations": (lambda n: "教" + "(jiao)" * n, 20_000),
    "chrome nested 10,000 deep": (lambda n: "【打印" * n + "】" * n, 10_000),
    "chrome and annotations nested 5,000 deep": (lambda n: "年" + "【打" * n + "(da)印本页】" * n + "(nian)", 5_000),
    "a 100 kB line of chrome": (lambda n: "当前位置：" + "深" * n, 100_000),
    "50,000 commas": (lambda n: "深," * n, 50_000),
    "5,000 URLs": (lambda n: "网址http://a.cn/x?a=1,b " * n, 5_000),
    "20,000 mojibake repairs and losses on a line": (lambda n: "дЄ≠еНОдЇЇ??" * n, 20_000),
}


def _seconds(run: Callable[[], object]) -> float:
    """CPU seconds of this process: what other processes on a busy machine take is not counted."""
    started = time.process_time()
    run()
    return time.process_time() - started


def _run(text: str) -> float:
    return _seconds(lambda: render_plan(process_text(text).plan))


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    """Compile the patterns and build the converter before anything is timed."""
    process_text("深(shen)圳，（一）一是。", Options())


@pytest.mark.parametrize("name", CASES)
def test_pathological_input_costs_time_proportional_to_its_size(name: str) -> None:
    make, size = CASES[name]
    small, large = make(size // 4), make(size)
    growth = float("inf")
    for _ in range(TRIES):
        seconds_small = _run(small)  # each pair back to back: a busy moment hits both, not one side's best
        growth = min(growth, _run(large) / seconds_small)
        if growth <= GROWTH:
            break
    assert growth <= GROWTH, f"4x the input took {growth:.1f}x the time"
