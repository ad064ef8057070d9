"""What an incident exposes now, and its risk: the facts the crawler knows, fed to alerts.risk.

People are counted approximately, as PDPC's form asks ("approximate number of people"): the sum
of each document's distinct people, less the ID numbers seen in more than one document, and never
more than the distinct exposed numbers.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import NamedTuple

import sqlalchemy as sa
from sqlmodel import Session, col, select

from alerts.risk import ExposureFacts, RiskFactors, assess, with_overrides
from eagle_eye.models import CrawlRun, Document, DocumentState, Finding, Incident


class Exposure(NamedTuple):
    finding_id: int
    document_id: int
    kind: str
    status: str
    fingerprint: str | None
    identity: str
    display: str
    page: int | None


def is_exposure():  # noqa: ANN201 - a SQL condition on Finding
    """What an incident is about: a personal number, unmasked or under-masked, not a false positive."""
    return sa.and_(col(Finding.personal).is_(True), Finding.status != "masked", col(Finding.suppressed_at).is_(None))


def is_online():  # noqa: ANN201 - a SQL condition on Finding joined to Document
    """Still there: the last read of its document found it, and the document is not gone."""
    return sa.and_(col(Finding.gone_at).is_(None), Document.state != DocumentState.GONE.value)


def online_exposures(session: Session, incident_id: int) -> list[Exposure]:
    rows = session.exec(
        select(Finding.id, Finding.document_id, Finding.kind, Finding.status, Finding.fingerprint, Finding.identity,
               Finding.display, Finding.page)
        .join(Document, col(Document.id) == Finding.document_id)
        .where(Finding.incident_id == incident_id, is_exposure(), is_online())
        .order_by(Finding.document_id, Finding.id)
    ).all()
    return [Exposure(*row) for row in rows]


def exposure_key(e: Exposure) -> str:
    """One number is one exposure, however many documents show it."""
    return e.fingerprint or e.identity


def update_incident(session: Session, incident: Incident, online: list[Exposure], *, now: datetime) -> None:
    documents = {d.id: d for d in session.exec(select(Document).where(col(Document.id).in_({e.document_id for e in online})))}
    facts = exposure_facts(session, online, documents)
    assessment = assess(facts)
    factors = with_overrides(assessment.factors, incident.risk_overrides or {})
    incident.finding_count = len({exposure_key(e) for e in online})
    incident.document_count = len(documents)
    incident.people_exposed = facts.people_exposed or 0
    incident.risk_factors = assessment.factors.as_dict()
    incident.risk_reasons = dict(assessment.reasons)
    incident.risk_score, incident.risk_level = factors.score, factors.level.value
    incident.updated_at = now
    session.add(incident)


def effective_factors(incident: Incident) -> RiskFactors:
    return with_overrides(RiskFactors.from_dict(incident.risk_factors), incident.risk_overrides or {})


def exposure_facts(session: Session, online: list[Exposure], documents: dict[int, Document]) -> ExposureFacts:
    ids = [e.fingerprint for e in online if e.kind == "national_id" and e.fingerprint]
    repeated_ids = len(ids) - len(set(ids))
    people = sum(int((d.facts or {}).get("people_exposed", 0)) for d in documents.values()) - repeated_ids
    people = max(0, min(people, len({exposure_key(e) for e in online})))
    facts = [d.facts or {} for d in documents.values()]
    hours = [online_hours(session, d) for d in documents.values()]
    return ExposureFacts(
        # a document stored before facts were kept says nothing about people: unknown, not zero
        people_exposed=people if all("people_exposed" in f for f in facts) else None,
        kinds=frozenset(e.kind for e in online),
        names=any(f.get("names") for f in facts),
        addresses=any(f.get("addresses") for f in facts),
        birth_dates=any(f.get("birth_dates") for f in facts),
        sensitive=tuple(sorted({c for f in facts for c in f.get("sensitive", ())})),
        online_hours=None if any(h is None for h in hours) else max(hours, default=None),
        public=True,
    )


def online_hours(session: Session, document: Document) -> float | None:
    """How long it was online before we found it: from its Last-Modified header if the site sent
    one, else at most since the organisation's previous crawl that did not see it; unknown when
    this was the first look at the site."""
    found = document.first_seen_at
    if document.last_modified:
        try:
            modified = parsedate_to_datetime(document.last_modified)
        except (TypeError, ValueError):
            modified = None
        if modified is not None and modified.tzinfo is not None and modified <= found:
            return (found - modified).total_seconds() / 3600
    earlier = session.exec(
        select(CrawlRun.started_at, CrawlRun.org_ids)
        .where(col(CrawlRun.finished_at).is_not(None), col(CrawlRun.finished_at) <= found,
               col(CrawlRun.recheck).is_(False))
        .order_by(col(CrawlRun.started_at).desc()).limit(200)
    ).all()
    for started_at, org_ids in earlier:  # the newest earlier crawl of this organisation
        if document.org_id in (org_ids or ()):
            return (found - started_at).total_seconds() / 3600
    return None


def remediation_detail(session: Session, incident_id: int) -> str:
    """Why the crawl says it is fixed, for the timeline."""
    rows = session.exec(
        select(Finding.document_id, Document.state).join(Document, col(Document.id) == Finding.document_id)
        .where(Finding.incident_id == incident_id, col(Finding.suppressed_at).is_(None))
    ).all()
    states = Counter(state for _, state in {(d, s) for d, s in rows})
    removed = states.get(DocumentState.GONE.value, 0)
    changed = sum(states.values()) - removed
    parts = []
    if removed:
        parts.append(f"เอกสาร {removed} รายการถูกนำออกจากเว็บไซต์แล้ว")
    if changed:
        parts.append(f"เอกสาร {changed} รายการไม่แสดงเลขดังกล่าวแล้ว (ลบออกหรือปกปิดแล้ว)")
    return "ตรวจซ้ำแล้ว: " + " และ ".join(parts) if parts else "ตรวจซ้ำแล้ว: ไม่พบข้อมูลที่เปิดเผย"
