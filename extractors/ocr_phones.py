"""The masked last group of a phone that wraps in a narrow table cell, where OCR made junk of it.

A phone column of a tax roll or an allowance list wraps "06-1260-****" after its second group:
"06-1260" on the row's first line, "-****" alone under it. Tesseract reads the digits well and
the masks as junk ("หห*", "พหม*", "*%**%#", "eee": the Thai model has no glyph for a run of
asterisks), so the phone is four positions short and no detector sees it.

The layout says what is missing. Where the pieces ocr_layout joined (or a single piece) make the
start of a Thai phone written with dashes, all of it but its last groups (_LAYOUTS: a mobile
0X-XXXX-XXXX or 0XX-XXX-XXXX, Bangkok 02-XXX-XXXX, a provincial 0XX-XXX-XXX, +66-8X-XXX-XXXX,
+66-2-XXX-XXXX; a group cut inside only among its masks, "+66-98-5x"), and the cell's next line
under it holds only junk (found as extractors.ocr_groups finds an ID's: alone in its cell, under
the start of the number's last piece, at most about one text line lower, nothing else in the
column between), the junk becomes the missing groups, written as masks. A masked phone written
with spaces whose last group is junk after it on its line ("09 477# เพห" for "09 477# ####")
gets its masks the same way, in place of the junk.

Junk here is what OCR makes of a short run of masks: no digit of either script, as wide as the
missing group (with its dash) give or take a glyph, and either a mask or a misread mask in it
("*", "X", "%", "«", ...), a repeat of one glyph ("หห"), the mark of a run of identical symbols,
or two to four small Latin letters ("eee", "ane": a row of stars, small and high, read by the
eng model); a Thai vowel or tone mark, or a word's punctuation, is text. A digit read there
would be the phone's own last group (digits are never made up); a word, a name or a note under
the number is not junk; a full phone is left as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from detectors.base import MASK_CHARS
from extractors.ocr_boxes import Run, Word, chains
from extractors.ocr_groups import Edit, junk_below, word_core

#: a Thai phone's first group and its groups' sizes, written with dashes
_LAYOUTS = (
    (re.compile("0[689]"), (2, 4, 4)),  # a mobile: 10 digits
    (re.compile("0[689][0-9]"), (3, 3, 4)),
    (re.compile("02"), (2, 3, 4)),  # Bangkok: 9 digits
    (re.compile("0[3-57][0-9]"), (3, 3, 3)),  # a provincial landline: 9 digits
    (re.compile(r"\+66"), (3, 2, 3, 4)),  # a mobile abroad: +66-8X-XXX-XXXX
    (re.compile(r"\+66"), (3, 1, 3, 4)),  # Bangkok abroad: +66-2-XXX-XXXX
)
_GROUP = re.compile("[0-9Xx*#×]+")
_MASK = re.compile(f"[{MASK_CHARS}]")
_MISREAD = re.compile("[Xx*#×%«»<>]")
_DIGIT = re.compile("[0-9๑-๙]")  # a Thai "๐" is the first pass's reading of an "x"
#: not what masks are read as: a Thai vowel or tone mark (a word), punctuation of a word or a size
_TEXT = re.compile("[\u0e30-\u0e3a\u0e40-\u0e4e.,:;()/]")
#: after a masked phone on its line: a vowel above or below, a tone mark, punctuation are a word's
_SPACED_TEXT = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e.,:;()/]")
_LATIN = re.compile("[a-z]{2,4}")  # a row of small stars read by the eng model as a short word
_MAX_JUNK = 8  # characters: a group of four masks and a dash, read glyph by glyph with marks


def complete_phones(runs: list[Run], words: list[Word], lines_words: list[list[Word]], *, height: float,
                    align: float, max_drop: float, cell_gap: float,
                    blocked: Callable[[list[Word], list[Word], list[Word]], bool], word_gap: float) -> list[Edit]:
    """Link the masked last group of each phone among the chains of ``runs`` whose junk end is
    found under it, as a run below the chain (its ``text`` the masks); the junk after a masked
    phone written with spaces on its line is replaced by an edit of the text, returned."""
    edits: list[Edit] = []
    used: set[int] = {id(w) for run in runs if run.above is not None or run.below is not None for w in run.words}
    for chain in chains(runs):
        top = chain[0]
        if len(chain) == 1 and len(top.words) > 1:
            edit = _spaced_end(top, lines_words, word_gap)
            if edit is not None:
                edits.append(edit)
            continue
        if any(len(run.words) != 1 for run in chain):
            continue
        core = "".join(word_core(run.words[0]) for run in chain)
        missing = _missing(core)
        if missing is None:
            continue
        last = chain[-1].words[0]
        width = (last.right - last.left) / max(len(last.text), 1)  # a glyph's width
        glyphs = len(missing)

        def junk(group: list[Word], width: float = width, glyphs: int = glyphs) -> bool:
            text = "".join(word_core(w) for w in group)
            span = group[-1].right - group[0].left
            if not text or len(text) > _MAX_JUNK or _DIGIT.search(text) or _TEXT.search(text) or " " in text:
                return False
            if not (glyphs - 2.5) * width <= span <= (glyphs + 1.5) * width:
                return False
            return (_MISREAD.search(text) is not None or len(set(text)) == 1 < len(text)
                    or _LATIN.fullmatch(text) is not None)

        tail = junk_below(chain[-1], lines_words, words, used, height=height, align=align, max_drop=max_drop,
                          cell_gap=cell_gap, blocked=blocked, junk=junk)
        if tail is None:
            continue
        mask = next((m.group() for m in (_MASK.search("".join(w.text for w in tail)), _MASK.search(core)) if m), "X")
        text = missing.replace("X", mask)
        first, end = tail[0], tail[-1]
        piece = Word(text, first.left, min(w.top for w in tail), end.right, max(w.bottom for w in tail),
                     first.line, first.start, end.end, fragment=True, count=len(_MASK.findall(text)))
        run = Run([piece], chain[-1].line, text=text)
        chain[-1].below, run.above = run, chain[-1]
        used.update(id(w) for w in tail)
    return edits


def _spaced_end(run: Run, lines_words: list[list[Word]], word_gap: float) -> Edit | None:
    """A masked phone written with spaces ("09 477#") whose last group is junk after it on its
    line ("เพห" for "####"), a space apart and ending the cell: the junk, replaced by masks."""
    groups = [word_core(w) for w in run.words]
    missing = _missing("-".join(groups))
    if missing is None or not missing.startswith("-") or not any(_MASK.search(g) for g in groups):
        return None
    line = lines_words[run.words[0].line]
    k = next(i for i, w in enumerate(line) if w is run.words[-1])
    j = k + 1
    while j < len(line) and not line[j - 1].trail and not line[j].lead and line[j].left - line[j - 1].right <= word_gap:
        j += 1
    junk = line[k + 1 : j]
    if not junk:
        return None
    text = "".join(word_core(w) for w in junk)
    last = run.words[-1]
    width = (last.right - last.left) / max(len(last.text), 1)
    glyphs = len(missing) - missing.count("-")
    span = junk[-1].right - junk[0].left
    if not text or len(text) > _MAX_JUNK or _DIGIT.search(text) or _SPACED_TEXT.search(text):
        return None
    if not (glyphs - 1.5) * width <= span <= (glyphs + 1.5) * width:
        return None
    mask = _MASK.search("".join(groups)).group()
    first, end = junk[0], junk[-1]
    return first.line, first.start + first.lead, end.end - end.trail, missing[1:].replace("-", " ").replace("X", mask)


def _missing(core: str) -> str | None:
    """What a phone whose start is ``core`` lacks, its masks written "X", or None: ``core`` is
    the start of exactly one layout, all of its groups but the last present. A group may be cut
    inside (the cell wrapped mid-group) only among the masks: the rest is masks too."""
    groups = core.rstrip("-").split("-")
    if len(groups) < 2 or not all(_GROUP.fullmatch(g) for g in groups[1:]):
        return None
    found: set[str] = set()
    for first, sizes in _LAYOUTS:
        if len(groups) > len(sizes) or not first.fullmatch(groups[0]):
            continue
        *whole, last = groups
        if any(len(g) != n for g, n in zip(whole, sizes)):
            continue
        size = sizes[len(groups) - 1]
        if len(last) > size:
            continue
        if len(last) < size:
            if core.endswith("-") or not _MASK.fullmatch(last[-1]):
                continue
            text = "X" * (size - len(last))
        else:
            text = "" if core.endswith("-") else "-"
        rest = sizes[len(groups):]
        if not rest and len(last) == size:
            continue  # a whole phone
        text += "-".join("X" * n for n in rest) if text in ("", "-") else "".join("-" + "X" * n for n in rest)
        found.add(text)
    return found.pop() if len(found) == 1 else None
