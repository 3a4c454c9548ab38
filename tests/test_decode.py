"""Encoding detection: UTF-8, UTF-16 with BOM, GB18030/GBK, Big5 — and refusing junk."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import CORPUS_INPUTS, ORIGINALS
from wpclean.decode import decode_bytes, plausible_text
from wpclean.errors import DecodeError

SIMPLIFIED = (ORIGINALS / "02-cangzhou-edu-quanmiangaibao-2014.txt").read_text(encoding="utf-8")
TRADITIONAL = CORPUS_INPUTS[0].read_text(encoding="utf-8")  # damaged, traditional, with pinyin


def _s2t(text: str) -> str:
    import opencc

    return opencc.OpenCC("s2t.json").convert(text)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("深圳市教育局".encode(), "utf-8"),
        (codecs.BOM_UTF8 + "深圳市教育局".encode(), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + "深圳市教育局\n".encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + "深圳市教育局\n".encode("utf-16-be"), "utf-16"),
    ],
)
def test_unicode_inputs_decode_and_record_their_encoding(data: bytes, encoding: str) -> None:
    decoded = decode_bytes(data)
    assert decoded.text.strip() == "深圳市教育局" and decoded.encoding == encoding


@pytest.mark.parametrize("codec", ["gbk", "gb18030"])
@pytest.mark.parametrize("length", [12, 200, None])
def test_gbk_pages_are_detected_as_gb18030(codec: str, length: int | None) -> None:
    text = SIMPLIFIED[:length]
    decoded = decode_bytes(text.encode(codec))
    assert decoded.encoding == "gb18030" and decoded.text == text


def test_gb18030_only_characters_survive() -> None:
    text = "深圳市教育局工作思路 €𠀀"  # the euro sign and an extension-B ideograph are not in GBK
    assert decode_bytes(text.encode("gb18030")).text == text


@pytest.mark.parametrize("length", [12, 200, None])
def test_big5_pages_are_detected_as_big5(length: int | None) -> None:
    text = _s2t(SIMPLIFIED[:length]).encode("big5", "ignore").decode("big5")  # OpenCC writes a few non-Big5 variants
    decoded = decode_bytes(text.encode("big5"))
    assert decoded.encoding in {"big5", "cp950", "big5hkscs"} and decoded.text == text


def test_damaged_traditional_page_with_pinyin_decodes_from_big5() -> None:
    text = TRADITIONAL.encode("cp950", "ignore").decode("cp950")  # drop the tone-marked pinyin Big5 lacks
    assert decode_bytes(text.encode("cp950")).text == text


def test_cp950_extension_characters_are_accepted() -> None:
    text = "鄉村裏的學校工作計畫，教育廳發佈。" * 3  # 裏 is a cp950 addition to Big5
    assert decode_bytes(text.encode("cp950")).text == text


@pytest.mark.parametrize(
    "junk",
    [
        b"\xff\xfe\x00abc",  # a UTF-16 BOM, then ASCII bytes: decodes to two unrelated ideographs
        b"\xfe\xff" + bytes(range(0x20, 0x7F)),
        b"\xff\xfe" + bytes(range(256)) * 2,
        b"\x7fELF\x02\x01\x01\x00\x00\x00",
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00",
        bytes(range(0x80, 0x100)) * 4,
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    ],
)
def test_binary_and_junk_fail_with_a_message_naming_encoding(junk: bytes) -> None:
    with pytest.raises(DecodeError, match="--encoding"):
        decode_bytes(junk)


def test_forced_encoding_wins_over_detection() -> None:
    data = "深圳市教育局".encode("gbk")
    assert decode_bytes(data, "big5").encoding == "big5"
    assert decode_bytes(data, "big5").text != "深圳市教育局"


def test_unknown_forced_encoding_is_reported() -> None:
    with pytest.raises(DecodeError, match="unknown encoding 'klingon'"):
        decode_bytes(b"abc", "klingon")


def test_valid_utf8_is_preferred_even_for_odd_text() -> None:
    text = "ꀀꁁ emoji 🙂 and Hangul 한국"  # implausible for a Chinese page, but valid UTF-8 is kept
    assert decode_bytes(text.encode()).text == text


ALL_SIMPLIFIED = "\n".join(path.read_text(encoding="utf-8") for path in sorted(ORIGINALS.glob("*.txt")))
ALL_TRADITIONAL = _s2t(ALL_SIMPLIFIED).encode("big5", "ignore").decode("big5")  # what Big5 can hold
MIN_IDEOGRAPHS = 10  # below this, GBK and Big5 readings of a few characters can both be plausible


def windows(text: str) -> st.SearchStrategy[str]:
    """Stretches of real prose, 20 to 400 characters, with at least MIN_IDEOGRAPHS ideographs."""
    return (
        st.tuples(st.integers(0, len(text) - 20), st.integers(20, 400))
        .map(lambda span: text[span[0] : span[0] + span[1]])
        .filter(lambda window: sum("\u4e00" <= char <= "\u9fff" for char in window) >= MIN_IDEOGRAPHS)
    )


@settings(max_examples=60, deadline=None)
@given(windows(ALL_SIMPLIFIED), st.sampled_from(["utf-8", "gbk", "gb18030", "utf-16"]))
def test_simplified_prose_round_trips_through_its_encoding(text: str, codec: str) -> None:
    assert decode_bytes(text.encode(codec)).text == text


@settings(max_examples=60, deadline=None)
@given(windows(ALL_TRADITIONAL), st.sampled_from(["big5", "cp950", "gb18030", "utf-16"]))
def test_traditional_prose_round_trips_through_its_encoding(text: str, codec: str) -> None:
    assert decode_bytes(text.encode(codec)).text == text


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_either_decode_cleanly_or_raise_decode_error(data: bytes) -> None:
    try:
        decoded = decode_bytes(data)
    except DecodeError as error:
        assert "--encoding" in str(error)
    else:
        assert "\x00" not in decoded.text and "\ufffd" not in decoded.text


@pytest.mark.parametrize("codec", ["utf-16", "gb18030"])
def test_a_half_converted_page_mixing_scripts_decodes(codec: str) -> None:
    half = len(SIMPLIFIED) // 2
    text = SIMPLIFIED[:half] + _s2t(SIMPLIFIED[half:])
    assert decode_bytes(text.encode(codec)).text == text


def test_a_repeated_character_valid_in_gbk_and_big5_is_read_as_gbk() -> None:
    # 啊 in GBK is 陛 in Big5; with nothing else to go on, the mainland codec wins
    assert decode_bytes("啊".encode("gbk") * 20) == decode_bytes("啊".encode("gbk") * 20, "gb18030")


def test_text_the_detector_proposes_nothing_for_is_still_tried() -> None:
    text = "啊" * 20 + "，。；，。，。，。"  # charset-normalizer finds no candidate here
    assert decode_bytes(text.encode("gbk")).text == text


def test_sanity_rule_rejects_gbk_read_as_big5() -> None:
    misread = SIMPLIFIED.encode("gbk").decode("big5", "ignore")
    assert plausible_text(SIMPLIFIED) and not plausible_text(misread)


def test_euc_kr_korean_text_is_refused_not_read_as_gb18030_nonsense() -> None:
    # EUC-KR Hangul lies in GB2312's level-1 rows: read as GB18030 it is common
    # characters, in words between spaces, which Chinese prose does not have.
    korean = "대한민국 헌법은 1948년 7월 17일 제정되었다. 모든 국민은 법 앞에 평등하다. " * 10
    with pytest.raises(DecodeError, match="looks like Korean"):
        decode_bytes(korean.encode("euc-kr"))


REAL_ORIGINALS = sorted((ORIGINALS.parent / "real" / "originals").glob("*.txt"))


@pytest.mark.parametrize("path", [*sorted(ORIGINALS.glob("*.txt")), *REAL_ORIGINALS], ids=lambda path: path.stem)
def test_chinese_pages_in_gbk_are_not_taken_for_korean(path) -> None:
    text = path.read_text(encoding="utf-8")
    try:
        data = text.encode("gbk")
    except UnicodeEncodeError:  # characters GBK has not: GB18030 itself
        data = text.encode("gb18030")
    assert decode_bytes(data).encoding == "gb18030"
