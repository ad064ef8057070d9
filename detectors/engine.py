"""The engine: pages of text in, leak-free detections and document facts out.

One regex pass per page finds the runs; recognizers claim windows of each run left to right
(laser codes, then national IDs, then phones: 13 digits must not be read as a phone and a
stray group); then every candidate is classified, IDs first so a phone can see a person's ID
on its row. Raw values live only inside this module's locals: what leaves is display, context
and fingerprint. What recognizers may ask about a page is in detectors.page; what a document
says about the people it exposes, in detectors.facts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from operator import attrgetter

from detectors import context as cues
from detectors.base import Detection, DocumentScan, Kind, MaskingRule, Status, TextPage
from detectors.facts import document_facts, ocr_notes
from detectors.laser_code import LaserCodeRecognizer
from detectors.national_id import NationalIdRecognizer, is_valid
from detectors.page import PageView
from detectors.phone import PhoneRecognizer
from detectors.recognizer import Candidate, Recognizer
from detectors.runs import find_runs
from detectors.text import THAI_DIGITS, Fingerprinter

#: The start of a document that every page may consult (title, table header).
HEAD_CHARS = 3000
_HAS_THAI_DIGIT = re.compile(f"[{THAI_DIGITS}]")
#: Enum members as plain globals: Python 3.11 looks a member up in ~0.1 µs, several times per number.
_NATIONAL_ID, _LASER_CODE = Kind.NATIONAL_ID, Kind.LASER_CODE
_UNMASKED, _MASKED = Status.UNMASKED, Status.MASKED
_START = attrgetter("start")
#: _HIDDEN[n][h]: the reason "h of n digits hidden", made once rather than per number (n <= 13).
_HIDDEN = tuple(tuple(f"{h} of {n} digits hidden" for h in range(n + 1)) for n in range(14))


@dataclass(frozen=True, slots=True)
class _Page:
    number: int | None
    text: str
    ocr: bool = False


class Engine:
    """Reusable across documents: holds the key, the masking rule and the recognizers."""

    def __init__(self, *, key: bytes, rule: MaskingRule | None = None) -> None:
        if not key:
            raise ValueError("a fingerprint key is required")
        self._fingerprint = Fingerprinter(key).digest
        self._rule = rule or MaskingRule()
        self._national_id = NationalIdRecognizer()
        # Laser first: it only claims a run that 2 capital letters lead into, and a wrapped laser
        # code plus the next cell's digits can otherwise add up to 13.
        self._recognizers: tuple[Recognizer, ...] = (LaserCodeRecognizer(), self._national_id, PhoneRecognizer())
        #: run shapes already cut into groups and windows (see detectors.runs.find_runs)
        self._shapes: dict = {}

    def scan(self, pages: Iterable[TextPage]) -> DocumentScan:
        detections: list[Detection] = []
        notes: list[str] = []
        head = ""
        masked_ids: list[tuple[str, Detection]] = []
        exposures: list[tuple[Detection, PageView]] = []
        for page in pages:
            text = page.text
            if len(head) < HEAD_CHARS:
                head += text[: HEAD_CHARS - len(head)]
            view = PageView(text, head)
            found = self._scan_page(page, view, masked_ids, exposures)
            detections.extend(found)
            if page.ocr:
                notes.extend(ocr_notes(page, found, view))
        if len(masked_ids) >= 2:  # it takes two copies
            detections.extend(self._rejoined(masked_ids, {d.fingerprint for d in detections}))
        # built once, whole: DocumentScan() would make default facts (~1 µs) only to replace them
        return DocumentScan(detections, document_facts(exposures, head), notes)

    def _scan_page(self, page: TextPage, view: PageView, masked_ids, exposures) -> list[Detection]:
        text = view.text
        # IDs first: a phone on the same row as a person's ID is that person's phone.
        ids: list[tuple[Recognizer, Candidate]] = []
        others: list[tuple[Recognizer, Candidate]] = []
        runs = view.runs
        recognizers = self._recognizers
        for run in find_runs(text, self._shapes):
            runs.append(run)
            shape = run.shape
            i, n = 0, len(run.sizes)
            while i < n:
                # only recognizers whose lengths fit the groups from i on (a 13-digit run is
                # no phone or laser code): the shape alone decides, once per shape
                for rec in shape.able(i, recognizers):
                    cand = rec.match(run, i, view)
                    if cand is not None:
                        (ids if cand.kind is _NATIONAL_ID else others).append((rec, cand))
                        i = cand.window.j + cand.extra_groups
                        break
                else:
                    i += 1
        if not ids and not others:
            return []
        view.list_like = len(ids) + len(others) >= 3
        out = []
        number, ocr = page.number, page.ocr
        for rec, cand in ids + others:
            det = self._detection(rec, cand, view, number, ocr)
            if det.personal:
                if det.kind is _NATIONAL_ID:
                    view.mark_person_id(det.start)
                    if det.status is not _UNMASKED:
                        masked_ids.append((cand.value, det))
                if det.status is not _MASKED:  # Detection.exposure
                    exposures.append((det, view))
            out.append(det)
        out.sort(key=_START)
        return out

    def _detection(self, rec: Recognizer, cand: Candidate, view: PageView, number: int | None, ocr: bool) -> Detection:
        value, window = cand.value, cand.window
        digits = value[2:] if cand.kind is _LASER_CODE else value
        hidden, size = digits.count("X"), len(digits)
        # nothing hidden is unmasked under any rule
        status = self._rule.status(hidden=hidden, visible=size - hidden) if hidden else _UNMASKED
        personal, why, needs_review = rec.classify(cand, view)
        start, end = window.start, cand.end or window.end
        display = rec.display(value)
        reasons = (*cand.reasons, *why, _HIDDEN[size][hidden] if size <= 13 else f"{hidden} of {size} digits hidden")
        text = view.text
        # an ASCII span holds no Thai digit: the common case needs no regex
        thai_digits = not text[start:end].isascii() and _HAS_THAI_DIGIT.search(text, start, end) is not None
        if thai_digits:
            reasons += ("written in Thai digits",)
        if ocr:
            reasons += ("read by OCR",)
            if thai_digits:
                # Tesseract's Thai models misread ๐-๙: the value may be wrong, never trust it blindly.
                reasons += ("OCR of Thai digits is unreliable: check by eye",)
                needs_review = True
        # positional: this runs once per number found, and keywords cost measurably more
        return Detection(
            cand.kind,
            status,
            personal,
            display,
            self._fingerprint(value) if status is _UNMASKED else None,
            number,
            view.snippet(start, end, display),
            cand.pattern,
            reasons,
            needs_review,
            start,
            end,
            ocr,
        )

    def _rejoined(self, masked: list[tuple[str, Detection]], known: set[str | None]) -> list[Detection]:
        """Two copies of one ID masked at different ends can be put back together.

        Copies are bucketed by digits 6-9 (visible under front and back masking alike),
        so this stays linear in practice even for lists of thousands of masked IDs.
        """
        buckets: dict[str, list[tuple[str, Detection]]] = {}
        for value, det in masked:
            middle = value[5:9]
            if "X" not in middle:
                buckets.setdefault(middle, []).append((value, det))
        out: list[Detection] = []
        for group in buckets.values():
            for a in range(len(group)):
                for b in range(a + 1, len(group)):
                    joined = _join(group[a][0], group[b][0])
                    if joined is None or not is_valid(joined) or joined[0] in "09":
                        continue
                    fp = self._fingerprint(joined)
                    if fp in known:
                        continue
                    known.add(fp)
                    det = group[b][1]
                    display = self._national_id.display(joined)
                    out.append(
                        Detection(
                            kind=Kind.NATIONAL_ID,
                            status=Status.UNMASKED,
                            personal=True,
                            display=display,
                            fingerprint=fp,
                            page=det.page,
                            context=det.context,
                            pattern="national_id.rejoined",
                            reasons=(
                                "two copies masked at different ends together reveal the whole number",
                                "checksum valid",
                            ),
                            needs_review=False,
                            start=det.start,
                            end=det.end,
                            ocr=det.ocr,
                        )
                    )
        return out


def _join(a: str, b: str) -> str | None:
    out = []
    for x, y in zip(a, b):
        if x == "X":
            if y == "X":
                return None
            out.append(y)
        elif y not in ("X", x):
            return None
        else:
            out.append(x)
    return "".join(out)


def scan_document(pages: Iterable[TextPage], *, key: bytes, rule: MaskingRule | None = None) -> DocumentScan:
    """Scan one document's pages. Build an :class:`Engine` instead when scanning many."""
    return Engine(key=key, rule=rule).scan(pages)


def scan_text(
    text: str, *, key: bytes, rule: MaskingRule | None = None, page: int | None = None, ocr: bool = False
) -> DocumentScan:
    return Engine(key=key, rule=rule).scan([_Page(page, text, ocr)])


def redact(text: str, *, rule: MaskingRule | None = None) -> str:
    """``text`` with every identifier shown as its masked display and other long numbers masked.

    For strings the program prints that may hold an identifier themselves: file names, URLs,
    error messages from third-party libraries.
    """
    engine = Engine(key=b"redact-only", rule=rule)
    found = engine.scan([_Page(None, text)]).detections
    out, pos = [], 0
    for det in sorted(found, key=lambda d: d.start):
        if det.start < pos:
            continue
        out.append(cues.mask_long_numbers(text[pos : det.start]))
        out.append(det.display)
        pos = det.end
    out.append(cues.mask_long_numbers(text[pos:]))
    return "".join(out)
