"""Incidents: the list (filters, sorting, paging, CSV/XLSX), the detail page and what the team
and coordinators do there. Every query goes through dashboard.scope."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import col, select

from alerts import actions, views
from alerts.risk import FACTOR_TH, FACTORS
from dashboard import exports, scope
from dashboard.routes_ack import incident_document
from dashboard.web import Viewer, audit, checked_form, now, page, state, viewer
from eagle_eye import db
from eagle_eye.errors import IncidentError
from eagle_eye.models import (
    ACTIVE_STATUSES, Document, Finding, Incident, IncidentEvent, IncidentStatus, Organisation, OrganisationPublic,
)

router = APIRouter()
PER_PAGE = 50
SORTS = {
    "opened": col(Incident.opened_at), "risk": col(Incident.risk_score), "findings": col(Incident.finding_count),
    "people": col(Incident.people_exposed), "org": col(Organisation.name), "status": col(Incident.status),
}
COLUMNS = [
    ("id", "เลขที่"), ("org_id", "รหัส อปท."), ("org_name", "หน่วยงาน"), ("province", "จังหวัด"),
    ("org_type", "ประเภท"), ("status", "สถานะ"), ("risk_level", "ความเสี่ยง"), ("risk_score", "คะแนน"),
    ("finding_count", "ข้อมูลที่พบ"), ("people_exposed", "ประชาชน (โดยประมาณ)"), ("document_count", "เอกสาร"),
    ("opened_at", "พบเมื่อ (UTC)"), ("notified_at", "แจ้งเมื่อ (UTC)"), ("remediated_at", "แก้ไขเมื่อ (UTC)"),
]


@dataclass
class Filters:
    province: str = ""
    org_type: str = ""
    status: str = ""
    risk: str = ""
    #: opened at least this many days ago
    min_age_days: int = 0
    q: str = ""
    sort: str = "opened"
    desc: bool = True
    page: int = 1

    @classmethod
    def of(cls, request: Request) -> Filters:
        p = request.query_params
        return cls(province=p.get("province", ""), org_type=p.get("org_type", ""), status=p.get("status", ""),
                   risk=p.get("risk", ""), min_age_days=_int(p.get("min_age_days"), 0), q=p.get("q", "").strip(),
                   sort=p.get("sort", "opened") if p.get("sort") in SORTS else "opened",
                   desc=p.get("dir", "desc") != "asc", page=max(1, _int(p.get("page"), 1)))

    def query(self, who: Viewer):  # noqa: ANN201
        q = (select(Incident, Organisation).join(Organisation, col(Organisation.org_id) == Incident.org_id)
             .where(scope.organisations(who.user)))
        if self.province:
            q = q.where(Organisation.province == self.province)
        if self.org_type:
            q = q.where(Organisation.org_type == self.org_type)
        if self.status == "active":
            q = q.where(col(Incident.status).in_([s.value for s in ACTIVE_STATUSES]))
        elif self.status:
            q = q.where(Incident.status == self.status)
        if self.risk:
            q = q.where(Incident.risk_level == self.risk)
        if self.min_age_days:
            q = q.where(col(Incident.opened_at) <= now() - timedelta(days=self.min_age_days))
        if self.q:
            q = q.where(sa.or_(col(Organisation.name).contains(self.q), Organisation.org_id == self.q))
        return q

    def link(self, **changes: object) -> str:
        values = {"province": self.province, "org_type": self.org_type, "status": self.status, "risk": self.risk,
                  "min_age_days": self.min_age_days or "", "q": self.q, "sort": self.sort,
                  "dir": "desc" if self.desc else "asc", "page": self.page, **changes}
        from urllib.parse import urlencode

        return "?" + urlencode({k: v for k, v in values.items() if v not in ("", None)})


def _int(value: str | None, default: int) -> int:
    return int(value) if value and value.isdigit() else default


def _row(incident: Incident, org: Organisation) -> dict:
    return {**incident.model_dump(), "org_name": org.name, "province": org.province, "org_type": org.org_type.value,
            "status": incident.status.value, "overdue": incident.status in ACTIVE_STATUSES
            and now() - incident.opened_at >= views.NOTIFY_WITHIN}


@router.get("/incidents", response_class=HTMLResponse)
def incident_list(request: Request, who: Viewer = Depends(viewer)) -> HTMLResponse:
    f = Filters.of(request)
    order = SORTS[f.sort].desc() if f.desc else SORTS[f.sort].asc()
    with db.session_scope(state(request).engine) as session:
        # the page's ids first, on the narrow query (an index-only scan for the default order),
        # then its 50 rows by id: OFFSET then skips ids, not whole incidents with their JSON
        narrow = f.query(who).with_only_columns(col(Incident.id))
        total = session.execute(sa.select(sa.func.count()).select_from(narrow.subquery())).scalar_one()
        ids = list(session.execute(narrow.order_by(order, col(Incident.id).desc())
                                   .offset((f.page - 1) * PER_PAGE).limit(PER_PAGE)).scalars())
        found = {i.id: (i, o) for i, o in session.exec(
            select(Incident, Organisation).join(Organisation, col(Organisation.org_id) == Incident.org_id)
            .where(col(Incident.id).in_(ids), scope.organisations(who.user)))} if ids else {}
        provinces = _provinces(session, who)
        items = [_row(*found[i]) for i in ids if i in found]  # in the page's order (one purged meanwhile: gone)
    return page(request, "incidents.html", {"rows": items, "total": total, "f": f, "pages": max(1, -(-total // PER_PAGE)),
                                            "provinces": provinces, "statuses": [s.value for s in IncidentStatus]},
                who=who)


def _provinces(session, who: Viewer) -> list[str]:  # noqa: ANN001
    return list(session.exec(select(Organisation.province).distinct().where(scope.organisations(who.user))
                             .order_by(Organisation.province)))


@router.get("/incidents.{fmt}")
def incident_export(request: Request, fmt: str, who: Viewer = Depends(viewer)) -> Response:
    if fmt not in exports.MEDIA:
        raise IncidentError("exports are csv or xlsx")
    f = Filters.of(request)
    with db.session_scope(state(request).engine) as session:
        rows = [_row(i, o) for i, o in session.exec(f.query(who).order_by(col(Incident.id)))]
        audit(session, who, "export", target="incidents", detail=f"{fmt}, {len(rows)} rows")
    data = exports.render(COLUMNS, rows, fmt, title="incidents")
    return Response(data, media_type=exports.MEDIA[fmt],
                    headers={"Content-Disposition": f'attachment; filename="eagle-eye-incidents.{fmt}"'})


@router.get("/incidents/{incident_id}", response_class=HTMLResponse)
def incident_detail(request: Request, incident_id: int, who: Viewer = Depends(viewer)) -> HTMLResponse:
    settings = state(request).settings
    with db.session_scope(state(request).engine) as session:
        incident, org = scope.incident(session, who.user, incident_id)
        view = views.build(session, incident, settings=settings, now=now(), online_only=False) \
            if settings.secret_key is not None else None
        findings = session.exec(
            select(Finding, Document.url).join(Document, col(Document.id) == Finding.document_id)
            .where(Finding.incident_id == incident_id).order_by(Finding.document_id, Finding.id).limit(500)
        ).all()
        events = session.exec(select(IncidentEvent).where(IncidentEvent.incident_id == incident_id)
                              .order_by(col(IncidentEvent.at), col(IncidentEvent.id))).all()
        audit(session, who, "open_incident", target=f"incident:{incident_id}")
        context = {
            "i": _row(incident, org), "org": OrganisationPublic.model_validate(org), "v": view, "findings": [(f.model_dump(), url) for f, url in findings],
            "events": [e.model_dump() for e in events], "factors": [(n, FACTOR_TH[n]) for n in FACTORS],
            "effective": _effective(incident), "can_edit": scope.can_edit(who.user),
            "deadline": incident.opened_at + views.NOTIFY_WITHIN,
        }
    return page(request, "incident.html", context, who=who)


def _effective(incident: Incident) -> dict[str, int]:
    from alerts.assess import effective_factors

    return effective_factors(incident).as_dict() if incident.risk_factors else {}


@router.post("/incidents/{incident_id}")
async def incident_action(request: Request, incident_id: int, who: Viewer = Depends(viewer)) -> RedirectResponse:
    form = await checked_form(request, who)
    action, actor, at = form.get("action", ""), who.user.display_name or who.user.username, now()
    with db.session_scope(state(request).engine) as session:
        scope.incident(session, who.user, incident_id)
        if action == "acknowledge":
            actions.acknowledge(session, incident_id=incident_id, actor=actor, now=at)
        elif action == "fixed":
            actions.report_fixed(session, incident_id=incident_id, actor=actor, now=at)
        elif action == "note" and form.get("text", "").strip():
            actions.note(session, incident_id=incident_id, actor=actor, now=at, text=form["text"].strip()[:2000])
        elif action in ("close", "risk", "false_positive") and not scope.can_edit(who.user):
            raise scope.Forbidden("only the monitoring team can do this")
        elif action == "close":
            actions.close(session, incident_id=incident_id, actor=actor, now=at,
                          reason=form.get("reason", "").strip() or "ปิดโดยทีมเฝ้าระวัง")
        elif action == "risk":
            incident = session.get(Incident, incident_id)
            auto = incident.risk_factors or {}
            # only what differs from the automatic value is the team's: the rest stays automatic
            overrides = {n: int(form[n]) for n in FACTORS if form.get(n, "").isdigit() and int(form[n]) != auto.get(n)}
            actions.edit_risk(session, incident_id=incident_id, overrides=overrides, actor=actor, now=at, replace=True)
        elif action == "false_positive":
            finding = session.get(Finding, _int(form.get("finding_id"), 0))
            if finding is None or finding.incident_id != incident_id:
                raise IncidentError("no such finding in this incident")
            actions.mark_false_positive(session, finding_id=finding.id, actor=actor, now=at,
                                        reason=form.get("reason", "").strip()[:500])
        else:
            raise IncidentError(f"unknown action: {action[:40]}")
        audit(session, who, action, target=f"incident:{incident_id}")
    return RedirectResponse(f"/incidents/{incident_id}", status_code=303)


@router.get("/incidents/{incident_id}/{name}.{fmt}")
def incident_download(request: Request, incident_id: int, name: str, fmt: str, who: Viewer = Depends(viewer)) -> Response:
    with db.session_scope(state(request).engine) as session:
        scope.incident(session, who.user, incident_id)
        audit(session, who, "download", target=f"incident:{incident_id}", detail=f"{name}.{fmt}")
    return incident_document(request, incident_id, name, fmt)
