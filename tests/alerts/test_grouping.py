"""The incident lifecycle over re-crawls, with an explicit clock (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from alerts import actions
from alerts.lifecycle import transition
from eagle_eye.errors import IncidentError
from eagle_eye.models import Finding, Incident, IncidentStatus
from tests.alerts.conftest import T0, allowance_list, people, phone_list

S = IncidentStatus
A, B, C = "https://t1.go.th/files/a.html", "https://t1.go.th/files/b.html", "https://t1.go.th/files/c.html"
DAY = timedelta(days=1)


def test_when_a_crawl_finds_exposures_in_two_documents_then_one_incident_holds_both(world):
    world.org()
    world.crawl(T0, {A: allowance_list(people(1, 5)), B: phone_list(people(2, 3))})
    world.sync(T0)
    [incident] = world.incidents()
    assert (incident.status, incident.finding_count, incident.document_count) == (S.OPEN, 8, 2)
    assert incident.opened_at == T0
    assert [e.kind for e in world.events(incident.id)] == ["opened", "email_queued"]
    [message] = world.outbox()
    assert (message.kind, message.to_addrs, message.incident_id) == ("notification", ["pdpa@t1.go.th"], incident.id)


def test_when_recrawled_unchanged_then_no_second_incident_and_no_second_email(world):
    world.org()
    rows = people(1, 5)
    world.crawl(T0, {A: allowance_list(rows)})
    world.sync(T0)
    world.crawl(T0 + DAY, {A: allowance_list(rows)})
    world.sync(T0 + DAY)
    [incident] = world.incidents()
    assert incident.finding_count == 5
    assert len(world.outbox()) == 1


def test_when_the_same_number_is_in_another_document_then_it_is_one_exposure(world):
    world.org()
    rows = people(1, 4)
    world.crawl(T0, {A: allowance_list(rows[:3])})
    world.sync(T0)
    world.crawl(T0 + DAY, {A: allowance_list(rows[:3]), B: allowance_list(rows[2:])})  # rows[2] in both
    world.sync(T0 + DAY)
    [incident] = world.incidents()
    assert (incident.finding_count, incident.document_count) == (4, 2)


@pytest.mark.parametrize(
    ("second_look", "detail"),
    [
        (None, "นำออกจากเว็บไซต์"),  # the site answers 404: taken down
        ("masked", "ปกปิด"),  # republished with the X4 rule
    ],
)
def test_when_the_exposure_is_gone_then_the_incident_is_remediated(world, second_look, detail):
    world.org()
    rows = people(1, 5)
    world.crawl(T0, {A: allowance_list(rows)})
    world.sync(T0)
    page = None if second_look is None else allowance_list(rows, masked=True)
    world.crawl(T0 + DAY, {A: page})
    result = world.sync(T0 + DAY)
    [incident] = world.incidents()
    assert result.sync.remediated == [incident.id]
    assert (incident.status, incident.remediated_at) == (S.REMEDIATED, T0 + DAY)
    remediation = world.events(incident.id)[-1]
    assert (remediation.from_status, remediation.to_status, remediation.actor) == ("open", "remediated", "system")
    assert detail in remediation.detail


def test_when_a_remediated_exposure_comes_back_then_the_same_incident_reopens_and_is_told_again(world):
    world.org()
    rows = people(1, 5)
    world.crawl(T0, {A: allowance_list(rows)})
    world.sync(T0)
    world.crawl(T0 + DAY, {A: None})
    world.sync(T0 + DAY)
    world.crawl(T0 + 2 * DAY, {A: allowance_list(rows)})
    result = world.sync(T0 + 2 * DAY)
    [incident] = world.incidents()
    assert result.sync.reopened == [incident.id]
    assert (incident.status, incident.reopened_at, incident.finding_count) == (S.REOPENED, T0 + 2 * DAY, 5)
    assert [m.kind for m in world.outbox()] == ["notification", "notification"]  # one per round
    statuses = [(e.from_status, e.to_status) for e in world.events(incident.id) if e.kind == "status"]
    assert statuses == [("open", "remediated"), ("remediated", "reopened")]


def test_when_new_exposures_appear_after_remediation_then_a_new_incident_opens(world):
    world.org()
    world.crawl(T0, {A: allowance_list(people(1, 3))})
    world.sync(T0)
    world.crawl(T0 + DAY, {A: None})
    world.sync(T0 + DAY)
    world.crawl(T0 + 2 * DAY, {A: None, C: allowance_list(people(3, 2))})
    world.sync(T0 + 2 * DAY)
    first, second = world.incidents()
    assert (first.status, second.status) == (S.REMEDIATED, S.OPEN)
    assert (second.finding_count, second.opened_at) == (2, T0 + 2 * DAY)


def test_when_more_is_found_after_notification_then_it_joins_and_an_update_is_queued(world):
    world.org()
    rows = people(1, 3)
    world.crawl(T0, {A: allowance_list(rows)})
    world.sync(T0)
    with world.session() as s:
        [incident] = s.exec(select(Incident)).all()
        transition(s, incident, S.NOTIFIED, now=T0 + timedelta(hours=1))
    world.crawl(T0 + DAY, {A: allowance_list(rows), B: phone_list(people(5, 2))})
    result = world.sync(T0 + DAY)
    [incident] = world.incidents()
    assert result.sync.grew == {incident.id: 2}
    assert (incident.status, incident.finding_count) == (S.NOTIFIED, 5)
    assert [m.kind for m in world.outbox()] == ["notification", "update"]
    assert "findings_added" in [e.kind for e in world.events(incident.id)]


def test_when_every_finding_is_a_false_positive_then_closed_and_still_suppressed_after_a_recrawl(world):
    world.org()
    rows = people(1, 2)
    world.crawl(T0, {A: allowance_list(rows)})
    world.sync(T0)
    with world.session() as s:
        ids = s.exec(select(Finding.id).order_by(Finding.id)).all()
        for finding_id in ids:
            actions.mark_false_positive(s, finding_id=finding_id, actor="analyst", now=T0 + timedelta(hours=2),
                                        reason="เลขทดสอบ")
    [incident] = world.incidents()
    assert incident.status is S.CLOSED
    fp_events = [e for e in world.events(incident.id) if e.kind == "false_positive"]
    assert len(fp_events) == 2 and {e.actor for e in fp_events} == {"analyst"}
    world.crawl(T0 + DAY, {A: allowance_list(rows)})
    world.sync(T0 + DAY)
    assert [i.status for i in world.incidents()] == [S.CLOSED]  # no new incident, no reopening
    with world.session() as s:
        assert all(f.suppressed_at is not None for f in s.exec(select(Finding)))


def test_when_one_of_two_findings_is_a_false_positive_then_the_incident_counts_one(world):
    world.org()
    world.crawl(T0, {A: allowance_list(people(1, 2))})
    world.sync(T0)
    with world.session() as s:
        first = s.exec(select(Finding.id).order_by(Finding.id)).first()
        actions.mark_false_positive(s, finding_id=first, actor="analyst", now=T0)
    [incident] = world.incidents()
    assert (incident.status, incident.finding_count) == (S.OPEN, 1)


def test_when_two_organisations_expose_then_each_has_its_own_incident(world):
    world.org("t1")
    world.org("t2", email="pdpa@t2.go.th")
    world.crawl(T0, {A: allowance_list(people(1, 2))}, org_id="t1")
    world.crawl(T0, {"https://t2.go.th/x.html": allowance_list(people(2, 2))}, org_id="t2")
    world.sync(T0)
    assert sorted(i.org_id for i in world.incidents()) == ["t1", "t2"]
    assert sorted(m.to_addrs[0] for m in world.outbox()) == ["pdpa@t1.go.th", "pdpa@t2.go.th"]


def test_when_a_transition_is_not_allowed_then_it_is_refused_and_nothing_is_written(world):
    world.org()
    world.crawl(T0, {A: allowance_list(people(1, 1))})
    world.sync(T0)
    [incident] = world.incidents()
    before = len(world.events(incident.id))
    with pytest.raises(IncidentError), world.session() as s:
        transition(s, s.get(type(incident), incident.id), S.REOPENED, now=T0)  # an open incident cannot reopen
    assert len(world.events(incident.id)) == before
    assert world.incidents()[0].status is S.OPEN


def test_when_a_sensitive_list_of_many_people_is_found_then_the_risk_is_high(world):
    world.org()
    world.crawl(T0, {A: allowance_list(people(7, 120), title="บัญชีรายชื่อผู้มีสิทธิรับเงินเบี้ยความพิการ")})
    world.sync(T0)
    [incident] = world.incidents()
    # people 3 (>100), data 3 (disability), discovery 3 (unknown), scope 3, impact 3
    assert incident.risk_factors["data_kind"] == 3 and incident.risk_factors["people"] == 3
    assert (incident.risk_level, incident.risk_score) == ("high", 15)
    assert incident.people_exposed == 120


def test_when_the_team_edits_a_factor_then_its_value_wins_and_survives_the_next_crawl(world):
    world.org()
    rows = people(1, 3)
    world.crawl(T0, {A: allowance_list(rows)})
    world.sync(T0)
    [incident] = world.incidents()
    with world.session() as s:
        actions.edit_risk(s, incident_id=incident.id, overrides={"access_lost": 2}, actor="analyst", now=T0)
    edited = world.incidents()[0]
    assert edited.risk_score == incident.risk_score + 2
    world.crawl(T0 + DAY, {A: allowance_list(rows)})
    world.sync(T0 + DAY)
    assert world.incidents()[0].risk_score == edited.risk_score
    assert [e.actor for e in world.events(incident.id) if e.kind == "risk_edited"] == ["analyst"]
