"""The engine: pages of text in, leak-free detections and document facts out.

One regex pass per page finds the runs; recognizers claim windows of each run left to right
(national ID first: its 13 digits must not be read as a phone and a stray group); then every
candidate is classified, IDs first so a phone can see a person's ID on its row. Raw values
live only inside this module's locals: what leaves is display, context and fingerprint.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from detectors import context as cues
from detectors.base import Detection, DocumentFacts, DocumentScan, Kind, MaskingRule, Status, TextPage
from detectors.laser_code import LaserCodeRecognizer
from detectors.national_id import NationalIdRecognizer, is_valid
from detectors.phone import PhoneRecognizer
from detectors.recognizer import Candidate, Recognizer
from detectors.runs import find_runs
from detectors.text import THAI_DIGITS, fingerprint

HEAD_CHARS = 3000
#: Title and table header: where a list says what it is about (sensitive by its title alone).
TITLE_CHARS = 800
FACT_SAMPLE_ROWS = 10
#: A line at most this long in a list may be one of several lines of one wrapped row.
WRAPPED_ROW_CHARS = 80
_ROW_START = re.compile("\\s*[0-9๐-๙]{1,5}[.)]?\\s")
_HAS_THAI_DIGIT = re.compile(f"[{THAI_DIGITS}]")
_BREAKS = re.compile("\\s*\\n\\s*")


@dataclass(frozen=True, slots=True)
class _Page:
    number: int | None
    text: str
    ocr: bool = False


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


class Engine:
    """Reusable across documents: holds the key, the masking rule and the recognizers."""

    def __init__(self, *, key: bytes, rule: MaskingRule | None = None) -> None:
        if not key:
            raise ValueError("a fingerprint key is required")
        self._key = key
        self._rule = rule or MaskingRule()
        self._national_id = NationalIdRecognizer()
        # Laser first: it only claims a run that 2 capital letters lead into, and a wrapped laser
        # code plus the next cell's digits can otherwise add up to 13.
        self._recognizers: tuple[Recognizer, ...] = (LaserCodeRecognizer(), self._national_id, PhoneRecognizer())

    def scan(self, pages: Iterable[TextPage]) -> DocumentScan:
        result = DocumentScan()
        head = ""
        masked_ids: list[tuple[str, Detection]] = []
        exposures: list[tuple[Detection, PageView]] = []
        for page in pages:
            text = page.text
            if len(head) < HEAD_CHARS:
                head += text[: HEAD_CHARS - len(head)]
            view = PageView(text, head)
            found = self._scan_page(page, view, masked_ids, exposures)
            result.detections.extend(found)
            if page.ocr:
                result.notes.extend(_ocr_notes(page, found, view))
        result.detections.extend(self._rejoined(masked_ids, {d.fingerprint for d in result.detections}))
        result.facts = _facts(exposures, head, result.detections)
        return result

    def _scan_page(self, page: TextPage, view: PageView, masked_ids, exposures) -> list[Detection]:
        text = view.text
        candidates: list[tuple[Recognizer, Candidate]] = []
        spans = view.run_spans
        for run in find_runs(text):
            spans.append((run.start, run.end))
            i, n = 0, len(run.groups)
            while i < n:
                for rec in self._recognizers:
                    cand = rec.match(run, i, view)
                    if cand is not None:
                        candidates.append((rec, cand))
                        i = cand.window.j + cand.extra_groups
                        break
                else:
                    i += 1
        if not candidates:
            return []
        view.list_like = len(candidates) >= 3
        # IDs first: a phone on the same row as a person's ID is that person's phone.
        candidates.sort(key=lambda rc: rc[1].kind is not Kind.NATIONAL_ID)
        out = []
        for rec, cand in candidates:
            det = self._detection(rec, cand, page, view)
            if det.kind is Kind.NATIONAL_ID:
                if det.personal:
                    view.mark_person_id(det.start)
                if det.status is not Status.UNMASKED and det.personal:
                    masked_ids.append((cand.value, det))
            if det.exposure:
                exposures.append((det, view))
            out.append(det)
        out.sort(key=lambda d: d.start)
        return out

    def _detection(self, rec: Recognizer, cand: Candidate, page: TextPage, view: PageView) -> Detection:
        value = cand.value
        digits = value[2:] if cand.kind is Kind.LASER_CODE else value
        hidden = digits.count("X")
        status = self._rule.status(hidden=hidden, visible=len(digits) - hidden)
        verdict = rec.classify(cand, view)
        start, end = cand.window.start, cand.end or cand.window.end
        display = rec.display(value)
        reasons = [*cand.reasons, *verdict.reasons, f"{hidden} of {len(digits)} digits hidden"]
        needs_review = verdict.needs_review
        thai_digits = _HAS_THAI_DIGIT.search(view.text, start, end) is not None
        if thai_digits:
            reasons.append("written in Thai digits")
        if page.ocr:
            reasons.append("read by OCR")
            if thai_digits:
                # Tesseract's Thai models misread ๐-๙: the value may be wrong, never trust it blindly.
                reasons.append("OCR of Thai digits is unreliable: check by eye")
                needs_review = True
        # positional: this runs once per number found, and keywords cost measurably more
        return Detection(
            cand.kind,
            status,
            verdict.personal,
            display,
            fingerprint(self._key, value) if status is Status.UNMASKED else None,
            page.number,
            view.snippet(start, end, display),
            cand.pattern,
            tuple(reasons),
            needs_review,
            start,
            end,
            page.ocr,
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
                    fp = fingerprint(self._key, joined)
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


def _facts(exposures: list[tuple[Detection, PageView]], head: str, detections: list[Detection]) -> DocumentFacts:
    if not exposures:
        return DocumentFacts()
    # A sample of the exposed rows is enough to say what travels with the numbers; the whole
    # of a 5,000-row list would cost more than finding the numbers did.
    rows = "\n".join(dict.fromkeys(view.line(d.start, d.end) for d, view in exposures[:FACT_SAMPLE_ROWS]))
    names = bool(cues.PERSON_TITLE.search(rows))
    addresses = bool(cues.ADDRESS.search(rows))
    birth = bool((cues.BIRTH.search(head) or cues.BIRTH.search(rows)) and cues.DATE.search(rows))
    sensitive = cues.sensitive_categories(f"{head[:TITLE_CHARS]}\n{rows}")
    return DocumentFacts(
        people_exposed=_count_people(exposures),
        names=names,
        addresses=addresses,
        birth_dates=birth,
        sensitive=sensitive,
    )


def _count_people(exposures: list[tuple[Detection, PageView]]) -> int:
    """Distinct people: one per row, rows holding the same ID fingerprint counted once."""
    rows: dict[tuple[int, int], list[Detection]] = {}
    for det, view in exposures:
        rows.setdefault((id(view), view.text.rfind("\n", 0, det.start)), []).append(det)
    seen: set[str] = set()
    people = 0
    for dets in rows.values():
        ids = [d.fingerprint for d in dets if d.kind is Kind.NATIONAL_ID and d.fingerprint]
        if ids and all(fp in seen for fp in ids):
            continue
        seen.update(ids)
        people += 1
    return people


def _ocr_notes(page: TextPage, found: list[Detection], view: PageView) -> list[str]:
    where = f"page {page.number}" if page.number is not None else "an image"
    notes = []
    if cues.ID_CUE.search(view.text) and not any(d.kind is Kind.NATIONAL_ID for d in found):
        notes.append(
            f"{where} was read by OCR and mentions ID numbers, but OCR read none: "
            "numbers written in Thai digits (๐-๙) cannot be read by OCR; check this page by eye"
        )
    return notes


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
