"""``eagle-eye incidents ...`` and ``eagle-eye alerts ...``."""

from __future__ import annotations

import csv
import json
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Annotated

import typer

INCIDENT_FIELDS = ("id", "org_id", "status", "risk_level", "risk_score", "opened_at", "notified_at", "remediated_at",
                   "finding_count", "urls", "org_name", "province", "people_exposed", "document_count",
                   "acknowledged_at", "closed_at", "reopened_at", "reminder_count", "escalated_at", "deadline")

incidents_app = typer.Typer(help="Breach incidents: export, documents, team decisions.", no_args_is_help=False)
alerts_app = typer.Typer(help="Emails to coordinators: deliver, follow up, verify remediation.", no_args_is_help=True)


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _open():  # noqa: ANN202
    from eagle_eye import db
    from eagle_eye.settings import get_settings

    settings = get_settings()
    return settings, db.open_database(settings)


@incidents_app.callback(invoke_without_command=True)
def incidents(
    ctx: typer.Context,
    output_format: Annotated[str, typer.Option("--format", help="jsonl, csv, or table (for people).")] = "jsonl",
    org: Annotated[list[str], typer.Option("--org", help="Only this organisation (repeatable).")] = [],  # noqa: B006
    status: Annotated[list[str], typer.Option("--status", help="Only this status (repeatable).")] = [],  # noqa: B006
) -> None:
    """Export incidents (all, newest first): id, org_id, status, risk, dates, counts, URLs (masked)."""
    if ctx.invoked_subcommand is not None:
        return
    from sqlmodel import col, select

    from alerts.views import NOTIFY_WITHIN
    from eagle_eye.db import session_scope
    from eagle_eye.models import Document, Finding, Incident, Organisation

    if output_format not in ("jsonl", "csv", "table"):
        raise typer.BadParameter("must be jsonl, csv or table", param_hint="--format")
    _, engine = _open()
    query = select(Incident, Organisation).join(Organisation, col(Organisation.org_id) == Incident.org_id)
    if org:
        query = query.where(col(Incident.org_id).in_(org))
    if status:
        query = query.where(col(Incident.status).in_(status))
    with session_scope(engine) as session:
        rows = session.exec(query.order_by(col(Incident.opened_at).desc(), col(Incident.id).desc())).all()
        urls: dict[int, list[str]] = {}
        for incident_id, url in session.exec(
            select(Finding.incident_id, Document.url).distinct().join(Document, col(Document.id) == Finding.document_id)
            .where(col(Finding.incident_id).in_([i.id for i, _ in rows]), col(Finding.suppressed_at).is_(None))
            .order_by(Document.url)
        ):
            urls.setdefault(incident_id, []).append(url)
        records = []
        for incident, organisation in rows:
            record = incident.model_dump(mode="json")
            record.update(urls=urls.get(incident.id, []), org_name=organisation.name, province=organisation.province,
                          deadline=(incident.opened_at + NOTIFY_WITHIN).isoformat())
            records.append({k: record.get(k) for k in INCIDENT_FIELDS})
    if output_format == "table":
        _incident_table(records)
    elif output_format == "csv":
        writer = csv.DictWriter(sys.stdout, INCIDENT_FIELDS, lineterminator="\n")
        writer.writeheader()
        for record in records:
            writer.writerow({**record, "urls": " ".join(record["urls"])})
    else:
        for record in records:
            typer.echo(json.dumps(record, ensure_ascii=False))


def _incident_table(records: list[dict]) -> None:
    for r in records:
        typer.echo(f"#{r['id']:<5} {r['status']:<12} {r['risk_level']:<6} {r['risk_score']:>2}/21  {r['org_id']:<10} "
                   f"{r['finding_count']:>4} exposed in {len(r['urls'])} document(s), ~{r['people_exposed']} people; "
                   f"opened {r['opened_at'][:16]}")
    typer.echo(f"{len(records)} incident{'s' if len(records) != 1 else ''}")


@incidents_app.command("documents")
def incident_documents(
    incident_id: Annotated[int, typer.Argument(help="The incident's id.")],
    out: Annotated[Path, typer.Option("--out", help="Folder to write into.")] = Path("."),
    fmt: Annotated[list[str], typer.Option("--format", help="docx and/or pdf (repeatable).")] = ["docx", "pdf"],  # noqa: B006
) -> None:
    """Write the prefilled PDPC breach report and the notice to affected people."""
    from alerts import reports
    from eagle_eye.db import session_scope

    settings, engine = _open()
    out.mkdir(parents=True, exist_ok=True)
    with session_scope(engine) as session:
        for which in ("report", "notice"):
            for f in fmt:
                name, data = reports.render(session, incident_id=incident_id, which=which, fmt=f, settings=settings,
                                            now=_now())
                (out / name).write_bytes(data)
                typer.echo(str(out / name))


@incidents_app.command("false-positive")
def false_positive(
    finding_id: Annotated[int, typer.Argument(help="The finding's id (eagle-eye findings shows them).")],
    by: Annotated[str, typer.Option("--by", help="Who decided (for the timeline).")] = "monitoring team",
    reason: Annotated[str, typer.Option("--reason")] = "",
) -> None:
    """Mark a finding as not personal data: it stays out of incidents across re-crawls."""
    from alerts import actions
    from eagle_eye.db import session_scope

    _, engine = _open()
    with session_scope(engine) as session:
        incident = actions.mark_false_positive(session, finding_id=finding_id, actor=by, now=_now(), reason=reason)
        typer.echo(f"finding {finding_id} suppressed" + (f"; incident {incident.id} is {incident.status.value}" if incident else ""))


@incidents_app.command("risk")
def set_risk(
    incident_id: Annotated[int, typer.Argument()],
    factors: Annotated[list[str], typer.Argument(help="factor=value pairs, e.g. access_lost=1 impact=2", metavar="FACTOR=VALUE...")],
    by: Annotated[str, typer.Option("--by")] = "monitoring team",
) -> None:
    """Set risk factors by hand (the team's values win over the automatic ones)."""
    from alerts import actions
    from eagle_eye.db import session_scope

    overrides = {}
    for pair in factors:
        name, _, value = pair.partition("=")
        if not value.strip().isdigit():
            raise typer.BadParameter(f"{pair!r}: expected FACTOR=0..3", param_hint="FACTOR=VALUE")
        overrides[name.strip()] = int(value)
    _, engine = _open()
    with session_scope(engine) as session:
        incident = actions.edit_risk(session, incident_id=incident_id, overrides=overrides, actor=by, now=_now())
        typer.echo(f"incident {incident_id}: risk {incident.risk_score}/21 ({incident.risk_level})")


@incidents_app.command("close")
def close_incident(
    incident_id: Annotated[int, typer.Argument()],
    reason: Annotated[str, typer.Option("--reason", help="Why (for the timeline).")],
    by: Annotated[str, typer.Option("--by")] = "monitoring team",
) -> None:
    """Close an incident by hand."""
    from alerts import actions
    from eagle_eye.db import session_scope

    _, engine = _open()
    with session_scope(engine) as session:
        actions.close(session, incident_id=incident_id, actor=by, now=_now(), reason=reason)
    typer.echo(f"incident {incident_id} closed")


@alerts_app.command("send")
def send() -> None:
    """Deliver the emails waiting in the outbox now. Exit 0 when all due were sent, 1 when some
    wait for a retry (the mail server is down) or failed for good."""
    from alerts.outbox import flush, pending_count
    from eagle_eye.db import session_scope

    settings, engine = _open()
    result = flush(engine, settings)
    with session_scope(engine) as session:
        waiting = pending_count(session)
    typer.echo(f"sent {result.sent}, failed {result.failed}, waiting {waiting}"
               + (f" ({result.stopped})" if result.stopped else ""))
    raise typer.Exit(1 if result.failed or result.retrying else 0)


@alerts_app.command("follow-up")
def follow_up_now() -> None:
    """Queue what is due now: notifications, reminders, escalations, closings, province digests."""
    from alerts.followup import follow_up
    from eagle_eye.db import session_scope

    settings, engine = _open()
    settings.secret_key_bytes()  # the links need it: fail before doing anything
    with session_scope(engine) as session:
        r = follow_up(session, settings=settings, now=_now())
    typer.echo(f"queued: {len(r.notified)} notifications, {len(r.reminded)} reminders, {len(r.escalated)} escalations, "
               f"{len(r.digests)} digests; closed {len(r.closed)}"
               + (f"; no coordinator email for incident(s) {', '.join(map(str, r.unreachable))}" if r.unreachable else ""))


@alerts_app.command("verify")
def verify() -> None:
    """Re-fetch the documents of open incidents that are due (or reported fixed) and remediate
    those whose exposures are gone or masked."""
    from alerts import service
    from crawler.process import run_crawl
    from eagle_eye.db import session_scope

    settings, engine = _open()
    started = _now()
    with session_scope(engine) as session:
        targets, incident_ids, unfetchable = service.recheck_targets(
            session, key=settings.fingerprint_key_bytes(), settings=settings, now=started)
    if unfetchable:
        typer.echo(f"{unfetchable} document(s) have an ID-like number in their URL and wait for the next full crawl")
    if not targets:
        typer.echo("nothing to verify now")
        return
    run_crawl(settings, recheck=targets)
    with session_scope(engine) as session:
        after = service.after_crawl(session, settings=settings, now=_now(), org_ids=sorted(targets))
        service.mark_verified(session, incident_ids, now=_now())
    typer.echo(f"verified {len(incident_ids)} incident(s) over {sum(map(len, targets.values()))} document(s): "
               f"{len(after.sync.remediated)} remediated, {len(after.sync.reopened)} reopened")
