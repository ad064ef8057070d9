"""Which reading of a cell may replace the first pass's words (extractors.ocr_cells).

The second reading (the ``eng`` model, a digits-and-masks whitelist) sees shapes the Thai model
does not, and makes up digits of its own: it reads a 7 as 1, drops a digit beside a run of "#",
reads "##" as "#". So a reading is taken only when it is one whole number laid out as a number
is written (the 13 positions of an ID, the 9 or 10 of a phone) and says no more than the first
pass saw: its digits the first pass's in the same order, less those it now reads as masks, and
never digits the first pass did not read, unless the page's glyphs confirm them
(extractors.ocr_counts). Pure string functions: no image, no Tesseract."""

from __future__ import annotations

import re

from detectors.national_id import LAYOUTS, is_valid

#: Digits, masks and the dash that groups them.
WHITELIST = "0123456789Xx*#-"
#: ... and a laser code's capital letters.
LASER_WHITELIST = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789x*#-"
_POSITION = re.compile(r"[0-9Xx*#]")
_MASK = re.compile(r"[Xx*#]")
_DIGIT = re.compile(r"[0-9]")
_STARS = re.compile(r"[*#]")
WHOLE = (9, 10, 13)  # positions of a landline, a mobile, an ID
_DIGITS_ONLY = re.compile(r"[0-9\s]+")
#: a "1" at the very start of a cell, glued to a digit: what the first pass may make of its left rule
_RULE_ONE = re.compile(r"\s*[|(\[]?1(?=[0-9])")
_KEPT = re.compile("[0-9\\-–]")  # what stands beside a digit the first pass read right
#: a group whose run of masks ran over a dash: a group's few digits, then masks to the end (not
#: masks, then digits: "****7-4918" is "***-*97-4918" with its 9 read as a mask)
_MASKS_RUN_ON = re.compile(r"[0-9]{0,4}[Xx*#]+")
#: a laser code as the first pass reads it: two glyphs (its letters, often misread), then ten
#: digits or masks, grouped 1-7-2 or not at all (spaces taken out)
_LASER_CORE = re.compile(r"[^-–]{2}[0-9Xx*#%๐]([-–]?)[0-9Xx*#%๐]{7}\1[0-9Xx*#%๐]{2}")
_LASER = re.compile(r"[A-Z]{2}[0-9Xx*#]{10}")
_MASKED_END = re.compile(r"[0-9][Xx*#]{2,}$")
_MASKS = re.compile(r"[Xx*#]+")


def accept(core: str, reading: str, *, confirmed: bool = False) -> str | None:
    """The cell's reading to put in place of the first pass's words (``core``, joined by
    spaces), or None to keep them: one whole number, no digit the first pass did not read
    (unless the page ``confirmed`` it, page_confirmed)."""
    reading = reading.strip().strip("-")
    plus = reading.startswith("+66") and core.lstrip().startswith("+66")
    if not reading or any(ch not in WHITELIST + " " for ch in reading[plus:]):
        return None
    if len(_POSITION.findall(reading)) - plus not in WHOLE or "--" in reading:
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
    if dropped == 1 and _RULE_ONE.match(core) and new == old[1:] and _valid_id(new):
        # the cell's left rule, read as a "1" glued to its number ("1615150539" over "1740" for
        # "6 1 5 1 5 0 5 3 9" over "1 7 4 0"): the crop has its rules whitened, the eng model
        # reads the number alone, and the check digit vouches for the thirteen
        return reading
    if dropped < 0 or dropped > len(_MASK.findall(reading)):
        return None
    unmatched = left_out(new, core)
    if unmatched is None or any(not _beside_masks(core, i, j) for i, j in _stretches(unmatched)):
        return None
    return reading


def sevens(core: str, reading: str) -> str | None:
    """The reading with the first pass's digits in place of its own, where the two read as many
    digits and differ only where the eng model read a 7 as 1 (the Thai model does not: "36602"
    over "7OXXXXXX" read "3660210XXXXXX"); beside masks, a capital "O" of the first pass is its 0.
    None where they differ otherwise, or the reading has no such 1."""
    if _MASK.search(core):
        core = core.replace("O", "0")
    first, read = _DIGIT.findall(core), _DIGIT.findall(reading)
    if len(first) != len(read) or first == read:
        return None
    if any(a != b and (a, b) != ("7", "1") for a, b in zip(first, read)):
        return None  # (a 1 of the first pass's read 7 is no misreading of the eng model's)
    it = iter(first)
    return "".join(next(it) if ch.isdigit() else ch for ch in reading)


def overlong(core: str, reading: str) -> str | None:
    """A cell of one number a digit or two longer than an ID, its first line a whole valid ID and
    the rest wrapped below ("3900979901380" over "1" for "39009799013801", a clerk's slip): the
    digits glued, where the reading has the same ones, so that the detectors see one number too
    long for an ID and not the ID its first line makes. Not where the cell holds more than digits:
    two numbers in a cell stay two."""
    first, _, rest = core.strip().partition("\n")
    digits = "".join(_DIGIT.findall(core))
    if not rest or not _DIGITS_ONLY.fullmatch(core) or not 14 <= len(digits) <= 15:
        return None
    if not _valid_id("".join(_DIGIT.findall(first))) or "".join(_DIGIT.findall(reading)) != digits:
        return None
    return None if _MASK.search(reading) else digits


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
    if sum(sizes) == 10 and re.match("0[2-57]", reading.replace(" ", "").replace("-", "")):
        return False  # a landline's nine, one too many ("03891XXXX" read "03891XXXXx")
    # the masks that end a number may run over its last dash ("043-3*****" for 043-3XX-XXX); digits
    # do not, nor masks inside it (a laser code's "0-923XXXX-XX" after its letters is no phone)
    *groups, last = re.split("[- ]", reading)
    return not groups or (len(groups) < 4 and max(map(len, groups)) <= 4
                          and (len(last) <= 4 or _MASKS_RUN_ON.fullmatch(last) is not None))


def laser_like(core: str) -> bool:
    """Laid out as a laser code; twelve digits in a row only when the first two are not digits
    (a bank account or a document number is no laser code with its letters misread), or its
    last ones are masks ("60377317****" for "EJ377317****": no phone or ID has twelve)."""
    compact = re.sub(r"\s", "", core)
    match = _LASER_CORE.fullmatch(compact)
    if match is None or len(_DIGIT.findall(compact)) < 7:
        return False
    return bool(match.group(1)) or not compact[:2].isdigit() or _MASKED_END.search(compact) is not None


def accept_laser(core: str, reading: str) -> str | None:
    """A laser code cell's reading, or None: two capital letters and ten digits or masks, the
    digits the first pass's (less those it read for the letters, or for masks), grouped 1-7-2
    with dashes where the first pass saw dashes."""
    compact = re.sub(r"[-\s]", "", reading)
    last = core.rsplit("\n", 1)[1].strip() if "\n" in core else ""
    if not _LASER.fullmatch(compact) and _MASKS.fullmatch(last) and _LASER.fullmatch(compact + last):
        compact += last  # masks alone on the cell's last line, which the eng model read nothing of
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
    unmatched = left_out("".join(_DIGIT.findall(compact[2:])), core, from_end=True)
    if unmatched is None:
        return None
    if any(not (i in letters and j in letters) and not _beside_masks(core, i, j) for i, j in _stretches(unmatched)):
        return None
    return new


def glue(lines: list[str]) -> str:
    """A cell's lines as one number: glued (a number cut between characters where the cell
    wrapped it) or, for a spread one, spaced."""
    joined = ""
    for text in lines:
        spread = " " in joined and not joined.endswith("-") and not text.startswith("-")
        joined += (" " if spread and joined else "") + text
    return joined


def agree(core: str, reading: str) -> bool:
    """The reading has digits, and one's digits are among the other's, in order."""
    a, b = "".join(_DIGIT.findall(core)), "".join(_DIGIT.findall(reading))
    return bool(b) and (left_out(b, a) is not None or left_out(a, b) is not None)


def among(a: str | list[str], b: str | list[str]) -> bool:
    """One's digits are all among the other's, in order (a 7 and a 1 alike, ones)."""
    a, b = ones(a), ones(b)
    return left_out(a, b) is not None or left_out(b, a) is not None


def ones(digits: str | list[str]) -> str:
    """Digits with every 7 as 1: the eng model reads a 7 as 1, so its reading and the first
    pass's are compared so."""
    return "".join(digits).replace("7", "1")


def _valid_id(digits: str) -> bool:
    return len(digits) == 13 and is_valid(digits)


def left_out(digits: str, core: str, *, from_end: bool = False) -> list[int] | None:
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
