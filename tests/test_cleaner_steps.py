"""The other cleaning steps: decode, script conversion, overrides, punctuation, chrome."""

from __future__ import annotations

import pytest

from wpclean.cleaner.chrome import drop_chrome
from wpclean.cleaner.punct import normalize_punct
from wpclean.cleaner.script import apply_overrides, convert_script
from wpclean.cleaner.steps import clean_text
from wpclean.decode import decode_bytes, normalize_text, require_text
from wpclean.errors import DecodeError, EmptyInputError, InputTooLargeError
from wpclean.options import Options


def test_utf8_with_and_without_bom_decodes_to_the_same_text() -> None:
    assert decode_bytes("深圳".encode()).text == decode_bytes("\ufeff深圳".encode()).text == "深圳"


def test_undecodable_input_fails_with_a_message_naming_encoding_option() -> None:
    with pytest.raises(DecodeError, match="--encoding"):
        decode_bytes(bytes(range(0x80, 0x100)))


def test_forced_encoding_decodes_gbk() -> None:
    assert decode_bytes("深圳".encode("gb18030"), "gb18030").text == "深圳"


def test_input_over_the_limit_is_refused() -> None:
    with pytest.raises(InputTooLargeError, match="--max-bytes"):
        decode_bytes(b"x" * 11, max_bytes=10)


def test_blank_input_is_an_empty_input_error() -> None:
    with pytest.raises(EmptyInputError):
        require_text(" \n\u3000\n")


def test_crlf_becomes_lf_and_text_is_nfc() -> None:
    assert normalize_text("a\r\nb\u0065\u0301") == "a\nb\u00e9"


@pytest.mark.parametrize("config", ["t2s", "tw2s", "hk2s"])
def test_each_opencc_config_simplifies_traditional_text(config: str) -> None:
    assert convert_script("教育發展", config) == "教育发展"


@pytest.mark.parametrize(
    ("damaged", "clean"),
    [
        ("朝著", "朝着"),
        ("随著", "随着"),
        ("意味著", "意味着"),
        ("围绕著", "围绕着"),
        ("本著", "本着"),
        ("沿著", "沿着"),
        ("接著", "接着"),
        ("著力", "着力"),
        ("著眼", "着眼"),
        ("著重", "着重"),
        ("瞭解", "了解"),
        ("谘询", "咨询"),
        ("寜", "宁"),
    ],
)
def test_override_fixes_what_crude_converters_leave(damaged: str, clean: str) -> None:
    assert apply_overrides(damaged) == clean


@pytest.mark.parametrize("word", ["著作", "显著", "原著", "著名", "瞭望", "名著"])
def test_override_keeps_genuine_uses(word: str) -> None:
    assert apply_overrides(word) == word


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("深圳,南山;福田:罗湖!好?", "深圳，南山；福田：罗湖！好？"),
        ("日期:2020-02-25 00:00:00", "日期：2020-02-25 00:00:00"),
        ("增长3.1%,达80%", "增长3.1%，达80%"),
        ("共1,000所", "共1,000所"),
        ("见 http://a.gov.cn/x?id=1,2 页面", "见 http://a.gov.cn/x?id=1,2 页面"),
        ("Hello, world; ok: yes", "Hello, world; ok: yes"),
        ("市(区)长", "市（区）长"),
        ("「三农」", "“三农”"),
    ],
)
def test_ascii_punctuation_is_full_width_only_in_chinese_context(text: str, expected: str) -> None:
    assert normalize_punct(text) == expected


def test_keep_punct_leaves_ascii_punctuation() -> None:
    assert clean_text("深圳,南山", Options(keep_punct=True)).text == "深圳,南山"


def test_convert_none_keeps_traditional_characters() -> None:
    assert clean_text("網(wang)絡", Options(convert="none")).text == "網絡"


def test_chrome_is_dropped_and_counted() -> None:
    record: list = []
    assert drop_chrome("来源：某局 [ 内容纠错 ] 日期：2020-01-01", record) == "来源：某局  日期：2020-01-01"
    assert [c.original for c in record] == ["[ 内容纠错 ]"]


def test_pipeline_records_every_kind_of_change() -> None:
    counts = clean_text("深(shen)圳網絡,朝著 [ 內容糾錯 ]").counts
    assert counts == {
        "annotation_removed": 1,
        "char_converted": 5,
        "override_applied": 1,
        "punct_normalized": 1,
        "chrome_dropped": 1,
    }


def test_parentheses_nested_past_the_open_limit_pair_up_and_the_oldest_are_judged_alone() -> None:
    from wpclean.cleaner.punct import MAX_OPEN_PARENS, normalize_punct_counted

    depth = MAX_OPEN_PARENS + 10
    text = "(" * depth + "深" + ")" * depth  # the innermost pairs hold 深; the 10 oldest "(" are left unmatched
    cleaned, count = normalize_punct_counted(text)
    assert cleaned == "(" * 10 + "（" * MAX_OPEN_PARENS + "深" + "）" * MAX_OPEN_PARENS + ")" * 10
    assert count == 2 * MAX_OPEN_PARENS
    assert normalize_punct_counted("((深))")[0] == "（（深））"  # within the limit, as ever


def test_a_long_line_of_annotations_is_stripped_a_slice_at_a_time_as_the_whole_would_be() -> None:
    from wpclean.cleaner.pinyin import _SLICE, _slices, _strip_fast, _strip_sequential

    # no line break and no 。: the slices end before Han characters, and a word-level group
    # (国(zhongguo) reads 中国) may fall just after a cut
    text = ("中(zhong)国(zhongguo)发展(fā zhǎn)，深(shen)圳(shenzhen)" + "(AI)") * 8_000
    assert len(list(_slices(text))) > len(text) // _SLICE
    assert _strip_fast(text) == _strip_sequential(text, [])
