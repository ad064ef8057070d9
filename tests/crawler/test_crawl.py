"""``eagle-eye crawl`` end to end, against sample sites the tests serve on loopback."""

from __future__ import annotations

import json
import os
import random
import re
import sqlite3
from pathlib import Path

import pytest

from synth import ids
from synth.content import make_document
from synth.render import render
from tests.crawler.conftest import OFFSITE_HOST, OTHER_ORG_HOST
from tests.eagle_eye.conftest import KEY, eagle_eye, run_on_terminal

RNG = random.Random(20261121)


def person_page(title: str, *numbers: str, charset: str = "utf-8") -> bytes:
    rows = "".join(f"<tr><td>นาย สมชาย ใจดี {i}</td><td>{n}</td></tr>" for i, n in enumerate(numbers, 1))
    html = (f"<html><head><title>{title}</title></head><body><h1>{title}</h1>"
            f"<table><tr><th>ชื่อ - สกุล</th><th>เลขประจำตัวประชาชน</th></tr>{rows}</table></body></html>")
    return html.encode(charset)


@pytest.fixture
def hostile_site(site):
    """Every trap of the issue on one site, plus the numbers planted in it."""
    planted = [ids.national_id(RNG) for _ in range(4)]
    allowance = make_document(random.Random(5), "allowance_list", doc_id="list")
    offsite_doc = make_document(random.Random(6), "allowance_list", doc_id="offsite")
    site.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", headers={"Content-Type": "text/plain"})
    site.add("/", f"""<html><body>
        <a href="/complaints.html?utm_source=facebook&amp;fbclid=abc">ร้องเรียน</a>
        <a href="/complaints.html">ร้องเรียน (อีกลิงก์)</a>
        <a href="/list.pdf">รายชื่อผู้สูงอายุ</a>
        <a href="/calendar?month=1">ปฏิทินกิจกรรม</a>
        <a href="/private/secret.html">ภายใน</a>
        <a href="/go">ข่าว</a>
        <a href="/tis620.html">ประกาศ</a>
        <a href="/huge.pdf">แผนพัฒนา (ไฟล์ใหญ่)</a>
        <a href="/broken.pdf">ไฟล์เสีย</a>
        <a href="{site.url('/page.html', OFFSITE_HOST)}">เว็บอื่น</a>
        <a href="{site.url('/doc.pdf', OFFSITE_HOST)}">เอกสารที่ฝากไว้ที่อื่น</a>
        <a href="{site.url('/', OTHER_ORG_HOST)}">อบต.ข้างเคียง</a>
        </body></html>""")
    site.add("/complaints.html", person_page("ทะเบียนผู้ร้องเรียน", planted[0]))
    site.add("/list.pdf", render(allowance, "pdf"), headers={"Content-Type": "application/pdf", "ETag": '"v1"'})
    for month in range(1, 400):  # endless: every month links the next
        site.add(f"/calendar?month={month}", f'<a href="/calendar?month={month + 1}">เดือนถัดไป</a>')
    site.add("/private/secret.html", person_page("ลับ", planted[1]))
    site.add("/go", status=302, headers={"Location": "/go2"})
    site.add("/go2", status=301, headers={"Location": "/final.html"})
    site.add("/final.html", person_page("ข่าว", planted[2]))
    # TIS-620, declared only in the HTTP header
    site.add("/tis620.html", person_page("ประกาศรายชื่อผู้มีสิทธิ", planted[3], charset="tis-620"),
             headers={"Content-Type": "text/html; charset=TIS-620"})
    site.add("/huge.pdf", b"%PDF-1.4\n", headers={"Content-Type": "application/pdf"}, stream_bytes=5 * 1024 * 1024)
    site.add("/broken.pdf", b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\ntrailer garbage",
             headers={"Content-Type": "application/pdf"})
    site.add("/page.html", person_page("ไม่ใช่ของเรา", ids.national_id(RNG)), host=OFFSITE_HOST)
    site.add("/doc.pdf", render(offsite_doc, "pdf"), host=OFFSITE_HOST, headers={"Content-Type": "application/pdf"})
    site.add("/", person_page("อีกองค์กร", ids.national_id(RNG)), host=OTHER_ORG_HOST)
    raw = planted + [lab.canonical for doc in (allowance, offsite_doc) for lab in doc.labels if lab.status != "masked"]
    return planted, raw


def documents(env: dict, name: str) -> list[tuple[str, str]]:
    """(state, error) of the stored documents whose URL ends in ``name``."""
    db = Path(env["EAGLE_EYE_DATA_DIR"]) / "eagle_eye.db"
    with sqlite3.connect(db) as conn:
        return [(s, e) for url, s, e in conn.execute("select url, state, error from document") if url.endswith("/" + name)]


def findings(env: dict, *args: str) -> list[dict]:
    out = eagle_eye("findings", "--format", "jsonl", *args, env=env)
    assert out.code == 0, out.output
    return [json.loads(line) for line in out.stdout.splitlines()]


def test_when_a_hostile_site_is_crawled_then_every_trap_holds_and_exposures_are_stored(site, hostile_site, org_env, tmp_path):
    planted, raw = hostile_site
    run = eagle_eye("crawl", "--org", "t1", env=org_env)
    assert run.code == 1, run.output  # exposures found
    # politeness and scope
    assert site.requested("/robots.txt") == ["/robots.txt"]
    assert site.requested("/private/secret.html") == []
    assert len(site.requested("/complaints.html")) == 1  # tracking-parameter duplicates fetched once
    assert 1 <= len([p for p in site.requested() if p.startswith("/calendar")]) <= 5  # the endless calendar is cut
    assert site.requested("/final.html") == ["/final.html"]  # the redirect chain is followed
    assert site.requested(host=OTHER_ORG_HOST) == []  # another organisation's site is its own crawl's
    assert site.requested("/page.html", host=OFFSITE_HOST) == []  # off-site pages: never
    assert site.requested("/doc.pdf", host=OFFSITE_HOST) == ["/doc.pdf"]  # an attachment hosted elsewhere: read
    user_agents = {h.get("User-Agent", "") for _, _, h in site.requests}
    assert all(ua.startswith("EagleEyeBot/") and "mailto:" in ua for ua in user_agents)
    # what was found, where, attributed to whom
    found = findings(org_env)
    by_source = {}
    for f in found:
        by_source.setdefault(f["source"].rsplit("/", 1)[-1], []).append(f)
    assert {"complaints.html", "final.html", "tis620.html", "list.pdf", "doc.pdf"} <= set(by_source)
    assert all(f["org_id"] == "t1" for f in found)
    for page in ("complaints.html", "final.html", "tis620.html"):
        [f] = by_source[page]
        assert (f["kind"], f["status"], f["personal"]) == ("national_id", "unmasked", True), page
    # bad files cost themselves only, and say why
    assert documents(org_env, "huge.pdf") == [("failed", "larger than the size cap")]
    [(state, error)] = documents(org_env, "broken.pdf")
    assert state == "unreadable" and "pdf" in error.lower()
    assert " 2 errors" in run.stdout
    # the watcher does not leak: not in the database, not in the data dir, not on the terminal
    assert_nothing_raw(tmp_path / "data", run.output, raw)


def assert_nothing_raw(data_dir: Path, printed: str, raw: list[str]) -> None:
    digits = [re.sub(r"\D", "", r) for r in raw]
    assert all(len(d) >= 9 for d in digits)
    blobs = [p.read_bytes() for p in data_dir.rglob("*") if p.is_file()]
    assert blobs, "the crawl wrote nothing to the data dir"
    for d in digits:
        for form in {d, ids.to_thai_digits(d)}:
            for blob in blobs:
                assert form.encode("utf-8") not in blob and form.encode("tis-620") not in blob
            assert form not in printed


def test_when_the_site_is_fixed_then_a_recrawl_records_findings_and_documents_gone(site, hostile_site, org_env):
    planted, _ = hostile_site
    assert eagle_eye("crawl", "--org", "t1", env=org_env).code == 1
    before = {f["source"].rsplit("/", 1)[-1] for f in findings(org_env)}
    site.add("/final.html", person_page("ข่าว", "X-XXXX-XXXXX-" + planted[2][-3:-1] + "-" + planted[2][-1]))  # masked now
    site.add("/complaints.html", status=404)  # taken down
    del site.routes[(OFFSITE_HOST, "/doc.pdf")]
    site.requests.clear()
    again = eagle_eye("crawl", "--org", "t1", env=org_env)
    assert again.code in (0, 1), again.output
    now = findings(org_env)
    current = {(f["source"].rsplit("/", 1)[-1], f["status"]) for f in now}
    assert ("final.html", "masked") in current and ("final.html", "unmasked") not in current
    assert not any(src == "complaints.html" for src, _ in current)
    gone = [f for f in findings(org_env, "--include-gone") if f["gone_at"]]
    assert {f["source"].rsplit("/", 1)[-1] for f in gone} >= {"complaints.html", "final.html"}
    assert "complaints.html" in before
    # the unchanged PDF was asked for conditionally and answered 304: not read again
    [(_, _, headers)] = [r for r in site.requests if r[1] == "/list.pdf"]
    assert headers.get("If-None-Match") == '"v1"'


def test_when_private_hosts_are_not_allowed_then_loopback_is_never_requested(site, org_env):
    site.add("/", person_page("ข่าว", ids.national_id(RNG)))
    env = {**org_env, "EAGLE_EYE_ALLOW_PRIVATE_HOSTS": "0"}
    run = eagle_eye("crawl", "--org", "t1", env=env)
    assert run.code == 0, run.output
    assert site.requests == []
    assert "skipped" in run.stdout


def test_when_an_organisation_is_not_registered_then_exit_2_naming_it(org_env):
    run = eagle_eye("crawl", "--org", "nope", env=org_env)
    assert run.code == 2 and "nope" in run.stderr and "Traceback" not in run.output


def test_when_a_page_is_built_by_javascript_then_it_is_rendered_in_chromium_and_read(site, org_env):
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        if os.environ.get("CI"):
            pytest.fail("Debian's chromium is required under CI (make test installs it)")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    planted = ids.national_id(RNG)
    doc = make_document(random.Random(8), "allowance_list", doc_id="js")
    site.add("/", """<html><head><meta charset="utf-8"><script src="/app.js"></script></head>
        <body><div id="app">กำลังโหลด...</div></body></html>""")
    site.add("/app.js", f"""
        document.addEventListener('DOMContentLoaded', function () {{
          document.getElementById('app').innerHTML =
            '<h1>ประกาศรายชื่อผู้มีสิทธิ</h1><table><tr><th>ชื่อ - สกุล</th><th>เลขประจำตัวประชาชน</th></tr>' +
            '<tr><td>นาง สมศรี ใจดี</td><td>{planted}</td></tr></table>' +
            '<img src="/logo.png"><a href="/js-doc.pdf">เอกสารแนบ</a>';
        }});""", headers={"Content-Type": "application/javascript"})
    site.add("/js-doc.pdf", render(doc, "pdf"), headers={"Content-Type": "application/pdf"})
    run = eagle_eye("crawl", "--org", "t1", env=org_env)
    assert run.code == 1, run.output
    rendered = [f for f in findings(org_env) if f["source"] == site.url("/")]
    assert [(f["kind"], f["status"], f["personal"]) for f in rendered] == [("national_id", "unmasked", True)]
    assert site.requested("/js-doc.pdf") == ["/js-doc.pdf"]  # links the script wrote are followed
    assert site.requested("/logo.png") == []  # the browser fetches no images: text is all we read
    assert BROWSER_STARTED in run.output  # started on demand, by this page


#: what scrapy-playwright logs when it starts Playwright's driver
BROWSER_STARTED = "Starting download handler"


def test_when_no_page_needs_a_browser_then_the_crawl_never_starts_one(site, org_env):
    # rendering is on, as by default; a plain page and a PDF do not need it, and Playwright's
    # driver (a Node process) would have cost the crawl up to a second and 120 MB for nothing
    site.add("/", '<html><body><p>ข่าวประชาสัมพันธ์ประจำเดือน</p><a href="/a.html">ข่าว</a></body></html>')
    site.add("/a.html", "<html><body><p>ประกาศ</p></body></html>")
    run = eagle_eye("crawl", "--org", "t1", env=org_env)
    assert run.code == 0, run.output
    assert site.requested("/a.html") == ["/a.html"]
    assert BROWSER_STARTED not in run.output


def test_when_crawl_runs_on_a_terminal_then_a_progress_line_is_drawn(site, org_env):
    pages = 40
    site.add("/", "".join(f'<a href="/n{i}.html">ข่าว {i}</a>' for i in range(pages)))
    for i in range(pages):
        site.add(f"/n{i}.html", f"<p>ข่าวประชาสัมพันธ์ {i}</p>", delay_s=0.1)  # a crawl of a few seconds
    env = {**org_env, "EAGLE_EYE_CRAWL_MAX_URLS_PER_PATTERN": "1000", "EAGLE_EYE_LOG_LEVEL": "WARNING"}
    proc, drawn = run_on_terminal(["crawl", "--org", "t1"], env)
    assert proc.returncode == 0, proc.stdout
    assert re.search(rb"\rcrawling 1 organisations: \d+ pages", drawn), drawn[-500:]


def test_when_a_crawl_is_killed_midway_then_what_it_read_is_kept_and_the_next_crawl_finishes(site, org_env):
    import signal
    import subprocess
    import sys
    import time

    pages = 30
    rng = random.Random(21)
    planted = [ids.national_id(rng) for _ in range(pages)]
    site.add("/", "".join(f'<a href="/p{i}.html">ประกาศ {i}</a>' for i in range(pages)))
    for i, number in enumerate(planted):
        site.add(f"/p{i}.html", person_page(f"ประกาศ {i}", number), delay_s=0.3)
    env = {**os.environ, **org_env, "EAGLE_EYE_CRAWL_MAX_URLS_PER_PATTERN": "1000", "EAGLE_EYE_FINGERPRINT_KEY": KEY}
    exe = str(Path(sys.executable).with_name("eagle-eye"))
    crawl = subprocess.Popen([exe, "crawl", "--org", "t1"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len([p for p in site.requested() if p.startswith("/p")]) < 8:
        time.sleep(0.2)
    time.sleep(1.5)  # a moment for the first pages to be read and stored
    os.killpg(crawl.pid, signal.SIGKILL)  # the machine goes down: no clean-up runs at all
    crawl.wait()
    kept = findings(org_env)
    assert 0 < len(kept) < pages  # what was read before the crash is in the database
    again = eagle_eye("crawl", "--org", "t1", env={**org_env, "EAGLE_EYE_CRAWL_MAX_URLS_PER_PATTERN": "1000"})
    assert again.code == 1, again.output
    assert len(findings(org_env)) == pages  # the next crawl finds the rest, and nothing twice
    with sqlite3.connect(Path(org_env["EAGLE_EYE_DATA_DIR"]) / "eagle_eye.db") as conn:
        statuses = [s for (s,) in conn.execute("select status from crawl_run order by id")]
    assert statuses == ["interrupted", "finished"]  # the dead run is closed by the next crawl


def test_when_the_site_has_a_sitemap_then_pages_no_link_reaches_are_read_and_foreign_sitemaps_are_not(site, org_env):
    planted = ids.national_id(random.Random(31))
    site.add("/", "<p>หน้าแรก ไม่มีลิงก์ไปหน้าประกาศ</p>")
    site.add("/sitemap.xml", f"""<?xml version="1.0" encoding="UTF-8"?>
        <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
          <sitemap><loc>{site.url('/sitemap-news.xml')}</loc></sitemap>
          <sitemap><loc>{site.url('/sitemap.xml', OFFSITE_HOST)}</loc></sitemap>
        </sitemapindex>""", headers={"Content-Type": "application/xml"})
    site.add("/sitemap-news.xml", f"""<?xml version="1.0" encoding="UTF-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
          <url><loc>{site.url('/orphan.html')}</loc></url>
        </urlset>""", headers={"Content-Type": "application/xml"})
    site.add("/orphan.html", person_page("ประกาศรายชื่อ", planted))
    run = eagle_eye("crawl", "--org", "t1", env=org_env)
    assert run.code == 1, run.output
    assert [f["source"] for f in findings(org_env)] == [site.url("/orphan.html")]
    assert site.requested(host=OFFSITE_HOST) == []  # a sitemap on someone else's host is not read


def test_when_pages_repeat_links_then_each_url_counts_once_against_its_shapes_cap(site, org_env):
    # a sidebar repeats the latest notices on every page; the cap (5 here) is on distinct URLs
    sidebar = '<a href="/notice?id=1">ล่าสุด</a>' * 8
    site.add("/", f'{sidebar}<a href="/notice?id=2">ประกาศ 2</a><a href="/notice?id=3">ประกาศ 3</a>')
    for n in (1, 2, 3):
        site.add(f"/notice?id={n}", f"<p>ประกาศ {n}</p>{sidebar}")
    assert eagle_eye("crawl", "--org", "t1", env=org_env).code == 0
    assert sorted(p for p in site.requested() if p.startswith("/notice")) == [f"/notice?id={n}" for n in (1, 2, 3)]


def test_when_many_requests_wait_for_robots_txt_then_every_one_obeys_it(site, org_env, tmp_path):
    # a crawl worker joining a shared crawl starts with many requests per host, all waiting for
    # that host's robots.txt; here the start pages and the sitemap do the same
    from tests.eagle_eye.test_registry import HEADER

    site.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", headers={"Content-Type": "text/plain"})
    site.add("/", "<p>หน้าแรก</p>")
    private = [f"/private/{n}.html" for n in range(4)]
    for path in private:
        site.add(path, "<p>ภายใน</p>")
    registry = tmp_path / "start-pages.csv"
    registry.write_text(f"{HEADER},start_pages\nt1,อบต.ทดสอบ,sao,พิษณุโลก,วังทอง,{site.url('/')},,,,,"
                        + " ".join(site.url(p) for p in private) + "\n", encoding="utf-8")
    assert eagle_eye("orgs", "import", str(registry), env=org_env).code == 0
    assert eagle_eye("crawl", "--org", "t1", env=org_env).code == 0
    assert [p for p in site.requested() if p.startswith("/private/")] == []
