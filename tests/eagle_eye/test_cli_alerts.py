"""``eagle-eye incidents`` and its subcommands, run as a user runs them."""

from __future__ import annotations

import csv
import io
import json

import pytest

from eagle_eye import db
from tests.alerts.conftest import KEY, SECRET, T0, World, allowance_list, make_settings, people
from tests.eagle_eye.conftest import eagle_eye

FIELDS = ["id", "org_id", "status", "risk_level", "risk_score", "opened_at", "notified_at", "remediated_at",
          "finding_count", "urls"]


@pytest.fixture
def cli_world(tmp_path):
    settings = make_settings(tmp_path)
    world = World(settings, db.open_database(settings))
    world.org("t1")
    world.org("t2", email="pdpa@t2.go.th")
    world.crawl(T0, {"https://t1.go.th/a.html": allowance_list(people(1, 3))}, org_id="t1")
    world.crawl(T0, {"https://t2.go.th/b.html": allowance_list(people(2, 2))}, org_id="t2")
    world.sync(T0)
    env = {"EAGLE_EYE_DATA_DIR": str(tmp_path), "EAGLE_EYE_FINGERPRINT_KEY": KEY, "EAGLE_EYE_SECRET_KEY": SECRET}
    return world, env


def test_when_exported_as_jsonl_then_every_asked_field_is_there(cli_world):
    world, env = cli_world
    run = eagle_eye("incidents", env=env)
    assert run.code == 0, run.output
    records = [json.loads(line) for line in run.stdout.splitlines()]
    assert [r["org_id"] for r in sorted(records, key=lambda r: r["id"])] == ["t1", "t2"]
    for record in records:
        assert list(record)[:len(FIELDS)] == FIELDS
        assert record["status"] == "open" and record["opened_at"].startswith("2026-11-02T02:00")
    assert {tuple(r["urls"]) for r in records} == {("https://t1.go.th/a.html",), ("https://t2.go.th/b.html",)}
    assert {r["finding_count"] for r in records} == {3, 2}


def test_when_exported_as_csv_then_a_header_and_one_row_per_incident(cli_world):
    _, env = cli_world
    run = eagle_eye("incidents", "--format", "csv", "--org", "t2", env=env)
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    assert run.code == 0 and len(rows) == 1
    assert list(rows[0])[:len(FIELDS)] == FIELDS and rows[0]["urls"] == "https://t2.go.th/b.html"


def test_when_documents_are_asked_then_both_are_written_in_both_formats(cli_world, tmp_path):
    _, env = cli_world
    run = eagle_eye("incidents", "documents", "1", "--out", str(tmp_path / "out"), env=env)
    assert run.code == 0, run.output
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == ["incident-1-pdpc-report.docx", "incident-1-pdpc-report.pdf",
                       "incident-1-subject-notice.docx", "incident-1-subject-notice.pdf"]


def test_when_a_finding_is_marked_false_positive_then_the_timeline_says_who(cli_world):
    world, env = cli_world
    run = eagle_eye("incidents", "false-positive", "1", "--by", "analyst", "--reason", "test data", env=env)
    assert run.code == 0, run.output
    assert [e.actor for e in world.events(1) if e.kind == "false_positive"] == ["analyst"]
    assert world.incidents()[0].finding_count == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["incidents", "documents", "99"], "no incident 99"),  # unknown incident
        (["incidents", "risk", "1", "impact=7"], "impact"),  # out of range
        (["incidents", "close", "1", "--reason", "x"], None),  # allowed: open -> closed
    ],
)
def test_when_the_team_acts_then_clean_messages_and_exit_codes(cli_world, args, message):
    _, env = cli_world
    run = eagle_eye(*args, env=env)
    if message is None:
        assert run.code == 0, run.output
    else:
        assert run.code == 2 and message in run.stderr and "Traceback" not in run.output


def test_when_nothing_is_configured_then_send_says_what_is_missing(cli_world):
    _, env = cli_world
    run = eagle_eye("alerts", "send", env=env)
    assert run.code == 2 and "EAGLE_EYE_SMTP_HOST" in run.stderr
