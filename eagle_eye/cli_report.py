"""``eagle-eye report ...``: aggregate reports for supervisors."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(help="Aggregate reports: the weekly report for the Department of Local Administration.",
                  no_args_is_help=True)


@app.callback()
def _report() -> None:
    """Aggregate reports (counts only, never a citizen's number)."""


@app.command("weekly")
def weekly(
    week: Annotated[str | None, typer.Option(
        "--week", metavar="YYYY-Www",
        help="ISO week, Monday to Sunday in Thailand's time, e.g. 2026-W45. Default: the last complete week.")] = None,
    out: Annotated[Path | None, typer.Option(
        "--out", metavar="FILE", help="Write the report here; .html, .pdf, .xlsx or .csv, by the extension.")] = None,
    email: Annotated[bool, typer.Option(
        "--email", help="Queue it in the outbox to EAGLE_EYE_DLA_EMAIL (once per week, whatever happens).")] = False,
) -> None:
    """The weekly report for DLA, per province and organisation type: organisations monitored and
    crawled, new, remediated, open and overdue incidents, median time to remediate, people exposed,
    the leak rate and its 8-week trend, repeat offenders."""
    from eagle_eye import db
    from eagle_eye.settings import get_settings
    from reports import delivery
    from reports.render import format_of, render
    from reports.weekly import build_weekly
    from reports.weeks import resolve

    now = datetime.now(UTC)
    if out is None and not email:
        raise typer.BadParameter("say where the report goes: --out FILE, --email, or both", param_hint="--out")
    try:
        fmt = format_of(out) if out is not None else None
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--out") from None
    try:
        iso_week = resolve(week, now=now)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--week") from None
    settings = get_settings()
    if email:
        delivery.recipient(settings)  # a missing address fails now, before any work
    engine = db.open_database(settings)
    with db.session_scope(engine) as session:
        report = build_weekly(session, week=iso_week, now=now)
        if out is not None:
            _write(out, render(report, fmt))
            typer.echo(f"wrote {out}")
        if email:
            queued = delivery.queue_weekly(session, report=report, settings=settings, now=now)
            typer.echo(f"queued the report for {iso_week} to {settings.dla_email}" if queued else
                       f"the report for {iso_week} was queued before: not queued again")


def _write(path: Path, data: bytes) -> None:
    """All or nothing: a reader (or a mail job picking the file up) never sees half a PDF."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.part")
    partial.write_bytes(data)
    partial.replace(path)
