"""Make the sample websites the demo crawls: three local governments, their pages and attachments.

    python seeds/make_sites.py [seeds/sites]

Each organisation's site is a folder named after its org_id; seeds/serve.py serves each on its
own loopback address (seeds/registry.csv). What the sites hold:

* 6500101 อบต.แม่ระกา - over-publishes: an allowance list PDF (disability: sensitive), a tax roll
  XLSX, a complaint register page, a scanned list (OCR), a TIS-620 page declared only in the HTTP
  header, an announcement hosted on a shared file host (off-site attachment), a broken PDF, and
  a robots.txt that keeps crawlers out of /admin/.
* 6500102 เทศบาลตำบลบ้านกร่าง - compliant: its lists are masked by the X4 rule.
* 6500103 อบจ.พิษณุโลก - a complaint register as CSV and an ODS file with citizens' phones; news
  with office lines only.

Every person and number is generated (checksum-valid but fake). Deterministic.
"""

from __future__ import annotations

import html
import os
import shutil
import sys
from pathlib import Path

os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from seeds.make_samples import _find, all_masked, arabic_digits, exposed  # noqa: E402
from synth.render import render  # noqa: E402

#: org_id -> (name, loopback address). seeds/registry.csv says the same.
ORGS = {
    "6500101": ("องค์การบริหารส่วนตำบลแม่ระกา", "127.0.0.11"),
    "6500102": ("เทศบาลตำบลบ้านกร่าง", "127.0.0.12"),
    "6500103": ("องค์การบริหารส่วนจังหวัดพิษณุโลก", "127.0.0.13"),
}
#: a shared file host no organisation owns: attachments there still count for the linking org
FILE_HOST = "127.0.0.14"
PORT = 8711

# (org_id, path, doc type, predicate, format, render options, link text)
DOCUMENTS = [
    ("6500101", "files/disability-allowance-2568.pdf", "allowance_list",
     lambda d: exposed(d) and d.sensitive == "disability", "pdf", {}, "ประกาศรายชื่อผู้มีสิทธิรับเบี้ยความพิการ"),
    ("6500101", "files/land-tax-2567.xlsx", "tax_roll", exposed, "xlsx", {}, "ทะเบียนผู้ชำระภาษีที่ดินและสิ่งปลูกสร้าง"),
    ("6500101", "complaints.html", "complaint_register", exposed, "html", {}, "ทะเบียนเรื่องร้องเรียน"),
    ("6500101", "files/elderly-scan.pdf", "allowance_list", lambda d: exposed(d) and arabic_digits(d), "scan_pdf",
     {"dpi": 200}, "ประกาศรายชื่อผู้สูงอายุ (ฉบับสแกน)"),
    ("6500101", "announce.tis620.html", "letter", lambda d: True, "html", {"encoding": "tis-620", "declare": "none"},
     "หนังสือแจ้งผลเรื่องร้องเรียน"),
    ("6500101", "files/procurement.docx", "procurement", lambda d: True, "docx", {}, "ประกาศผลการจัดซื้อจัดจ้าง"),
    ("6500102", "files/elderly-allowance-masked.pdf", "allowance_list", all_masked, "pdf", {}, "ประกาศรายชื่อผู้สูงอายุ"),
    ("6500102", "news-1.html", "news", lambda d: not exposed(d), "html", {}, "ข่าวประชาสัมพันธ์"),
    ("6500102", "files/procurement.pdf", "procurement", lambda d: not exposed(d), "pdf", {}, "สรุปผลการจัดซื้อจัดจ้าง"),
    ("6500103", "files/complaints-2568.csv", "complaint_register", exposed, "csv", {}, "ทะเบียนเรื่องร้องเรียน (CSV)"),
    ("6500103", "files/tax-2568.ods", "tax_roll", exposed, "ods", {}, "บัญชีผู้ชำระภาษี (ODS)"),
    ("6500103", "news-1.html", "news", lambda d: not exposed(d), "html", {}, "ข่าวประชาสัมพันธ์"),
    (None, "shared/6500101-letter.pdf", "letter", exposed, "pdf", {}, "หนังสือแจ้ง (เก็บไว้ที่เว็บฝากไฟล์)"),
]


def page(title: str, body: str) -> str:
    return (f'<!doctype html><html lang="th"><head><meta charset="utf-8"><title>{html.escape(title)}</title></head>'
            f"<body><h1>{html.escape(title)}</h1>{body}</body></html>\n")


def main(out: Path) -> None:
    if out.exists():
        shutil.rmtree(out)
    links: dict[str, list[str]] = {org_id: [] for org_id in ORGS}
    for n, (org_id, path, doc_type, want, fmt, options, text) in enumerate(DOCUMENTS):
        size = "short" if fmt == "scan_pdf" else "normal"
        doc = _find(doc_type, want, start=1000 * (n + 1), size=size)
        folder = out / (org_id or "file-host")
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(render(doc, fmt, **options))
        href = path if org_id else f"http://{FILE_HOST}:{PORT}/{path}"
        links[org_id or "6500101"].append(f'<li><a href="{href}">{html.escape(text)}</a></li>')
    for org_id, (name, _) in ORGS.items():
        folder = out / org_id
        extra = ""
        if org_id == "6500101":
            (folder / "files" / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R\n%%truncated")
            links[org_id].append('<li><a href="files/broken.pdf">เอกสารแนบ (ไฟล์เสีย)</a></li>')
            (folder / "admin").mkdir()
            (folder / "admin" / "index.html").write_text(page("ผู้ดูแลระบบ", "<p>เฉพาะเจ้าหน้าที่</p>"), encoding="utf-8")
            extra = '<p><a href="admin/index.html">สำหรับเจ้าหน้าที่</a></p>'
        (folder / "robots.txt").write_text("User-agent: *\nDisallow: /admin/\n", encoding="utf-8")
        others = "".join(f'<li><a href="http://{ip}:{PORT}/">{html.escape(n)}</a></li>'
                         for o, (n, ip) in ORGS.items() if o != org_id)
        (folder / "ita.html").write_text(page(f"การเปิดเผยข้อมูลสาธารณะ (OIT) {name}",
                                              f"<ul>{''.join(links[org_id])}</ul>"), encoding="utf-8")
        (folder / "index.html").write_text(page(name, (
            f'<p><a href="ita.html?utm_source=menu">ข้อมูลสาธารณะ (ITA/OIT)</a></p>'
            f"<p>หน่วยงานใกล้เคียง</p><ul>{others}</ul>{extra}"
            f'<p><a href="https://www.facebook.com/">Facebook</a></p>'
        )), encoding="utf-8")
        print(f"wrote {folder}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "seeds/sites"))
