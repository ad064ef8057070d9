"""Where a page's ruled table cells are, and what of the first pass's words lies in each.

The rules are the ink on straight runs longer than any glyph (a morphological opening, in numpy);
the cell around a word is bounded by the rules nearest it on its four sides, a rule above or
below counting only where it reaches both side rules (the bars of "####" are as long as a rule).
A cell's crop, for reading it again, has its rules and their grey edges whitened: those that
run out of the cell, not the bars of "####" (with a "4"'s beside them, as long as a rule). Used by
extractors.ocr_cells, which reads the cells of numbers again and judges the readings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from extractors.ocr_boxes import BORDER, Word
from extractors.ocr_sheet import true_runs

_DARK = 150  # grey level under which a pixel is ink
_RULE_INCHES = 0.2  # a rule is a straight run of ink this long (40 px at 200 dpi); glyphs are shorter
_EDGE = 2  # pixels of grey at a rule's edges, under the dark threshold
_SKEW = 4  # rows a rule may climb or drop across a narrow cell on a crooked scan
_SLACK = 6  # pixels a word's box may stick out of its cell (blur, a rule read into the word)

Box = tuple[int, int, int, int]


@dataclass(slots=True)
class Cell:
    box: Box
    words: list[Word] = field(default_factory=list)
    #: id(word) -> what of a word read across the cell's rule lies outside it, before and after
    cuts: dict[int, tuple[str, str]] = field(default_factory=dict)

    def inner(self, word: Word) -> str:
        """The word's text inside the cell (all of it but for a word read across a rule)."""
        before, after = self.cuts.get(id(word), ("", ""))
        return word.text[len(before) : len(word.text) - len(after)]

    @property
    def core(self) -> str:
        """The first pass's words, without table rules at their ends: spaced within a line, a
        line break between the cell's lines."""
        out = ""
        for k, word in enumerate(self.words):
            if k:
                out += "\n" if word.line != self.words[k - 1].line else " "
            out += self.inner(word).strip(BORDER)
        return out


def opened(ink: Any, length: int, *, axis: int) -> Any:
    """The ink that lies on a straight run of at least ``length`` pixels along ``axis`` (a
    morphological opening with a line): table rules, not glyphs. A rule a little crooked (a
    scan's skew) still has runs that long between its steps."""
    import numpy as np

    m = ink if axis == 0 else ink.T
    n = m.shape[0]
    if n < length:
        return np.zeros_like(ink)
    sums = np.zeros((n + 1, m.shape[1]), np.int32)
    np.cumsum(m, axis=0, out=sums[1:])
    full = (sums[length:] - sums[:-length]) == length  # the run of `length` starting here is all ink
    starts = np.zeros((full.shape[0] + 1, m.shape[1]), np.int32)
    np.cumsum(full, axis=0, out=starts[1:])
    rows = np.arange(n)
    hi = np.minimum(rows, full.shape[0] - 1) + 1
    lo = np.maximum(rows - length + 1, 0)
    out = (starts[hi] - starts[lo]) > 0  # some full run covers this pixel
    return out if axis == 0 else out.T


def find_cells(words: list[Word], across: Any, down: Any, *, starts: Callable[[str], bool]) -> list[Cell]:
    """The ruled cells around the words ``starts`` takes, each with every word that lies in it; a
    cell whose words spill over its rules (a word read across two cells, but for one cut at the
    "|" it made of the rule), or that shares a word with another, is left out."""
    cells: list[Cell] = []
    for word in words:
        if not starts(word.text) or any(_inside(word, c.box) for c in cells):
            continue
        box = enclosing(word, across, down)
        if box is not None:
            cells.append(Cell(box))
    out, taken = [], set()
    for cell in cells:
        cell.words = sorted((w for w in words if _inside(w, cell.box)), key=lambda w: (w.line, w.start))
        cuts = [cut(w, cell.box) for w in cell.words]
        spills = None in cuts
        cell.cuts = {id(w): cut for w, cut in zip(cell.words, cuts) if cut and cut != ("", "")}
        shared = any(id(w) in taken for w in cell.words)  # two boxes found for one cell: neither
        taken.update(id(w) for w in cell.words)
        if cell.words and not spills and not shared:
            out.append(cell)
    return out


def _across(word: Word) -> tuple[float, float]:
    """The word's left and right without a table rule read at its ends ("|86727"): its box
    reaches over the rule, which is the cell's own."""
    text = word.text
    step = (word.right - word.left) / max(1, len(text))
    lead, trail = len(text) - len(text.lstrip(BORDER)), len(text) - len(text.rstrip(BORDER))
    return word.left + lead * step, word.right - trail * step


def cut(word: Word, box: Box) -> tuple[str, str] | None:
    """What of the word lies outside the cell before and after it ("", "" for none), or None when
    it spills over the cell: a word read across a side rule ("1|>๓" over a rule into the next
    cell) is cut at the "|" it made of that rule."""
    left, top, right, bottom = box
    if word.top < top - _SLACK or word.bottom > bottom + _SLACK:
        return None
    a, b = _across(word)
    text = word.text
    step = (word.right - word.left) / max(1, len(text))
    at = [i for i, ch in enumerate(text) if ch == "|"]
    before = after = ""
    if a < left - _SLACK:
        near = [i for i in at if abs(word.left + (i + 0.5) * step - left) <= step + _SLACK]
        if not near:
            return None
        before = text[: near[-1] + 1]
    if b > right + _SLACK:
        near = [i for i in at if abs(word.left + (i + 0.5) * step - right) <= step + _SLACK and i >= len(before)]
        if not near:
            return None
        after = text[near[0] :]
    return before, after


def _inside(word: Word, box: Box) -> bool:
    middle_x, middle_y = (word.left + word.right) / 2, (word.top + word.bottom) / 2
    return box[0] < middle_x < box[2] and box[1] < middle_y < box[3]


def enclosing(word: Word, across: Any, down: Any) -> Box | None:
    """The rules nearest the word on its four sides, or None when it is not in a ruled cell (or
    the cell is too big to be a table's: a page's frame). A rule above or below must reach both
    side rules: the bars of a run of "#" are as long as a rule, but stand inside the cell."""
    import numpy as np

    height, width = across.shape
    x, y = (word.left + word.right) // 2, (word.top + word.bottom) // 2
    if not (0 <= x < width and 0 <= y < height):
        return None
    lefts, rights = np.flatnonzero(down[y, :x]), np.flatnonzero(down[y, x:])
    if not (len(lefts) and len(rights)):
        return None
    left, right = int(lefts[-1]) + 1, x + int(rights[0])
    top = next((r for r in reversed(np.flatnonzero(across[: max(0, word.top), x]))
                if _spans(across, int(r), left, right)), None)
    bottom = next((r for r in np.flatnonzero(across[word.bottom :, x]) + word.bottom
                   if _spans(across, int(r), left, right)), None)
    if top is None or bottom is None:
        return None
    box = (left, int(top) + 1, right, int(bottom))
    line = max(1, word.bottom - word.top)
    if box[2] - box[0] > width * 0.6 or box[3] - box[1] > 12 * line:
        return None
    return box


def _spans(across: Any, row: int, left: int, right: int) -> bool:
    """A rule on ``row`` runs from the left rule to the right one (a few rows of skew allowed)."""
    near = across[max(0, row - _SKEW) : row + _SKEW + 1]
    return bool(near[:, min(left + _SLACK, right - 1)].any() and near[:, max(right - _SLACK, left)].any())


def piece(image: Any, box: Box, across: Any, down: Any) -> Any:
    """The cell's crop with the rules whitened, and the grey of their edges: read as "|", "-" or
    even "7" (a rule's sliver on a crooked scan) they would join the number. Only rules that run
    out of the cell: the bars of "####", with a "4"'s beside them, are as long as a rule."""
    import numpy as np
    from PIL import Image

    left, top, right, bottom = box
    lo_x, lo_y = max(0, left - _EDGE), max(0, top - _EDGE)
    window = np.s_[lo_y : bottom + _EDGE + 1, lo_x : right + _EDGE + 1]
    near = _crossing(across[window]) | down[window]
    grown = near.copy()
    for shift in range(1, _EDGE + 1):  # the rules' mask grown by _EDGE pixels each way
        grown[shift:] |= near[:-shift]
        grown[:-shift] |= near[shift:]
        grown[:, shift:] |= near[:, :-shift]
        grown[:, :-shift] |= near[:, shift:]
    grey = np.array(image.crop(box).convert("L"))
    grey[grown[top - lo_y : bottom - lo_y, left - lo_x : right - lo_x]] = 255
    return Image.fromarray(grey)


def _crossing(mask: Any) -> Any:
    """The horizontal rules of ``mask`` joined to one that reaches its left or right side: the
    runs of each row, those touching a run in the next row (a crooked rule climbs in steps)
    joined, the groups that reach a side kept."""
    import numpy as np

    runs: list[tuple[int, int, int]] = []
    for row in np.flatnonzero(mask.any(axis=1)).tolist():
        runs += [(row, a, b) for a, b in true_runs(mask[row])]
    group = list(range(len(runs)))

    def root(i: int) -> int:
        while group[i] != i:
            group[i] = i = group[group[i]]
        return i

    for i, (row, a, b) in enumerate(runs):
        for j in range(i + 1, len(runs)):
            other, c, d = runs[j]
            if other > row + 1:
                break
            if other == row + 1 and c <= b and a <= d:  # overlapping, or touching at a corner
                group[root(j)] = root(i)
    width = mask.shape[1]
    sides = {root(i) for i, (_, a, b) in enumerate(runs) if a == 0 or b == width}
    out = np.zeros_like(mask)
    for i, (row, a, b) in enumerate(runs):
        if root(i) in sides:
            out[row, a:b] = True
    return out


def rules(image: Any, dpi: int) -> tuple[Any, Any]:
    """The page's horizontal and vertical rules, as boolean masks of its size."""
    import numpy as np

    ink = np.asarray(image.convert("L")) < _DARK
    length = max(12, round(dpi * _RULE_INCHES))
    return opened(ink, length, axis=1), opened(ink, length, axis=0)
