"""Make the sample folder `make demo` scans: realistic fake documents in every format.

    python seeds/make_samples.py seeds/samples

Every person, number and organisation in them is generated (checksum-valid but fake).
Deterministic: the same command writes the same files.
"""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from synth.content import make_document  # noqa: E402
from synth.model import SynthDoc  # noqa: E402
from synth.render import render  # noqa: E402


def _find(doc_type: str, want, *, start: int, size: str = "short") -> SynthDoc:
    """The first generated document (from seed ``start`` on) that shows what a sample must show."""
    for seed in range(start, start + 500):
        doc = make_document(random.Random(seed), doc_type, doc_id=f"sample-{seed}", size=size)
        if want(doc):
            return doc
    raise SystemExit(f"no {doc_type} sample found")


def exposed(doc: SynthDoc) -> bool:
    # under-masked counts: 1-3 hidden digits break the X4 rule
    return any(label.personal and label.status != "masked" for label in doc.labels)


def arabic_digits(doc: SynthDoc) -> bool:
    # OCR reads Arabic digits only: the scanned sample shows what it can find
    return not any(c in "๐๑๒๓๔๕๖๗๘๙" for label in doc.labels for c in label.written)


def all_masked(doc: SynthDoc) -> bool:
    personal = [label for label in doc.labels if label.personal]
    return bool(personal) and all(label.status == "masked" for label in personal)


SAMPLES = [
    # (file name, doc type, predicate, format, render options)
    ("01_เบี้ยยังชีพคนพิการ.pdf", "allowance_list", lambda d: exposed(d) and d.sensitive == "disability", "pdf", {"narrow_id_column": True}),
    ("02_เบี้ยยังชีพ_ปกปิดตามX4.pdf", "allowance_list", all_masked, "pdf", {}),
    ("03_ภาษีที่ดินและสิ่งปลูกสร้าง.xlsx", "tax_roll", exposed, "xlsx", {"numeric_ids": True}),
    ("04_ประกาศผลจัดซื้อจัดจ้าง.html", "procurement", lambda d: True, "html", {"encoding": "tis-620", "declare": "meta"}),
    ("05_หนังสือแจ้งเรื่องร้องเรียน.docx", "letter", lambda d: True, "docx", {}),
    ("06_ทะเบียนเรื่องร้องเรียน.csv", "complaint_register", exposed, "csv", {}),
    ("07_ข่าวประชาสัมพันธ์.html", "news", lambda d: not exposed(d), "html", {}),
    ("08_ประกาศรายชื่อ_สแกน.pdf", "allowance_list", lambda d: exposed(d) and arabic_digits(d), "scan_pdf", {"dpi": 200}),
]


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for n, (name, doc_type, want, fmt, options) in enumerate(SAMPLES):
        # the scanned sample stays one page: OCR takes seconds per page
        size = "short" if fmt == "scan_pdf" else "normal"
        doc = _find(doc_type, want, start=100 * (n + 1), size=size)
        (out / name).write_bytes(render(doc, fmt, **options))
        print(f"wrote {out / name}")
    # bad input gets a clear error and the scan goes on
    (out / "09_ไฟล์เสีย.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R\n%%truncated")
    print(f"wrote {out / '09_ไฟล์เสีย.pdf'}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "seeds/samples"))
