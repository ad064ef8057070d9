"""Numbers that wrap inside a ruled cell of prose, cut out of it for the cell reading.

A procurement notice's winner cell says "ร้าน... โดยนาย... ราชไมตรี (1 2 1 1 7 8" and, on its next
line, "7 1 7 9 X X X) ราคา 16,055.00 บาท": a person's number in a sentence, spread and masked,
wrapped where the cell ends. Tesseract reads the page across its columns, so the number's pieces
come out lines apart with the other cells' words between them, and the Thai model miscounts its
masks ("179%>% %"); and the cell is prose, so extractors.ocr_cells, which reads a cell of digits
and masks with a digits-only whitelist, leaves it alone.

Here the cell's words that make the number are found in the cell's own order (wrapped_in_prose)
and the cell's crop is whitened but for them (whitened), so that ocr_cells reads them as the cell
of a number: on a sheet of their own (the number cells' sheet, and so their readings, stay as
they were), with the same acceptance (the first pass's digits, no new ones unless the page
confirms them) and the same counting of masks on the page. A bracket around the number goes
too: the digits-only model reads "(" and ")" as digits or masks."""

from __future__ import annotations

import re
from typing import Any

from extractors.ocr_accept import WHOLE
from extractors.ocr_boxes import BORDER, Word
from extractors.ocr_sheet import true_runs
from extractors.ocr_table import Cell

#: a word of a number in a cell of prose: digits, masks, what the Thai model makes of masks
_PROSE_NUMBER = re.compile(r"[0-9Xx*#×%<>«»\-–]+")
_PROSE_POSITION = re.compile(r"[0-9Xx*#×%]")
_DIGIT = re.compile("[0-9]")


def wrapped_in_prose(cell: Cell) -> Cell | None:
    """The words of a number that wraps inside a cell of prose ("... ราชไมตรี (1 2 1 1 7 8" over
    "7 179XX %) ราคา ..."), as a cell of their own: the first pass reads the page across its
    columns, so the pieces come out lines apart with other cells' words between them, and it
    miscounts the masks. A run of number-like words (digits, masks, the junk the Thai model makes
    of masks) in the cell's order, over a line break, making a whole number (_whole); not an
    amount, a date or a time."""
    run: list[Word] = []
    best: list[Word] = []
    for word in [*cell.words, None]:
        token = cell.inner(word).strip(BORDER) if word is not None else ""
        if word is not None and not token:
            continue  # a rule read as a word of its own
        if _PROSE_NUMBER.fullmatch(token):
            run.append(word)
            continue
        if len({w.line for w in run}) > 1 and _whole("".join(cell.inner(w) for w in run)):
            if best:
                return None  # two numbers in one cell: which is which, the sheet cannot say
            best = run
        run = []
    if not best:
        return None
    return Cell(cell.box, best, {id(w): cell.cuts[id(w)] for w in best if id(w) in cell.cuts})


def whitened(crop: Any, cell: Cell, part: Cell) -> Any:
    """The cell's crop white but for ``part``'s words, each cut to its line's band, without a
    bracket or a rule's sliver at its ends ("(1", "X)", "|7"): the rest of the cell's prose
    leaves marks, and a bracket, that the digits-only model reads as digits."""
    from statistics import median

    from PIL import Image

    out = Image.new("L", crop.size, 255)
    left, top = cell.box[0], cell.box[1]
    for word in part.words:
        # the line's digits stand between these rows: a bracket or a rule reaches past them
        line = [w for w in part.words if w.line == word.line]
        upper = round(median(w.top for w in line)) - top - 2
        lower = round(median(w.bottom for w in line)) - top + 2
        x0, x1 = max(0, word.left - left - 1), min(crop.width, word.right - left + 1)
        y0, y1 = max(0, word.top - top - 2), min(crop.height, word.bottom - top + 2)  # the word's own rows
        if x0 >= x1 or max(0, upper) >= min(crop.height, lower):
            continue
        lo, hi = _unbracketed(crop.crop((x0, y0, x1, y1)), upper - y0, lower - y0)
        band = (x0 + lo, max(0, upper), x0 + hi, min(crop.height, lower))
        out.paste(crop.crop(band), band[:2])
    return out


def _unbracketed(crop: Any, upper: int, lower: int) -> tuple[int, int]:
    """The columns of a word's crop without what stands at its ends past the rows ``upper`` to
    ``lower`` where the line's digits stand: a bracket or a rule read into the word reaches
    above or below them, no digit or mask does."""
    import numpy as np

    ink = np.asarray(crop.convert("L")) < 128
    outside = np.zeros(ink.shape[1], bool)
    if upper > 0:
        outside |= ink[: max(0, upper)].any(axis=0)
    if lower < ink.shape[0]:
        outside |= ink[max(0, lower) :].any(axis=0)
    runs, inked = true_runs(outside), np.flatnonzero(ink.any(axis=0))
    lo, hi = 0, crop.width
    if not runs:
        return lo, hi
    third = (inked[-1] - inked[0]) / 3
    if runs[0][0] < inked[0] + third:
        lo = runs[0][1]
    if runs[-1][1] - 1 > inked[-1] - third:
        hi = runs[-1][0]
    return (lo, hi) if lo < hi else (0, crop.width)


def _whole(text: str) -> bool:
    """Digits alone as many as an ID's or a phone's (a reference number of 14 is neither); with
    masks, or what the Thai model makes of them, a phone's to two more than an ID's (it miscounts
    masks: the cell reading counts them again); six Arabic digits at least."""
    positions = len(_PROSE_POSITION.findall(text))
    digits = len(_DIGIT.findall(text))
    if digits < 6:
        return False
    return positions in WHOLE if digits == positions else 9 <= positions <= 15
