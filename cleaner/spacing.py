"""Spaces a page or a scraper put where published Chinese text has none.

- letter-spaced Han (``深 圳 市``: single characters, each followed by one
  space) is joined up;
- a space or no-break space right before full-width punctuation
  (``认为 ，``), or right after an opening one, goes;
- a no-break space between two Han characters (``坚持\\u00a0党的领导``) goes.

Words separated by a space (``中共中央 国务院``, issuers side by side) and the
ideographic spaces that indent paragraphs stay.  Runs after punctuation,
which makes the marks full-width first.
"""

from __future__ import annotations

import re
from functools import cache

from wpclean.cleaner.changes import SPACE, Change, Record
from wpclean.cleaner.charclasses import HAN

_CLOSING_MARKS = "，。、；：！？）》」』”’】"
_OPENING_MARKS = "（《「『“‘【"


@cache
def _spaces() -> re.Pattern[str]:
    han = f"[{HAN}]"
    letter_spaced = rf"(?<![{HAN}]){han}(?: {han}){{2,}}"
    before_mark = rf"[ \u00a0]+(?=[{_CLOSING_MARKS}])(?<=[{HAN}{_CLOSING_MARKS}][ \u00a0])"
    after_mark = rf"(?<=[{_OPENING_MARKS}])[ \u00a0]+"
    between_han = rf"\u00a0+(?<={han}\u00a0)(?={han})"
    return re.compile(f"(?P<letters>{letter_spaced})|(?P<space>{before_mark}|{after_mark}|{between_han})")


def join_spaced_han(text: str, record: Record = None) -> str:
    """Remove the spaces published Chinese text does not have.

    >>> join_spaced_han("深 圳 市教育局认为 ，要（ 试行）坚持\\u00a0党的领导；中共中央 国务院")
    '深圳市教育局认为，要（试行）坚持党的领导；中共中央 国务院'
    """
    if " " not in text and "\u00a0" not in text:
        return text
    pieces, position = [], 0
    for match in _spaces().finditer(text):
        if match.group("letters"):
            for i, char in enumerate(match.group(0)):
                if char == " " and record is not None:
                    record.append(Change(SPACE, "join_spaced_han", match.start() + i, " ", ""))
            replacement = match.group(0).replace(" ", "")
        else:
            if record is not None:
                record.append(Change(SPACE, "join_spaced_han", match.start(), match.group(0), ""))
            replacement = ""
        pieces += [text[position : match.start()], replacement]
        position = match.end()
    return "".join(pieces) + text[position:] if pieces else text
