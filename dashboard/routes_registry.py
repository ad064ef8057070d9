"""Organisations (the registry, coordinators, last crawl and its health, import from CSV with
the CLI's validation) and crawl runs; each list also as CSV and XLSX."""

from __future__ import annotations

from fastapi import APIRouter, Depends, File, Request, UploadFile
from fastapi.responses import HTMLResponse, Response
from sqlmodel import col, select

from dashboard import exports, scope
from dashboard.web import Viewer, audit, now, page, state, viewer
from eagle_eye import db, registry
from eagle_eye.errors import IncidentError, RegistryError
from eagle_eye.models import ACTIVE_STATUSES, CrawlRun, Incident, Organisation

router = APIRouter()
ORG_COLUMNS = [
    ("org_id", "รหัส อปท."), ("name", "ชื่อ"), ("org_type", "ประเภท"), ("province", "จังหวัด"), ("district", "อำเภอ"),
    ("websites", "เว็บไซต์"), ("coordinator_name", "ผู้ประสานงาน"), ("coordinator_email", "อีเมลผู้ประสานงาน"),
    ("open_incidents", "เรื่องที่ยังไม่ปิด"), ("last_crawl", "ตรวจล่าสุด (UTC)"), ("pages", "หน้า"),
    ("errors", "ข้อผิดพลาด"), ("duration_s", "ใช้เวลา (วินาที)"),
]
RUN_COLUMNS = [("id", "เลขที่"), ("started_at", "เริ่ม (UTC)"), ("finished_at", "เสร็จ (UTC)"), ("status", "สถานะ"),
               ("recheck", "ตรวจซ้ำ"), ("orgs", "อปท."), ("pages", "หน้า"), ("exposures", "ข้อมูลที่เปิดเผย"),
               ("errors", "ข้อผิดพลาด")]
RECENT_RUNS = 500


def _org_rows(session, who: Viewer) -> list[dict]:  # noqa: ANN001
    orgs = session.exec(select(Organisation).where(scope.organisations(who.user)).order_by(Organisation.province,
                                                                                           Organisation.name)).all()
    open_counts: dict[str, int] = {}
    for org_id in session.exec(select(Incident.org_id).where(col(Incident.status).in_([s.value for s in ACTIVE_STATUSES]))):
        open_counts[org_id] = open_counts.get(org_id, 0) + 1
    last: dict[str, CrawlRun] = {}
    for run in session.exec(select(CrawlRun).where(col(CrawlRun.recheck).is_(False))
                            .order_by(col(CrawlRun.started_at).desc()).limit(RECENT_RUNS)):
        for org_id in run.org_ids or ():
            last.setdefault(org_id, run)
    rows = []
    for org in orgs:
        run = last.get(org.org_id)
        stats = (run.stats or {}).get(org.org_id, {}) if run else {}
        rows.append({**org.model_dump(), "org_type": org.org_type.value, "open_incidents": open_counts.get(org.org_id, 0),
                     "last_crawl": run.started_at if run else None, "pages": stats.get("pages", 0),
                     "errors": stats.get("errors", 0), "run_status": run.status.value if run else "",
                     "duration_s": int((run.finished_at - run.started_at).total_seconds()) if run and run.finished_at else None})
    return rows


@router.get("/organisations", response_class=HTMLResponse)
def organisations(request: Request, who: Viewer = Depends(viewer)) -> HTMLResponse:
    with db.session_scope(state(request).engine) as session:
        rows = _org_rows(session, who)
    return page(request, "organisations.html", {"rows": rows, "problems": [], "imported": None}, who=who)


@router.post("/organisations/import", response_class=HTMLResponse)
async def import_organisations(request: Request, file: UploadFile = File(...), who: Viewer = Depends(viewer)) -> HTMLResponse:
    from dashboard.web import checked_form

    await checked_form(request, who)
    scope.require_admin(who.user)
    data = await file.read()
    problems, imported = [], None
    try:
        rows = registry.parse_registry(data, source=file.filename or "upload.csv")
        with db.session_scope(state(request).engine) as session:
            imported = registry.import_organisations(session, rows, now=now())
            audit(session, who, "import_registry", detail=f"{len(rows)} rows")
    except RegistryError as exc:
        problems = exc.problems
    with db.session_scope(state(request).engine) as session:
        org_rows = _org_rows(session, who)
    return page(request, "organisations.html", {"rows": org_rows, "problems": problems, "imported": imported}, who=who,
                status_code=400 if problems else 200)


@router.get("/organisations.{fmt}")
def organisations_export(request: Request, fmt: str, who: Viewer = Depends(viewer)) -> Response:
    with db.session_scope(state(request).engine) as session:
        rows = _org_rows(session, who)
        audit(session, who, "export", target="organisations", detail=f"{fmt}, {len(rows)} rows")
    return _download(ORG_COLUMNS, rows, fmt, "organisations")


def _run_rows(session, who: Viewer) -> list[dict]:  # noqa: ANN001
    visible = set(session.exec(select(Organisation.org_id).where(scope.organisations(who.user))))
    rows = []
    for run in session.exec(select(CrawlRun).order_by(col(CrawlRun.started_at).desc()).limit(RECENT_RUNS)):
        mine = [o for o in run.org_ids or () if o in visible]
        if not mine:
            continue
        stats = [(run.stats or {}).get(o, {}) for o in mine]
        rows.append({"id": run.id, "started_at": run.started_at, "finished_at": run.finished_at,
                     "status": run.status.value, "recheck": run.recheck, "orgs": len(mine),
                     "pages": sum(s.get("pages", 0) for s in stats), "exposures": sum(s.get("exposures", 0) for s in stats),
                     "errors": sum(s.get("errors", 0) for s in stats)})
    return rows


@router.get("/crawls", response_class=HTMLResponse)
def crawls(request: Request, who: Viewer = Depends(viewer)) -> HTMLResponse:
    with db.session_scope(state(request).engine) as session:
        rows = _run_rows(session, who)
    return page(request, "crawls.html", {"rows": rows}, who=who)


@router.get("/crawls.{fmt}")
def crawls_export(request: Request, fmt: str, who: Viewer = Depends(viewer)) -> Response:
    with db.session_scope(state(request).engine) as session:
        rows = _run_rows(session, who)
        audit(session, who, "export", target="crawls", detail=f"{fmt}, {len(rows)} rows")
    return _download(RUN_COLUMNS, rows, fmt, "crawls")


def _download(columns, rows: list[dict], fmt: str, name: str) -> Response:  # noqa: ANN001
    if fmt not in exports.MEDIA:
        raise IncidentError("exports are csv or xlsx")
    return Response(exports.render(columns, rows, fmt, title=name), media_type=exports.MEDIA[fmt],
                    headers={"Content-Disposition": f'attachment; filename="eagle-eye-{name}.{fmt}"'})
