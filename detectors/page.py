"""What a recognizer may ask about the page around a number; answers are cached per page.

Lines, table cells, the rows of a list that wrap over several PDF lines, the cue words on
them, and the masked text context snippets are cut from.
"""

from __future__ import annotations

import re

from detectors import context as cues

#: A line at most this long in a list may be one of several lines of one wrapped row.
WRAPPED_ROW_CHARS = 80
_ROW_START = re.compile("\\s*[0-9๐-๙]{1,5}[.)]?\\s")
_BREAKS = re.compile("\\s*\\n\\s*")


class PageView:
    """Questions recognizers may ask about one page; answers are cached per page."""

    __slots__ = ("text", "_head", "_id_cue", "_person_lines", "list_like", "_cache", "_masked", "run_spans")

    def __init__(self, text: str, head: str) -> None:
        self.text = text
        self._head = head
        self._id_cue: bool | None = None
        self._person_lines: set[int] = set()
        self.list_like = False
        # An ID and a phone usually share a row: cue look-ups are cached per line.
        self._cache: dict[tuple, object] = {}
        self._masked: str | None = None
        #: every run the scan found: the identifier-length numbers a snippet must not show
        self.run_spans: list[tuple[int, int]] = []

    def snippet(self, start: int, end: int, display: str) -> str:
        """Masked context: the page is masked once (same length), then sliced per number.

        Masking reuses the runs the scan already found (every stretch of 9+ digits or mask
        characters, recognised or not) instead of a second regex pass over the page.
        """
        if self._masked is None:
            self._masked = cues.mask_spans(self.text, self.run_spans)
        lo = max(0, start - cues.SNIPPET_WIDTH)
        hi = end + cues.SNIPPET_WIDTH
        masked = self._masked
        before = cues.mask_partial_numbers(masked[lo:start])
        after = cues.mask_partial_numbers(masked[end:hi])
        return " ".join(f"{before}[{display}]{after}".split())

    def line(self, start: int, end: int) -> str:
        lo, hi = cues.line_bounds(self.text, start, end)
        return self.text[lo:hi]

    def above(self, start: int, lines: int = 2) -> str:
        return cues.lines_before(self.text, self.text.rfind("\n", 0, start) + 1, lines)

    def cue(self, pattern, start: int, end: int, *, above: int = 0) -> str | None:
        """The first match of ``pattern`` on the line of text[start:end] (and ``above`` lines up)."""
        lo, hi = cues.line_bounds(self.text, start, end)
        key = (pattern, lo, hi, above)
        try:
            return self._cache[key]  # type: ignore[return-value]
        except KeyError:
            pass
        m = pattern.search(self.text, lo, hi)
        if m is None and above:
            m = pattern.search(cues.lines_before(self.text, lo, above))
        found = m.group() if m else None
        self._cache[key] = found
        return found

    def head(self) -> str:
        return self._head

    def doc_mentions_id_cards(self) -> bool:
        if self._id_cue is None:
            self._id_cue = bool(cues.ID_CUE.search(self.head_unwrapped()) or cues.ID_CUE.search(self.text))
        return self._id_cue

    def head_unwrapped(self) -> str:
        """The head with line breaks removed: narrow table headers break words ("เลขประ⏎จำตัว")."""
        key = ("head_unwrapped",)
        if key not in self._cache:
            self._cache[key] = _BREAKS.sub("", self._head)
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
        lo, hi = cues.line_bounds(self.text, start, start)
        return hi - lo <= WRAPPED_ROW_CHARS and "|" not in self.text[lo:hi]

    def cue_before(self, pattern, start: int, *, lines: int) -> str | None:
        """``pattern`` between the start of ``lines`` lines above and the number: a contact
        block names its office before the number, never after it."""
        line_start = self.text.rfind("\n", 0, start) + 1
        lo = line_start - len(cues.lines_before(self.text, line_start, lines))
        m = pattern.search(self.text, lo, start)
        return m.group() if m else None

    def in_table_row(self, start: int) -> bool:
        lo, hi = cues.line_bounds(self.text, start, start)
        return " | " in self.text[lo:hi]

    def cell_cue(self, pattern, start: int, end: int) -> str | None:
        """``pattern`` in the number's own table cell; outside tables, on its line before it
        ("กองคลัง โทร ..."): what follows a number on a PDF table line is the next cell."""
        lo, hi = cues.line_bounds(self.text, start, end)
        text = self.text
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
