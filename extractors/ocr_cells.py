"""Numbers in ruled table cells, read a cell at a time.

Tesseract reads a table line by line across all its columns, so a number that wraps inside a
narrow cell comes out in pieces with other cells between them, and the Thai model makes junk of
its masks. The later repairs (extractors.ocr_reread, ocr_layout and friends) put such pieces
back from the word boxes, one table layout at a time. Where the table is ruled, the page itself
says where a cell is: this pass finds the cell around each number-like word from the rules
drawn on the page (extractors.ocr_table), crops the whole cell (rules whitened), stacks the
cells on one sheet and reads them again with the ``eng`` model and a digits-and-masks
whitelist, each cell's lines joined as one number.

A cell's reading replaces the first pass's words only when it is one whole number (the 13
positions of an ID, or the 9 or 10 of a phone) and says no more than the first pass saw: its
digits are the first pass's Arabic digits in the same order, less those it now reads as masks
(the first pass reads "#" as "4" or "9"), never digits the first pass did not read. A number in
Thai digits is left alone (the whitelist would make up Arabic ones). Cells that fail stay as the
first pass read them, for the later repairs. A number read whole stands between its cell's
rules ("|"), as Tesseract often writes them, so that the detectors do not run it on into the
next cell's number ("XXXXXX5432" and an amount of "800" are no ID split in two).

Laser codes get a sheet of their own, with capitals in the whitelist (read_laser_cells): their
two letters are what the Thai model reads worst. Masks neither model counts right are counted
on the page: a run of "#" or "*" alone on a cell's last line (_masks_counted), and every "*",
"x", "×" and "#" of a cell whose other glyphs are digits (_mask_shapes; a "#" by its two bars,
which no digit has); where the first pass read as many characters as the page shows glyphs,
its digits at the tall ones and masks at the rest (_in_place: "1340**8888***"); where it read a
digit or two too many, those only one choice of which lines up with the page dropped (_aligned:
"#2**** ****6 05 -3"); where it misread the masks after the last digit, its digits up to the
page's last tall glyph, the eng reading agreeing (_headed: "1-912#-####" over "HHH"); where the
two readings each lost an end, joined where they overlap (_overlapped). Where the page shows a
digit neither reading has, the cell's tall glyphs alone are read on a sheet of their own
(_unread, _with_digits: "#-####-####3" read "HHS" and "#-"). What the Thai
model makes of a run of "#" ("FHEHHT8453", "HHHHE"), of "*" ("สม#***หห**7226") and of spread
masks ("%%.%.%") makes a cell worth reading like the masks themselves (_unjunked). An ID
written with dots is taken as the first pass read it, its dots mended (_dotted): the eng model
drops dots; one whose masks it miscounted ("X.XXXx1.01380.44.5") is read and counted like any
other, its dots put back (_miscounted_dots). A word the first pass read across a rule into the
next cell is cut at that rule (ocr_table.cut). A number wrapped in a cell of prose (a
procurement notice's "... ราชไมตรี (1 2 1 1 7 8" over "7 1 7 9 X X X) ราคา") is read too, its
words cut out of the cell (extractors.ocr_prose), on a sheet of its own. A cell's reading is
marked settled in the TSV, so that the word pass (extractors.ocr_reread) does not read its
first line again as if it were the whole number."""

from __future__ import annotations

import re
from itertools import combinations
from typing import Any, Callable

from detectors.national_id import LAYOUTS, is_valid
from extractors.ocr_boxes import BORDER, SETTLED, Word, locate_words
from extractors.ocr_prose import whitened, wrapped_in_prose
from extractors.ocr_sheet import band_words, cell_glyphs, cell_shapes, ink_glyphs
from extractors.ocr_sheet import sheet as _sheet
from extractors.ocr_table import Cell, find_cells, piece
from extractors.ocr_table import rules as find_rules

#: Digits, masks and the dash that groups them.
WHITELIST = "0123456789Xx*#-"
#: ... and a laser code's capital letters.
LASER_WHITELIST = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789x*#-"

_MAX_PIXELS = 40_000_000  # an A4 page at 600 dpi is 35 million
#: pixels a digit is scaled to on the sheet: the eng model reads a 7 as 1 when digits are larger
#: (48 px, what ocr_reread's word crops get: 5 more IDs missed over six samples; 24-38 px alike)
_TARGET_HEIGHT = 32

_POSITION = re.compile(r"[0-9Xx*#]")
_MASK = re.compile(r"[Xx*#]")
_DIGIT = re.compile(r"[0-9]")
_STARS = re.compile(r"[*#]")
_MASKISH = re.compile(r"[*Xx×%#H]")  # masks, or what the first pass makes of them ("%%%", "HHH")
#: a line of the first pass that is masks, or what it made of them ("HHH", "HTH", "HAH" for
#: "####"; but a line starting "T" or "A" may be "7###" or "4###")
_JUNK_LINE = re.compile("[HNE#*Xx%\"'_»«<>@°๐][HNEAT#*Xx%\"'_»«<>@°๐]*")
_SPREAD_JUNK = re.compile(r"%+(?:\.%+)+")  # "X X X" as the Thai model reads it: "%%.%.%"
#: a run of "#" at a word's start as the Thai model reads it: capitals, two "H"s among them,
#: before a digit (or one read "O"), or a word of its own: "FHEHHT84530004", "HHHHE 06238"
#: (not from a "T" or an "A": "THHH" is "7###", as _JUNK_LINE has it)
_HASH_RUN = re.compile("(?=[FEHTA#]*H[FEHTA#]*H)[FEH#][FEHTA#]*(?=[0-9O]|$)")
#: a run of "*" at a word's start as the Thai model reads it: some as Thai letters or "#", before
#: a digit ("สม#***หห**7226" for "*********7226")
_STAR_RUN = re.compile(r"(?=[ก-ฮ#]*\*)[ก-ฮ#*]+(?=[0-9])")
#: an ID written with dots, as the first pass reads it (a dot may come out as a comma)
_DOTTED = re.compile(r"([0-9Xx*#])[.,]([0-9Xx*#]{4})[.,]([0-9Xx*#]{5})[.,]([0-9Xx*#]{2})[.,]([0-9Xx*#])")
_DOTTED_END = re.compile(r"[0-9Xx*#][.,][0-9Xx*#]{2}[.,][0-9Xx*#]$")
_DOTTED_START = re.compile(r"[0-9Xx*#][.,][0-9Xx*#]{4}[.,]")
_ID_TAIL = re.compile(r"[-–][0-9]{2}[-–][0-9]")  # the last groups of an ID in 1-4-5-2-1, "-88-6"
#: an ID's first groups in 1-4-5-2-1, and its last ones as the Thai model may read them masked: a
#: "4" as "A", a dash as "~" ("3-2018-33996" over "~AX-x" for "-4x-x")
_ID_HEAD = re.compile(r"[0-9Xx*#][-–][0-9Xx*#]{4}[-–][0-9Xx*#]{5}[-–]?")
_ID_TAIL_READ = re.compile(r"[-–~][0-9XxA*#%]{2}[-–~][0-9Xx*#%]")
#: a group whose run of masks ran over a dash: a group's few digits, then masks to the end (not
#: masks, then digits: "****7-4918" is "***-*97-4918" with its 9 read as a mask)
_MASKS_RUN_ON = re.compile(r"[0-9]{0,4}[Xx*#]+")
_CLEAN = re.compile(r"[0-9Xx*#\-–\s]+")  # a cell the first pass read as digits, masks, dashes
_DIGITS_THEN_MASKS = re.compile("([0-9]*)([Xx*#]*)")
_KEPT = re.compile("[0-9\\-–]")  # what stands beside a digit the first pass read right
_THAI_DIGIT = re.compile("[๑-๙]")  # not ๐: the first pass reads a mask's x as ๐
_THAI_LETTER = re.compile("[ก-ฮ]")
_LOOKALIKE = re.compile("[OIBS]")  # capitals the Thai model reads for 0, 9 or 1, 8, 5
_MASKED_DOT = re.compile(r"(?<=[Xx*#])\.(?=[0-9])")
#: a laser code's head, or a word: not for the whitelist (but "H" is the Thai model's "#")
_LATIN_LETTER = re.compile(r"[A-GI-WYZa-wyz]")
#: a short lowercase word: what the Thai model makes of a run of "*" ("moore", "soos oe", "e")
_STAR_WORDS = re.compile(r"[a-z]{1,6}")
#: what a number cell holds as the first pass reads it: digits (both scripts), masks, dashes,
#: and the junk the Thai model makes of masks and rules
_NUMBERISH = re.compile(r"[0-9๐-๙Xx*×#H%\"'_»«<>@oO°\-–|()\[\]!]")
#: dates, times, money, house numbers (and IDs written with dots, whose dots the eng model
#: drops: _dotted mends those from the first pass's reading)
_NOT_A_NUMBER = re.compile(r"[/:,.]")
_WHOLE = (9, 10, 13)  # positions of a landline, a mobile, an ID
#: a laser code as the first pass reads it: two glyphs (its letters, often misread), then ten
#: digits or masks, grouped 1-7-2 or not at all (spaces taken out)
_LASER_CORE = re.compile(r"[^-–]{2}[0-9Xx*#%๐]([-–]?)[0-9Xx*#%๐]{7}\1[0-9Xx*#%๐]{2}")
_LASER_START = re.compile(r"^[|(\[]?\S{2}[0-9][-–]?[0-9]{4}")  # a word that may start one
_LASER = re.compile(r"[A-Z]{2}[0-9Xx*#]{10}")

#: (sheet image, its dpi) -> Tesseract's TSV for it; raises on failure.
ReadSheet = Callable[[Any, int], str]


def read_cells(image: Any, text: str, tsv: str, read_sheet: ReadSheet, *, dpi: int) -> tuple[str, str]:
    """``text`` and ``tsv`` with the numbers of ruled cells replaced by their reading cell by cell
    (one Tesseract run on one sheet for the page, ``WHITELIST``). Unchanged when no cell
    qualifies. Errors of ``read_sheet`` propagate: the caller keeps the first pass's text."""
    return _read(image, text, tsv, read_sheet, dpi=dpi, wanted=_worth_reading, accept=accept, repair=True)


def read_laser_cells(image: Any, text: str, tsv: str, read_sheet: ReadSheet, *, dpi: int) -> tuple[str, str]:
    """As read_cells, for laser codes (``LASER_WHITELIST``): their two letters are what the Thai
    model reads worst ("VI4" as "ง14", "ZE7" as "757"), and without them no laser code is seen."""
    if not any(_LASER_START.search(w) for w in text.split()):
        return text, tsv
    return _read(image, text, tsv, read_sheet, dpi=dpi, wanted=_laser_like, accept=accept_laser)


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
    if not any(_starts(w.text) for w in words):
        return text, tsv
    across, down = find_rules(image, dpi)
    found = find_cells(words, across, down, starts=_starts)
    # a dotted ID as the first pass read it, its dots put right: the eng model drops dots
    edits = [(c, dotted) for c in found if repair and (dotted := _dotted(c.core))]
    cells = [c for c in found if wanted(c.core) or (repair and _miscounted_dots(c.core))]
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
            new = accept(cell.core, _glued(read))
            if repair:
                new = _repaired(image, cell, crop, read, new, unit=unit)
                if new is None and (digits := _unread(crop, cell.core, read, unit=unit)):
                    unread.append((cell, *digits))
            if new is not None:
                edits.append((cell, new))
    if unread:
        # the tall glyphs alone, side by side on a sheet of their own: one more Tesseract run,
        # for the few pages where neither reading has a digit the page shows
        sheet, bands, _ = _sheet(image, [row for _, _, row in unread], scale)
        for (cell, shapes, _), read in zip(unread, _readings(read_sheet(sheet, round(dpi * scale)), bands)):
            if (new := _with_digits(cell.core, shapes, "".join(read))) is not None:
                edits.append((cell, new))
    if repair:
        edits = [(c, _redotted(new) if _miscounted_dots(c.core) else new) for c, new in edits]
    return _apply(text.split("\n"), tsv, edits) if edits else (text, tsv)


def _unread(piece: Any, core: str, read: list[str], *, unit: float) -> tuple[str, Any] | None:
    """The cell's glyphs (cell_shapes) and its tall ones side by side, where the page shows a
    whole number with a digit or two more than either reading has, and the readings agree on
    the rest: the eng model drops a digit beside a run of "#" ("#-####-####3" read "#-"), the
    Thai model reads it as a letter ("HHS")."""
    if not unit or _THAI_DIGIT.search(core):
        return None
    found = cell_glyphs(piece, unit)
    if found is None or any("T" in kinds and kinds != "T" for kinds, _ in found):
        return None  # (a digit touching a "#" cannot be cut out alone)
    shapes = "".join(kinds for kinds, _ in found)
    first, second = "".join(_DIGIT.findall(core)), "".join(_DIGIT.findall("".join(read)))
    tall = shapes.count("T")
    positions = sum(ch in "Tx*#" for ch in shapes) - shapes.startswith("+")  # (+66 stands for a 0)
    if positions not in _WHOLE or not 0 < tall - max(len(first), len(second)) <= 2:
        return None
    if not _among(first, second):
        return None  # the two disagree on the digits they read: no reading to trust
    return shapes, _side_by_side([piece.crop(box) for kinds, box in found if kinds == "T"], unit)


def _side_by_side(glyphs: list[Any], unit: float) -> Any:
    """Glyphs on one line, on a common baseline, a letter's gap apart (spaced wide, the model
    misreads them: tall_before)."""
    from PIL import Image

    gap = max(2, round(unit / 6))
    height = max(g.height for g in glyphs)
    row = Image.new("L", (sum(g.width for g in glyphs) + gap * (len(glyphs) + 1), height + 2 * gap), 255)
    x = gap
    for glyph in glyphs:
        row.paste(glyph.convert("L"), (x, gap + height - glyph.height))
        x += glyph.width + gap
    return row


def _with_digits(core: str, shapes: str, reading: str) -> str | None:
    """The cell's number from its glyphs, with the digits read of its tall ones alone, where
    they are as many and the first pass's digits are all among them, in order."""
    digits = "".join(_DIGIT.findall(reading))
    first = "".join(_DIGIT.findall(core))
    left = _unmatched(_ones(first), _ones(digits))
    if len(digits) != shapes.count("T") or left is None:
        return None
    # the first pass's digits where they fall, the glyphs' reading for the rest: the eng model
    # reads a 7 as 1, the Thai model does not
    ours = iter(first)
    it = iter([digits[i] if i in left else next(ours) for i in range(len(digits))])
    return accept(core, "".join(next(it) if ch == "T" else ch for ch in shapes), confirmed=True)


def _repaired(image: Any, cell: Cell, piece: Any, read: list[str], new: str | None, *, unit: float) -> str | None:
    """The cell's number where its reading was refused, or miscounts masks, tried in turn: the
    reading as the page's glyphs confirm it, the masks of a last line counted, every mask
    counted, the first pass's own clean lines glued, its "H"s taken for "#"."""
    core, glued = cell.core, _glued(read)
    if new is None:
        new = _confirmed(piece, core, glued, unit=unit)
    if new is None and (counted := _masks_counted(image, cell, read)):
        new = accept(core, counted)
    # (refused, the page is asked even where neither reading has a mask: the first pass can
    # read nothing at all of a run of them, "*-****-****7-71-2" read "7-71 -2")
    maskish = _MASKISH.search(core + glued) or any(_masks_line(line) for line in core.split("\n"))
    if new is None or (maskish and _recount(core, new)):
        new = _mask_shapes(piece, core, read, unit=unit) or new
    if new is None and "\n" in core and _CLEAN.fullmatch(core) and _DIGIT.findall(core) == _DIGIT.findall(glued):
        # the eng model reads a run of small "x" a mask too many ("xxxxx150" as "XXxXXX150"):
        # where both read the same digits, the first pass's clean lines, glued, are the number
        new = accept(core, _glued([line.strip() for line in core.split("\n")]))
    if new is None and "H" in core and _CLEAN.fullmatch(core.replace("H", "#")) and _agree(core, glued):
        # the Thai model reads "#" as "H", glyph for glyph as often as not, where the eng model
        # drops a run of them ("####326224" read "HHHH326224" and "326224"): the first pass's,
        # "#" for "H", when the two agree on the digits (one reading's among the other's)
        new = accept(core, "".join(core.replace("H", "#").split()))
    return new


def _agree(core: str, reading: str) -> bool:
    """The reading has digits, and one's digits are among the other's, in order."""
    a, b = "".join(_DIGIT.findall(core)), "".join(_DIGIT.findall(reading))
    return bool(b) and (_unmatched(b, a) is not None or _unmatched(a, b) is not None)


def _confirmed(piece: Any, core: str, reading: str, *, unit: float) -> str | None:
    """The reading, with digits the first pass did not read ("08 2742" over "eee", read
    "0827426***"), where the page's glyphs confirm it: a tall one for each digit, a mask's shape
    for each mask, a dash's for each dash, in its order, and the first pass's digits all among
    its own. Not where a "#" may be: as tall as a digit, a mask read as a digit looks the same."""
    if not unit or any(ch in core + reading for ch in "#H") or _THAI_DIGIT.search(core):
        return None
    new = accept(core, reading, confirmed=True)
    if new is None or _unmatched("".join(_DIGIT.findall(core)), "".join(_DIGIT.findall(reading))) is None:
        return None
    shapes = cell_shapes(piece, unit)
    kinds = "".join("T" if ch.isdigit() else "m" if ch in "*Xx" else ch for ch in reading if not ch.isspace())
    return new if shapes is not None and kinds == re.sub("[*x]", "m", shapes) else None


def _recount(core: str, reading: str) -> bool:
    """The first pass read every mask as a mask, and as many as the reading has? Where not, the
    page counts them: the eng model reads "××××××" as "xxxXX", and the first pass "XXXX" as
    "XXXxX"."""
    return bool(_CLEAN.fullmatch(core)) and len(_MASK.findall(core)) != len(_MASK.findall(reading))


def _dotted(core: str) -> str | None:
    """A cell the first pass read as an ID written with dots (some read as commas, its end
    wrapped onto the next line: "6.3118.5469x,xx,\nx"), with its dots; None for any other."""
    match = _DOTTED.fullmatch(re.sub(r"\s", "", core))
    dotted = ".".join(match.groups()) if match else None
    return dotted if dotted != core else None


def _miscounted_dots(core: str) -> bool:
    """A cell the first pass read as an ID written with dots, its masks or digits miscounted
    ("X.XXXx1.01380.44.5" for "X.XXX1.01380.44.5"): _dotted cannot mend it, the page can count."""
    compact = re.sub(r"\s", "", core)
    return bool(_DOTTED_END.search(compact)) and _MASKISH.search(compact) is not None \
        and _DOTTED.fullmatch(compact) is None


def _redotted(reading: str) -> str:
    """An ID read without its dots (the eng model drops them), written with them again."""
    c = re.sub(r"[-\s]", "", reading)
    return f"{c[0]}.{c[1:5]}.{c[5:10]}.{c[10:12]}.{c[12]}" if len(c) == 13 else reading


def _starts(text: str) -> bool:
    """A word a number's cell is looked for around: number-like, or an ID written with dots."""
    core = text.strip(BORDER)
    return _numberish(text) or bool(_DOTTED_START.match(core)) or _miscounted_dots(core)


def _numberish(text: str) -> bool:
    core = _unjunked(text.strip(BORDER))
    return len(core) >= 2 and not _NOT_A_NUMBER.search(core) \
        and len(_NUMBERISH.findall(core)) >= len(core) - 1 and bool(_POSITION.search(core) or "%" in core)


def _worth_reading(core: str) -> bool:
    """Mostly digits and masks, or what the first pass makes of masks; not a date or an amount;
    not a number in Thai digits (nothing Tesseract reads as Arabic digits is there). A line of
    what the Thai model makes of masks is no word ("moore ** *" for "***** ** *", "HTH" for
    "####")."""
    if "\n" in core and _ID_TAIL.fullmatch(core.rsplit("\n", 1)[1].strip().strip(BORDER)):
        return True  # an ID's end wrapped onto a line of its own: whatever the first pass made of its start
    head, _, tail = core.partition("\n")
    if _ID_HEAD.fullmatch(head.strip().strip(BORDER)) and _ID_TAIL_READ.fullmatch(tail.strip().strip(BORDER)):
        return True  # an ID's start, and its end wrapped with the masks the Thai model misreads
    core = "\n".join("#" * len(line) if _masks_line(line) else line for line in _unjunked(core).split("\n"))
    compact = re.sub(r"\s", "", core)
    if _MASK.search(compact):
        # a masked number whose digits the Thai model read as capitals ("OIBSxxxxx" for
        # "0985xxxxxx", "XXX XXB" for "XXX XX8"): the eng model reads them as digits, and the
        # page's glyphs must confirm them (_confirmed); a dash between masks and digits read as a dot
        # ("***.2" over "181" for "**-****-2181"): no amount or date has a mask before its dot
        compact = _MASKED_DOT.sub("-", _LOOKALIKE.sub("0", compact))
    if _NOT_A_NUMBER.search(compact) or _LATIN_LETTER.search(compact) or len(_THAI_LETTER.findall(compact)) > 3:
        return False
    if len(_THAI_DIGIT.findall(compact)) >= 3 and not _MASK.search(compact):
        return False
    return len(_NUMBERISH.findall(compact)) >= 6


def _unjunked(core: str) -> str:
    """The cell's words with what the Thai model makes of masks as masks: a run of "#" read as
    letters at a word's start ("FHEHHT84530004", "HHHHHHA8629922"), of "*" read as Thai letters
    among asterisks ("สม#***หห**7226"), "X X X" read "%%.%.%"."""
    return "\n".join(" ".join(_junk_masks(w, stars="*" in line) for w in line.split(" ")) for line in core.split("\n"))


def _junk_masks(word: str, *, stars: bool = False) -> str:
    if stars and _THAI_LETTER.fullmatch(word):
        return "*"  # a lone Thai letter on a line of asterisks: one of them ("ส ม #*** ห ห **7226")
    if _SPREAD_JUNK.fullmatch(word):
        return "%" * len(word)
    if run := _STAR_RUN.match(word):
        return "*" * run.end() + word[run.end() :]
    match = _HASH_RUN.match(word)
    if match is None:
        return word
    rest = word[match.end() :]
    return "#" * match.end() + ("0" + rest[1:] if rest.startswith("O") else rest)  # (a digit read "O")


def _masks_line(line: str) -> bool:
    """A line of the first pass that is what it makes of masks: "HAH", "HTH" for "####"; "se",
    "moore ** *", or lone Thai letters beside an asterisk ("ส ม ม ม ห *") for a run of "*"."""
    words = [w.strip(BORDER) for w in line.split()]
    stars = "*" in line
    compact = "".join("*" if _STAR_WORDS.fullmatch(w) or (stars and _THAI_LETTER.fullmatch(w)) else w for w in words)
    return bool(_JUNK_LINE.fullmatch(compact)) and any(ch in compact for ch in "H#*")


def _readings(tsv: str, bands: list[tuple[int, int]]) -> list[list[str]]:
    """Each band's lines, top to bottom, each its words joined by a space."""
    return [[" ".join(word for _, _, word in line) for line in _lines(band)] for band in band_words(tsv, bands)]


def _glued(lines: list[str]) -> str:
    """A cell's lines as one number: glued (a number cut between characters where the cell
    wrapped it) or, for a spread one, spaced."""
    joined = ""
    for text in lines:
        spread = " " in joined and not joined.endswith("-") and not text.startswith("-")
        joined += (" " if spread and joined else "") + text
    return joined


def _masks_counted(image: Any, cell: Cell, read: list[str]) -> str | None:
    """The cell's reading with the masks of its last line as many as the page shows: the eng
    model reads a run of "#" or "*" alone on a line short or not at all ("####" as "#" or
    nothing; the Thai model as "HHH"), but the glyphs are there to count, touching ones by their
    width in the digits' (extractors.ocr_sheet.ink_glyphs). None when the last line is not
    digits then masks."""
    rows: list[list[Word]] = []
    for word in cell.words:
        if rows and rows[-1][-1].line == word.line:
            rows[-1].append(word)
        else:
            rows.append([word])
    if len(rows) < 2:
        return None
    last = "".join(cell.inner(w).strip(BORDER) for w in rows[-1])
    if _THAI_DIGIT.search(last):
        return None  # a digit in Thai the eng model reads as a mask ("๘****" as "**"): no mask
    if "*" in last or _STAR_WORDS.search(last):
        return None  # asterisks: _mask_shapes tells them from a digit the first pass lost
    read = list(read)
    if len(read) == len(rows) - 1 and _masks_line(" ".join(cell.inner(w) for w in rows[-1])):
        read.append("")  # the model read nothing of a line of masks
    end = _DIGITS_THEN_MASKS.fullmatch(read[-1].replace(" ", "")) if len(read) == len(rows) else None
    if end is None or (end.group(1) and not end.group(2)) or end.group(1) != "".join(_DIGIT.findall(last)):
        return None  # not digits then masks, or digits the first pass did not read so
    widths = sorted((w.right - w.left) / len(w.text) for w in rows[0]
                    if _DIGIT.search(w.text) and id(w) not in cell.cuts)
    if not widths:
        return None
    line = rows[-1]
    box = (min(w.left for w in line), min(w.top for w in line), max(w.right for w in line), max(w.bottom for w in line))
    glyphs = ink_glyphs(image, box, widths[len(widths) // 2])
    if glyphs - len(end.group(1)) <= len(end.group(2)):
        return None
    mask = end.group(2)[:1] or next((c for c in "*#X" if c in last.replace("H", "#")), "X")
    read[-1] = end.group(1) + mask * (glyphs - len(end.group(1)))
    return _glued(read)


def _mask_shapes(piece: Any, core: str, read: list[str], *, unit: float) -> str | None:
    """The cell's number with its masks as many as the page shows, where accept takes it: the
    eng model reads a run of "*" short or not at all ("* ****" over "****3 80" read "*x3 80"), a
    run of "×" long ("6520×××××" as "6520xxxxxxx"), and of "#" what it likes ("####715101" as
    "#715101"). The cell's glyphs (ocr_sheet.cell_shapes), with digits in the tall ones' places;
    None when a glyph is neither a digit's height nor a mask's shape, or the tall glyphs are not
    as many as the digits read."""
    if not unit or _THAI_DIGIT.search(core):
        return None  # a Thai digit is no digit's height: it would be taken for a mask
    shapes = cell_shapes(piece, unit)
    if shapes is None:
        return None
    digits, confirmed = _shaped_digits(shapes, _DIGIT.findall(core), _DIGIT.findall("".join(read)))
    if digits is None:
        digits = _in_place(shapes, core) or _aligned(shapes, core, _DIGIT.findall("".join(read))) \
            or _headed(shapes, core, _DIGIT.findall("".join(read)))
    if digits is None:
        return None
    it = iter(digits)
    return accept(core, "".join(next(it) if ch == "T" else ch for ch in shapes), confirmed=confirmed)


def _shaped_digits(shapes: str, digits: list[str], read_digits: list[str]) -> tuple[list[str] | None, bool]:
    """The digits for the tall glyphs of ``shapes`` from the first pass's (``digits``) and the
    reading's, and whether the page had to confirm them (digits the first pass did not read)."""
    tall = shapes.count("T")
    first, read = _ones(digits), _ones(read_digits)
    if _unmatched(read, first) is None:  # the two read a digit apart (the eng model reads a 7 as 1)
        if "#" in shapes and len(read_digits) == tall and _unmatched(first, read) is not None:
            # a digit the first pass made part of its junk for a "#" ("HHH 15101" read "#715101"):
            # the page has a tall glyph for it, and shows the hashes apart from the digits
            return read_digits, True
        return _overlapped(digits, read_digits, tall), True
    if tall == len(digits):
        return digits, False  # (the eng model drops a digit beside asterisks: "****3 80" read "80")
    if tall == len(read_digits):
        return read_digits, False  # (the first pass read a speck as a digit)
    extra = len(digits) - tall
    if shapes.count("#") >= extra > 0 and set(digits[:extra]) <= {"4", "9"} \
            and _unmatched(read, _ones(digits[extra:])) is not None:
        return digits[extra:], False  # the first pass read a "#" as 4 or 9 ("#4101676")
    return None, False


def _overlapped(first: list[str], read: list[str], tall: int) -> list[str] | None:
    """The digits of two readings that each lost one end of the number, where the end of one is
    the start of the other and together they are as many as the page's tall glyphs ("245" and
    "451": "2451"); the first pass's where they overlap. None where no two digits overlap."""
    k = len(first) + len(read) - tall  # how many they must share
    if not 2 <= k < min(len(first), len(read)):
        return None
    if _same(first[-k:], read[:k]):
        return first + read[k:]  # the eng model lost the start, the first pass the end
    if _same(read[-k:], first[:k]):
        return read[:-k] + first
    return None


def _same(a: list[str], b: list[str]) -> bool:
    """The same digits, but for the eng model's 1 for a 7."""
    return _ones(a) == _ones(b)


def _ones(digits: str | list[str]) -> str:
    """Digits with every 7 as 1: the eng model reads a 7 as 1, so its reading and the first
    pass's are compared so."""
    return "".join(digits).replace("7", "1")


def _among(a: str | list[str], b: str | list[str]) -> bool:
    """One's digits are all among the other's, in order (a 7 and a 1 alike, _ones)."""
    a, b = _ones(a), _ones(b)
    return _unmatched(a, b) is not None or _unmatched(b, a) is not None


def _in_place(shapes: str, core: str) -> list[str] | None:
    """The first pass's digits where the page has its tall glyphs, glyph for glyph, when it read
    as many characters as the page shows and a digit at each tall one: what it read where the
    page shows an asterisk is a misreading ("1340**8888***" for "1340*********": an asterisk is
    small and high, no digit is)."""
    compact = re.sub(r"\s", "", core)
    pairs = list(zip(shapes, compact))
    if len(compact) != len(shapes) or not any(ch == "*" and _DIGIT.fullmatch(mine) for ch, mine in pairs):
        return None  # (nothing to mend: no digit read where the page shows an asterisk)
    if shapes.count("T") < 4:
        return None  # where hardly a glyph measures tall, the unit they were measured against is wrong
    if any((ch == "T" and not _DIGIT.fullmatch(mine)) or (ch == "-") != (mine == "-") for ch, mine in pairs):
        return None
    return [mine for ch, mine in pairs if ch == "T"]


def _aligned(shapes: str, core: str, read: list[str]) -> list[str] | None:
    """The first pass's digits at the page's tall glyphs, where it read a digit or two more than
    the page shows and only one choice of them to drop lines its digits and masks up with the
    page's ("#2**** ****6 05 -3" over "*-****-****T-TT-T": the 2 is a misread asterisk); the
    eng reading's digits must be among those kept."""
    page = "".join("D" if ch == "T" else "M" for ch in shapes if ch in "Tx*#")
    tokens = [ch for ch in core if _POSITION.fullmatch(ch)]
    extra = len(tokens) - len(page)
    if not 1 <= extra <= 2:
        return None
    found = set()
    for drop in combinations([i for i, ch in enumerate(tokens) if ch.isdigit()], extra):
        kept = [ch for i, ch in enumerate(tokens) if i not in drop]
        if "".join("D" if ch.isdigit() else "M" for ch in kept) == page:
            found.add("".join(ch for ch in kept if ch.isdigit()))
    if len(found) != 1:
        return None
    digits = found.pop()
    if _unmatched(_ones(read), _ones(digits)) is None:
        return None
    return list(digits)


def _headed(shapes: str, core: str, read: list[str]) -> list[str] | None:
    """head_digits of the first pass, where the eng reading's digits are among them or theirs
    among the reading's (it reads a "#" as a 4: "1-9124-"); not where the two disagree on a
    digit ("****942" and "****19" for "****912")."""
    digits = head_digits(shapes, re.sub(r"\s", "", core))
    if digits is None:
        return None
    return digits if _among(digits, read) else None


def head_digits(shapes: str, read: str) -> list[str] | None:
    """The digits of a reading up to the page's last tall glyph, where its characters there line
    up with the glyphs one for one (a digit at each tall one, a dash at each dash, a mask or what
    the first pass makes of one at each mask's shape): what it read after them is the masks the page shows, however it read them
    ("1-912#-####HHH" over "T-TTT#-#####-##-#", "365073792209909<" over "TTTTTTTTTxxxx")."""
    last = shapes.rfind("T")
    head = read[: last + 1]
    if last < 0 or len(head) != last + 1:
        return None
    for shape, mine in zip(shapes, head):
        if (shape == "T") != bool(_DIGIT.fullmatch(mine)) or (shape == "-") != (mine == "-") \
                or (shape in "x*#" and not _MASKISH.fullmatch(mine)):
            return None
    return _DIGIT.findall(head)


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


def accept(core: str, reading: str, *, confirmed: bool = False) -> str | None:
    """The cell's reading to put in place of the first pass's words (``core``, joined by
    spaces), or None to keep them: one whole number, no digit the first pass did not read
    (unless the page ``confirmed`` it, _confirmed)."""
    reading = reading.strip().strip("-")
    plus = reading.startswith("+66") and core.lstrip().startswith("+66")
    if not reading or any(ch not in WHITELIST + " " for ch in reading[plus:]):
        return None
    if len(_POSITION.findall(reading)) - plus not in _WHOLE or "--" in reading:
        return None  # (+66 stands for a phone's 0)
    if reading == core or not laid_out(reading):
        return None
    if confirmed:
        return reading
    fewer = len(_POSITION.findall(reading)) < len(_POSITION.findall(core))
    if fewer and len(_STARS.findall(reading)) < len(_STARS.findall(core)):
        return None  # the eng model reads "##" as "#" and "***" as "**": the first pass counted better
    old, new = "".join(_DIGIT.findall(core)), "".join(_DIGIT.findall(reading))
    dropped = len(old) - len(new)
    if dropped and _valid_id(old):
        return None  # a whole valid ID was read: a mask in its place is the misreading
    if dropped < 0 or dropped > len(_MASK.findall(reading)):
        return None
    unmatched = _unmatched(new, core)
    if unmatched is None or any(not _beside_masks(core, i, j) for i, j in _stretches(unmatched)):
        return None
    return reading


def laid_out(reading: str) -> bool:
    """Grouped as an ID or a phone is written: a line cut inside a group and read as a dash
    ("7-6320-49-789-67-1") is not a number any more."""
    sizes = tuple(len(g) for g in re.split("[- ]", reading))
    if sum(sizes) == 13:
        return sizes in LAYOUTS
    if reading[0] in "123456789":
        return False  # no Thai phone starts so: the start of an ID whose end the model dropped
    if sum(sizes) == 9 and re.match("0[689]", reading.replace(" ", "").replace("-", "")):
        return False  # a mobile's ten positions, one lost ("097 140 ××××" read "097140xxx")
    # the masks that end a number may run over its last dash ("043-3*****" for 043-3XX-XXX); digits
    # do not, nor masks inside it (a laser code's "0-923XXXX-XX" after its letters is no phone)
    *groups, last = re.split("[- ]", reading)
    return not groups or (len(groups) < 4 and max(map(len, groups)) <= 4
                          and (len(last) <= 4 or _MASKS_RUN_ON.fullmatch(last) is not None))


def _laser_like(core: str) -> bool:
    """Laid out as a laser code; twelve digits in a row only when the first two are not digits
    (a bank account or a document number is no laser code with its letters misread)."""
    compact = re.sub(r"\s", "", core)
    match = _LASER_CORE.fullmatch(compact)
    if match is None or len(_DIGIT.findall(compact)) < 7:
        return False
    return bool(match.group(1)) or not compact[:2].isdigit()


def accept_laser(core: str, reading: str) -> str | None:
    """A laser code cell's reading, or None: two capital letters and ten digits or masks, the
    digits the first pass's (less those it read for the letters, or for masks), grouped 1-7-2
    with dashes where the first pass saw dashes."""
    compact = re.sub(r"[-\s]", "", reading)
    if not _LASER.fullmatch(compact):
        return None
    # grouped as the first pass saw it: the eng model drops the spaces of "TJ4 2249725 30", and
    # a laser code in one run of twelve needs a cue the page may not give
    dashed, spaced = "-" in core or "–" in core, " " in core.strip()
    sep = "-" if dashed else " " if spaced else ""
    new = f"{compact[:3]}{sep}{compact[3:10]}{sep}{compact[10:]}" if sep else compact
    if new == core:
        return None
    letters = [i for i, ch in enumerate(core) if not ch.isspace()][:2]  # where the letters were read
    unmatched = _unmatched("".join(_DIGIT.findall(compact[2:])), core, from_end=True)
    if unmatched is None:
        return None
    if any(not (i in letters and j in letters) and not _beside_masks(core, i, j) for i, j in _stretches(unmatched)):
        return None
    return new


def _valid_id(digits: str) -> bool:
    return len(digits) == 13 and is_valid(digits)


def _unmatched(digits: str, core: str, *, from_end: bool = False) -> list[int] | None:
    """Where in ``core`` the digits are that ``digits`` (in order) leaves out, matched from the
    start (or the end); None when ``digits`` is not a subsequence of the core's digits."""
    order = range(len(core) - 1, -1, -1) if from_end else range(len(core))
    wanted = digits[::-1] if from_end else digits
    left, k = [], 0
    for i in order:
        if not _DIGIT.fullmatch(core[i]):
            continue
        if k < len(wanted) and core[i] == wanted[k]:
            k += 1
        else:
            left.append(i)
    return sorted(left) if k == len(wanted) else None


def _stretches(indexes: list[int]) -> list[tuple[int, int]]:
    """Adjacent indexes as (first, last) stretches."""
    out: list[tuple[int, int]] = []
    for i in indexes:
        if out and out[-1][1] == i - 1:
            out[-1] = (out[-1][0], i)
        else:
            out.append((i, i))
    return out


def _beside_masks(core: str, first: int, last: int) -> bool:
    """The first pass's digits ``core[first:last + 1]`` sit beside masks, or what it made of
    masks or a rule ("#9#", "%>90000«", "2 ๐ ๐", "71|0666"): masks it read as digits. Digits
    with only digits and dashes beside them are digits the cell's reading dropped ("-7 050"
    read "-050")."""
    before, after = core[:first].rstrip(), core[last + 1 :].lstrip()
    return any(side and not _KEPT.fullmatch(side) for side in (before[-1:], after[:1]))


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
