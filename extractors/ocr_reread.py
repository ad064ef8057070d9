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
  read: the whitelist would turn them into made-up Arabic ones), and is left alone. Thai digits
  beside Arabic ones and a mask are the first pass's reading of masks ("%๓9๐๐๐๑๐๐๐8-1" for
  "x-xxxx-xxxx8-1"), boxed apart: such pieces, glued on the page and in the text, are one word
  here, and their re-reading may turn the Thai digits into masks, never into digits. So are
  Thai digits beside Arabic ones with no mask left, in a dashed word or one of eight positions
  or more ("ว๓๒๐๐๐๐๐๐3-" for "x-xxxx-xxxx3-", a lone Thai letter glued before them its first
  mask); a short one ("๒๕9๒") is a number in Thai digits, one of them read as Arabic. A word
  with masks whose dashes were read as dots ("*.***6.009221-7") is a number too, not a date;
- a clean word (digits, masks, dashes) is replaced only when the re-reading finds masks in it
  (the first pass sometimes reads "XXXXXXXXX8" as digits), never digits for digits; or when its
  masks change case ("09365XxX" for "09365XX": one glyph read as two) and the re-reading has the
  same digits and one mask fewer, all of one character;
- the re-reading of a junk word has masks, about as many digit and mask positions as the word
  had, and the first pass's digits (or drops some it took masks for), never others. The eng
  model drops a digit just after a small "x" ("X-XXXX-XXXX-" for "x-xxxx-xxxx7-"): the digits
  the first pass read after its Thai digits then follow the re-read masks, if together they
  make as many positions as the first pass found.

Where the first pass also read a re-read word's masks as Thai digits or junk in words that start
inside that word's own box and are glued after it in the text ("+66857" and "๓" for "+66857xx";
"|4-4708-88036>0" and "๐", "๐", "%:" for "4-4708-88036-XX-X"), the duplicates go with the
re-reading (_swallow).

The masked end of an ID that wraps in its cell, alone on the line below, is read on the same
sheet, glued to its number (extractors.ocr_tails). Runs of asterisks, which neither model reads
well, are counted on the page instead (extractors.ocr_sheet.shapes); so are the masks of an ID's
first piece above the rest of it, whose digits are read on the sheet too (extractors.ocr_heads).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

from detectors.base import MASK_CHARS
from detectors.national_id import CANONICAL
from extractors.ocr_heads import accept_head, find_heads
from extractors.ocr_layout import locate_words
from extractors.ocr_sheet import band_words
from extractors.ocr_sheet import shapes as word_shapes
from extractors.ocr_sheet import sheet as _sheet
from extractors.ocr_sheet import tall_before
from extractors.ocr_tails import accept_tail, find_tails, recount_stars, star_tail

#: Digits and mask characters, and O: the model reads a 0 just before a small "×" as O, and
#: without O to choose it drops the 0. An O there is taken for 0; anywhere else it is the
#: reading of a Thai digit (a round glyph), and the reading is refused.
WHITELIST = "0123456789Xx*#-+Oo"
_ZERO_BEFORE_MASK = re.compile(r"[Oo]+(?=[Xx*#])")


#: (sheet image, its dpi) -> Tesseract's TSV for it; raises on failure.
ReadSheet = Callable[[Any, int], str]

_BORDER = "|()[]{}!/\\"  # a table rule read at a word's ends
_CLEAN = re.compile(r"\+?[0-9Xx*×#](?:-?[0-9Xx*×#])*-?")
_POSITION = re.compile(f"[0-9{MASK_CHARS}]")
_MASK = re.compile(f"[{MASK_CHARS}]")
_DIGIT = re.compile(r"[0-9]")
_MIXED_MASKS = re.compile("Xx|xX")  # a run of masks that changes case
#: the first pass's readings of mask characters, besides the masks themselves
_JUNK = re.compile(r"[0-9Xx*×#%\"'_»<>@๐oO°-]")
_LETTER = re.compile(r"[A-NP-WYZa-np-wyzก-ฮ]")  # not O or o: a 0 is often read so
_THAI_DIGIT = re.compile("[๑-๙]")  # not ๐: the first pass reads a mask's x as ๐
#: Arabic digits and a mask among them: Thai digits there are misread masks (stack notes: the
#: first pass reads "x-xxxx-xxxx8-1" as "%๓9๐๐๐๑๐๐๐8-1"), not a number in Thai digits
_ARABIC_AND_MASK = re.compile(r"(?=.*[0-9]).*[Xx*×#%]")
_THAI_DIGIT_ANY = re.compile("[๐-๙]")
_MIXED_POSITIONS = 8  # Thai and Arabic digits in a word this long, with no mask, are still masks
_ZEROS = re.compile("[0-9๐]+")
_AFTER_MASKS = re.compile("[๐-๙%Xx*×#\"_»]")
_MISREAD_MASK = re.compile("[๐»\"_]")  # the first pass's readings of "x" and "*"
_NOT_A_NUMBER = re.compile(r"[/:,.]")  # dates, times, money, house numbers
#: a masked number whose thin dashes were read as dots ("*.***6.009221-7"): digits and masks
#: between the dots (a date, a time or an amount has no masks; a comma still rules it out)
_DOTTED = re.compile(r"(?=.*[Xx*×#])(?=.*[0-9])[0-9Xx*×#]+(?:[.-][0-9Xx*×#]+)*-?")

_TARGET_HEIGHT = 48  # pixels a digit is scaled to on the sheet
_MIN_POSITIONS = 3
_GLUED = 0.6  # word heights between two boxes of one number's pieces


@dataclass(slots=True)
class _Crop:
    word: Any  # ocr_layout._Word
    core: str  # the word without a table rule at its ends: a re-reading replaces it
    start: int  # where the core is in the word's text line
    others: list[int] = field(default_factory=list)  # TSV rows of a cluster's other words (_clusters)


def reread_numbers(image: Any, text: str, tsv: str, read_sheet: ReadSheet, *, dpi: int) -> tuple[str, str]:
    """``text`` and ``tsv`` with mangled numbers replaced by their re-reading from ``image`` (the
    page as the first pass saw it). Unchanged when nothing looks mangled. Errors of
    ``read_sheet`` propagate: the caller keeps the first pass's text."""
    lines = locate_words(text, tsv)
    if lines is None:
        return text, tsv
    text_lines = text.split("\n")
    numbers, taken = [], set()
    for line in lines:
        for words in _clusters(line.words):
            crop = _number(_merged(words)) if len(words) > 1 else None
            if crop is not None:
                crop.others = [w.row for w in words[1:]]
                numbers.append(crop)
                taken.update(id(w) for w in words)
            else:
                numbers += [c for w in words if (c := _number(w)) is not None]
    tails = find_tails(lines, text_lines, {id(c.word) for c in numbers} | taken)
    # a head may be words of a number re-read (the head's repair wins), not part of them
    heads = [h for h in find_heads(image, lines, text_lines, {id(w) for t in tails for w in t.words})
             if not any(_straddles(c, {w.row for w in h.words}) for c in numbers)]
    if not numbers and not tails and not heads:
        return text, tsv
    heights = sorted(c.word.bottom - c.word.top for c in numbers) or sorted(t.upper.bottom - t.upper.top for t in tails) \
        or sorted(h.lower.bottom - h.lower.top for h in heads)
    scale = min(4.0, max(1.0, _TARGET_HEIGHT / max(1, heights[len(heights) // 2])))
    read_heads = [h for h in heads if h.digits]
    crops = [(c.word, None) for c in numbers] + [(t.upper, t.box) for t in tails] \
        + [tall_before(image, h.box, [(g.left, g.right) for g in h.digits], h.lower) for h in read_heads]
    readings, inks = [], []
    if crops:  # heads of masks alone need no reading
        sheet, bands, inks = _sheet(image, crops, scale)
        readings = _readings(read_sheet(sheet, round(dpi * scale)), bands)
    edits = [(c, new) for c, r in zip(numbers, readings) if (new := _accept(c.core, r))]
    edits = [_swallow(c, new, lines, text_lines, taken) for c, new in edits]
    blank: list[int] = [row for c, _ in edits for row in c.others]
    edits = _recounted(image, lines, text_lines, edits, taken)
    # a tail fits the number above it as it now reads: the re-reading if there is one
    now = {id(c.word): new for c, new in edits}
    for tail, reading, ink in zip(tails, readings[len(numbers):], inks[len(numbers):]):
        upper = now.get(id(tail.upper), _strip(tail.upper.text))
        new = accept_tail(upper, reading, ink.glyphs) or star_tail(upper, ink)
        if new is not None:
            edits.append((_Crop(tail.words[0], tail.core, tail.start), new))
            blank.extend(w.row for w in tail.words[1:])
    # a head's digits are read glued before the piece below it, as that piece now reads
    head_readings = dict(zip(map(id, read_heads), readings[len(numbers) + len(tails):]))
    for head in heads:
        lower = now.get(id(head.lower), _strip(head.lower.text))
        rows = {w.row for w in head.words}
        mine = [(c, new) for c, new in edits if {c.word.row, *c.others} & rows]  # a cluster's word is new
        new = accept_head(head, lower, head_readings.get(id(head)), mine[0][1] if len(mine) == 1 else None)
        if new is not None:  # in place of a re-reading or recount: the head read its digits
            edits = [e for e in edits if not {e[0].word.row, *e[0].others} & rows]
            edits.append((_Crop(head.word, head.core, head.start), new))
            blank.extend(w.row for w in head.words[1:])
    return _apply(text_lines, tsv, edits, blank=blank)


def _swallow(crop: _Crop, new: str, lines: list, text_lines: list[str], taken: set[int]) -> tuple[_Crop, str]:
    """The crop grown over the next words when each starts inside the crop's own box and is junk
    glued after the core in the text: the first pass read the same masks twice, as the end of
    the word ("+66857", its box over the "xx" too; "|4-4708-88036>0" over "-XX-X") and again as
    words of their own ("๓"; "๐", "๐", "%:"). The re-reading holds those masks, so the
    duplicates go (their rows are blanked)."""
    word = crop.word  # a cluster's merged word (_clusters): its last word's row is its others' last
    if len(_MASK.findall(new)) <= len(_MASK.findall(crop.core)):
        return crop, new  # the re-reading found no masks the first pass missed
    last = crop.others[-1] if crop.others else word.row
    line = next((ln for ln in lines if any(w.row == last for w in ln.words)), None)
    if line is None or crop.start + len(crop.core) != word.start + len(word.text):
        return crop, new
    k = next(i for i, w in enumerate(line.words) if w.row == last)
    core, others, end = crop.core, list(crop.others), word.end
    for other in line.words[k + 1 :]:
        inside = word.left <= other.left < word.right
        glued = other.line == word.line and other.start == end
        if not inside or not glued or id(other) in taken or not _DUPLICATE.fullmatch(other.text):
            break
        core, end = core + other.text, other.end
        others.append(other.row)
    if len(others) == len(crop.others):
        return crop, new
    return _Crop(word, core, crop.start, others), new


#: what the first pass makes of masks it read twice: Thai digits and junk
_DUPLICATE = re.compile("[๐-๙%«»:\"'_]+")


def _recounted(image: Any, lines: list, text_lines: list[str], edits: list[tuple[_Crop, str]],
               taken: set[int]) -> list[tuple[_Crop, str]]:
    """The edits, and the asterisks of numbers counted on the page (ocr_tails.recount_stars):
    the eng model reads a run of "*" no better than the first pass, but they are plain to see."""
    done = {id(c.word): (c, new) for c, new in edits}
    for line in lines:
        for word in line.words:
            if id(word) in taken or word.settled:
                continue
            crop, now = done.get(id(word), (None, None))
            if crop is None:
                crop = _number(word) or _Crop(word, _strip(word.text), word.start + len(word.text) - len(word.text.lstrip(_BORDER)))
                now = crop.core
            if "*" not in now and "”" not in now:
                continue
            new = recount_stars(now, word_shapes(image, word))
            if new is not None:
                done[id(word)] = (crop, new)
    return list(done.values())


def _straddles(crop: _Crop, rows: set[int]) -> bool:
    mine = {crop.word.row, *crop.others}
    return bool(mine & rows) and not mine <= rows


def _strip(text: str) -> str:
    return text.strip(_BORDER)


def _number(word: Any) -> _Crop | None:
    if word.settled:
        return None  # a ruled cell's reading (extractors.ocr_cells): its box is the first line's only
    lead = len(word.text) - len(word.text.lstrip(_BORDER))
    core = _strip(word.text)
    return _Crop(word, core, word.start + lead) if _numberlike(core) else None


def _clusters(words: list) -> list[list]:
    """A line's words in runs glued in the text and on the page, each run all digits, masks and
    junk: the first pass boxes the Thai digits it makes of masks apart ("%", "๓", "๓๐", "๐๐",
    ..., "3-1" for "%๓๓๐๐๐๐๐๐๐3-1"), and one number's pieces are read again as one."""
    out: list[list] = []
    for word in words:
        prev = out[-1][-1] if out else None
        lead = prev is not None and len(out[-1]) == 1 and _lead(prev) and _THAI_DIGIT_ANY.search(word.text)
        if prev is not None and (_piece(prev) or lead) and _piece(word) and word.start == prev.end \
                and word.left - prev.right <= _GLUED * max(prev.bottom - prev.top, word.bottom - word.top):
            out[-1].append(word)
        else:
            out.append([word])
    return out


def _lead(word: Any) -> bool:
    """A lone Thai letter: the first pass's reading of a number's first mask ("ว" for "x"), which
    may lead a run of Thai digits glued to it (the run must still be number-like, _numberlike)."""
    core = _strip(word.text)
    return len(core) == 1 and "ก" <= core <= "ฮ"


def _piece(word: Any) -> bool:
    return not _LETTER.search(word.text) and all(_JUNK.match(c) or _THAI_DIGIT.match(c) for c in _strip(word.text))


def _merged(words: list) -> Any:
    """One word for a cluster: its words' text (glued in the line) and their boxes' union."""
    first, last = words[0], words[-1]
    return type(first)("".join(w.text for w in words), min(w.left for w in words), min(w.top for w in words),
                       max(w.right for w in words), max(w.bottom for w in words),
                       line=first.line, start=first.start, end=last.end, row=first.row)


def _numberlike(core: str) -> bool:
    """Mostly digits, masks and the first pass's misreadings of masks, and worth a re-reading."""
    # Thai digits among Arabic ones and masks are misread masks, and so are "»๐" beside digits
    # ("»๐03" for "xx503"): positions
    misread = len(_THAI_DIGIT.findall(core)) + core.count("๐") if _mixed(core) else 0
    if not misread and len(_DIGIT.findall(core)) >= 2:
        misread = len(_MISREAD_MASK.findall(core))
    if len(_POSITION.findall(core)) + core.count("%") + misread < _MIN_POSITIONS:
        return False
    if _NOT_A_NUMBER.search(core) and not _DOTTED.fullmatch(core):
        return False
    if any(c in _BORDER for c in core):  # a rule inside: two cells, or a date's slash
        return False
    if _THAI_DIGIT.search(core) and not _mixed(core):
        return False  # a number in Thai digits: the whitelist would make some up
    # two letters are text, or Thai digits, which the whitelist would turn into made-up digits
    if len(_LETTER.findall(core)) >= 2 or len(_JUNK.findall(core)) < 0.6 * len(core):
        return False
    # a clean word is re-read only when long enough to hide masks read as digits, or all digits
    # as an ID's wrapped end of five masks can be ("XXXXX" read "20000"); a shorter one with
    # masks is read again no better ("xxxx8" as "XxXxx8")
    if not _CLEAN.fullmatch(core):
        return True
    return _DIGIT.search(core) is not None and (len(core) >= 6 or (len(core) == 5 and core.isdigit()))


def _mixed(core: str) -> bool:
    """Thai digits in ``core`` are the first pass's reading of masks: beside Arabic digits and a
    mask, or beside Arabic digits in a word as long as a masked ID's first piece or dashed like
    one ("ว๓๒๐๐๐๐๐๐3-" for "x-xxxx-xxxx3-": its masks all read as Thai digits and a letter).
    Tesseract cannot read Thai digits, but it reads a few of them as Arabic ones: a short number
    ("๒๕9๒", a year) is not a misreading."""
    if _ARABIC_AND_MASK.search(core):
        return True
    if not _DIGIT.search(core) or not _THAI_DIGIT_ANY.search(core):
        return False
    if _ZEROS.fullmatch(core) and core.count("๐") >= 4:
        return True  # "2๐๐๐๐๐" for "XXXXXX": four Thai zeros (the reading of "x") are no Thai year
    return "-" in core or len(_DIGIT.findall(core)) + len(_THAI_DIGIT_ANY.findall(core)) >= _MIXED_POSITIONS


def _readings(tsv: str, bands: list[tuple[int, int]]) -> list[str]:
    """The words of each band of the sheet, left to right."""
    texts = ("".join(word for _, _, word in sorted(words, key=lambda w: w[1:])) for words in band_words(tsv, bands))
    return [_ZERO_BEFORE_MASK.sub(lambda m: "0" * len(m.group()), text) for text in texts]


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
    if "." in core and reading.count("-") < core.count(".") + core.count("-"):
        # the whitelist has no dot: a dot the re-reading did not read as a dash is gone, and with
        # it the number's layout ("3.1008.3X945.51.5", a dotted ID the detectors read as it is)
        return None
    if _CLEAN.fullmatch(core):
        if _id_groups(core) and not _id_groups(reading):
            return None  # the first pass read an ID's dashed groups: a mask more breaks them
        # Digits for digits are the first pass's call. News are only masks it dropped (the same
        # digits, more masks) or read as digits (at least two more masks).
        gained = len(_MASK.findall(reading)) - len(_MASK.findall(core))
        same_digits = _DIGIT.findall(reading) == _DIGIT.findall(core)
        if gained == -1 and same_digits and _MIXED_MASKS.search(core) and len(set(_MASK.findall(reading))) == 1:
            # "XX" read "XxX": a clerk masks with one character, so a run that changes case is
            # the Thai model's reading of one glyph as two; the eng model's one fewer stands
            return reading
        return reading if gained >= 2 or (gained >= 1 and same_digits) else None
    # A junk word is a misread mask: a re-reading without one, or one position short of the first
    # pass's more than once, has lost glyphs (Tesseract drops a small × beside a digit).
    if not _MASK.search(reading) or positions < len(_POSITION.findall(core)) + core.count("%") - 1:
        return None
    # Digits the first pass read are kept, or were misread masks: the re-reading may drop some or
    # add some (where the first pass had junk), not both; that would be a table rule read as a
    # 1, or a different number.
    old, new = _DIGIT.findall(core), _DIGIT.findall(reading)
    if _THAI_DIGIT.search(core):
        # its Thai digits were masks: the re-reading may only drop Arabic digits, never make one,
        # and keeps the digits after the last of them (the number's visible end)
        tail = _AFTER_MASKS.split(core)[-1]
        end = _DIGIT.findall(tail)
        kept = not end or new[-len(end):] == end
        if not kept and _MASK.fullmatch(reading.rstrip("-")[-1:]) and _CLEAN.fullmatch(tail):
            # the eng model drops a digit just after a small "x" ("x-xxxx-xxxx7-" read
            # "X-XXXX-XXXX-"): the masks are its reading, the visible end the first pass's, and
            # together they hold as many positions as the first pass found
            reading = reading.rstrip("-") + tail
            new = _DIGIT.findall(reading)
            kept = len(_POSITION.findall(reading)) == _junk_positions(core)
        return reading if kept and _subsequence(new, old) else None
    if _subsequence(new, old):
        return reading
    # digits added where the first pass had junk, after the digits it read before the junk: not
    # inside them ("771042890%" read "7171042890x": a rule's 1, or a 7 read twice)
    before = _DIGIT.findall(re.split(r"[^0-9\-]", core, maxsplit=1)[0])
    return reading if _subsequence(old, new) and new[: len(before)] == before else None


def _id_groups(word: str) -> bool:
    """Dashed groups that start (or are) the 1-4-5-2-1 layout of an ID ("4-550x-xxxxx")."""
    if "-" not in word.strip("-"):
        return False
    sizes = tuple(len(g) for g in word.strip("-").split("-"))
    return sizes == CANONICAL[: len(sizes)]


def _junk_positions(core: str) -> int:
    """The positions the first pass found in a word of digits and the Thai digits, the letter (a
    number's lead, _lead) and the junk it read for masks."""
    return len(_POSITION.findall(core)) + len(_THAI_DIGIT_ANY.findall(core)) + len(re.findall("[%»\"_ก-ฮ]", core))


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
