"""``eagle-eye crawl`` and ``eagle-eye findings``."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Annotated

import typer

FINDING_FIELDS = ("source", "org_id", "kind", "status", "personal", "display", "fingerprint", "page", "context",
                  "pattern", "reasons", "needs_review", "ocr", "first_seen_at", "last_seen_at", "gone_at", "id",
                  "incident_id", "suppressed_at")


def crawl(
    org: Annotated[list[str], typer.Option("--org", help="Only this organisation (repeatable); default: all.")] = [],  # noqa: B006
    join: Annotated[bool, typer.Option("--join", help="Take part in the crawl in progress (needs EAGLE_EYE_REDIS_URL).")] = False,
) -> None:
    """Crawl registered organisations now and store what is found; blocks until done.

    Afterwards, what was found is grouped into incidents and their emails are queued
    (``eagle-eye alerts send`` delivers them).

    Exit status: 0 no exposure found, 1 exposures found, 2 usage error.
    """
    from datetime import datetime, timezone

    from alerts.service import after_crawl
    from crawler.process import run_crawl
    from eagle_eye import db
    from eagle_eye.settings import get_settings

    if join and org:
        raise typer.BadParameter("a joining process crawls what the crawl in progress covers", param_hint="--org")
    settings = get_settings()
    summary = run_crawl(settings, org or None, join=join)
    total = {k: sum(s.get(k, 0) for s in summary.stats.values()) for k in ("pages", "attachments", "exposures", "errors")}
    typer.echo(f"crawl {summary.run_id} {summary.status.value}:")
    for org_id, s in sorted(summary.stats.items()):
        skipped = sum(v for k, v in s.items() if k.startswith(("skipped_", "refused_")))
        typer.echo(f"  {org_id:<12} {s.get('pages', 0):>5} pages {s.get('attachments', 0):>5} attachments "
                   f"{s.get('findings', 0):>5} findings {s.get('exposures', 0):>5} exposed "
                   f"{s.get('errors', 0):>4} errors {skipped:>5} skipped")
    typer.echo(f"  total: {total['pages']} pages, {total['attachments']} attachments, "
               f"{total['exposures']} exposed personal identifiers, {total['errors']} errors")
    if not join:  # the process that started the crawl groups it, once
        with db.session_scope(db.open_database(settings)) as session:
            after = after_crawl(session, settings=settings, now=datetime.now(timezone.utc), org_ids=org or None)
        s = after.sync
        typer.echo(f"incidents: {len(s.opened)} opened, {len(s.reopened)} reopened, {len(s.grew)} grew, "
                   f"{len(s.remediated)} remediated, {len(s.closed)} closed")
        if after.queued is not None:
            q = after.queued
            typer.echo(f"emails queued: {len(q.notified)}" + (" (deliver with: eagle-eye alerts send)" if q.notified else "")
                       + (f"; no coordinator email for incident(s) {', '.join(map(str, q.unreachable))}" if q.unreachable else ""))
        else:
            typer.echo(f"no emails queued: {after.not_queued}", err=True)
    raise typer.Exit(1 if total["exposures"] else 0)


def findings(
    output_format: Annotated[str, typer.Option("--format", help="jsonl, csv, or table (exposures only, for people).")] = "jsonl",
    org: Annotated[list[str], typer.Option("--org", help="Only this organisation (repeatable).")] = [],  # noqa: B006
    include_gone: Annotated[bool, typer.Option("--include-gone", help="Also findings no longer seen.")] = False,
) -> None:
    """Export stored findings: the scan command's fields plus org_id, the URL as source, and dates."""
    from sqlmodel import col, select

    from eagle_eye import db
    from eagle_eye.models import Document, Finding
    from eagle_eye.settings import get_settings

    if output_format not in ("jsonl", "csv", "table"):
        raise typer.BadParameter("must be jsonl, csv or table", param_hint="--format")
    engine = db.open_database(get_settings())
    query = select(Finding, Document.url).join(Document, col(Document.id) == Finding.document_id)
    if org:
        query = query.where(col(Finding.org_id).in_(org))
    if not include_gone:
        query = query.where(col(Finding.gone_at).is_(None))
    query = query.order_by(Finding.org_id, Finding.document_id, Finding.id)
    writer = csv.DictWriter(sys.stdout, FINDING_FIELDS, lineterminator="\n") if output_format == "csv" else None
    if writer:
        writer.writeheader()
    with db.session_scope(engine) as session:
        rows = session.exec(query).all()
        if output_format == "table":
            _table(rows)
            return
        for finding, url in rows:
            record = {"source": url, **finding.model_dump(mode="json", include=set(FINDING_FIELDS))}
            record = {k: record.get(k) for k in FINDING_FIELDS}
            if writer:
                writer.writerow({**record, "reasons": "; ".join(record["reasons"])})
            else:
                typer.echo(json.dumps(record, ensure_ascii=False))


def _table(rows) -> None:  # noqa: ANN001
    """Exposures per organisation and document, with a few masked examples: for a person."""
    from collections import Counter, defaultdict

    docs: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for finding, url in rows:
        if finding.personal and finding.status != "masked":
            docs[finding.org_id][url].append(finding)
    total = 0
    for org_id, by_url in docs.items():
        typer.echo(org_id)
        for url, found in by_url.items():
            kinds = Counter(f.kind.replace("_", " ") for f in found)
            what = ", ".join(f"{n} {kind}{'s' if n != 1 else ''}" for kind, n in kinds.most_common())
            review = sum(f.needs_review for f in found)
            typer.echo(f"  {url}")
            typer.echo(f"    {what} exposed" + (f" ({review} to check by eye)" if review else "")
                       + f"; e.g. {', '.join(f.display for f in found[:3])}")
            total += len(found)
    typer.echo(f"{total} exposed personal identifier{'s' if total != 1 else ''} in "
               f"{sum(len(v) for v in docs.values())} documents of {len(docs)} organisations")


def purge(
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Only count what would go.")] = False,
) -> None:
    """Delete masked evidence older than EAGLE_EYE_RETENTION_DAYS that is no longer online:
    gone findings (not false positives), gone documents left empty, sent or failed emails."""
    from datetime import datetime, timedelta, timezone

    from eagle_eye import db
    from eagle_eye.errors import ConfigError
    from eagle_eye.retention import purge as run
    from eagle_eye.settings import get_settings

    settings = get_settings()
    if settings.retention_days is None:
        raise ConfigError("EAGLE_EYE_RETENTION_DAYS is not set: everything is kept")
    with db.session_scope(db.open_database(settings)) as session:
        done = run(session, older_than=timedelta(days=settings.retention_days), now=datetime.now(timezone.utc),
                   dry_run=dry_run)
    verb = "would purge" if dry_run else "purged"
    typer.echo(f"{verb} {done.findings} findings, {done.documents} documents, {done.emails} emails "
               f"older than {settings.retention_days} days")


def backup(out: Annotated[Path, typer.Argument(help="The backup file to write.")]) -> None:
    """Back up the database while the service runs (SQLite's online backup, or pg_dump)."""
    from eagle_eye import backup as ops
    from eagle_eye.settings import get_settings

    ops.backup(get_settings(), out)
    typer.echo(f"backed up to {out}")


def restore(
    source: Annotated[Path, typer.Argument(help="A file made by eagle-eye backup.")],
    force: Annotated[bool, typer.Option("--force", help="Replace an existing SQLite database (service stopped).")] = False,
) -> None:
    """Put a backup back (stop the service first)."""
    from eagle_eye import backup as ops
    from eagle_eye.settings import get_settings

    ops.restore(get_settings(), source, force=force)
    typer.echo(f"restored from {source}")


def worker(
    poll_s: Annotated[float, typer.Option("--poll", min=0.1, help="Seconds between looks for a crawl to join.")] = 5.0,
) -> None:
    """Join every shared crawl as it starts, until stopped (SIGTERM or Ctrl-C): a crawl worker for
    deployments that scale with more processes or machines (needs EAGLE_EYE_REDIS_URL). Each crawl
    is joined in its own process (`crawl --join`): Scrapy's reactor starts once per process."""
    import signal
    import subprocess
    import time

    from crawler import shared
    from crawler.process import redis_client
    from eagle_eye.settings import get_settings

    settings = get_settings()
    redis = redis_client(settings)
    if redis is None:
        raise typer.BadParameter("a worker shares crawls through Redis: set EAGLE_EYE_REDIS_URL")
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    exe = Path(sys.executable).with_name("eagle-eye")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "eagle_eye.cli"]
    joined: set[int] = set()
    typer.echo("worker: waiting for crawls to join", err=True)
    try:
        while not stopping:
            running = shared.current(redis)
            if running is not None and running[0] not in joined:
                joined.add(running[0])
                typer.echo(f"worker: joining crawl {running[0]}", err=True)
                child = subprocess.Popen([*command, "crawl", "--join"], stdin=subprocess.DEVNULL)
                while child.poll() is None:
                    if stopping:
                        child.terminate()  # Scrapy stops gracefully: what is read is stored
                    time.sleep(0.2)
                continue
            time.sleep(poll_s)
    except KeyboardInterrupt:
        pass


def scheduler() -> None:
    """Crawl every registered organisation once per EAGLE_EYE_CRAWL_PERIOD_HOURS, spread over the
    period, until stopped (SIGTERM or Ctrl-C). Schedules live in the database: a restart keeps them.
    Alongside: the outbox is delivered every minute, follow-ups (reminders, escalations, digests)
    every 15 minutes, and open incidents' documents re-fetched to verify remediation."""
    import logging

    from crawler.schedule import run_scheduler
    from eagle_eye.settings import get_settings

    from eagle_eye.logs import configure

    settings = get_settings()
    configure(settings.log_level)
    run_scheduler(settings)
