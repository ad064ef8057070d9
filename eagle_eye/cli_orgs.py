"""``eagle-eye orgs``: the registry of organisations."""

from __future__ import annotations

import csv
import json
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Annotated

import typer

from eagle_eye.errors import RegistryError

app = typer.Typer(help="The registry of organisations that Eagle Eye watches.", no_args_is_help=True)

_LIST_FIELDS = ("org_id", "name", "org_type", "province", "district", "websites", "coordinator_email")


@app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="UTF-8 CSV with a header row (see the README for the columns).",
                                         metavar="FILE.csv")],
) -> None:
    """Add or update organisations from a CSV. A file with any bad row imports nothing."""
    from eagle_eye import db, registry
    from eagle_eye.settings import get_settings

    try:
        data = file.read_bytes()
    except OSError as exc:
        raise RegistryError(str(file), [(0, "file", exc.strerror or type(exc).__name__)]) from None
    rows = registry.parse_registry(data, source=str(file))
    engine = db.open_database(get_settings())
    with db.session_scope(engine) as session:
        summary = registry.import_organisations(session, rows, now=datetime.now(timezone.utc))
    typer.echo(f"{file}: {summary.total} organisations: {summary.created} new, {summary.updated} updated, "
               f"{summary.unchanged} unchanged")


@app.command("list")
def list_(
    province: Annotated[str, typer.Option(help="Only this province (Thai or English name).")] = "",
    output_format: Annotated[str, typer.Option("--format", help="table, jsonl or csv.")] = "table",
) -> None:
    """The registered organisations, by province."""
    from eagle_eye import db, registry
    from eagle_eye.models import OrganisationPublic
    from eagle_eye.settings import get_settings

    if output_format not in ("table", "jsonl", "csv"):
        raise typer.BadParameter("must be table, jsonl or csv", param_hint="--format")
    if province and registry.normalize_province(province) is None:
        raise typer.BadParameter(f"{province!r} is not a Thai province", param_hint="--province")
    engine = db.open_database(get_settings())
    with db.session_scope(engine) as session:
        orgs = [OrganisationPublic.model_validate(o) for o in registry.list_organisations(session, province=province or None)]
    if output_format == "jsonl":
        for org in orgs:
            typer.echo(json.dumps(org.model_dump(mode="json"), ensure_ascii=False))
    elif output_format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(_LIST_FIELDS)
        for org in orgs:
            writer.writerow([" ".join(org.websites) if f == "websites" else getattr(org, f) for f in _LIST_FIELDS])
    else:
        for org in orgs:
            typer.echo(f"{org.org_id:<12} {org.org_type.value:<11} {org.province:<16} {org.name}  {' '.join(org.websites)}")
        typer.echo(f"{len(orgs)} organisation{'s' if len(orgs) != 1 else ''}")
