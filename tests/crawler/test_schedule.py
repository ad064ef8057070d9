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

from crawler.schedule import JOB_PREFIX, build_scheduler, offset_in_period, sync_jobs
from synth import ids
from tests.crawler.test_crawl import person_page
from tests.eagle_eye.conftest import KEY
from tests.eagle_eye.test_registry import HEADER

PERIOD = timedelta(hours=24)


def test_when_many_organisations_then_their_crawls_are_spread_over_the_period():
    offsets = [offset_in_period(f"{6500000 + i}", PERIOD) for i in range(2000)]
    assert all(timedelta(0) <= o < PERIOD for o in offsets)
    per_hour = [0] * 24
    for o in offsets:
        per_hour[int(o.total_seconds() // 3600)] += 1
    assert min(per_hour) > 2000 / 24 * 0.6 and max(per_hour) < 2000 / 24 * 1.4  # no rush hour
    assert offset_in_period("6500101", PERIOD) == offset_in_period("6500101", PERIOD)  # stable across restarts


@pytest.fixture
def settings(db_settings):
    return db_settings


def started(settings):
    scheduler = build_scheduler(settings, blocking=False)
    scheduler.start(paused=True)  # computes and stores next run times, runs nothing
    return scheduler


def test_when_registry_synced_then_one_persistent_job_per_organisation_survives_a_restart(settings):
    now = datetime(2026, 11, 22, 0, 0, tzinfo=timezone.utc)
    scheduler = started(settings)
    assert sync_jobs(scheduler, ["a", "b", "c"], period=PERIOD, now=now) == (3, 0)
    first = {job.id: job.next_run_time for job in scheduler.get_jobs()}
    assert set(first) == {f"{JOB_PREFIX}a", f"{JOB_PREFIX}b", f"{JOB_PREFIX}c"}
    assert all(job.max_instances == 1 and job.coalesce for job in scheduler.get_jobs())  # never twice at once
    assert first[f"{JOB_PREFIX}a"] == now + offset_in_period("a", PERIOD)
    scheduler.shutdown(wait=False)

    again = started(settings)  # a restart, a day later
    assert {job.id: job.next_run_time for job in again.get_jobs()} == first
    assert sync_jobs(again, ["a", "c", "d"], period=PERIOD, now=now + timedelta(days=1)) == (1, 1)
    after = {job.id: job.next_run_time for job in again.get_jobs()}
    assert after[f"{JOB_PREFIX}a"] == first[f"{JOB_PREFIX}a"]  # re-syncing does not push a crawl back
    assert f"{JOB_PREFIX}b" not in after and f"{JOB_PREFIX}d" in after
    again.shutdown(wait=False)


def test_when_the_scheduler_runs_then_it_crawls_each_organisation_in_its_own_process(site, tmp_path):
    site.add("/", person_page("ประกาศ", ids.national_id(random.Random(3))))
    registry = tmp_path / "orgs.csv"
    registry.write_text(f"{HEADER}\nt1,อบต.ทดสอบ,sao,พิษณุโลก,,{site.url('/')},,,,\n", encoding="utf-8")
    env = {**os.environ, "EAGLE_EYE_DATA_DIR": str(tmp_path / "data"), "EAGLE_EYE_ALLOW_PRIVATE_HOSTS": "1",
           "EAGLE_EYE_FINGERPRINT_KEY": KEY, "EAGLE_EYE_CRAWL_PERIOD_HOURS": "0.001"}  # every 3.6 s
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
