"""Digits and masks counted on the page, where neither reading of a cell counts them right
(extractors.ocr_cells): the cell's glyphs (extractors.ocr_sheet) say how many positions a
number has, which are tall (a digit) and which a mask's shape ("*", "x", "×", and "#" by its two
bars, which no digit has). Masks of a last line counted (masks_counted); every mask counted
(mask_shapes), with the first pass's digits in place (_in_place: "1340**8888***"), a digit or
two it read too many dropped where only one choice lines up with the page (_aligned), its digits
up to the last tall glyph (_headed), or two readings that each lost an end joined where they
overlap (_overlapped); a reading with digits the first pass did not read, where the glyphs
confirm it (page_confirmed); a digit neither reading has, read of the tall glyphs alone
(unread_digits, with_digits). Each result still goes through ocr_accept."""

from __future__ import annotations

import re
from itertools import combinations
from typing import Any

from detectors.national_id import is_valid
from extractors.ocr_accept import WHOLE, accept, among, glue, left_out, ones
from extractors.ocr_boxes import BORDER, Word
from extractors.ocr_sheet import cell_glyphs, cell_shapes, ink_glyphs
from extractors.ocr_table import Cell
from extractors.ocr_wanted import MASKISH, STAR_WORDS, masks_line

_DIGIT = re.compile(r"[0-9]")
_POSITION = re.compile(r"[0-9Xx*#]")
_DIGITS_THEN_MASKS = re.compile("([0-9]*)([Xx*#]*)")
_THAI_DIGIT = re.compile("[๑-๙]")  # not ๐: the first pass reads a mask's x as ๐


def unread_digits(piece: Any, core: str, read: list[str], *, unit: float) -> tuple[str, Any] | None:
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
    if positions not in WHOLE or not 0 < tall - max(len(first), len(second)) <= 2:
        return None
    if not among(first, second) and len(first) + len(second) != tall:
        # the two disagree on the digits they read: no reading to trust (unless each read the
        # part the other lost, "ล ******** 000" and "X7" for "*********7000": with_digits then
        # wants both among the tall glyphs' reading)
        return None
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


def with_digits(core: str, shapes: str, reading: str, *, second: str = "") -> str | None:
    """The cell's number from its glyphs, with the digits read of its tall ones alone, where
    they are as many and the first pass's digits are all among them, in order; where the
    ``second`` reading (the eng model's of the whole cell) read other digits, so are its."""
    digits = "".join(_DIGIT.findall(reading))
    first, other = "".join(_DIGIT.findall(core)), "".join(_DIGIT.findall(second))
    left = left_out(ones(first), ones(digits))
    if len(digits) != shapes.count("T") or left is None:
        return None
    if not among(first, other) and left_out(ones(other), ones(digits)) is None:
        return None
    # the first pass's digits where they fall, the glyphs' reading for the rest: the eng model
    # reads a 7 as 1, the Thai model does not
    ours = iter(first)
    it = iter([digits[i] if i in left else next(ours) for i in range(len(digits))])
    return accept(core, "".join(next(it) if ch == "T" else ch for ch in shapes), confirmed=True)


def page_confirmed(piece: Any, core: str, reading: str, *, unit: float) -> str | None:
    """The reading, with digits the first pass did not read ("08 2742" over "eee", read
    "0827426***"), or without more of the first pass's than it has masks ("72000(914736592" for
    "XXXX914736592": the Thai model reads an "X" as a digit or two), where the page's glyphs
    confirm it: a tall one for each digit, a mask's shape for each mask, a dash's for each dash,
    in its order, and one's digits all among the other's. Not where a "#" may be: as tall as a
    digit, a mask read as a digit looks the same (but a "#" of the first pass where the page
    shows asterisks and no hash is an asterisk misread: "*#***76(0232187")."""
    if not unit or any(ch in reading for ch in "#H") or _THAI_DIGIT.search(core):
        return None
    new = accept(core, reading, confirmed=True)
    first, read = "".join(_DIGIT.findall(core)), "".join(_DIGIT.findall(reading))
    if new is None or (left_out(first, read) is None and left_out(read, first) is None):
        return None
    shapes = cell_shapes(piece, unit)
    if any(ch in core for ch in "#H") and (shapes is None or "#" in shapes or "*" not in shapes):
        return None
    kinds = "".join("T" if ch.isdigit() else "m" if ch in "*Xx" else ch for ch in reading if not ch.isspace())
    return new if shapes is not None and kinds == re.sub("[*x]", "m", shapes) else None


def masks_counted(image: Any, cell: Cell, read: list[str]) -> str | None:
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
    if "*" in last or STAR_WORDS.search(last):
        return None  # asterisks: mask_shapes tells them from a digit the first pass lost
    read = list(read)
    if len(read) == len(rows) - 1 and masks_line(" ".join(cell.inner(w) for w in rows[-1])):
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
    return glue(read)


def mask_shapes(piece: Any, core: str, read: list[str], *, unit: float) -> str | None:
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
            or _headed(shapes, core, _DIGIT.findall("".join(read))) \
            or _tailed(shapes, core, _DIGIT.findall("".join(read)))
    if digits is None:
        return None
    # every glyph of the page that is no digit's height an asterisk (small and high: no digit is
    # one): what the first pass read there as digits is a misreading ("3151335488888" for
    # "3151*********", the eng model "31 51"), not a digit a mask now hides; unless they make a
    # valid ID (a digit cut in two by the crop leaves a small high piece of it: "*391271374191")
    first = "".join(_DIGIT.findall(core))
    confirmed = confirmed or (shapes.count("T") >= 4 and "*" in shapes and set(shapes) <= set("T*-")
                              and not (len(first) == 13 and is_valid(first)))
    it = iter(digits)
    return accept(core, "".join(next(it) if ch == "T" else ch for ch in shapes), confirmed=confirmed)


def _shaped_digits(shapes: str, digits: list[str], read_digits: list[str]) -> tuple[list[str] | None, bool]:
    """The digits for the tall glyphs of ``shapes`` from the first pass's (``digits``) and the
    reading's, and whether the page had to confirm them (digits the first pass did not read)."""
    tall = shapes.count("T")
    first, read = ones(digits), ones(read_digits)
    if left_out(read, first) is None:  # the two read a digit apart (the eng model reads a 7 as 1)
        if "#" in shapes and len(read_digits) == tall and (lost := left_out(first, read)) is not None:
            # a digit the first pass made part of its junk for a "#" ("HHH 15101" read "#715101"):
            # the page has a tall glyph for it, and shows the hashes apart from the digits; a 7 of
            # the first pass's where the eng model read a 1 ("HHH 72" and "9312" for "####9372")
            kept = iter(digits)
            mine = [None if i in lost else next(kept) for i in range(len(read_digits))]
            return ["7" if (d, m) == ("1", "7") else d for d, m in zip(read_digits, mine)], True
        joined = _overlapped(digits, read_digits, tall)
        if joined is None and tall == len(digits) > len(read_digits) and "#" not in shapes:
            # the eng model lost digits and made up one ("*-=*** 51" over "989-68-4" read
            # "#*4989-68-4"): the first pass's, as many as the page's tall glyphs
            return digits, False
        return joined, True
    if tall == len(digits):
        return digits, False  # (the eng model drops a digit beside asterisks: "****3 80" read "80")
    if tall == len(read_digits):
        # (the first pass read a speck as a digit; or a "#" as a 4, an 8 or a 9, which the page
        # shows as a hash: "6451214474" over "204" for "645121447420#")
        dropped = [digits[i] for i in left_out(read, first) or []]
        hashes = bool(dropped) and set(dropped) <= {"4", "8", "9"} and shapes.count("#") >= len(dropped)
        return read_digits, hashes
    extra = len(digits) - tall
    if shapes.count("#") >= extra > 0 and set(digits[:extra]) <= {"4", "9"} \
            and left_out(read, ones(digits[extra:])) is not None:
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
    return ones(a) == ones(b)


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
    if left_out(ones(read), ones(digits)) is None:
        return None
    return list(digits)


def _headed(shapes: str, core: str, read: list[str]) -> list[str] | None:
    """head_digits of the first pass, where the eng reading's digits are among them or theirs
    among the reading's (it reads a "#" as a 4: "1-9124-"); not where the two disagree on a
    digit ("****942" and "****19" for "****912")."""
    digits = head_digits(shapes, re.sub(r"\s", "", core))
    if digits is None:
        return None
    return digits if among(digits, read) else None


def _tailed(shapes: str, core: str, read: list[str]) -> list[str] | None:
    """The first pass's digits from the page's first tall glyph to its end, where its characters
    there line up with the glyphs one for one (a digit at each tall one, a dash at each dash) and
    the eng reading's digits are among them or theirs among the reading's, or as many with at
    most one read otherwise: what it read before them is the masks the page shows, however it
    read them ("ม 2 ม ม %%%2%%%%3-02-4" over "x-xxxx-xxxxT-TT-T"; the eng model read "3-07-4").
    Only where that is junk no detector reads as masks: a clean reading stays the first pass's
    where the two disagree."""
    first = shapes.find("T")
    compact = re.sub(r"\s", "", core)
    if first < 0 or len(compact) < len(shapes) - first:
        return None
    cut = len(compact) - (len(shapes) - first)
    head, tail = compact[:cut], compact[cut:]
    if re.fullmatch(r"[Xx*#\-–]*", head):
        return None
    if "#" in shapes[:first] and set(_DIGIT.findall(head)) - set("489"):
        return None  # a hash is as tall as a digit: only a 4, 8 or 9 read for one is its misreading
    if not _lined_up(shapes[first:], tail):
        return None
    digits = _DIGIT.findall(tail)
    misread = sum(a != b for a, b in zip(ones(digits), ones(read)))
    return digits if among(digits, read) or (len(read) == len(digits) and misread <= 1) else None


def head_digits(shapes: str, read: str) -> list[str] | None:
    """The digits of a reading up to the page's last tall glyph, where its characters there line
    up with the glyphs one for one (a digit at each tall one, a dash at each dash, a mask or what
    the first pass makes of one at each mask's shape): what it read after them is the masks the page shows, however it read them
    ("1-912#-####HHH" over "T-TTT#-#####-##-#", "365073792209909<" over "TTTTTTTTTxxxx")."""
    last = shapes.rfind("T")
    head = read[: last + 1]
    if last < 0 or len(head) != last + 1:
        return None
    return _DIGIT.findall(head) if _lined_up(shapes, head) else None


def _lined_up(shapes: str, read: str) -> bool:
    """Each character of a reading where the page's glyph is: a digit at each tall one, a dash at
    each dash, a mask or what the first pass makes of one at each mask's shape."""
    return all((shape == "T") == bool(_DIGIT.fullmatch(mine)) and (shape == "-") == (mine == "-")
               and (shape not in "x*#" or MASKISH.fullmatch(mine)) for shape, mine in zip(shapes, read))
