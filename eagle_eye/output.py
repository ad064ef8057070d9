"""How scan results are printed: JSON lines for machines, a table for people.

Only masked values reach these functions; nothing here can print a raw identifier.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from detectors.base import Detection, DocumentFacts
from eagle_eye.scanning import FileResult


def detection_record(source: str, det: Detection, org_id: str | None = None) -> dict:
    return {
        "source": source,
        "org_id": org_id,
        "kind": det.kind.value,
        "status": det.status.value,
        "personal": det.personal,
        "display": det.display,
        "fingerprint": det.fingerprint,
        "page": det.page,
        "context": det.context,
        "pattern": det.pattern,
        "reasons": list(det.reasons),
        "needs_review": det.needs_review,
        "ocr": det.ocr,
    }


def jsonl_lines(result: FileResult) -> Iterator[str]:
    for det in result.detections:
        yield json.dumps(detection_record(result.source, det), ensure_ascii=False)


def facts_summary(facts: DocumentFacts) -> str:
    parts = [f"{facts.people_exposed} {'person' if facts.people_exposed == 1 else 'people'} exposed"]
    travels = [name for name, on in (("names", facts.names), ("addresses", facts.addresses), ("birth dates", facts.birth_dates)) if on]
    if travels:
        parts.append("with " + ", ".join(travels))
    if facts.sensitive:
        parts.append("SENSITIVE: " + ", ".join(facts.sensitive))
    return "; ".join(parts)


def table_lines(result: FileResult) -> Iterator[str]:
    if not result.detections:
        return
    exposures = result.exposures
    header = f"== {result.source}"
    if result.media_type:
        header += f"  ({result.media_type}, {result.pages} page{'s' if result.pages != 1 else ''})"
    yield header
    if exposures:
        yield f"   {len(exposures)} exposure{'s' if len(exposures) != 1 else ''}: {facts_summary(result.facts)}"
    else:
        yield "   no exposure: every personal identifier is masked or none is personal"
    yield f"   {'page':>4}  {'kind':<11}  {'status':<12}  {'personal':<8}  {'display':<19}  why"
    for det in result.detections:
        page = "" if det.page is None else str(det.page)
        personal = "yes" if det.personal else "no"
        if det.needs_review:
            personal += " ?"
        why = det.pattern.split(".", 1)[-1] + "; " + _key_reason(det)
        flag = "!" if det.exposure else " "
        yield f" {flag} {page:>4}  {det.kind.value:<11}  {det.status.value:<12}  {personal:<8}  {det.display:<19}  {why}"
        yield f"   {'':>4}  … {det.context}"
    yield ""


def _key_reason(det: Detection) -> str:
    # The reason that decided `personal` is the one a person wants to see first.
    skip = ("checksum valid", "mobile number", "landline number", "2 letters + 10 digits")
    for reason in det.reasons:
        if reason not in skip and not reason.endswith("digits hidden"):
            return reason
    return det.reasons[0] if det.reasons else ""
