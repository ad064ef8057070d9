"""Tesseract's word boxes (its TSV output) read and located in its plain text.

Tesseract is run once with both its plain-text and its TSV output. The plain text keeps
Tesseract's own spacing (Thai is written without spaces between words, and TSV splits it into
single letters, so the text cannot be rebuilt from the boxes alone); the boxes locate each of its
words. A table rule read inside a word parts it in two; each word is classified: a *fragment* of a
number (digits, mask characters, dashes or dots, ignoring a rule read at its ends) or not; a laser
code's head ("KJ4-78303XX-": two capital letters, then digits, masks and dashes) is one whose letters
are not counted (``head``).
extractors.ocr_layout re-joins wrapped numbers from these words; extractors.ocr_reread and
extractors.ocr_labels locate their words with them too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TSV_HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
_TSV_ROW = re.compile(r"^[1-5]\t(?:-?\d+\t){9}-?[\d.]+\t[^\t\n]*$")

BORDER = "|()[]{}!/\\"  # what Tesseract makes of a table's vertical rule at a word's ends
#: the TSV conf (Tesseract's are 0-100, -1 for no word) of a word a later pass must not read
#: again: extractors.ocr_cells read its whole cell, and the word's box is only the cell's first line
SETTLED = "-2"
RULE_1 = re.compile(r"[1lI!]\|")  # ... or "1|" at a word's start ("1|87-10-6")
_FRAGMENT = re.compile(r"\+?[0-9๐-๙Xx*×#.\-–]+")  # "+": a phone's +66 (it starts a number)
_COUNTED = re.compile(r"[0-9๐-๙Xx*×#]")
#: a laser code's head: its two letters, then digits, masks and dashes ("KJ4-78303XX-", "BAxxxx")
_LASER_HEAD = re.compile(r"[A-Z]{2}[0-9Xx*×#][0-9Xx*×#\-–]*")
_THAI_DIGIT = re.compile("[๐-๙]")
_ARABIC_DIGIT = re.compile("[0-9]")
_SIGNIFICANT = re.compile(r"[0-9๐-๙A-Za-zก-ฮ*×#]")  # not a stray mark or a rule


@dataclass(slots=True)
class Word:
    text: str
    left: int
    top: int
    right: int
    bottom: int
    line: int = -1  # index into the text's lines
    start: int = -1  # offsets in that line
    end: int = -1
    lead: int = 0  # characters of a table rule read at the start / end of the word
    trail: int = 0
    fragment: bool = False
    count: int = 0  # digits and mask characters
    scripts: frozenset[str] = frozenset()  # of its digits: "thai", "arabic"
    row: int = -1  # its row in the TSV
    head: bool = False  # a laser code's head: two letters (not counted) before its digits
    settled: bool = False  # read whole by an earlier pass (SETTLED in the TSV's conf column)

    @property
    def plus(self) -> bool:
        """The word starts with "+" (a phone's +66): it starts a number, never continues one."""
        return self.text[self.lead :].startswith("+")

    @property
    def edges(self) -> tuple[float, ...]:
        """Left edges: the box's, and without the rule read at its start (the box covers the
        rule's glyph in some words and not in others)."""
        if not self.lead:
            return (self.left,)
        return self.left, self.left + self.lead * (self.right - self.left) / len(self.text)


@dataclass(slots=True)
class Line:
    words: list[Word]

    @property
    def first(self) -> Word | None:
        return next((w for w in self.words if _SIGNIFICANT.search(w.text)), None)


@dataclass(slots=True)
class Run:
    words: list[Word]
    line: Line
    cell: Word | None = None  # first word of the cell text the run ends on its line
    ends_cell: bool = True  # nothing more of that cell follows the run on its line
    below: Run | None = None  # its continuation on a lower line
    above: Run | None = None
    text: str | None = None  # what the run stands for, where OCR made junk of it (extractors.ocr_groups)

    @property
    def left(self) -> int:
        return self.words[0].left

    @property
    def top(self) -> int:
        return min(w.top for w in self.words)

    @property
    def count(self) -> int:
        return sum(w.count for w in self.words)



def split_output(output: str) -> tuple[str, str | None]:
    """Tesseract's stdout with both ``txt`` and ``tsv`` renderers → (text, tsv or None)."""
    lines = output.split("\n")
    try:
        at = lines.index(_TSV_HEADER)
    except ValueError:
        return output, None
    end = at + 1
    while end < len(lines) and _TSV_ROW.match(lines[end]):
        end += 1
    return "\n".join(lines[:at] + lines[end:]), "\n".join(lines[at:end])


def locate_words(text: str, tsv: str) -> list[Line] | None:
    """The TSV's lines of words, each word located in ``text`` (line, start, end) and its TSV row
    known; None when the TSV does not describe the text."""
    tsv_lines = parse_tsv(tsv)
    if tsv_lines is None or not locate(tsv_lines, text.split("\n")):
        return None
    return tsv_lines



def parse_tsv(tsv: str) -> list[Line] | None:
    by_line: dict[tuple[int, int, int, int], list[Word]] = {}
    for index, row in enumerate(tsv.split("\n")):
        cols = row.split("\t")
        if len(cols) != 12 or cols[0] != "5":
            continue
        try:
            page, block, par, line, left, top, width, height = (int(cols[i]) for i in (1, 2, 3, 4, 6, 7, 8, 9))
        except ValueError:
            return None
        word = cols[11].strip()
        if word:
            words = by_line.setdefault((page, block, par, line), [])
            words.append(Word(word, left, top, left + width, top + height, row=index, settled=cols[10] == SETTLED))
    return [Line(words) for words in by_line.values()]


def locate(tsv_lines: list[Line], lines: list[str]) -> bool:
    """Find every TSV word in the text: the text's non-blank lines are the TSV's lines in order."""
    text_lines = [i for i, line in enumerate(lines) if line.strip()]
    if len(text_lines) != len(tsv_lines):
        return False
    for index, tline in zip(text_lines, tsv_lines):
        line, pos = lines[index], 0
        for word in tline.words:
            while pos < len(line) and line[pos].isspace():
                pos += 1
            if not line.startswith(word.text, pos):
                return False
            word.line, word.start, word.end = index, pos, pos + len(word.text)
            pos = word.end
        if line[pos:].strip():
            return False
    return True


def split_at_rules(word: Word) -> list[Word]:
    """A table rule read inside a word ("2-3701-67368|75", "2162002]27") parts two cells: one
    word each side, the rule kept at the start of the second, the box shared out by characters."""
    text = word.text
    cuts = [i for i in range(1, len(text))
            if text[i] in "|[]" and text[i - 1] not in "|[]" and not RULE_1.match(text[: i + 1])]
    if not cuts:
        return [word]
    step = (word.right - word.left) / len(text)
    return [
        Word(text[a:b], round(word.left + a * step), word.top, round(word.left + b * step), word.bottom,
              word.line, word.start + a, word.start + b)
        for a, b in zip([0, *cuts], [*cuts, len(text)])
    ]


def classify(word: Word) -> None:
    text = word.text
    core = text.lstrip(BORDER)
    if RULE_1.match(core):
        core = core[2:].lstrip(BORDER)
    word.lead = len(text) - len(core)
    stripped = core.rstrip(BORDER)
    word.trail = len(core) - len(stripped)
    word.count = len(_COUNTED.findall(stripped))
    word.fragment = word.count > 0 and _FRAGMENT.fullmatch(stripped) is not None
    word.head = not word.fragment and _LASER_HEAD.fullmatch(stripped) is not None
    if word.head:  # its letters are no positions; ocr_layout joins it only as a laser code's head
        word.count, word.fragment = len(_COUNTED.findall(stripped[2:])), True
    word.scripts = frozenset(name for name, digit in (("thai", _THAI_DIGIT), ("arabic", _ARABIC_DIGIT))
                             if digit.search(stripped))



def same_cell(left: Word, right: Word, gap: float) -> bool:
    """Two neighbouring words of one line are in one cell: close, no table rule between."""
    return not left.trail and not right.lead and right.left - left.right <= gap


def chains(runs: list[Run]) -> list[list[Run]]:
    """The chains ocr_layout linked among ``runs``, each top to bottom (a run alone is one)."""
    out = []
    for top in runs:
        if top.above is None:
            chain = [top]
            while chain[-1].below is not None:
                chain.append(chain[-1].below)
            out.append(chain)
    return out
