"""With Redis, one crawl runs across several processes: shared queue, dupefilter and budgets."""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import redis

from crawler import shared
from crawler.leases import leases_key
from synth import ids
from tests.crawler.test_crawl import person_page
from tests.eagle_eye.conftest import KEY

PAGES = 60


def test_when_a_second_process_joins_then_the_crawl_is_shared_and_nothing_is_fetched_twice(site, org_env, redis_url, tmp_path):
    rng = random.Random(11)
    links = "".join(f'<a href="/p{i}.html">หน้า {i}</a>' for i in range(PAGES))
    site.add("/", f"<html><body>{links}</body></html>")
    # the pages answer only once the second process has taken requests of its own: however slow
    # the machine (parallel test processes), the first cannot finish the crawl before it arrives
    joined = threading.Event()
    for i in range(PAGES):
        site.add(f"/p{i}.html", person_page(f"ประกาศ {i}", ids.national_id(rng)), delay_s=0.15, hold=joined)
    env = {**os.environ, **org_env, "EAGLE_EYE_REDIS_URL": redis_url, "EAGLE_EYE_FINGERPRINT_KEY": KEY,
           "EAGLE_EYE_CRAWL_IDLE_CLOSE_S": "3", "EAGLE_EYE_CRAWL_CONCURRENCY_PER_HOST": "2",
           "EAGLE_EYE_CRAWL_MAX_URLS_PER_PATTERN": "1000",
           # each process takes only a few requests ahead from the shared queue
           "EAGLE_EYE_CRAWL_CONCURRENCY": "4",
           # the held requests must not time out and be fetched again while the second starts
           "EAGLE_EYE_CRAWL_DOWNLOAD_TIMEOUT_S": "300"}
    exe = str(Path(sys.executable).with_name("eagle-eye"))
    first = subprocess.Popen([exe, "crawl", "--org", "t1"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # the second joins as soon as the first has published the crawl (however slow the machine)
    client = redis.Redis.from_url(redis_url)
    deadline = time.monotonic() + 60
    while (current := shared.current(client)) is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert current is not None, "the first process never published the crawl"
    second = subprocess.Popen([exe, "crawl", "--join"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    run_id, _ = current
    second_leases = leases_key(run_id, f"{shared.worker_id().rsplit(':', 1)[0]}:{second.pid}")
    deadline = time.monotonic() + 60
    while not client.hlen(second_leases) and second.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    joined.set()
    second_out, second_err = second.communicate(timeout=300)
    out, err = first.communicate(timeout=300)
    assert first.returncode == 1, out + err
    assert second.returncode in (0, 1), second_out + second_err
    # every page fetched exactly once, by one process or the other
    fetched = [p for p in site.requested() if p.startswith("/p")]
    assert sorted(fetched) == sorted(f"/p{i}.html" for i in range(PAGES))
    pages_by = [int(next(line for line in o.splitlines() if line.strip().startswith("t1")).split()[1])
                for o in (out, second_out)]
    assert all(n > 0 for n in pages_by), pages_by  # both took part
    with sqlite3.connect(Path(org_env["EAGLE_EYE_DATA_DIR"]) / "eagle_eye.db") as conn:
        [(status, stats)] = conn.execute("select status, stats from crawl_run").fetchall()
        findings = conn.execute("select count(*) from finding where org_id = 't1'").fetchone()[0]
    assert status == "finished"
    assert json.loads(stats)["t1"]["pages"] == PAGES + 1  # both processes' counts, added up
    assert findings == PAGES


def test_when_joining_with_no_crawl_in_progress_then_a_clean_error(org_env, redis_url):
    from tests.eagle_eye.conftest import eagle_eye

    run = eagle_eye("crawl", "--join", env={**org_env, "EAGLE_EYE_REDIS_URL": redis_url})
    assert run.code == 2 and "no crawl in progress" in run.stderr


def test_when_the_database_is_postgresql_then_the_crawl_stores_and_exports_there(site, tmp_path, postgres_url, redis_url):
    from tests.crawler.test_crawl import findings
    from tests.eagle_eye.conftest import eagle_eye
    from tests.eagle_eye.test_registry import HEADER

    site.add("/", person_page("ประกาศ", ids.national_id(random.Random(12))))
    registry = tmp_path / "orgs.csv"
    registry.write_text(f"{HEADER}\nt1,อบต.ทดสอบ,sao,พิษณุโลก,,{site.url('/')},,,,\n", encoding="utf-8")
    env = {"EAGLE_EYE_DATA_DIR": str(tmp_path / "data"), "EAGLE_EYE_DATABASE_URL": postgres_url,
           "EAGLE_EYE_REDIS_URL": redis_url, "EAGLE_EYE_ALLOW_PRIVATE_HOSTS": "1", "EAGLE_EYE_CRAWL_IDLE_CLOSE_S": "1"}
    assert eagle_eye("orgs", "import", str(registry), env=env).code == 0
    assert eagle_eye("crawl", env=env).code == 1
    [found] = findings(env)
    assert (found["org_id"], found["kind"], found["status"]) == ("t1", "national_id", "unmasked")
    assert not (tmp_path / "data" / "eagle_eye.db").exists()  # nothing went to SQLite
