"""The masked first piece of an ID that wraps inside its table cell, misread above the rest.

"*********6" / "646", "xxxx" / "802965102", "xxx1" / "285832698": a masked ID wraps in a narrow
cell, and its first piece, mostly masks, is what the first pass reads worst. It reads a run of
asterisks as letters ("jee", "g"), a run of touching x's a glyph short ("xxx"), and can lose
the digit after them ("Xxx"); the piece below, plain digits, it reads right. Read again with
the digits-and-masks whitelist (extractors.ocr_reread), asterisks still come out as junk.

Asterisks and x's are plain to see, though: the glyphs of the upper piece are told apart by
their ink (extractors.ocr_sheet.glyphs), measured against the digits below it: small ones at the
top are asterisks, x-shaped ones at x-height are x's, tall ones are digits. Only a piece of one
kind of mask and its digits at one end (an ID masked at the front or the back) qualifies, and
only when, with the piece below, it makes 13 positions exactly: a word of a name, an address
or a note makes neither. The digits among the masks are read on the second pass's sheet, glued
before the piece below (extractors.ocr_sheet.tall_before), and taken only when that reading
ends with the piece below as the first pass read it: otherwise nothing is changed.

The repaired piece is a number's first piece to extractors.ocr_layout, which joins the two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, NamedTuple

from extractors.ocr_sheet import Glyph, glyphs

ID_LENGTH = 13
_BORDER = "|()[]{}!/\\"
_LOWER = re.compile("[0-9]{3,12}")  # the piece below: plain digits, the number's visible part
#: what the first pass makes of a run of masks: Latin letters, masks, junk; no Thai (a name)
_UPPER = re.compile(r"[A-Za-z0-9๐-๙Xx*×#%\"'_»“”°@.,:;~^`-]{1,13}")
_KINDS = re.compile("(T*)(S+|x+)|(S+|x+)(T*)")  # masked at the front, or at the back
_MASK_CHAR = {"S": "*", "x": "x"}
_ALIGN = 0.75  # left edges within this many digit heights
_DROP = (0.5, 2.6)  # the piece below starts this many digit heights lower: the next line
_GLUE = 0.6  # words of the upper piece at most this many digit heights apart
_CELL_GAP = 0.8  # a word this close after the upper piece is more of its cell: not a number


class Box(NamedTuple):
    left: int
    top: int
    right: int
    bottom: int


@dataclass(slots=True)
class Head:
    words: list  # ocr_layout._Word: the upper piece as the first pass read it (it may split it)
    lower: Any  # the digits below it
    glyphs: list[Glyph]
    core: str  # its text in the line, a table rule at its ends left out: the repair replaces it
    start: int  # where the core is in its text line
    box: Box

    @property
    def word(self) -> Any:
        return self.words[0]

    @property
    def digits(self) -> list[Glyph]:
        return [g for g in self.glyphs if g.kind == "T"]


def find_heads(image: Any, lines: list, text_lines: list[str], taken: set[int]) -> list[Head]:
    """Upper pieces of masked IDs the first pass misread, each over the digits that go on with
    it. ``taken``: ids of words other repairs have (left to them)."""
    words = [w for line in lines for w in line.words]
    line_of = {id(w): line for line in lines for w in line.words}
    heads: list[Head] = []
    for lower in words:
        core = lower.text.strip(_BORDER)
        if not _LOWER.fullmatch(core):
            continue
        unit = lower.bottom - lower.top
        first = _above(lower, words, unit)
        if first is None:
            continue
        upper = _piece(line_of[id(first)].words, first, unit)
        if upper is None or any(id(w) in taken for w in upper):
            continue
        head = _head(image, upper, lower, len(core), unit, text_lines)
        if head is not None:
            heads.append(head)
    return heads


def accept_head(head: Head, lower: str, reading: str | None, current: str | None = None) -> str | None:
    """The upper piece's new text: its masks as the page shows them, and its digits as the
    sheet read them (``reading``: the digits glued before the piece below, ``lower`` as it now
    reads); None when the first pass, or the second pass's re-reading of the piece alone
    (``current``), read every glyph as what it is: digits glued to others are read worse ("503"
    before "79298420" as "903"); or when the reading does not hold the piece below whole after
    the digits."""
    for read in (head.core.replace(" ", ""), current or ""):
        if len(read) == len(head.glyphs) and all(_agrees(g, c) for g, c in zip(head.glyphs, read)):
            return None  # read right already: digits read alone are better read than glued
    digits = ""
    if head.digits:
        reading = re.sub("[^0-9]", "", reading or "")
        lower = re.sub("[^0-9]", "", lower)
        if len(reading) != len(head.digits) + len(lower) or not reading.endswith(lower):
            return None
        digits = reading[: len(head.digits)]
    out, taken = [], iter(digits)
    for glyph in head.glyphs:
        out.append(next(taken) if glyph.kind == "T" else _MASK_CHAR[glyph.kind])
    return "".join(out)


def _agrees(glyph: Glyph, char: str) -> bool:
    return char.isdigit() if glyph.kind == "T" else char in ("*" if glyph.kind == "S" else "xX")


def _above(lower: Any, words: list, unit: float) -> Any | None:
    """The word over ``lower`` its left edge is under (past a table rule), on the nearest line."""
    best, distance = None, 0.0
    for word in words:
        # tops or bottoms a line apart: the first pass's box of a misread piece may take in the
        # cell's rule above or below it
        drops = (lower.top - word.top, lower.bottom - word.bottom)
        if not any(_DROP[0] * unit < d <= _DROP[1] * unit for d in drops) or word.bottom > lower.top:
            continue
        off = min(abs(a - b) for a in _edges(word) for b in _edges(lower))
        if off > _ALIGN * unit:
            continue
        if best is None or word.line > best.line or (word.line == best.line and off < distance):
            best, distance = word, off
    return best


def _piece(line: list, first: Any, unit: float) -> list | None:
    """The words of the cell line ``first`` starts, glued together (the first pass splits a
    misread run of masks: "»%", "๐", "๓"); None if the cell goes on after them: a number's
    first piece fills its cell's line."""
    at = line.index(first)
    end = at + 1
    while end < len(line) and line[end].left - line[end - 1].right <= _GLUE * unit \
            and (not line[end - 1].text.strip(_BORDER) and end - 1 == at  # a rule, or a star read as one
                 or not line[end - 1].text.endswith(tuple(_BORDER)) and not line[end].text.startswith(tuple(_BORDER))):
        end += 1
    after = line[end] if end < len(line) else None
    if after is not None and after.left - line[end - 1].right <= _CELL_GAP * unit \
            and not line[end - 1].text.endswith(tuple(_BORDER)) and not after.text.startswith(tuple(_BORDER)):
        return None
    return line[at:end]


def _head(image: Any, upper: list, lower: Any, positions: int, unit: float, text_lines: list[str]) -> Head | None:
    box = Box(min(w.left for w in upper), min(w.top for w in upper), max(w.right for w in upper),
              max(w.bottom for w in upper))
    if not upper[0].text.strip(_BORDER):  # a rule, or a star read as one: in the box, not the text
        upper = upper[1:]
        if not upper:
            return None
    line = text_lines[upper[0].line]
    raw = line[upper[0].start : upper[-1].end]
    core = raw.strip(_BORDER + " ")
    if not core or not _UPPER.fullmatch(core.replace(" ", "")) or core.isdigit():
        return None
    advance = (lower.right - lower.left) / max(1, len(lower.text.strip(_BORDER)))
    found = glyphs(image, box, unit, advance)
    if not found or len(found) + positions != ID_LENGTH:
        return None
    if not _KINDS.fullmatch("".join(g.kind for g in found)):
        return None
    return Head(upper, lower, found, core, upper[0].start + raw.index(core), box)


def _edges(word: Any) -> tuple[float, ...]:
    """Where a word may start: its box's left edge, and past a table rule read at its start."""
    lead = len(word.text) - len(word.text.lstrip(_BORDER))
    return word.left, word.left + lead * (word.right - word.left) / max(1, len(word.text))
