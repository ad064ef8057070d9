"""The paged lists (incidents, organisations, crawl runs), on SQLite and PostgreSQL: their pages
put together are the whole list in order, as the straightforward query (and the exports) have it,
in every role's scope; the organisations' search; the crawl runs' recent window."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import col, select

from dashboard import routes_incidents, routes_registry
from eagle_eye.models import CrawlRun, CrawlStatus, Incident, IncidentStatus, Organisation
from tests.alerts.conftest import T0
from tests.dashboard.conftest import client_for, seed
from tests.dashboard.test_access import SEES

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
PROVINCE = {"t1": "พิษณุโลก", "t2": "พิษณุโลก", "t3": "ลำปาง", "t4": "พิษณุโลก", "t5": "ลำปาง"}


@pytest.fixture
def busy(world, monkeypatch):  # noqa: ANN001, ANN201 - SQLite and PostgreSQL
    """The seeded world plus t4, t5 (never crawled), more incidents (ties on opened_at and
    risk) and crawl runs: re-checks, runs of several organisations, of an organisation since
    removed from the registry, a run without stats for one of its organisations. Pages of 2 or 3."""
    world = seed(world)
    world.org("t4", name="อบต.สี่")
    world.org("t5", name="อบต.ห้า", province="ลำปาง")
    with world.session() as s:
        for n, org_id in enumerate(["t1", "t2", "t3", "t4", "t1", "t3", "t4"]):
            s.add(Incident(org_id=org_id, status=IncidentStatus.CLOSED if n % 3 else IncidentStatus.OPEN,
                           risk_score=n % 2, opened_at=T0 - timedelta(days=n % 3), updated_at=T0))
        runs = [(["t1", "t2"], False), (["t3"], True), (["t1", "gone"], False), (["t4", "t3"], False),
                (["gone"], False), (["t2", "t4"], True), (["t3", "t1"], False)]
        for n, (org_ids, recheck) in enumerate(runs):
            at = T0 + timedelta(hours=n + 1)
            stats = {o: {"pages": 10 * n + i, "errors": n, "exposures": i} for i, o in enumerate(org_ids) if (o, n) != ("t1", 6)}
            s.add(CrawlRun(started_at=at, finished_at=at + timedelta(minutes=n), status=CrawlStatus.FINISHED,
                           org_ids=org_ids, stats=stats, recheck=recheck))
    monkeypatch.setattr(routes_incidents, "PER_PAGE", 2)
    monkeypatch.setattr(routes_registry, "ORG_PAGE", 2)
    monkeypatch.setattr(routes_registry, "RUN_PAGE", 3)
    return world


def _pages(client, path: str, key: str = "id") -> list:  # noqa: ANN001
    out, number = [], 1
    while True:
        context = client.get(f"{path}{'&' if '?' in path else '?'}page={number}").context
        out += [r[key] for r in context["rows"]]
        if number >= context["pages"]:
            return out
        number += 1


@pytest.mark.parametrize("username", list(SEES))
def test_when_incidents_are_paged_then_the_pages_are_the_list_in_order(busy, username):
    client = client_for(busy, username)
    for sort, direction in [("opened", "desc"), ("risk", "asc"), ("org", "desc"), ("status", "asc")]:
        order = routes_incidents.SORTS[sort]
        with busy.session() as s:
            expected = [i.id for i, _ in s.exec(
                select(Incident, Organisation).join(Organisation, col(Organisation.org_id) == Incident.org_id)
                .where(col(Organisation.org_id).in_(_sees(username)))
                .order_by(order.desc() if direction == "desc" else order.asc(), col(Incident.id).desc()))]
        assert len(expected) > 2 and _pages(client, f"/incidents?sort={sort}&dir={direction}") == expected, sort


def _sees(username: str) -> set[str]:
    return {o for o, p in PROVINCE.items() if username == "admin" or o in SEES[username]
            or (username in ("plk", "lpg") and p == {"plk": "พิษณุโลก", "lpg": "ลำปาง"}[username])}


def _last_crawls(busy) -> dict:  # noqa: ANN001 - the straightforward way: the newest crawl run holding each organisation
    with busy.session() as s:
        runs = s.exec(select(CrawlRun).where(col(CrawlRun.recheck).is_(False))
                      .order_by(col(CrawlRun.started_at).desc(), col(CrawlRun.id).desc())).all()
        last: dict = {}
        for run in runs:
            for org_id in run.org_ids:
                stats = run.stats.get(org_id, {})
                last.setdefault(org_id, (run.started_at, stats.get("pages", 0), stats.get("errors", 0),
                                         int((run.finished_at - run.started_at).total_seconds())))
        return last


@pytest.mark.parametrize("username", list(SEES))
def test_when_organisations_are_paged_then_each_has_its_last_crawl_and_the_export_has_them_all(busy, username):
    client = client_for(busy, username)
    expected = sorted(_sees(username), key=lambda o: (PROVINCE[o], _name(busy, o), o))
    assert _pages(client, "/organisations", "org_id") == expected
    last = _last_crawls(busy)
    rows = [r for n in range(1, 4) for r in client.get(f"/organisations?page={n}").context["rows"]]
    assert {r["org_id"]: (r["last_crawl"], r["pages"], r["errors"], r["duration_s"]) for r in rows if r["last_crawl"]} \
        == {o: v for o, v in last.items() if o in expected}
    # t3's last run is the newest that is not a re-check; t1's holds no stats for it; t5 never crawled
    assert last["t3"][1:3] == (60, 6) and last["t1"][1:3] == (0, 0) and "t5" not in last
    export = client.get("/organisations.csv").content.decode("utf-8-sig").splitlines()[1:]
    assert [line.split(",")[0] for line in export] == expected  # every organisation in scope, not one page


@pytest.mark.parametrize(("username", "q", "found"), [
    ("admin", "สาม", ["t3"]), ("admin", "t4", ["t4"]), ("admin", "อบต.", ["t1", "t2", "t4", "t5"]),
    ("plk", "สาม", []), ("plk", "t3", []), ("lpg", "อบต.", ["t5"]), ("coord", "อบต.", ["t1"]),
])
def test_when_organisations_are_searched_then_by_name_or_code_within_scope(busy, username, q, found):
    client = client_for(busy, username)
    assert sorted(_pages(client, f"/organisations?q={q}", "org_id")) == found
    export = client.get(f"/organisations.csv?q={q}").content.decode("utf-8-sig").splitlines()[1:]
    assert sorted(line.split(",")[0] for line in export) == found


def _name(busy, org_id: str) -> str:  # noqa: ANN001
    with busy.session() as s:
        return s.get(Organisation, org_id).name


@pytest.mark.parametrize("username", list(SEES))
@pytest.mark.parametrize("recent", [500, 4])
def test_when_crawl_runs_are_paged_then_those_of_the_recent_window_each_counted_in_scope(busy, username, recent, monkeypatch):
    monkeypatch.setattr(routes_registry, "RECENT_RUNS", recent)
    client = client_for(busy, username)
    sees = _sees(username)
    with busy.session() as s:
        runs = s.exec(select(CrawlRun).order_by(col(CrawlRun.started_at).desc(), col(CrawlRun.id).desc()).limit(recent)).all()
        expected = []
        for run in runs:
            mine = [o for o in run.org_ids if o in sees]
            if mine:
                expected.append((run.id, len(mine), sum(run.stats.get(o, {}).get("pages", 0) for o in mine)))
    rows = [r for n in range(1, 4) for r in client.get(f"/crawls?page={n}").context["rows"]]
    assert [(r["id"], r["orgs"], r["pages"]) for r in rows] == expected
    assert client.get("/crawls").context["total"] == len(expected)
    export = client.get("/crawls.csv").content.decode("utf-8-sig").splitlines()[1:]
    assert [int(line.split(",")[0]) for line in export] == [e[0] for e in expected]
