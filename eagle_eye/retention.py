"""Retention: masked evidence is kept only as long as it is needed (EAGLE_EYE_RETENTION_DAYS).

Purged once older than the retention period:
* findings no longer online (``gone_at``), unless marked false positive: that row is what keeps
  the same number suppressed if the document comes back;
* documents gone from their site with no finding left;
* emails sent or failed (their bodies quote masked numbers and URLs).
Kept: incidents and their timelines (the weekly trend and the audit trail need them), the
registry, crawl runs (counts only).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlmodel import Session, col, select

from eagle_eye.models import Document, DocumentState, Finding, OutboxMessage, OutboxStatus


@dataclass
class Purged:
    findings: int = 0
    documents: int = 0
    emails: int = 0


def purge(session: Session, *, older_than: timedelta, now: datetime, dry_run: bool = False) -> Purged:
    cutoff = now - older_than
    gone_findings = sa.and_(col(Finding.gone_at).is_not(None), col(Finding.gone_at) < cutoff,
                            col(Finding.suppressed_at).is_(None))
    old_mail = sa.and_(col(OutboxMessage.status).in_([OutboxStatus.SENT.value, OutboxStatus.FAILED.value]),
                       col(OutboxMessage.created_at) < cutoff)
    result = Purged(
        findings=session.exec(select(sa.func.count()).select_from(Finding).where(gone_findings)).one(),
        emails=session.exec(select(sa.func.count()).select_from(OutboxMessage).where(old_mail)).one(),
    )
    if not dry_run:
        session.exec(sa.delete(Finding).where(gone_findings))
        session.exec(sa.delete(OutboxMessage).where(old_mail))
    # after the findings: a gone document still holding a (suppressed) finding stays
    empty_gone = sa.and_(Document.state == DocumentState.GONE.value, col(Document.gone_at) < cutoff,
                         ~sa.exists().where(Finding.document_id == Document.id))
    result.documents = session.exec(select(sa.func.count()).select_from(Document).where(empty_gone)).one()
    if not dry_run:
        session.exec(sa.delete(Document).where(empty_gone))
    return result


def job(settings, engine: sa.Engine) -> None:  # noqa: ANN001 - eagle_eye.settings.Settings
    """The scheduler's daily purge; nothing when no retention is set."""
    import logging
    from datetime import timezone

    from eagle_eye.db import session_scope

    if settings.retention_days is None:
        return
    with session_scope(engine) as session:
        done = purge(session, older_than=timedelta(days=settings.retention_days), now=datetime.now(timezone.utc))
    logging.getLogger(__name__).info("retention: purged %d findings, %d documents, %d emails",
                                     done.findings, done.documents, done.emails)
