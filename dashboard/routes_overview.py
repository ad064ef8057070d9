"""The overview: what is open by risk, what is overdue, what is new this week, the leak rate
(share of monitored organisations with an open exposure) over the last weeks, and where."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import sqlalchemy as sa
from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from sqlmodel import col, select

from alerts import views
from dashboard import scope
from dashboard.web import Viewer, now, page, state, viewer
from eagle_eye import db
from eagle_eye.models import ACTIVE_STATUSES, Incident, Organisation

router = APIRouter()
WEEKS = 8


def _active_at(moment):  # noqa: ANN001, ANN202 - a SQL condition: open at that moment (approximately)
    """Opened by then and not yet remediated or closed by then. An incident reopened later counts
    from its first opening: the week-by-week figure of the weekly report is the exact one."""
    return sa.and_(
        col(Incident.opened_at) <= moment,
        sa.or_(col(Incident.remediated_at).is_(None), col(Incident.remediated_at) > moment,
               col(Incident.reopened_at) > col(Incident.remediated_at)),
        sa.or_(col(Incident.closed_at).is_(None), col(Incident.closed_at) > moment),
    )


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, who: Viewer = Depends(viewer)) -> HTMLResponse:
    at = now()
    active = col(Incident.status).in_([s.value for s in ACTIVE_STATUSES])
    seen = scope.organisations(who.user)
    with db.session_scope(state(request).engine) as session:
        joined = select(Incident, Organisation).join(Organisation, col(Organisation.org_id) == Incident.org_id).where(seen)
        open_rows = session.exec(joined.where(active)).all()
        by_risk = Counter(i.risk_level for i, _ in open_rows)
        overdue = sum(1 for i, _ in open_rows if at - i.opened_at >= views.NOTIFY_WITHIN)
        new_week = session.exec(select(sa.func.count()).select_from(
            joined.where(col(Incident.opened_at) >= at - timedelta(days=7)).subquery())).one()
        orgs = session.exec(select(Organisation.org_id, Organisation.province, Organisation.org_type).where(seen)).all()
        leaking = {o.org_id for _, o in open_rows}
        trend = []
        for weeks_ago in range(WEEKS - 1, -1, -1):
            moment = at - timedelta(weeks=weeks_ago)
            n = session.exec(select(sa.func.count(sa.distinct(Incident.org_id))).select_from(Incident)
                             .join(Organisation, col(Organisation.org_id) == Incident.org_id)
                             .where(seen, _active_at(moment))).one()
            trend.append((moment, n))
    total = len(orgs) or 1
    context = {
        "by_risk": [(level, by_risk.get(level, 0)) for level in ("high", "medium", "low", "none")],
        "open_total": len(open_rows), "overdue": overdue, "new_week": new_week, "orgs": len(orgs),
        "leak_rate": len(leaking) / total, "trend": [(m, n / total) for m, n in trend],
        "by_province": _breakdown(orgs, leaking, key=lambda o: o.province),
        "by_type": _breakdown(orgs, leaking, key=lambda o: o.org_type.value if hasattr(o.org_type, "value") else o.org_type),
    }
    return page(request, "overview.html", context, who=who)


def _breakdown(orgs, leaking: set[str], *, key) -> list[tuple[str, int, int, float]]:  # noqa: ANN001
    """(name, organisations, with an open exposure, share), worst first: a sorted table with bars."""
    monitored, exposed = Counter(), Counter()
    for org in orgs:
        monitored[key(org)] += 1
        exposed[key(org)] += org.org_id in leaking
    rows = [(name, n, exposed[name], exposed[name] / n) for name, n in monitored.items()]
    return sorted(rows, key=lambda r: (-r[3], -r[2], r[0]))
