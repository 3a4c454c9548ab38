"""Bytes to text: encoding detection, line endings and Unicode normalisation.

Detection, when no ``--encoding`` is forced, in this order:

1. a byte-order mark: UTF-8, UTF-32 or UTF-16 (little or big endian);
2. NUL bytes without a BOM: binary, refused;
3. UTF-8, whenever the bytes are valid UTF-8 (long runs of GBK or Big5 almost
   never are);
4. otherwise GB18030 (a superset of GBK and GB2312) or Big5 (and its cp950 and
   HKSCS variants), as charset-normalizer ranks them.

Text from steps 1 (UTF-16) and 4 must pass a sanity rule, :func:`plausible_text`:
almost every character in the ranges Chinese prose uses (``data/text_blocks.tsv``)
and most ideographs common ones.  Junk that happens to decode -- random bytes
after a UTF-16 BOM, GBK misread as Big5 -- fails it.
"""

from __future__ import annotations

import bisect
import codecs
import operator
import re
import unicodedata
from collections.abc import Iterator
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import NamedTuple

from wpclean.errors import DecodeError, EmptyInputError, InputTooLargeError

_BLOCKS_FILE = Path(__file__).parent / "data" / "text_blocks.tsv"

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16's: FF FE 00 00 starts with FF FE
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

LEGACY_ENCODINGS = ("gb18030", "big5", "cp950", "big5hkscs")  # what detection may guess besides UTF
DETECTOR_THRESHOLD = 0.5  # charset-normalizer's chaos limit; lenient, as plausible_text judges after it
ODD_SHARE = 0.01  # at most this share of characters outside text_blocks.tsv
COMMON_SHARE = 0.8  # at least this share of ideographs among the common ones
SAMPLE_CHARS = 65536  # the sanity rule looks at this many characters from the start
SAMPLE_IDEOGRAPHS = 2000
MIXED_MIN_IDEOGRAPHS = 50  # below this, a mix of scripts is not told apart from junk

_HINT = "pass the right one with --encoding (e.g. --encoding gb18030)"
_BINARY = "input looks binary ({why}); pass a text file, or its encoding with --encoding"


REPLACED_SHARE = 0.01  # --decode-errors replace: at most this share of bytes replaced, else it is not that encoding
_REPLACING = "wpclean.count-replace"  # the codec error handler that counts what it replaces


class Decoded(NamedTuple):
    text: str
    encoding: str
    replaced: int = 0  # bytes replaced by U+FFFD (--decode-errors replace)


def sniff_bom(data: bytes) -> str | None:
    """The encoding a byte-order mark announces, if any.

    >>> sniff_bom(b"\\xef\\xbb\\xbfabc"), sniff_bom(b"\\xff\\xfea\\x00"), sniff_bom(b"\\xff\\xfe\\x00\\x00a\\x00\\x00\\x00"), sniff_bom(b"abc")
    ('utf-8-sig', 'utf-16', 'utf-32', None)
    """
    return next((name for bom, name in _BOMS if data.startswith(bom)), None)


def decode_bytes(
    data: bytes, encoding: str | None = None, max_bytes: int | None = None, errors: str = "strict"
) -> Decoded:
    """Decode ``data``: the forced ``encoding``, else detect it (see the module's doc).
    With ``errors="replace"``, text that neither decodes nor is detected is
    decoded as ``encoding`` (else UTF-8) with each bad byte run replaced by
    U+FFFD, counted in ``replaced``, if few bytes are bad.

    Raises :class:`DecodeError` with a message that names ``--encoding``.

    >>> decode_bytes("深圳".encode("utf-8")), decode_bytes("深圳市教育局".encode("gbk")).encoding
    (Decoded(text='深圳', encoding='utf-8', replaced=0), 'gb18030')
    >>> decode_bytes("深圳市教育局工作要点".encode("utf-8") * 20 + b"\\xff", errors="replace")[1:]
    ('utf-8', 1)
    """
    check_size(len(data), max_bytes)
    try:
        decoded = _decode_forced(data, encoding) if encoding else detect_encoding(data)
    except DecodeError:
        if errors != "replace" or not _replaceable(data, encoding):
            raise
        decoded = decode_replacing(data, encoding or "utf-8")
    # Detection's codecs (UTF-8, GB18030, Big5, UTF-16 and UTF-32) make a NUL
    # only of NUL bytes: without one, the text need not be searched for it.
    if (encoding or b"\x00" in data) and "\x00" in decoded.text:
        raise DecodeError(_BINARY.format(why="it contains NUL characters"))
    return decoded


def _replaceable(data: bytes, encoding: str | None) -> bool:
    """Whether replacing bad bytes can give text: not binary, a known codec."""
    if b"\x00" in data or sniff_bom(data) == "utf-16":
        return False
    try:
        codecs.lookup(encoding or "utf-8")
    except LookupError:
        return False
    return True


def decode_replacing(data: bytes, encoding: str) -> Decoded:
    """``data`` as ``encoding`` with bad bytes replaced by U+FFFD and counted;
    :class:`DecodeError` when more than ``REPLACED_SHARE`` of them are bad.

    >>> decode_replacing(b"ab\\xffc\\xfe\\xfd", "utf-8")
    Traceback (most recent call last):
    wpclean.errors.DecodeError: 3 of 6 bytes are not valid utf-8, too many to replace; pass the right one with --encoding (e.g. --encoding gb18030)
    """
    replaced = _ReplacedBytes()
    token = _COUNTER.set(replaced)
    try:
        codec = "utf-8-sig" if codecs.lookup(encoding).name == "utf-8" else encoding  # a UTF-8 BOM is no text
        text = data.decode(codec, _replacing_handler())
    finally:
        _COUNTER.reset(token)
    if replaced.count > len(data) * REPLACED_SHARE:
        share = f"{replaced.count:,} of {len(data):,} bytes"
        raise DecodeError(f"{share} are not valid {encoding}, too many to replace; {_HINT}")
    return Decoded(text.removeprefix("\ufeff"), encoding, replaced.count)


class _ReplacedBytes:
    count = 0


_COUNTER: ContextVar[_ReplacedBytes] = ContextVar("wpclean_replaced_bytes")


@cache
def _replacing_handler() -> str:
    """Register (once) the error handler that replaces and counts bad bytes."""

    def replace_and_count(error: UnicodeError) -> tuple[str, int]:
        assert isinstance(error, UnicodeDecodeError)
        _COUNTER.get().count += error.end - error.start
        return "\ufffd", error.end

    codecs.register_error(_REPLACING, replace_and_count)
    return _REPLACING


def utf8_slices(data: bytes, size: int, start: int = 0) -> Iterator[str]:
    """``data[start:]`` decoded as UTF-8 in slices of whole lines of about
    ``size`` bytes: a line break's byte never occurs inside a UTF-8 sequence,
    so the slices join to what decoding the whole gives, without the whole's
    decoding buffer (twice the text) at once.  Raises ``UnicodeDecodeError``
    on bytes that are not UTF-8.

    >>> list(utf8_slices("一\\n二\\n三".encode("utf-8"), 2))
    ['一\\n', '二\\n', '三']
    """
    while start < len(data):
        end = data.find(b"\n", start + size) + 1 or len(data)
        yield data[start:end].decode("utf-8")
        start = end


def check_size(size: int, max_bytes: int | None) -> None:
    """Raise :class:`InputTooLargeError` when ``size`` bytes exceed ``max_bytes``
    (callers that can stat a file check before reading it)."""
    if max_bytes is not None and size > max_bytes:
        raise InputTooLargeError(
            f"input is {size:,} bytes, over the --max-bytes limit of {max_bytes:,}; raise --max-bytes to process it"
        )


def _decode_forced(data: bytes, encoding: str) -> Decoded:
    try:
        return Decoded(data.decode(encoding).removeprefix("\ufeff"), encoding)
    except LookupError:
        raise DecodeError(
            f"unknown encoding {encoding!r}; pass a Python codec name to --encoding, e.g. gb18030"
        ) from None
    except UnicodeDecodeError as error:
        raise DecodeError(f"input is not valid {encoding} (byte {error.start}); {_HINT}") from None
    except (UnicodeError, TypeError, ValueError):  # a codec that is no character set (undefined, punycode)
        raise DecodeError(f"input cannot be decoded as {encoding}; {_HINT}") from None


def detect_encoding(data: bytes) -> Decoded:
    """Detect the encoding of ``data`` and decode it, or raise :class:`DecodeError`.

    >>> detect_encoding("臺灣省教育廳工作計畫".encode("big5")).encoding
    'big5'
    >>> detect_encoding(b"\\xff\\xfe\\x00abc")
    Traceback (most recent call last):
    wpclean.errors.DecodeError: input looks binary (it has a UTF-16 byte-order mark but is not UTF-16 text); pass a text file, or its encoding with --encoding
    """
    bom = sniff_bom(data)
    if bom in ("utf-16", "utf-32"):
        return _decode_wide(data, bom)
    if bom is None and b"\x00" in data:
        raise DecodeError(_BINARY.format(why="it contains NUL bytes"))
    try:
        return Decoded(data.decode(bom or "utf-8"), bom or "utf-8")
    except UnicodeDecodeError as error:
        if bom:
            raise DecodeError(
                f"input has a UTF-8 byte-order mark but is not valid UTF-8 (byte {error.start}); {_HINT}"
            ) from None
        return _decode_legacy(data, error.start)


def _decode_wide(data: bytes, encoding: str) -> Decoded:
    """UTF-16 or UTF-32 text after its byte-order mark, if it is plausible text."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        text = None
    if text is None or not plausible_text(text):
        name = encoding.upper()
        raise DecodeError(_BINARY.format(why=f"it has a {name} byte-order mark but is not {name} text"))
    return Decoded(text, encoding)


def _decode_legacy(data: bytes, bad_utf8_byte: int) -> Decoded:
    """Of the encodings charset-normalizer proposes, the plausible one with the
    highest :func:`common_share`; on a tie the earlier of ``LEGACY_ENCODINGS``
    (GB18030: mainland sites serve GBK far more often than Big5).  When it
    proposes nothing plausible (its heuristics can miss very short or
    repetitive text), every legacy encoding is tried under the same rule."""
    from charset_normalizer import from_bytes

    proposed = [
        match.encoding for match in from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS), threshold=DETECTOR_THRESHOLD)
    ]
    best = _most_plausible(data, proposed) or _most_plausible(
        data, [name for name in LEGACY_ENCODINGS if name not in proposed]
    )
    if best is None:
        raise DecodeError(
            f"input is neither UTF-8 (bad byte at offset {bad_utf8_byte}) nor plausible GB18030 or Big5 text; "
            f"if it is text, {_HINT}, or keep it with bad bytes replaced: --decode-errors replace"
        )
    if best.encoding == "gb18030" and looks_korean(data, best.text):
        raise DecodeError(
            "input looks like Korean text in EUC-KR, not Chinese (its GB18030 reading is words of common "
            f"characters between spaces); wpclean reads Chinese pages: if it is Chinese, {_HINT}"
        )
    return best


KOREAN_SPACED_SHARE = 0.1  # Korean separates words of 2-4 syllables by spaces; Chinese prose has almost none
KOREAN_HANGUL_SHARE = 0.5  # of the text read as EUC-KR


def looks_korean(data: bytes, text: str) -> bool:
    """Whether bytes that decode as GB18030 to common characters are Korean:
    EUC-KR Hangul occupies GB2312's level-1 rows, so the Chinese reading is
    plausible character by character, but it comes in words of two or more
    characters between ASCII spaces (letter-spaced Chinese, 深 圳 市, has one),
    and the bytes read as EUC-KR are mostly Hangul.

    >>> korean = "대한민국 헌법은 모든 국민의 자유와 권리를 보장한다 " * 3
    >>> looks_korean(korean.encode("euc-kr"), korean.encode("euc-kr").decode("gb18030"))
    True
    >>> chinese = "深圳市教育局 2019年工作思路，深 圳 市教育局"
    >>> looks_korean(chinese.encode("gb18030"), chinese)
    False
    """
    words = [word for word in text[:SAMPLE_CHARS].split(" ") if word]
    ideograph_words = [word for word in words if len(word) >= 2 and all(_is_ideograph(char) for char in word)]
    ideographs = sum(1 for char in text[:SAMPLE_CHARS] if _is_ideograph(char))
    if not ideographs or len(ideograph_words) < ideographs * KOREAN_SPACED_SHARE:
        return False
    korean = _strict_decode(data[: SAMPLE_CHARS * 2], "euc_kr") or _strict_decode(data, "euc_kr")
    if korean is None:
        return False
    hangul = sum(1 for char in korean if "\uac00" <= char <= "\ud7a3")
    return hangul >= len(korean.replace(" ", "")) * KOREAN_HANGUL_SHARE


def _most_plausible(data: bytes, encodings: list[str]) -> Decoded | None:
    scored = []
    for encoding in encodings:
        text = _strict_decode(data, encoding)
        score = None if text is None else plausibility(text)
        if score is not None and score >= COMMON_SHARE:
            scored.append((score, -_rank(encoding), encoding, text))
    if not scored:
        return None
    _score, _order, encoding, text = max(scored)
    return Decoded(text, encoding)


def _rank(encoding: str) -> int:
    return LEGACY_ENCODINGS.index(encoding) if encoding in LEGACY_ENCODINGS else len(LEGACY_ENCODINGS)


def _strict_decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def plausible_text(text: str) -> bool:
    """The sanity rule for decoded text whose encoding was guessed: its
    :func:`plausibility` is at least ``COMMON_SHARE``.

    >>> plausible_text("深圳市教育局2019年工作思路"), plausible_text("臺灣省教育廳")
    (True, True)
    >>> plausible_text("愀换"), plausible_text("ꀀꁁꂂ abc"), plausible_text("a\\ufffdb")
    (False, False, False)
    """
    score = plausibility(text)
    return score is not None and score >= COMMON_SHARE


def plausibility(text: str) -> float | None:
    """None for text that cannot be prose: a replacement or NUL character, or
    more than ``ODD_SHARE`` of characters outside the ranges Chinese prose uses.
    Otherwise the :func:`common_share` of its ideographs (1.0 when it has none).

    >>> plausibility("工作思路 2019"), plausibility("work plan"), plausibility("\\ue000\\ue001"), plausibility("愀换")
    (1.0, 1.0, None, 0.5)
    """
    sample = text[:SAMPLE_CHARS]
    if "\ufffd" in sample or "\x00" in sample:
        return None
    odd = sum(1 for char in sample if not expected_char(char))
    if odd > len(sample) * ODD_SHARE:
        return None
    ideographs = [char for char in sample if _is_ideograph(char)][:SAMPLE_IDEOGRAPHS]
    return common_share(ideographs) if ideographs else 1.0


def expected_char(char: str) -> bool:
    """True when ``char`` lies in a range listed in ``data/text_blocks.tsv``.

    >>> expected_char("深"), expected_char("，"), expected_char("ǎ"), expected_char("\\ue000"), expected_char("\\x07")
    (True, True, True, False, False)
    """
    starts, ends = _blocks()
    point = ord(char)
    index = bisect.bisect_right(starts, point) - 1
    return index >= 0 and point <= ends[index]


def _is_ideograph(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" or char >= "\U00020000"


def common_share(ideographs: list[str]) -> float:
    """The share of frequent ideographs: GB2312 level 1 for simplified text or
    Big5 level 1 for traditional, whichever is higher.  Real prose scores above
    0.98; GBK read as Big5 (or the reverse) and junk read as UTF-16, below 0.6.
    Text with at least ``MIXED_MIN_IDEOGRAPHS`` ideographs may also mix the
    scripts (a half-converted page): then a character frequent in either counts.

    >>> common_share(list("深圳市教育局")), common_share(list("臺灣省教育廳")), common_share(list("愀换"))
    (1.0, 1.0, 0.5)
    """
    simplified = [_gb2312_level1(char) for char in ideographs]
    traditional = [_big5_level1(char) for char in ideographs]
    best = max(sum(simplified), sum(traditional))
    if len(ideographs) >= MIXED_MIN_IDEOGRAPHS:
        best = max(best, sum(map(operator.or_, simplified, traditional)))
    return best / len(ideographs)


def _gb2312_level1(char: str) -> bool:
    encoded = _encoded(char, "gb2312")
    return encoded is not None and 0xB0 <= encoded[0] <= 0xD7


def _big5_level1(char: str) -> bool:
    encoded = _encoded(char, "big5")
    return encoded is not None and 0xA440 <= int.from_bytes(encoded, "big") <= 0xC67E


def _encoded(char: str, encoding: str) -> bytes | None:
    try:
        return char.encode(encoding)
    except UnicodeEncodeError:
        return None


@cache
def _blocks() -> tuple[list[int], list[int]]:
    """Starts and ends of the ranges in ``data/text_blocks.tsv``, sorted."""
    ranges = []
    for line in _BLOCKS_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            first, last = line.split("\t")[:2]
            ranges.append((int(first, 16), int(last, 16)))
    ranges.sort()
    return [start for start, _ in ranges], [end for _, end in ranges]


def normalize_text(text: str) -> str:
    """CRLF and CR to LF, then NFC.

    >>> normalize_text("a\\r\\nb\\rc")
    'a\\nb\\nc'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def require_text(text: str) -> str:
    """Fail with :class:`EmptyInputError` when there is nothing but white space."""
    if not text or text.isspace() or _invisible_only(text):  # as `not text.strip()`, without copying a large text
        raise EmptyInputError("input is empty (no text after decoding); pass a file with the page's text")
    return text


HTML_SNIFF_BYTES = 4096  # where an HTML page's <meta charset> and opening tags are looked for
_CHARSET_ALIASES = {  # what pages declare → the superset codec that decodes what they really hold
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "gb_2312-80": "gb18030",
    "big5": "big5hkscs",
}


@cache
def _declared_charset() -> re.Pattern[bytes]:
    """``<meta charset=…>`` or ``<meta http-equiv=Content-Type content="…; charset=…">``."""
    return re.compile(rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first bytes, as a Python codec name.

    >>> declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=GB2312">')
    'gb18030'
    >>> declared_charset(b"<meta charset='utf-8'>"), declared_charset(b"<p>charset</p>")
    ('utf-8', None)
    >>> declared_charset(b"<meta charset=klingon>") is None
    True
    """
    match = _declared_charset().search(data[:HTML_SNIFF_BYTES])
    if match is None:
        return None
    name = match.group(1).decode("ascii").lower()
    name = _CHARSET_ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_html(data: bytes, encoding: str | None = None, max_bytes: int | None = None) -> tuple[Decoded, str | None]:
    """An HTML page's bytes decoded: the forced ``encoding``; else its BOM; else
    the charset it declares, when the bytes are valid in it (a page that says
    GB2312 but is UTF-8, or the reverse, is not believed); else detection as for
    text.  Returns the decoded page and a note when the declaration was wrong.

    >>> page = '<meta charset="gbk"><p>关于做好工作的通知</p>'
    >>> decode_html(page.encode("gbk"))[0].encoding, decode_html(page.encode("utf-8"))[1]
    ('gb18030', 'declares gb18030 but is utf-8')
    """
    if encoding or sniff_bom(data):
        return decode_bytes(data, encoding, max_bytes), None
    check_size(len(data), max_bytes)
    declared = declared_charset(data)
    if declared is not None and declared != "utf-8" and not _is_utf8_text(data):
        text = _strict_decode(data, declared)
        if text is not None:
            return Decoded(text, declared), None
    decoded = decode_bytes(data, None, max_bytes)
    if declared and _codec(declared) != _codec(decoded.encoding):
        return decoded, f"declares {declared} but is {decoded.encoding}"
    return decoded, None


def _codec(name: str) -> str:
    return codecs.lookup(name).name


def _is_utf8_text(data: bytes) -> bool:
    """Valid UTF-8 with at least one non-ASCII character (pure ASCII is valid in every charset)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not data.isascii()


def _invisible_only(text: str) -> bool:
    """Nothing but white space and invisible characters (zero-width spaces,
    Hangul fillers: a page that shows nothing).  A visible first character
    ends the scan at once.

    >>> _invisible_only("\u200b\u3164 \u115f"), _invisible_only("\u200b正文")
    (True, False)
    """
    import re

    return re.fullmatch(r"[\s\u200b-\u200d\u2060\ufeff\u00ad\u115f\u1160\u3164\uffa0\u2800]*", text) is not None
