"""The public pipeline: one document's bytes or text → a validated :class:`Plan`.

This is the API the CLI, the batch runner and cluster engines all call::

    from wpclean.parser import Options, process_bytes
    plan = process_bytes(open("page.txt", "rb").read(), Options(convert="t2s"))
"""

from __future__ import annotations

import hashlib
from typing import NamedTuple

from wpclean.cleaner import changes as kinds
from wpclean.cleaner.decode import check_size, decode_bytes, normalize_text, require_text, sniff_bom, utf8_slices
from wpclean.cleaner.errors import DecodeError
from wpclean.cleaner.options import Options
from wpclean.cleaner.pipeline import Cleaned, clean_handed_over, strip_by_slices
from wpclean.parser.closing import split_closing
from wpclean.parser.header import find_doc_number, split_header
from wpclean.parser.paragraphs import split_paragraphs
from wpclean.parser.structure import build_body
from wpclean.schemas import SCHEMA_VERSION, InputInfo, Plan, Stats, ToolInfo, trusted


class Result(NamedTuple):
    """A plan with the cleaned body it was built from and every change made."""

    plan: Plan
    body: str
    cleaned: Cleaned


VERSION = "0.1.0"  # pyproject.toml's version (a test keeps them equal)


def tool_version() -> str:
    """wpclean's version, as installed.  A constant rather than a look-up in
    the installed metadata, which costs a one-page run several milliseconds."""
    return VERSION


def process_bytes(data: bytes, options: Options = Options(), path: str | None = None, doc_id: str | None = None) -> Result:
    """Decode, clean and parse one document.  Raises wpclean's own ``InputError`` subclasses.

    Memory: the bytes are let go once decoded and the decoded text once the
    first cleaning step has replaced it, so a large document is not held in
    four copies.  The bytes are freed only if the caller keeps no reference:
    pass them straight from where they are read (``process_bytes(path.read_bytes())``).
    """
    text, encoding, stripped = _decode(data, options)
    info = _input_info(data, encoding, path, doc_id)
    del data
    texts = [text]
    del text
    cleaned = _clean(texts, options)
    cleaned.counts[kinds.ANNOTATION] += stripped
    return _parse(cleaned, options, info)


SLICE_BYTES = 1 << 20  # inputs larger than this are decoded a slice of this size at a time


def _decode(data: bytes, options: Options) -> tuple[str, str, int]:
    """The text, its encoding, and how many annotations were stripped while
    decoding (a large UTF-8 input, see :func:`_decode_utf8_stripping`)."""
    if _decodes_by_slices(data, options):
        try:
            return _decode_utf8_stripping(data, options)
        except UnicodeDecodeError:
            pass  # not UTF-8: detection decides, on the whole
    decoded = decode_bytes(data, options.encoding, options.max_bytes)
    if options.encoding:  # detection's strict UTF and CJK decoders never leave a lone surrogate; any codec may
        _reject_surrogates(decoded.text)
    return decoded.text, decoded.encoding, 0


def _decodes_by_slices(data: bytes, options: Options) -> bool:
    """Whether ``data`` is large, possibly UTF-8 and not explained (the
    change log's offsets are positions in the whole decoded input)."""
    return (
        len(data) > SLICE_BYTES and options.encoding is None and not options.explain
        and sniff_bom(data) in (None, "utf-8-sig") and b"\x00" not in data
    )  # fmt: skip


def _decode_utf8_stripping(data: bytes, options: Options) -> tuple[str, str, int]:
    """A large UTF-8 input decoded a slice of lines at a time, each slice
    stripped of annotations as it comes (see :func:`strip_by_slices`; the
    pipeline then finds none left).  Raises ``UnicodeDecodeError`` when the
    input is not UTF-8."""
    check_size(len(data), options.max_bytes)
    bom = sniff_bom(data)
    slices = map(normalize_text, utf8_slices(data, SLICE_BYTES, start=3 if bom else 0))  # CRLF and NFC stay inside a line
    text, stripped = strip_by_slices(slices)
    return text, bom or "utf-8", stripped


def process_text(text: str, options: Options = Options(), path: str | None = None, doc_id: str | None = None) -> Result:
    """Clean and parse already-decoded text (recorded as UTF-8 input)."""
    data = _reject_surrogates(text)
    info = _input_info(data, "utf-8", path, doc_id)
    del data  # one copy of a large document less while it is cleaned
    return _parse(_clean([text], options), options, info)


def _input_info(data: bytes, encoding: str, path: str | None, doc_id: str | None) -> InputInfo:
    """What the plan records of its input: where from, its digest, encoding and size."""
    return trusted(InputInfo, path=path, id=doc_id, sha256=hashlib.sha256(data).hexdigest(), encoding=encoding, bytes=len(data))


def _reject_surrogates(text: str) -> bytes:
    """The text as UTF-8.  Lone surrogates (left by a lossy decode) are not
    characters: refuse them clearly."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise DecodeError(
            f"text has a lone surrogate at character {error.start}, left by a bad decode; "
            "decode the bytes with the right --encoding"
        ) from None


def _clean(texts: list[str], options: Options) -> Cleaned:
    """Clean the one text in ``texts``, taking it out (see :func:`clean_handed_over`)."""
    texts.append(require_text(normalize_text(texts.pop())))
    return clean_handed_over(texts, options)


def _parse(cleaned: Cleaned, options: Options, info: InputInfo) -> Result:
    header = split_header(cleaned.text)
    paragraphs, closing = split_closing(split_paragraphs(header.body))
    doc_number = header.fields.get("doc_number") or find_doc_number(paragraphs)
    body = build_body(paragraphs)
    del paragraphs  # the sections hold their text now
    plan = trusted(
        Plan,
        schema_version=SCHEMA_VERSION,
        title=header.title,
        source=header.fields.get("source") or None,
        published=header.published,
        doc_number=doc_number,
        preamble=body.preamble,
        items=body.items,
        sections=body.sections,
        closing="\n".join(closing),
        warnings=body.warnings,
        stats=_stats(cleaned),
        input=info,
        tool=trusted(ToolInfo, version=tool_version(), convert=options.convert),
    )
    return Result(plan=plan, body=header.body, cleaned=cleaned)


def _stats(cleaned: Cleaned) -> Stats:
    counts = cleaned.counts
    return trusted(
        Stats,
        annotations_removed=counts[kinds.ANNOTATION],
        chars_converted=counts[kinds.CONVERSION],
        overrides_applied=counts[kinds.OVERRIDE],
        punct_normalized=counts[kinds.PUNCT],
        chrome_dropped=counts[kinds.CHROME],
    )


def process_document(content: bytes | str, options: Options = Options(), path: str | None = None, doc_id: str | None = None) -> Result:
    """One document, as bytes (decoded as :func:`process_bytes` does) or as
    text: the entry point the CLI's workers and cluster engines call.

    >>> process_document("关于做好2024年工作的通知\\n一、总体要求\\n加强领导。", Options()).plan.sections[0].heading
    '总体要求'
    """
    if isinstance(content, str):
        return process_text(content, options, path=path, doc_id=doc_id)
    return process_bytes(content, options, path=path, doc_id=doc_id)
