"""The scheduler's job: the last complete week's report to DLA. Safe to run as often as wanted
(daily, hourly, after a restart): the outbox key names the week, so each week goes once, on the
first run after its Sunday ends in Thailand."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import sqlalchemy as sa

from eagle_eye.db import session_scope
from eagle_eye.settings import Settings

log = logging.getLogger(__name__)


def weekly(settings: Settings, engine: sa.Engine, *, now: datetime | None = None) -> bool:
    """Queue last week's report unless it was queued before. Returns whether it queued one."""
    from reports.delivery import already_queued, queue_weekly
    from reports.weekly import build_weekly
    from reports.weeks import IsoWeek

    if not settings.dla_email:
        log.warning("no weekly report: EAGLE_EYE_DLA_EMAIL is not set")
        return False
    now = now or datetime.now(UTC)
    week = IsoWeek.last_complete(now)
    with session_scope(engine) as session:
        if already_queued(session, week):
            return False  # the usual case: building the report only to drop it would be wasted work
        report = build_weekly(session, week=week, now=now)
        queued = queue_weekly(session, report=report, settings=settings, now=now) is not None
    if queued:
        log.info("weekly report %s queued to %s", week, settings.dla_email)
    return queued
