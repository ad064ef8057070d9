"""From a crawl to the coordinator's inbox and back, as a user runs it: ``eagle-eye crawl``
opens the incident and queues its email, ``eagle-eye alerts send`` delivers it to a real SMTP
server, ``eagle-eye alerts verify`` re-fetches only the offending page and remediates once it
is gone, and the next crawl reopens the incident when the page comes back."""

from __future__ import annotations

import json
import re

from tests.alerts.conftest import SECRET, allowance_list, people, smtp  # noqa: F401 - the SMTP fixture
from tests.eagle_eye.conftest import eagle_eye


def _incidents(env: dict) -> list[dict]:
    run = eagle_eye("incidents", "--format", "jsonl", env=env)
    assert run.code == 0, run.output
    return [json.loads(line) for line in run.stdout.splitlines()]


def test_when_a_crawl_finds_exposures_then_the_coordinator_is_emailed_and_remediation_is_verified(site, org_env, smtp):
    rows = people(11, 4)
    listing = allowance_list(rows)
    site.add("/", '<html><body><a href="/list.html">รายชื่อ</a></body></html>')
    site.add("/list.html", f"<html><body><pre>{listing}</pre></body></html>")
    env = {**org_env, "EAGLE_EYE_SECRET_KEY": SECRET, "EAGLE_EYE_SMTP_HOST": "127.0.0.1",
           "EAGLE_EYE_SMTP_PORT": str(smtp.port), "EAGLE_EYE_DASHBOARD_URL": "https://eagle.example.go.th"}
    printed = []

    crawl = eagle_eye("crawl", "--org", "t1", env=env)
    printed.append(crawl.output)
    assert crawl.code == 1, crawl.output
    assert "incidents: 1 opened" in crawl.stdout and "emails queued: 1" in crawl.stdout

    send = eagle_eye("alerts", "send", env=env)
    printed.append(send.output)
    assert send.code == 0 and "sent 1" in send.stdout, send.output
    [message] = smtp.inbox.messages
    assert message["To"] == "pdpa@t1.go.th" and site.url("/list.html") in message.get_body(("plain",)).get_content()
    [incident] = _incidents(env)
    assert (incident["status"], incident["finding_count"], incident["urls"]) == ("notified", 4, [site.url("/list.html")])

    site.add("/list.html", status=404)  # the coordinator took it down
    site.requests.clear()
    verify = eagle_eye("alerts", "verify", env=env)
    printed.append(verify.output)
    assert verify.code == 0 and "1 remediated" in verify.stdout, verify.output
    assert site.requested() == ["/list.html"] or site.requested() == ["/robots.txt", "/list.html"]  # only what was found
    [incident] = _incidents(env)
    assert incident["status"] == "remediated" and incident["remediated_at"]

    site.add("/list.html", f"<html><body><pre>{listing}</pre></body></html>")  # and it came back
    again = eagle_eye("crawl", "--org", "t1", env=env)
    printed.append(again.output)
    assert "1 reopened" in again.stdout, again.output
    assert _incidents(env)[0]["status"] == "reopened"

    everything = "".join(printed) + "".join(json.dumps(i) for i in _incidents(env)) + message.as_string()
    digits = re.sub(r"\D", "", everything)
    for row in rows:
        assert row["id"] not in digits
