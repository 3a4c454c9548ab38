"""Strip pinyin annotations that scrapers interleave after Han characters.

``深(shen)圳`` → ``深圳``; ``教(jiao)(jiao)育`` → ``教育``; ``縣(市、區(qū))`` →
``縣(市、區)``.  Every written form is recognised: toneless, tone marks
(``wǎng``, ``lǜ``, ``ḿ``, ``ế``), tone digits 0–5 (``wang3``, ``lv4``, ``de5``), ü as
``v`` or ``u:``, ASCII or full-width parentheses, a space (or no-break space)
before the parenthesis or inside it, and runs of any length in any mix.

An annotation is removed only when its syllable is a reading of the character
right before it (pypinyin's readings, all heteronyms, plus those of the
character's simplified or traditional counterpart), so real parentheticals such
as ``面积(ha)``, ``(AI)`` or ``(深圳)`` stay.  Upper-case letters never belong to
an annotation (``爱(AI)``).  A Han character is never removed.
"""

from __future__ import annotations

from functools import cache

import regex

from wpclean.cleaner.changes import ANNOTATION, Change, Record
from wpclean.cleaner.syllables import is_reading

# Letters an annotation may be written with: lower-case ASCII, vowels with tone
# marks, ü, and the colon of "u:"; then an optional tone digit.  Upper case is
# never an annotation (AI, RCEP, MEMS), which keeps Latin abbreviations safe.
_SYLLABLE = r"[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêếềńňǹḿ\u0300\u0301\u0302\u0304\u030c:]{1,8}[0-5]?"
_SPACE = r"[ \u00a0]?"
_GROUP = rf"(?P<group>{_SPACE}[(（]{_SPACE}(?P<syllable>{_SYLLABLE}){_SPACE}[)）])"


@cache
def _annotation_run() -> regex.Pattern[str]:
    return regex.compile(rf"(?P<han>\p{{Han}})(?P<run>{_GROUP}+)")


def strip_pinyin(text: str, record: Record = None) -> str:
    """Remove every run of reading annotations after a Han character.

    >>> strip_pinyin("深(shen)圳教(jiao)(jiao)育，網(wǎng)絡，中(zhong1)国")
    '深圳教育，網絡，中国'
    >>> strip_pinyin("香港中文大學(深(shen)圳(zhen))，縣(市、區(qū))")
    '香港中文大學(深圳)，縣(市、區)'
    >>> strip_pinyin("面积(ha)、(AI)、(深圳)、爱(AI)、深 （shen）、綠( lu:4 )、的(de5)")
    '面积(ha)、(AI)、(深圳)、爱(AI)、深、綠、的'
    """
    return _annotation_run().sub(lambda match: _strip_run(match, record), text)


def _strip_run(match: regex.Match[str], record: Record) -> str:
    """Drop the leading annotations that are readings of the character; keep the rest."""
    han = match.group("han")
    syllables = match.captures("syllable")
    spans = match.spans("group")
    kept = next((i for i, syllable in enumerate(syllables) if not is_reading(han, syllable)), len(syllables))
    if kept == 0:
        return match.group(0)
    if record is not None:
        for start, end in spans[:kept]:
            record.append(Change(ANNOTATION, "strip_pinyin", start, match.string[start:end], ""))
    return han + match.string[spans[kept - 1][1] : match.end()]
