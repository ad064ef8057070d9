"""crawler.schedule: one job per organisation, spread over the period, kept across restarts."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from crawler.schedule import JOB_PREFIX, build_scheduler, slot_count, slot_of, sync_jobs
from synth import ids
from tests.crawler.test_crawl import person_page
from tests.alerts.conftest import smtp  # noqa: F401 - the SMTP server fixture
from tests.eagle_eye.conftest import KEY
from tests.eagle_eye.test_registry import HEADER

PERIOD = timedelta(hours=24)
SLOT = timedelta(minutes=15)


def test_when_many_organisations_then_they_are_spread_evenly_over_the_slots():
    slots = slot_count(PERIOD, SLOT)
    assert slots == 96  # 15-minute slots in a day
    per_slot = [0] * slots
    for i in range(7850):
        per_slot[slot_of(f"{6500000 + i}", slots)] += 1
    assert min(per_slot) > 7850 / slots * 0.6 and max(per_slot) < 7850 / slots * 1.4  # no rush hour
    assert slot_of("6500101", slots) == slot_of("6500101", slots)  # stable across restarts and machines


@pytest.fixture
def settings(db_settings):
    return db_settings


def started(settings):
    scheduler = build_scheduler(settings, blocking=False)
    scheduler.start(paused=True)  # computes and stores next run times, runs nothing
    return scheduler


def test_when_synced_then_one_persistent_job_per_slot_survives_a_restart(settings):
    # APScheduler reads the real clock: slots must start in the future to keep their first run
    now = datetime.now(timezone.utc).replace(microsecond=0) + timedelta(hours=1)
    scheduler = started(settings)
    assert sync_jobs(scheduler, period=PERIOD, slot=SLOT * 24, now=now) == (4, 0)  # 6-hour slots: 4 jobs
    first = {job.id: job.next_run_time for job in scheduler.get_jobs()}
    assert first == {f"{JOB_PREFIX}{n}/4": now + n * SLOT * 24 for n in range(4)}  # one after another
    assert all(job.max_instances == 1 and job.coalesce for job in scheduler.get_jobs())  # never twice at once
    scheduler.shutdown(wait=False)

    again = started(settings)  # a restart, later
    assert {job.id: job.next_run_time for job in again.get_jobs()} == first
    assert sync_jobs(again, period=PERIOD, slot=SLOT * 24, now=now + timedelta(hours=5)) == (0, 0)
    assert {job.id: job.next_run_time for job in again.get_jobs()} == first  # not pushed back
    assert sync_jobs(again, period=PERIOD, slot=SLOT * 48, now=now) == (2, 4)  # 12-hour slots replace them
    again.shutdown(wait=False)


def test_when_the_scheduler_runs_then_each_slot_crawls_its_organisations_in_a_process(site, tmp_path):
    site.add("/", person_page("ประกาศ", ids.national_id(random.Random(3))))
    registry = tmp_path / "orgs.csv"
    registry.write_text(f"{HEADER}\nt1,อบต.ทดสอบ,sao,พิษณุโลก,,{site.url('/')},,,,\n", encoding="utf-8")
    env = {**os.environ, "EAGLE_EYE_DATA_DIR": str(tmp_path / "data"), "EAGLE_EYE_ALLOW_PRIVATE_HOSTS": "1",
           "EAGLE_EYE_FINGERPRINT_KEY": KEY, "EAGLE_EYE_CRAWL_PERIOD_HOURS": "0.001",  # every 3.6 s
           "EAGLE_EYE_CRAWL_SLOT_MINUTES": "0.03"}  # two slots of 1.8 s
    exe = str(Path(sys.executable).with_name("eagle-eye"))
    assert subprocess.run([exe, "orgs", "import", str(registry)], env=env, capture_output=True).returncode == 0
    proc = subprocess.Popen([exe, "scheduler"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 60
        runs = []
        while time.monotonic() < deadline and len(runs) < 2:
            time.sleep(1)
            with sqlite3.connect(tmp_path / "data" / "eagle_eye.db") as conn:
                runs = conn.execute("select status, org_ids from crawl_run where status = 'finished'").fetchall()
        assert len(runs) >= 2, "the scheduler did not crawl twice within a minute"
        assert all(org_ids == '["t1"]' for _, org_ids in runs)
    finally:
        proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=30)
    assert proc.returncode == 0, out
    assert site.requested("/")


def test_when_the_scheduler_runs_then_it_delivers_what_its_crawls_found(site, tmp_path, smtp):
    site.add("/", person_page("ประกาศ", ids.national_id(random.Random(4))))
    registry = tmp_path / "orgs.csv"
    registry.write_text(f"{HEADER}\nt1,อบต.ทดสอบ,sao,พิษณุโลก,,{site.url('/')},,pdpa@t1.go.th,,\n", encoding="utf-8")
    env = {**os.environ, "EAGLE_EYE_DATA_DIR": str(tmp_path / "data"), "EAGLE_EYE_ALLOW_PRIVATE_HOSTS": "1",
           "EAGLE_EYE_FINGERPRINT_KEY": KEY, "EAGLE_EYE_CRAWL_PERIOD_HOURS": "0.001", "EAGLE_EYE_SECRET_KEY": "s",
           "EAGLE_EYE_CRAWL_SLOT_MINUTES": "0.03",
           "EAGLE_EYE_SMTP_HOST": "127.0.0.1", "EAGLE_EYE_SMTP_PORT": str(smtp.port),
           "EAGLE_EYE_ALERT_SEND_EVERY_S": "1"}
    exe = str(Path(sys.executable).with_name("eagle-eye"))
    assert subprocess.run([exe, "orgs", "import", str(registry)], env=env, capture_output=True).returncode == 0
    proc = subprocess.Popen([exe, "scheduler"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and not smtp.inbox.messages:
            time.sleep(0.5)
    finally:
        proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=30)
    assert [to for _, to in smtp.inbox.envelopes] == [["pdpa@t1.go.th"]], out


def test_when_the_scheduler_is_killed_and_restarted_mid_crawl_then_no_schedule_is_lost_and_no_crawl_runs_twice(site, tmp_path):
    site.add("/", '<a href="/slow.html">ประกาศ</a>')
    # one page that holds the first crawl for longer than the test: it is still running whenever
    # the restarted scheduler's slot comes round
    site.add("/slow.html", person_page("ประกาศ", ids.national_id(random.Random(31))), delay_s=120)
    registry = tmp_path / "orgs.csv"
    registry.write_text(f"{HEADER}\nt1,อบต.ทดสอบ,sao,พิษณุโลก,,{site.url('/')},,,,\n", encoding="utf-8")
    db = tmp_path / "data" / "eagle_eye.db"
    env = {**os.environ, "EAGLE_EYE_DATA_DIR": str(db.parent), "EAGLE_EYE_ALLOW_PRIVATE_HOSTS": "1",
           "EAGLE_EYE_FINGERPRINT_KEY": KEY, "EAGLE_EYE_CRAWL_PERIOD_HOURS": "0.001",  # every 3.6 s
           "EAGLE_EYE_CRAWL_SLOT_MINUTES": "0.06", "EAGLE_EYE_CRAWL_DOWNLOAD_TIMEOUT_S": "300"}
    exe = str(Path(sys.executable).with_name("eagle-eye"))
    assert subprocess.run([exe, "orgs", "import", str(registry)], env=env, capture_output=True).returncode == 0

    def jobs() -> list[tuple[str, float]]:
        with sqlite3.connect(db) as conn:
            return conn.execute("select id, next_run_time from apscheduler_jobs where id like 'crawl-slot:%'").fetchall()

    def runs() -> list[tuple[str, str | None, str]]:
        with sqlite3.connect(db) as conn:
            return conn.execute("select started_at, finished_at, owner from crawl_run order by id").fetchall()

    first = subprocess.Popen([exe, "scheduler"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    log = tmp_path / "scheduler.log"
    again = None
    try:
        deadline = time.monotonic() + 60
        while not site.requested("/slow.html") and time.monotonic() < deadline:
            time.sleep(0.1)
        assert site.requested("/slow.html"), "the scheduler never crawled"
        stored = jobs()
        first.kill()  # SIGKILL: no shutdown of its own; the crawl it started goes on
        first.wait()
        assert jobs() == stored and [job_id for job_id, _ in stored] == ["crawl-slot:0/1"]  # kept in the database
        with log.open("w") as out:
            again = subprocess.Popen([exe, "scheduler"], env=env, stdout=out, stderr=subprocess.STDOUT)
        # the restarted scheduler runs the slot again (the schedule survived), and the crawl it
        # starts finds t1 taken
        deadline = time.monotonic() + 60
        while "already being crawled" not in log.read_text() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert "already being crawled: t1" in log.read_text(), log.read_text()
        assert len(runs()) == 1 and runs()[0][1] is None  # the first crawl, still going, alone
        assert site.requested("/slow.html") == ["/slow.html"]
    finally:
        if again is not None:
            again.send_signal(signal.SIGTERM)
            again.wait(timeout=60)
        for _, _, owner in runs():  # the orphaned crawl (its scheduler is gone)
            try:
                os.killpg(int(owner.rsplit(":", 1)[1]), signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                os.kill(int(owner.rsplit(":", 1)[1]), signal.SIGKILL)
