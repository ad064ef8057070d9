"""The web app. For now the coordinator's pages reached from email links without a login:
acknowledge an incident, report it fixed, download the prefilled documents. The monitoring
team's dashboard builds on this app (one error handler, settings passed in, never read at import).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import jinja2
from fastapi import FastAPI, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from alerts import actions, links, thai, views
from alerts.lifecycle import get_incident
from eagle_eye import db
from eagle_eye.errors import EagleEyeError, IncidentError, LinkError
from eagle_eye.settings import Settings

TEMPLATES = Path(__file__).resolve().parent / "templates"
COORDINATOR = "ผู้ประสานงาน (ลิงก์ในอีเมล)"
_MEDIA = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "pdf": "application/pdf"}


def create_app(settings: Settings) -> FastAPI:
    engine = db.open_database(settings)
    app = FastAPI(title="Eagle Eye", docs_url=None, redoc_url=None, openapi_url=None)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined)
    env.globals.update(thai_datetime=thai.thai_datetime, thai_duration=thai.thai_duration, LEVEL_TH=thai.LEVEL_TH,
                       KIND_TH=thai.KIND_TH, STATUS_TH=thai.STATUS_TH, sensitive_th=thai.sensitive_th)
    templates = Jinja2Templates(env=env)
    max_age = timedelta(days=settings.ack_link_days)

    def now() -> datetime:
        return datetime.now(timezone.utc)

    def incident_for(token: str) -> int:
        return links.verify(settings.secret_key_bytes(), token, now=now(), max_age=max_age)

    @app.middleware("http")
    async def _private(request: Request, call_next):  # noqa: ANN001, ANN202
        response = await call_next(request)
        # a signed link is a key: never sent on to the sites it links, never cached, never indexed
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Robots-Tag"] = "noindex, nofollow"
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response

    @app.exception_handler(EagleEyeError)
    async def _error(request: Request, exc: EagleEyeError) -> HTMLResponse:
        status = 403 if isinstance(exc, LinkError) else 404 if isinstance(exc, IncidentError) else 400
        return templates.TemplateResponse(request, "error.html", {"status": status, "message": str(exc)},
                                          status_code=status)

    @app.get("/healthz")
    def healthz() -> dict:
        return {"ok": True}

    @app.get("/ack/{token}", response_class=HTMLResponse)
    def ack_page(request: Request, token: str, done: str = "") -> HTMLResponse:
        incident_id = incident_for(token)
        with db.session_scope(engine) as session:
            incident = get_incident(session, incident_id)
            view = views.build(session, incident, settings=settings, now=now(), online_only=False)
            fix_reported = incident.fix_reported_at is not None
            return templates.TemplateResponse(request, "ack.html", {
                "v": view, "token": token, "done": done, "fix_reported": fix_reported,
            })

    @app.post("/ack/{token}")
    def ack(token: str, action: str = Form("ack")) -> RedirectResponse:
        incident_id = incident_for(token)
        with db.session_scope(engine) as session:
            if action == "fixed":
                actions.report_fixed(session, incident_id=incident_id, actor=COORDINATOR, now=now())
            else:
                actions.acknowledge(session, incident_id=incident_id, actor=COORDINATOR, now=now())
        return RedirectResponse(f"/ack/{token}?done={'fixed' if action == 'fixed' else 'ack'}", status_code=303)

    @app.get("/ack/{token}/{name}.{fmt}")
    def ack_document(token: str, name: str, fmt: str) -> Response:
        from alerts import reports

        incident_id = incident_for(token)
        if name not in ("report", "notice") or fmt not in _MEDIA:
            raise IncidentError("no such document: report or notice, as docx or pdf")
        with db.session_scope(engine) as session:
            filename, data = reports.render(session, incident_id=incident_id, which=name, fmt=fmt, settings=settings,
                                            now=now())
        return Response(data, media_type=_MEDIA[fmt], headers={"Content-Disposition": f'attachment; filename="{filename}"'})

    return app
