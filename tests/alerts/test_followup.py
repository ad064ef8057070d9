"""Reminders, escalation, closing and digests at the right times (explicit clock)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from alerts import actions
from alerts.followup import follow_up
from alerts.lifecycle import transition
from eagle_eye.models import Incident, IncidentStatus
from tests.alerts.conftest import T0, allowance_list, people

S = IncidentStatus
A = "https://t1.go.th/files/a.html"
H = timedelta(hours=1)


def _notified(world, at=T0):  # noqa: ANN001, ANN202
    """An organisation with one incident whose notification went out at ``at``."""
    world.org()
    world.crawl(at, {A: allowance_list(people(1, 3))})
    world.sync(at)
    with world.session() as s:
        incident = s.get(Incident, 1)
        transition(s, incident, S.NOTIFIED, now=at)
    return 1


def _run(world, now):  # noqa: ANN001, ANN202
    with world.session() as s:
        return follow_up(s, settings=world.settings, now=now)


def _kinds(world) -> list[str]:  # noqa: ANN001
    return [m.kind for m in world.outbox() if m.kind != "digest"]


def test_when_not_acknowledged_then_reminded_every_24_hours_and_not_before(sqlite_world):
    _notified(sqlite_world)
    for hours, reminders in [
        (23, 0),  # too early
        (24, 1),  # a day after the notice
        (30, 1),  # not again the same day
        (48, 2),  # a day after the first reminder
    ]:
        _run(sqlite_world, T0 + hours * H)
        assert _kinds(sqlite_world).count("reminder") == reminders, hours
    incident = sqlite_world.incidents()[0]
    assert (incident.reminder_count, incident.last_reminder_at) == (2, T0 + 48 * H)
    assert "แจ้งเตือนครั้งที่ 2" in [m.subject for m in sqlite_world.outbox() if m.kind == "reminder"][-1]


def test_when_acknowledged_but_not_remediated_then_reminders_go_on(sqlite_world):
    _notified(sqlite_world)
    with sqlite_world.session() as s:
        actions.acknowledge(s, incident_id=1, actor="coordinator", now=T0 + 2 * H)
    _run(sqlite_world, T0 + 25 * H)
    [reminder] = [m for m in sqlite_world.outbox() if m.kind == "reminder"]
    assert "ยังเปิดเผยอยู่บนเว็บไซต์" in reminder.text_body
    assert "ยังไม่ได้รับการตอบรับ" not in reminder.text_body  # they did acknowledge


def test_when_unremediated_72_hours_after_notice_then_escalated_once_to_the_province(sqlite_world):
    _notified(sqlite_world)
    _run(sqlite_world, T0 + 71 * H)
    assert "escalation" not in _kinds(sqlite_world)
    _run(sqlite_world, T0 + 72 * H)
    _run(sqlite_world, T0 + 100 * H)
    [escalation] = [m for m in sqlite_world.outbox() if m.kind == "escalation"]
    assert (escalation.to_addrs, escalation.cc_addrs) == (["pdpa@plk.dla.go.th"], ["pdpa@t1.go.th"])
    assert sqlite_world.incidents()[0].escalated_at == T0 + 72 * H
    assert [e.kind for e in sqlite_world.events(1)].count("escalated") == 1


def test_when_remediated_then_no_reminder_and_closed_after_30_quiet_days(sqlite_world):
    _notified(sqlite_world)
    sqlite_world.crawl(T0 + 10 * H, {A: None})
    sqlite_world.sync(T0 + 10 * H)
    _run(sqlite_world, T0 + 48 * H)
    assert _kinds(sqlite_world) == ["notification"]
    _run(sqlite_world, T0 + 10 * H + timedelta(days=29))
    assert sqlite_world.incidents()[0].status is S.REMEDIATED
    _run(sqlite_world, T0 + 10 * H + timedelta(days=30))
    assert sqlite_world.incidents()[0].status is S.CLOSED


@pytest.mark.parametrize(
    ("utc_hour", "queued"),
    [
        (0, 0),  # 07:00 in Thailand: before the digest hour (08:00)
        (1, 1),  # 08:00 in Thailand
    ],
)
def test_when_the_digest_hour_comes_then_one_digest_per_province_coordinator(sqlite_world, utc_hour, queued):
    _notified(sqlite_world)
    day = T0.replace(hour=utc_hour) + timedelta(days=1)
    _run(sqlite_world, day)
    digests = [m for m in sqlite_world.outbox() if m.kind == "digest"]
    assert len(digests) == queued
    _run(sqlite_world, day.replace(hour=10))  # 17:00 the same day in Thailand
    digests = [m for m in sqlite_world.outbox() if m.kind == "digest"]
    assert len(digests) == 1  # the day's one digest, and only one
    assert digests[0].to_addrs == ["pdpa@plk.dla.go.th"]
    assert "องค์การบริหารส่วนตำบลทดสอบ" in digests[0].text_body


def test_when_the_next_day_comes_then_another_digest(sqlite_world):
    _notified(sqlite_world)
    _run(sqlite_world, T0 + 24 * H)
    _run(sqlite_world, T0 + 48 * H)
    assert [m.kind for m in sqlite_world.outbox()].count("digest") == 2


def test_when_the_registry_has_no_coordinator_email_then_nothing_is_queued_and_it_is_said(sqlite_world):
    sqlite_world.org(email="", province_email="")
    sqlite_world.crawl(T0, {A: allowance_list(people(1, 2))})
    result = sqlite_world.sync(T0)
    assert result.queued.unreachable == [1]
    assert sqlite_world.outbox() == []


def test_when_only_the_province_coordinator_is_known_then_the_notice_goes_there(sqlite_world):
    sqlite_world.org(email="")
    sqlite_world.crawl(T0, {A: allowance_list(people(1, 2))})
    sqlite_world.sync(T0)
    assert [m.to_addrs for m in sqlite_world.outbox()] == [["pdpa@plk.dla.go.th"]]


def test_when_no_secret_key_then_incidents_are_kept_and_queued_later_by_the_follow_up(tmp_path):
    from eagle_eye import db
    from tests.alerts.conftest import World, make_settings

    settings = make_settings(tmp_path, secret_key=None)
    world = World(settings, db.open_database(settings))
    world.org()
    world.crawl(T0, {A: allowance_list(people(1, 2))})
    result = world.sync(T0)
    assert result.queued is None and "EAGLE_EYE_SECRET_KEY" in result.not_queued
    assert len(world.incidents()) == 1 and world.outbox() == []
    world.settings = make_settings(tmp_path)
    _run(world, T0 + H)
    assert [m.kind for m in world.outbox() if m.kind != "digest"] == ["notification"]


def test_when_follow_up_runs_twice_at_once_then_nothing_is_queued_twice(sqlite_world):
    _notified(sqlite_world)
    _run(sqlite_world, T0 + 24 * H)
    with sqlite_world.session() as s:  # as if a second process ran the same follow-up
        incident = s.get(Incident, 1)
        incident.last_reminder_at, incident.reminder_count = None, 0
    _run(sqlite_world, T0 + 24 * H)
    assert _kinds(sqlite_world).count("reminder") == 1
