"""Authorisation on every route, for every role, and no raw identifier in any page or export.

The walk enumerates the app's own routes, so a route added later without being covered here
fails ``test_when_routes_are_walked_then_every_route_is_covered``."""

from __future__ import annotations

import re

import pytest
from openpyxl import load_workbook

from dashboard.app import create_app
from tests.dashboard.conftest import client_for, csrf_of

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

#: incident id -> organisation -> province (as seeded: t1, t2 in พิษณุโลก; t3 in ลำปาง)
INCIDENT_ORG = {1: "t1", 2: "t2", 3: "t3"}
SEES = {
    "admin": {"t1", "t2", "t3"},  # national: everything
    "plk": {"t1", "t2"},  # its province only
    "lpg": {"t3"},
    "coord": {"t1"},  # its organisation only
}
PUBLIC = {"/login", "/healthz", "/metrics", "/logout"}  # /logout needs a session but is a POST; /metrics: counts only
SIGNED = {"/ack/{token}", "/ack/{token}/{name}.{fmt}"}  # the email link is the key (tests/dashboard/test_ack.py)


def _get_paths() -> dict[str, list[str]]:
    """Each GET route of the app -> the concrete URLs the walk requests for it."""
    fill = {
        "/": ["/"], "/incidents": ["/incidents", "/incidents?status=active&sort=risk&dir=asc", "/incidents?sort=org&page=2"],
        "/incidents.{fmt}": ["/incidents.csv", "/incidents.xlsx"],
        "/incidents/{incident_id}": [f"/incidents/{i}" for i in INCIDENT_ORG],
        "/incidents/{incident_id}/{name}.{fmt}": [f"/incidents/{i}/report.docx" for i in INCIDENT_ORG],
        # a search for another province's organisation (part of its name, its code): still only one's own
        "/organisations": ["/organisations", "/organisations?q=สาม", "/organisations?q=t3",
                           "/organisations?page=2"],
        "/organisations.{fmt}": ["/organisations.csv", "/organisations.xlsx", "/organisations.csv?q=t3"],
        "/crawls": ["/crawls", "/crawls?page=2"], "/crawls.{fmt}": ["/crawls.csv", "/crawls.xlsx"],
        "/reports/weekly": ["/reports/weekly"], "/reports/weekly.{fmt}": ["/reports/weekly.csv", "/reports/weekly.html"],
    }
    return fill


def test_when_routes_are_walked_then_every_route_is_covered(seeded):
    app = create_app(seeded.settings)
    routes = {r.path for r in _flat(app.routes) if "GET" in (getattr(r, "methods", None) or set())}
    assert routes - PUBLIC - SIGNED == set(_get_paths()), "a new route needs its access rule in this test"


def _flat(routes):  # noqa: ANN001, ANN202
    """Routes of included routers too (FastAPI wraps them)."""
    for route in routes:
        inner = getattr(route, "original_router", None)
        yield from _flat(inner.routes) if inner is not None else [route]


def _allowed(username: str, url: str) -> bool:
    if url.startswith("/reports/"):
        return username != "coord"  # the weekly report is the monitoring team's
    found = re.match(r"/incidents/(\d+)", url)
    return found is None or INCIDENT_ORG[int(found.group(1))] in SEES[username]


@pytest.mark.parametrize("username", list(SEES))
def test_when_each_role_walks_every_route_then_it_sees_its_own_and_nothing_else(seeded, username):
    client = client_for(seeded, username)
    everything = []
    for urls in _get_paths().values():
        for url in urls:
            response = client.get(url, follow_redirects=False)
            expected = 200 if _allowed(username, url) else 403
            assert response.status_code == expected, (username, url, response.status_code)
            everything.append(_text(response))
    lists = "\n".join(everything)
    for org_id, name in (("t1", "อบต.หนึ่ง"), ("t2", "อบต.สอง"), ("t3", "เทศบาลสาม")):
        # another province's organisation appears nowhere: not in lists, not in exports
        assert (name in lists) is (org_id in SEES[username]), (username, name)
    digits = re.sub(r"\D", "", lists)
    assert seeded.planted and not any(n in digits for n in seeded.planted)


def _text(response) -> str:  # noqa: ANN001
    if response.headers.get("content-type", "").startswith("application/vnd.openxmlformats-officedocument.spreadsheetml"):
        import io

        book = load_workbook(io.BytesIO(response.content), read_only=True)
        return "\n".join(str(c) for sheet in book for row in sheet.iter_rows(values_only=True) for c in row if c)
    if response.headers.get("content-type", "").startswith("application/vnd.openxmlformats-officedocument.word"):
        import io

        from docx import Document

        return "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    return response.text


@pytest.mark.parametrize(
    ("username", "incident_id", "action", "status"),
    [
        ("lpg", 1, "close", 403),  # another province's incident, by direct POST
        ("coord", 1, "close", 403),  # a coordinator answers incidents, does not close them
        ("coord", 1, "acknowledge", 303),  # but acknowledges its own
        ("coord", 3, "acknowledge", 403),  # and nobody else's
        ("plk", 2, "close", 303),  # a province officer closes its province's
    ],
)
def test_when_someone_changes_an_incident_then_only_within_their_rights(seeded, username, incident_id, action, status):
    client = client_for(seeded, username)
    before = {i.id: i.status for i in seeded.incidents()}
    response = client.post(f"/incidents/{incident_id}", data={"action": action, "reason": "x", "csrf": csrf_of(client)},
                           follow_redirects=False)
    assert response.status_code == status
    after = {i.id: i.status for i in seeded.incidents()}
    assert (after != before) is (status == 303)


@pytest.mark.parametrize("username", ["plk", "coord"])
def test_when_not_a_national_admin_then_the_registry_cannot_be_imported(seeded, username):
    client = client_for(seeded, username)
    response = client.post("/organisations/import", data={"csrf": csrf_of(client)},
                           files={"file": ("orgs.csv", b"org_id,name\n", "text/csv")})
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("username", "present", "absent"),
    [
        ("admin", {"พิษณุโลก", "ลำปาง"}, set()),  # DLA's report: every province
        ("plk", {"พิษณุโลก"}, {"ลำปาง"}),  # a province officer's: its own province only
    ],
)
def test_when_the_weekly_report_is_downloaded_then_it_covers_the_viewers_provinces(seeded, username, present, absent):
    client = client_for(seeded, username)
    response = client.get("/reports/weekly.csv")
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert all(p in text for p in present) and not any(p in text for p in absent)
