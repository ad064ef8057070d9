"""The coordinator's pages behind the signed email link: no login, one incident, prefetch-safe."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from fastapi.testclient import TestClient

from alerts import links
from dashboard.app import create_app
from eagle_eye.models import IncidentStatus
from tests.alerts.conftest import SECRET, T0, allowance_list, people

S = IncidentStatus


@pytest.fixture
def app_world(sqlite_world):
    sqlite_world.org()
    sqlite_world.crawl(T0, {"https://t1.go.th/a.html": allowance_list(people(1, 3))})
    sqlite_world.sync(T0)
    client = TestClient(create_app(sqlite_world.settings))
    token = links.sign(SECRET.encode(), 1, now=datetime.now(timezone.utc))
    return sqlite_world, client, token


def test_when_the_link_is_opened_then_the_incident_shows_masked_and_nothing_changes(app_world):
    world, client, token = app_world
    page = client.get(f"/ack/{token}")
    assert page.status_code == 200
    assert "องค์การบริหารส่วนตำบลทดสอบ" in page.text and "https://t1.go.th/a.html" in page.text
    # mail scanners open links before people do: a GET must not acknowledge
    assert world.incidents()[0].status is S.OPEN
    # the link is a key: it must not travel to the sites the page links, nor be cached
    assert page.headers["Referrer-Policy"] == "no-referrer" and page.headers["Cache-Control"] == "no-store"
    digits = "".join(c for c in page.text if c.isdigit())
    assert not any(n in digits for n in world.planted)


@pytest.mark.parametrize(
    ("action", "status", "event"),
    [
        ("ack", S.ACKNOWLEDGED, "status"),  # รับทราบ
        ("fixed", S.ACKNOWLEDGED, "fix_reported"),  # "done" is acknowledged and waits for verification
    ],
)
def test_when_the_coordinator_answers_then_it_is_recorded_as_theirs(app_world, action, status, event):
    world, client, token = app_world
    answer = client.post(f"/ack/{token}", data={"action": action}, follow_redirects=False)
    assert answer.status_code == 303
    incident = world.incidents()[0]
    assert incident.status is status and incident.remediated_at is None
    assert (incident.fix_reported_at is not None) is (action == "fixed")
    last = world.events(1)[-1]
    assert last.kind == event and "ผู้ประสานงาน" in last.actor


@pytest.mark.parametrize(
    "token",
    [
        "1.1700000000.0123456789abcdef0123456789abcdef",  # forged signature
        "garbage",  # malformed
    ],
)
def test_when_the_link_is_forged_then_403_and_nothing_changes(app_world, token):
    world, client, _ = app_world
    assert client.get(f"/ack/{token}").status_code == 403
    assert client.post(f"/ack/{token}", data={"action": "ack"}).status_code == 403
    assert world.incidents()[0].status is S.OPEN


def test_when_the_link_is_expired_then_403(app_world):
    _, client, _ = app_world
    old = links.sign(SECRET.encode(), 1, now=datetime.now(timezone.utc) - timedelta(days=61))
    page = client.get(f"/ack/{old}")
    assert page.status_code == 403 and "หมดอายุ" in page.text


def test_when_the_incident_does_not_exist_then_404(app_world):
    _, client, _ = app_world
    assert client.get(f"/ack/{links.sign(SECRET.encode(), 99, now=datetime.now(timezone.utc))}").status_code == 404


@pytest.mark.parametrize(
    ("name", "media", "magic"),
    [
        ("report.docx", "wordprocessingml", b"PK"),  # the PDPC breach report, to edit in Word
        ("notice.pdf", "application/pdf", b"%PDF"),  # the notice to affected people, to print
    ],
)
def test_when_the_coordinator_downloads_a_prefilled_document_then_it_is_that_file(app_world, name, media, magic):
    world, client, token = app_world
    response = client.get(f"/ack/{token}/{name}")
    assert response.status_code == 200 and media in response.headers["content-type"]
    assert response.content.startswith(magic)
    assert "attachment" in response.headers["content-disposition"]


def test_when_a_document_is_asked_with_a_forged_link_then_403(app_world):
    _, client, _ = app_world
    assert client.get("/ack/1.1700000000.0123456789abcdef0123456789abcdef/report.pdf").status_code == 403
