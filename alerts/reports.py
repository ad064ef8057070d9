"""The incident's prefilled documents (PDPC breach report, notice to affected people), built
from the database: the bridge between the stored incident and alerts.documents."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from alerts import documents, views
from alerts.assess import online_hours
from alerts.lifecycle import get_incident
from eagle_eye.models import Document, Finding
from eagle_eye.settings import Settings

WHICH = {"report": documents.BREACH_REPORT, "notice": documents.SUBJECT_NOTICE}


def report_view(session: Session, *, incident_id: int, settings: Settings, now: datetime) -> documents.IncidentReportView:
    incident = get_incident(session, incident_id)
    # documents already taken down stay in the report: it is about what happened
    view = views.build(session, incident, settings=settings, now=now, online_only=False)
    return documents.IncidentReportView(
        incident_id=view.id, org_name=view.org.name, org_type=view.org.org_type.value, province=view.org.province,
        district=view.org.district, coordinator_name=view.org.coordinator_name,
        coordinator_email=view.org.coordinator_email, coordinator_phone=view.org.coordinator_phone,
        found_at=view.opened_at, online_since=_online_since(session, incident_id), deadline=view.deadline,
        risk_score=view.risk_score, risk_level=view.risk_level, risk_factors=view.risk_factors,
        people_exposed=view.people_exposed, kinds=view.kinds, names=view.names, addresses=view.addresses,
        birth_dates=view.birth_dates, sensitive=view.sensitive,
        documents=tuple(documents.ReportDocument(url=d.url, pages=d.pages, people=d.people, kinds=d.kinds,
                                                 examples=d.examples) for d in view.documents),
        status=view.status, remediated_at=view.remediated_at, incident_url=view.incident_url,
    )


def render(session: Session, *, incident_id: int, which: str, fmt: str, settings: Settings, now: datetime
           ) -> tuple[str, bytes]:
    """(file name, bytes) of ``which`` ("report" or "notice") as ``fmt`` ("docx" or "pdf")."""
    if which not in WHICH or fmt not in documents.FORMATS:
        raise ValueError(f"no such document: {which}.{fmt}")
    view = report_view(session, incident_id=incident_id, settings=settings, now=now)
    if which == "report":
        data = documents.render_breach_report(view, fmt, now=now)
    else:
        data = documents.render_subject_notice(view, fmt)
    return documents.report_filename(view, WHICH[which], fmt), data


def _online_since(session: Session, incident_id: int) -> datetime | None:
    """The earliest moment any of its documents is known to have been online, if known."""
    docs = session.exec(
        select(Document).distinct().join(Finding, col(Finding.document_id) == Document.id)
        .where(Finding.incident_id == incident_id)
    ).all()
    known = []
    for doc in docs:
        hours = online_hours(session, doc)
        if hours is None:
            continue
        known.append(doc.first_seen_at - timedelta(hours=hours))
    return min(known, default=None)
