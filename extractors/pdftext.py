"""Judging and repairing a PDF page's text layer (shared by the PDFium and pdfminer paths)."""

from __future__ import annotations

import re

from extractors.textutil import clean_text

MIN_CHARS = 20  # fewer visible characters than this is "near-empty"
_GARBAGE_SHARE = 0.3  # more unmappable characters than this share is "garbage"
_CID = re.compile(r"\(cid:\d+\)")
_BAD_CHAR = re.compile("[\ue000-\uf8ff\ufffd\ufffe\uffff\x00-\x08\x0b\x0e-\x1f]")
# Thai fonts from Microsoft and Adobe put positioned variants of vowels and tone marks in the
# Private Use Area; text extractors pass them through. Their standard characters:
_THAI_PUA = str.maketrans({
    0xF700: "\u0e10", 0xF701: "\u0e34", 0xF702: "\u0e35", 0xF703: "\u0e36", 0xF704: "\u0e37",
    0xF705: "\u0e48", 0xF706: "\u0e49", 0xF707: "\u0e4a", 0xF708: "\u0e4b", 0xF709: "\u0e4c",
    0xF70A: "\u0e48", 0xF70B: "\u0e49", 0xF70C: "\u0e4a", 0xF70D: "\u0e4b", 0xF70E: "\u0e4c",
    0xF70F: "\u0e0d", 0xF710: "\u0e31", 0xF711: "\u0e4d", 0xF712: "\u0e47", 0xF713: "\u0e48",
    0xF714: "\u0e49", 0xF715: "\u0e4a", 0xF716: "\u0e4b", 0xF717: "\u0e4c", 0xF718: "\u0e38",
    0xF719: "\u0e39", 0xF71A: "\u0e3a",
})
_PUA_THAI_CHAR = re.compile("[\uf700-\uf71a]")
_LEGACY_THAI = re.compile("[\u00a1-\u00fb]")


def visible_chars(text: str) -> int:
    return sum(map(len, text.split()))


def repair_text(text: str) -> str:
    """Undo what PDF producers do to Thai: PUA vowel/tone variants, and pre-Unicode Thai fonts
    whose text comes out as Latin-1 (the TIS-620 bytes read as ISO-8859-1: "¹Ò§ÊÒÇ")."""
    # PDFium swaps a printed hyphen at a line end (and the break) for U+FFFE when the next line
    # starts with a letter, as if it were word hyphenation; "3-381X-" + "XXXX4-61-3" would
    # become "3-381XXXXX4-61-3". Put back what was printed.
    text = clean_text(text.replace("\ufffe", "-\n"))
    if _PUA_THAI_CHAR.search(text):
        text = text.translate(_THAI_PUA)
    if not re.search("[\u0e00-\u0e7f]", text):
        legacy = len(_LEGACY_THAI.findall(text))
        letters = sum(1 for ch in text if ch.isalpha())
        if legacy >= 5 and legacy * 2 > letters:
            text = _LEGACY_THAI.sub(lambda m: bytes([ord(m.group(0))]).decode("cp874", errors="replace"), text)
    return text


def text_quality(text: str) -> str:
    """"ok", "empty" (near-empty) or "garbage" (mostly characters no font maps to Unicode)."""
    text = _CID.sub("\ufffd", text)
    visible = visible_chars(text)
    if visible < MIN_CHARS:
        bad = len(_BAD_CHAR.findall(text))
        return "garbage" if bad and bad * 2 >= visible else "empty"
    return "garbage" if len(_BAD_CHAR.findall(text)) > _GARBAGE_SHARE * visible else "ok"


def over_limit(count: int, last: int) -> str:
    rest = f"page {count}" if count == last + 1 else f"pages {last + 1}–{count}"
    return f"PDF has {count} pages; {rest} not read: over the limit of {last} pages"
