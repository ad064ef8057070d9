"""``eagle-eye report weekly``, run as a user runs it, on the hand-computed world."""

import csv
import io
import re
from pathlib import Path

import pytest

from tests.alerts.conftest import KEY, SECRET, make_settings
from tests.eagle_eye.conftest import eagle_eye
from tests.reports.conftest import KRT, PLK, open_world, seed

ROOT = Path(__file__).resolve().parents[2]


def env_for(settings, **extra: str) -> dict[str, str]:
    env = {"EAGLE_EYE_DATA_DIR": str(settings.data_dir), "EAGLE_EYE_FINGERPRINT_KEY": KEY,
           "EAGLE_EYE_SECRET_KEY": SECRET, "EAGLE_EYE_DLA_EMAIL": "",
           # this checkout's code, whichever checkout the console script was installed from
           "PYTHONPATH": str(ROOT), **extra}
    if settings.database_url:
        env["EAGLE_EYE_DATABASE_URL"] = settings.database_url.get_secret_value()
    return env


def unboxed(text: str) -> str:
    """Typer draws usage errors in a box, wrapped to the terminal's width: the words alone."""
    return " ".join(re.sub("[│╭╮╰╯─]", " ", text).split())


@pytest.fixture(scope="module")
def cli(tmp_path_factory):
    """The world on SQLite, and the environment the commands run in."""
    world = open_world(make_settings(tmp_path_factory.mktemp("weekly-cli")))
    seed(world)
    return world, env_for(world.settings)


def test_when_csv_is_asked_then_it_is_written_and_the_path_printed(db_settings, tmp_path):
    """On SQLite and on real PostgreSQL."""
    world = open_world(make_settings(db_settings.data_dir, database_url=db_settings.database_url))
    seed(world)
    out = tmp_path / "out" / "weekly.csv"
    run = eagle_eye("report", "weekly", "--week", "2026-W45", "--out", str(out), env=env_for(world.settings))
    assert run.code == 0, run.output
    assert f"wrote {out}" in run.stdout
    rows = {(r["province"], r["org_type"]): r for r in csv.DictReader(io.StringIO(out.read_text("utf-8-sig")))}
    # p3: new on Monday, still open past 72 hours; k1: opened and fixed within 30 hours
    assert (rows[(PLK, "sao")]["new_incidents"], rows[(PLK, "sao")]["overdue"]) == ("1", "1")
    assert rows[(KRT, "pao")]["median_hours_to_remediate"] == "30"


def test_when_pdf_and_email_are_asked_then_both_happen_and_a_second_email_is_refused(cli, tmp_path):
    world, env = cli
    env = {**env, "EAGLE_EYE_DLA_EMAIL": "weekly@dla.example.go.th"}
    out = tmp_path / "weekly.pdf"
    first = eagle_eye("report", "weekly", "--week", "2026-W45", "--out", str(out), "--email", env=env)
    assert first.code == 0, first.output
    assert out.read_bytes().startswith(b"%PDF-") and f"wrote {out}" in first.stdout
    assert "queued the report for 2026-W45 to weekly@dla.example.go.th" in first.stdout
    again = eagle_eye("report", "weekly", "--week", "2026-W45", "--email", env=env)
    assert again.code == 0 and "queued before" in again.stdout
    assert [m.key for m in world.outbox() if m.kind == "weekly"] == ["weekly:2026-W45"]
    assert not list(tmp_path.glob(".*.part"))  # the file was written whole, then renamed


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--week", "2026-45", "--out", "x.csv"], "YYYY-Www"),  # malformed week
        (["--week", "2025-W53", "--out", "x.csv"], "no ISO week 53"),  # 2025 has 52 weeks
        (["--week", "2099-W01", "--out", "x.csv"], "has not ended"),  # the future
        (["--out", "x.docx"], ".html, .pdf, .xlsx, .csv"),  # a format we do not write
        ([], "--out FILE, --email"),  # nowhere to put it
    ],
)
def test_when_the_usage_is_wrong_then_a_clean_error_and_exit_2(cli, tmp_path, args, message):
    _, env = cli
    run = eagle_eye("report", "weekly", *[str(tmp_path / a) if a.startswith("x.") else a for a in args], env=env)
    assert run.code == 2 and message in unboxed(run.stderr), run.output
    assert "Traceback" not in run.output and not list(tmp_path.iterdir())


def test_when_email_is_asked_without_the_address_then_the_variable_is_named(cli, tmp_path):
    _, env = cli
    out = tmp_path / "weekly.html"
    run = eagle_eye("report", "weekly", "--week", "2026-W45", "--out", str(out), "--email", env=env)
    assert run.code == 2 and "EAGLE_EYE_DLA_EMAIL" in run.stderr, run.output
    assert "Traceback" not in run.output and not out.exists()  # failed before doing anything


def test_when_no_week_is_given_then_the_last_complete_week_is_reported(cli, tmp_path):
    from datetime import UTC, datetime

    from reports.weeks import IsoWeek

    _, env = cli
    expected = str(IsoWeek.last_complete(datetime.now(UTC)))
    out = tmp_path / "weekly.xlsx"
    run = eagle_eye("report", "weekly", "--out", str(out), env=env)
    assert run.code == 0, run.output
    from openpyxl import load_workbook

    summary = {r[0]: r[1] for r in load_workbook(out)["สรุป"].iter_rows(values_only=True) if r and r[0]}
    assert summary["สัปดาห์"].startswith(expected)
