"""Seeded generator of content-farm damage: each form the cleaner repairs,
applied to the published originals (samples/originals), so that cleaning the
damaged page must give what cleaning the original gives.

    damaged, injected = damage(body, "noise", random.Random(3))

``injected`` counts what was put in (groups, symbols, mojibake spans), for
benchmarks/fidelity.py.  No rule here names a site or a file.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from tests.conftest import ORIGINALS

HAN_RANGE = ("\u4e00", "\u9fff")
NOISE_SYMBOLS = "☂⛦☀☘⚡✈❤✿🎐🎉🔥🌸👍\u200b\u200d\u3164"
CHROME_LINES = [
    "【发布日期:2024-02-19】 【来源:本站】 【阅读:次】",
    "分享至:",
    "【打印】 【关闭】",
    "今天是2024年2月19日 星期一 天气预报:晴",
    "第01版:要闻",
    "返回目录 放大缩小全文复制 上一篇 下一篇",
    "《 人民日报 》( 2024年02月19日 第 01 版)",
]
TRUNCATION_NOTES = ["(未完,全文共1662字,当前显示422字)", "……(…省略826字,正式会员可完整阅读)"]
MARKUP = ["</p>", "<br>", '<span style="font-size:16px">', "</span>", "&nbsp;", "<b>", "</b>"]
CSS_LINE = '@page { size: 21cm 29.7cm; margin: 2cm } p.cjk { font-family: "宋体"; font-size: 16pt }'
MISREAD_CODECS = ["mac_cyrillic", "cp1252", "cp1251"]
# Style sheets as word processors export them, spread over several lines.
STYLE_SHEETS = [
    '@page {\n size: 21cm 29.7cm;\n margin: 2cm }\n p.cjk {\n font-family: "宋体";\n }',
    "<!--\n@page { size: 21cm 29.7cm; margin: 2cm }\np { margin-bottom: 0.25cm; line-height: 120% }\n-->",
    '.MsoNormal {\n  mso-style-parent: "";\n  font-size: 10.5pt;\n  font-family: "Times New Roman";\n}',
    "@font-face\n\t{font-family:宋体;\n\tpanose-1:2 1 6 0 3 1 1 1 1 1;\n\tmso-font-charset:134;}",
    "table.MsoTableGrid {\n border: solid windowtext 1.0pt;\n mso-border-alt: solid windowtext .5pt;\n}",
    "<!--\n /* Style Definitions */\np.MsoNormal, li.MsoNormal, div.MsoNormal\n\t{margin:0cm;\n\tfont-size:12.0pt;}"
    "\n@page Section1\n\t{size:595.3pt 841.9pt;}\ndiv.Section1\n\t{page:Section1;}\n-->",
]


def originals() -> list[tuple[str, str]]:
    """(name, published body) of every original."""
    return [
        (path.stem, path.read_text(encoding="utf-8").split("\n\n", 1)[1]) for path in sorted(ORIGINALS.glob("*.txt"))
    ]


def is_han(char: str) -> bool:
    return HAN_RANGE[0] <= char <= HAN_RANGE[1]


def reading(chars: str) -> list[str]:
    """One tone-marked syllable per character (pypinyin's first reading)."""
    from pypinyin import Style, pinyin

    return [found[0] for found in pinyin(chars, style=Style.TONE, heteronym=False, errors=lambda c: ["?"])]


def _annotate(
    body: str, rng: random.Random, write: Callable[[str, random.Random], str | None], rate: float
) -> tuple[str, int]:
    """Put ``write(word)`` after about ``rate`` of the Han characters (or words)."""
    out, count, i = [], 0, 0
    while i < len(body):
        char = body[i]
        if is_han(char) and rng.random() < rate:
            size = rng.choice([1, 2, 2, 3])
            word = body[i : i + size]
            if len(word) == size and all(map(is_han, word)):
                group = write(word, rng)
                if group is not None:
                    out.append(word + group)
                    count += 1
                    i += size
                    continue
        out.append(char)
        i += 1
    return "".join(out), count


def _word_group(word: str, rng: random.Random) -> str | None:
    syllables = reading(word)
    if "?" in syllables:
        return None
    joined = rng.choice([" ".join(syllables), "".join(syllables)]) if len(word) > 1 else syllables[0]
    return rng.choice(["(", "（"]) + joined + rng.choice([")", "）"])


def _capitalised_group(word: str, rng: random.Random) -> str | None:
    group = _word_group(word, rng)
    return None if group is None else group[0] + group[1].upper() + group[2:]


def _bracketed_group(word: str, rng: random.Random) -> str | None:
    syllables = reading(word[-1])
    opening, closing = rng.choice([("[", "]"), ("【", "】")])
    return None if "?" in syllables else opening + syllables[0] + closing


def _noisy_group(word: str, rng: random.Random) -> str | None:
    syllable = reading(word[-1])[0]
    if syllable == "?":
        return None
    symbol = rng.choice(NOISE_SYMBOLS)
    where = rng.randrange(3)
    if where == 0:  # between the character and its group
        return symbol + f"({syllable})"
    if where == 1:  # inside the group
        cut = rng.randrange(1, len(syllable) + 1)
        return f"({syllable[:cut]}{symbol}{syllable[cut:]})"
    return f"({syllable}){symbol}({syllable})"  # between two groups


def _spaced_group(word: str, rng: random.Random) -> str | None:
    syllable = reading(word[-1])[0]
    return None if syllable == "?" else f"({syllable} )"


def _single(word: str) -> str:
    return word[-1]


def noise(body: str, rng: random.Random) -> tuple[str, Counter[str]]:
    damaged, groups = _annotate(body, rng, lambda w, r: _noisy_group(_single(w), r), 0.2)
    loose = []
    for char in damaged:
        loose.append(char)
        if is_han(char) and rng.random() < 0.02:
            loose.append(rng.choice(NOISE_SYMBOLS))
    text = "".join(loose)
    return text, Counter(groups=groups, noise=sum(text.count(s) for s in NOISE_SYMBOLS))


def word_groups(body: str, rng: random.Random) -> tuple[str, Counter[str]]:
    text, groups = _annotate(body, rng, _word_group, 0.2)
    return text, Counter(groups=groups)


def capitalised_groups(body: str, rng: random.Random) -> tuple[str, Counter[str]]:
    text, groups = _annotate(body, rng, _capitalised_group, 0.15)
    return text, Counter(groups=groups)


def bracketed_groups(body: str, rng: random.Random) -> tuple[str, Counter[str]]:
    text, groups = _annotate(body, rng, lambda w, r: _bracketed_group(_single(w), r), 0.2)
    return text, Counter(groups=groups)


def broken_groups(body: str, rng: random.Random) -> tuple[str, Counter[str]]:
    """Groups that lost their opening bracket, a space before the closing one,
    and a page cut in the middle of a group."""
    text, groups = _annotate(body, rng, lambda w, r: r.choice([_spaced_group, _unopened])(_single(w), r), 0.1)
    cut_at = max(i for i, char in enumerate(text) if is_han(char))
    syllable = reading(text[cut_at])[0]
    if syllable == "?":
        return text, Counter(groups=groups)
    return text[: cut_at + 1] + "(" + syllable[: rng.randrange(len(syllable))], Counter(groups=groups + 1)


def _unopened(word: str, rng: random.Random) -> str | None:
    syllable = reading(word)[0]
    return None if syllable == "?" else f"{syllable})"


def doubled_punct(body: str, rng: random.Random) -> tuple[str, Counter[str]]:
    out, count = [], 0
    for char in body:
        if char in "，。" and rng.random() < 0.3:
            out.append(
                rng.choice([",,", ",、", "，，", "，、"]) if char == "，" else rng.choice([",。", "，。", "。。"])
            )
            count += 1
        else:
            out.append(char)
    return "".join(out), Counter(doubled=count)


def spaces(body: str, rng: random.Random) -> tuple[str, Counter[str]]:
    out, count, i = [], 0, 0
    while i < len(body):
        window = body[i : i + 3]
        # Not beside a space the page has: 中央 国 务 院 cannot be told from 中央国务院 spaced.
        beside = body[i - 1 : i] + body[i + 3 : i + 4]
        if (
            len(window) == 3
            and all(map(is_han, window))
            and (i == 0 or not is_han(body[i - 1]))
            and " " not in beside
            and rng.random() < 0.3
        ):
            out.append(" ".join(window))
            count += 2
            i += 3
            continue
        char = body[i]
        if char in "，。" and i and is_han(body[i - 1]) and rng.random() < 0.1:
            out.append(" ")
            count += 1
        elif is_han(char) and i and is_han(body[i - 1]) and rng.random() < 0.01:
            out.append(rng.choice(["\u200b", "\u00a0"]))
            count += 1
        out.append(char)
        i += 1
    return "".join(out), Counter(spaces=count)


def markup(body: str, rng: random.Random) -> tuple[str, Counter[str]]:
    lines = body.split("\n")
    count = 0
    for number, line in enumerate(lines):
        if line and rng.random() < 0.5:
            lines[number] = "<p>" + line + "</p>"
            count += 2
    lines.insert(0, CSS_LINE)
    return "\n".join(lines), Counter(markup=count + 1)


def style_sheets(body: str, rng: random.Random) -> tuple[str, Counter[str]]:
    """A style sheet over several lines at the top (as an export has it) and
    another between two paragraphs."""
    lines = body.split("\n")
    lines.insert(rng.randrange(1, len(lines)), rng.choice(STYLE_SHEETS))
    lines.insert(0, rng.choice(STYLE_SHEETS))
    return "\n".join(lines), Counter(markup=2)


def mojibake(body: str, rng: random.Random) -> tuple[str, Counter[str]]:
    """Spans of Chinese characters as UTF-8 read with a single-byte code page
    (repairable), and runs of ``??`` where characters were lost (flagged)."""
    out, spans, i = [], 0, 0
    codec = rng.choice(MISREAD_CODECS)  # a page is misread with one code page
    while i < len(body):
        window = body[i : i + 4]
        if len(window) == 4 and all(map(is_han, window)) and rng.random() < 0.01:
            try:
                misread = window.encode("utf-8").decode(codec)
            except UnicodeDecodeError:  # a byte the code page leaves undefined
                misread = None
            if misread is not None:
                out.append(misread)
                spans += 1
                i += 4
                continue
        out.append(body[i])
        i += 1
    text = "".join(out)
    end = text.find("。", rng.randrange(len(text)))
    text = text[: end + 1] + "??" + text[end + 1 :] if end != -1 else text + "??"
    return text, Counter(mojibake=spans + 1, lost=1)


def gbk_shifted(line: str, rng: random.Random, lose: bool = False) -> tuple[str, int]:
    """``line`` as GB 18030 bytes with one byte put in before a character (or,
    ``lose``, that character's first byte lost), read back the way a browser
    reads GBK (U+FFFD for what does not decode): from there it is read one
    byte off.  Also the index of that character in ``line``."""
    places = [index for index, char in enumerate(line) if len(char.encode("gb18030")) == 2]
    index = rng.choice(places)
    data = line.encode("gb18030")
    at = len(line[:index].encode("gb18030"))
    stray = b"" if lose else bytes([rng.randrange(0x81, 0xFF)])
    return (data[:at] + stray + data[at + int(lose) :]).decode("gb18030", "replace"), index


def gbk_shifted_lines(body: str, rng: random.Random, lose: bool = False) -> list[tuple[str, str]]:
    """(line, damaged) for the lines of ``body`` as a traditional-script
    repost has them (OpenCC s2t: the examples of issue 16 are traditional)
    that hold a GBK character, each read one byte off once."""
    import opencc

    to_traditional = opencc.OpenCC("s2t")
    pairs = []
    for line in body.split("\n"):
        line = to_traditional.convert(line)
        if any(len(char.encode("gb18030")) == 2 for char in line):
            pairs.append((line, gbk_shifted(line, rng, lose)[0]))
    return pairs


def chrome(body: str, rng: random.Random) -> tuple[str, Counter[str]]:
    lines = body.split("\n")
    for line in CHROME_LINES:
        lines.insert(rng.randrange(len(lines) + 1) if line.startswith("【") else 0, line)
    lines.append(rng.choice(TRUNCATION_NOTES))
    return "\n".join(lines), Counter(chrome=len(CHROME_LINES), truncated=1)


FORMS: dict[str, Callable[[str, random.Random], tuple[str, Counter[str]]]] = {
    "noise": noise,
    "word_groups": word_groups,
    "capitalised_groups": capitalised_groups,
    "bracketed_groups": bracketed_groups,
    "broken_groups": broken_groups,
    "doubled_punct": doubled_punct,
    "spaces": spaces,
    "markup": markup,
    "style_sheets": style_sheets,
    "mojibake": mojibake,
    "chrome": chrome,
}


def damage(body: str, form: str, rng: random.Random) -> tuple[str, Counter[str]]:
    """``body`` with damage of one form, and what was injected."""
    return FORMS[form](body, rng)


def folder_pages(folder: Path, seed: int = 0) -> list[Path]:
    """Write one damaged page per form and original into ``folder``."""
    paths = []
    for name, body in originals():
        for form in FORMS:
            text, _ = damage(body, form, random.Random(f"{name}-{form}-{seed}"))
            path = folder / f"{form}-{name}.txt"
            path.write_text(text, encoding="utf-8")
            paths.append(path)
    return paths
