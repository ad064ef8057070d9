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
from detectors.page import PageView
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


class Recognizer(Protocol):
    kind: Kind
    #: How many digit-or-mask characters a match reads (shortest first), over at most
    #: ``max_groups`` groups: a run with no such window at a group is not offered to it there.
    lengths: tuple[int, ...]
    max_groups: int

    def match(self, run: Run, i: int, view: PageView) -> Candidate | None: ...
    def classify(self, cand: Candidate, view: PageView) -> Verdict: ...
    def display(self, value: str) -> str: ...
