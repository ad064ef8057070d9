"""``/metrics`` in Prometheus' text format: what the service is doing, counted in the database
at scrape time (so every process and machine agrees). Counts and organisation ids only."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Session, col, select

from eagle_eye.models import ACTIVE_STATUSES, CrawlRun, CrawlStatus, Document, Finding, Incident, Organisation, OutboxMessage

#: crawl lag looks this far back for each organisation's last finished crawl
RECENT_RUNS = 5000


def render(session: Session, *, now: datetime) -> str:
    out: list[str] = []

    def metric(name: str, kind: str, help_: str, samples: list[tuple[dict[str, str], float]]) -> None:
        out.append(f"# HELP {name} {help_}")
        out.append(f"# TYPE {name} {kind}")
        for labels, value in samples:
            shown = ",".join(f'{k}="{_escape(v)}"' for k, v in sorted(labels.items()))
            out.append(f"{name}{{{shown}}} {value:g}" if shown else f"{name} {value:g}")

    docs = session.exec(select(Document.state, sa.func.count()).group_by(Document.state)).all()
    metric("eagle_eye_documents", "gauge", "Documents known, by state.",
           [({"state": str(getattr(s, "value", s))}, n) for s, n in docs])
    pages = session.exec(select(CrawlRun.stats).where(col(CrawlRun.recheck).is_(False))).all()
    metric("eagle_eye_pages_crawled_total", "counter", "Pages and attachments fetched by all crawls.",
           [({}, sum(o.get("pages", 0) + o.get("attachments", 0) for stats in pages for o in (stats or {}).values()))])
    findings = session.exec(select(Finding.kind, Finding.status, sa.func.count())
                            .where(col(Finding.gone_at).is_(None)).group_by(Finding.kind, Finding.status)).all()
    metric("eagle_eye_findings", "gauge", "Findings still online, by kind and masking status.",
           [({"kind": k, "status": s}, n) for k, s, n in findings])
    incidents = session.exec(select(Incident.risk_level, sa.func.count())
                             .where(col(Incident.status).in_([s.value for s in ACTIVE_STATUSES]))
                             .group_by(Incident.risk_level)).all()
    metric("eagle_eye_open_incidents", "gauge", "Incidents not yet remediated or closed, by risk level.",
           [({"risk_level": r}, n) for r, n in incidents])
    mail = session.exec(select(OutboxMessage.status, sa.func.count()).group_by(OutboxMessage.status)).all()
    metric("eagle_eye_emails", "gauge", "Emails in the outbox, by status (pending, sending, sent, failed).",
           [({"status": str(getattr(s, "value", s))}, n) for s, n in mail])
    metric("eagle_eye_crawl_lag_seconds", "gauge", "Time since each organisation's last finished crawl started.",
           [({"org_id": org_id}, lag) for org_id, lag in _lags(session, now=now)])
    return "\n".join(out) + "\n"


def _lags(session: Session, *, now: datetime) -> list[tuple[str, float]]:
    last: dict[str, datetime] = {}
    for started_at, org_ids in session.exec(
        select(CrawlRun.started_at, CrawlRun.org_ids)
        .where(CrawlRun.status == CrawlStatus.FINISHED.value, col(CrawlRun.recheck).is_(False))
        .order_by(col(CrawlRun.started_at).desc()).limit(RECENT_RUNS)
    ):
        for org_id in org_ids or ():
            last.setdefault(org_id, started_at)
    orgs = session.exec(select(Organisation.org_id, Organisation.created_at)).all()
    # never crawled: lagging since it was registered
    return [(org_id, (now - last.get(org_id, created)).total_seconds()) for org_id, created in sorted(orgs)]


def _escape(value: str) -> str:
    return str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
