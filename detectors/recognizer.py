"""The contract every detector follows (in the shape of Presidio's recognizers).

A detector has named layouts (its patterns), a ``validate`` hook (checksum, prefixes), context
cues that decide ``personal``, and a masked ``display``. It is handed the runs the engine
found, never the raw text alone, and returns :class:`Candidate` objects that the engine turns
into leak-free :class:`~detectors.base.Detection` objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple, Protocol

from detectors.base import Kind
from detectors.runs import Run, Window


@dataclass(slots=True)
class Candidate:
    """A number a detector recognised. ``value`` is raw: it never leaves the engine."""

    kind: Kind
    window: Window
    #: Named pattern, e.g. ``national_id.grouped``.
    pattern: str
    #: Canonical characters: ASCII digits and 'X' for hidden ones (phones: national form).
    value: str
    reasons: list[str] = field(default_factory=list)
    #: Groups consumed beyond the window (a phone range suffix).
    extra_groups: int = 0
    end: int | None = None

    @property
    def hidden(self) -> int:
        return self.value.count("X")

    @property
    def visible(self) -> int:
        return len(self.value) - self.value.count("X")


class Verdict(NamedTuple):
    """Whose number it is, and why (a tuple: built once per number on the hot path)."""

    personal: bool
    reasons: tuple[str, ...]
    needs_review: bool = False


class PageView(Protocol):
    """What a detector may ask about the text around a candidate (see engine.PageView)."""

    text: str

    def line(self, start: int, end: int) -> str: ...
    def cue(self, pattern, start: int, end: int, *, above: int = 0) -> str | None: ...
    def row_has_personal_id(self, start: int) -> bool: ...
    def wrapped_rows(self, start: int) -> bool: ...
    def in_table_row(self, start: int) -> bool: ...
    def cue_before(self, pattern, start: int, *, lines: int) -> str | None: ...
    def cell_cue(self, pattern, start: int, end: int) -> str | None: ...
    def list_of_people(self) -> bool: ...
    list_like: bool
    def in_list_row(self, start: int, end: int) -> bool: ...
    def above(self, start: int, lines: int = 2) -> str: ...
    def doc_mentions_id_cards(self) -> bool: ...
    def head(self) -> str: ...
    def head_unwrapped(self) -> str: ...


class Recognizer(Protocol):
    kind: Kind

    def match(self, run: Run, i: int, view: PageView) -> Candidate | None: ...
    def classify(self, cand: Candidate, view: PageView) -> Verdict: ...
    def display(self, value: str) -> str: ...
