"""Masked IDs on scanned pages: the second OCR pass over mangled masks (extractors.ocr_reread),
the ID column's wrapped header label (extractors.ocr_labels), and the fallback when the second
pass fails."""

from __future__ import annotations

import pytest
from extract_fixtures import tesseract_output, thai_id

import extractors.ocr as ocr
from detectors import scan_document
from extractors import Limits, extract
from extractors.ocr import OcrError, normalize_thai, ocr_image, page_text
from extractors.ocr_reread import _accept
from synth import ids
from synth.model import Block, SynthDoc
from synth.render import render

_ADDRESS = "ม.4 ต.ขามใหญ่ อ.เมืองอุบลราชธานี"


def _masked(first12: str) -> str:
    return ids.mask_written(thai_id(first12), hidden=4, where="back", char="×")


#: A portrait list of seven columns: the ID column is squeezed, so its header wraps
#: ("เลขประจำตั" / "วประชาชน") and each ID wraps after 10 characters, with its "×" masks, which
#: the first pass reads as "%" (and the wrapped IDs need the label to be trusted).
_ROWS = [
    ["1", "นางวรรณวิไล งามเสงี่ยม", _masked("385061024117"), "20/10/2479", "88", "17 " + _ADDRESS, "โอนเข้าบัญชี ธนาคารออมสิน"],
    ["2", "นายจารุวัตร ธานะราช", _masked("173072031245"), "7 ธ.ค. 07", "60", "68 " + _ADDRESS, ""],
    ["3", "นายวันรบ นิลไชย", _masked("343168924552"), "07/03/2499", "68", "272 " + _ADDRESS, "เสียชีวิต ระงับสิทธิ"],
    ["4", "นายโสภณวิชญ์ กล้าแท้", _masked("771042890376"), "12 พ.ค. 76", "91", "147 " + _ADDRESS, ""],
    ["5", "นายมะแอ คงฉาง", _masked("758047436221"), "21/7/80", "87", "289 " + _ADDRESS, "รับเงินสด"],
]
_HEADER = ["ลำดับ", "ชื่อ - นามสกุล", "เลขประจำตัวประชาชน", "วัน/เดือน/ปีเกิด", "อายุ (ปี)", "ที่อยู่", "หมายเหตุ"]


@pytest.fixture(scope="module")
def masked_scan():
    doc = SynthDoc(doc_id="test-masked-ids", doc_type="allowance_list",
                   title="รายชื่อผู้สูงอายุที่มีสิทธิรับเงินเบี้ยยังชีพผู้สูงอายุ",
                   blocks=[Block("table", header=_HEADER, rows=_ROWS)], labels=[], sensitive=None)
    result = extract(render(doc, "scan_pdf", dpi=200), filename="list.pdf")
    (page,) = result.pages
    found = {ids.canonical("national_id", page.text[d.start : d.end]): d.status.value
             for d in scan_document(result.pages, key=b"k").detections if d.kind == "national_id"}
    return result, found


@pytest.mark.ocr
def test_when_scanned_ids_are_masked_with_x_signs_in_a_narrow_column_then_each_is_found_masked(masked_scan):
    result, found = masked_scan
    expected = {ids.canonical("national_id", row[2]): "masked" for row in _ROWS}
    assert found == expected  # all five, and nothing else
    assert result.warnings == []


# --- the re-reading's rules: what may replace the first pass's word -------------------------------


@pytest.mark.parametrize(
    ("first_pass", "reading", "kept"),
    [
        # junk for masks comes back as masks
        ("%>000<9000", "X-XXXX-XXXX", "X-XXXX-XXXX"),
        ("@6%%%%", "6xxxx", "6xxxx"),
        ("Axxxx", "4xxxx", "4xxxx"),
        # a dash at the end tells the detectors where the number wrapped: it stays
        ("2-660X-XXXX_-", "2-660X-XXXXX", "2-660X-XXXXX-"),
        # masks the first pass read as digits
        ("2909009009068", "XXXXXXXXX8", "XXXXXXXXX8"),
        # a mask it dropped, the digits the same
        ("150103146***", "150103146****", "150103146****"),
        # a digit where the first pass had junk, after the digits it read
        ("4120%-", "41203XXX", "41203XXX-"),
    ],
)
def test_when_the_second_reading_only_puts_masks_back_then_it_replaces_the_first(first_pass, reading, kept):
    assert _accept(first_pass, reading) == kept


@pytest.mark.parametrize(
    ("first_pass", "reading"),
    [
        ("7541482065", "1541482065"),  # digits for digits: the first pass's call
        ("5-23-0", "9-23-0"),
        ("771042890%", "171042890x"),  # a table rule read as a 1, or another number
        ("771042890%", "7171042890x"),  # a digit added among those read before the junk, not for it
        ("385061024%", "385061024"),  # the mask lost: repair_masks does better with "%"
        ("0-4520-%", "0-4520"),  # too short: glyphs dropped
        ("%%%", "XX"),
        ("4-550x-xxxxx", "4-550x-xXXXXX"),  # a mask more breaks the ID's 1-4-5 groups
    ],
)
def test_when_the_second_reading_changes_digits_or_loses_glyphs_then_the_first_is_kept(first_pass, reading):
    assert _accept(first_pass, reading) is None


# --- a failed second pass -----------------------------------------------------------------------

_FIRST_PASS_TEXT = "นางสมศรี ใจดี 1-1017-001%"


def _first_pass_output() -> str:
    words = [("นางสมศรี", 100), ("ใจดี", 300), ("1-1017-001%", 500)]
    rows = ["level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"]
    rows += [f"5\t1\t1\t1\t1\t{k}\t{left}\t100\t{18 * len(word)}\t24\t90.0\t{word}"
             for k, (word, left) in enumerate(words, start=1)]
    return "\n".join(rows) + "\n" + _FIRST_PASS_TEXT + "\n"


@pytest.mark.parametrize(
    ("failure", "said"),
    [
        (OcrError("OCR took longer than 3 s", timeout=True), "OCR took longer than 3 s"),
        (OcrError("Tesseract has no data for language 'eng'", missing=True), "no data for language 'eng'"),
        (RuntimeError("1-1017-001"), "an internal error (RuntimeError)"),
    ],
)
def test_when_the_second_pass_fails_then_the_first_reading_is_kept_with_a_warning(monkeypatch, failure, said):
    from PIL import Image

    calls = []

    def fake_tesseract(png, languages, args, *, timeout):  # noqa: ARG001
        calls.append(languages)
        if len(calls) == 1:
            return _first_pass_output()
        raise failure

    monkeypatch.setattr(ocr, "_tesseract", fake_tesseract)
    warnings: list[str] = []
    text = ocr_image(Image.new("L", (1400, 400), 255), Limits(), timeout=10, dpi=200, warnings=warnings)
    assert calls == ["tha+eng", "eng"]
    assert text == "นางสมศรี ใจดี 1-1017-001X"  # the first pass, its "%" repaired as before
    (warning,) = warnings
    assert said in warning and "first reading is kept" in warning
    assert not any(c.isdigit() for c in warning.replace(said, ""))  # nothing of the page's text


# --- the ID column's label, wrapped in its header cell ------------------------------------------


@pytest.mark.parametrize(
    ("pieces", "header"),
    [
        (["เลขประจำ", "ตัวประชาช", "น"], "ที่ ชื่อ เลขประจำตัวประชาชน อายุ"),
        (["เลขประจำตั", "วประชาชน"], "ที่ ชื่อ เลขประจำตัวประชาชน อายุ"),
        (["เลขบัตร", "ประชาชน"], "ที่ ชื่อ เลขบัตรประชาชน อายุ"),
        # OCR's nikhahit + sara aa is sara am to the labels
        (["เลขประจํา", "ตัวประชาชน"], "ที่ ชื่อ เลขประจำตัวประชาชน อายุ"),
    ],
)
def test_when_the_id_columns_label_wraps_in_its_header_cell_then_it_is_joined(pieces, header):
    lines = [[("ที่", 100), ("ชื่อ", 200), (pieces[0], 400), ("อายุ", 700)]]
    lines += [[(piece, 400)] for piece in pieces[1:]]
    lines.append([("1", 100), ("นายก", 200), ("1234", 400)])
    assert normalize_thai(page_text(tesseract_output(lines))) == header + "\n1 นายก 1234"


@pytest.mark.parametrize(
    "lines",
    [
        # not a label once joined
        [[("เลขประจำ", 400), ("อายุ", 700)], [("ผู้ป่วย", 400)]],
        # the lower piece does not start under the upper one
        [[("เลขประจำ", 400), ("อายุ", 700)], [("ตัวประชาชน", 520)]],
        # already whole
        [[("เลขประจำตัวประชาชน", 400)], [("ประชาชน", 400)]],
    ],
)
def test_when_header_pieces_do_not_make_a_label_then_they_are_left_alone(lines):
    text = "\n".join(" ".join(word for word, _ in line) for line in lines) + "\n"
    assert page_text(tesseract_output(lines)) == text
