"""Laser codes (2 letters + 10 digits, the back of the ID card) that wrap inside a narrow table
cell of a scanned page: the piece that starts with the letters ("KJ4-78303XX-") is the upper
piece of a wrapped number for extractors.ocr_layout, joined only when the chain then holds the
laser code's 10 positions in its groups, so no other number is joined differently."""

from __future__ import annotations

import pytest
from extract_fixtures import tesseract_output

from detectors import scan_document
from extractors import extract
from extractors.base import Page
from extractors.ocr import page_text
from synth.model import Block, SynthDoc
from synth.render import render


def _row(cell: list[tuple[str, int]], below: list[tuple[str, int]],
         third: list[tuple[str, int]] = ()) -> list[list[tuple[str, int]]]:
    # a register's row: its number, a name, the laser code's cell from x=400, the next column at x=750
    return [[("2", 100), ("นายอณิตล์", 200), *cell, ("|", 720), ("278", 750)],
            [("567", 140), ("กาบบัวไข", 200), *below, ("อ.เมือง", 750)],
            [("ต.หน้าถ้ำ", 200), *third, ("จ.ยะลา", 750)]]


def _lasers(text: str) -> list[tuple[str, str]]:
    page = Page(number=1, text=text, method="ocr", ocr=True)
    return [(text[d.start : d.end], d.status.value) for d in scan_document([page], key=b"k").detections
            if d.kind == "laser_code"]


@pytest.mark.parametrize(
    ("cell", "below", "third", "joined", "status"),
    [
        # 1-7-2 wrapped after the second dash, its masked end alone below (read "Xx")
        ([("KJ4-78303XX-", 400)], [("Xx", 400)], [], "KJ4-78303XX-\nXx", "masked"),
        # wrapped before the second dash
        ([("KK3-303XXXX", 400)], [("-XX", 400)], [], "KK3-303XXXX\n-XX", "masked"),
        # unmasked, wrapped inside the seven digits
        ([("FQ6-9218", 400)], [("576-41", 400)], [], "FQ6-9218\n576-41", "unmasked"),
        # a table rule read before the letters
        ([("|TM4-5228", 400)], [("391-03", 400)], [], "TM4-5228\n391-03", "unmasked"),
        # written with spaces, its three groups one to a line (the lower two a wrapped number already)
        ([("YG2", 400)], [("6399119", 400)], [("64", 400)], "YG2\n6399119\n64", "unmasked"),
    ],
)
def test_when_a_laser_code_wraps_in_its_cell_then_its_pieces_are_joined_and_found(cell, below, third, joined,
                                                                                   status):
    text = page_text(tesseract_output(_row(cell, below, third)))
    assert joined in text, text
    assert [s for _, s in _lasers(text)] == [status], text


@pytest.mark.parametrize(
    ("cell", "below", "third"),
    [
        # letters and a number that is no laser code: 6 + 3 positions
        ([("MB081234", 400)], [("567", 400)], []),
        # a phone after letters: ten digits glued to them and starting with 0
        ([("ID0812345", 400)], [("678", 400)], []),
        # too many positions: 8 + 3
        ([("KJ4-78303XX-", 400)], [("XXX", 400)], []),
        # ten positions, but not the laser code's groups (2-5 + 3)
        ([("KJ48-78303", 400)], [("-XXX", 400)], []),
        # three letters: no laser code's head
        ([("TEL4-78303XX-", 400)], [("XX", 400)], []),
        # the lower piece not under the letters
        ([("KJ4-78303XX-", 400)], [("XX", 560)], []),
        # a wrapped landline under a head: not the laser code's 7 and 2, it stays the landline
        ([("AB1", 400)], [("02123", 400)], [("4567", 400)]),
        # 7 and 2 under a head, but ten digits glued to letters from 0: a number joined as it was
        ([("AB0", 400)], [("2345678", 400)], [("90", 400)]),
    ],
)
def test_when_letters_and_a_number_are_no_wrapped_laser_code_then_the_head_stays_apart(cell, below, third):
    lines = _row(cell, below, third)
    text = page_text(tesseract_output(lines))
    assert text.startswith(" ".join(w for w, _ in lines[0]) + "\n"), text  # nothing joined after the head
    assert not _lasers(text), text


def test_when_a_laser_code_starts_a_lower_piece_then_it_is_not_joined_to_the_number_above():
    # a laser code's head is only ever an upper piece: a phone's start above it stays apart
    lines = [[("2", 100), ("นายอณิตล์", 200), ("081-234-", 400), ("|", 720), ("278", 750)],
             [("567", 140), ("กาบบัวไข", 200), ("KJ4-78303XX-XX", 400), ("อ.เมือง", 750)]]
    assert page_text(tesseract_output(lines)) == "\n".join(" ".join(w for w, _ in line) for line in lines) + "\n"


# --- a rendered page ----------------------------------------------------------------------------


@pytest.mark.ocr
def test_when_a_scanned_registers_laser_codes_wrap_in_a_narrow_column_then_they_are_found():
    # The laser code's column wraps "KK3-303XXXX-" / "XX" and "FQ6-9218576-4" / "1": Tesseract
    # reads the pieces on different text lines, with the address and phone cells between them.
    header = ["ที่", "วัน เดือน ปี", "ชื่อ - สกุล ผู้ร้อง", "เลขหลังบัตรประชาชน", "ที่อยู่", "โทรศัพท์", "ช่องทาง",
              "เรื่องร้องเรียน", "ผลการดำเนินการ"]
    rows = [
        ["1", "1/5/67", "นายอณิตล์ กาบบัวไข", "KJ4-78303XX-XX", "278 ม.8 ต.หน้าถ้ำ อ.เมืองยะลา", "080-483-XXXX",
         "Facebook", "ขอให้ตัดกิ่งไม้ที่กีดขวางสายไฟ", "ส่งเรื่องให้กองช่างดำเนินการ"],
        ["2", "9/5/67", "นายอรรถวุธ หงษ์วิไล", "KK3-303XXXX-XX", "383/6 ม.3 ต.หน้าถ้ำ อ.เมืองยะลา", "064-944-XXXX",
         "ศูนย์ดำรงธรรม", "ท่อระบายน้ำอุดตัน", "อยู่ระหว่างดำเนินการ"],
        ["3", "14/3/67", "นางสาวศุภดา กาซอ", "FQ6-9218576-41", "28 ม.2 ต.ชมพู อ.เมืองลำปาง", "0542065880",
         "Facebook", "ท่อระบายน้ำอุดตัน", "แจ้งหน่วยงานที่เกี่ยวข้อง"],
    ]
    doc = SynthDoc(doc_id="test-laser", doc_type="complaint_register",
                   title="ทะเบียนรับเรื่องร้องเรียน/ร้องทุกข์ ประจำปีงบประมาณ พ.ศ. 2567 เทศบาลเมืองยะลา",
                   blocks=[Block("table", header=header, rows=rows)], labels=[], sensitive=None)
    result = extract(render(doc, "scan_pdf", dpi=200), filename="register.pdf")
    text = "\n".join(page.text for page in result.pages)
    found = {"".join(c for c in page.text[d.start : d.end] if c.isalnum()).upper()
             for page in result.pages for d in scan_document([page], key=b"k").detections
             if d.kind == "laser_code"}
    # (OCR reads row 1's "KJ4" as "|4" on this page: no laser code's letters left)
    for written in ("KK3-303XXXX-XX", "FQ6-9218576-41"):
        assert written.replace("-", "") in found, text
