"""A small world whose weekly figures were worked out by hand (tests/reports/test_weekly.py).

Two provinces, three organisation types, six organisations, eight incidents over four weeks,
stored the way the product stores them: crawls through the crawler's own store, incidents
opened, remediated and reopened by ``alerts`` after each crawl, acknowledgements through
``alerts.actions``. Every moment is chosen in Thailand's time.

Weeks (ISO, Thailand time):  W43 = 19–25 Oct 2026 · W44 = 26 Oct–1 Nov · W45 = 2–8 Nov · W46 = 9–15 Nov

  org  province      type         story
  p1   พิษณุโลก       pao          opened Tue 20 Oct 10:00 (3 people), remediated Wed 28 Oct 10:00,
                                  reopened Fri 6 Nov 10:00 (the same list is back)
  p2   พิษณุโลก       subdistrict  opened Mon 26 Oct 09:00 (5 people), notified, acknowledged,
                                  remediated Tue 3 Nov 09:00; a new list opens a 2nd incident at
                                  Mon 9 Nov 00:00 exactly, the first moment of W46
  p3   พิษณุโลก       sao          opened Mon 2 Nov 10:00 (4 people), never fixed
  k1   นครราชสีมา     pao          opened Wed 4 Nov 10:00 (2 people), remediated Thu 5 Nov 16:00
  k2   นครราชสีมา     sao          opened Wed 21 Oct 10:00 (2 people), remediated Fri 23 Oct 10:00;
                                  a new list opens a 2nd incident Thu 29 Oct 10:00 (6 people),
                                  acknowledged, never fixed. Crawled in W45 only by a re-check and an
                                  interrupted run; its one full crawl started Sun 1 Nov 23:00 (W44)
  k3   นครราชสีมา     sao          registered Wed 28 Oct (W44); opened Sat 7 Nov 20:00 (7 people)
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlmodel import select

from alerts import actions
from alerts.lifecycle import transition
from alerts.thai import BANGKOK
from eagle_eye import db
from eagle_eye.models import CrawlRun, CrawlStatus, Incident, IncidentStatus, Organisation, OrgType
from reports.weekly import WeeklyReport, build_weekly
from reports.weeks import IsoWeek
from tests.alerts.conftest import World, allowance_list, make_settings, people

WEEK = IsoWeek(2026, 45)
#: when the report is made: Tuesday of W46
NOW = datetime(2026, 11, 10, 9, 0, tzinfo=BANGKOK)
REGISTERED = datetime(2026, 9, 1, 9, 0, tzinfo=BANGKOK)

PLK, KRT = "พิษณุโลก", "นครราชสีมา"
ORGS = {
    # org_id: (name, type, province, registered)
    "p1": ("องค์การบริหารส่วนจังหวัดพิษณุโลก", OrgType.PAO, PLK, REGISTERED),
    "p2": ("เทศบาลตำบลบ้านกร่าง", OrgType.SUBDISTRICT, PLK, REGISTERED),
    "p3": ("องค์การบริหารส่วนตำบลวังทอง", OrgType.SAO, PLK, REGISTERED),
    "k1": ("องค์การบริหารส่วนจังหวัดนครราชสีมา", OrgType.PAO, KRT, REGISTERED),
    "k2": ("องค์การบริหารส่วนตำบลโคกกรวด", OrgType.SAO, KRT, REGISTERED),
    "k3": ("องค์การบริหารส่วนตำบลหนองระเวียง", OrgType.SAO, KRT, datetime(2026, 10, 28, 9, 0, tzinfo=BANGKOK)),
}


def bkk(month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=BANGKOK)


def _crawl(world: World, org_id: str, at: datetime, pages: dict[str, str | None]) -> None:
    world.crawl(at, pages, org_id=org_id)
    world.sync(at, [org_id])


def _incident_of(world: World, org_id: str) -> int:
    with world.session() as s:
        return max(s.exec(select(Incident.id).where(Incident.org_id == org_id)).all())


def _run(world: World, org_id: str, started: datetime, *, status: CrawlStatus = CrawlStatus.FINISHED,
         recheck: bool = False) -> None:
    with world.session() as s:
        s.add(CrawlRun(started_at=started, finished_at=started + timedelta(hours=2), status=status,
                       org_ids=[org_id], recheck=recheck))


def seed(world: World) -> None:
    with world.session() as s:
        for org_id, (name, org_type, province, registered) in ORGS.items():
            s.add(Organisation(org_id=org_id, name=name, org_type=org_type, province=province, district="",
                               websites=[f"https://{org_id}.go.th/"], coordinator_email=f"pdpa@{org_id}.go.th",
                               created_at=registered, updated_at=registered))
    a, b1, b2, c, d, e, f, g = (f"https://x.go.th/{name}.html" for name in ["a", "b1", "b2", "c", "d", "e", "f", "g"])
    list_a = allowance_list(people(1, 3))
    # W43
    _crawl(world, "p1", bkk(10, 20), {a: list_a})
    _crawl(world, "k2", bkk(10, 21), {b1: allowance_list(people(2, 2))})
    _crawl(world, "k2", bkk(10, 23), {b1: None})
    # W44
    _crawl(world, "p2", bkk(10, 26, 9), {c: allowance_list(people(3, 5))})
    with world.session() as s:
        incident = s.get(Incident, _incident_of(world, "p2"))
        transition(s, incident, IncidentStatus.NOTIFIED, now=bkk(10, 26, 12))
        actions.acknowledge(s, incident_id=incident.id, actor="coordinator", now=bkk(10, 27, 9))
    _crawl(world, "p1", bkk(10, 28), {a: None})
    _crawl(world, "k2", bkk(10, 29), {b2: allowance_list(people(4, 6))})
    with world.session() as s:
        actions.acknowledge(s, incident_id=_incident_of(world, "k2"), actor="coordinator", now=bkk(10, 30))
    _run(world, "k2", bkk(11, 1, 23))  # started in W44, finished in W45: a W44 crawl
    # W45
    _crawl(world, "p3", bkk(11, 2), {d: allowance_list(people(5, 4))})
    _crawl(world, "p2", bkk(11, 3, 9), {c: None})
    _crawl(world, "k1", bkk(11, 4), {e: allowance_list(people(6, 2))})
    _run(world, "k2", bkk(11, 5, 3), recheck=True)  # verifying remediation is not crawling the site
    _crawl(world, "k1", bkk(11, 5, 16), {e: None})
    _run(world, "k2", bkk(11, 6, 3), status=CrawlStatus.INTERRUPTED)
    _crawl(world, "p1", bkk(11, 6), {a: list_a})
    _crawl(world, "k3", bkk(11, 7, 20), {f: allowance_list(people(7, 7))})
    # W46, its first moment
    _crawl(world, "p2", bkk(11, 9, 0), {g: allowance_list(people(8, 2))})


def open_world(settings) -> World:
    return World(settings, db.open_database(settings))


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> World:
    """The hand-computed world on SQLite, built once per module."""
    world = open_world(make_settings(tmp_path_factory.mktemp("weekly")))
    seed(world)
    return world


@pytest.fixture(scope="module")
def report(seeded) -> WeeklyReport:
    with seeded.session() as s:
        return build_weekly(s, week=WEEK, now=NOW)
