"""Delivery through a real SMTP server (aiosmtpd on loopback): the right message to the right
person, and nothing lost or doubled through outages, refusals and a killed sender. The first two
run on SQLite and on real PostgreSQL (the claim is an UPDATE that must win once)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from pydantic import SecretStr

from alerts.outbox import flush
from eagle_eye.models import IncidentStatus, OutboxStatus
from tests.alerts.conftest import KEY, SECRET, T0, allowance_list, make_settings, people, phone_list

A = "https://t1.go.th/files/a.html"
S = 1


def _world_with_orgs(world, n: int) -> None:  # noqa: ANN001
    for i in range(1, n + 1):
        org = world.org(f"t{i}", name=f"อบต.ทดสอบที่ {i}", email=f"pdpa@t{i}.go.th")
        world.crawl(T0, {f"https://t{i}.go.th/list.html": allowance_list(people(i, 3))}, org_id=org)
    world.sync(T0)


def _settings(world, smtp, **extra):  # noqa: ANN001, ANN003, ANN202
    return world.settings.model_copy(update={"smtp_host": "127.0.0.1", "smtp_port": smtp.port, **extra})


def _clock(moment):  # noqa: ANN001, ANN202
    return lambda: moment


def test_when_sent_then_the_coordinator_gets_thai_html_and_text_with_checklist_links_and_no_raw_number(world, smtp):
    world.org()
    world.crawl(T0, {A: allowance_list(people(1, 4)), "https://t1.go.th/b.html": phone_list(people(2, 2))})
    world.sync(T0)
    result = flush(world.engine, _settings(world, smtp), clock=_clock(T0 + timedelta(minutes=1)))
    assert (result.sent, result.failed) == (1, 0)
    [message] = smtp.inbox.messages
    assert smtp.inbox.envelopes == [("eagle-eye@pdpc.example", ["pdpa@t1.go.th"])]
    assert message["To"] == "pdpa@t1.go.th"
    assert str(message["Subject"]).startswith("[Eagle Eye] ด่วน: พบข้อมูลส่วนบุคคลของประชาชนเปิดเผยบนเว็บไซต์ องค์การบริหารส่วนตำบลทดสอบ")
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    for part in (text, html):
        assert "องค์การบริหารส่วนตำบลทดสอบ" in part
        assert A in part and "https://t1.go.th/b.html" in part  # each document's URL
        assert "5 พฤศจิกายน 2569 เวลา 09:00 น." in part  # the 72-hour deadline, in Thai time
        assert "https://eagle.example.go.th/incidents/1" in part  # the dashboard
        assert re.search(r"https://eagle\.example\.go\.th/ack/1\.\d+\.[0-9a-f]{32}", part)  # the signed link
        for step in ("นำเอกสารหรือหน้าเว็บข้างต้นออกจากเว็บไซต์ทันที", "หลัก X4", "ค้นหาสำเนาอื่น",
                     "ประเมินความเสี่ยง", "แจ้ง สคส.", "แจ้งเจ้าของข้อมูล", "แก้ไขที่ต้นเหตุ"):
            assert step in part, step
    raw = message.as_bytes().decode("utf-8", "replace") + text + html
    for number in world.planted:
        assert number not in re.sub(r"\D", "", raw), "a planted number left in the email"
    incident = world.incidents()[0]
    assert (incident.status, incident.notified_at) == (IncidentStatus.NOTIFIED, T0 + timedelta(minutes=1))


def test_when_the_server_fails_mid_batch_then_nothing_is_lost_or_doubled_after_it_returns(world, smtp):
    _world_with_orgs(world, 3)
    settings = _settings(world, smtp, alert_retry_base_s=60)
    smtp.inbox.refuse["pdpa@t2.go.th"] = "421 4.3.0 service shutting down"  # the server goes away mid-batch
    first = flush(world.engine, settings, clock=_clock(T0))
    assert (first.sent, first.retrying) == (1, 1) and "421" in first.stopped
    smtp.stop()  # and stays down
    down = flush(world.engine, settings, clock=_clock(T0 + timedelta(minutes=5)))
    assert (down.sent, down.retrying) == (0, 1) and "refused the connection" in down.stopped
    smtp.inbox.refuse.clear()
    smtp.start()
    back = flush(world.engine, settings, clock=_clock(T0 + timedelta(hours=1)))
    assert back.sent == 2
    assert sorted(to for _, (to,) in smtp.inbox.envelopes) == ["pdpa@t1.go.th", "pdpa@t2.go.th", "pdpa@t3.go.th"]
    assert len(set(smtp.inbox.message_ids())) == 3
    assert {m.status for m in world.outbox()} == {OutboxStatus.SENT}


def test_when_the_server_is_down_then_retries_back_off(sqlite_world, smtp):
    _world_with_orgs(sqlite_world, 1)
    smtp.stop()
    settings = _settings(sqlite_world, smtp, alert_retry_base_s=60, alert_retry_max_s=600)
    for minutes, attempts in [
        (0, 1),  # first try fails: next in 60 s
        (0.5, 1),  # too early: not tried
        (1, 2),  # tried again: next in 120 s
        (2.5, 2),  # too early
        (3, 3),  # tried again
    ]:
        flush(sqlite_world.engine, settings, clock=_clock(T0 + timedelta(minutes=minutes)))
        [message] = sqlite_world.outbox()
        assert (message.attempts, message.status) == (attempts, OutboxStatus.PENDING), minutes
    assert "refused the connection" in message.last_error


def test_when_the_server_is_down_for_an_hour_then_the_shipped_defaults_deliver_every_email_once_after(sqlite_world, smtp):
    _world_with_orgs(sqlite_world, 3)
    settings = _settings(sqlite_world, smtp)  # the defaults a deployment ships with
    smtp.stop()
    # the scheduler's send job, once a minute, for the hour the server is away
    for minute in range(0, 61):
        down = flush(sqlite_world.engine, settings, clock=_clock(T0 + timedelta(minutes=minute)))
        assert down.sent == down.failed == 0, minute
    assert {m.status for m in sqlite_world.outbox()} == {OutboxStatus.PENDING}  # nobody given up on
    smtp.start()
    back_at = T0 + timedelta(minutes=61)
    minute = 0
    while len(smtp.inbox.envelopes) < 3:
        flush(sqlite_world.engine, settings, clock=_clock(back_at + timedelta(minutes=minute)))
        minute += 1
        # the back-off never waits longer than its cap once the server is back
        assert minute <= settings.alert_retry_max_s / 60 + 1, "still not delivered"
    for extra in range(1, 5):  # later runs send nothing again
        flush(sqlite_world.engine, settings, clock=_clock(back_at + timedelta(minutes=minute + extra)))
    assert sorted(to for _, (to,) in smtp.inbox.envelopes) == ["pdpa@t1.go.th", "pdpa@t2.go.th", "pdpa@t3.go.th"]
    assert len(set(smtp.inbox.message_ids())) == 3
    assert {m.status for m in sqlite_world.outbox()} == {OutboxStatus.SENT}


def test_when_the_server_refuses_a_recipient_for_good_then_failed_in_the_timeline_and_the_rest_sent(sqlite_world, smtp):
    _world_with_orgs(sqlite_world, 2)
    smtp.inbox.refuse["pdpa@t1.go.th"] = "550 5.1.1 no such user"
    result = flush(sqlite_world.engine, _settings(sqlite_world, smtp), clock=_clock(T0))
    assert (result.sent, result.failed) == (1, 1)
    failed = [m for m in sqlite_world.outbox() if m.status is OutboxStatus.FAILED]
    assert [m.to_addrs for m in failed] == [["pdpa@t1.go.th"]] and "550" in failed[0].last_error
    assert "email_failed" in [e.kind for e in sqlite_world.events(failed[0].incident_id)]
    assert sqlite_world.incidents()[0].status is IncidentStatus.OPEN  # nobody was told: still open


def test_when_the_sender_is_killed_mid_batch_then_only_the_message_in_flight_is_sent_again_with_its_message_id(tmp_path, smtp):
    from eagle_eye import db
    from tests.alerts.conftest import World

    settings = make_settings(tmp_path)
    world = World(settings, db.open_database(settings))
    _world_with_orgs(world, 3)
    env = {**os.environ, "EAGLE_EYE_DATA_DIR": str(tmp_path), "EAGLE_EYE_FINGERPRINT_KEY": KEY,
           "EAGLE_EYE_SECRET_KEY": SECRET, "EAGLE_EYE_SMTP_HOST": "127.0.0.1", "EAGLE_EYE_SMTP_PORT": str(smtp.port)}
    exe = Path(sys.executable).with_name("eagle-eye")
    sender: list[subprocess.Popen] = []

    def kill_on_second(count: int) -> None:
        if count == 2:  # the server has the second message; the sender dies before hearing so
            os.kill(sender[0].pid, signal.SIGKILL)
            sender[0].wait()

    smtp.inbox.on_data = kill_on_second
    sender.append(subprocess.Popen([str(exe), "alerts", "send"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE))
    sender[0].wait(timeout=120)
    assert sender[0].returncode == -signal.SIGKILL
    smtp.inbox.on_data = None
    again = subprocess.run([str(exe), "alerts", "send"], env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stdout + again.stderr
    ids = smtp.inbox.message_ids()
    assert len(ids) == 4 and len(set(ids)) == 3  # three messages, the one in flight twice
    assert ids[1] == ids[2]  # resent as the same message
    assert {m.status for m in world.outbox()} == {OutboxStatus.SENT}


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")  # loopback, a test
def test_when_the_server_wants_a_login_then_we_log_in_and_a_wrong_password_keeps_the_mail(sqlite_world):
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult

    from eagle_eye.errors import ConfigError
    from tests.alerts.conftest import Inbox, free_port

    def authenticator(server, session, envelope, mechanism, auth_data):  # noqa: ANN001, ANN202
        ok = auth_data.login == b"eagle" and auth_data.password == b"right"
        return AuthResult(success=ok, handled=False)

    inbox, port = Inbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, authenticator=authenticator,
                            auth_require_tls=False, auth_required=True)
    controller.start()
    try:
        _world_with_orgs(sqlite_world, 1)
        settings = sqlite_world.settings.model_copy(update={"smtp_host": "127.0.0.1", "smtp_port": port,
                                                            "smtp_user": "eagle"})
        wrong = settings.model_copy(update={"smtp_password": SecretStr("wrong")})
        with pytest.raises(ConfigError, match="EAGLE_EYE_SMTP_USER"):
            flush(sqlite_world.engine, wrong, clock=_clock(T0))
        [message] = sqlite_world.outbox()
        assert message.status is OutboxStatus.PENDING and inbox.messages == []
        right = settings.model_copy(update={"smtp_password": SecretStr("right")})
        assert flush(sqlite_world.engine, right, clock=_clock(T0 + timedelta(hours=1))).sent == 1
        assert len(inbox.messages) == 1
    finally:
        controller.stop()
