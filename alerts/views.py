"""What an incident looks like to the people told about it: masked values only, ready for a
template. Built once per email or document from the database, never holding a raw number."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from alerts import links
from alerts.assess import Exposure, effective_factors, exposure_key, online_exposures
from eagle_eye.models import Document, Finding, Incident, Organisation, OrganisationPublic
from eagle_eye.settings import Settings

#: PDPA s.37(4): notify PDPC within 72 hours of becoming aware.
NOTIFY_WITHIN = timedelta(hours=72)
#: An email lists this many documents; the rest are on the dashboard.
EMAIL_DOCUMENTS = 15
EXAMPLES_PER_DOCUMENT = 3


@dataclass(frozen=True, slots=True)
class DocumentView:
    url: str  # masked
    pages: tuple[int, ...]
    people: int
    kinds: dict[str, int]
    examples: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class IncidentView:
    id: int
    status: str
    org: OrganisationPublic
    risk_score: int
    risk_level: str
    risk_factors: dict[str, int]
    risk_reasons: dict[str, str]
    finding_count: int
    people_exposed: int
    kinds: dict[str, int]
    sensitive: tuple[str, ...]
    names: bool
    addresses: bool
    birth_dates: bool
    opened_at: datetime
    deadline: datetime
    notified_at: datetime | None
    remediated_at: datetime | None
    documents: tuple[DocumentView, ...]
    incident_url: str
    ack_url: str
    now: datetime

    @property
    def overdue(self) -> bool:
        return self.now >= self.deadline

    @property
    def more_documents(self) -> int:
        return max(0, len(self.documents) - EMAIL_DOCUMENTS)


def incident_url(settings: Settings, incident_id: int) -> str:
    return f"{settings.dashboard_url.rstrip('/')}/incidents/{incident_id}"


def ack_url(settings: Settings, incident_id: int, *, now: datetime) -> str:
    token = links.sign(settings.secret_key_bytes(), incident_id, now=now)
    return f"{settings.dashboard_url.rstrip('/')}/ack/{token}"


def build(session: Session, incident: Incident, *, settings: Settings, now: datetime,
          online_only: bool = True) -> IncidentView:
    """The incident as emails and documents show it. ``online_only=False`` keeps documents
    already taken down (for reports written after the fact)."""
    # a plain copy: the view outlives the session (a template renders after the commit)
    org = OrganisationPublic.model_validate(session.get(Organisation, incident.org_id))
    exposures = online_exposures(session, incident.id) if online_only else _all_exposures(session, incident.id)
    documents = _documents(session, exposures)
    facts = [d.facts or {} for d in session.exec(select(Document).where(col(Document.id).in_({e.document_id for e in exposures})))]
    factors = effective_factors(incident) if incident.risk_factors else None
    kinds = Counter(e.kind for e in {exposure_key(e): e for e in exposures}.values())
    return IncidentView(
        id=incident.id, status=incident.status.value, org=org, risk_score=incident.risk_score,
        risk_level=incident.risk_level, risk_factors=factors.as_dict() if factors else {},
        risk_reasons=dict(incident.risk_reasons or {}), finding_count=incident.finding_count,
        people_exposed=incident.people_exposed, kinds=dict(kinds),
        sensitive=tuple(sorted({c for f in facts for c in f.get("sensitive", ())})),
        names=any(f.get("names") for f in facts), addresses=any(f.get("addresses") for f in facts),
        birth_dates=any(f.get("birth_dates") for f in facts),
        opened_at=incident.opened_at, deadline=incident.opened_at + NOTIFY_WITHIN, notified_at=incident.notified_at,
        remediated_at=incident.remediated_at, documents=documents,
        incident_url=incident_url(settings, incident.id), ack_url=ack_url(settings, incident.id, now=now), now=now,
    )


def _all_exposures(session: Session, incident_id: int) -> list[Exposure]:
    rows = session.exec(
        select(Finding.id, Finding.document_id, Finding.kind, Finding.status, Finding.fingerprint, Finding.identity,
               Finding.display, Finding.page)
        .where(Finding.incident_id == incident_id, col(Finding.suppressed_at).is_(None))
        .order_by(Finding.document_id, Finding.id)
    ).all()
    return [Exposure(*row) for row in rows]


def _documents(session: Session, exposures: list[Exposure]) -> tuple[DocumentView, ...]:
    by_doc: dict[int, list[Exposure]] = defaultdict(list)
    for e in exposures:
        by_doc[e.document_id].append(e)
    docs = {d.id: d for d in session.exec(select(Document).where(col(Document.id).in_(by_doc)))}
    views = []
    for doc_id, found in by_doc.items():
        doc = docs[doc_id]
        unique = list({exposure_key(e): e for e in found}.values())
        people = int((doc.facts or {}).get("people_exposed", 0)) or len(unique)
        views.append(DocumentView(
            url=doc.url, pages=tuple(sorted({e.page for e in found if e.page is not None})),
            people=min(people, len(unique)), kinds=dict(Counter(e.kind for e in unique)),
            examples=tuple(e.display for e in unique[:EXAMPLES_PER_DOCUMENT]),
        ))
    # the worst first: a phone reader sees what matters before scrolling
    return tuple(sorted(views, key=lambda v: (-v.people, v.url)))
