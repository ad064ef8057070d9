"""Laser code (the back of the ID card): 2 letters + 10 digits, e.g. ME0-1234567-89.

With the ID number it is enough to pass online identity checks, so it is always personal.
"""

from __future__ import annotations

import re

from detectors import context as cues
from detectors.base import Kind
from detectors.recognizer import Candidate, PageView, Verdict
from detectors.runs import Run, first_window, fits

LAYOUTS: dict[tuple[int, ...], str] = {
    (1, 7, 2): "dashed",
    (10,): "contiguous",
    (1, 9): "dashed",
}
_LETTERS_BEFORE = re.compile("(?<![A-Za-z])[A-Z]{2}[ -]?$")
_AFTER_OK = re.compile("[A-Za-z0-9๐-๙]")


class LaserCodeRecognizer:
    kind = Kind.LASER_CODE
    lengths, max_groups = (10,), 13

    def match(self, run: Run, i: int, view: PageView) -> Candidate | None:
        if i != 0:
            return None  # the letters must sit right before the run
        text, start = view.text, run.start
        # cheap reject: nearly every run has no capital letter before it (a space or dash between)
        before = text[start - 1] if start else ""
        if before == " " or before == "-":
            before = text[start - 2] if start > 1 else ""
        if not ("A" <= before <= "Z"):
            return None
        letters = _LETTERS_BEFORE.search(text, max(0, start - 4), start)
        if letters is None:
            return None
        window = first_window(run, 0, self.lengths, self.max_groups)
        if window is None:
            return None
        layout = fits(window, LAYOUTS)
        if layout is None:
            return None
        if _AFTER_OK.match(text, window.end):
            return None  # e.g. a parcel number EB123456789TH
        if layout == "contiguous" and not self._laser_cue_near(window.start, view):
            return None  # 2 letters + 10 digits alone is too common a shape
        value = letters.group()[:2] + window.chars
        window.start = letters.start()  # a window of its own (first_window builds a new one)
        return Candidate(self.kind, window, f"laser_code.{layout}", value, reasons=["2 letters + 10 digits"])

    @staticmethod
    def _laser_cue_near(start: int, view: PageView) -> bool:
        # a list's column header ("เลขหลังบัตร (Laser)") sits in the head, far above its rows
        return bool(view.cue(cues.LASER_CUE, start, start, above=2) or cues.LASER_CUE.search(view.head_unwrapped()))

    def classify(self, cand: Candidate, view: PageView) -> Verdict:
        return _ALWAYS_PERSONAL

    def display(self, value: str) -> str:
        v = "XX" + "X" * 6 + value[8:]
        return f"{v[:3]}-{v[3:10]}-{v[10:]}"


_ALWAYS_PERSONAL = Verdict(True, ("laser code: identity-proofing secret of an ID card",))
