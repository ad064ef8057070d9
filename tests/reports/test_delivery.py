"""The weekly report to DLA through the outbox: queued once per week, whoever asks how often,
and delivered over real SMTP like every other email."""

import pytest
from sqlmodel import select

from alerts.outbox import flush
from eagle_eye.errors import ConfigError
from eagle_eye.models import OutboxMessage
from reports import jobs
from reports.delivery import queue_weekly
from reports.weekly import build_weekly
from tests.alerts.conftest import SmtpServer, make_settings
from tests.reports.conftest import NOW, WEEK, open_world, seed

DLA = "weekly@dla.example.go.th"


@pytest.fixture
def world(tmp_path):
    world = open_world(make_settings(tmp_path, dla_email=DLA))
    seed(world)
    return world


def weekly_rows(world) -> list[OutboxMessage]:
    return [m for m in world.outbox() if m.kind == "weekly"]


def test_when_the_job_runs_again_and_again_then_the_week_is_queued_once(world):
    # Tuesday of W46: the last complete week is W45; then the same day, and the next day
    assert jobs.weekly(world.settings, world.engine, now=NOW) is True
    assert jobs.weekly(world.settings, world.engine, now=NOW) is False
    assert jobs.weekly(world.settings, world.engine, now=NOW.replace(day=11)) is False
    [row] = weekly_rows(world)
    assert (row.key, row.to_addrs, row.incident_id) == ("weekly:2026-W45", [DLA], None)
    assert "แยกตามจังหวัด" in row.html_body and "<svg" in row.html_body  # the report itself
    assert "- อัตราการรั่วไหล: 66.7%" in row.text_body  # 4 of 6 organisations


def test_when_no_dla_address_is_set_then_the_job_queues_nothing(world):
    settings = world.settings.model_copy(update={"dla_email": ""})
    assert jobs.weekly(settings, world.engine, now=NOW) is False
    assert weekly_rows(world) == []


def test_when_queued_by_hand_without_an_address_then_the_error_names_the_variable(world):
    settings = world.settings.model_copy(update={"dla_email": ""})
    with world.session() as s, pytest.raises(ConfigError, match="EAGLE_EYE_DLA_EMAIL"):
        queue_weekly(s, report=build_weekly(s, week=WEEK, now=NOW), settings=settings, now=NOW)


def test_when_the_outbox_is_flushed_then_dla_receives_the_report(world):
    server = SmtpServer()
    server.start()
    try:
        settings = world.settings.model_copy(update={"smtp_host": "127.0.0.1", "smtp_port": server.port})
        jobs.weekly(settings, world.engine, now=NOW)
        flush(world.engine, settings)
    finally:
        server.stop()
    [message] = [m for m in server.inbox.messages if m["X-Eagle-Eye-Kind"] == "weekly"]
    assert message["To"] == DLA and "X-Eagle-Eye-Incident" not in message
    assert "สัปดาห์ที่ 45" in message["Subject"]
    html = message.get_body(("html",)).get_content()
    assert "พิษณุโลก" in html and "4 วัน 15 ชั่วโมง" in html  # the median, 111 h
    with world.session() as s:
        assert s.exec(select(OutboxMessage.status).where(OutboxMessage.key == "weekly:2026-W45")).one() == "sent"
