"""The processes docker-compose.yml runs (its own commands, read from the file), run here against
the machine's real PostgreSQL and Redis: the scheduler starts crawls, a worker joins them through
Redis, the alerts reach the mail server, and the dashboard answers. All stop cleanly on SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import yaml

from synth import ids
from tests.alerts.conftest import free_port, smtp  # noqa: F401 - the SMTP server fixture
from tests.crawler.test_crawl import person_page
from tests.eagle_eye.conftest import KEY
from tests.eagle_eye.test_registry import HEADER

ROOT = Path(__file__).resolve().parents[2]


def test_when_the_compose_processes_run_on_postgres_and_redis_then_crawls_are_shared_and_alerts_delivered(
        site, tmp_path, postgres_url, redis_url, smtp):
    import random

    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    site.add("/", person_page("ประกาศ", ids.national_id(random.Random(9))))
    registry = tmp_path / "orgs.csv"
    registry.write_text(f"{HEADER}\nt1,อบต.ทดสอบ,sao,พิษณุโลก,,{site.url('/')},,pdpa@t1.go.th,,\n", encoding="utf-8")
    port = free_port()
    env = {**os.environ, "EAGLE_EYE_DATA_DIR": str(tmp_path / "data"), "EAGLE_EYE_DATABASE_URL": postgres_url,
           "EAGLE_EYE_REDIS_URL": redis_url, "EAGLE_EYE_FINGERPRINT_KEY": KEY, "EAGLE_EYE_SECRET_KEY": "s",
           "EAGLE_EYE_SMTP_HOST": "127.0.0.1", "EAGLE_EYE_SMTP_PORT": str(smtp.port),
           "EAGLE_EYE_DASHBOARD_URL": f"http://127.0.0.1:{port}", "EAGLE_EYE_ALLOW_PRIVATE_HOSTS": "1",
           "EAGLE_EYE_CRAWL_PERIOD_HOURS": "0.002", "EAGLE_EYE_CRAWL_SLOT_MINUTES": "0.06",
           "EAGLE_EYE_ALERT_SEND_EVERY_S": "1", "EAGLE_EYE_CRAWL_IDLE_CLOSE_S": "2"}
    exe = str(Path(sys.executable).with_name("eagle-eye"))
    assert subprocess.run([exe, "orgs", "import", str(registry)], env=env, capture_output=True).returncode == 0
    dashboard = [*services["dashboard"]["command"]]
    dashboard[dashboard.index("--host") + 1], dashboard[dashboard.index("--port") + 1] = "127.0.0.1", str(port)
    procs = {name: subprocess.Popen([exe, *command], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
             for name, command in (("worker", services["worker"]["command"]), ("scheduler", services["scheduler"]["command"]),
                                   ("dashboard", dashboard))}
    outputs = {}
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not smtp.inbox.messages:
            time.sleep(0.5)
        health = urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=10).status
    finally:
        for proc in procs.values():
            proc.send_signal(signal.SIGTERM)
        for name, proc in procs.items():
            outputs[name] = proc.communicate(timeout=60)[0]
    assert [to for _, to in smtp.inbox.envelopes] == [["pdpa@t1.go.th"]], outputs
    assert health == 200
    assert "joining crawl" in outputs["worker"], outputs["worker"]
    assert (procs["worker"].returncode, procs["scheduler"].returncode) == (0, 0), outputs
    # uvicorn shuts down gracefully, then re-raises SIGTERM so its exit says how it was stopped
    assert procs["dashboard"].returncode in (0, -signal.SIGTERM) and "shutdown complete" in outputs["dashboard"]
