"""What a document says about the people it exposes (for the risk score), and what OCR missed."""

from __future__ import annotations

from detectors import context as cues
from detectors.base import Detection, DocumentFacts, Kind, TextPage
from detectors.page import PageView

#: Title and table header: where a list says what it is about (sensitive by its title alone).
TITLE_CHARS = 800
#: A sample of the exposed rows is enough to say what travels with the numbers.
FACT_SAMPLE_ROWS = 10
#: Most documents expose no one; their facts are all the same (and frozen, so shareable).
_NOTHING_EXPOSED = DocumentFacts()


def document_facts(exposures: list[tuple[Detection, PageView]], head: str) -> DocumentFacts:
    """What travels with the exposed numbers: feeds the risk score."""
    if not exposures:
        return _NOTHING_EXPOSED
    # A sample of the exposed rows is enough to say what travels with the numbers; the whole
    # of a 5,000-row list would cost more than finding the numbers did.
    rows = "\n".join(dict.fromkeys(view.line(d.start, d.end) for d, view in exposures[:FACT_SAMPLE_ROWS]))
    names = bool(cues.PERSON_TITLE.search(rows))
    addresses = bool(cues.ADDRESS.search(rows))
    birth = bool((cues.mentions_birth(head) or cues.mentions_birth(rows)) and cues.DATE.search(rows))
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
    national_id = Kind.NATIONAL_ID  # looked up once: an enum member costs ~0.1 µs per look-up
    rows: dict[tuple[int, int], list[str]] = {}  # row -> fingerprints of the IDs exposed on it
    for det, view in exposures:
        key = (id(view), view.text.rfind("\n", 0, det.start))
        ids = rows.get(key)
        if ids is None:
            ids = rows[key] = []
        if det.kind is national_id and det.fingerprint:
            ids.append(det.fingerprint)
    seen: set[str] = set()
    people = 0
    for ids in rows.values():
        if ids and seen.issuperset(ids):
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
