"""A number in brackets that wraps inside a table cell of prose (a procurement notice's winner).

"… จำกัด (1 2345 67890" on one line of a cell and "12 3) ราคา …" under it. extractors.ocr_layout
re-joins a wrapped number only where the lower piece starts under the upper one or under the
start of the cell text the upper one ends, and only where the lower line does not start a new
table row. Both tests fail here: the "(" reads to it like a table rule, which ends the cell text
at the number, so the lower piece (at the cell's left edge) lines up with nothing; and the
column to the left holds prose that wraps too, so the lower line has a word in the first column,
as a new row of a list has.

A bracket opened before the upper piece and closed after the lower one says the two are one
item, which is what those tests stand in for. Such a pair is joined when the lower piece starts
under the number or under the cell text before the "(", the upper piece ends its cell's line,
and the two whole pieces (nothing cut off either) hold at most an identifier's 13 digits and
mask characters: two rows' numbers, or a number and the next cell's, are never glued this way.

The cell text before the "(" is found by walking back over words a narrow gap apart, as ocr_layout
does; but a space before a bracket can be wider than one between Thai letters' boxes
("ธนาพัฒนา (0 3736" / "42890 74 9) ราคา"). Where the two pieces make a whole national ID (13
digits with a valid check digit, or 13 positions with at least four masks) the walk also steps
over a word space: a random pair of numbers passes the checksum one time in ten, and still has to
be bracketed and line up.
"""

from __future__ import annotations

import re

from detectors.base import MASK_CHARS
from detectors.national_id import is_valid


def bracketed(upper, lower, *, height: float, align: float, cell_gap: float, word_gap: float,  # noqa: ANN001
              max_count: int) -> bool:
    """``upper`` and ``lower`` (ocr_layout runs) are the two lines of one bracketed number."""
    if upper.above is not None or not upper.ends_cell or upper.count + lower.count > max_count:
        return False
    first, last = upper.words[0], lower.words[-1]
    if not _opens(first) or not _closes(last):
        return False
    if any(_closes(w) for w in upper.words) or any(_opens(w) for w in lower.words):
        return False  # a bracket closed on its own line, or another one opened: not one item
    edges = first.edges + _cell_start(upper, cell_gap).edges
    if whole_id(upper.words + lower.words):
        edges += _cell_start(upper, word_gap).edges
    return min(abs(a - b) for a in lower.words[0].edges for b in edges) <= align * height


_POSITION = re.compile(f"[0-9{MASK_CHARS}]")
_MASK = re.compile(f"[{MASK_CHARS}]")


def whole_id(words) -> bool:  # noqa: ANN001
    """The words' digits and mask characters (a table rule at their ends left out) are a whole
    national ID: 13 digits with a valid check digit, or 13 positions with at least four masks."""
    chars = "".join(_POSITION.findall("".join(w.text[w.lead : len(w.text) - w.trail] for w in words)))
    if len(chars) != 13:
        return False
    masks = len(_MASK.findall(chars))
    if masks:
        return masks >= 4
    return is_valid(chars)


def _opens(word) -> bool:  # noqa: ANN001
    return "(" in word.text[: word.lead]


def _closes(word) -> bool:  # noqa: ANN001
    return word.trail > 0 and ")" in word.text[-word.trail :]


def _cell_start(run, gap: float):  # noqa: ANN001, ANN202
    """The first word of the cell text before the run. ocr_layout reads a bracket at a word's end
    as a table rule, which stops its own walk back at the number; here only a rule stops it, so
    "จำกัด (มหาชน) (1" walks back to "จำกัด"."""
    words = run.line.words
    k = next(i for i, w in enumerate(words) if w is run.words[0])
    while k > 0:
        left, right = words[k - 1], words[k]
        if _RULES.intersection(left.text[len(left.text) - left.trail :] + right.text[: right.lead]):
            break
        if right.left - left.right > gap:
            break
        k -= 1
    return words[k]


_RULES = frozenset("|[]{}!/\\")  # what ocr_layout takes for a table rule, but the brackets
