"""Re-join the label of an ID column that wraps inside its narrow header cell on a scanned page.

A list's ID column is often narrow, and its header wraps: "เลขประจำ" / "ตัวประชาช" / "น".
Tesseract reads the page line by line across all columns, so the pieces land on three lines
among other headers, and no line says "เลขประจำตัวประชาชน". The detectors trust an ID that
wraps in its cell, or is masked so its checksum cannot vouch for it, only where the document
speaks of ID cards: with the label in pieces, a whole column of masked IDs goes unseen.

The word boxes put the label back: a piece that starts one of the labels below and ends its
cell, with a piece starting under it (within about a letter's width) on the next line or two
that carries the label on, is joined to it. Only a join that makes a whole label is written;
anything else is left as Tesseract read it.
"""

from __future__ import annotations

import re
from statistics import median

from extractors.ocr_layout import locate_words

LABELS = (
    "เลขประจำตัวประชาชน",
    "เลขบัตรประจำตัวประชาชน",
    "บัตรประจำตัวประชาชน",
    "เลขบัตรประชาชน",
    "เลขประจำตัวผู้เสียภาษี",
)
_STARTS = ("เลข", "บัตร")
_NUMBERISH = re.compile("[0-9๐-๙Xx*×#]")
_RULES = "|()[]{}!"
_SEGMENT_GAP = 0.6  # letter heights: wider gaps between two words part two cells
_ALIGN = 1.0  # a continuation starts within this many letter heights of the piece above
_MAX_DROP = 4.0  # ... and at most this far below it (a garbage line may come between)


def rejoin_wrapped_labels(text: str, tsv: str) -> tuple[str, str]:
    """``text`` and ``tsv`` with wrapped ID-column labels joined; unchanged where none is found."""
    if not any(start in text for start in _STARTS):
        return text, tsv
    lines = locate_words(text, tsv)
    if lines is None:
        return text, tsv
    text_lines = text.split("\n")
    heights = [w.bottom - w.top for line in lines for w in line.words]
    if not heights:
        return text, tsv
    unit = median(heights)
    segments = [seg for line in lines for seg in _segments(line.words, text_lines, unit)]
    joins = []
    used: set[int] = set()
    for k, seg in enumerate(segments):
        if k in used:
            continue
        head = _label_start(seg, text_lines)
        if head is None:
            continue
        words, label = head
        found = _follow(words, label, segments, k, text_lines, unit, used)
        if found is not None:
            joins.append((words, len(label), *found))
    if not joins:
        return text, tsv
    return _apply(text_lines, tsv, joins)


def _segments(words: list, text_lines: list[str], unit: float) -> list[list]:
    """A line's words split into cells: at a table rule or a gap wider than a space."""
    out: list[list] = []
    for word in words:
        if word.text.strip(_RULES) == "":
            out.append([])
            continue
        if out and out[-1] and word.left - out[-1][-1].right <= _SEGMENT_GAP * unit \
                and not out[-1][-1].text.endswith(tuple(_RULES)) and not word.text.startswith(tuple(_RULES)):
            out[-1].append(word)
        else:
            out.append([word])
    return [seg for seg in out if seg]


def _span_text(words: list, text_lines: list[str]) -> str:
    """The words' text for comparing with the labels: Tesseract writes sara am as nikhahit + sara
    aa (normalised only later, when the boxes are no longer needed)."""
    text = text_lines[words[0].line][words[0].start : words[-1].end]
    return text.replace(" ", "").replace("\u0e4d\u0e32", "\u0e33").strip(_RULES)


def _label_start(seg: list, text_lines: list[str]) -> tuple[list, str] | None:
    """The words of ``seg`` from where a label starts, and the part of a label they hold, when
    they hold only its beginning."""
    for i in range(len(seg)):
        part = _span_text(seg[i:], text_lines)
        if part.startswith(_STARTS) and part not in LABELS and any(label.startswith(part) for label in LABELS):
            return seg[i:], part
    return None


def _key(text: str) -> str:
    """Text compared without sara am: where a label wraps just before it ("เลขประจ" / "ำตัว"),
    OCR drops the nikhahit at the start of the lower line and reads "าตัว"."""
    return text.replace("\u0e33", "\u0e32")


def _completes(label: str) -> str | None:
    """The label that ``label`` (the pieces so far) makes, written right, with whatever more of
    the header cell follows it ("เลขประจำตัวประชาชน/เลขที่..."); None if it makes none yet."""
    key = _key(label)
    for full in LABELS:
        # what follows is more of the header ("/เลขที่..."), not the cell's number: a number
        # glued to its label ("ผู้เสียภาษี0" / "3355 ...") stays where it is
        if key.startswith(_key(full)) and not _NUMBERISH.search(label[len(full):]):
            return full + label[len(full):]
    return None


def _follow(words: list, label: str, segments: list[list], k: int, text_lines: list[str], unit: float,
            used: set[int]) -> tuple[list[list], str] | None:
    """The segments below that complete the label, top down, and the label they make; or None."""
    left, top = words[0].left, min(w.top for w in words)
    chain: list[int] = []
    while True:
        below = [
            j for j in range(k + 1, len(segments))
            if j not in used and abs(segments[j][0].left - left) <= _ALIGN * unit
            and 0.5 * unit < min(w.top for w in segments[j]) - top <= _MAX_DROP * unit
        ]
        if not below:
            return None
        j = min(below, key=lambda j: min(w.top for w in segments[j]))
        label += _span_text(segments[j], text_lines)
        chain.append(j)
        whole = _completes(label)
        if whole is not None:
            used.update(chain)
            return [segments[j] for j in chain], whole
        if not any(_key(full).startswith(_key(label)) for full in LABELS):
            return None
        top = min(w.top for w in segments[j])


def _apply(lines: list[str], tsv: str, joins: list) -> tuple[str, str]:
    """The rest of the label (as the pieces spell it, but for a sara am OCR dropped) appended to
    its first piece, in the text and in its last word's TSV row; the pieces' words removed from
    their lines and their rows dropped."""
    rows = tsv.split("\n")
    gone: set[int] = set()
    edits: dict[int, list[tuple[int, int, str]]] = {}
    for words, head, chain, whole in joins:
        last = words[-1]
        added = whole[head:]
        edits.setdefault(last.line, []).append((last.end, last.end, added))
        cols = rows[last.row].split("\t")
        cols[11] = cols[11].strip() + added
        rows[last.row] = "\t".join(cols)
        for seg in chain:
            edits.setdefault(seg[0].line, []).append((seg[0].start, seg[-1].end, ""))
            gone.update(w.row for w in seg)
    for index, changes in edits.items():
        line = lines[index]
        for start, end, new in sorted(changes, reverse=True):
            line = line[:start] + new + line[end:]
        lines[index] = line
    return "\n".join(lines), "\n".join(row for i, row in enumerate(rows) if i not in gone)
