"""The coordinator's pages behind a signed email link: no login, one incident. A GET never
changes anything (mail scanners open links before people do)."""

from __future__ import annotations

from datetime import timedelta

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from alerts import actions, links, views
from alerts.lifecycle import get_incident
from dashboard.web import now, page, state
from eagle_eye import db
from eagle_eye.errors import IncidentError

router = APIRouter()
COORDINATOR = "ผู้ประสานงาน (ลิงก์ในอีเมล)"


def _incident_for(request: Request, token: str) -> int:
    settings = state(request).settings
    return links.verify(settings.secret_key_bytes(), token, now=now(), max_age=timedelta(days=settings.ack_link_days))


@router.get("/ack/{token}", response_class=HTMLResponse)
def ack_page(request: Request, token: str, done: str = "") -> HTMLResponse:
    incident_id = _incident_for(request, token)
    with db.session_scope(state(request).engine) as session:
        incident = get_incident(session, incident_id)
        view = views.build(session, incident, settings=state(request).settings, now=now(), online_only=False)
        fix_reported = incident.fix_reported_at is not None
    return page(request, "ack.html", {"v": view, "token": token, "done": done, "fix_reported": fix_reported})


@router.post("/ack/{token}")
def ack(request: Request, token: str, action: str = Form("ack")) -> RedirectResponse:
    incident_id = _incident_for(request, token)
    with db.session_scope(state(request).engine) as session:
        if action == "fixed":
            actions.report_fixed(session, incident_id=incident_id, actor=COORDINATOR, now=now())
        else:
            actions.acknowledge(session, incident_id=incident_id, actor=COORDINATOR, now=now())
    return RedirectResponse(f"/ack/{token}?done={'fixed' if action == 'fixed' else 'ack'}", status_code=303)


@router.get("/ack/{token}/{name}.{fmt}")
def ack_document(request: Request, token: str, name: str, fmt: str) -> Response:
    incident_id = _incident_for(request, token)
    return incident_document(request, incident_id, name, fmt)


def incident_document(request: Request, incident_id: int, name: str, fmt: str) -> Response:
    from alerts import documents, reports

    if name not in reports.WHICH or fmt not in documents.MEDIA_TYPES:
        raise IncidentError("no such document: report or notice, as docx or pdf")
    with db.session_scope(state(request).engine) as session:
        filename, data = reports.render(session, incident_id=incident_id, which=name, fmt=fmt,
                                        settings=state(request).settings, now=now())
    return Response(data, media_type=documents.MEDIA_TYPES[fmt], headers={"Content-Disposition": f'attachment; filename="{filename}"'})
