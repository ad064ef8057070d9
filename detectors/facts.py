"""What a document says about the people it exposes (for the risk score), and what OCR missed."""

from __future__ import annotations

from detectors import context as cues
from detectors.base import Detection, DocumentFacts, Kind, TextPage
from detectors.page import PageView

#: Title and table header: where a list says what it is about (sensitive by its title alone).
TITLE_CHARS = 800
#: A sample of the exposed rows is enough to say what travels with the numbers.
FACT_SAMPLE_ROWS = 10


def document_facts(exposures: list[tuple[Detection, PageView]], head: str) -> DocumentFacts:
    """What travels with the exposed numbers: feeds the risk score."""
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


def ocr_notes(page: TextPage, found: list[Detection], view: PageView) -> list[str]:
    """Say what OCR could not see: it reads no Thai digits, so silence is not 'clean'."""
    where = f"page {page.number}" if page.number is not None else "an image"
    notes = []
    if cues.ID_CUE.search(view.text) and not any(d.kind is Kind.NATIONAL_ID for d in found):
        notes.append(
            f"{where} was read by OCR and mentions ID numbers, but OCR read none: "
            "numbers written in Thai digits (๐-๙) cannot be read by OCR; check this page by eye"
        )
    return notes
