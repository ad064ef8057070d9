"""PDF text extraction speed and ID recall, side by side, on one generated Thai allowance list.

    python benchmarks/pdf_speed.py [--pages N] [--ocr-pages K] [--narrow]

Generates an N-page text PDF (reportlab, embedded Thai font, tables of names, national IDs and
phones) and a K-page scan (200 dpi image-only PDF), then times:

  * pypdfium2            the product's fast path (target: >= 500 pages/s)
  * pdfminer.six raw     stream order, laparams=None: the fallback and cross-check
  * pdfminer.six layout  default layout analysis, for comparison only
  * Tesseract OCR        the scan, tha+eng, psm 4 (seconds per page)

"IDs intact" is the share of planted IDs that come back whole: digits contiguous or separated
only by whitespace/newlines (an ID wrapped in a narrow cell counts as intact).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractors.base import Limits  # noqa: E402
from extractors.pdf import extract_pdf  # noqa: E402
from synth.model import Block, SynthDoc  # noqa: E402
from synth.render import render  # noqa: E402

FIRST = ["สมศรี", "บุญมี", "กาญจนา", "ประเสริฐ", "สมชาย", "วันเพ็ญ", "ทองใบ", "สุนีย์", "จำเนียร", "เพ็ญศรี"]
LAST = ["ใจดี", "ศรีสุข", "พึ่งบุญ", "แก้วมณี", "ทองคำ", "สุขสวัสดิ์", "บุญเรือง", "ศรีวงศ์", "จันทร์หอม", "มีสุข"]
ROWS_PER_TABLE = 19  # about one A4 page of the text PDF
SCAN_ROWS_PER_PAGE = 21  # rows of the 200-dpi scan that fit on one page


def thai_id(rng: random.Random) -> str:
    first12 = str(rng.randint(1, 8)) + "".join(str(rng.randint(0, 9)) for _ in range(11))
    total = sum(int(d) * (13 - i) for i, d in enumerate(first12))
    return first12 + str((11 - total % 11) % 10)


def allowance_doc(rows: int, seed: int = 7) -> tuple[SynthDoc, list[str]]:
    rng = random.Random(seed)
    ids: list[str] = []
    blocks: list[Block] = []
    header = ["ลำดับ", "ชื่อ-สกุล", "เลขประจำตัวประชาชน", "ที่อยู่", "เบอร์โทรศัพท์", "จำนวนเงิน"]
    for start in range(0, rows, ROWS_PER_TABLE):
        table = []
        for n in range(start, min(rows, start + ROWS_PER_TABLE)):
            pid = thai_id(rng)
            ids.append(pid)
            name = f"{rng.choice(['นาย', 'นาง', 'นางสาว'])}{rng.choice(FIRST)} {rng.choice(LAST)}"
            phone = "0" + rng.choice("689") + "".join(str(rng.randint(0, 9)) for _ in range(8))
            table.append([str(n + 1), name, pid, f"{rng.randint(1, 199)} หมู่ {rng.randint(1, 15)}", phone, "600"])
        blocks.append(Block("heading", text=f"หมู่บ้านที่ {start // ROWS_PER_TABLE + 1}"))
        blocks.append(Block("table", header=header, rows=table))
    doc = SynthDoc("bench", "allowance_list", "บัญชีรายชื่อผู้มีสิทธิรับเงินเบี้ยยังชีพผู้สูงอายุ องค์การบริหารส่วนตำบลหนองบัว", blocks)
    return doc, ids


def make_scan(pages: int) -> tuple[bytes, list[str]]:
    """A 200-dpi image-only PDF of exactly ``pages`` pages (or fewer), and the IDs on it."""
    import pypdfium2

    rows = pages * SCAN_ROWS_PER_PAGE
    while True:
        doc, ids = allowance_doc(rows, seed=11)
        scan = render(doc, "scan_pdf", dpi=200)
        if len(pypdfium2.PdfDocument(scan)) <= pages or rows <= 1:
            return scan, ids
        rows -= 2


def intact_share(text: str, ids: list[str]) -> float:
    """Share of ``ids`` found whole. Same rule as ``(?<!\\d)1\\s*1\\s*0...(?!\\d)`` per ID, but one
    pass: every chain of digit runs joined only by whitespace, up to 13 digits, is a candidate."""
    runs = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\d+", text)]
    candidates: set[str] = set()
    for i, (_, end, digits) in enumerate(runs):
        joined = digits
        candidates.add(joined)
        for start2, end2, more in runs[i + 1:]:
            if len(joined) >= 13 or text[end:start2].strip():
                break
            joined += more
            end = end2
            candidates.add(joined)
    found = sum(1 for pid in ids if pid in candidates)
    return found / len(ids) if ids else 0.0


def measure(name: str, data: bytes, ids: list[str], engine: str, limits: Limits) -> dict:
    start = time.perf_counter()
    result = extract_pdf(data, limits=limits, engine=engine)
    elapsed = time.perf_counter() - start
    pages = len({p.number for p in result.pages})
    text = "\n".join(p.text for p in result.pages)
    return {"name": name, "pages": pages, "seconds": elapsed, "intact": intact_share(text, ids)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=200, help="pages of the text PDF (default 200)")
    parser.add_argument("--ocr-pages", type=int, default=3, help="pages of the scan to OCR (default 3, 0 = skip)")
    parser.add_argument("--narrow", action="store_true", help="narrow ID column: every ID wraps onto two lines")
    args = parser.parse_args()

    doc, ids = allowance_doc(args.pages * ROWS_PER_TABLE)
    t0 = time.perf_counter()
    pdf = render(doc, "pdf", narrow_id_column=args.narrow)
    print(f"generated a {len(pdf) / 1e6:.1f} MB text PDF with {len(ids)} IDs in {time.perf_counter() - t0:.1f} s",
          flush=True)
    no_ocr = Limits(ocr_enabled=False, max_pages=10**6, timeout_s=3600)
    warm = render(allowance_doc(5)[0], "pdf")
    for engine in ("pdfium", "pdfminer", "pdfminer-layout"):  # imports and first-use set-up untimed
        extract_pdf(warm, limits=no_ocr, engine=engine)
    rows = [
        measure("pypdfium2", pdf, ids, "pdfium", no_ocr),
        measure("pdfminer.six raw order", pdf, ids, "pdfminer", no_ocr),
        measure("pdfminer.six layout", pdf, ids, "pdfminer-layout", no_ocr),
    ]
    if args.ocr_pages > 0:
        scan, scan_ids = make_scan(args.ocr_pages)
        ocr = Limits(ocr_enabled=True, ocr_dpi=200, ocr_max_pages=10**6, max_pages=10**6, timeout_s=3600)
        rows.append(measure("Tesseract OCR (200 dpi)", scan, scan_ids, "pdfium", ocr))

    print()
    print(f"{'extractor':<26}{'pages':>7}{'seconds':>10}{'pages/s':>10}{'ms/page':>10}{'IDs intact':>12}")
    for r in rows:
        rate = r["pages"] / r["seconds"] if r["seconds"] else float("inf")
        per_page = 1000 * r["seconds"] / max(r["pages"], 1)
        print(f"{r['name']:<26}{r['pages']:>7}{r['seconds']:>10.2f}{rate:>10.1f}{per_page:>10.1f}{r['intact']:>11.1%}")
    fast = rows[0]
    rate = fast["pages"] / fast["seconds"]
    verdict = "meets" if rate >= 500 else "MISSES"
    print(f"\nfast path: {rate:.0f} pages/s, {verdict} the 500 pages/s target")


if __name__ == "__main__":
    main()
