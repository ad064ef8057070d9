"""What happens after the first email, driven by an explicit clock.

* ``notify``: every open or reopened incident gets its notification queued (once per round).
* ``follow_up``: reminders while an incident is not acknowledged or not remediated, escalation
  to the province coordinator once it stays unremediated too long after the first email, closing
  remediated incidents that stayed clean, and each province coordinator's daily digest.

Every email is queued with a key that names its round (``incident:7:reminder:2``), so running
these again, after a crash or from two processes, queues nothing twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from alerts import emails, thai, views
from alerts.lifecycle import record, transition
from eagle_eye.models import ACTIVE_STATUSES, Incident, IncidentStatus, Organisation
from eagle_eye.settings import Settings

S = IncidentStatus


@dataclass
class FollowUpResult:
    notified: list[int] = field(default_factory=list)
    reminded: list[int] = field(default_factory=list)
    escalated: list[int] = field(default_factory=list)
    closed: list[int] = field(default_factory=list)
    digests: list[str] = field(default_factory=list)
    #: incidents nobody can be told about: no coordinator email in the registry
    unreachable: list[int] = field(default_factory=list)


def recipients(org: Organisation) -> list[str]:
    """The coordinator; the province coordinator stands in when the registry has no coordinator."""
    return [org.coordinator_email] if org.coordinator_email else (
        [org.province_coordinator_email] if org.province_coordinator_email else [])


def notify(session: Session, *, settings: Settings, now: datetime, updates: dict[int, int] | None = None,
           result: FollowUpResult | None = None) -> FollowUpResult:
    """Queue the notification of every open or reopened incident, and an update for each
    already-notified incident in ``updates`` (incident id -> exposures added)."""
    result = result or FollowUpResult()
    env = emails.environment()
    waiting = session.exec(select(Incident).where(col(Incident.status).in_([S.OPEN.value, S.REOPENED.value])))
    for incident in waiting:
        round_start = incident.reopened_at if incident.status is S.REOPENED else incident.opened_at
        if _send(session, env, incident, "notification", key=f"incident:{incident.id}:notification:{_stamp(round_start)}",
                 settings=settings, now=now, result=result):
            result.notified.append(incident.id)
    for incident_id in sorted(updates or {}):
        incident = session.get(Incident, incident_id)
        if incident.status in (S.NOTIFIED, S.ACKNOWLEDGED):
            _send(session, env, incident, "update",
                  key=f"incident:{incident.id}:update:{incident.finding_count}:{_stamp(now)}", settings=settings, now=now,
                  result=result)
    return result


def follow_up(session: Session, *, settings: Settings, now: datetime) -> FollowUpResult:
    result = notify(session, settings=settings, now=now)
    env = emails.environment()
    remind_every = timedelta(hours=settings.alert_reminder_hours)
    escalate_after = timedelta(hours=settings.alert_escalate_hours)
    for incident in session.exec(select(Incident).where(col(Incident.status).in_([S.NOTIFIED.value, S.ACKNOWLEDGED.value]))):
        notified = incident.notified_at or incident.opened_at
        if incident.escalated_at is None and now - notified >= escalate_after:
            if _escalate(session, env, incident, settings=settings, now=now, since=now - notified):
                result.escalated.append(incident.id)
        last_contact = max(t for t in (notified, incident.last_reminder_at) if t is not None)
        if now - last_contact >= remind_every:
            number = incident.reminder_count + 1
            if _send(session, env, incident, "reminder", key=f"incident:{incident.id}:reminder:{_stamp(notified)}:{number}",
                     settings=settings, now=now, result=result, reminder_number=number):
                incident.reminder_count, incident.last_reminder_at = number, now
                session.add(incident)
                record(session, incident, "reminder", now=now, detail=f"ส่งแจ้งเตือนครั้งที่ {number}")
                result.reminded.append(incident.id)
    close_after = timedelta(days=settings.alert_close_after_days)
    for incident in session.exec(select(Incident).where(Incident.status == S.REMEDIATED.value)):
        if incident.remediated_at is not None and now - incident.remediated_at >= close_after:
            transition(session, incident, S.CLOSED, now=now,
                       detail=f"ไม่พบข้อมูลเปิดเผยซ้ำภายใน {settings.alert_close_after_days:g} วันหลังแก้ไข")
            result.closed.append(incident.id)
    result.digests.extend(queue_digests(session, settings=settings, now=now, env=env))
    return result


def _send(session: Session, env, incident: Incident, kind: str, *, key: str, settings: Settings,  # noqa: ANN001
          now: datetime, result: FollowUpResult, reminder_number: int = 0) -> bool:
    org = session.get(Organisation, incident.org_id)
    to = recipients(org)
    if not to:
        if incident.id not in result.unreachable:
            result.unreachable.append(incident.id)
        return False
    view = views.build(session, incident, settings=settings, now=now)
    composed = emails.compose_incident(env, kind, view, reminder_number=reminder_number)
    queued = emails.queue(session, key=key, kind=kind, composed=composed, to=to, incident_id=incident.id,
                          settings=settings, now=now)
    if queued is not None:
        record(session, incident, "email_queued", now=now, detail=f"เตรียมส่งอีเมล ({kind}) ถึง {', '.join(to)}")
    return queued is not None


def _escalate(session: Session, env, incident: Incident, *, settings: Settings, now: datetime,  # noqa: ANN001
              since: timedelta) -> bool:
    org = session.get(Organisation, incident.org_id)
    if not org.province_coordinator_email:
        return False
    view = views.build(session, incident, settings=settings, now=now)
    composed = emails.compose_incident(env, "escalation", view, hours_since_notice=int(since.total_seconds() // 3600))
    cc = [org.coordinator_email] if org.coordinator_email else []
    queued = emails.queue(session, key=f"incident:{incident.id}:escalation:{_stamp(incident.notified_at or incident.opened_at)}",
                          kind="escalation", composed=composed, to=[org.province_coordinator_email], cc=cc,
                          incident_id=incident.id, settings=settings, now=now)
    incident.escalated_at = now
    session.add(incident)
    record(session, incident, "escalated", now=now,
           detail=f"แจ้งผู้ประสานงานจังหวัด{org.province} ({org.province_coordinator_email})")
    return queued is not None


def queue_digests(session: Session, *, settings: Settings, now: datetime, env=None) -> list[str]:  # noqa: ANN001
    """One digest a day per province coordinator with active incidents, from the configured hour
    (Thailand time) on. Returns the provinces queued now."""
    local = thai.local(now)
    if local.hour < settings.alert_digest_hour:
        return []
    env = env or emails.environment()
    rows = session.exec(
        select(Incident, Organisation).join(Organisation, col(Organisation.org_id) == Incident.org_id)
        .where(col(Incident.status).in_([s.value for s in ACTIVE_STATUSES]))
        .order_by(col(Incident.opened_at))
    ).all()
    by_coordinator: dict[tuple[str, str], list[dict]] = {}
    for incident, org in rows:
        if not org.province_coordinator_email:
            continue
        by_coordinator.setdefault((org.province, org.province_coordinator_email), []).append({
            "id": incident.id, "org_name": org.name, "status": incident.status.value, "risk_level": incident.risk_level,
            "opened_at": incident.opened_at, "people": incident.people_exposed, "documents": incident.document_count,
            "reminders": incident.reminder_count,
            # still exposed past the 72-hour clock
            "overdue": now - incident.opened_at >= views.NOTIFY_WITHIN,
        })
    queued = []
    for (province, address), digest_rows in sorted(by_coordinator.items()):
        composed = emails.compose_digest(env, province=province, rows=digest_rows, now=now,
                                         dashboard_url=settings.dashboard_url)
        if emails.queue(session, key=f"digest:{address}:{local.date().isoformat()}", kind="digest", composed=composed,
                        to=[address], incident_id=None, settings=settings, now=now):
            queued.append(province)
    return queued


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%S")
