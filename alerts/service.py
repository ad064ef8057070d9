"""The two entry points the commands and the scheduler use: what to do after a crawl, and how
to verify remediation by re-fetching the offending documents."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlmodel import Session, col, select

from alerts.followup import FollowUpResult, notify
from alerts.grouping import SyncResult, sync_incidents
from eagle_eye.models import ACTIVE_STATUSES, Document, DocumentState, Finding, Incident
from eagle_eye.settings import Settings

log = logging.getLogger(__name__)


@dataclass
class AfterCrawl:
    sync: SyncResult
    queued: FollowUpResult | None
    #: why no email was queued, if none could be
    not_queued: str = ""


def after_crawl(session: Session, *, settings: Settings, now: datetime, org_ids: list[str] | None) -> AfterCrawl:
    """Group what the crawl found into incidents and queue the emails about them."""
    sync = sync_incidents(session, now=now, org_ids=org_ids)
    if settings.secret_key is None:
        # incidents are kept; their emails are queued by the follow-up job once the key is set
        return AfterCrawl(sync, None, "EAGLE_EYE_SECRET_KEY is not set (it signs the acknowledge links)")
    return AfterCrawl(sync, notify(session, settings=settings, now=now, updates=sync.grew))


def recheck_targets(session: Session, *, key: bytes, settings: Settings, now: datetime
                    ) -> tuple[dict[str, list[tuple[str, bool]]], list[int], int]:
    """The documents to re-fetch: those of active incidents not verified for
    EAGLE_EYE_ALERT_VERIFY_HOURS, or whose coordinator reported them fixed since. Returns
    (org_id -> [(url, is_attachment)], incident ids, documents that cannot be re-fetched by URL)."""
    from crawler.store import url_key

    due = now - timedelta(hours=settings.alert_verify_hours)
    incidents = session.exec(
        select(Incident).where(col(Incident.status).in_([s.value for s in ACTIVE_STATUSES]))
        .where(sa.or_(col(Incident.last_verified_at).is_(None), col(Incident.last_verified_at) <= due,
                      col(Incident.fix_reported_at) > col(Incident.last_verified_at)))
    ).all()
    if not incidents:
        return {}, [], 0
    documents = session.exec(
        select(Document).distinct().join(Finding, col(Finding.document_id) == Document.id)
        .where(col(Finding.incident_id).in_([i.id for i in incidents]), col(Finding.gone_at).is_(None),
               col(Finding.suppressed_at).is_(None), Document.state != DocumentState.GONE.value)
    ).all()
    targets: dict[str, list[tuple[str, bool]]] = {}
    masked = 0
    for doc in documents:
        # the stored URL is masked; only when it is the real one (its HMAC matches) can it be
        # fetched again. The others wait for the next full crawl, which finds them by links.
        if url_key(key, doc.url) != doc.url_key:
            masked += 1
            continue
        targets.setdefault(doc.org_id, []).append((doc.url, not doc.media_type.startswith("text/html")))
    return targets, [i.id for i in incidents], masked


def mark_verified(session: Session, incident_ids: list[int], *, now: datetime) -> None:
    for incident_id in incident_ids:
        incident = session.get(Incident, incident_id)
        incident.last_verified_at = now
        session.add(incident)
