"""Faults a national deployment meets: a crawl worker killed mid-crawl (SIGKILL: no clean-up of
its own), and what the rest of the crawl must still guarantee."""

from __future__ import annotations

import hashlib
import hmac
import glob
import json
import os
import random
import shutil
import signal
import socket
import tempfile
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis as redis_lib

from crawler import shared
from synth import ids
from tests.alerts.conftest import SECRET, smtp  # noqa: F401 - the SMTP fixture
from tests.crawler.test_crawl import person_page
from tests.eagle_eye.conftest import KEY, eagle_eye

PAGES = 40
EXE = str(Path(sys.executable).with_name("eagle-eye"))


def _fingerprint(national_id: str) -> str:
    return hmac.new(KEY.encode(), national_id.encode(), hashlib.sha256).hexdigest()


def _wait_for(predicate, timeout_s: float, what: str):  # noqa: ANN001, ANN202
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def test_when_a_worker_is_killed_mid_crawl_then_its_requests_are_fetched_by_another_and_nothing_is_lost(
        site, org_env, redis_url, smtp, tmp_path):  # noqa: F811 - smtp is the fixture
    rng = random.Random(17)
    planted = [ids.national_id(rng) for _ in range(PAGES)]
    site.add("/", "<html><body>" + "".join(f'<a href="/p{i}.html">ประกาศ {i}</a>' for i in range(PAGES)) + "</body></html>")
    for i, number in enumerate(planted):
        # slow pages: the worker is killed holding requests it popped and has not finished
        site.add(f"/p{i}.html", person_page(f"ประกาศ {i}", number), delay_s=0.4)
    env = {**os.environ, **org_env, "EAGLE_EYE_REDIS_URL": redis_url, "EAGLE_EYE_FINGERPRINT_KEY": KEY,
           "EAGLE_EYE_CRAWL_IDLE_CLOSE_S": "2", "EAGLE_EYE_CRAWL_CONCURRENCY_PER_HOST": "2",
           "EAGLE_EYE_CRAWL_CONCURRENCY": "8", "EAGLE_EYE_CRAWL_MAX_URLS_PER_PATTERN": "1000",
           "EAGLE_EYE_SECRET_KEY": SECRET, "EAGLE_EYE_SMTP_HOST": "127.0.0.1", "EAGLE_EYE_SMTP_PORT": str(smtp.port)}
    client = redis_lib.Redis.from_url(redis_url)
    first = subprocess.Popen([EXE, "crawl", "--org", "t1"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    run_id, _ = _wait_for(lambda: shared.current(client), 60, "the crawl to be published")
    # its own session: the kill takes its document readers with it, as a lost container would
    doomed = subprocess.Popen([EXE, "crawl", "--join"], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True)
    doomed_leases = f"{shared.prefix(run_id)}:leases:{shared.worker_id().rsplit(':', 1)[0]}:{doomed.pid}"
    held = _wait_for(lambda: client.hlen(doomed_leases) >= 2 and client.hlen(doomed_leases), 60,
                     "the worker to take requests")
    os.killpg(doomed.pid, signal.SIGKILL)
    doomed.wait()
    out, err = first.communicate(timeout=300)
    assert first.returncode == 1, out + err  # exposures found
    assert "incidents: 1 opened" in out and "emails queued: 1" in out, out
    assert held >= 2
    # nothing lost: every planted number is a stored finding, once
    found = [json.loads(line) for line in eagle_eye("findings", "--format", "jsonl", env=env).stdout.splitlines()]
    assert sorted(f["fingerprint"] for f in found) == sorted(_fingerprint(n) for n in planted)
    assert all(site.requested(f"/p{i}.html") for i in range(PAGES))
    # the crawl ended cleanly: nothing of it is left in Redis
    assert not list(client.scan_iter(f"{shared.prefix(run_id)}:*"))
    # one incident for the organisation, one email to its coordinator
    incidents = [json.loads(line) for line in eagle_eye("incidents", "--format", "jsonl", env=env).stdout.splitlines()]
    assert [i["org_id"] for i in incidents] == ["t1"]
    for _ in range(2):  # the second send finds nothing left to send
        send = eagle_eye("alerts", "send", env=env)
        assert send.code == 0, send.output
    assert [to for _, (to,) in smtp.inbox.envelopes] == ["pdpa@t1.go.th"]


class PrivatePostgreSQL:
    """A PostgreSQL server of the test's own, so that restarting it disturbs nobody else."""

    def __init__(self) -> None:
        bins = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
        if not bins or shutil.which("runuser") is None or os.geteuid() != 0:
            message = "a private PostgreSQL server needs Debian's postgresql binaries and root (to run it as postgres)"
            if os.environ.get("CI"):
                pytest.fail(f"{message}, and CI requires it")
            pytest.skip(message)
        self.bin = Path(bins[-1]).parent
        # its own directory: pytest's temporary directories are closed to other users
        self.data = Path(tempfile.mkdtemp(prefix="eagle-eye-pg-"))
        shutil.chown(self.data, "postgres", "postgres")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self._as_postgres("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync")
        self.start()
        self._as_postgres("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "eagle")
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/eagle"

    def _as_postgres(self, tool: str, *args: str) -> None:
        subprocess.run(["runuser", "-u", "postgres", "--", str(self.bin / tool), *args], check=True,
                       capture_output=True, cwd="/")

    def start(self) -> None:
        self._as_postgres("pg_ctl", "-D", str(self.data), "-w", "-l", str(self.data / "log"), "-o",
                          f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.data}", "start")

    def stop(self) -> None:
        self._as_postgres("pg_ctl", "-D", str(self.data), "-w", "-m", "fast", "stop")


@pytest.fixture
def private_postgres():
    server = PrivatePostgreSQL()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(server.data, ignore_errors=True)


def test_when_postgresql_restarts_mid_crawl_then_the_workers_reconnect_and_store_everything(site, org_env, private_postgres):
    rng = random.Random(23)
    planted = [ids.national_id(rng) for _ in range(30)]
    site.add("/", "<html><body>" + "".join(f'<a href="/p{i}.html">ประกาศ {i}</a>' for i in range(len(planted)))
             + "</body></html>")
    for i, number in enumerate(planted):
        site.add(f"/p{i}.html", person_page(f"ประกาศ {i}", number), delay_s=0.25)
    env = {**os.environ, **org_env, "EAGLE_EYE_DATABASE_URL": private_postgres.url, "EAGLE_EYE_FINGERPRINT_KEY": KEY,
           "EAGLE_EYE_CRAWL_CONCURRENCY_PER_HOST": "2", "EAGLE_EYE_CRAWL_MAX_URLS_PER_PATTERN": "1000"}
    registry = Path(org_env["EAGLE_EYE_DATA_DIR"]).parent / "orgs.csv"
    assert eagle_eye("orgs", "import", str(registry), env=env).code == 0
    crawl = subprocess.Popen([EXE, "crawl", "--org", "t1"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    _wait_for(lambda: len(site.requested()) >= 8, 60, "the crawl to get going")
    private_postgres.stop()  # the database goes away with the crawl half done ...
    time.sleep(3)  # ... for longer than one retry
    private_postgres.start()
    out, err = crawl.communicate(timeout=300)
    assert crawl.returncode == 1, out + err
    assert "could not be stored" not in err
    found = [json.loads(line) for line in eagle_eye("findings", "--format", "jsonl", env=env).stdout.splitlines()]
    assert sorted(f["fingerprint"] for f in found) == sorted(_fingerprint(n) for n in planted)
