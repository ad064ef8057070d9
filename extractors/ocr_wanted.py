"""Which cells of a page are worth reading again (extractors.ocr_cells), as the first pass
read them: what the Thai model makes of masks ("FHEHHT8453" for a run of "#", "สม#***หห**7226"
for one of "*", "%%.%.%" for "X X X") counts as masks; dates, amounts and words do not; an ID
written with dots is mended from the first pass's own reading (the eng model drops dots). Pure
string functions: no image, no Tesseract."""

from __future__ import annotations

import re

from extractors.ocr_boxes import BORDER

_POSITION = re.compile(r"[0-9Xx*#]")
_MASK = re.compile(r"[Xx*#]")
MASKISH = re.compile(r"[*Xx×%#H]")  # masks, or what the first pass makes of them ("%%%", "HHH")
#: a line of the first pass that is masks, or what it made of them ("HHH", "HTH", "HAH" for
#: "####", "Ht" for "##"; but a line starting "T" or "A" may be "7###" or "4###")
_JUNK_LINE = re.compile("[HNE#*Xx%\"'_»«<>@°๐][HNEATt#*Xx%\"'_»«<>@°๐]*")
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
#: an ID written with dashes, as the first pass may read it: a later dash read as a dot, a 9 or
#: a 0 beside masks as "o" ("2-1214-xxxo7-24.9"); a date or an amount has no such groups
_DASHED_DOT = re.compile(r"[0-9Xx*#][-–][0-9Xx*#]{4}[-–][0-9Xx*#o]{5}[-–.][0-9Xx*#]{2}[-–.][0-9Xx*#]")
_ID_TAIL = re.compile(r"[-–][0-9]{2}[-–][0-9]")  # the last groups of an ID in 1-4-5-2-1, "-88-6"
#: an ID's first groups in 1-4-5-2-1, and its last ones as the Thai model may read them masked: a
#: "4" as "A", a dash as "~" ("3-2018-33996" over "~AX-x" for "-4x-x")
_ID_HEAD = re.compile(r"[0-9Xx*#][-–][0-9Xx*#]{4}[-–][0-9Xx*#]{5}[-–]?")
_ID_TAIL_READ = re.compile(r"[-–~][0-9XxA*#%]{2}[-–~][0-9Xx*#%]")
_THAI_DIGIT = re.compile("[๑-๙]")  # not ๐: the first pass reads a mask's x as ๐
_THAI_LETTER = re.compile("[ก-ฮ]")
_LOOKALIKE = re.compile("[OIBS]")  # capitals the Thai model reads for 0, 9 or 1, 8, 5
_MASKED_DOT = re.compile(r"(?<=[Xx*#])\.(?=[0-9])")
_SPECK_DOT = re.compile(r"(?<=[0-9])\.(?=[0-9])")
#: a laser code's head, or a word: not for the whitelist (but "H" is the Thai model's "#")
_LATIN_LETTER = re.compile(r"[A-GI-WYZa-wyz]")
#: small letters and quotes between masks, or after them at a word's end, in a run of "*"
#: ("***"eee*")
_LETTERS_AMONG_STARS = re.compile("(?<=[*Xx])[a-wyz\"']+(?=[*Xx]|$)")
#: a short lowercase word: what the Thai model makes of a run of "*" ("moore", "soos oe", "e")
STAR_WORDS = re.compile(r"[a-z]{1,6}")
#: what a number cell holds as the first pass reads it: digits (both scripts), masks, dashes,
#: and the junk the Thai model makes of masks and rules
_NUMBERISH = re.compile(r"[0-9๐-๙Xx*×#H%\"'_»«<>@oO°\-–|()\[\]!]")
#: dates, times, money, house numbers (and IDs written with dots, whose dots the eng model
#: drops: dotted_id mends those from the first pass's reading)
_NOT_A_NUMBER = re.compile(r"[/:,.]")


def starts(text: str) -> bool:
    """A word a number's cell is looked for around: number-like, or an ID written with dots (or
    with dashes, one read as a dot)."""
    core = text.strip(BORDER)
    return _numberish(text) or bool(_DOTTED_START.match(core)) or miscounted_dots(core) \
        or bool(_DASHED_DOT.fullmatch(core))


def _numberish(text: str) -> bool:
    core = _despecked(_unjunked(text.strip(BORDER)))
    return len(core) >= 2 and not _NOT_A_NUMBER.search(core) \
        and len(_NUMBERISH.findall(core)) >= len(core) - 1 and bool(_POSITION.search(core) or "%" in core)


def worth_reading(core: str) -> bool:
    """Mostly digits and masks, or what the first pass makes of masks; not a date or an amount;
    not a number in Thai digits (nothing Tesseract reads as Arabic digits is there). A line of
    what the Thai model makes of masks is no word ("moore ** *" for "***** ** *", "HTH" for
    "####")."""
    if "\n" in core and _ID_TAIL.fullmatch(core.rsplit("\n", 1)[1].strip().strip(BORDER)):
        return True  # an ID's end wrapped onto a line of its own: whatever the first pass made of its start
    if _DASHED_DOT.fullmatch(re.sub(r"\s", "", core).strip(BORDER)):
        return True  # an ID with dashes, one read as a dot: the eng model reads it again with its dashes
    head, _, tail = core.partition("\n")
    if _ID_HEAD.fullmatch(head.strip().strip(BORDER)) and _ID_TAIL_READ.fullmatch(tail.strip().strip(BORDER)):
        return True  # an ID's start, and its end wrapped with the masks the Thai model misreads
    lines = [line.strip().strip(BORDER) for line in core.split("\n")]
    if len(lines) == 2 and masks_line(lines[0]) and re.fullmatch("[0-9]{2,4}", lines[1]):
        return True  # a run of masks read as a short junk word ("HHA" for "#########44"), its digits wrapped below
    core = "\n".join("#" * len(line) if masks_line(line) else line for line in _unjunked(core).split("\n"))
    compact = re.sub(r"\s", "", core)
    if _MASK.search(compact):
        # a masked number whose digits the Thai model read as capitals ("OIBSxxxxx" for
        # "0985xxxxxx", "XXX XXB" for "XXX XX8"): the eng model reads them as digits, and the
        # page's glyphs must confirm them (page_confirmed); a dash between masks and digits read as a dot
        # ("***.2" over "181" for "**-****-2181"): no amount or date has a mask before its dot
        compact = _despecked(_MASKED_DOT.sub("-", _LOOKALIKE.sub("0", compact)))
    if _NOT_A_NUMBER.search(compact) or _LATIN_LETTER.search(compact) or len(_THAI_LETTER.findall(compact)) > 3:
        return False
    if len(_THAI_DIGIT.findall(compact)) >= 3 and not _MASK.search(compact):
        return False
    return len(_NUMBERISH.findall(compact)) >= 6


def _despecked(core: str) -> str:
    """A masked number of an ID's 13 positions without the one dot between its digits: a speck
    the first pass read as a dot ("****14.1210739"). No amount has masks, no date 13 positions."""
    if core.count(".") == 1 and _SPECK_DOT.search(core) and _MASK.search(core) \
            and len(_POSITION.findall(core)) == 13:
        return core.replace(".", "")
    return core


def _unjunked(core: str) -> str:
    """The cell's words with what the Thai model makes of masks as masks: a run of "#" read as
    letters at a word's start ("FHEHHT84530004", "HHHHHHA8629922"), of "*" read as Thai letters
    among asterisks ("สม#***หห**7226"), "X X X" read "%%.%.%"."""
    return "\n".join(" ".join(_junk_masks(w, stars="*" in line) for w in line.split(" ")) for line in core.split("\n"))


def _junk_masks(word: str, *, stars: bool = False) -> str:
    if stars and _THAI_LETTER.fullmatch(word):
        return "*"  # a lone Thai letter on a line of asterisks: one of them ("ส ม #*** ห ห **7226")
    if word.count("*") >= 2:
        # small letters among a run of asterisks: the Thai model's reading of some ("1861***"eee*")
        word = _LETTERS_AMONG_STARS.sub(lambda m: "*" * len(m.group()), word)
    if _SPREAD_JUNK.fullmatch(word):
        return "%" * len(word)
    if run := _STAR_RUN.match(word):
        return "*" * run.end() + word[run.end() :]
    match = _HASH_RUN.match(word)
    if match is None:
        return word
    rest = word[match.end() :]
    return "#" * match.end() + ("0" + rest[1:] if rest.startswith("O") else rest)  # (a digit read "O")


def masks_line(line: str) -> bool:
    """A line of the first pass that is what it makes of masks: "HAH", "HTH" for "####"; "se",
    "moore ** *", or lone Thai letters beside an asterisk ("ส ม ม ม ห *") for a run of "*"."""
    words = [w.strip(BORDER) for w in line.split()]
    stars = "*" in line
    compact = "".join("*" if STAR_WORDS.fullmatch(w) or (stars and _THAI_LETTER.fullmatch(w)) else w for w in words)
    return bool(_JUNK_LINE.fullmatch(compact)) and any(ch in compact for ch in "H#*")


def dotted_id(core: str) -> str | None:
    """A cell the first pass read as an ID written with dots (some read as commas, its end
    wrapped onto the next line: "6.3118.5469x,xx,\nx"), with its dots; None for any other."""
    match = _DOTTED.fullmatch(re.sub(r"\s", "", core))
    dotted = ".".join(match.groups()) if match else None
    return dotted if dotted != core else None


def miscounted_dots(core: str) -> bool:
    """A cell the first pass read as an ID written with dots, its masks or digits miscounted
    ("X.XXXx1.01380.44.5" for "X.XXX1.01380.44.5"): dotted_id cannot mend it, the page can count."""
    compact = re.sub(r"\s", "", core)
    return bool(_DOTTED_END.search(compact)) and MASKISH.search(compact) is not None \
        and _DOTTED.fullmatch(compact) is None


def redotted(reading: str) -> str:
    """An ID read without its dots (the eng model drops them), written with them again."""
    c = re.sub(r"[-\s]", "", reading)
    return f"{c[0]}.{c[1:5]}.{c[5:10]}.{c[10:12]}.{c[12]}" if len(c) == 13 else reading
