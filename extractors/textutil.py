"""Decoding Thai text of unknown encoding, and cleaning text before it leaves an extractor."""

from __future__ import annotations

import codecs
import re

_THAI_LETTER = re.compile("[\u0e01-\u0e2e]")
_WESTERN = frozenset(("iso8859-1", "cp1252", "iso8859-15"))
_CHARSET_PARAM = re.compile(r"charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)

# Invisible characters that sit inside numbers on Thai web pages (ZWSP is inserted for line
# breaking, since Thai has no spaces between words); removing them lets digits read as typed.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
                             "\u2009\u200a\u202f\u205f\u3000"), " ")
_CLEAN = {**_INVISIBLE, **_SPACES}
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


def has_thai_letters(text: str) -> bool:
    return _THAI_LETTER.search(text) is not None


def clean_text(text: str, *, keep_tabs: bool = False) -> str:
    """Unix newlines, no invisible or control characters, ordinary spaces; line breaks kept."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0c", "\n")
    text = text.translate(_CLEAN)
    if not keep_tabs:
        text = text.replace("\t", " ")
    return _CONTROL.sub("", text)


def charset_from_content_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    match = _CHARSET_PARAM.search(content_type)
    return match.group(1) if match else None


def codec_name(label: str | None) -> str | None:
    """Python's codec for a declared charset label, or None if unknown. TIS-620 and ISO-8859-11
    are decoded as cp874, their superset, which is what Thai pages labelled so actually use."""
    if not label:
        return None
    label = label.strip().lower()
    if label in ("tis-620", "tis620", "tis_620", "iso-8859-11", "iso8859-11", "iso_8859-11",
                 "windows-874", "x-windows-874", "cp874", "ms874", "x-cp874", "dos-874"):
        return "cp874"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _bom(data: bytes) -> tuple[str, int] | None:
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32-le"),
                       (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                       (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return codec, len(bom)
    return None


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Decode bytes from a Thai source.

    Order: a BOM; valid UTF-8 (Thai in UTF-8 is unmistakable, and declarations are often wrong);
    the declared charset; else charset-normalizer. Whenever the result has U+FFFD or no Thai
    letters while cp874 gives Thai letters, cp874 wins: charset-normalizer calls short Thai pages
    cp932/cp949, and pages that declare UTF-8 are often TIS-620.
    """
    bom = _bom(data)
    if bom:
        return data[bom[1]:].decode(bom[0], errors="replace")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        codec = codec_name(declared)
        if text.isascii() or has_thai_letters(text) or codec in (None, "utf-8"):
            return text
        return data.decode(codec, errors="replace")

    codec = codec_name(declared)
    if codec and codec != "utf-8":
        text = data.decode(codec, errors="replace")
        if codec in _WESTERN:
            return _cp874_if_western_mojibake(data, text)
        if "\ufffd" not in text:
            return text
    elif codec == "utf-8":
        text = data.decode("utf-8", errors="replace")
    else:
        text = _guess(data)
    return _cp874_if_better(data, text)


def _guess(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or not best.encoding:
        return data.decode("utf-8", errors="replace")
    try:
        return data.decode(best.encoding, errors="replace")
    except LookupError:
        return data.decode("utf-8", errors="replace")


def _cp874_if_western_mojibake(data: bytes, text: str) -> str:
    """Servers send ``charset=ISO-8859-1`` (a web-server default) with TIS-620 pages; Latin-1
    decodes any byte, so the mistake shows only as text made of accented letters."""
    high = [ch for ch in text if ord(ch) > 0x7F]
    if high and sum(1 for ch in high if "\u00a1" <= ch <= "\u00fb") * 2 > len(high):
        thai = data.decode("cp874", errors="replace")
        if has_thai_letters(thai) and thai.count("\ufffd") <= len(high) // 20:
            return thai
    return text


def _cp874_if_better(data: bytes, text: str) -> str:
    if "\ufffd" not in text and has_thai_letters(text):
        return text
    thai = data.decode("cp874", errors="replace")
    if has_thai_letters(thai) and thai.count("\ufffd") <= text.count("\ufffd"):
        return thai
    return text
