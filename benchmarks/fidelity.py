"""Cleaning fidelity on the sample corpus: is the cleaned body the published one?

For every damaged input ``samples/corpus/NAME.txt`` with its original
``samples/originals/NAME.txt`` (published body = everything after the first
blank line), wpclean's cleaned body (``Result.body``: the header already
stripped) is compared with the original body:

- **pinyin left** — annotation-shaped groups after a Han character
  (``字(zi)``, ``字（zì）``, ``字 (zi4)``) in the cleaned body but not in the original;
- **parentheticals lost** — parenthesised passages of the original (``（试行）``,
  ``（市、区）``, nested ones too) missing from the cleaned body, compared by
  their Han characters, letters and digits;
- **character errors per 10,000** — edit distance between the two bodies' Han
  characters, letters and digits, per 10,000 of the original's.

The same figures are given for OpenCC t2s alone (wpclean without its overrides
table) as the baseline.

``--simulate`` damages the originals afresh, the way the corpus was damaged, to
measure on damage wpclean has not seen: each page (title, a source/date line,
body) goes through a simplified→traditional converter (OpenCC s2t/s2tw/s2hk;
hanziconv and zhconv zh-hant when installed), gets a pinyin annotation after
about one Han character in three — a random reading of that character, in a
random spelling (tone marks, toneless, tone digit, ü as v or u:), wrapping
(ASCII or full-width parentheses, a space before) and run length — and ASCII
punctuation.

``--forms`` generates content-farm damage (tests/damage.py: noise symbols,
word-level, capitalised, bracketed and broken groups, doubled marks, spaces,
markup, mojibake, reposting chrome) from the originals and reports, per form,
OpenCC t2s alone, an earlier wpclean (``--before PYTHON``: an interpreter with
that checkout installed, e.g. a ``git worktree`` of 7ef8edc in its own venv)
and this one: pages whose core characters equal the published text, groups
removed, real parentheticals kept, noise symbols removed, mojibake spans found
and repaired.  Then GBK read one byte off (tests/damage.py:gbk_shifted_lines:
every line of every original, in traditional script, with a byte put in or
lost): lines repaired, to the character or with unsure characters flagged,
repairs wrong outside what they flag, lines only flagged or left alone.
Run::

    python benchmarks/fidelity.py [--json] [--simulate [--seeds N]]
    python benchmarks/fidelity.py --forms [--seeds N] [--before /path/to/old/.venv/bin/python]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from unittest import mock

import regex

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "samples" / "corpus"
ORIGINALS = ROOT / "samples" / "originals"

_PINYIN_LETTERS = "a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêếềńňǹḿ\u0300\u0301\u0302\u0304\u030c:"
ANNOTATION_SHAPE = regex.compile(rf"\p{{Han}}[ \u00a0]?[(（][ \u00a0]?[{_PINYIN_LETTERS}]{{1,8}}[0-5]?[ \u00a0]?[)）]")
PARENTHETICAL = regex.compile(r"[(（](?:[^()（）]|(?R))*[)）]")


def core(text: str) -> str:
    """Han characters, letters and digits only."""
    return regex.sub(r"[^\p{Han}\p{L}\p{N}]+", "", text)


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (rapidfuzz if installed; otherwise a difflib upper bound, exact when 0)."""
    if a == b:
        return 0
    try:
        from rapidfuzz.distance import Levenshtein
    except ImportError:
        import difflib

        ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
        return sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in ops if tag != "equal")
    return Levenshtein.distance(a, b)


def original_body(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("\n\n", 1)[1]


def pinyin_left(original: str, cleaned: str) -> int:
    left = Counter(ANNOTATION_SHAPE.findall(cleaned)) - Counter(ANNOTATION_SHAPE.findall(original))
    return sum(left.values())


def parentheticals(text: str) -> Counter[str]:
    """Every parenthesised passage, nested ones included, by its core characters."""
    found: Counter[str] = Counter()
    for match in PARENTHETICAL.finditer(text, overlapped=True):
        found[core(match.group(0))] += 1
    return found


def parentheticals_lost(original: str, cleaned: str) -> int:
    return sum((parentheticals(original) - parentheticals(cleaned)).values())


@dataclass(frozen=True)
class Fidelity:
    name: str
    core_chars: int
    pinyin_left: int
    parentheticals: int
    parentheticals_lost: int
    errors: int
    errors_per_10k: float
    baseline_errors: int
    baseline_per_10k: float


@contextmanager
def opencc_alone():
    """wpclean with its overrides table switched off: the OpenCC t2s baseline."""
    with mock.patch("wpclean.cleaner.steps.apply_overrides", lambda text, record=None: text):
        yield


def cleaned_body(path: Path) -> str:
    from wpclean import process_bytes

    # The whole cleaned text after the header: the plan's body leaves out the
    # title the body repeats and the chrome after the end matter, which the
    # originals keep.
    from wpclean.parser.header import split_header

    return split_header(process_bytes(path.read_bytes(), path=str(path)).cleaned.text).body


def measure(path: Path) -> Fidelity:
    original = original_body(ORIGINALS / path.name)
    cleaned = cleaned_body(path)
    with opencc_alone():
        baseline = cleaned_body(path)
    want = core(original)
    errors, baseline_errors = edit_distance(want, core(cleaned)), edit_distance(want, core(baseline))
    return Fidelity(
        name=path.stem,
        core_chars=len(want),
        pinyin_left=pinyin_left(original, cleaned),
        parentheticals=sum(parentheticals(original).values()),
        parentheticals_lost=parentheticals_lost(original, cleaned),
        errors=errors,
        errors_per_10k=round(1e4 * errors / len(want), 2),
        baseline_errors=baseline_errors,
        baseline_per_10k=round(1e4 * baseline_errors / len(want), 2),
    )


def samples() -> list[Path]:
    return [path for path in sorted(CORPUS.glob("*.txt")) if (ORIGINALS / path.name).exists()]


def total(rows: list[Fidelity]) -> Fidelity:
    chars = sum(r.core_chars for r in rows)
    errors, baseline = sum(r.errors for r in rows), sum(r.baseline_errors for r in rows)
    return Fidelity(
        "total",
        chars,
        sum(r.pinyin_left for r in rows),
        sum(r.parentheticals for r in rows),
        sum(r.parentheticals_lost for r in rows),
        errors,
        round(1e4 * errors / chars, 2),
        baseline,
        round(1e4 * baseline / chars, 2),
    )


def markdown(rows: list[Fidelity]) -> str:
    lines = [
        "| sample | core chars | pinyin left | parentheticals lost | errors /10k: OpenCC t2s alone | errors /10k: wpclean |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in [*rows, total(rows)]:
        lines.append(
            f"| {r.name} | {r.core_chars:,} | {r.pinyin_left} | {r.parentheticals_lost} of {r.parentheticals} "
            f"| {r.baseline_per_10k:.2f} ({r.baseline_errors}) | {r.errors_per_10k:.2f} ({r.errors}) |"
        )
    return "\n".join(lines)


# --- simulated damage --------------------------------------------------------

_TONES = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}
_ASCII_PUNCT = str.maketrans({"，": ",", "；": ";", "：": ":", "（": "(", "）": ")", "！": "!", "？": "?"})


def simulated_converters() -> dict[str, object]:
    """Character-level simplified→traditional converters that are installed."""
    from wpclean.cleaner.script import converter

    found = {name: converter(name).convert for name in ("s2t", "s2tw", "s2hk")}
    try:
        from hanziconv import HanziConv

        found["hanziconv"] = HanziConv.toTraditional
    except ImportError:
        pass
    try:
        import zhconv

        found["zhconv-hant"] = lambda text: zhconv.convert(text, "zh-hant")
    except ImportError:
        pass
    return found


def spell(reading: str, rng) -> str:
    """One reading as some annotator would write it."""
    import unicodedata

    decomposed = unicodedata.normalize("NFD", reading)
    digit = next((_TONES[c] for c in decomposed if c in _TONES), "5")
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    form = rng.choice([reading, bare, bare + digit])
    return form.replace("ü", rng.choice(["ü", "v", "u:"])) if form != reading else form


def annotate(char: str, rng) -> str:
    from pypinyin import pinyin_dict

    readings = pinyin_dict.pinyin_dict.get(ord(char))
    if not readings:
        return ""
    syllable = spell(rng.choice(readings.split(",")), rng)
    opening, closing = rng.choice([("(", ")"), ("（", "）")])
    space = rng.choice(["", "", "", " "])
    return space + (opening + syllable + closing) * rng.choice([1, 1, 1, 2, 3])


def damage(page: str, convert, rng, rate: float = 0.3) -> str:
    converted = convert(page)
    out = []
    for char in converted:
        out.append(char)
        if "\u4e00" <= char <= "\u9fff" and rng.random() < rate:
            out.append(annotate(char, rng))
    return "".join(out).translate(_ASCII_PUNCT)


def page_of(original: Path) -> tuple[str, str]:
    """(the page as a site shows it, its published body) from an originals file."""
    head, body = original.read_text(encoding="utf-8").split("\n\n", 1)
    title, *fields = head.split("\n")
    meta = dict(field.split(": ", 1) for field in fields if ": " in field)
    return f"{title}\n信息来源：{meta.get('source', '')} 日期：{meta.get('date', '')}\n{body}", body


def simulate(seeds: int = 1, names: list[str] | None = None) -> list[Fidelity]:
    """One total row per converter (all installed ones, or ``names``)."""
    import random

    from wpclean import process_text
    from wpclean.parser.header import split_header

    rows = []
    for name, convert in simulated_converters().items():
        if names is not None and name not in names:
            continue
        rows_for_converter = []
        for original in sorted(ORIGINALS.glob("*.txt")):
            page, body = page_of(original)
            for seed in range(seeds):
                damaged = damage(page, convert, random.Random(f"{original.stem}-{seed}"))
                cleaned = split_header(process_text(damaged).cleaned.text).body
                want = core(body)
                errors = edit_distance(want, core(cleaned))
                rows_for_converter.append(
                    Fidelity(
                        f"{name}/{original.stem}/{seed}",
                        len(want),
                        pinyin_left(body, cleaned),
                        sum(parentheticals(body).values()),
                        parentheticals_lost(body, cleaned),
                        errors,
                        round(1e4 * errors / len(want), 2),
                        0,
                        0.0,
                    )
                )
        rows.append(_named(total(rows_for_converter), name))
    return rows


def _named(row: Fidelity, name: str) -> Fidelity:
    from dataclasses import replace

    return replace(row, name=name)


def simulated_markdown(rows: list[Fidelity]) -> str:
    lines = [
        "| converter | core chars | pinyin left | parentheticals lost | errors /10k: wpclean |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    lines += [
        f"| {r.name} | {r.core_chars:,} | {r.pinyin_left} | {r.parentheticals_lost} of {r.parentheticals} | {r.errors_per_10k:.2f} ({r.errors}) |"
        for r in rows
    ]
    return "\n".join(lines)


# --- content-farm damage, per form (issue 16) --------------------------------

_GROUP_LETTERS = "A-Za-zĀÁǍÀĒÉĚÈĪÍǏÌŌÓǑÒŪÚǓÙǕǗǙǛÜÊāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêếềńňǹḿ"
BROAD_GROUP = regex.compile(
    rf"\p{{Han}}[ \u00a0]?[(（\[【][ \u00a0]?[{_GROUP_LETTERS}][{_GROUP_LETTERS}0-5:' \u00a0-]{{0,39}}[)）\]】]"
    rf"|\p{{Han}}[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{{1,8}}[0-5]?[)）]"
    rf"|\p{{Han}}[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{{0,8}}$",
    regex.MULTILINE,
)


@dataclass(frozen=True)
class FormRow:
    form: str
    contender: str
    pages: int
    pages_exact: int  # character for character the published text
    pages_core: int  # Han characters, letters and digits those of the published text
    groups_injected: int
    groups_left: int
    parentheticals: int
    parentheticals_kept: int
    noise_injected: int
    noise_left: int
    mojibake_injected: int
    mojibake_found: int
    mojibake_repaired: int = 0


def groups_left(original: str, cleaned: str) -> int:
    left = Counter(BROAD_GROUP.findall(cleaned)) - Counter(BROAD_GROUP.findall(original))
    return sum(left.values())


_BEFORE_SCRIPT = (
    "import json, sys\n"
    "from wpclean.cleaner.steps import clean_text\n"
    "print(json.dumps([clean_text(t).text for t in json.load(sys.stdin)], ensure_ascii=False))\n"
)


def _cleaned_by(python: str, texts: list[str]) -> list[str]:
    """``texts`` cleaned by the wpclean another interpreter has installed
    (a checkout of an earlier commit, in its own virtual environment)."""
    return _run_with(python, _BEFORE_SCRIPT, texts)


def _run_with(python: str, script: str, texts: list[str], cwd: Path | None = None) -> list:
    """What ``script`` prints as JSON, run by ``python`` with ``texts`` as JSON on its input."""
    import subprocess

    done = subprocess.run(
        [python, "-c", script],
        input=json.dumps(texts, ensure_ascii=False),
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
        cwd=cwd,
    )
    return json.loads(done.stdout)


def forms(seeds: int = 1, before: str | None = None) -> list[FormRow]:
    """Each form of tests/damage.py on every original: OpenCC t2s alone, the
    wpclean ``before`` has installed (if given), and this wpclean."""
    import random

    sys.path.insert(0, str(ROOT))
    from tests.damage import FORMS, NOISE_SYMBOLS, damage, originals
    from wpclean.cleaner.script import converter
    from wpclean.cleaner.steps import clean_text

    rows = []
    for form in FORMS:
        pages = [
            (body, *damage(body, form, random.Random(f"{name}-{form}-{seed}")))
            for name, body in originals()
            for seed in range(seeds)
        ]
        damaged = [text for _, text, _ in pages]
        contenders: dict[str, tuple[list[str], list[int]]] = {
            "OpenCC t2s alone": ([converter("t2s").convert(t) for t in damaged], [0] * len(damaged))
        }
        if before:
            contenders["wpclean before"] = (_cleaned_by(before, damaged), [0] * len(damaged))
        ours = [clean_text(t) for t in damaged]
        contenders["wpclean"] = ([c.text for c in ours], [sum(w[0] == "mojibake" for w in c.warnings) for c in ours])
        repaired = sum(c.counts["mojibake_repaired"] for c in ours)
        for contender, (cleaned, found) in contenders.items():
            rows.append(
                FormRow(
                    form,
                    contender,
                    len(pages),
                    sum(body == text for (body, _, _), text in zip(pages, cleaned)),
                    sum(core(body) == core(text) for (body, _, _), text in zip(pages, cleaned)),
                    sum(injected["groups"] for _, _, injected in pages),
                    sum(groups_left(body, _without(text, NOISE_SYMBOLS)) for (body, _, _), text in zip(pages, cleaned)),
                    sum(sum(parentheticals(body).values()) for body, _, _ in pages),
                    sum(
                        sum((parentheticals(body) & parentheticals(text)).values())
                        for (body, _, _), text in zip(pages, cleaned)
                    ),
                    sum(injected["noise"] for _, _, injected in pages),
                    sum(sum(text.count(s) for s in NOISE_SYMBOLS) for text in cleaned),
                    sum(injected["mojibake"] for _, _, injected in pages),
                    sum(found),
                    repaired if contender == "wpclean" else 0,
                )
            )
    return rows


@dataclass
class ShiftedRow:
    damage: str  # a byte put in, or a byte lost
    contender: str
    lines: int  # lines that the damage changed
    exact: int  # repaired to the character
    flagged_rest_right: int  # repaired, unsure characters flagged, the rest the published line
    wrong: int  # a repair that is not the published line outside what it flags
    flagged_only: int  # a mojibake warning, no repair
    untouched: int  # neither


_SHIFTED_SCRIPT = (
    "import json, sys\n"
    "from wpclean.cleaner.steps import clean_text\n"
    "from wpclean.options import Options\n"
    "out = []\n"
    "for t in json.load(sys.stdin):\n"
    "    c = clean_text(t, Options(convert='none', keep_punct=True))\n"
    "    out.append([c.text, len(c.warnings)])\n"
    "print(json.dumps(out, ensure_ascii=False))\n"
)


def shifted(before: str | None = None) -> list[ShiftedRow]:
    """GBK read one byte off, on every line of every original: what wpclean
    (and the one ``before`` has installed) makes of it."""
    import random

    sys.path.insert(0, str(ROOT))
    from tests.damage import gbk_shifted_lines, originals

    rows = []
    for lose, label in ((False, "byte put in"), (True, "byte lost")):
        pairs = [pair for name, body in originals() for pair in gbk_shifted_lines(body, random.Random(name), lose)]
        pairs = [(line, damaged) for line, damaged in pairs if line != damaged]
        damaged = [d for _, d in pairs]
        pythons = {"wpclean": sys.executable, **({"wpclean before": before} if before else {})}
        for contender, python in pythons.items():
            results = _run_with(python, _SHIFTED_SCRIPT, damaged, cwd=ROOT if contender == "wpclean" else None)
            counts = Counter(
                _shifted_outcome(line, d, text, warned, lose) for (line, d), (text, warned) in zip(pairs, results)
            )
            rows.append(ShiftedRow(label, contender, len(pairs), *(counts[k] for k in _OUTCOMES)))
    return rows


_OUTCOMES = ("exact", "flagged_rest_right", "wrong", "flagged_only", "untouched")


def _shifted_outcome(line: str, damaged: str, cleaned: str, warned: int, lose: bool) -> str:
    """How one damaged line came out: repaired (the text changed) or not."""
    if cleaned == damaged:
        return "flagged_only" if warned else "untouched"
    if cleaned == line or (lose and any(line[:i] + line[i + 1 :] == cleaned for i in range(len(line)))):
        return "exact"
    # the published line, but for characters kept as they were (flagged) between a common start and end
    head = 0
    while head < min(len(line), len(cleaned)) and line[head] == cleaned[head]:
        head += 1
    tail = 0
    while tail < min(len(line), len(cleaned)) - head and line[-1 - tail] == cleaned[-1 - tail]:
        tail += 1
    unsure = cleaned[head : len(cleaned) - tail]
    return "flagged_rest_right" if warned and unsure and unsure in damaged and len(unsure) <= 8 else "wrong"


def shifted_markdown(rows: list[ShiftedRow]) -> str:
    lines = [
        "| damage | contender | lines | repaired exactly | repaired, unsure chars flagged | repairs wrong |"
        " flagged only | untouched |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {r.damage} | {r.contender} | {r.lines} | {r.exact} | {r.flagged_rest_right} | {r.wrong} | "
            f"{r.flagged_only} | {r.untouched} |"
        )
    return "\n".join(lines)


def _without(text: str, chars: str) -> str:
    return text.translate({ord(c): None for c in chars})


def forms_markdown(rows: list[FormRow]) -> str:
    lines = [
        "| form | contender | pages exact | pages, core chars | groups removed | real parentheticals kept |"
        " noise symbols removed | mojibake spans found | mojibake spans repaired |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        groups = f"{r.groups_injected - r.groups_left} of {r.groups_injected}" if r.groups_injected else "-"
        noise = f"{r.noise_injected - r.noise_left} of {r.noise_injected}" if r.noise_injected else "-"
        mojibake = f"{r.mojibake_found} of {r.mojibake_injected}" if r.mojibake_injected else "-"
        repaired = str(r.mojibake_repaired) if r.mojibake_injected and r.contender == "wpclean" else "-"
        lines.append(
            f"| {r.form} | {r.contender} | {r.pages_exact} of {r.pages} | {r.pages_core} of {r.pages} | {groups} | "
            f"{r.parentheticals_kept} of {r.parentheticals} | {noise} | {mojibake} | {repaired} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="one JSON object per sample instead of a table")
    parser.add_argument(
        "--simulate", action="store_true", help="damage the originals afresh with every installed converter"
    )
    parser.add_argument(
        "--seeds", type=int, default=1, help="damaged copies of each original per converter (--simulate, --forms)"
    )
    parser.add_argument("--forms", action="store_true", help="content-farm damage, per form (tests/damage.py)")
    parser.add_argument(
        "--before", metavar="PYTHON", help="with --forms: also the wpclean this interpreter has installed"
    )
    args = parser.parse_args(argv)
    if args.forms:
        form_rows = forms(args.seeds, args.before)
        shifted_rows = shifted(args.before)
        if args.json:
            print("\n".join(json.dumps(asdict(r), ensure_ascii=False) for r in [*form_rows, *shifted_rows]))
        else:
            print(forms_markdown(form_rows) + "\n\n" + shifted_markdown(shifted_rows))
        return 0
    if args.simulate:
        rows = simulate(args.seeds)
        print(
            "\n".join(json.dumps(asdict(r), ensure_ascii=False) for r in rows)
            if args.json
            else simulated_markdown(rows)
        )
        return 0
    rows = [measure(path) for path in samples()]
    if args.json:
        for row in [*rows, total(rows)]:
            print(json.dumps(asdict(row), ensure_ascii=False))
    else:
        print(markdown(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
