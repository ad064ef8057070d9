"""The alert jobs the scheduler runs: deliver the outbox every EAGLE_EYE_ALERT_SEND_EVERY_S (60),
follow up every quarter hour, verify remediation every half hour (a re-check crawl, so in its own process: Scrapy's
reactor starts once per process)."""

from __future__ import annotations

import logging
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import sqlalchemy as sa

from eagle_eye.db import session_scope
from eagle_eye.errors import EagleEyeError
from eagle_eye.settings import Settings

log = logging.getLogger(__name__)

FOLLOW_UP_EVERY_S = 15 * 60
VERIFY_EVERY_S = 30 * 60


def send(settings: Settings, engine: sa.Engine) -> None:
    from alerts.outbox import flush

    try:
        result = flush(engine, settings)
    except EagleEyeError as exc:  # no SMTP host, a refused login: say so, keep the mail queued
        log.warning("emails not sent: %s", exc)
        return
    if result.sent or result.failed or result.stopped:
        log.info("emails: %d sent, %d failed, %d retrying%s", result.sent, result.failed, result.retrying,
                 f" ({result.stopped})" if result.stopped else "")


def follow_up(settings: Settings, engine: sa.Engine) -> None:
    from alerts.followup import follow_up as run

    if settings.secret_key is None:
        log.warning("no follow-up emails: EAGLE_EYE_SECRET_KEY is not set (it signs the acknowledge links)")
        return
    with session_scope(engine) as session:
        r = run(session, settings=settings, now=datetime.now(timezone.utc))
    if r.notified or r.reminded or r.escalated or r.closed or r.digests:
        log.info("follow-up: %d notifications, %d reminders, %d escalations, %d digests queued; %d closed",
                 len(r.notified), len(r.reminded), len(r.escalated), len(r.digests), len(r.closed))


def verify(settings: Settings, engine: sa.Engine) -> int:  # noqa: ARG001 - same call as the others
    exe = Path(sys.executable).with_name("eagle-eye")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "eagle_eye.cli"]
    return subprocess.run([*command, "alerts", "verify"], stdin=subprocess.DEVNULL, check=False).returncode
