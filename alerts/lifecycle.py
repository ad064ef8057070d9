"""The incident lifecycle: one status, one timestamp per transition, and an event for each.

    open ──► notified ──► acknowledged ──► remediated ──► closed
      │          │              │              │  ▲          │
      └──────────┴──────────────┴──► remediated│  │          │
                                               ▼  │          │
                                            reopened ◄───────┘

Every status change goes through :func:`transition`, which checks the move, stamps the time and
writes the timeline; anything else worth a line in the timeline goes through :func:`record`.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from eagle_eye.errors import IncidentError
from eagle_eye.models import Incident, IncidentEvent, IncidentStatus

S = IncidentStatus

ALLOWED: dict[IncidentStatus, frozenset[IncidentStatus]] = {
    S.OPEN: frozenset({S.NOTIFIED, S.ACKNOWLEDGED, S.REMEDIATED, S.CLOSED}),
    S.REOPENED: frozenset({S.NOTIFIED, S.ACKNOWLEDGED, S.REMEDIATED, S.CLOSED}),
    S.NOTIFIED: frozenset({S.ACKNOWLEDGED, S.REMEDIATED, S.CLOSED}),
    S.ACKNOWLEDGED: frozenset({S.REMEDIATED, S.CLOSED}),
    S.REMEDIATED: frozenset({S.REOPENED, S.CLOSED}),
    S.CLOSED: frozenset({S.REOPENED}),
}

_STAMP = {
    S.NOTIFIED: "notified_at", S.ACKNOWLEDGED: "acknowledged_at", S.REMEDIATED: "remediated_at",
    S.CLOSED: "closed_at", S.REOPENED: "reopened_at",
}


def transition(session: Session, incident: Incident, to: IncidentStatus, *, now: datetime, actor: str = "system",
               detail: str = "") -> IncidentEvent:
    """Move the incident to ``to``; raises IncidentError if its lifecycle does not allow it."""
    if to not in ALLOWED[incident.status]:
        raise IncidentError(f"incident {incident.id} is {incident.status.value}: it cannot become {to.value}")
    before = incident.status
    incident.status = to
    setattr(incident, _STAMP[to], now)
    if to is S.REOPENED:
        # a new round: the coordinator is told again, and reminders and escalation start over
        incident.last_reminder_at, incident.reminder_count, incident.escalated_at = None, 0, None
        incident.fix_reported_at = None
    incident.updated_at = now
    session.add(incident)
    return _event(session, incident, "status", now=now, actor=actor, detail=detail, from_status=before.value,
                  to_status=to.value)


def record(session: Session, incident: Incident, kind: str, *, now: datetime, actor: str = "system",
           detail: str = "") -> IncidentEvent:
    """A timeline line that is not a status change (email sent, reminder, risk edited ...)."""
    return _event(session, incident, kind, now=now, actor=actor, detail=detail)


def _event(session: Session, incident: Incident, kind: str, *, now: datetime, actor: str, detail: str,
           from_status: str | None = None, to_status: str | None = None) -> IncidentEvent:
    if incident.id is None:
        session.flush()  # a new incident needs its id before its first event
    event = IncidentEvent(incident_id=incident.id, at=now, kind=kind, actor=actor[:100], detail=detail,
                          from_status=from_status, to_status=to_status)
    session.add(event)
    return event


def get_incident(session: Session, incident_id: int) -> Incident:
    incident = session.get(Incident, incident_id)
    if incident is None:
        raise IncidentError(f"no incident {incident_id}")
    return incident
