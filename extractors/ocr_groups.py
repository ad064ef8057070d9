"""The masked end of an ID written 1-4-5-2-1 with dashes, where OCR made junk of its masks.

The Thai model reads a lone mask character as "%" or "«", and the masks at one end of a masked
ID in a narrow table cell often stand apart from the rest: before it on its line ("X-" read as
"%" in "% XXX7-469" / "10-41-5"), or alone on the cell's last line ("-X" read as "-%" under
"2-7508-8009X-XX", "xx-x" as "%«๐%" under "6-960x-xxxxx-"). The second reading (extractors.
ocr_reread) sees too few positions in such a piece to read it again, and the number stays one or
three positions short of an ID.

The layout says what is missing. Where the pieces ocr_layout joined (or a single piece) make a
dashed number with masks whose groups are exactly the 1-4-5-2-1 layout less its first group, or
less its last one or two, and the missing end is a piece of junk (only what OCR makes of mask
characters and dashes, at least one "%", "«", "»", "<" or ">" among them, no Arabic digit; a Thai
"๐" is the first pass's reading of an "x") in the place that end would take, the junk is
replaced by the missing groups, written with the number's own mask character:

- the first group: the junk starts the number's cell, right before it (as close as the words of
  one cell are: ocr_layout's cell gap);
- the last groups: the junk is alone in its cell on a lower line, under the start of the
  number's last piece (as ocr_layout lines wrapped pieces up), at most about one text line
  lower, with nothing else in the column between; it becomes the number's last piece.

Only the ID layout is completed, so no other number (a phone, an account, a date) is made longer;
and junk has no digits to lose.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from detectors.base import MASK_CHARS
from detectors.national_id import CANONICAL
from extractors.ocr_boxes import Run, Word, chains, same_cell

_LAYOUT = CANONICAL
_DASHED = re.compile(r"[0-9Xx*×#]+(?:-[0-9Xx*×#]+)*-?")
_MASK = re.compile(f"[{MASK_CHARS}]")
#: what the first pass makes of mask characters and dashes (extractors.ocr_reread)
_JUNK = re.compile("[%«»<>\"'_๐°@Xx*×#oO\\-–]+")
_MISREAD = re.compile("[%«»<>]")

#: (line index, start, end, replacement) in the page's text lines
Edit = tuple[int, int, int, str]


def complete_ends(runs: list[Run], words: list[Word], lines_words: list[list[Word]], *, height: float,
                  align: float, max_drop: float, cell_gap: float,
                  blocked: Callable[[list[Word], list[Word], list[Word]], bool]) -> list[Edit]:
    """Complete the masked IDs among the chains of ``runs`` (linked by ocr_layout) whose junk end
    is found: a missing last end becomes a run linked below the chain (its ``text`` the masks),
    a missing first group an edit of the text, returned."""
    edits: list[Edit] = []
    used: set[int] = {id(w) for run in runs if run.above is not None or run.below is not None for w in run.words}
    for chain in chains(runs):
        top = chain[0]
        if any(len(run.words) != 1 for run in chain):
            continue  # written with spaces: not this layout
        core = "".join(word_core(run.words[0]) for run in chain)
        if _DASHED.fullmatch(core) is None or not (mask := _MASK.search(core)):
            continue
        sizes = tuple(len(g) for g in core.rstrip("-").split("-"))
        if sizes == _LAYOUT[1:]:
            edit = _head(top, lines_words, cell_gap, mask.group())
            if edit is not None:
                edits.append(edit)
        elif sizes in (_LAYOUT[:3], _LAYOUT[:4]):
            missing = _LAYOUT[len(sizes):]
            text = ("" if core.endswith("-") else "-") + "-".join(mask.group() * n for n in missing)
            tail = junk_below(chain[-1], lines_words, words, used, height=height, align=align, max_drop=max_drop,
                              cell_gap=cell_gap, blocked=blocked)
            if tail is not None:
                first, last = tail[0], tail[-1]
                piece = Word(text, first.left, min(w.top for w in tail), last.right, max(w.bottom for w in tail),
                             first.line, first.start, last.end, fragment=True, count=sum(missing))
                run = Run([piece], chain[-1].line, text=text)
                chain[-1].below, run.above = run, chain[-1]
                used.update(id(w) for w in tail)
    return edits


def word_core(word: Word) -> str:
    return word.text[word.lead : len(word.text) - word.trail]


def _junk(words: list[Word]) -> bool:
    cores = [word_core(w) for w in words]
    return all(_JUNK.fullmatch(c) for c in cores) and any(_MISREAD.search(c) for c in cores)


def _head(top: Run, lines_words: list[list[Word]], cell_gap: float, mask: str) -> Edit | None:
    """The junk that starts the number's cell just before it, replaced by the first group."""
    first = top.words[0]
    if first.lead:
        return None  # a table rule before the number: it starts its cell
    words = lines_words[first.line]
    k = next(i for i, w in enumerate(words) if w is first)
    j = k
    while j > 0 and same_cell(words[j - 1], words[j], cell_gap) and _junk([words[j - 1]]):
        j -= 1
    if j == k or not _junk(words[j:k]):
        return None
    if j > 0 and same_cell(words[j - 1], words[j], cell_gap):
        return None  # other text of the cell before the junk: not the number's start
    junk = words[j]
    return first.line, junk.start + junk.lead, first.start, f"{mask}-"


def junk_below(bottom: Run, lines_words: list[list[Word]], words: list[Word], used: set[int], *, height: float,
               align: float, max_drop: float, cell_gap: float,
               blocked: Callable[[list[Word], list[Word], list[Word]], bool],
               junk: Callable[[list[Word]], bool] = _junk) -> list[Word] | None:
    """The junk alone in its cell under the start of the number's last piece, or None
    (``junk``: what counts as junk; extractors.ocr_phones has its own)."""
    if not bottom.ends_cell:
        return None
    edges = bottom.words[0].edges + (bottom.cell.edges if bottom.cell is not None else ())
    best: list[Word] | None = None
    for line in lines_words:
        for i, word in enumerate(line):
            if id(word) in used or not 0.5 * height < word.top - bottom.top <= max_drop * height:
                continue
            if i > 0 and same_cell(line[i - 1], word, cell_gap):
                continue  # not the start of its cell
            if min(abs(a - b) for a in word.edges for b in edges) > align * height:
                continue
            j = i + 1
            while j < len(line) and same_cell(line[j - 1], line[j], cell_gap):
                j += 1
            group = line[i:j]
            if not junk(group) or any(id(w) in used for w in group):
                continue
            if best is None or word.top < best[0].top:
                best = group
    if best is None or blocked(bottom.words, best, words):
        return None
    return best
