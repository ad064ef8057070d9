"""A masked number glued to a Thai word, its masks counted on the page.

"เลขบัตรX-xxx8-79457-63-4", "เลขประจำตัวประชาชนxxxxxx1701873": written with no space after
the label, such a number is read in the flow of Thai text, and the Thai model counts its masks
as it likes ("X-xXxx8-79457-63-4", "XXX755496484", a speck of the last letter read as a "1").
No later pass mends it: its cell is text, not a number (extractors.ocr_cells), and the word's
box in the TSV is broken (it covers the number's first glyph only), so no crop of it can be read
again. Its start is good, though, and the page shows where it ends: the glyphs from its box's
left edge to the next word space, on the line's baseline, told apart by their ink
(extractors.ocr_sheet.cell_shapes: tall ones for digits, "x", "*", "#" and "-" by shape).

The page's count replaces the first pass's only where its tall glyphs are as many as the
digits the first pass read (the digits are the first pass's; only the masks are counted), the
dashes fall where they fell, and the whole makes an ID's 13 positions or a phone's 9 or 10,
laid out as one is written; anything else on the way (a letter, a rule) and the number stays as
read. Numpy on the page already in memory; one Tesseract run only where an ID's first digit was
read as part of the label before it ("เลขบัตรประชาชน58050993xxxx" for "158050993xxxx": the page
shows a tall glyph more than the digits read, first): those glyphs alone, on one sheet.
"""

from __future__ import annotations

import re
from typing import Any

from extractors.ocr_boxes import BORDER, Word, locate_words
from extractors.ocr_accept import WHOLE, laid_out
from extractors.ocr_counts import head_digits
from extractors.ocr_sheet import band_words, cell_glyphs, sheet, true_runs

#: a number as the first pass reads it in Thai text: digits, masks, dashes, with a mask in it;
#: after a mask, what the Thai model makes of more ("620101437X๒๐๐๐"), where four digits or more
#: were read (a Thai digit is never taken for a mask: its glyph is no mask's shape, or a digit's)
_NUMBER = re.compile(r"(?=.*[0-9])[0-9\-]*(?:[Xx*#×][0-9Xx*#×\-]*|[%»«<>])[0-9Xx*#×\-๐-๙%»«<>]*")
_JUNK = re.compile("[๐-๙%»«<>]")
_PART = re.compile(r"[0-9Xx*#×\-๐-๙%»«<>]+")  # a word of one
_THAI_LETTER = re.compile("[ก-ฺเ-๎]")  # a letter, a vowel or a mark: not a digit
_DIGIT = re.compile("[0-9]")
_DIGITS = re.compile("[0-9]+")
_POSITION = re.compile(r"[0-9Xx*#×]")
_SPACE = 0.6  # a word space, in a digit's height: a number's glyphs stand closer
_ABOVE = 1.15  # the band searched above the baseline, in a digit's height
_BACK = 4  # glyphs before the word's box a number may start at
_TARGET_HEIGHT = 32  # pixels a lost digit is scaled to on its sheet (as extractors.ocr_cells)


def count_glued(image: Any, text: str, tsv: str, read_sheet: Any = None, *, dpi: int = 0) -> tuple[str, str]:
    """``text`` and ``tsv`` with each masked number glued after a Thai letter given the page's
    count of its masks, where the page is clear (see the module's docstring). ``read_sheet``
    (sheet image, its dpi -> Tesseract's TSV, as extractors.ocr_cells has it) reads the first
    digits lost to the label; without it those numbers stay as read."""
    lines = locate_words(text, tsv)
    if lines is None:
        return text, tsv
    text_lines = text.split("\n")
    glued = [(line, words) for line in lines for words in _numbers(line.words, text_lines)]
    if not glued:
        return text, tsv
    # a digit's height: of the page's words in Arabic digits (Thai ones stand lower than these)
    heights = sorted(w.bottom - w.top for line in lines for w in line.words if _DIGITS.fullmatch(w.text.strip(BORDER)))
    if not heights:
        return text, tsv
    unit = heights[len(heights) // 2]
    gray = image.convert("L")
    edits: list[tuple[list[Word], str]] = []
    lost: list[tuple[list[Word], str, Any]] = []  # the number with "?" for its first digit, that glyph
    for line, words in glued:
        bottoms = sorted(w.bottom for w in line.words)
        found = _counted(gray, words[0], "".join(w.text for w in words), bottoms[len(bottoms) // 2], unit)
        if found is not None and found[1] is None:
            edits.append((words, found[0]))
        elif found is not None and read_sheet is not None:
            lost.append((words, *found))
    if lost:
        scale = min(4.0, max(1.0, _TARGET_HEIGHT / unit))
        page, bands, _ = sheet(gray, [glyph for _, _, glyph in lost], scale)
        for (words, new, _), read in zip(lost, band_words(read_sheet(page, round(dpi * scale)), bands)):
            digit = "".join(word for _, _, word in read)
            if len(digit) == 1 and digit.isdigit():
                edits.append((words, new.replace("?", digit)))
    rows = tsv.split("\n")
    for words, new in sorted(edits, key=lambda e: (e[0][0].line, e[0][0].start), reverse=True):
        first, last = words[0], words[-1]
        was = text_lines[first.line]
        text_lines[first.line] = was[: first.start] + new + was[last.end :]
        for word, now in zip(words, [new] + [""] * (len(words) - 1)):
            cols = rows[word.row].split("\t")
            cols[11] = now
            rows[word.row] = "\t".join(cols)
    return "\n".join(text_lines), "\n".join(rows)


def _numbers(words: list[Word], text_lines: list[str]) -> list[list[Word]]:
    """The line's masked numbers that follow a Thai letter with no space, each as its words
    (Tesseract boxes a Thai digit it made of a mask as a word of its own, glued in the text)."""
    out: list[list[Word]] = []
    for k, word in enumerate(words):
        before = text_lines[word.line][: word.start]
        if not before or not _THAI_LETTER.fullmatch(before[-1]) or not _PART.fullmatch(word.text):
            continue
        if out and out[-1][-1].end > word.start and out[-1][-1].line == word.line:
            continue  # inside the number before
        run = [word]
        for other in words[k + 1 :]:
            if other.start != run[-1].end or not _PART.fullmatch(other.text):
                break
            run.append(other)
        joined = "".join(w.text for w in run)
        digits = len(_DIGIT.findall(joined))
        if len(joined) >= 8 and _NUMBER.fullmatch(joined) and (digits >= 4 or not _JUNK.search(joined)):
            out.append(run)
    return out


def _counted(gray: Any, word: Word, old: str, baseline: int, unit: int) -> tuple[str, Any] | None:
    """The number as the page shows it, and the glyph of a first digit the first pass lost (or
    None); None where the page does not say it clearly."""
    import numpy as np

    # digits and masks stand on the baseline: a rule under the line or a mark below it is left out
    top, bottom = max(0, round(baseline - _ABOVE * unit)), min(gray.height, baseline + 2)
    left = max(0, word.left - _BACK * unit)
    band = gray.crop((left, top, gray.width, bottom))
    runs = true_runs((np.asarray(band) < 128).any(axis=0))
    # the word's box starts a few pixels off, in the letter before or the number's first glyph,
    # or a few glyphs into the number ("3-5116-6254..." boxed from its "16"): the number is tried
    # from the glyph there, the next one and a few before (from inside the label, a letter is no
    # glyph of a number's), and must come out one way
    at = next((k for k, (_, b) in enumerate(runs) if b > word.left - left), None)
    if at is None:
        return None
    found = dict(new for k in range(at - _BACK, at + 2) if 0 <= k < len(runs)
                 if (new := _read(band, runs[k:], old, unit)) is not None)
    return found.popitem() if len(found) == 1 else None


def _read(band: Any, runs: list[tuple[int, int]], old: str, unit: int) -> tuple[str, Any] | None:
    """The number whose first glyph is ``runs[0]``, its glyphs up to the next word space, the
    first pass's digits in its tall glyphs' places ("?" for a first digit it lost to the label,
    with that glyph); None unless it makes a whole number."""
    end = runs[0][1]
    for a, b in runs[1:]:
        if a - end >= _SPACE * unit:
            break  # a word space: the number ended
        end = b
    piece = band.crop((runs[0][0], 0, end, band.height))
    glyphs = cell_glyphs(piece, unit)
    shapes = "".join(kinds for kinds, _ in glyphs) if glyphs else None
    digits = _DIGIT.findall(old)
    if shapes is not None and shapes.count("T") == len(digits) - 1 and old.startswith("1") and shapes[0] != "T":
        digits = digits[1:]  # the first pass read the end of the letter before as a "1"
    glyph = None
    if glyphs and shapes.count("T") == len(digits) + 1 and glyphs[0][0] == "T" and old[:1].isdigit():
        # a first digit the first pass read as part of the label ("ประชาชน58050993xxxx"): an ID's
        # only, a phone's first digit is no digit a label ends in
        digits, glyph = ["?", *digits], piece.crop(glyphs[0][1])
    dashes = old.count("-")
    if shapes is not None and shapes.count("T") < len(digits) and (head := head_digits(shapes, old)) is not None:
        # masks read as digits after the number's last digit ("365073792209909<" for
        # "365073792XXXX"): the page shows masks there, the digits before line up glyph for glyph
        digits, dashes = head, shapes.count("-")
    if shapes is None or shapes.count("T") != len(digits) or shapes.count("-") != dashes:
        return None
    it = iter(digits)
    new = "".join(next(it) if ch == "T" else ch for ch in shapes)
    check = new.replace("?", "1")
    if new == old.replace("X", "x") or len(_POSITION.findall(check)) not in WHOLE or not laid_out(check):
        return None
    if glyph is not None and len(_POSITION.findall(check)) != 13:
        return None
    return new, glyph

