"""The fast paths (no --explain) give exactly what the recorded paths give."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import CORPUS_INPUTS, SEED
from wpclean.cleaner.charclasses import HAN
from wpclean.cleaner.pinyin import strip_pinyin
from wpclean.cleaner.steps import clean_text
from wpclean.decode import normalize_text
from wpclean.options import Options

PIECES = st.one_of(
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
    st.sampled_from(
        [
            "深(shen)",
            "(jiao)",
            "（jiāo）",
            " (lu:4)",
            "(AI)",
            "(ha)",
            "、",
            ",",
            "網(wǎng)",
            "【打印本页】",
            "\n",
            "朝著",
            "( de5 )",
            "\u00a0(zhong)",
            " （guo）",
            "𠀀(a)",
            "((",
            "))",
            " ",
        ]
    ),
    st.text(alphabet="abcdeghijlnorstuvwxyz()（）0-5: ", max_size=6),
)
TEXTS = st.lists(PIECES, max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_fast_and_recorded_stripping_agree(text: str) -> None:
    assert strip_pinyin(text) == strip_pinyin(text, [])


@pytest.mark.parametrize(
    "text",
    [
        "深(shen)abc)圳",  # a run, then letters up to a later closing bracket: one stretch
        "深(shen)(AI)(shen)圳",  # a group that is no annotation ends the run, not the stretch
        "深(AI)(shen)圳",  # a stretch no run starts: kept whole
        "深 abc) (shen)圳",  # a space, letters, then a group: no run at all
        "中(zhong)国(zhongguo)xyz)，西(xi)安(xian) (AI)",  # word-level groups read in context
        "深[shen】圳(zhen)）(zhen)",  # brackets that do not pair
        "深(" + "a" * 300 + ")圳(zhen)",  # a group longer than any annotation
    ],
)
def test_fast_stripping_of_stretches_holding_more_than_a_run_equals_the_recorded_path(text: str) -> None:
    assert strip_pinyin(text) == strip_pinyin(text, [])


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_counts_without_explain_equal_counts_of_recorded_changes(text: str) -> None:
    fast, recorded = clean_text(text), clean_text(text, Options(explain=True))
    assert fast.text == recorded.text
    assert +fast.counts == +recorded.counts


@pytest.mark.parametrize("path", [SEED, *CORPUS_INPUTS], ids=lambda p: p.stem)
def test_corpus_counts_agree_in_both_modes(path) -> None:
    text = normalize_text(path.read_text(encoding="utf-8"))
    fast, recorded = clean_text(text), clean_text(text, Options(explain=True))
    assert (fast.text, +fast.counts) == (recorded.text, +recorded.counts)
    assert fast.changes == () and len(recorded.changes) > 100


def test_fast_stripping_of_a_text_longer_than_a_slice_equals_the_recorded_path() -> None:
    from wpclean.cleaner.pinyin import _SLICE

    text = normalize_text("\n".join(path.read_text(encoding="utf-8") for path in [SEED, *CORPUS_INPUTS]))
    flattened = text.replace("\n", "　　")  # no line breaks: slices end at a 。 instead
    for long_text in (text, flattened):
        assert len(long_text) > 2 * _SLICE
        assert strip_pinyin(long_text) == strip_pinyin(long_text, [])


def test_converting_a_large_text_line_slices_at_a_time_equals_converting_it_whole() -> None:
    from wpclean.cleaner.script import _LINES_CHARS, _convert_by_lines, converter

    text = "\n".join(path.read_text(encoding="utf-8") for path in [SEED, *CORPUS_INPUTS])
    text = "\n".join([text] * (2 * _LINES_CHARS // len(text) + 1))
    one_line = text.replace("\n", "")  # slices end before an ASCII character instead
    # phrases other dictionaries write with ASCII in them, across the first cut
    phrases = "林姆斯基-高沙可夫SQL隱碼攻擊B型肝炎"
    across = "網" * (_LINES_CHARS - 4) + phrases * 3 + "發" * _LINES_CHARS
    for config in ("t2s", "tw2s", "hk2s"):
        for long_text in (text, one_line, across):
            assert _convert_by_lines(converter(config), long_text) == converter(config).convert(long_text)


def test_han_ranges_hold_only_han_characters() -> None:
    is_han = regex.compile(r"\p{Han}")
    starts_and_ends = regex.findall(r"(.)(?:-(.))?", HAN)
    for start, end in starts_and_ends:
        for char in {start, end or start}:
            assert is_han.match(char), f"U+{ord(char):04X}"
    assert regex.fullmatch(f"[{HAN}]+", "〇々中國𠀀")


PUNCT_PIECES = st.one_of(
    st.characters(min_codepoint=0x4E00, max_codepoint=0x4E10),
    st.sampled_from(
        [
            ",",
            ";",
            ":",
            "!",
            "?",
            "(",
            ")",
            " ",
            "１",
            "1",
            "a",
            "，",
            "（",
            "「",
            "」",
            "http://a.cn/x?a=1,b",
            "www.x.cn",
            "“",
            "。",
        ]
    ),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(PUNCT_PIECES, max_size=30).map("".join))
def test_fast_and_recorded_punctuation_agree(text: str) -> None:
    from wpclean.cleaner.punct import normalize_punct

    assert normalize_punct(text) == normalize_punct(text, [])


ITEM_PIECES = st.one_of(
    st.sampled_from(list("一二三四五六七八九十是要第，,。；：！？;:!? \t\n统a")),
    st.sampled_from(["一是", "二是", "第三，", "十一要", "一二是", "统一是"]),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(ITEM_PIECES, max_size=30).map("".join))
def test_item_markers_found_by_jumping_scan_equal_the_boundary_anchored_pattern(text: str) -> None:
    from wpclean.parser.markers import find_item_markers
    from wpclean.parser.numerals import chinese_to_int

    numeral = "[一二三四五六七八九十]{1,3}"
    anchored = regex.compile(
        rf"(?:^|(?<=[。；：，！？;:,!?]))[ \t]*(?P<marker>(?P<n>{numeral})(?P<family>是|要)|第(?P<dn>{numeral})[，,])",
        regex.MULTILINE,
    )  # the pattern find_item_markers used before it jumped to the numerals
    expected = [
        (m.group("marker"), m.start("marker"), m.end())
        for m in anchored.finditer(text)
        if chinese_to_int(m.group("n") or m.group("dn"))
    ]
    assert [(m.marker, m.start, m.end) for m in find_item_markers(text)] == expected


@st.composite
def _pieces_and_spans(draw: st.DrawFn) -> tuple[int, list[tuple[int, int]], list[tuple[int, int]]]:
    length = draw(st.integers(0, 30))
    cuts = sorted(draw(st.lists(st.integers(0, length), max_size=8)))
    kept = [(a, b) for a, b in zip(cuts[::2], cuts[1::2]) if a < b]
    current = sum(b - a for a, b in kept)
    bounds = sorted(draw(st.lists(st.integers(0, current), max_size=8)))
    spans = [(a, b) for a, b in zip(bounds[::2], bounds[1::2]) if a < b]
    return length, kept, spans


@settings(max_examples=400, deadline=None)
@given(_pieces_and_spans())
def test_cutting_spans_out_of_kept_pieces_keeps_exactly_the_other_positions(case) -> None:
    from array import array

    from wpclean.cleaner.chrome import _complement, _cut, _pairs

    length, kept, spans = case
    positions = [i for a, b in kept for i in range(a, b)]
    gone = {i for a, b in spans for i in range(a, b)}
    expected = [position for i, position in enumerate(positions) if i not in gone]
    flat = _cut(array("q", [position for piece in kept for position in piece]), spans)
    result = list(_pairs(flat))
    assert [i for a, b in result for i in range(a, b)] == expected
    assert all(b < c for (_, b), (c, _) in zip(result, result[1:]))  # adjacent pieces are joined
    assert [i for a, b in _complement(flat, length) for i in range(a, b)] == sorted(set(range(length)) - set(expected))


# --- large inputs: decoded and stripped a slice at a time ---------------------


def _plans_sliced_and_whole(data: bytes, monkeypatch: pytest.MonkeyPatch, slice_bytes: int = 64) -> tuple[bytes, bytes]:
    from wpclean import document, process_bytes
    from wpclean.render.formats import render_plan

    monkeypatch.setattr(document, "SLICE_BYTES", slice_bytes)
    sliced = render_plan(process_bytes(data).plan)
    monkeypatch.setattr(document, "SLICE_BYTES", len(data) + 1)
    return sliced, render_plan(process_bytes(data).plan)


@pytest.mark.parametrize("path", [SEED, *CORPUS_INPUTS], ids=lambda p: p.stem)
def test_a_large_input_decoded_by_slices_gives_the_same_plan(path, monkeypatch: pytest.MonkeyPatch) -> None:
    sliced, whole = _plans_sliced_and_whole(path.read_bytes(), monkeypatch)
    assert sliced == whole


@pytest.mark.parametrize(
    "variant",
    [
        lambda data: b"\xef\xbb\xbf" + data,  # a UTF-8 byte-order mark
        lambda data: data.replace(b"\n", b"\r\n"),  # CRLF, cut between slices
        lambda data: data.decode("utf-8").encode("gb18030"),  # not UTF-8: detection, on the whole
        lambda data: data + "\n附件：e\u0301".encode("utf-8"),  # NFC across a slice's end
    ],
    ids=["bom", "crlf", "gb18030", "nfc"],
)
def test_slicing_keeps_encodings_line_ends_and_normalisation(variant, monkeypatch: pytest.MonkeyPatch) -> None:
    sliced, whole = _plans_sliced_and_whole(variant(SEED.read_bytes()), monkeypatch, slice_bytes=7)
    assert sliced == whole


@settings(max_examples=100, deadline=None)
@given(TEXTS, st.integers(min_value=1, max_value=40))
def test_cleaning_by_slices_equals_cleaning_the_whole(text: str, size: int) -> None:
    from wpclean.cleaner.steps import clean_slices
    from wpclean.decode import utf8_slices

    whole = normalize_text(text)
    sliced = clean_slices(utf8_slices(whole.encode("utf-8"), size))
    assert sliced == clean_slices([whole])


PAIRED = st.lists(
    st.tuples(st.sampled_from("網网a中𠀀\U0001f600\ud800"), st.sampled_from("網网a中𠀀\U0001f600\ud800")), max_size=60
)


@settings(max_examples=300, deadline=None)
@given(PAIRED)
def test_counting_differences_equals_comparing_character_by_character(pairs: list[tuple[str, str]]) -> None:
    from wpclean.cleaner.changes import count_differences

    before, after = "".join(a for a, _ in pairs), "".join(b for _, b in pairs)
    assert count_differences(before, after) == sum(a != b for a, b in pairs)


def test_the_quick_noise_test_finds_every_noise_character_of_the_bmp() -> None:
    from wpclean.cleaner.noise import _bmp_noise, _has_noise, _may_hold_bmp_noise

    for code in range(0x10000):
        text = f"正{chr(code)}文"
        if _bmp_noise().search(text) is not None:
            assert _may_hold_bmp_noise(text, text.encode("utf-16-le", "surrogatepass")), hex(code)
            assert _has_noise(text), hex(code)
        else:
            assert not _has_noise(text), hex(code)


def test_full_width_marks_of_a_text_longer_than_a_split_slice_equal_the_recorded_path() -> None:
    from wpclean.cleaner.punct import _SPLIT_CHARS, normalize_punct

    text = normalize_text("\n".join(path.read_text(encoding="utf-8") for path in [SEED, *CORPUS_INPUTS]))
    text = "\n".join([text] * (2 * _SPLIT_CHARS // len(text) + 1)) + "\n深圳,南山?"
    text = text.replace("\n", "\n网址 http://a.cn/x?a=1,b,深圳\n", 3)  # pieces between URLs, each sliced
    one_line = text.replace("\n", ",")  # no line break within reach: the long line whole
    for long_text in (text, one_line, "\n" + text):
        assert len(long_text) > 2 * _SPLIT_CHARS
        assert normalize_punct(long_text) == normalize_punct(long_text, [])


def test_the_quick_test_for_doubled_marks_agrees_with_the_doubled_pattern() -> None:
    from itertools import product

    from wpclean.cleaner.punct import _doubled, _has_doubled

    for length in range(1, 5):
        for chars in product("、，：；。,a中 ", repeat=length):
            text = "".join(chars)
            assert _has_doubled(text) == (_doubled().search(text) is not None), text
