"""Find mojibake, and repair it where the repair is lossless.

Two kinds of damage reach a text page:

- **UTF-8 read with a single-byte code page** (``дЄ≠еНОдЇЇж∞С`` is 中华人民 read
  as Mac Cyrillic, ``ä¸­å›½`` as Windows-1252): every Chinese character became
  three characters of that code page.  Encoding the span back with the code
  page gives the UTF-8 bytes, which decode strictly: a lossless repair, made
  and recorded (``mojibake_repaired``, saying which code page).
- **Bytes lost or read off by one** (``任務??倳浀``, ``�``, Bopomofo such as
  ``ㄇ`` in a mainland page, left by GBK read one byte off): what was lost
  cannot be recovered.  The span is kept as it is and flagged
  (``mojibake_found``, a change whose replacement is the original).

Every span found, repaired or not, becomes a ``mojibake`` warning on the plan.
Hand-written rather than ftfy: ftfy's code pages do not include Mac Cyrillic
(the commonest form on reposted pages), and its heuristics are tuned for
Latin text; this step needs only "re-encode, decode strictly, check the
result is Chinese".  Runs first: a damaged span can hide the character an
annotation belongs to.
"""

from __future__ import annotations

import re
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
    """One class scan for what either kind of damage needs: a code page's
    characters that Chinese text does not hold, ?, U+FFFD, Bopomofo."""
    chars = {_byte_char(b, codec) for codec in CODECS for b in range(0x80, 0xF0)} - set(_ORDINARY)
    return re.compile(f"[{_class(''.join(chars))}?\ufffd\u3105-\u312f]")


def _suspect_lines(text: str) -> list[tuple[int, int]]:
    """The lines holding a suspect character, as (start, end)."""
    lines: list[tuple[int, int]] = []
    for match in _suspect().finditer(text):
        if lines and match.start() < lines[-1][1]:
            continue
        end = text.find("\n", match.start())
        lines.append((text.rfind("\n", 0, match.start()) + 1, end if end != -1 else len(text)))
    return lines


def repair_mojibake(text: str, record: Record = None) -> str:
    """Repair what re-encoding repairs losslessly; flag what it cannot.

    >>> record = []
    >>> repair_mojibake("дЄ≠еНОдЇЇж∞СеЕ±еТМеЫљ成立，任務??倳", record)
    '中华人民共和国成立，任務??倳'
    >>> [(c.kind, c.offset, c.replacement) for c in record]
    [('mojibake_repaired', 0, '中华人民共和国'), ('mojibake_found', 26, '??')]
    """
    if _suspect().search(text) is None:
        return text
    changes = []
    for start, end in _suspect_lines(text):  # only the lines a scan for suspect characters found
        line = text[start:end]
        changes += [change._replace(offset=change.offset + start) for change in _repairs(line) + _losses(line)]
    if not changes:
        return text
    changes.sort(key=lambda change: change.offset)
    if record is not None:
        record.extend(changes)
    pieces, position = [], 0
    for change in changes:
        if change.kind == MOJIBAKE_REPAIRED:
            pieces += [text[position : change.offset], change.replacement]
            position = change.offset + len(change.original)
    return "".join(pieces) + text[position:] if pieces else text


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


def _losses(text: str) -> list[Change]:
    return [
        Change(MOJIBAKE_FOUND, "repair_mojibake", m.start(), m.group(0), m.group(0)) for m in _lost().finditer(text)
    ]


_CONTEXT = 6  # characters shown on either side of a span in its warning


def warning_message(change: Change, text: str) -> str:
    """What a ``mojibake`` warning says of a change of this step (``text``:
    the text the step received, for the span's surroundings).

    >>> warning_message(Change(MOJIBAKE_FOUND, "repair_mojibake", 2, "??", "??"), "任務??倳浀")
    "undecodable text '任務??倳浀' kept as it is: characters were lost; take the page from its source"
    """
    if change.kind == MOJIBAKE_REPAIRED:
        codec = change.step.partition(":")[2]
        return f"UTF-8 read as {codec}: '{_short(change.original)}' repaired to '{_short(change.replacement)}'"
    around = text[max(0, change.offset - _CONTEXT) : change.offset + len(change.original) + _CONTEXT]
    return f"undecodable text '{around}' kept as it is: characters were lost; take the page from its source"


def _short(span: str, limit: int = 24) -> str:
    return span if len(span) <= limit else span[:limit] + "…"
