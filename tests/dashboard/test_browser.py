"""The dashboard driven by a real Chromium (Debian's, through Playwright) against the running app:
log in, filter, open an incident, change its status, download an export; and a province officer
refused another province's incident by link, by direct URL and in exports."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest
import uvicorn

from dashboard.app import create_app
from tests.alerts.conftest import free_port
from tests.dashboard.conftest import PASSWORD, seed

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture
def server(sqlite_world):
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("Debian's chromium is required under CI (make test installs it)")
        pytest.skip("no /usr/bin/chromium")
    port = free_port()
    world = seed(sqlite_world)
    world.settings = world.settings.model_copy(update={"dashboard_url": f"http://127.0.0.1:{port}"})
    config = uvicorn.Config(create_app(world.settings), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield world, f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                     args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        yield chromium
        chromium.close()


def _login(page, base: str, username: str) -> None:  # noqa: ANN001
    page.goto(f"{base}/")
    assert "/login" in page.url
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


def test_when_the_team_works_an_incident_in_the_browser_then_it_changes_and_exports(server, browser, tmp_path):
    world, base = server
    page = browser.new_page(accept_downloads=True)
    _login(page, base, "admin")
    assert "อัตราการรั่วไหล" in page.content()
    page.click("text=เรื่องที่พบ")
    page.select_option("select[name=province]", "ลำปาง")
    page.click("button:has-text('กรอง')")
    rows = page.locator("table tr:has(a[href^='/incidents/'])")
    assert rows.count() == 1 and "เทศบาลสาม" in rows.first.inner_text()
    rows.first.locator("a[href^='/incidents/']").click()
    page.wait_for_url(f"{base}/incidents/3")
    page.fill("input[name=reason]", "ตรวจแล้ว")
    page.click("button:has-text('ปิดเรื่อง')")
    page.wait_for_url(f"{base}/incidents/3")
    assert world.incidents()[2].status.value == "closed"
    page.goto(f"{base}/incidents?status=closed")
    with page.expect_download() as download:
        page.click("a:has-text('XLSX')")
    saved = tmp_path / "export.xlsx"
    download.value.save_as(saved)
    from openpyxl import load_workbook

    cells = [c for row in load_workbook(saved).active.iter_rows(values_only=True) for c in row]
    assert "เทศบาลสาม" in cells and "อบต.หนึ่ง" not in cells


def test_when_a_province_officer_reaches_for_another_province_then_refused_everywhere(server, browser):
    world, base = server
    page = browser.new_page()
    _login(page, base, "plk")
    page.goto(f"{base}/incidents")
    assert "เทศบาลสาม" not in page.content()  # not listed
    response = page.goto(f"{base}/incidents/3")  # by direct URL
    assert response.status == 403 and "เทศบาลสาม" not in page.content()
    response = page.goto(f"{base}/incidents/3/report.pdf")  # its documents
    assert response.status == 403
    csv = page.request.get(f"{base}/incidents.csv?province=ลำปาง")  # nor in an export, whatever the filter
    assert csv.status == 200 and "เทศบาลสาม" not in csv.text()
