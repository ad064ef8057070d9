"""The weekly report by email to DLA, through the outbox like every other email: queued in full
(the HTML report itself, and a plain-text summary of the national figures), delivered by
``eagle-eye alerts send`` or the scheduler. Keyed by the week, so it is never queued twice."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from alerts.emails import Composed, queue
from eagle_eye.errors import ConfigError
from eagle_eye.models import OutboxMessage
from eagle_eye.settings import Settings
from reports import render_html
from reports.weekly import WeeklyReport
from reports.weeks import IsoWeek

KIND = "weekly"


def key(week: IsoWeek) -> str:
    return f"weekly:{week}"


def recipient(settings: Settings) -> str:
    if not settings.dla_email:
        raise ConfigError("EAGLE_EYE_DLA_EMAIL is not set: it is the DLA address the weekly report goes to")
    return settings.dla_email


def compose(report: WeeklyReport) -> Composed:
    return Composed(subject=render_html.subject(report), text=render_html.to_text(report),
                    html=render_html.to_html(report))


def already_queued(session: Session, week: IsoWeek) -> bool:
    return session.exec(select(OutboxMessage.id).where(OutboxMessage.key == key(week))).first() is not None


def queue_weekly(session: Session, *, report: WeeklyReport, settings: Settings, now: datetime) -> OutboxMessage | None:
    """Queue the report to EAGLE_EYE_DLA_EMAIL; None when this week's was queued before.
    Raises ConfigError when no address is set."""
    return queue(session, key=key(report.week), kind=KIND, composed=compose(report), to=[recipient(settings)],
                 incident_id=None, settings=settings, now=now)
