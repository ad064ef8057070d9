"""Re-join numbers that wrap inside a narrow table cell of a scanned page.

A 13-digit ID in a narrow column wraps inside its cell ("362052535" on the row's first line,
"2481" under it). Tesseract reads the page line by line across all columns, so the two halves
land on different text lines with other cells in between and no detector can see the ID.

Tesseract is run once with both its plain-text and its TSV (word boxes) output; the boxes locate
each word of the text (extractors.ocr_boxes). A *fragment* is a word of digits, mask characters
(X x * × #), dashes or dots, ignoring a table rule read as ``|``, ``(`` or ``1|`` at its ends; a
*run* is a line's fragments a space apart (a number written "1 2345 67890 12 1"). A run is moved
up to directly after the run above it when:

- its left edge lines up (within about a digit's width) with the upper run's, or with the start
  of the cell text the upper run ends ("บัตรประชาชนเลขที่3661069606" / "234"): cells are
  left-aligned; and nothing more of that cell follows the upper run on its line;
- it is at most about one text line lower (a garbage line of stray Thai marks may come between)
  and no other word lies between them in that column;
- its line is a continuation line of the table row: nothing in the table's first column (the
  row number of a list), so two rows are never glued;
- the chain holds at most 13 digits and mask characters (an identifier's length), so two rows'
  full numbers, or two phones in one cell, stay apart; where a run reaches into the next
  column's number the two are cut where the number stops fitting. Thai digits beside Arabic ones
  (a misreading: Tesseract cannot read Thai digits) are never joined;
- and, when rewriting, at least 9 (a landline): shorter wrapped numbers (an age, a house
  number) are left as Tesseract read them.

A laser code (two capital letters and 10 digits, "KJ4-78303XX-XX", the back of the ID card)
wraps in its cell too ("KJ4-78303XX-" / "XX"). A word that starts with exactly two capital
letters and goes on with digits, masks and dashes is its *head*: a fragment whose letters are not
counted, which only ever starts a chain (never its lower piece: a number above is never glued to
letters), is never cut, and is joined only when the chain then holds exactly the laser code's 10
positions in its groups (1-7-2, 1-9, or 10 not starting with 0: ten digits glued to letters and
starting with 0 read as a phone). A head written with spaces takes the next words of its line
only as its 7 and 2 ("IAx xxxxx81 94"), so a number after letters in the same cell keeps its run.

The pieces are joined by a line break, which the detectors read as a wrap inside a number
("362052535\\n2481", "1-2345-\\n67890-12-1"); a number written with spaces wrapped at a space and
is joined by one. Chains (a cell wrapped onto three lines) are followed; a bracketed number in
prose by its brackets (extractors.ocr_brackets); a masked ID written 1-4-5-2-1 with dashes whose
first or last groups OCR made junk of gets them back where the layout says they are missing
(extractors.ocr_groups); so does a phone whose masked last group OCR made junk of
(extractors.ocr_phones); a number written with spaces takes along the masks misread as "%"
after its last piece ("69 %"); an ID spread a digit apart whose spaces OCR partly lost is
spread again (extractors.ocr_spread). A word starting with "+" (+66) starts a number, never continues one.
If the TSV cannot be read or does not match the text, the text is
returned unchanged.
"""

from __future__ import annotations

import bisect
import re
from functools import partial
from statistics import median

from extractors.ocr_boxes import BORDER as _BORDER
from extractors.ocr_boxes import Line as _Line
from extractors.ocr_boxes import Run as _Run
from extractors.ocr_boxes import Word as _Word
from extractors.ocr_boxes import chains
from extractors.ocr_boxes import classify as _classify
from extractors.ocr_boxes import locate as _locate
from extractors.ocr_boxes import locate_words, split_output
from extractors.ocr_boxes import parse_tsv as _parse_tsv
from extractors.ocr_boxes import same_cell as _same_cell
from extractors.ocr_boxes import split_at_rules as _split_at_rules
from extractors.ocr_brackets import bracketed
from extractors.ocr_groups import Edit, complete_ends
from extractors.ocr_phones import complete_phones
from extractors.ocr_spread import respace_spread

__all__ = ["MAX_JOINED", "MIN_JOINED", "locate_words", "rejoin_wrapped_numbers", "split_output"]


_ROW_NUMBER_END = ("|", ".", ")")  # after a 1-2 digit line: what makes it read as a row number

MAX_JOINED = 13  # digits and mask characters in a joined number: a national ID's length
MIN_JOINED = 9  # ... and at least a landline's: shorter ones (an age, a house number) are left
LASER = 10  # positions of a laser code after its two letters: a laser code's chain holds exactly these
_LASER_GROUPS = {(10,), (1, 7, 2), (1, 9)}  # ... in these groups (detectors.laser_code's layouts)
_LASER_SPACED = (1, 7, 2)  # the words of a laser code written with spaces ("IAx xxxxx81 94")
_GROUP_SEP = re.compile("[-– ]+")
_ALIGN = 0.75  # left edges within this many digit heights (about a digit's width)
_MAX_DROP = 3.2  # the lower run's top at most this many digit heights below the upper one's
_GAP = 1.3  # words of one run (a spaced ID) are at most this many digit heights apart
_CELL_GAP = 0.8  # other words of one cell (a space between Thai words) at most this far
_ROW_TOL = 1.0  # a line whose first word starts within this of the first column starts a row
_ROW_WINDOW = 8.0  # the first column: the leftmost line start within this many digit heights


def rejoin_wrapped_numbers(text: str, tsv: str) -> str:
    """``text`` (Tesseract's plain text) with numbers wrapped inside table cells re-joined;
    unchanged when the TSV does not describe the text."""
    lines = text.split("\n")
    tsv_lines = _parse_tsv(tsv)
    if tsv_lines is None or not _locate(tsv_lines, lines):
        return text
    for tline in tsv_lines:
        tline.words = [part for word in tline.words for part in _split_at_rules(word)]
        for word in tline.words:
            _classify(word)
    height = _digit_height([w for tline in tsv_lines for w in tline.words if w.fragment and not w.head])
    if height is None:
        return text
    runs = _runs(tsv_lines, height)
    # other numbers are linked first, as if there were no laser codes; a laser code's head then
    # takes only pieces that are left, so it never changes how another number is joined
    first = _link([run for run in runs if not run.words[0].head], tsv_lines, height)
    free = [run for run in first if run.above is None]  # alone, or the top of a chain
    second = _link([run for run in runs if run.words[0].head] + free, tsv_lines, height, laser_only=True)
    taken = {id(run) for run in second}
    runs = [run for run in first if id(run) not in taken] + second
    lines_words: list[list[_Word]] = [[] for _ in lines]
    for tline in tsv_lines:
        for word in tline.words:
            lines_words[word.line].append(word)
    edits = complete_ends(runs, [w for ws in lines_words for w in ws], lines_words, height=height, align=_ALIGN,
                          max_drop=_MAX_DROP, cell_gap=_CELL_GAP * height, blocked=_blocked)
    edits += complete_phones(runs, [w for ws in lines_words for w in ws], lines_words, height=height, align=_ALIGN,
                             max_drop=_MAX_DROP, cell_gap=_CELL_GAP * height, blocked=_blocked, word_gap=_GAP * height)
    edits += respace_spread(runs, lines)
    if not edits and not any(run.below is not None for run in runs):
        return text
    _take_lone_masks(runs, _CELL_GAP * height)
    return _rewrite(lines, runs, edits)


#: what the Thai model makes of a lone mask character
_LONE_MASK = re.compile("[%«»]+")


def _take_lone_masks(runs: list[_Run], cell_gap: float) -> None:
    """The last piece of a wrapped number written with spaces takes the misread masks that
    follow it in its cell ("69 %" under "3 1711" / "70643", for "69 X"): they are the number's
    masked end, and left behind they would stay on a line of their own, the ID one position
    short; repair_masks then reads the "%" as the mask it is."""
    for chain in chains(runs):
        bottom = chain[-1]
        if len(chain) == 1 or _separator(chain) != " " or bottom.ends_cell or bottom.text is not None:
            continue
        words = bottom.line.words
        i = words.index(bottom.words[-1]) + 1
        taken = []
        while i < len(words) and _same_cell(words[i - 1], words[i], cell_gap) and _LONE_MASK.fullmatch(words[i].text):
            taken.append(words[i])
            i += 1
        if taken:
            bottom.words = bottom.words + taken
            bottom.ends_cell = i == len(words) or not _same_cell(words[i - 1], words[i], cell_gap)


def _digit_height(fragments: list[_Word]) -> float | None:
    """The page's digit height, which every distance here is measured in: the median box of its
    numbers of three positions or more, in Arabic digits where there are any. A page of Thai
    digits has many one-glyph words of them, boxed lower, and a stray mark read as "1" is
    smaller still: either would shrink every distance (a wrapped ID's lower piece would be too
    far below to join)."""
    numbers = [w for w in fragments if w.count >= 3]
    for pool in ([w for w in numbers if "arabic" in w.scripts], numbers, fragments):
        if pool:
            return median(w.bottom - w.top for w in pool)
    return None


def _runs(tsv_lines: list[_Line], height: float) -> list[_Run]:
    """Each line's runs of fragments, with the start of the cell text each run ends."""
    gap, cell_gap = _GAP * height, _CELL_GAP * height
    runs: list[_Run] = []
    for tline in tsv_lines:
        words = tline.words
        i = 0
        while i < len(words):
            if not words[i].fragment:
                i += 1
                continue
            j = i + 1
            while (j < len(words) and words[j].fragment and not words[j].head and not words[j].plus
                   and _same_cell(words[j - 1], words[j], gap)):
                # a laser code's head takes the next words of a laser code written with spaces only
                if words[i].head and [w.count for w in words[i : j + 1]] != list(_LASER_SPACED[: j + 1 - i]):
                    break
                j += 1
            # the cell text before the run, when a number is glued to a label ("เลขที่3661069606")
            k = i
            while k > 0 and _same_cell(words[k - 1], words[k], cell_gap) and words[k - 1].text.strip(_BORDER):
                k -= 1
            ends_cell = j == len(words) or not _same_cell(words[j - 1], words[j], cell_gap)
            runs.append(_Run(words[i:j], tline, cell=words[k], ends_cell=ends_cell))
            i = j
    return runs



# --- linking the pieces -----------------------------------------------------------------------


def _link(runs: list[_Run], tsv_lines: list[_Line], height: float, *, laser_only: bool = False) -> list[_Run]:
    """Find each run's continuation below, top to bottom; returns the runs (with any cut off).
    ``laser_only``: only the chains that start with a laser code's head.

    A run can reach into the next column's number (a column gap can be as narrow as a space):
    the two are cut where the joined number stops fitting (see _fit), the rest a run of its own.
    """
    words = [w for tline in tsv_lines for w in tline.words]
    starts = [(first.top, first.left) for tline in tsv_lines if (first := tline.first) is not None]
    order = sorted(runs, key=_position)
    paired = partial(bracketed, height=height, align=_ALIGN, cell_gap=_CELL_GAP * height,
                     word_gap=_GAP * height, max_count=MAX_JOINED)
    k = 0
    while k < len(order):
        upper = order[k]
        k += 1
        laser = _chain_up(upper)[-1].words[0].head
        if (laser_only and not laser) or upper.below is not None:
            continue
        lower: _Run | None = None
        for other in order:
            # a laser code's head or a "+66" piece only ever starts a chain
            if other.above is not None or other.line is upper.line or other.words[0].head or other.words[0].plus \
                    or not (_aligned(upper, other, height) or (not laser and paired(upper, other))):
                continue
            drop = other.top - upper.top
            if 0.5 * height < drop <= _MAX_DROP * height and (lower is None or other.top < lower.top):
                lower = other
        if lower is None or (_starts_row(lower.line, upper, starts, height) and (laser or not paired(upper, lower))):
            continue
        if lower.below is not None:
            # a chain of the first pass ("6399119" / "64" under "YG2"), whole: the laser code's
            # 1-7-2 groups one to a line, or it is left to what it was joined as
            pieces = _chain_up(upper)[::-1] + _chain_down(lower)
            whole = [r.count for r in pieces] == list(_LASER_SPACED) and _laser_code(pieces, _separator(pieces))
            fit = (len(upper.words), len(lower.words)) if whole else None
        else:
            fit = _fit(upper, lower, laser=laser)
        if fit is None or _blocked(upper.words[: fit[0]], lower.words[: fit[1]], words):
            continue
        for run, keep in ((upper, fit[0]), (lower, fit[1])):
            if keep < len(run.words):
                rest = _Run(run.words[keep:], run.line, cell=run.words[keep], ends_cell=run.ends_cell)
                run.words, run.ends_cell = run.words[:keep], False
                bisect.insort(order, rest, lo=k, key=_position)
        upper.below, lower.above = lower, upper
    return order


def _position(run: _Run) -> tuple[int, int]:
    return run.top, run.left


def _aligned(upper: _Run, lower: _Run, height: float) -> bool:
    """The lower run starts under the upper one's first word, or under the start of the cell
    text the upper run ends (a number glued to a label); the upper run ends its cell's line."""
    if not upper.ends_cell:
        return False
    below = lower.words[0].edges
    if _near(below, upper.words[0].edges, height):
        return True
    return upper.cell is not None and _near(below, upper.cell.edges, height)


def _near(edges: tuple[float, ...], others: tuple[float, ...], height: float) -> bool:
    return min(abs(a - b) for a in edges for b in others) <= _ALIGN * height


def _starts_row(line: _Line, upper: _Run, starts: list[tuple[int, int]], height: float) -> bool:
    """The line has a word in the table's first column (a list's row number): a new row. The
    first column is the leftmost start of a line near the two lines."""
    first = line.first
    if first is None:
        return True
    window = _ROW_WINDOW * height
    near = [left for top, left in starts if upper.top - window <= top <= first.top + window]
    return first.left <= min(near, default=first.left) + _ROW_TOL * height


def _fit(upper: _Run, lower: _Run, *, laser: bool = False) -> tuple[int, int] | None:
    """How many words of each run to join (the longest upper part first) so that the chain holds
    at most MAX_JOINED digits and mask characters, its digits all of one script; None if none.
    A laser code's chain holds at most LASER, and its upper pieces are never cut."""
    chain = _chain_up(upper)[1:]
    before = sum(run.count for run in chain)
    scripts: set[str] = {s for run in chain for w in run.words for s in w.scripts}
    most = LASER if laser else MAX_JOINED
    for keep_upper in range(len(upper.words), 0 if not laser else len(upper.words) - 1, -1):
        above = before + sum(w.count for w in upper.words[:keep_upper])
        for keep_lower in range(len(lower.words), 0, -1):
            if above + sum(w.count for w in lower.words[:keep_lower]) > most:
                continue
            # Tesseract cannot read Thai digits: Thai beside Arabic ones is a misreading
            if len(scripts.union(*(w.scripts for w in upper.words[:keep_upper] + lower.words[:keep_lower]))) > 1:
                return None
            return keep_upper, keep_lower
    return None


def _blocked(upper: list[_Word], lower: list[_Word], words: list[_Word]) -> bool:
    """Another word lies in the column between the two runs."""
    left = min(upper[0].left, lower[0].left)
    right = max(w.right for w in upper + lower)
    top, bottom = max(w.bottom for w in upper), min(w.top for w in lower)
    ours = {id(w) for w in upper + lower}
    return any(
        id(w) not in ours and w.right > left and w.left < right and top <= (w.top + w.bottom) / 2 <= bottom
        for w in words
    )


def _separator(chain: list[_Run]) -> str:
    """What joins the chain's pieces: a space for a number written with spaces, else a line break."""
    return " " if any(len(r.words) > 1 for r in chain) else "\n"


def _laser_code(chain: list[_Run], sep: str) -> bool:
    """The chain from a laser code's head holds exactly its positions, in its groups: "KJ4-78303XX-"
    and "XX" (1-7-2), "ME012345" and "6789" (10)."""
    if sum(r.count for r in chain) != LASER:
        return False
    pieces = [r.text if r.text is not None else " ".join(w.text[w.lead : len(w.text) - w.trail] for w in r.words)
              for r in chain]
    body = sep.replace("\n", "").join(pieces)[2:].strip("-– ")
    groups = tuple(len(g) for g in _GROUP_SEP.split(body) if g)
    # ten digits glued to letters and starting with 0 read as a phone ("ID0812345" / "678"): left
    return groups in _LASER_GROUPS and not (groups == (10,) and body.startswith("0"))


def _chain_up(run: _Run) -> list[_Run]:
    out = [run]
    while (above := out[-1].above) is not None:
        out.append(above)
    return out


def _chain_down(run: _Run) -> list[_Run]:
    out = [run]
    while (below := out[-1].below) is not None:
        out.append(below)
    return out


# --- writing the text -------------------------------------------------------------------------


def _rewrite(lines: list[str], runs: list[_Run], completed: list[Edit]) -> str:
    edits: dict[int, list[tuple[int, int, str]]] = {}  # line -> (start, end, replacement)
    for line, start, end, replacement in completed:  # the junk head of a masked ID (ocr_groups)
        edits.setdefault(line, []).append((start, end, replacement))
    for run in runs:
        if run.above is not None or run.below is None:
            continue
        chain = _chain_down(run)
        # A number written with spaces wraps at a space: put the space back, as a line break
        # inside a spaced number does not read as a wrap. Other numbers were cut mid-word.
        sep = _separator(chain)
        if run.words[0].head:
            if not _laser_code(chain, sep):
                continue
        elif sum(r.count for r in chain) < MIN_JOINED:
            continue
        joined = ""
        for piece in chain[1:]:
            first, last = piece.words[0], piece.words[-1]
            # a table rule read at either end is dropped
            joined += sep + (piece.text if piece.text is not None
                             else lines[first.line][first.start + first.lead : last.end - last.trail])
            edits.setdefault(first.line, []).append((first.start, last.end, ""))
        last = run.words[-1]
        at = last.end - last.trail
        if sep == "\n" and chain[-1].count <= 2 and lines[last.line][at:].lstrip(" ")[:1] in _ROW_NUMBER_END:
            # "…793501\n89 |21": a 1-2 digit last line before a table rule reads as the next
            # row's number (the detectors then reject the ID): end the line after the number.
            joined += "\n"
        edits.setdefault(last.line, []).append((at, at, joined))
    out = list(lines)
    for index, changes in edits.items():
        line = lines[index]
        for start, end, replacement in sorted(changes, reverse=True):
            line = line[:start] + replacement + line[end:]
        out[index] = line
    return "\n".join(out)
