"""Organisations (the registry, coordinators, last crawl and its health, import from CSV with
the CLI's validation; ORG_PAGE a page, searched by name or code) and crawl runs (RUN_PAGE a page,
of the RECENT_RUNS latest); each list also as CSV and XLSX, whole: every organisation in scope,
every recent run. A page asks the database about its own rows only."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import sqlalchemy as sa
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
#: the crawl runs the pages and exports look at: about five days of the scheduler's 15-minute slots
RECENT_RUNS = 500
ORG_PAGE = 100
RUN_PAGE = 50


def _page_number(request: Request) -> int:
    p = request.query_params.get("page", "")
    return int(p) if p.isdigit() and int(p) > 0 else 1


def _elements(session, column):  # noqa: ANN001, ANN202
    """A JSON array column's elements as a table with one text column, ``value`` (joined laterally
    to the row that holds the array)."""
    fn = sa.func.json_array_elements_text if session.get_bind().dialect.name == "postgresql" else sa.func.json_each
    return fn(column).table_valued("value")


def _orgs(who: Viewer, q: str):  # noqa: ANN202 - the organisations this user sees, searched by name or code
    query = select(Organisation).where(scope.organisations(who.user))
    if q:
        query = query.where(sa.or_(col(Organisation.name).contains(q), Organisation.org_id == q))
    return query


def _org_rows(session, who: Viewer, *, q: str = "", page: int | None = None) -> tuple[list[dict], int]:  # noqa: ANN001
    """(rows, how many in all): one page of ORG_PAGE, or every organisation in scope (exports)."""
    query = _orgs(who, q).order_by(Organisation.province, Organisation.name, Organisation.org_id)
    if page is not None:
        query = query.offset((page - 1) * ORG_PAGE).limit(ORG_PAGE)
    orgs = session.exec(query).all()
    total = len(orgs) if page is None else session.execute(
        sa.select(sa.func.count()).select_from(_orgs(who, q).subquery())).scalar_one()
    # a page asks about its own organisations only; an export about all of them, by subquery
    ids = [o.org_id for o in orgs] if page is not None else _orgs(who, q).with_only_columns(col(Organisation.org_id))
    open_counts = dict(session.execute(
        sa.select(Incident.org_id, sa.func.count()).where(col(Incident.status).in_([s.value for s in ACTIVE_STATUSES]),
                                                          col(Incident.org_id).in_(ids)).group_by(Incident.org_id)).all())
    last = _last_crawls(session, ids)
    rows = []
    for org in orgs:
        run = last.get(org.org_id)
        stats = (_json(run.stats) or {}) if run else {}
        rows.append({**org.model_dump(), "org_type": org.org_type.value, "open_incidents": open_counts.get(org.org_id, 0),
                     "last_crawl": run.started_at if run else None, "pages": stats.get("pages", 0),
                     "errors": stats.get("errors", 0), "run_status": run.status.value if run else "",
                     "duration_s": int((run.finished_at - run.started_at).total_seconds()) if run and run.finished_at else None})
    return rows, total


def _last_crawls(session, org_ids) -> dict:  # noqa: ANN001
    """org_id -> its last crawl among the RECENT_RUNS latest (not re-checks), for ``org_ids`` (a
    list, or a SELECT of them): started_at,
    finished_at, status, and that organisation's stats only. Found in SQL from each run's org_ids
    (row_number per organisation), so a page reads the runs' small id lists, not 500 runs' stats
    decoded in Python as it once did; each last run's stats are then expanded once in SQL."""
    if isinstance(org_ids, list) and not org_ids:
        return {}
    runs = (sa.select(CrawlRun.id, CrawlRun.started_at, CrawlRun.org_ids).where(col(CrawlRun.recheck).is_(False))
            .order_by(col(CrawlRun.started_at).desc(), col(CrawlRun.id).desc()).limit(RECENT_RUNS).subquery("r"))
    m = _elements(session, runs.c.org_ids)
    pairs = (sa.select(m.c.value.label("org_id"), runs.c.id.label("run_id"), sa.func.row_number().over(
        partition_by=m.c.value, order_by=(runs.c.started_at.desc(), runs.c.id.desc())).label("n"))
        .select_from(runs).join(m, sa.true()))
    pairs = pairs.where(m.c.value.in_(org_ids)).subquery("pairs")
    last = sa.select(pairs.c.org_id, pairs.c.run_id).where(pairs.c.n == 1).cte("last")
    s = sa.func.json_each(CrawlRun.stats).table_valued("key", "value")  # the same on both databases
    stats = (sa.select(CrawlRun.id.label("run_id"), s.c.key, s.c.value).select_from(CrawlRun).join(s, sa.true())
             .where(col(CrawlRun.id).in_(sa.select(last.c.run_id)))).subquery("stats")
    return {r.org_id: r for r in session.execute(
        sa.select(last.c.org_id, CrawlRun.started_at, CrawlRun.finished_at, CrawlRun.status, stats.c.value.label("stats"))
        .select_from(last).join(CrawlRun, col(CrawlRun.id) == last.c.run_id)
        .outerjoin(stats, sa.and_(stats.c.run_id == last.c.run_id, stats.c.key == last.c.org_id)))}


def _json(value):  # noqa: ANN001, ANN202 - a JSON value from SQL: parsed by PostgreSQL's driver, text from SQLite
    return json.loads(value) if isinstance(value, str) else value


def _org_page(request: Request, who: Viewer, **extra) -> HTMLResponse:  # noqa: ANN003
    q, number = request.query_params.get("q", "").strip(), _page_number(request)
    with db.session_scope(state(request).engine) as session:
        rows, total = _org_rows(session, who, q=q, page=number)
    context = {"rows": rows, "total": total, "q": q, "problems": [], "imported": None, **extra,
               **_pager(number, total, ORG_PAGE, q=q)}
    return page(request, "organisations.html", context, who=who, status_code=400 if context["problems"] else 200)


def _pager(number: int, total: int, per: int, **params: str) -> dict:
    pages = max(1, -(-total // per))

    def link(n: int) -> str:
        return "?" + urlencode({**{k: v for k, v in params.items() if v}, "page": n})

    return {"page_no": number, "pages": pages, "prev_link": link(number - 1) if number > 1 else "",
            "next_link": link(number + 1) if number < pages else ""}


@router.get("/organisations", response_class=HTMLResponse)
def organisations(request: Request, who: Viewer = Depends(viewer)) -> HTMLResponse:
    return _org_page(request, who)


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
    return _org_page(request, who, problems=problems, imported=imported)


@router.get("/organisations.{fmt}")
def organisations_export(request: Request, fmt: str, who: Viewer = Depends(viewer)) -> Response:
    with db.session_scope(state(request).engine) as session:  # every organisation in scope (searched: those found)
        rows, _ = _org_rows(session, who, q=request.query_params.get("q", "").strip())
        audit(session, who, "export", target="organisations", detail=f"{fmt}, {len(rows)} rows")
    return _download(ORG_COLUMNS, rows, fmt, "organisations")


def _run_rows(session, who: Viewer, *, page: int | None = None) -> tuple[list[dict], int]:  # noqa: ANN001
    """(rows, how many in all) of the RECENT_RUNS latest runs that crawled an organisation this
    user sees, newest first, counted over those organisations only: one page of RUN_PAGE, or all
    of them (exports). Which runs are visible is decided in SQL on the runs' org_ids; only the
    page's runs are loaded with their stats."""
    recent = (sa.select(CrawlRun.id, CrawlRun.started_at, CrawlRun.org_ids)
              .order_by(col(CrawlRun.started_at).desc(), col(CrawlRun.id).desc()).limit(RECENT_RUNS).subquery("r"))
    m = _elements(session, recent.c.org_ids)
    # a join then GROUP BY, not EXISTS per run: PostgreSQL would scan a province's organisations
    # once per run (500 times) for the latter
    ids = list(session.execute(
        sa.select(recent.c.id).select_from(recent).join(m, sa.true())
        .join(Organisation, col(Organisation.org_id) == m.c.value).where(scope.organisations(who.user))
        .group_by(recent.c.id, recent.c.started_at).order_by(recent.c.started_at.desc(), recent.c.id.desc())).scalars())
    shown = ids if page is None else ids[(page - 1) * RUN_PAGE:page * RUN_PAGE]
    if not shown:
        return [], len(ids)
    runs = {r.id: r for r in session.exec(select(CrawlRun).where(col(CrawlRun.id).in_(shown)))}
    # the organisations of these runs that this user sees: only their stats are counted
    theirs = _elements(session, CrawlRun.org_ids)
    in_runs = sa.select(theirs.c.value).select_from(CrawlRun).join(theirs, sa.true()).where(col(CrawlRun.id).in_(shown))
    mine = set(session.exec(select(Organisation.org_id).where(scope.organisations(who.user),
                                                              col(Organisation.org_id).in_(in_runs))))
    rows = []
    for run in (runs[i] for i in shown if i in runs):
        orgs = [o for o in run.org_ids or () if o in mine]
        stats = [(run.stats or {}).get(o, {}) for o in orgs]
        rows.append({"id": run.id, "started_at": run.started_at, "finished_at": run.finished_at,
                     "status": run.status.value, "recheck": run.recheck, "orgs": len(orgs),
                     "pages": sum(s.get("pages", 0) for s in stats), "exposures": sum(s.get("exposures", 0) for s in stats),
                     "errors": sum(s.get("errors", 0) for s in stats)})
    return rows, len(ids)


@router.get("/crawls", response_class=HTMLResponse)
def crawls(request: Request, who: Viewer = Depends(viewer)) -> HTMLResponse:
    number = _page_number(request)
    with db.session_scope(state(request).engine) as session:
        rows, total = _run_rows(session, who, page=number)
    return page(request, "crawls.html", {"rows": rows, "total": total, "recent": RECENT_RUNS,
                                         **_pager(number, total, RUN_PAGE)}, who=who)


@router.get("/crawls.{fmt}")
def crawls_export(request: Request, fmt: str, who: Viewer = Depends(viewer)) -> Response:
    with db.session_scope(state(request).engine) as session:
        rows, _ = _run_rows(session, who)
        audit(session, who, "export", target="crawls", detail=f"{fmt}, {len(rows)} rows")
    return _download(RUN_COLUMNS, rows, fmt, "crawls")


def _download(columns, rows: list[dict], fmt: str, name: str) -> Response:  # noqa: ANN001
    if fmt not in exports.MEDIA:
        raise IncidentError("exports are csv or xlsx")
    return Response(exports.render(columns, rows, fmt, title=name), media_type=exports.MEDIA[fmt],
                    headers={"Content-Disposition": f'attachment; filename="eagle-eye-{name}.{fmt}"'})
