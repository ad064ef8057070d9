"""A second, targeted OCR pass over the numbers whose mask characters the first pass mangled.

The first pass reads a page with ``tha+eng``, and the Thai model makes junk of the characters a
clerk masks digits with: "XXXX" comes out as "%", "2000<" or "%>000<9000", "×××" as "%%%" or
"Axxxx", and a masked ID is then no longer number-shaped for the detectors. Read again alone,
with ``eng`` and only digits and mask characters allowed, the same pixels mostly come out right.

So the words of the first pass that look like a mangled number are cropped from the page image,
stacked into one sheet (one extra Tesseract run per page, not one per word) and read again; a
word's re-reading replaces it in both the text and the TSV (so extractors.ocr_layout can still
rejoin numbers that wrap in table cells) only where it is plausible:

- the word was number-like to start with: mostly digits, mask characters and what the first pass
  makes of masks; a word with two or more letters is text, or Thai digits (which Tesseract cannot
  read: the whitelist would turn them into made-up Arabic ones), and is left alone;
- a clean word (digits, masks, dashes) is replaced only when the re-reading finds masks in it
  (the first pass sometimes reads "XXXXXXXXX8" as digits), never digits for digits;
- the re-reading of a junk word has masks, about as many digit and mask positions as the word
  had, and the first pass's digits (or drops some it took masks for), never others.

The masked end of an ID that wraps in its cell, alone on the line below, is read on the same
sheet, glued to its number (extractors.ocr_tails).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from typing import Any, Callable

from extractors.ocr_layout import locate_words
from extractors.ocr_tails import accept_tail, find_tails

#: Digits and mask characters, and O: the model reads a 0 just before a small "×" as O, and
#: without O to choose it drops the 0. An O there is taken for 0; anywhere else it is the
#: reading of a Thai digit (a round glyph), and the reading is refused.
WHITELIST = "0123456789Xx*#-+Oo"
_ZERO_BEFORE_MASK = re.compile(r"[Oo]+(?=[Xx*#])")

Box = tuple[int, int, int, int]  # left, top, right, bottom

#: (sheet image, its dpi) -> Tesseract's TSV for it; raises on failure.
ReadSheet = Callable[[Any, int], str]

_BORDER = "|()[]{}!/\\"  # a table rule read at a word's ends
_CLEAN = re.compile(r"\+?[0-9Xx*×#](?:-?[0-9Xx*×#])*-?")
_POSITION = re.compile(r"[0-9Xx*×#]")
_MASK = re.compile(r"[Xx*×#]")
_DIGIT = re.compile(r"[0-9]")
#: the first pass's readings of mask characters, besides the masks themselves
_JUNK = re.compile(r"[0-9Xx*×#%\"'_»<>@๐oO°-]")
_LETTER = re.compile(r"[A-NP-WYZa-np-wyzก-ฮ]")  # not O or o: a 0 is often read so
_THAI_DIGIT = re.compile("[๑-๙]")  # not ๐: the first pass reads a mask's x as ๐
_NOT_A_NUMBER = re.compile(r"[/:,.]")  # dates, times, money, house numbers

_PAD_X, _PAD_Y = 3, 6  # pixels of the page around a word's box
_GAP = 30  # white pixels between two crops on the sheet
_TARGET_HEIGHT = 48  # pixels a digit is scaled to on the sheet
_MIN_POSITIONS = 3


@dataclass(slots=True)
class _Crop:
    word: Any  # ocr_layout._Word
    core: str  # the word without a table rule at its ends: a re-reading replaces it
    start: int  # where the core is in the word's text line


def reread_numbers(image: Any, text: str, tsv: str, read_sheet: ReadSheet, *, dpi: int) -> tuple[str, str]:
    """``text`` and ``tsv`` with mangled numbers replaced by their re-reading from ``image`` (the
    page as the first pass saw it). Unchanged when nothing looks mangled. Errors of
    ``read_sheet`` propagate: the caller keeps the first pass's text."""
    lines = locate_words(text, tsv)
    if lines is None:
        return text, tsv
    text_lines = text.split("\n")
    numbers = [c for line in lines for w in line.words if (c := _number(w)) is not None]
    tails = find_tails(lines, text_lines, {id(c.word) for c in numbers})
    if not numbers and not tails:
        return text, tsv
    heights = sorted(c.word.bottom - c.word.top for c in numbers) or sorted(t.upper.bottom - t.upper.top for t in tails)
    scale = min(4.0, max(1.0, _TARGET_HEIGHT / max(1, heights[len(heights) // 2])))
    sheet, bands, glyphs = _sheet(image, [(c.word, None) for c in numbers] + [(t.upper, t.box) for t in tails], scale)
    readings = _readings(read_sheet(sheet, round(dpi * scale)), bands)
    edits = [(c, new) for c, r in zip(numbers, readings) if (new := _accept(c.core, r))]
    # a tail fits the number above it as it now reads: the re-reading if there is one
    now = {id(c.word): new for c, new in edits}
    blank: list[int] = []
    for tail, reading, count in zip(tails, readings[len(numbers):], glyphs[len(numbers):]):
        new = accept_tail(now.get(id(tail.upper), _strip(tail.upper.text)), reading, count)
        if new is not None:
            edits.append((_Crop(tail.words[0], tail.core, tail.start), new))
            blank.extend(w.row for w in tail.words[1:])
    return _apply(text_lines, tsv, edits, blank=blank)


def _strip(text: str) -> str:
    return text.strip(_BORDER)


def _number(word: Any) -> _Crop | None:
    lead = len(word.text) - len(word.text.lstrip(_BORDER))
    core = _strip(word.text)
    return _Crop(word, core, word.start + lead) if _numberlike(core) else None


def _numberlike(core: str) -> bool:
    """Mostly digits, masks and the first pass's misreadings of masks, and worth a re-reading."""
    if len(_POSITION.findall(core)) + core.count("%") < _MIN_POSITIONS or _NOT_A_NUMBER.search(core):
        return False
    if any(c in _BORDER for c in core):  # a rule inside: two cells, or a date's slash
        return False
    if _THAI_DIGIT.search(core):  # a number in Thai digits: the whitelist would make some up
        return False
    # two letters are text, or Thai digits, which the whitelist would turn into made-up digits
    if len(_LETTER.findall(core)) >= 2 or len(_JUNK.findall(core)) < 0.6 * len(core):
        return False
    # a clean word is re-read only when long enough to hide masks read as digits
    return not _CLEAN.fullmatch(core) or (_DIGIT.search(core) is not None and len(core) >= 6)


def _sheet(image: Any, crops: list[tuple[Any, Box | None]], scale: float) -> tuple[Any, list[tuple[int, int]], list[int]]:
    """The crops (a word, and a tail's box glued after it) stacked on a white sheet, each one's
    vertical band on it, and the glyphs of each tail (0 for a word alone)."""
    from PIL import Image

    pieces, glyphs = [], []
    for word, tail in crops:
        if tail is None:
            piece = _crop(image, (word.left, word.top, word.right, word.bottom))
            glyphs.append(0)
        else:
            piece, count = _glued(image, word, tail)
            glyphs.append(count)
        if scale != 1.0:
            piece = piece.resize((max(1, round(piece.width * scale)), max(1, round(piece.height * scale))),
                                 Image.Resampling.LANCZOS)
        pieces.append(piece.convert("L"))
    sheet = Image.new("L", (max(p.width for p in pieces) + 2 * _GAP, sum(p.height + _GAP for p in pieces) + _GAP), 255)
    bands, y = [], _GAP
    for piece in pieces:
        sheet.paste(piece, (_GAP, y))
        bands.append((y - _GAP // 2, y + piece.height + _GAP // 2))
        y += piece.height + _GAP
    return sheet, bands, glyphs


def _glued(image: Any, word: Any, tail: Box) -> tuple[Any, int]:
    """The word, and a tail's ink after it as its next letters: a letter's gap between them, the
    tops level (digits, "#" and "*" start at the same height). Tesseract's eng model reads a few
    masks alone as letters or not at all ("##" → "", "Ht"), and after digits as masks."""
    from PIL import Image

    height = word.bottom - word.top
    up = min(word.top, _PAD_Y)
    head = image.crop((max(0, word.left - _PAD_X), word.top - up, word.right, min(image.height, word.bottom + _PAD_Y)))
    rest = _ink(image.crop((tail[0], tail[1], min(image.width, tail[2] + _PAD_X), tail[3])).convert("L"))
    gap = max(2, height // 6)
    out = Image.new("L", (head.width + gap + rest.width, max(head.height, up + rest.height)), 255)
    out.paste(head.convert("L"), (0, 0))
    out.paste(rest, (head.width + gap, up))
    return out, _glyphs(rest, (word.right - word.left) / max(1, len(word.text)))


def _ink(piece: Any) -> Any:
    """The rows of ``piece`` with ink, without a table rule: the Thai model's box of a tail often
    takes in the cell's rule below it, and its top is not the ink's. A rule is a band of rows
    dark right across, with white rows around it (a "#"'s bars have its strokes around them)."""
    width, dark = piece.width, piece.point(lambda v: 255 if v < 128 else 0)
    rows = [dark.crop((0, y, width, y + 1)).histogram()[255] for y in range(piece.height)]
    bands: list[list[int]] = []
    for y, count in enumerate(rows):
        if not count:
            continue
        if bands and bands[-1][-1] == y - 1:
            bands[-1].append(y)
        else:
            bands.append([y])
    kept = [band for band in bands if not all(rows[y] > 0.85 * width for y in band)]
    if not kept:
        return piece
    return piece.crop((0, kept[0][0], width, kept[-1][-1] + 1))


def _glyphs(piece: Any, advance: float) -> int:
    """Glyphs of a tail: runs of columns with ink ("*", "x", "X" stand apart), or, in one run,
    its ink's width in the number's characters ("##" touch; "X" is wider than a digit, so the
    width is used only then)."""
    dark = piece.point(lambda v: 255 if v < 128 else 0)
    inked = [x for x in range(piece.width) if dark.crop((x, 0, x + 1, piece.height)).getbbox()]
    if not inked:
        return 0
    runs = 1 + sum(1 for a, b in pairwise(inked) if b > a + 1)
    return runs if runs > 1 else max(1, int((inked[-1] + 1 - inked[0]) / max(1.0, advance) + 0.2))


def _crop(image: Any, box: Box) -> Any:
    left, top, right, bottom = box
    return image.crop((max(0, left - _PAD_X), max(0, top - _PAD_Y),
                       min(image.width, right + _PAD_X), min(image.height, bottom + _PAD_Y)))


def _readings(tsv: str, bands: list[tuple[int, int]]) -> list[str]:
    """The words of the sheet's TSV gathered by the band their middle falls in, left to right."""
    found: list[list[tuple[int, str]]] = [[] for _ in bands]
    for row in tsv.split("\n"):
        cols = row.split("\t")
        if len(cols) != 12 or cols[0] != "5" or not cols[11].strip():
            continue
        left, top, height = int(cols[6]), int(cols[7]), int(cols[9])
        middle = top + height / 2
        for i, (a, b) in enumerate(bands):
            if a <= middle < b:
                found[i].append((left, cols[11].strip()))
                break
    return [_ZERO_BEFORE_MASK.sub(lambda m: "0" * len(m.group()), "".join(word for _, word in sorted(words)))
            for words in found]


def _accept(core: str, reading: str) -> str | None:
    """The re-reading to put in place of ``core``, or None to keep the first pass's. A dash at
    either end of the core stays: it tells the detectors where a number wrapped."""
    reading = reading.strip("-")
    if reading == core.strip("-") or not reading or not _CLEAN.fullmatch(reading):
        return None
    reading = "-" * core.startswith("-") + reading + "-" * core.endswith("-")
    positions = len(_POSITION.findall(reading))
    if positions < _MIN_POSITIONS:
        return None
    if _CLEAN.fullmatch(core):
        # Digits for digits are the first pass's call. News are only masks it dropped (the same
        # digits, more masks) or read as digits (at least two more masks).
        gained = len(_MASK.findall(reading)) - len(_MASK.findall(core))
        same_digits = _DIGIT.findall(reading) == _DIGIT.findall(core)
        return reading if gained >= 2 or (gained >= 1 and same_digits) else None
    # A junk word is a misread mask: a re-reading without one, or one position short of the first
    # pass's more than once, has lost glyphs (Tesseract drops a small × beside a digit).
    if not _MASK.search(reading) or positions < len(_POSITION.findall(core)) + core.count("%") - 1:
        return None
    # Digits the first pass read are kept, or were misread masks: the re-reading may drop some or
    # add some (where the first pass had junk), not both; that would be a table rule read as a
    # 1, or a different number.
    old, new = _DIGIT.findall(core), _DIGIT.findall(reading)
    return reading if _subsequence(new, old) or _subsequence(old, new) else None


def _subsequence(short: list[str], long: list[str]) -> bool:
    rest = iter(long)
    return all(c in rest for c in short)


def _apply(lines: list[str], tsv: str, edits: list[tuple[_Crop, str]], *, blank: list[int] = ()) -> tuple[str, str]:
    """Each re-read core in place of the first pass's, in its text line and in its TSV row (the
    box stays: it is the same word). A tail read as several words is in its first word's row,
    and the other words' rows are left without text (ocr_layout skips them)."""
    rows = tsv.split("\n")
    for row in blank:
        cols = rows[row].split("\t")
        cols[11] = ""
        rows[row] = "\t".join(cols)
    for c, new in sorted(edits, key=lambda e: (e[0].word.line, e[0].start), reverse=True):
        line = lines[c.word.line]
        lines[c.word.line] = line[: c.start] + new + line[c.start + len(c.core) :]
        cols = rows[c.word.row].split("\t")
        lead = c.start - c.word.start
        cols[11] = c.word.text[:lead] + new + c.word.text[lead + len(c.core) :]
        rows[c.word.row] = "\t".join(cols)
    return "\n".join(lines), "\n".join(rows)
