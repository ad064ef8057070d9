"""What every route shares: the app's state (settings, engine, templates), the signed-in user,
CSRF checks, the audit log, and the one way pages are rendered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

import jinja2
import sqlalchemy as sa
from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from sqlmodel import Session

from alerts import thai
from dashboard import auth
from eagle_eye import db
from eagle_eye.models import AuditEntry, User, UserSession
from eagle_eye.settings import Settings


@dataclass
class State:
    settings: Settings
    engine: sa.Engine
    templates: Jinja2Templates


def make_templates(folder) -> Jinja2Templates:  # noqa: ANN001
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(folder), autoescape=True, undefined=jinja2.StrictUndefined)
    env.globals.update(thai_datetime=thai.thai_datetime, thai_date=thai.thai_date, thai_duration=thai.thai_duration,
                       LEVEL_TH=thai.LEVEL_TH, KIND_TH=thai.KIND_TH, STATUS_TH=thai.STATUS_TH,
                       ORG_TYPE_TH=thai.ORG_TYPE_TH, sensitive_th=thai.sensitive_th)
    return Jinja2Templates(env=env)


def state(request: Request) -> State:
    return request.app.state.eagle_eye


def now() -> datetime:
    return datetime.now(timezone.utc)


def address(request: Request) -> str:
    return request.client.host if request.client else ""


@dataclass
class Viewer:
    user: User
    session_row: UserSession
    request: Request

    @property
    def csrf(self) -> str:
        return self.session_row.csrf_token


def viewer(request: Request) -> Viewer:
    """The signed-in user (a FastAPI dependency); LoginRequired sends the browser to /login."""
    with db.session_scope(state(request).engine) as session:
        found = auth.current(session, request.cookies.get(auth.COOKIE), now=now())
        if found is None:
            raise auth.LoginRequired("please log in")
        user, row = found
        session.expunge(user)
        session.expunge(row)
    return Viewer(user, row, request)


async def checked_form(request: Request, who: Viewer) -> dict:
    """The posted form, once its CSRF token checks out."""
    form = await request.form()
    auth.check_csrf(who.session_row, form.get("csrf") or request.headers.get("X-CSRF-Token"))
    return dict(form)


def audit(session: Session, who: Viewer, action: str, *, target: str = "", detail: str = "") -> None:
    session.add(AuditEntry(at=now(), username=who.user.username, action=action, target=target, detail=detail,
                           address=address(who.request)))


def page(request: Request, name: str, context: dict, *, who: Viewer | None = None, status_code: int = 200) -> HTMLResponse:
    return state(request).templates.TemplateResponse(
        request, name, {"who": who, "now": now(), **context}, status_code=status_code)
