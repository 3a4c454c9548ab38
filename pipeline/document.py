"""The pipeline: one document's bytes or text → decode → clean → parse → a :class:`Plan`.

This is the API the CLI, the batch workers and cluster engines all call, and
what ``import wpclean`` exports::

    import wpclean
    result = wpclean.process_bytes(open("page.txt", "rb").read(), wpclean.Options(convert="t2s"))
"""

from __future__ import annotations

import hashlib
from typing import NamedTuple

from wpclean.cleaner.changes import CHROME
from wpclean.cleaner.steps import Cleaned, clean_slices
from wpclean.decode import check_size, decode_bytes, decode_html, normalize_text, require_text, sniff_bom, utf8_slices
from wpclean.errors import DecodeError
from wpclean.options import Options
from wpclean.parser.plan import build_plan
from wpclean.schemas import InputInfo, Plan, ToolInfo, trusted
from wpclean.version import __version__


class Result(NamedTuple):
    """A plan with the cleaned body it was built from and every change made."""

    plan: Plan
    body: str
    cleaned: Cleaned


def tool_version() -> str:
    """wpclean's version, as installed.  A constant rather than a look-up in
    the installed metadata, which costs a one-page run several milliseconds."""
    return __version__


SLICE_BYTES = 1 << 20  # inputs larger than this are decoded a slice of this size at a time


def process_bytes(
    data: bytes, options: Options = Options(), path: str | None = None, doc_id: str | None = None
) -> Result:
    """Decode, clean and parse one document.  Raises wpclean's own ``InputError`` subclasses.

    Memory: the bytes are let go once decoded and the decoded text once the
    first cleaning step has replaced it, so a large document is not held in
    four copies.  The bytes are freed only if the caller keeps no reference:
    pass them straight from where they are read (``process_bytes(path.read_bytes())``).
    A large UTF-8 input is decoded a slice of lines at a time, and the
    line-local cleaning steps run on each slice as it comes
    (:func:`wpclean.cleaner.steps.clean_slices`).

    An HTML page (``options.input_format``, or for "auto" its extension in
    ``path`` or its first bytes: :func:`is_html`) goes through the HTML
    extractor (:mod:`wpclean.html`), imported only then.
    """
    if is_html(data, options.input_format, path):
        return _process_html_bytes(data, options, path, doc_id)
    if _decodes_by_slices(data, options):
        cleaned = _clean_utf8_by_slices(data, options)
        if cleaned is not None:
            info = _input_info(data, sniff_bom(data) or "utf-8", path, doc_id)
            del data
            return _parse(cleaned, options, info)
    decoded = decode_bytes(data, options.encoding, options.max_bytes, options.decode_errors)
    if options.encoding:  # detection's strict UTF and CJK decoders never leave a lone surrogate; any codec may
        _reject_surrogates(decoded.text)
    info = _input_info(data, decoded.encoding, path, doc_id)
    del data
    texts, replaced = [require_text(normalize_text(decoded.text))], decoded.replaced
    noted = [_replaced_bytes_warning(replaced, decoded.encoding)] if replaced else []
    del decoded
    return _parse(clean_slices(texts, options), options, info, noted)


def _replaced_bytes_warning(replaced: int, encoding: str) -> tuple[str, str, str]:
    """The warning (code, message, where) that ``replaced`` bytes did not decode (--decode-errors replace).

    >>> _replaced_bytes_warning(1, "utf-8")[1]
    '1 byte not valid utf-8 replaced by U+FFFD (--decode-errors replace)'
    """
    plural = "s" * (replaced != 1)
    return (
        "bytes_replaced",
        f"{replaced:,} byte{plural} not valid {encoding} replaced by U+FFFD (--decode-errors replace)",
        "input",
    )


def _decodes_by_slices(data: bytes, options: Options) -> bool:
    """Whether ``data`` is large, possibly UTF-8 and not explained (the
    change log's offsets are positions in the whole decoded input)."""
    return (
        len(data) > SLICE_BYTES
        and options.encoding is None
        and not options.explain
        and sniff_bom(data) in (None, "utf-8-sig")
        and b"\x00" not in data
    )


def _clean_utf8_by_slices(data: bytes, options: Options) -> Cleaned | None:
    """A large UTF-8 input decoded a slice of lines at a time (CRLF and NFC stay
    inside a line) and cleaned as the slices come; None when it is not UTF-8
    (then detection decides, on the whole)."""
    check_size(len(data), options.max_bytes)
    start = 3 if sniff_bom(data) else 0
    try:
        return clean_slices(map(normalize_text, utf8_slices(data, SLICE_BYTES, start)), options, check=require_text)
    except UnicodeDecodeError:
        return None


HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")
# A page whose first non-blank bytes open one of these tags is HTML; one that
# opens with a comment or an XML declaration is HTML when a page tag follows.
HTML_OPENINGS = (
    b"<!doctype html",
    b"<html",
    b"<head",
    b"<meta",
    b"<body",
    b"<div",
    b"<table",
    b"<title",
    b"<link",
    b"<script",
)
HTML_PREAMBLES = (b"<!--", b"<?xml", b"<%@")
HTML_PAGE_TAGS = (b"<html", b"<body", b"<head", b"<div")
SNIFF_BYTES = 4096


def is_html(data: bytes | str, input_format: str = "auto", path: str | None = None) -> bool:
    """Whether to read the input as an HTML page.

    >>> is_html(b"\\n <!DOCTYPE html><html>"), is_html(b"<!--url--><html>"), is_html(b"x", path="a.HTM")
    (True, True, True)
    >>> is_html("1<2，且 a<b 的通知"), is_html(b"<!-- a comment in a text file -->")
    (False, False)
    >>> is_html(b"<html>", "text"), is_html(b"plain", "html")
    (False, True)
    """
    if input_format != "auto":
        return input_format == "html"
    if path is not None and path.lower().endswith(HTML_SUFFIXES):
        return True
    head = data[:SNIFF_BYTES]
    head = (head.encode("utf-8", "replace") if isinstance(head, str) else head).lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(HTML_OPENINGS):
        return True
    return head.startswith(HTML_PREAMBLES) and any(tag in head for tag in HTML_PAGE_TAGS)


def _process_html_bytes(data: bytes, options: Options, path: str | None, doc_id: str | None) -> Result:
    decoded, note = decode_html(data, options.encoding, options.max_bytes)
    info = _input_info(data, decoded.encoding, path, doc_id)
    notes = [("html_charset_mismatch", f"the page {note}; decoded as {decoded.encoding}", "input")] if note else []
    # The extractor reads UTF-8 bytes: a page that is UTF-8 (no BOM) is handed
    # over as it came, once decoding proved it; any other is its decoded text.
    page: str | bytes = data if decoded.encoding == "utf-8" else decoded.text
    del data, decoded
    return _process_html(page, options, info, notes)


def _process_html(page: str | bytes, options: Options, info: InputInfo, notes: list[tuple[str, str, str]]) -> Result:
    """Extract the page's document and metadata (``page``: its text, or its
    UTF-8 bytes), then clean and parse the text."""
    from wpclean.html.extract import extract

    if options.encoding and isinstance(page, str):
        _reject_surrogates(page)
    extracted = extract(page)  # line ends and white space in markup carry no meaning: NFC the text it gives
    del page
    cleaned = clean_slices([require_text(normalize_text(extracted.text))], options)
    counts = dict(cleaned.counts)
    counts[CHROME] = counts.get(CHROME, 0) + extracted.chrome
    warnings = [*notes, *((w.code, w.message, w.where) for w in extracted.warnings)]
    tool = trusted(ToolInfo, version=tool_version(), convert=options.convert)
    plan, body = build_plan(
        cleaned.text,
        counts,
        info,
        tool,
        page=extracted.page,
        page_warnings=warnings,
        cleaning_warnings=cleaned.warnings,
    )
    return Result(plan=plan, body=body, cleaned=cleaned)


def process_text(text: str, options: Options = Options(), path: str | None = None, doc_id: str | None = None) -> Result:
    """Clean and parse already-decoded text (recorded as UTF-8 input); an HTML
    page (as :func:`is_html` decides) goes through the HTML extractor."""
    data = _reject_surrogates(text)
    info = _input_info(data, "utf-8", path, doc_id)
    if is_html(text, options.input_format, path):
        del data
        return _process_html(text, options, info, [])
    del data  # one copy of a large document less while it is cleaned
    return _parse(clean_slices([require_text(normalize_text(text))], options), options, info)


def process_document(
    content: bytes | str, options: Options = Options(), path: str | None = None, doc_id: str | None = None
) -> Result:
    """One document, as bytes (decoded as :func:`process_bytes` does) or as
    text: the entry point the CLI's workers and cluster engines call.

    >>> process_document("关于做好2024年工作的通知\\n一、总体要求\\n加强领导。", Options()).plan.sections[0].heading
    '总体要求'
    """
    if isinstance(content, str):
        return process_text(content, options, path=path, doc_id=doc_id)
    return process_bytes(content, options, path=path, doc_id=doc_id)


def _input_info(data: bytes, encoding: str, path: str | None, doc_id: str | None) -> InputInfo:
    """What the plan records of its input: where from, its digest, encoding and size."""
    return trusted(
        InputInfo, path=path, id=doc_id, sha256=hashlib.sha256(data).hexdigest(), encoding=encoding, bytes=len(data)
    )


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


def _parse(
    cleaned: Cleaned, options: Options, info: InputInfo, decoding_warnings: list[tuple[str, str, str]] | None = None
) -> Result:
    """The plan of cleaned text; what decoding warned of comes first among its warnings."""
    tool = trusted(ToolInfo, version=tool_version(), convert=options.convert)
    warnings = [*(decoding_warnings or ()), *cleaned.warnings]
    plan, body = build_plan(cleaned.text, cleaned.counts, info, tool, cleaning_warnings=warnings)
    return Result(plan=plan, body=body, cleaned=cleaned)
