"""From findings to incidents, after every crawl.

* An organisation's new exposures join its one active incident (or open one): one email per
  organisation and round, never one per number.
* The same number (fingerprint) in another document of the organisation is the same exposure:
  it joins the incident that already holds it.
* An exposure that comes back after its incident was remediated or closed reopens that incident.
* An active incident none of whose exposures is still online is remediated: the crawl (or a
  re-check of its documents) proved them gone or masked. A coordinator's word is not enough.
* An incident whose remaining findings were all marked false positives is closed.

An exposure is a personal finding, unmasked or under-masked, not suppressed. It is online while
its finding has no ``gone_at`` and its document is not gone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Session, col, select

from alerts import assess
from alerts.lifecycle import record, transition
from eagle_eye.models import ACTIVE_STATUSES, Document, Finding, Incident, IncidentStatus

S = IncidentStatus
_FINISHED = (S.REMEDIATED, S.CLOSED)


@dataclass
class SyncResult:
    opened: list[int] = field(default_factory=list)
    reopened: list[int] = field(default_factory=list)
    #: active incidents that gained exposures this time (already notified ones get an update email)
    grew: dict[int, int] = field(default_factory=dict)
    remediated: list[int] = field(default_factory=list)
    closed: list[int] = field(default_factory=list)


def sync_incidents(session: Session, *, now: datetime, org_ids: Iterable[str] | None = None) -> SyncResult:
    """Group the organisations' (all if None) findings into incidents; see the module docstring."""
    result = SyncResult()
    orgs = None if org_ids is None else sorted(set(org_ids))
    touched: set[int] = set()
    _attach_new(session, orgs, now=now, result=result, touched=touched)
    active = select(Incident).where(col(Incident.status).in_([s.value for s in ACTIVE_STATUSES]))
    if orgs is not None:
        active = active.where(col(Incident.org_id).in_(orgs))
    incidents = {i.id: i for i in session.exec(active)}
    for incident_id in touched - incidents.keys():
        incidents[incident_id] = session.get(Incident, incident_id)
    for incident in incidents.values():
        refresh(session, incident, now=now, result=result)
    return result


def _attach_new(session: Session, orgs: list[str] | None, *, now: datetime, result: SyncResult,
                touched: set[int]) -> None:
    """Online exposures with no incident, or whose incident is finished: give each its incident."""
    query = (
        select(Finding.id, Finding.org_id, Finding.fingerprint, Finding.incident_id, Incident.status)
        .join(Document, col(Document.id) == Finding.document_id)
        .outerjoin(Incident, col(Incident.id) == Finding.incident_id)
        .where(assess.is_exposure(), assess.is_online())
        .where(sa.or_(col(Finding.incident_id).is_(None), col(Incident.status).in_([s.value for s in _FINISHED])))
        .order_by(Finding.org_id, Finding.id)
    )
    if orgs is not None:
        query = query.where(col(Finding.org_id).in_(orgs))
    pending = session.exec(query).all()
    if not pending:
        return
    by_fingerprint = _incidents_by_fingerprint(session, {r.org_id for r in pending},
                                               {r.fingerprint for r in pending if r.fingerprint})
    current: dict[str, Incident] = {}  # org_id -> its active incident, opened or found on first need
    assign: dict[int, list[int]] = {}
    for row in pending:
        incident_id = row.incident_id or by_fingerprint.get((row.org_id, row.fingerprint))
        if incident_id is not None:
            incident = session.get(Incident, incident_id)
            if incident.status in _FINISHED:
                transition(session, incident, S.REOPENED, now=now, detail="พบข้อมูลที่เคยแก้ไขแล้วกลับมาเผยแพร่อีกครั้ง")
                result.reopened.append(incident.id)
            if incident.status in ACTIVE_STATUSES:
                current.setdefault(row.org_id, incident)
        else:
            incident = current.get(row.org_id) or _active_incident(session, row.org_id)
            if incident is None:
                incident = Incident(org_id=row.org_id, opened_at=now, updated_at=now)
                session.add(incident)
                session.flush()
                record(session, incident, "opened", now=now, detail="Eagle Eye พบข้อมูลส่วนบุคคลเปิดเผยบนเว็บไซต์")
                result.opened.append(incident.id)
            current[row.org_id] = incident
        if row.incident_id != incident.id:
            assign.setdefault(incident.id, []).append(row.id)
        touched.add(incident.id)
    for incident_id, finding_ids in assign.items():
        for chunk in _chunks(finding_ids, 500):
            session.exec(sa.update(Finding).where(col(Finding.id).in_(chunk)).values(incident_id=incident_id))
    session.flush()


def _incidents_by_fingerprint(session: Session, orgs: set[str], fingerprints: set[str]) -> dict[tuple[str, str], int]:
    """(org_id, fingerprint) -> the incident already holding that number in another document."""
    found: dict[tuple[str, str], int] = {}
    for chunk in _chunks(sorted(fingerprints), 500):
        rows = session.exec(
            select(Finding.org_id, Finding.fingerprint, Finding.incident_id)
            .where(col(Finding.fingerprint).in_(chunk), col(Finding.org_id).in_(sorted(orgs)),
                   col(Finding.incident_id).is_not(None))
            .order_by(col(Finding.incident_id).desc())
        )
        for org_id, fingerprint, incident_id in rows:
            found.setdefault((org_id, fingerprint), incident_id)  # the newest incident holding it
    return found


def _active_incident(session: Session, org_id: str) -> Incident | None:
    return session.exec(
        select(Incident).where(Incident.org_id == org_id, col(Incident.status).in_([s.value for s in ACTIVE_STATUSES]))
        .order_by(col(Incident.opened_at).desc())
    ).first()


def refresh(session: Session, incident: Incident, *, now: datetime, result: SyncResult) -> None:
    """Counts and risk from what is online now; remediated or closed when nothing is."""
    online = assess.online_exposures(session, incident.id)
    if not online:
        if _all_false_positives(session, incident.id):
            transition(session, incident, S.CLOSED, now=now,
                       detail="ทีมเฝ้าระวังตรวจแล้ว ทุกรายการไม่ใช่ข้อมูลส่วนบุคคล (false positive)")
            result.closed.append(incident.id)
        else:
            transition(session, incident, S.REMEDIATED, now=now, detail=assess.remediation_detail(session, incident.id))
            result.remediated.append(incident.id)
        incident.last_verified_at = now
        return
    before = incident.finding_count
    assess.update_incident(session, incident, online, now=now)
    if incident.finding_count > before and before and incident.id not in result.opened + result.reopened:
        result.grew[incident.id] = incident.finding_count - before
        record(session, incident, "findings_added", now=now,
               detail=f"พบเพิ่ม {incident.finding_count - before} รายการ รวม {incident.finding_count} รายการ")


def _all_false_positives(session: Session, incident_id: int) -> bool:
    """Every finding was marked a false positive: nothing was ever really exposed. (Some gone and
    the rest suppressed is a remediation: the real ones were taken down.)"""
    unsuppressed = session.exec(
        select(sa.func.count()).select_from(Finding)
        .where(Finding.incident_id == incident_id, col(Finding.suppressed_at).is_(None))
    ).one()
    return unsuppressed == 0


def _chunks(items: list, size: int) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]
