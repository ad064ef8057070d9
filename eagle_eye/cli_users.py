"""``eagle-eye users add|list``: bootstrap the dashboard's people."""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from typing import Annotated

import typer

app = typer.Typer(help="Dashboard users: national admins, province officers, coordinators.", no_args_is_help=True)


@app.command("add")
def add(
    username: Annotated[str, typer.Argument()],
    role: Annotated[str, typer.Option("--role", help="national_admin, province_officer or coordinator.")],
    province: Annotated[str, typer.Option("--province", help="A province officer's province.")] = "",
    org: Annotated[str, typer.Option("--org", help="A coordinator's organisation (org_id).")] = "",
    name: Annotated[str, typer.Option("--name", help="Shown in the dashboard and the audit log.")] = "",
) -> None:
    """Add a user. The password comes from EAGLE_EYE_NEW_PASSWORD or is asked for (never an
    argument: it would stay in the shell's history and the process list)."""
    from dashboard import auth
    from eagle_eye import db
    from eagle_eye.models import Role
    from eagle_eye.registry import normalize_province
    from eagle_eye.settings import get_settings

    try:
        chosen = Role(role)
    except ValueError:
        raise typer.BadParameter("national_admin, province_officer or coordinator", param_hint="--role") from None
    password = os.environ.get("EAGLE_EYE_NEW_PASSWORD") or typer.prompt("password", hide_input=True,
                                                                        confirmation_prompt=True)
    if province:
        province = normalize_province(province) or province
    engine = db.open_database(get_settings())
    with db.session_scope(engine) as session:
        auth.add_user(session, username=username, password=password, role=chosen, province=province,
                      org_id=org or None, display_name=name, now=datetime.now(timezone.utc))
    typer.echo(f"user {username} added ({chosen.value})")


@app.command("list")
def list_(output_format: Annotated[str, typer.Option("--format", help="table or jsonl.")] = "table") -> None:
    """Users, without their password hashes."""
    from sqlmodel import select

    from eagle_eye import db
    from eagle_eye.models import User, UserPublic
    from eagle_eye.settings import get_settings

    engine = db.open_database(get_settings())
    with db.session_scope(engine) as session:
        users = [UserPublic.model_validate(u) for u in session.exec(select(User).order_by(User.username))]
    for user in users:
        if output_format == "jsonl":
            typer.echo(json.dumps(user.model_dump(mode="json"), ensure_ascii=False))
        else:
            typer.echo(f"{user.username:<20} {user.role.value:<17} {user.province or user.org_id or '':<20} "
                       f"{'active' if user.active else 'disabled'}")
