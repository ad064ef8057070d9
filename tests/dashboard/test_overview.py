"""The overview's figures, counted in SQL, against values counted by hand on a seeded world
(SQLite and PostgreSQL), for every role; and the weekly trend's short per-worker cache."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlmodel import select

from dashboard import routes_overview
from dashboard.app import create_app
from eagle_eye.models import Incident, IncidentStatus, Organisation, OrgType
from tests.alerts.conftest import T0
from tests.dashboard.conftest import PASSWORD, client_for, seed

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

#: the overview's clock in these tests
AT = T0 + timedelta(days=14)
DAY = timedelta(days=1)


def shape(world):  # noqa: ANN001, ANN201
    """The seeded world, made to hit every figure (t1, t2 in พิษณุโลก; t3 and t4, a town, in ลำปาง):

    1. t1, open, high, opened T0: overdue; active from T0 on
    2. t2, acknowledged, medium, opened a day before AT: new this week, not overdue
    3. t3, closed, opened T0, remediated T0+3d, closed T0+10d: active at T0 only
    4. t1, reopened, low, opened T0-20d, remediated T0-10d, reopened T0+5d: overdue; a reopened
       incident counts from its first opening, so active from T0-20d on
    """
    world.org("t4", name="เทศบาลสี่", province="ลำปาง")
    with world.session() as s:
        s.get(Organisation, "t4").org_type = OrgType.TOWN
        one, two, three = (s.get(Incident, i) for i in (1, 2, 3))
        one.status, one.risk_level = IncidentStatus.OPEN, "high"
        two.status, two.risk_level, two.opened_at = IncidentStatus.ACKNOWLEDGED, "medium", AT - DAY
        three.status, three.risk_level = IncidentStatus.CLOSED, "high"
        three.remediated_at, three.closed_at = T0 + 3 * DAY, T0 + 10 * DAY
        s.add(Incident(org_id="t1", status=IncidentStatus.REOPENED, risk_level="low", opened_at=T0 - 20 * DAY,
                       remediated_at=T0 - 10 * DAY, reopened_at=T0 + 5 * DAY, updated_at=T0 + 5 * DAY))
    return world


# the trend's moments, oldest first: AT - 7 weeks ... AT
MOMENTS = [AT - timedelta(weeks=w) for w in range(7, -1, -1)]
EXPECTED = {
    "admin": dict(by_risk=[("high", 1), ("medium", 1), ("low", 1), ("none", 0)], open_total=3, overdue=2, new_week=1,
                  orgs=4, leak_rate=2 / 4, trend=[0, 0, 0, 1, 1, 2, 1, 2],
                  by_province=[("พิษณุโลก", 2, 2, 1.0), ("ลำปาง", 2, 0, 0.0)],
                  by_type=[("sao", 3, 2, 2 / 3), ("town", 1, 0, 0.0)]),
    "plk": dict(by_risk=[("high", 1), ("medium", 1), ("low", 1), ("none", 0)], open_total=3, overdue=2, new_week=1,
                orgs=2, leak_rate=1.0, trend=[0, 0, 0, 1, 1, 1, 1, 2],
                by_province=[("พิษณุโลก", 2, 2, 1.0)], by_type=[("sao", 2, 2, 1.0)]),
    "lpg": dict(by_risk=[("high", 0), ("medium", 0), ("low", 0), ("none", 0)], open_total=0, overdue=0, new_week=0,
                orgs=2, leak_rate=0.0, trend=[0, 0, 0, 0, 0, 1, 0, 0],
                by_province=[("ลำปาง", 2, 0, 0.0)], by_type=[("sao", 1, 0, 0.0), ("town", 1, 0, 0.0)]),
    "coord": dict(by_risk=[("high", 1), ("medium", 0), ("low", 1), ("none", 0)], open_total=2, overdue=2, new_week=0,
                  orgs=1, leak_rate=1.0, trend=[0, 0, 0, 1, 1, 1, 1, 1],
                  by_province=[("พิษณุโลก", 1, 1, 1.0)], by_type=[("sao", 1, 1, 1.0)]),
}


@pytest.fixture
def shaped(world, monkeypatch):  # noqa: ANN001, ANN201 - SQLite and PostgreSQL
    monkeypatch.setattr(routes_overview, "now", lambda: AT)
    return shape(seed(world))


@pytest.mark.parametrize("username", list(EXPECTED))
def test_when_the_overview_is_counted_in_sql_then_it_matches_a_hand_count(shaped, username):
    context = client_for(shaped, username).get("/").context
    expected = dict(EXPECTED[username])
    orgs = expected["orgs"]
    expected["trend"] = [(m, n / orgs) for m, n in zip(MOMENTS, expected.pop("trend"))]
    assert {k: context[k] for k in expected} == expected  # shares computed as n / total: exact


def test_when_the_overview_is_reloaded_then_the_trend_is_cached_per_scope_for_a_minute(sqlite_world, monkeypatch):
    world = shape(seed(sqlite_world))
    clock = [AT]
    monkeypatch.setattr(routes_overview, "now", lambda: clock[0])
    app = create_app(world.settings)  # one app (one worker): both users share its cache
    admin, plk = (_login(app, name) for name in ("admin", "plk"))
    first = admin.get("/").context
    assert plk.get("/").context["trend"][-1][1] == 1.0  # its own scope, not the admin's cached trend
    with world.session() as s:  # a new exposure at t4: figures of now change at once, the trend within a minute
        s.add(Incident(org_id="t4", status=IncidentStatus.OPEN, risk_level="high", opened_at=AT, updated_at=AT))
    clock[0] = AT + timedelta(seconds=30)
    cached = admin.get("/").context
    assert (cached["open_total"], cached["leak_rate"]) == (4, 3 / 4)
    assert cached["trend"] == first["trend"]
    clock[0] = AT + timedelta(seconds=routes_overview.TREND_TTL + 1)
    fresh = admin.get("/").context
    assert fresh["trend"][-1][1] == 3 / 4 and fresh["trend"][:-1] == [(m + timedelta(seconds=61), r)
                                                                      for m, r in first["trend"][:-1]]


def _login(app, username: str) -> TestClient:  # noqa: ANN001
    client = TestClient(app, base_url="https://testserver")
    assert client.post("/login", data={"username": username, "password": PASSWORD},
                       follow_redirects=False).status_code == 303
    return client


def test_when_shaped_then_the_world_is_as_the_hand_count_assumes(shaped):
    with shaped.session() as s:
        assert [(i.org_id, i.status.value) for i in s.exec(select(Incident).order_by(Incident.id))] == [
            ("t1", "open"), ("t2", "acknowledged"), ("t3", "closed"), ("t1", "reopened")]
