"""Find mojibake, and repair it where the repair is lossless.

Three kinds of damage reach a text page:

- **UTF-8 read with a single-byte code page** (``дЄ≠еНОдЇЇж∞С`` is 中华人民 read
  as Mac Cyrillic, ``ä¸­å›½`` as Windows-1252): every Chinese character became
  three characters of that code page.  Encoding the span back with the code
  page gives the UTF-8 bytes, which decode strictly: a lossless repair, made
  and recorded (``mojibake_repaired``, saying which code page).
- **GBK read one byte off** (a byte lost or put in: ``。ㄇ刂輩^`` is （秦州區):
  from there every character is made of one character's second byte and the
  next one's first, until a character whose second byte is ASCII (``^``)
  brings the reading back in step.  Encoding the run back with GB 18030 and
  decoding it one byte later gives the text back: made (``mojibake_repaired``,
  step ``repair_mojibake:gbk-shifted``) only when that is lossless and the
  only plausible reading (:func:`shifted_repair`), else the span is flagged.
- **Bytes lost** (``任務??倳浀``, ``�``, Bopomofo such as ``ㄇ`` in a mainland
  page): what was lost cannot be recovered.  The span is kept as it is and
  flagged (``mojibake_found``, a change whose replacement is the original).

Every span found, repaired or not, becomes a ``mojibake`` warning on the plan.
Hand-written rather than ftfy: ftfy's code pages do not include Mac Cyrillic
(the commonest form on reposted pages), and its heuristics are tuned for
Latin text; this step needs only "re-encode, decode strictly, check the
result is Chinese".  Runs first: a damaged span can hide the character an
annotation belongs to.
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from functools import cache

from wpclean.cleaner.changes import MOJIBAKE_FOUND, MOJIBAKE_REPAIRED, Change, Record

# Code pages UTF-8 is misread with, most frequent first.
CODECS = ("mac_cyrillic", "cp1252", "cp1251", "mac_roman", "latin-1")
_MIN_CHARACTERS = 2  # a repair must give at least this many characters (six of mojibake)


def _byte_char(byte: int, codec: str) -> str:
    """The character ``codec`` shows for ``byte`` (a browser's "sloppy" reading:
    a byte the code page leaves undefined shows as the C1 control of that value)."""
    try:
        return bytes([byte]).decode(codec)
    except UnicodeDecodeError:
        return chr(byte)


def _class(chars: str) -> str:
    return "".join(re.escape(c) for c in sorted(set(chars)))


@cache
def _misread() -> re.Pattern[str]:
    """Runs of three-character groups that may be the UTF-8 of BMP characters
    read with one of :data:`CODECS` (the code pages' characters together)."""
    lead = _class("".join(_byte_char(b, codec) for codec in CODECS for b in range(0xE2, 0xF0)))
    cont = _class("".join(_byte_char(b, codec) for codec in CODECS for b in range(0x80, 0xC0)))
    return re.compile(f"(?:[{lead}][{cont}][{cont}]){{{_MIN_CHARACTERS},}}")


@cache
def _lost() -> re.Pattern[str]:
    """Characters lost in decoding: runs of ``?`` or U+FFFD, and Bopomofo
    (never written in a mainland page; left by GBK read one byte off)."""
    return re.compile(r"[?\ufffd]{2,}|\ufffd|[\u3105-\u312f]+")


def _encoded(span: str, codec: str) -> bytes | None:
    try:
        return b"".join(c.encode(codec) if ord(c) > 0x9F or ord(c) < 0x80 else bytes([ord(c)]) for c in span)
    except UnicodeEncodeError:
        return None


@cache
def _chinese() -> re.Pattern[str]:
    return re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u2000-\u206f\u3000-\u303f\uff00-\uffef]+")  # BMP only


def repaired(span: str, codec: str) -> str | None:
    """``span`` re-encoded with ``codec`` and decoded as UTF-8, when that is
    lossless and gives Chinese text; else None.

    >>> repaired("дЄ≠еНОдЇЇж∞С", "mac_cyrillic"), repaired("ä¸­å›½", "cp1252"), repaired("ä¸­", "cp1251")
    ('中华人民', '中国', None)
    """
    data = _encoded(span, codec)
    if data is None:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return text if _chinese().fullmatch(text) and len(text) >= _MIN_CHARACTERS else None


# Characters of the code pages that Chinese pages hold anyway (pinyin vowels,
# quotation marks, ellipsis, dashes): a misread span always holds others too.
_ORDINARY = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêÜ“”‘’…—–•·\u00a0"


@cache
def _suspect() -> re.Pattern[str]:
    """One class scan for what every kind of damage needs: a code page's
    characters that Chinese text does not hold, ?, U+FFFD, Bopomofo, and what
    GBK read one byte off leaves besides (private use, kana, Greek, box drawing)."""
    chars = {_byte_char(b, codec) for codec in CODECS for b in range(0x80, 0xF0)} - set(_ORDINARY)
    return re.compile(f"[{_class(''.join(chars))}?\ufffd\u3105-\u312f{_SHIFTED_MARKS}]")


# Characters a GBK reading one byte off leaves and a Chinese page does not
# write: private use (GBK's user-defined rows), kana, Greek, box drawing.
_SHIFTED_MARKS = "\ue000-\uf8ff\u3041-\u30ff\u0391-\u03c9\u2500-\u257f"
# Where such a reading comes back in step: a character whose second byte is
# ASCII (0x40-0x7E) read as that character, alone after a CJK character (a
# word of letters, ``政务APP``, is not one), or U+FFFD where a first byte met ASCII.
_SHIFTED_END = "(?<=[\u3000-\u9fff\ue000-\uffe5])(?:[@-~](?![A-Za-z])|\ufffd)"


@cache
def _shifted_end() -> re.Pattern[str]:
    return re.compile(_SHIFTED_END)


def _suspect_lines(text: str, first: re.Match[str]) -> list[tuple[int, int]]:
    """The lines holding a suspect character, as (start, end), from the line
    of ``first`` (the first suspect) on: one search a line, each from the end
    of the line before."""
    lines: list[tuple[int, int]] = []
    found: re.Match[str] | None = first
    while found is not None:
        end = text.find("\n", found.start())
        lines.append((text.rfind("\n", 0, found.start()) + 1, end if end != -1 else len(text)))
        found = _suspect().search(text, lines[-1][1])
    return lines


def repair_mojibake(text: str, record: Record = None) -> str:
    """Repair what re-encoding repairs losslessly; flag what it cannot.

    >>> record = []
    >>> repair_mojibake("дЄ≠еНОдЇЇж∞СеЕ±еТМеЫљ成立，任務??倳", record)
    '中华人民共和国成立，任務??倳'
    >>> [(c.kind, c.offset, c.replacement) for c in record]
    [('mojibake_repaired', 0, '中华人民共和国'), ('mojibake_found', 26, '??')]
    """
    first = _suspect().search(text)
    if first is None:
        return text
    pieces, position = [], 0
    for start, end in _suspect_lines(text, first):  # only the lines a scan for suspect characters found, in order
        line = text[start:end]
        repairs = _repairs(line)
        repairs += list(_without_overlaps(_shifted_repairs(line), repairs))
        repairs.sort(key=lambda change: change.offset)
        if record is not None:  # the lost spans are only recorded: taken as they are found, merged in order
            losses = _without_overlaps(_losses(line), repairs)
            changes = heapq.merge(repairs, losses, key=lambda change: change.offset)
            record.extend(change._replace(offset=change.offset + start) for change in changes)
        for change in repairs:
            if change.kind == MOJIBAKE_REPAIRED:
                pieces += [text[position : start + change.offset], change.replacement]
                position = start + change.offset + len(change.original)
    return "".join(pieces) + text[position:] if pieces else text


def _without_overlaps(changes: Iterable[Change], kept: list[Change]) -> Iterator[Change]:
    """``changes`` that overlap none of ``kept`` (spans already repaired, which never overlap
    each other), as they come: each looked up by bisection, so a line of many repairs and many
    losses costs n log n, not n × m.

    >>> kept = [Change(MOJIBAKE_REPAIRED, "r", 4, "abc", "x"), Change(MOJIBAKE_REPAIRED, "r", 0, "ab", "y")]
    >>> [c.offset for c in _without_overlaps([Change(MOJIBAKE_FOUND, "f", at, "??", "??") for at in (1, 2, 6, 7)], kept)]
    [2, 7]
    """
    spans = sorted((change.offset, change.offset + len(change.original)) for change in kept)
    starts = [start for start, _ in spans]
    for change in changes:
        end = change.offset + len(change.original)
        before = bisect_left(starts, end) - 1  # the last span that starts before this change ends
        if before < 0 or spans[before][1] <= change.offset:
            yield change


def _repairs(text: str) -> list[Change]:
    """A repair for each span some code page repairs (the one giving the most
    common characters, GB 2312 or Big5, when several do); a span none repairs
    is flagged."""
    changes = []
    for match in _misread().finditer(text):
        changes += _span_repairs(match.group(0), match.start())
    return changes


def _span_repairs(span: str, offset: int) -> list[Change]:
    """The longest pieces (whole three-character groups) some code page repairs,
    from the left; a piece none repairs is flagged.  Two code pages can stand
    side by side in one run."""
    changes, start = [], 0
    while start < len(span):
        for end in range(len(span), start + 3 * _MIN_CHARACTERS - 1, -3):
            piece = span[start:end]
            found = [(fixed, codec) for codec in CODECS if (fixed := repaired(piece, codec)) is not None]
            if found:
                fixed, codec = max(found, key=lambda pair: _common(pair[0]))
                changes.append(Change(MOJIBAKE_REPAIRED, f"repair_mojibake:{codec}", offset + start, piece, fixed))
                start = end
                break
        else:
            end = start + 3
            if (
                changes
                and changes[-1].kind == MOJIBAKE_FOUND
                and changes[-1].offset + len(changes[-1].original) == offset + start
            ):
                last = changes.pop()
                changes.append(
                    last._replace(original=last.original + span[start:end], replacement=last.original + span[start:end])
                )
            else:
                changes.append(
                    Change(MOJIBAKE_FOUND, "repair_mojibake", offset + start, span[start:end], span[start:end])
                )
            start = end
    return changes


def _common(text: str) -> int:
    """How many characters of ``text`` are common ones (in GB 2312 or Big5)."""
    count = 0
    for char in text:
        for codec in ("gb2312", "big5"):
            try:
                char.encode(codec)
            except UnicodeEncodeError:
                continue
            count += 1
            break
    return count


def _losses(text: str) -> Iterator[Change]:
    for match in _lost().finditer(text):
        yield Change(MOJIBAKE_FOUND, "repair_mojibake", match.start(), match.group(0), match.group(0))


# GBK read one byte off.
_SHIFTED_STEP = "repair_mojibake:gbk-shifted"
_MAX_RUN = 200  # characters looked back from a run's end
_MIN_GAIN = 3  # the repaired reading must score this much above the text as it is
_MIN_LEAD = 3  # ... and this much above any other place the shift could start
_MARKS = frozenset("，。、；：？！“”‘’（）《》〈〉【】〔〕「」『』—…·　")


def _two_bytes(char: str) -> bytes | None:
    """``char`` in GB 18030 when it takes two bytes (GBK), else None."""
    try:
        data = char.encode("gb18030")
    except UnicodeEncodeError:
        return None
    return data if len(data) == 2 else None


@cache
def _plausibility(char: str) -> int:
    """+1 for a common character or mark (GB 2312 level 1, Big5 level 1,
    Chinese punctuation, full-width forms, the pinyin vowels of annotations),
    -1 for another Han character, -3 for anything else (Bopomofo, kana,
    Greek, box drawing, private use).

    >>> [_plausibility(c) for c in "的區刂ㄇ"]
    [1, 1, -1, -3]
    """
    if char in _MARKS or char in _ORDINARY or "\uff01" <= char <= "\uff5e":
        return 1
    try:
        if 0xB0 <= char.encode("gb2312")[0] <= 0xD7:
            return 1
    except UnicodeEncodeError:
        pass
    try:
        big5 = char.encode("big5")
        if 0xA4 <= big5[0] <= 0xC5 or (big5[0] == 0xC6 and big5[1] <= 0x7E):
            return 1
    except UnicodeEncodeError:
        pass
    return -1 if "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf" else -3


def _shifted_pair(data: bytes) -> str | None:
    try:
        char = data.decode("gb18030")
    except UnicodeDecodeError:
        return None
    return char if len(char) == 1 and not "\ue000" <= char <= "\uf8ff" else None


def shifted_repair(run: str, end: str) -> tuple[int, int, str] | None:
    """Where in ``run`` a GBK reading one byte off starts and the text it hides,
    when ``run`` + ``end`` (the character that came back in step, or U+FFFD)
    is such a reading: ``(unsure, start, text)``, ``run[start:]`` (+ ``end``)
    being ``text``, and ``run[unsure:start]`` the characters that may be either
    the text or shifted; else None.

    Each start ``p`` gives a reading: ``run[:p]`` as it is, then the bytes from
    the second byte of ``run[p]`` on, decoded by pairs (the last pair ends with
    ``end``'s byte; U+FFFD has none, and stays).  Taken only when every pair
    decodes strictly (no private-use character) and the best reading's
    plausibility beats the text as it is by ``_MIN_GAIN``.  Readings within
    ``_MIN_LEAD`` of the best share the text from the latest of their starts
    on: only that text is repaired; the characters they disagree on stay, flagged.

    >>> shifted_repair("一、總體∫\ue026蟆\ue5cd猿贮", "h")  # a byte put in before 要
    (4, 4, '要求。堅持黨')
    >>> shifted_repair("。ㄇ刂輩", "^")  # 。 may be the page's own, or the shifted half of （
    (0, 1, '秦州區')
    >>> shifted_repair("使用", "A"), shifted_repair("实施", "\ufffd")
    (None, None)
    """
    start = len(run)
    while start > 0 and len(run) - start < _MAX_RUN and _two_bytes(run[start - 1]) is not None:
        start -= 1
    chars = run[start:]
    data = b"".join(_two_bytes(char) or b"" for char in chars) + (b"" if end == "\ufffd" else end.encode("ascii"))
    pairs = len(data) // 2  # the characters the shifted bytes give (one less when ``end`` is U+FFFD)
    decoded: list[str] = []
    for index in range(pairs - 1, -1, -1):  # from the end: a start needs every pair after it
        char = _shifted_pair(data[2 * index + 1 : 2 * index + 3])
        if char is None:
            break
        decoded.append(char)
    decoded.reverse()
    first = pairs - len(decoded)  # the earliest start whose pairs all decode
    if not decoded or (len(decoded) < 2 and not any("\ue000" <= char <= "\uf8ff" for char in chars[first:])):
        return None  # one pair is too little to go on, but for a private-use character (never text)
    prefix = [0]
    for char in chars:
        prefix.append(prefix[-1] + _plausibility(char))
    readings: list[tuple[int, int]] = []  # (plausibility, start)
    tail = 0
    for index in range(pairs - 1, first - 1, -1):
        tail += _plausibility(decoded[index - first])
        readings.append((prefix[index] + tail, index))
    best_score = max(readings)[0]
    if best_score - prefix[len(chars)] < _MIN_GAIN:
        return None
    close = [index for score, index in readings if score > best_score - _MIN_LEAD]
    unsure, latest = min(close), max(close)
    while unsure < latest and chars[unsure] == decoded[unsure - first]:  # readings alike there
        unsure += 1
    return start + unsure, start + latest, "".join(decoded[latest - first :])


def _shifted_repairs(text: str) -> list[Change]:
    """A repair for each run a GBK reading one byte off explains, and a flag
    on the characters before it that may be shifted too."""
    changes: list[Change] = []
    for match in _shifted_end().finditer(text):
        line_start = text.rfind("\n", max(0, match.start() - _MAX_RUN), match.start()) + 1
        run, end = text[max(line_start, match.start() - _MAX_RUN) : match.start()], match.group(0)
        found = shifted_repair(run, end)
        if found is None:
            continue
        base = match.start() - len(run)
        unsure, start = base + found[0], base + found[1]
        if changes and changes[-1].offset + len(changes[-1].original) > unsure:
            continue
        if unsure < start:
            changes.append(Change(MOJIBAKE_FOUND, "repair_mojibake", unsure, text[unsure:start], text[unsure:start]))
        original = text[start : match.end() if end != "\ufffd" else match.start()]
        changes.append(Change(MOJIBAKE_REPAIRED, _SHIFTED_STEP, start, original, found[2]))
    return changes


_CONTEXT = 6  # characters shown on either side of a span in its warning


def warning_message(change: Change, text: str) -> str:
    """What a ``mojibake`` warning says of a change of this step (``text``:
    the text the step received, for the span's surroundings).

    >>> warning_message(Change(MOJIBAKE_FOUND, "repair_mojibake", 2, "??", "??"), "任務??倳浀")
    "undecodable text '任務??倳浀' kept as it is: characters were lost; take the page from its source"
    """
    if change.step == _SHIFTED_STEP:
        return (
            f"repaired as GBK shifted by one byte: '{_short(change.original)}' repaired to "
            f"'{_short(change.replacement)}'; a character before it may be lost"
        )
    if change.kind == MOJIBAKE_REPAIRED:
        codec = change.step.partition(":")[2]
        return f"UTF-8 read as {codec}: '{_short(change.original)}' repaired to '{_short(change.replacement)}'"
    around = text[max(0, change.offset - _CONTEXT) : change.offset + len(change.original) + _CONTEXT]
    return f"undecodable text '{around}' kept as it is: characters were lost; take the page from its source"


def _short(span: str, limit: int = 24) -> str:
    return span if len(span) <= limit else span[:limit] + "…"
