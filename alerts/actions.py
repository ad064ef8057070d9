"""What people do to an incident: the coordinator acknowledges it or reports it fixed; the
monitoring team marks false positives, edits the risk factors, closes, or writes a note. Each
action goes through the lifecycle and leaves a line in the timeline with who did it."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from alerts import assess
from alerts.grouping import SyncResult, refresh
from alerts.lifecycle import get_incident, record, transition
from alerts.risk import FACTORS, RiskFactors, with_overrides
from eagle_eye.errors import IncidentError
from eagle_eye.models import ACTIVE_STATUSES, Finding, Incident, IncidentStatus

S = IncidentStatus


def acknowledge(session: Session, *, incident_id: int, actor: str, now: datetime) -> Incident:
    """The coordinator knows. Acknowledging twice is harmless; a finished incident stays as it is."""
    incident = get_incident(session, incident_id)
    if incident.status in (S.OPEN, S.NOTIFIED, S.REOPENED):
        transition(session, incident, S.ACKNOWLEDGED, now=now, actor=actor, detail="ผู้ประสานงานรับทราบเรื่องแล้ว")
    return incident


def report_fixed(session: Session, *, incident_id: int, actor: str, now: datetime) -> Incident:
    """The coordinator says it is fixed. Not a remediation: the next verification re-fetches this
    incident's documents first, and only what it finds can remediate it."""
    incident = acknowledge(session, incident_id=incident_id, actor=actor, now=now)
    if incident.status in ACTIVE_STATUSES:
        incident.fix_reported_at = now
        session.add(incident)
        record(session, incident, "fix_reported", now=now, actor=actor,
               detail="ผู้ประสานงานแจ้งว่าแก้ไขแล้ว รอระบบตรวจซ้ำเพื่อยืนยัน")
    return incident


def mark_false_positive(session: Session, *, finding_id: int, actor: str, now: datetime, reason: str = "") -> Incident | None:
    """Not personal data after all. The finding stays suppressed across re-crawls (its row is keyed
    by document and fingerprint); its incident is regrouped, and closed if nothing real remains."""
    finding = session.get(Finding, finding_id)
    if finding is None:
        raise IncidentError(f"no finding {finding_id}")
    if finding.suppressed_at is not None:
        return session.get(Incident, finding.incident_id) if finding.incident_id else None
    finding.suppressed_at, finding.suppressed_by = now, actor[:100]
    session.add(finding)
    session.flush()
    if finding.incident_id is None:
        return None
    incident = session.get(Incident, finding.incident_id)
    record(session, incident, "false_positive", now=now, actor=actor,
           detail=f"{finding.display} (หน้า {finding.page or '-'}) ไม่ใช่ข้อมูลส่วนบุคคล" + (f": {reason}" if reason else ""))
    if incident.status in ACTIVE_STATUSES:
        refresh(session, incident, now=now, result=SyncResult())
    return incident


def edit_risk(session: Session, *, incident_id: int, overrides: dict[str, int], actor: str, now: datetime,
              replace: bool = False) -> Incident:
    """The monitoring team's values for the factors the crawler cannot know (or got wrong).
    ``replace``: these are all the team's values (a factor left out goes back to automatic)."""
    incident = get_incident(session, incident_id)
    unknown = set(overrides) - set(FACTORS)
    if unknown:
        raise IncidentError(f"unknown risk factor(s): {', '.join(sorted(unknown))}")
    auto = RiskFactors.from_dict(incident.risk_factors) if incident.risk_factors else None
    if auto is None:
        raise IncidentError(f"incident {incident_id} has not been assessed yet")
    try:
        factors = with_overrides(auto, overrides)
    except ValueError as exc:
        raise IncidentError(str(exc)) from None
    before = assess.effective_factors(incident)
    if replace:
        factors = with_overrides(auto, overrides)
    incident.risk_overrides = dict(overrides) if replace else {**(incident.risk_overrides or {}), **overrides}
    incident.risk_score, incident.risk_level = factors.score, factors.level.value
    incident.updated_at = now
    session.add(incident)
    after = factors.as_dict()
    changes = ", ".join(f"{name} {before.as_dict()[name]}→{after[name]}" for name in sorted(after)
                        if before.as_dict()[name] != after[name]) or "ไม่เปลี่ยนแปลง"
    record(session, incident, "risk_edited", now=now, actor=actor,
           detail=f"{changes}; คะแนนรวม {before.score}→{factors.score} ({factors.level.thai})")
    return incident


def close(session: Session, *, incident_id: int, actor: str, now: datetime, reason: str) -> Incident:
    incident = get_incident(session, incident_id)
    transition(session, incident, S.CLOSED, now=now, actor=actor, detail=reason)
    return incident


def note(session: Session, *, incident_id: int, actor: str, now: datetime, text: str) -> Incident:
    incident = get_incident(session, incident_id)
    record(session, incident, "note", now=now, actor=actor, detail=text)
    return incident
