"""The README's first command: the demo crawls the bundled sample sites and shows what it found."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from seeds.make_sites import DOCUMENTS
from seeds.make_samples import _find
from tests.eagle_eye.conftest import FINGERPRINT

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    data = tmp_path_factory.mktemp("demo")
    proc = subprocess.run([sys.executable, str(ROOT / "seeds" / "demo.py"), "--data-dir", str(data), "--no-serve"],
                          capture_output=True, text=True, timeout=600, check=False)
    return proc, data


def test_when_the_demo_runs_then_it_crawls_every_sample_site_and_lists_the_exposures(demo):
    proc, _ = demo
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = proc.stdout
    crawl = re.search(r"crawl \d+ finished:\n((?:  .*\n)+)", out)
    assert crawl, out
    rows = {line.split()[0]: line for line in crawl.group(1).splitlines()}
    assert {"6500101", "6500102", "6500103"} <= set(rows)
    assert " 0 exposed" in rows["6500102"]  # the compliant organisation masks its lists
    exposed_docs = re.findall(r"^  (http://\S+)$", out, flags=re.MULTILINE)
    names = {u.rsplit("/", 1)[-1] for u in exposed_docs}
    # every format on the sites, the scan read by OCR, the TIS-620 page and the off-site file
    assert {"disability-allowance-2568.pdf", "land-tax-2567.xlsx", "complaints.html", "elderly-scan.pdf",
            "announce.tis620.html", "complaints-2568.csv", "tax-2568.ods", "6500101-letter.pdf"} <= names
    assert not any("/admin/" in u for u in exposed_docs)  # robots.txt keeps the crawler out


def test_when_the_demo_runs_then_no_planted_number_is_printed_or_stored(demo):
    proc, data = demo
    raw = set()
    for n, (_, _, doc_type, want, fmt, _, _) in enumerate(DOCUMENTS):
        doc = _find(doc_type, want, start=1000 * (n + 1), size="short" if fmt == "scan_pdf" else "normal")
        raw |= {re.sub(r"\D", "", lab.canonical) for lab in doc.labels if lab.status != "masked" and lab.kind != "laser_code"}
    printed = FINGERPRINT.sub("", proc.stdout + proc.stderr)
    blobs = [p.read_bytes() for p in data.rglob("*") if p.is_file()]
    assert raw and blobs
    for digits in raw:
        assert digits not in printed
        assert not any(digits.encode() in blob for blob in blobs)


def test_when_the_demo_runs_then_each_exposing_organisation_gets_its_email_in_the_mailbox(demo):
    proc, data = demo
    mailbox = data / "mailbox"
    assert str(mailbox) in proc.stdout and "sent 2, failed 0, waiting 0" in proc.stdout
    pages = sorted(mailbox.glob("*-notification-incident-*.html"))
    assert len(pages) == 2 and len(list(mailbox.glob("*.eml"))) == 2
    texts = [p.read_text(encoding="utf-8") for p in pages]
    # the two exposing organisations of seeds/registry.csv; the compliant one gets nothing
    assert sum("องค์การบริหารส่วนตำบลแม่ระกา" in t for t in texts) == 1
    assert not any("เทศบาลตำบลบ้านกร่าง" in t for t in texts)
    assert all("สิ่งที่ต้องทำ" in t and "/ack/" in t for t in texts)
