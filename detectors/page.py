"""What a recognizer may ask about the page around a number; answers are cached per page.

Lines, table cells, the rows of a list that wrap over several PDF lines, the cue words on
them, and the masked text context snippets are cut from.
"""

from __future__ import annotations

import re

from detectors import context as cues
from detectors.runs import Run

#: A line at most this long in a list may be one of several lines of one wrapped row.
WRAPPED_ROW_CHARS = 80
_ROW_START = re.compile("\\s*[0-9๐-๙]{1,5}[.)]?\\s")
_UNSEEN = object()
_WIDTH, _mask_partial_numbers = cues.SNIPPET_WIDTH, cues.mask_partial_numbers


def unwrap(text: str) -> str:
    """``text`` without its line breaks and the whitespace around them (``\\s*\\n\\s*`` removed).

    Line by line with str.strip, which knows the same whitespace as ``\\s``: the regex tries
    every position of a 3,000-character head (~40 µs), this is ~8x cheaper.
    """
    lines = text.split("\n")
    if len(lines) == 1:
        return text
    return "".join([lines[0].rstrip(), *[line.strip() for line in lines[1:-1]], lines[-1].lstrip()])


class PageView:
    """Questions recognizers may ask about one page; answers are cached per page."""

    __slots__ = ("text", "_head", "_id_cue", "_person_lines", "list_like", "_cache", "_masked", "runs")

    def __init__(self, text: str, head: str) -> None:
        self.text = text
        self._head = head
        self._id_cue: bool | None = None
        self._person_lines: set[int] = set()
        self.list_like = False
        # An ID and a phone usually share a row: cue look-ups are cached per line.
        self._cache: dict[tuple, object] = {}
        self._masked: str | None = None
        #: every run the scan found, in order: the identifier-length numbers a snippet must not show
        self.runs: list[Run] = []

    def snippet(self, start: int, end: int, display: str) -> str:
        """Masked context: the page is masked once (same length), then sliced per number.

        Masking reuses the runs the scan already found (every stretch of 9+ digits or mask
        characters, recognised or not) instead of a second regex pass over the page.
        """
        masked = self._masked
        if masked is None:
            masked = self._masked = self._mask_runs()
        lo = start - _WIDTH
        # One pass masks both sides: no partial number runs through a bracket, and a display
        # shows at most 4 digits, too few to be masked itself.
        snippet = _mask_partial_numbers(f"{masked[max(0, lo) : start]}[{display}]{masked[end : end + _WIDTH]}")
        # Whitespace collapsed to single spaces, cheaply when the only whitespace is spaces and
        # line breaks (every other whitespace character is unprintable): what str.split and
        # join would make of it.
        flat = snippet.replace("\n", " ").strip(" ")
        if not flat.isprintable():
            return " ".join(snippet.split())
        while "  " in flat:
            flat = flat.replace("  ", " ")
        return flat

    def _mask_runs(self) -> str:
        """The page with every digit of every run as X; same length."""
        text, parts, pos = self.text, [], 0
        for run in self.runs:
            parts += (text[pos : run.start], run.masked)
            pos = run.end
        parts.append(text[pos:])
        return "".join(parts)

    def line(self, start: int, end: int) -> str:
        text = self.text
        hi = text.find("\n", end)
        return text[text.rfind("\n", 0, start) + 1 : hi if hi >= 0 else len(text)]

    def above(self, start: int, lines: int = 2) -> str:
        return cues.lines_before(self.text, self.text.rfind("\n", 0, start) + 1, lines)

    def cue(self, pattern, start: int, end: int, *, above: int = 0) -> str | None:
        """The first match of ``pattern`` on the line of text[start:end] (and ``above`` lines up)."""
        text = self.text
        # cues.line_bounds, inlined: several cues are asked per number
        lo = text.rfind("\n", 0, start) + 1
        hi = text.find("\n", end)
        if hi < 0:
            hi = len(text)
        # id(): hashing a compiled pattern hashes its whole program (~0.5 µs for these cues)
        key = (id(pattern), lo, hi, above)
        found = self._cache.get(key, _UNSEEN)
        if found is _UNSEEN:
            m = pattern.search(text, lo, hi)
            if m is None and above:
                m = pattern.search(cues.lines_before(text, lo, above))
            found = self._cache[key] = m.group() if m else None
        return found  # type: ignore[return-value]

    def head(self) -> str:
        return self._head

    def head_mentions(self, words: tuple[str, ...]) -> bool:
        """Any of ``words`` in the head (asked once per page, whatever the number of numbers)."""
        key = ("head_mentions", words)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = any(map(self._head.__contains__, words))
        return found  # type: ignore[return-value]

    def doc_mentions_id_cards(self) -> bool:
        if self._id_cue is None:
            self._id_cue = bool(cues.ID_CUE.search(self.head_unwrapped()) or cues.ID_CUE.search(self.text))
        return self._id_cue

    def head_unwrapped(self) -> str:
        """The head with line breaks removed: narrow table headers break words ("เลขประ⏎จำตัว")."""
        key = ("head_unwrapped",)
        if key not in self._cache:
            self._cache[key] = unwrap(self._head)
        return self._cache[key]  # type: ignore[return-value]

    def mark_person_id(self, start: int) -> None:
        self._person_lines.add(self.text.rfind("\n", 0, start))

    def row_has_personal_id(self, start: int) -> bool:
        """A person's ID on this line or, in a list whose rows wrap, on the line above."""
        line_break = self.text.rfind("\n", 0, start)
        if line_break in self._person_lines:
            return True
        return self.wrapped_rows(start) and self.text.rfind("\n", 0, line_break) in self._person_lines

    def wrapped_rows(self, start: int) -> bool:
        """Rows of a list may continue over several short lines (PDF tables); prose lines are long
        and table rows from HTML/office files are whole lines, so neither counts."""
        if not self.list_like:
            return False
        text = self.text
        lo = text.rfind("\n", 0, start) + 1
        hi = text.find("\n", start)
        if hi < 0:
            hi = len(text)
        return hi - lo <= WRAPPED_ROW_CHARS and text.find("|", lo, hi) < 0

    def row_cue(self, pattern, start: int, *, lines: int = 8) -> str | None:
        """``pattern`` in the short lines of the number's own row above it, joined as one: a
        narrow PDF table breaks a cell's words over several lines ("ห้างหุ้นส่ว⏎นจำกัด", the
        company's name four lines up). Only where the row's first line (its number) is found
        among them: above it is another row. (Asked while the page's numbers are still being
        found, before wrapped_rows can tell a list: the row's start stands in for it.)"""
        text, above = self.text, []
        end = text.rfind("\n", 0, start)
        own = text.find("\n", start)
        if len(text[end + 1 : own if own >= 0 else len(text)]) > WRAPPED_ROW_CHARS:
            return None  # a long line: prose, or a whole table row
        for _ in range(lines):
            if end < 0:
                return None
            begin = text.rfind("\n", 0, end) + 1
            line = text[begin:end]
            if len(line) > WRAPPED_ROW_CHARS or "|" in line:
                return None
            above.append(line)
            if _ROW_START.match(line):
                m = pattern.search(unwrap("\n".join(reversed(above))))
                return m.group() if m else None
            end = begin - 1
        return None

    def cue_before(self, pattern, start: int, *, lines: int) -> str | None:
        """``pattern`` between the start of ``lines`` lines above and the number: a contact
        block names its office before the number, never after it."""
        line_start = self.text.rfind("\n", 0, start) + 1
        lo = line_start - len(cues.lines_before(self.text, line_start, lines))
        m = pattern.search(self.text, lo, start)
        return m.group() if m else None

    def in_table_row(self, start: int) -> bool:
        text = self.text
        hi = text.find("\n", start)
        return text.find(" | ", text.rfind("\n", 0, start) + 1, hi if hi >= 0 else len(text)) >= 0

    def cell_cue(self, pattern, start: int, end: int) -> str | None:
        """``pattern`` in the number's own table cell; outside tables, on its line before it
        ("กองคลัง โทร ..."): what follows a number on a PDF table line is the next cell."""
        text = self.text
        lo = text.rfind("\n", 0, start) + 1
        hi = text.find("\n", end)
        if hi < 0:
            hi = len(text)
        if text.find("|", lo, hi) >= 0:
            lo = max(lo, text.rfind("|", lo, start) + 1)
            cell_end = text.find("|", end, hi)
            hi = hi if cell_end < 0 else cell_end
        else:
            hi = start
        m = pattern.search(text, lo, hi)
        return m.group() if m else None

    def list_of_people(self) -> bool:
        """The page lists people: several of its IDs are persons'."""
        return len(self._person_lines) >= 3

    def in_list_row(self, start: int, end: int) -> bool:
        if not self.list_like:
            return False
        line = self.line(start, end)
        return " | " in line or bool(_ROW_START.match(line))
