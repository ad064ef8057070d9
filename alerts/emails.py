"""Emails to coordinators: composed from masked views with Jinja2 (autoescape, StrictUndefined),
each an HTML part and its plain-text twin, and queued in the outbox in full.

Queueing is idempotent by ``key``: the same notification is never queued twice, so every caller
(after a crawl, the follow-up job, a retry after a crash) may simply queue again.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from email.utils import parseaddr

import jinja2
import sqlalchemy as sa
from sqlmodel import Session, select

from alerts import thai
from alerts.views import EMAIL_DOCUMENTS, IncidentView
from eagle_eye.models import OutboxMessage
from eagle_eye.settings import Settings


@dataclass(frozen=True, slots=True)
class Composed:
    subject: str
    text: str
    html: str


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("alerts", "templates"),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html",), default_for_string=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(
        thai_date=thai.thai_date, thai_datetime=thai.thai_datetime, thai_duration=thai.thai_duration,
        KIND_TH=thai.KIND_TH, LEVEL_TH=thai.LEVEL_TH, STATUS_TH=thai.STATUS_TH, ORG_TYPE_TH=thai.ORG_TYPE_TH,
        sensitive_th=thai.sensitive_th, EMAIL_DOCUMENTS=EMAIL_DOCUMENTS,
    )
    return env


#: What each kind of incident email is for; the subject is built from it.
INCIDENT_KINDS = ("notification", "update", "reminder", "escalation")


def compose_incident(env: jinja2.Environment, kind: str, view: IncidentView, *, reminder_number: int = 0,
                     hours_since_notice: int = 0) -> Composed:
    if kind not in INCIDENT_KINDS:
        raise ValueError(f"unknown incident email kind: {kind}")
    context = {"kind": kind, "v": view, "reminder_number": reminder_number, "hours_since_notice": hours_since_notice}
    return Composed(
        subject=_incident_subject(kind, view, reminder_number),
        text=env.get_template("email/incident.txt").render(context),
        html=env.get_template("email/incident.html").render(context),
    )


def _incident_subject(kind: str, view: IncidentView, reminder_number: int) -> str:
    urgent = "ด่วนที่สุด" if view.risk_level == "high" else "ด่วน"
    what = f"พบข้อมูลส่วนบุคคลของประชาชนเปิดเผยบนเว็บไซต์ {view.org.name}"
    level = thai.LEVEL_TH.get(view.risk_level, view.risk_level)
    prefix = {
        "notification": f"[Eagle Eye] {urgent}: {what}",
        "update": f"[Eagle Eye] พบเอกสารเพิ่มเติม: {what}",
        "reminder": f"[Eagle Eye] แจ้งเตือนครั้งที่ {reminder_number}: {what}",
        "escalation": f"[Eagle Eye] ยังไม่ได้รับการแก้ไข: {what}",
    }[kind]
    return f"{prefix} ({level})"


def compose_digest(env: jinja2.Environment, *, province: str, rows: list[dict], now: datetime,
                   dashboard_url: str) -> Composed:
    context = {"province": province, "rows": rows, "now": now, "dashboard_url": dashboard_url.rstrip("/"),
               "overdue": sum(1 for r in rows if r["overdue"])}
    return Composed(
        subject=f"[Eagle Eye] สรุปประจำวัน จังหวัด{province}: {len(rows)} เรื่องที่ยังไม่ปิด"
                + (f" (เกินกำหนด {context['overdue']} เรื่อง)" if context["overdue"] else ""),
        text=env.get_template("email/digest.txt").render(context),
        html=env.get_template("email/digest.html").render(context),
    )


def queue(session: Session, *, key: str, kind: str, composed: Composed, to: list[str], cc: list[str] | None = None,
          incident_id: int | None, settings: Settings, now: datetime) -> OutboxMessage | None:
    """Add the message to the outbox unless one with this key is there already. Returns the new
    row, or None when it was queued before."""
    if session.exec(select(OutboxMessage.id).where(OutboxMessage.key == key)).first() is not None:
        return None
    message = OutboxMessage(
        key=key, incident_id=incident_id, kind=kind, to_addrs=to, cc_addrs=cc or [], subject=composed.subject,
        text_body=composed.text, html_body=composed.html, message_id=_message_id(settings.mail_from),
        next_attempt_at=now, created_at=now,
    )
    # a savepoint: two processes queueing the same key at once is a unique-key clash, not a crash
    try:
        with session.begin_nested():
            session.add(message)
    except sa.exc.IntegrityError:
        return None
    return message


def _message_id(mail_from: str) -> str:
    domain = parseaddr(mail_from)[1].rpartition("@")[2] or "eagle-eye.localhost"
    return f"<{uuid.uuid4().hex}@{domain}>"
