"""The weekly report in the dashboard: the national one for national admins (DLA's), the
province's own for a province officer; coordinators have none. Any complete week, any format."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from dashboard import scope
from dashboard.web import Viewer, audit, now, page, state, viewer
from eagle_eye import db
from eagle_eye.errors import IncidentError
from eagle_eye.models import Role

router = APIRouter()
MEDIA = {"html": "text/html; charset=utf-8", "pdf": "application/pdf", "csv": "text/csv; charset=utf-8",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _week(request: Request):  # noqa: ANN202 - reports.weeks.IsoWeek
    from reports.weeks import resolve

    try:
        return resolve(request.query_params.get("week") or None, now=now())
    except ValueError as exc:
        raise IncidentError(str(exc)) from None


def _province(who: Viewer) -> str | None:
    if who.user.role is Role.COORDINATOR:
        raise scope.Forbidden("the weekly report is for the monitoring team")
    return who.user.province if who.user.role is Role.PROVINCE_OFFICER else None


@router.get("/reports/weekly", response_class=HTMLResponse)
def weekly_page(request: Request, who: Viewer = Depends(viewer)) -> HTMLResponse:
    province = _province(who)
    week = _week(request)
    return page(request, "reports.html", {"week": str(week), "province": province,
                                          "formats": ["html", "pdf", "xlsx", "csv"]}, who=who)


@router.get("/reports/weekly.{fmt}")
def weekly_file(request: Request, fmt: str, who: Viewer = Depends(viewer)) -> Response:
    from reports.render import render
    from reports.weekly import build_weekly

    province = _province(who)
    if fmt not in MEDIA:
        raise IncidentError("the report comes as html, pdf, xlsx or csv")
    week = _week(request)
    with db.session_scope(state(request).engine) as session:
        report = build_weekly(session, week=week, now=now(), province=province)
        audit(session, who, "export", target="weekly_report", detail=f"{week} {fmt}")
    name = f"eagle-eye-weekly-{week}.{fmt}"
    disposition = "inline" if fmt == "html" else "attachment"
    return Response(render(report, f".{fmt}"), media_type=MEDIA[fmt],
                    headers={"Content-Disposition": f'{disposition}; filename="{name}"'})
