"""An ID spread a digit apart ("1 9 5 1 5 5 6 9 5 1 7 5 2", as a PDF table shows it) that OCR
read with some of its spaces lost ("1 5 1 2 0 8 5 2 9 6 762", "8 1 0 1 5 27329 768").

Tesseract closes a wide letter space here and there, so a spread ID comes out as digit groups of
no layout the detectors know, and is missed, unmasked as it is. The group sizes carry no meaning
once OCR has chosen them; the digits do. Where one run of words in one cell (ocr_layout: a
space apart at most) holds exactly 13 Arabic digits in at least three groups, at least half
of them lone digits (the trace of the spread), and the 13 make a person's ID whose check digit holds
(first digit 1-8), the run is written back spread, as the page shows it; so is a masked one
("****6 82 6 6 1 7 3 8"), whose masks must be one run of four or more at its head or tail. A
run whose digits are no valid ID (a row of small numbers, a date and an amount) is left as
OCR read it.
"""

from __future__ import annotations

import re

from detectors.base import MASK_CHARS
from detectors.national_id import LAYOUTS, is_valid
from extractors.ocr_boxes import Run, chains
from extractors.ocr_groups import Edit

_MIN_GROUPS = 3
_POSITIONS = re.compile(f"[0-9{MASK_CHARS}]+")
#: masked as clerks mask: a run of at least four masks at the head or the tail, digits between
_MASKED = re.compile(f"[{MASK_CHARS}]{{4,}}[0-9]+|[0-9]+[{MASK_CHARS}]{{4,}}")


def _person(positions: str) -> bool:
    """A person's ID: unmasked, its check digit holds (first digit 1-8); masked by the X4 rule,
    one run of masks at its head or tail, the rest digits (nothing else vouches for it)."""
    if positions.isdigit():
        return positions[0] not in "09" and is_valid(positions)
    return _MASKED.fullmatch(positions) is not None and positions[0] not in "09"


def respace_spread(runs: list[Run], lines: list[str]) -> list[Edit]:
    """Each spread ID OCR read with lost spaces written back a digit apart: the edit of its first
    piece's line, returned; the pieces it wrapped into below (ocr_layout's chain, joined by a
    space) take their spread digits as their ``text``."""
    edits: list[Edit] = []
    for chain in chains(runs):
        words = [w for run in chain for w in run.words]
        groups = [w.text[w.lead : len(w.text) - w.trail] for w in words]
        digits = "".join(groups)
        if len(words) < _MIN_GROUPS or len(digits) != 13 or any(r.text is not None for r in chain):
            continue
        if _POSITIONS.fullmatch(digits) is None:
            continue
        lone = sum(len(g) == 1 for g in groups)
        if 2 * lone < len(groups) or lone == len(groups):
            continue  # mostly groups: not spread; all lone: already as the detectors read it
        if tuple(map(len, groups)) in LAYOUTS:
            continue  # an ID written in groups ("x xxxx xxxx1 10 9"), lone digits and all
        if not _person(digits):
            continue
        top = chain[0]
        first, last = top.words[0], top.words[-1]
        start, end = first.start + first.lead, last.end - last.trail
        if lines[first.line][start:end].replace(" ", "") != digits[: top.count]:
            continue  # the words are not where the boxes say: leave the line as it is
        if len(chain) > 1 and all(len(r.words) == 1 for r in chain):
            continue  # pieces of one word each are joined by a line break: a wrap, not spread
        edits.append((first.line, start, end, " ".join(digits[: top.count])))
        at = top.count
        for run in chain[1:]:
            run.text = " ".join(digits[at : at + run.count])
            at += run.count
    return edits
