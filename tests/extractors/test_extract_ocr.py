"""OCR of image files, numbers wrapped in scanned table cells, and the Thai normalisation of OCR output."""

from __future__ import annotations

import io
import re

import pytest
from extract_fixtures import PLANTED as P
from extract_fixtures import allowance_doc, contains_number, thai_id

from detectors import scan_document
from detectors.text import fingerprint
from eagle_eye.errors import ExtractionError
from extractors import Limits, extract
from extractors import ocr
from extractors.ocr import normalize_thai, page_text
from synth.model import Block, SynthDoc
from synth.render import render

SAMPLES = [
    "ทํางาน",  # OCR's nikhahit + sara aa for sara am
    "ตําบลหนองบัว",
    "เเปลก",  # two sara e for sara ae
    "ก่่า  ข",  # a repeated tone mark, double space
    "นานาาา",
    "ผู้ ่ใหญ่",  # a dangling tone mark after a space
    "สวัสดี\u200bครับ",
    "บรรทัด 1  \n\n  บรรทัด 2",
    "ID 1101700123456 โทร 0812345678",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_when_ocr_text_is_normalised_then_it_matches_pythainlp_normalize(text, monkeypatch):
    monkeypatch.setenv("PYTHAINLP_READ_ONLY", "1")
    monkeypatch.setenv("PYTHAINLP_OFFLINE", "1")
    from pythainlp.util import normalize

    assert normalize_thai(text) == normalize(text)


def test_when_ocr_writes_nikhahit_sara_aa_then_sara_am_comes_back():
    assert normalize_thai("องค์การบริหารส่วนตําบล") == "องค์การบริหารส่วนตำบล"


def test_when_image_and_ocr_disabled_then_no_pages_and_a_warning():
    result = extract(render(allowance_doc(), "png", dpi=100), limits=Limits(ocr_enabled=False))
    assert result.media_type == "image/png"
    assert result.pages == [] and result.warnings == ["image not read: OCR is disabled"]


def test_when_image_and_tesseract_missing_then_a_clear_error(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(ExtractionError) as caught:
        extract(render(allowance_doc(), "png", dpi=100))
    assert "Tesseract OCR is not installed" in str(caught.value)


def test_when_image_is_not_decodable_then_unreadable():
    data = render(allowance_doc(), "png", dpi=72)
    with pytest.raises(ExtractionError) as caught:
        extract(data[:200])
    assert caught.value.reason == "unreadable"


@pytest.mark.ocr
def test_when_multi_page_tiff_then_each_frame_is_ocrd_as_a_numbered_page():
    from PIL import Image

    doc = allowance_doc()
    first = Image.open(io.BytesIO(render(doc, "png", dpi=200)))
    blank = Image.new("L", (400, 200), 255)
    buf = io.BytesIO()
    first.save(buf, "TIFF", save_all=True, append_images=[blank], dpi=(200, 200))
    result = extract(buf.getvalue(), filename="scan.tif")
    assert [(p.number, p.method, p.ocr) for p in result.pages] == [(1, "ocr", True), (2, "ocr", True)]
    for number in (P.id_a, P.id_c, P.landline):
        assert contains_number(result.pages[0].text, number), number
    assert "องค์การบริหารส่วนตำบลหนองบัว" in result.pages[0].text  # Thai names are less sure


# --- numbers wrapped inside a table cell ----------------------------------------------------------
# Tesseract reads a scanned table line by line across all columns: an ID that wraps in its cell
# ("1101700123" / "456") comes out with other cells between its halves. The word boxes put it back.

_ADDRESS = "บ้านเลขที่ 12 หมู่ที่ 3 ตำบลหนองบัว อำเภอเมือง จังหวัดนครราชสีมา"
_OTHER_ID = thai_id("310170012345")


def _wrapping_list() -> SynthDoc:
    """Two tables: a narrow ID column (the long address squeezes it: each ID wraps after 10
    digits) and a wide one (one full ID per row, two rows one under the other)."""
    return SynthDoc(
        doc_id="test-wrapped-ids",
        doc_type="allowance_list",
        title="บัญชีรายชื่อผู้มีสิทธิรับเงินเบี้ยยังชีพผู้สูงอายุ",
        blocks=[
            Block("paragraph", text="รายชื่อพร้อมเลขประจำตัวประชาชนของผู้มีสิทธิ ดังนี้"),
            Block("table", header=["ที่", "ชื่อ-สกุล", "เลขบัตร", "ที่อยู่", "หมายเหตุ"],
                  rows=[["1", P.name_a, P.id_a, _ADDRESS, "รับเงินสด"],
                        ["2", P.name_b, P.id_b, _ADDRESS, "โอนเข้าบัญชี"]]),
            Block("table", header=["ที่", "ชื่อ-สกุล", "เลขประจำตัวประชาชน"],
                  rows=[["1", P.name_a, P.id_c], ["2", P.name_b, _OTHER_ID]]),
        ],
        labels=[],
        sensitive=None,
    )


@pytest.fixture(scope="module", params=["cells", "boxes"])
def wrapped_scan(request):
    """The list as a scanned PDF, read back: (page text, national IDs found by their fingerprints).
    "cells": as the product reads it, the ruled ID cells read one by one (extractors.ocr_cells);
    "boxes": without that pass, as an unruled table is read, the pieces put back from the word
    boxes (extractors.ocr_layout)."""
    with pytest.MonkeyPatch.context() as patch:
        if request.param == "boxes":
            patch.setattr(ocr, "_SHEET_PASSES", [p for p in ocr._SHEET_PASSES if p[1] is ocr.reread_numbers])
        result = extract(render(_wrapping_list(), "scan_pdf", dpi=200), filename="list.pdf")
    (page,) = result.pages
    found = {d.fingerprint for d in scan_document(result.pages, key=b"k").detections if d.kind == "national_id"}
    return request.param, page.text, found


@pytest.mark.ocr
def test_when_scanned_id_column_wraps_then_the_id_comes_back_whole(wrapped_scan):
    how, text, found = wrapped_scan
    for number in (P.id_a, P.id_b):
        joined = re.search(r"(?<!\d)" + "\n?".join(number) + r"(?!\d)", text)
        assert joined, f"{number[-4:]} not joined:\n{text}"
        # precondition of "boxes": the ID column still wraps in the rendered scan; "cells" reads
        # the cell's lines as one number
        assert ("\n" in joined.group()) is (how == "boxes"), joined.group()
        assert fingerprint(b"k", number) in found


@pytest.mark.ocr
def test_when_two_rows_have_full_ids_in_one_column_then_they_stay_apart(wrapped_scan):
    _, text, found = wrapped_scan
    for number in (P.id_c, _OTHER_ID):
        assert re.search(rf"(?<!\d){number}(?!\d)", text), text
        assert fingerprint(b"k", number) in found
    assert not re.search(P.id_c + r"\s*" + _OTHER_ID, text)


def _tesseract(lines: list[list[tuple[str, int]]]) -> str:
    """What ``tesseract ... txt tsv`` writes for these lines of (word, left edge) on a 200 dpi
    page: TSV rows (digits 18 px wide, 24 px high, lines 53 px apart), then the text."""
    rows = ["level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"]
    for n, line in enumerate(lines, start=1):
        for k, (word, left) in enumerate(line, start=1):
            rows.append(f"5\t1\t1\t1\t{n}\t{k}\t{left}\t{100 + 53 * n}\t{18 * len(word)}\t24\t95.0\t{word}")
    text = "\n".join(" ".join(word for word, _ in line) for line in lines)
    return "\n".join(rows) + "\n" + text + "\n"


def _read(lines: list[list[tuple[str, int]]]) -> str:
    return normalize_thai(page_text(_tesseract(lines)))


def test_when_lower_line_starts_a_new_row_then_numbers_in_one_column_are_not_glued():
    # Row 1's number is short enough to be the first half of an ID, but row 2 starts under it.
    rows = [[("1", 100), ("นายก", 200), ("1234567", 400)], [("2", 100), ("นายข", 200), ("890123", 400)]]
    assert _read(rows) == "1 นายก 1234567\n2 นายข 890123"
    # The same line with nothing in the row-number column continues the cell above.
    rows[1] = [("ใจดี", 200), ("890123", 400)]
    assert _read(rows) == "1 นายก 1234567\n890123\nใจดี"


def test_when_word_boxes_are_missing_or_do_not_match_the_text_then_tesseracts_text_is_kept():
    assert page_text("1 นายก 1234567\n890123 ใจดี\n") == "1 นายก 1234567\n890123 ใจดี\n"
    boxes = _tesseract([[("1", 100), ("1234567", 400)], [("ใจดี", 200), ("890123", 400)]])
    mismatched = boxes.replace("ใจดี 890123", "ใจดี 890124")  # the text no longer matches the boxes
    assert page_text(mismatched) == "1 1234567\nใจดี 890124\n"


import pytest as _pytest  # noqa: E402


@_pytest.mark.parametrize(
    ("ocr_text", "expected"),
    [
        # "x" masks read as Thai zero inside an Arabic-digit ID
        ("นางพิมพ์ใจ 1๐๐๐๐๐๐๐๐2249 | 64", "นางพิมพ์ใจ 1XXXXXXXX2249 | 64"),
        # "*" masks read as quotes and underscores
        ('นางอัสราพร 3-121*-"****_ 159', "นางอัสราพร 3-121*-X****X 159"),
        # a real Thai-digit date is not a mask: no Arabic digits in the token
        ("วันที่ ๒๐ มกราคม ๒๕๖๗", "วันที่ ๒๐ มกราคม ๒๕๖๗"),
        # a run of X glued to the digits read as a percent sign
        ("นางธัญภัส 25619 5224% |", "นางธัญภัส 25619 5224X |"),
        # a percent sign standing apart is a misread "x" in a size, left alone
        ("ขนาด 80 % 120 ซม.", "ขนาด 80 % 120 ซม."),
        # a quote after a year is punctuation, not a mask: too few digits around it
        ('ปี 67" ราคา', 'ปี 67" ราคา'),
    ],
)
def test_when_ocr_misreads_masks_then_they_are_put_back(ocr_text, expected):
    from extractors.ocr import repair_masks

    assert repair_masks(ocr_text) == expected
    assert len(repair_masks(ocr_text)) == len(ocr_text)
