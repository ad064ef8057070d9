"""Numbers in ruled table cells, read a cell at a time.

Tesseract reads a table line by line across all its columns, so a number that wraps inside a
narrow cell comes out in pieces with other cells between them, and the Thai model makes junk of
its masks. The later repairs (extractors.ocr_reread, ocr_layout and friends) put such pieces
back from the word boxes, one table layout at a time. Where the table is ruled, the page itself
says where a cell is: this pass finds the cell around each number-like word from the rules
drawn on the page (extractors.ocr_table), crops the whole cell (rules whitened), stacks the
cells on one sheet and reads them again with the ``eng`` model and a digits-and-masks
whitelist, each cell's lines joined as one number.

A cell's reading replaces the first pass's words only where extractors.ocr_accept takes it:
one whole number (the 13 positions of an ID, or the 9 or 10 of a phone) that says no more than
the first pass saw. Which cells are read is extractors.ocr_wanted's call, from the first pass's
words: digits and masks, and what the Thai model makes of masks; not dates, amounts or words;
not a number in Thai digits (the whitelist would make up Arabic ones). Cells that fail stay as
the first pass read them, for the later repairs. A number read whole stands between its cell's
rules ("|"), as Tesseract often writes them, so that the detectors do not run it on into the
next cell's number ("XXXXXX5432" and an amount of "800" are no ID split in two).

Laser codes get a sheet of their own, with capitals in the whitelist (read_laser_cells): their
two letters are what the Thai model reads worst. A reading refused, or one that miscounts
masks, is tried again with the page's glyphs counted (_repaired, extractors.ocr_counts); where
the page shows a digit neither reading has, the cell's tall glyphs alone are read on a sheet of
their own. An ID written with dots is taken as the first pass read it, its dots mended: the eng
model drops dots. A word the first pass read across a rule into the next cell is cut at that
rule (ocr_table.cut). A number wrapped in a cell of prose (a procurement notice's "...
ราชไมตรี (1 2 1 1 7 8" over "7 1 7 9 X X X) ราคา") is read too, its words cut out of the cell
(extractors.ocr_prose), on a sheet of its own. A cell's reading is marked settled in the TSV,
so that the word pass (extractors.ocr_reread) does not read its first line again as if it were
the whole number."""

from __future__ import annotations

import re
from typing import Any, Callable

from extractors.ocr_accept import LASER_WHITELIST, WHITELIST, accept, accept_laser, agree, glue, laser_like
from extractors.ocr_accept import overlong, sevens
from extractors.ocr_boxes import BORDER, SETTLED, Word, locate_words
from extractors.ocr_counts import mask_shapes, masks_counted, page_confirmed, unread_digits, with_digits
from extractors.ocr_prose import whitened, wrapped_in_prose
from extractors.ocr_sheet import band_words, cell_shapes
from extractors.ocr_sheet import sheet as _sheet
from extractors.ocr_table import Cell, find_cells, piece
from extractors.ocr_table import rules as find_rules
from extractors.ocr_wanted import MASKISH, dotted_id, masks_line, miscounted_dots, redotted, starts, worth_reading

__all__ = ["LASER_WHITELIST", "WHITELIST", "read_cells", "read_laser_cells"]

_MAX_PIXELS = 40_000_000  # an A4 page at 600 dpi is 35 million
#: pixels a digit is scaled to on the sheet: the eng model reads a 7 as 1 when digits are larger
#: (48 px, what ocr_reread's word crops get: 5 more IDs missed over six samples; 24-38 px alike)
_TARGET_HEIGHT = 32
_DIGIT = re.compile(r"[0-9]")
_MASK = re.compile(r"[Xx*#]")
_CLEAN = re.compile(r"[0-9Xx*#\-–\s]+")  # a cell the first pass read as digits, masks, dashes
_LASER_START = re.compile(r"^[|(\[]?\S{2}[0-9][-–]?[0-9]{4}")  # a word that may start one

#: (sheet image, its dpi) -> Tesseract's TSV for it; raises on failure.
ReadSheet = Callable[[Any, int], str]


def read_cells(image: Any, text: str, tsv: str, read_sheet: ReadSheet, *, dpi: int) -> tuple[str, str]:
    """``text`` and ``tsv`` with the numbers of ruled cells replaced by their reading cell by cell
    (one Tesseract run on one sheet for the page, ``WHITELIST``). Unchanged when no cell
    qualifies. Errors of ``read_sheet`` propagate: the caller keeps the first pass's text."""
    return _read(image, text, tsv, read_sheet, dpi=dpi, wanted=worth_reading, accept=accept, repair=True)


def read_laser_cells(image: Any, text: str, tsv: str, read_sheet: ReadSheet, *, dpi: int) -> tuple[str, str]:
    """As read_cells, for laser codes (``LASER_WHITELIST``): their two letters are what the Thai
    model reads worst ("VI4" as "ง14", "ZE7" as "757"), and without them no laser code is seen."""
    if not any(_LASER_START.search(w) for w in text.split()):
        return text, tsv
    return _read(image, text, tsv, read_sheet, dpi=dpi, wanted=laser_like, accept=accept_laser)


def _read(image: Any, text: str, tsv: str, read_sheet: ReadSheet, *, dpi: int, wanted: Callable[[str], bool],
          accept: Callable[[str, str], str | None], repair: bool = False) -> tuple[str, str]:
    """The cells whose first-pass words are ``wanted``, read on one sheet, each reading put in
    place where ``accept`` takes it; with ``repair`` (the number sheet, not the laser one), a
    reading refused is tried again with its masks counted on the page."""
    if image.width * image.height > _MAX_PIXELS:
        return text, tsv  # the rule search holds a few int32 copies of the page: left to later passes
    lines = locate_words(text, tsv)
    if lines is None:
        return text, tsv
    words = [w for line in lines for w in line.words]
    if not any(starts(w.text) for w in words):
        return text, tsv
    across, down = find_rules(image, dpi)
    found = find_cells(words, across, down, starts=starts)
    # a dotted ID as the first pass read it, its dots put right: the eng model drops dots
    edits = [(c, dotted) for c in found if repair and (dotted := dotted_id(c.core))]
    cells = [c for c in found if wanted(c.core) or (repair and miscounted_dots(c.core))]
    # a number wrapped inside a cell of prose: its words alone, the rest whitened, on a sheet of
    # its own (the number cells' sheet, and so their readings, stay as they were)
    prose = [(part, whitened(piece(image, c.box, across, down), c, part))
             for c in found if repair and c not in cells and (part := wrapped_in_prose(c)) is not None]
    if not cells and not prose:
        return _apply(text.split("\n"), tsv, edits) if edits else (text, tsv)
    heights = sorted(w.bottom - w.top for c in cells or [p for p, _ in prose] for w in c.words if _DIGIT.search(w.text))
    scale = min(4.0, max(1.0, _TARGET_HEIGHT / max(1, heights[len(heights) // 2]))) if heights else 1.0
    unit = heights[len(heights) // 2] if heights else 0
    unread: list[tuple[Cell, str, Any]] = []
    for group in ([(c, piece(image, c.box, across, down)) for c in cells], prose):
        if not group:
            continue
        sheet, bands, _ = _sheet(image, [crop for _, crop in group], scale)
        for (cell, crop), read in zip(group, _readings(read_sheet(sheet, round(dpi * scale)), bands)):
            if read and cell.core.lstrip().startswith("+66") and re.match("[4+]66", read[0]):
                read = ["+" + read[0][1:], *read[1:]]  # the eng model reads the "+" it is not allowed as a 4
            new = accept(cell.core, glue(read))
            if repair:
                new = _repaired(image, cell, crop, read, new, unit=unit)
                if new is None and (digits := unread_digits(crop, cell.core, read, unit=unit)):
                    unread.append((cell, glue(read), *digits))
                elif new is None and (long := overlong(cell.core, glue(read))) and unit \
                        and (cell_shapes(crop, unit) or "").count("T") == len(long):
                    new = long  # (as many tall glyphs as digits: not a speck both read as a "1")
            if new is not None:
                edits.append((cell, new))
    if unread:
        # the tall glyphs alone, side by side on a sheet of their own: one more Tesseract run,
        # for the few pages where neither reading has a digit the page shows
        sheet, bands, _ = _sheet(image, [row for *_, row in unread], scale)
        for (cell, second, shapes, _), read in zip(unread, _readings(read_sheet(sheet, round(dpi * scale)), bands)):
            if (new := with_digits(cell.core, shapes, "".join(read), second=second)) is not None:
                edits.append((cell, new))
    if repair:
        edits = [(c, redotted(new) if miscounted_dots(c.core) else new) for c, new in edits]
    return _apply(text.split("\n"), tsv, edits) if edits else (text, tsv)


def _repaired(image: Any, cell: Cell, piece: Any, read: list[str], new: str | None, *, unit: float) -> str | None:
    """The cell's number where its reading was refused, or miscounts masks, tried in turn: the
    reading as the page's glyphs confirm it, the reading with the first pass's 7s, the masks of
    a last line counted, every mask counted, the first pass's own clean lines glued, its "H"s
    taken for "#"."""
    core, glued = cell.core, glue(read)
    if new is None:
        new = page_confirmed(piece, core, glued, unit=unit)
    if new is None and (mended := sevens(core, glued)):
        new = accept(core, mended) or page_confirmed(piece, core, mended, unit=unit)
    if new is None and (counted := masks_counted(image, cell, read)):
        new = accept(core, counted)
    # (refused, the page is asked even where neither reading has a mask: the first pass can
    # read nothing at all of a run of them, "*-****-****7-71-2" read "7-71 -2")
    maskish = MASKISH.search(core + glued) or any(masks_line(line) for line in core.split("\n"))
    if new is None or (maskish and _recount(core, new)):
        new = mask_shapes(piece, core, read, unit=unit) or new
    if new is None and "\n" in core and _CLEAN.fullmatch(core) and _DIGIT.findall(core) == _DIGIT.findall(glued):
        # the eng model reads a run of small "x" a mask too many ("xxxxx150" as "XXxXXX150"):
        # where both read the same digits, the first pass's clean lines, glued, are the number
        new = accept(core, glue([line.strip() for line in core.split("\n")]))
    if new is None and "H" in core and _CLEAN.fullmatch(core.replace("H", "#")) and agree(core, glued):
        # the Thai model reads "#" as "H", glyph for glyph as often as not, where the eng model
        # drops a run of them ("####326224" read "HHHH326224" and "326224"): the first pass's,
        # "#" for "H", when the two agree on the digits (one reading's among the other's)
        new = accept(core, "".join(core.replace("H", "#").split()))
    return new


def _recount(core: str, reading: str) -> bool:
    """The first pass read every mask as a mask, and as many as the reading has? Where not, the
    page counts them: the eng model reads "××××××" as "xxxXX", and the first pass "XXXX" as
    "XXXxX"."""
    return bool(_CLEAN.fullmatch(core)) and len(_MASK.findall(core)) != len(_MASK.findall(reading))


def _readings(tsv: str, bands: list[tuple[int, int]]) -> list[list[str]]:
    """Each band's lines, top to bottom, each its words joined by a space."""
    return [[" ".join(word for _, _, word in line) for line in _lines(band)] for band in band_words(tsv, bands)]


def _lines(words: list[tuple[float, int, str]]) -> list[list[tuple[float, int, str]]]:
    """(middle, left, word) in lines by their height on the sheet, each left to right: the model
    can make one line of a cell's two when the lower one is short ("XXXX44126" over "7")."""
    lines: list[list[tuple[float, int, str]]] = []
    for word in sorted(words):
        if lines and word[0] - lines[-1][0][0] < _TARGET_HEIGHT * 0.6:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w[1]) for line in lines]


def _apply(lines: list[str], tsv: str, edits: list[tuple[Cell, str]]) -> tuple[str, str]:
    """Each cell's reading in its first word's place (in the text and the TSV row, the word's box
    kept: ocr_layout sees a whole number where it starts); its other words taken out of both."""
    rows = tsv.split("\n")
    spans: list[tuple[Word, str]] = []
    for cell, new in edits:
        first, *rest = cell.words
        # the cell's rules, as the first pass read them or as "|": a number read whole must not run
        # on into the next cell's ("XXXXXX5432 800" is no ID split in two); what of a word read
        # across a rule lies in the next cell stays
        head, tail = cell.inner(first), cell.inner(cell.words[-1])
        lead = head[: len(head) - len(head.lstrip(BORDER))] or "|"
        trail = tail[len(tail.rstrip(BORDER)) :] or "|"
        before, after = cell.cuts.get(id(first), ("", ""))
        spans.append((first, before + lead + new + trail + ("" if rest else after)))
        spans += [(w, "".join(cell.cuts.get(id(w), ("", "")))) for w in rest]
    for word, new in sorted(spans, key=lambda s: (s[0].line, s[0].start), reverse=True):
        line = lines[word.line]
        lines[word.line] = line[: word.start] + new + line[word.end :]
        cols = rows[word.row].split("\t")
        cols[10], cols[11] = SETTLED, new
        rows[word.row] = "\t".join(cols)
    return "\n".join(lines), "\n".join(rows)
