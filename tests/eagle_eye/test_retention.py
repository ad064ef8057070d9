"""Retention: old masked evidence goes; what suppresses, what is online and what reports need stays."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from alerts import actions
from eagle_eye.models import Document, Finding, Incident, OutboxMessage
from eagle_eye.retention import purge
from tests.alerts.conftest import T0, allowance_list, people

A, B, C = "https://t1.go.th/a.html", "https://t1.go.th/b.html", "https://t1.go.th/c.html"
DAY = timedelta(days=1)


def test_when_evidence_is_older_than_retention_then_only_what_is_no_longer_needed_goes(world):
    world.org()
    world.crawl(T0, {A: allowance_list(people(1, 2)), B: allowance_list(people(2, 2)), C: allowance_list(people(3, 1))})
    world.sync(T0)
    with world.session() as s:
        false_positive = s.exec(select(Finding).join(Document).where(Document.url == C)).one().id
        actions.mark_false_positive(s, finding_id=false_positive, actor="analyst", now=T0)
    world.crawl(T0 + DAY, {A: None, B: allowance_list(people(2, 2)), C: None})  # A and C taken down, B still online
    world.sync(T0 + DAY)
    with world.session() as s:
        assert purge(s, older_than=timedelta(days=30), now=T0 + 10 * DAY).findings == 0  # not old enough yet
        done = purge(s, older_than=timedelta(days=30), now=T0 + 40 * DAY)
    # A's two findings; A's document (C's stays: it holds the false positive); no email was sent
    assert (done.findings, done.documents, done.emails) == (2, 1, 0)
    with world.session() as s:
        urls = {d.url for d in s.exec(select(Document))}
        assert urls == {B, C}
        assert len(s.exec(select(Finding)).all()) == 3  # B's two, still online; C's false positive
        assert len(s.exec(select(Incident)).all()) == 1  # incidents stay for the reports
        assert len(s.exec(select(OutboxMessage)).all()) == 1  # the pending notification is not evidence yet


def test_when_dry_run_then_counted_and_nothing_deleted(sqlite_world):
    sqlite_world.org()
    sqlite_world.crawl(T0, {A: allowance_list(people(1, 2))})
    sqlite_world.crawl(T0 + DAY, {A: None})
    with sqlite_world.session() as s:
        assert purge(s, older_than=DAY, now=T0 + 5 * DAY, dry_run=True).findings == 2
        assert len(s.exec(select(Finding)).all()) == 2
