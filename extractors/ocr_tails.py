"""The masked end of an ID that wraps inside its table cell, alone on the line below.

"4120****" / "*****", "680190259##" / "##": the last masks of a masked ID wrap onto the cell's
next line, and there, without digits beside them, the Thai model reads them as letters
("เปลมนั", "HH", "Ht", "%") and the ID is short of its 13 positions. Read alone with the digits
and masks whitelist (extractors.ocr_reread) a few masks still come out as nothing; glued after
the number above, as if they were its next letters, they come out as masks.

A *tail* is a short piece of a cell (a few words a letter's gap apart, no digits) that starts
under a number with masks and fewer than 13 positions, on the next line (the nearest such piece
under each number). The number and the tail are read together, and the tail becomes masks only
when that reading ends with more masks than the number does and they fit in 13 positions: a
word of a name or an address, read with the whitelist, comes out as digits or overfills the
number, and stays as the first pass read it. ocr_layout then joins the tail to its number.

Also: the last masks of a number written with spaces ("28344 XX" / "X", under the line's first
group); the end of a dashed ID cut inside its third group, a digit and masks ("1-9502-056" /
"8*-**-*"), taken only when the glued reading starts with the number and makes 13 positions;
and a row of asterisks the glued reading drops, counted from its ink instead (star_tail).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

ID_LENGTH = 13
_BORDER = "|()[]{}!/\\"
_POSITION = re.compile(r"[0-9Xx*×#]")
_MASKED = re.compile("[Xx*×#%\"_»๐]")  # masks and the first pass's readings of them
_CLEAN = re.compile(r"[0-9Xx*×#%\"_»๐\-]+")
_DIGIT = re.compile("[0-9๐-๙]")
_MASKS = "Xx*#"
#: digits, "*" and its misreadings; a "#" among asterisks is one too (the first of a run is read
#: so), and the shapes tell: a real "#" is as tall as a digit, not a small glyph at the top
_STARRED = re.compile("(?=.*[0-9])(?=.*[*])[0-9*\"“”'_#]+")
_ARABIC = re.compile("[0-9]")
#: a person's ID written 1-4-5-2-1 and cut inside its third group: the rest may be a masked end
#: with a digit or two in it, which the first pass reads as letters (_digit_tail)
_ID_START = re.compile(r"[1-8]-[0-9]{4}-[0-9]{1,4}")
_MASKED_END = re.compile(r"[0-9]{0,2}[Xx*#](?:-?[Xx*#])*-?[Xx*#]")
_GROUP = re.compile("[0-9Xx*×#]+")  # a group of a number written with spaces
_SPACE = 1.3  # word heights: at most a space between two groups
_X_HEIGHT = 0.75  # a lowercase "x" in a digit's height

MAX_CHARS = 8  # a tail is a few masks: a longer piece is text
_ALIGN = 0.75  # its left edge within this many word heights of the number's
_DROP = (0.5, 2.6)  # its top this many word heights below the number's: the next line
_GAP = 0.5  # words of one tail at most this many heights apart (the Thai model splits letters)
_MIN_HEIGHT = 0.6  # as high as this part of the number at least: not a stray vowel mark
_STAR_HEIGHT = 0.55  # a row of "*" is at most this part of the number high (star_tail)


@dataclass(slots=True)
class Tail:
    upper: Any  # ocr_layout._Word: the number it may end
    words: list  # its words, left to right
    core: str  # its text in the line (words and the spaces between), rules at its ends dropped
    start: int  # where the core starts in the line
    box: tuple[int, int, int, int]  # the tail's words


def find_tails(lines: list, text_lines: list[str], numbers: set[int]) -> list[Tail]:
    """Tails under numbers with room left, the nearest one under each. ``numbers``: ids of the
    words ocr_reread re-reads (a number the first pass mangled can have a tail too)."""
    # each number with room, and the word its cell's line starts with: a tail wraps to there
    uppers = [(w, w if _has_room(w, id(w) in numbers) else start)
              for line in lines for k, w in enumerate(line.words)
              if _has_room(w, id(w) in numbers) or (start := _spaced_start(line.words, k)) is not None]
    if not uppers:
        return []
    nearest: dict[int, Tail] = {}
    for line in lines:
        words = line.words
        for i, first in enumerate(words):
            if id(first) in numbers:
                continue
            upper = next((u for u, anchor in uppers if _under(first, u, anchor)), None)
            if upper is None:
                continue
            tail = _tail(words, i, upper, text_lines)
            if tail is None or any(id(w) in numbers for w in tail.words):
                continue
            other = nearest.get(id(upper))
            if other is None or tail.box[1] < other.box[1]:
                nearest[id(upper)] = tail
    return list(nearest.values())


def accept_tail(upper: str, reading: str, glyphs: int) -> str | None:
    """The tail's new text from what the sheet read for the number ``upper`` (as it now reads)
    with the tail after it, or None. The reading must end with more masks than ``upper`` does:
    the tail is the end of the reading that holds them ("XX-X" of a dashed number), or, without
    dashes, masks as many as the tail has ``glyphs`` (the eng model reads "##" after digits as
    "7#" or "###" as often as "##", but it tells masks from letters). The number must still fit
    in 13 positions. The number's own digits are not compared: the eng model misreads some in a
    glued crop ("4120****" → "41"), and they are the first pass's to keep anyway."""
    if _ID_START.fullmatch(upper):
        return _digit_tail(upper, reading)
    added = _end_masks(reading) - _end_masks(upper)
    if added < 1:
        return None
    at = len(reading)
    for _ in range(added):
        at = max(reading.rfind(c, 0, at) for c in _MASKS)
    tail = reading[at:]
    if "-" not in tail:
        tail = tail[-1] * max(added, glyphs)
    if len(_POSITION.findall(upper + tail)) > ID_LENGTH:
        return None
    return tail


def _digit_tail(upper: str, reading: str) -> str | None:
    """The tail of a dashed ID cut inside its third group ("1-9502-056" / "8*-**-*", the lower
    piece read as "grt"): the glued reading must start with the number as the first pass read
    it and end it with masks, a digit or two before them, in 13 positions exactly."""
    tail = reading[len(upper):] if reading.startswith(upper) else ""
    if not _MASKED_END.fullmatch(tail) or len(_POSITION.findall(upper + tail)) != ID_LENGTH:
        return None
    return tail


def star_tail(upper: str, ink: Any) -> str | None:
    """The tail as asterisks, when the reading of it failed: Tesseract's eng model reads a run of
    "*" after digits as nothing or a few ("4120*********" → "41"), but asterisks are plain to
    see: a row of small glyphs at the top of the line, a third of a digit high (a Thai word is
    two thirds or more). Only after a number that ends with "*", and only as many as make it
    13 positions exactly: a count that does not fit is not trusted."""
    if not upper.endswith("*") or not 0 < ink.height <= _STAR_HEIGHT:
        return None
    if len(_POSITION.findall(upper)) + ink.glyphs != ID_LENGTH:
        return None
    return "*" * ink.glyphs


def recount_stars(core: str, shapes: str | None) -> str | None:
    """``core`` (digits and asterisks, or what the first pass makes of them: quotes, "_", "#") with
    as many asterisks as the page shows, where ``shapes`` (extractors.ocr_sheet.shapes) has
    them: the first pass drops some of a run ("4421****" → "4421***") or reads them as a quote.
    The digits stay the first pass's, and only when the page has as many tall glyphs as
    they are: a count that does not match is not trusted."""
    if shapes is None or "S" not in shapes or not _STARRED.fullmatch(core):
        return None
    digits = iter(_ARABIC.findall(core))
    if shapes.count("T") != len(_ARABIC.findall(core)):
        return None
    out = "".join(next(digits) if s == "T" else "*" for s in shapes)
    return out if out != core and len(out) <= ID_LENGTH else None


def _end_masks(text: str) -> int:
    """The masks in the run of masks and dashes that ends ``text``."""
    run = text[len(text.rstrip(_MASKS + "-")):]
    return sum(c in _MASKS for c in run)


def _has_room(word: Any, mangled: bool) -> bool:
    core = word.text.strip(_BORDER)
    positions = len(_POSITION.findall(core)) + core.count("%")
    if _ID_START.fullmatch(core):
        return True
    return (mangled or _CLEAN.fullmatch(core) is not None) and _MASKED.search(core) is not None \
        and 4 <= positions < ID_LENGTH


def _spaced_start(words: list, k: int) -> Any | None:
    """The first group of a number written with spaces whose masked last group is word ``k``
    ("28344 XX"), or the word itself on a line of its own ("xx" of "3 7306 6122x" / "xx" / "x"):
    two or three masks, too few to have room by themselves. ocr_layout joins the groups, and
    the tail once it reads as masks."""
    core = words[k].text.strip(_BORDER)
    if not 2 <= len(core) <= 3 or not all(c in _MASKS for c in core):
        return None
    unit = words[k].bottom - words[k].top
    start = k
    while start > 0 and _GROUP.fullmatch(words[start - 1].text.lstrip(_BORDER)) \
            and 0 < words[start].left - words[start - 1].right <= _SPACE * unit:
        start -= 1
    if start == k:  # the groups wrapped onto three lines ("3 7306 6122x" / "xx" / "x")
        return words[k]
    return words[start] if _ARABIC.search(words[start].text) else None


def _edges(word: Any) -> tuple[float, ...]:
    """Where a word may start: its box's left edge, and past a table rule read at its start
    (the box covers the rule's glyph in some words and not in others)."""
    lead = len(word.text) - len(word.text.lstrip(_BORDER))
    return word.left, word.left + lead * (word.right - word.left) / max(1, len(word.text))


def _under(word: Any, upper: Any, anchor: Any) -> bool:
    unit = upper.bottom - upper.top
    if upper is anchor and "x" in upper.text and all(c in _MASKS for c in upper.text.strip(_BORDER)):
        unit /= _X_HEIGHT  # a line of masks alone: "xx" is lower than a digit
    aligned = min(abs(a - b) for a in _edges(word) for b in _edges(anchor)) <= _ALIGN * unit
    return aligned and _DROP[0] * unit < word.top - upper.top <= _DROP[1] * unit


def _tail(words: list, i: int, upper: Any, text_lines: list[str]) -> Tail | None:
    j = i + 1
    unit = upper.bottom - upper.top
    while j < len(words) and words[j].left - words[j - 1].right <= _GAP * unit \
            and not words[j - 1].text.endswith(tuple(_BORDER)) and not words[j].text.startswith(tuple(_BORDER)):
        j += 1
    piece = words[i:j]
    line = text_lines[piece[0].line]
    raw = line[piece[0].start : piece[-1].end]
    core = raw.strip(_BORDER)
    if not core or len(core.replace(" ", "")) > MAX_CHARS or _DIGIT.search(core):
        return None
    box = (min(w.left for w in piece), min(w.top for w in piece), max(w.right for w in piece), max(w.bottom for w in piece))
    if box[3] - box[1] < _MIN_HEIGHT * unit and not upper.text.strip(_BORDER).endswith("*"):
        return None  # a stray vowel mark; but "*" are small too (star_tail tells them by their ink)
    return Tail(upper, piece, core, piece[0].start + raw.index(core), box)
