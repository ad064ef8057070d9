"""The overview: what is open by risk, what is overdue, what is new this week, the leak rate
(share of monitored organisations with an open exposure) over the last weeks, and where.

Everything is counted in SQL: a national scope holds ~100,000 incidents, and loading them (as
this page once did) cost seconds per view. Five small aggregate queries instead, the weekly
trend cached for a minute per scope in each worker."""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from sqlmodel import Session, col

from alerts import views
from dashboard import scope
from dashboard.web import Viewer, now, page, state, viewer
from eagle_eye import db
from eagle_eye.models import ACTIVE_STATUSES, Incident, Organisation, User

router = APIRouter()
WEEKS = 8
LEVELS = ("high", "medium", "low", "none")
#: seconds each worker keeps a scope's weekly trend (0: always counted afresh). Safe because the
#: trend is history: every point but the last is at least a week past, and what happens now
#: (an incident opened, remediated or closed) is stamped now, after those moments, so it cannot
#: move them (a reopening can, by the approximation _active_at documents: that shows within the
#: minute). The last point and its dates lag by at most this long; the figures of now (open,
#: overdue, new, the leak-rate card) are always counted afresh.
TREND_TTL = 60
#: scopes kept per worker before the cache is emptied (each is 8 numbers; coordinators are many)
TREND_SCOPES = 2000


def _active_at(moment):  # noqa: ANN001, ANN202 - a SQL condition: open at that moment (approximately)
    """Opened by then and not yet remediated or closed by then. An incident reopened later counts
    from its first opening: the week-by-week figure of the weekly report is the exact one."""
    return sa.and_(
        col(Incident.opened_at) <= moment,
        sa.or_(col(Incident.remediated_at).is_(None), col(Incident.remediated_at) > moment,
               col(Incident.reopened_at) > col(Incident.remediated_at)),
        sa.or_(col(Incident.closed_at).is_(None), col(Incident.closed_at) > moment),
    )


def _incidents(user: User, *columns):  # noqa: ANN002, ANN202 - SELECT columns FROM the incidents this user sees
    return (sa.select(*columns).select_from(Incident)
            .join(Organisation, col(Organisation.org_id) == Incident.org_id).where(scope.organisations(user)))


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, who: Viewer = Depends(viewer)) -> HTMLResponse:
    at = now()
    with db.session_scope(state(request).engine) as session:
        context = figures(session, who.user, at)
        context["trend"] = _cached_trend(request, who.user, at, lambda: trend(session, who.user, at))
    n = context["orgs"] or 1
    context["trend"] = [(moment, leaking / n) for moment, leaking in context["trend"]]
    return page(request, "overview.html", context, who=who)


def figures(session: Session, user: User, at: datetime) -> dict:
    """The figures of now, in this user's scope (all but the trend)."""
    active = col(Incident.status).in_([s.value for s in ACTIVE_STATUSES])
    overdue = col(Incident.opened_at) <= at - views.NOTIFY_WITHIN
    by_risk = {level: (n, late) for level, n, late in session.execute(
        _incidents(user, Incident.risk_level, sa.func.count(), sa.func.count().filter(overdue))
        .where(active).group_by(Incident.risk_level))}
    new_week = session.execute(_incidents(user, sa.func.count())
                               .where(col(Incident.opened_at) >= at - timedelta(days=7))).scalar_one()
    # per province and type: organisations, and those with an open exposure (an outer join to
    # the distinct organisations with an active incident)
    exposed = sa.select(Incident.org_id).where(active).distinct().subquery()
    groups = [(province, getattr(org_type, "value", org_type), n, leaking) for province, org_type, n, leaking
              in session.execute(sa.select(Organisation.province, Organisation.org_type, sa.func.count(),
                                           sa.func.count(exposed.c.org_id))
                                 .outerjoin(exposed, exposed.c.org_id == Organisation.org_id)
                                 .where(scope.organisations(user))
                                 .group_by(Organisation.province, Organisation.org_type))]
    orgs = sum(g[2] for g in groups)
    return {
        "by_risk": [(level, by_risk.get(level, (0, 0))[0]) for level in LEVELS],
        "open_total": sum(n for n, _ in by_risk.values()), "overdue": sum(late for _, late in by_risk.values()),
        "new_week": new_week, "orgs": orgs, "leak_rate": sum(g[3] for g in groups) / (orgs or 1),
        "by_province": _breakdown(groups, 0), "by_type": _breakdown(groups, 1),
    }


def trend(session: Session, user: User, at: datetime) -> list[tuple[datetime, int]]:
    """(moment, organisations with an exposure open then), weekly, oldest first: one query, a
    filtered count per week, over the incidents not closed before the oldest week."""
    moments = [at - timedelta(weeks=w) for w in range(WEEKS - 1, -1, -1)]
    counts = session.execute(
        _incidents(user, *[sa.func.count(sa.distinct(Incident.org_id)).filter(_active_at(m)) for m in moments])
        .where(sa.or_(col(Incident.closed_at).is_(None), col(Incident.closed_at) > moments[0]))).one()
    return list(zip(moments, counts))


def _cached_trend(request: Request, user: User, at: datetime, count) -> list:  # noqa: ANN001
    if not TREND_TTL:
        return count()
    # on the app, not the module: one per worker process, and none shared between apps (tests)
    cache = getattr(request.app.state, "overview_trends", None)
    if cache is None or len(cache) > TREND_SCOPES:
        cache = request.app.state.overview_trends = {}
    key = (user.role, user.province, user.org_id)
    kept = cache.get(key)
    if kept is None or not timedelta(0) <= at - kept[0] < timedelta(seconds=TREND_TTL):
        kept = cache[key] = (at, count())
    return kept[1]


def _breakdown(groups: list[tuple], key: int) -> list[tuple[str, int, int, float]]:
    """(name, organisations, with an open exposure, share), worst first: a sorted table with bars."""
    monitored: dict[str, int] = {}
    exposed: dict[str, int] = {}
    for g in groups:
        monitored[g[key]] = monitored.get(g[key], 0) + g[2]
        exposed[g[key]] = exposed.get(g[key], 0) + g[3]
    rows = [(name, n, exposed[name], exposed[name] / n) for name, n in monitored.items()]
    return sorted(rows, key=lambda r: (-r[3], -r[2], r[0]))
