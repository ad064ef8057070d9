"""The masked end of an ID written 1-4-5-2-1 with dashes that OCR made junk of, put back by the
layout (extractors.ocr_groups): the first group read as "%" before the number, the last ones
alone on the cell's last line read as "-%" or "%«๐%"."""

from __future__ import annotations

import pytest
from extract_fixtures import tesseract_output

from detectors import scan_document
from extractors import extract
from extractors.ocr import page_text
from extractors.ocr_masks import repair_masks
from synth import ids
from synth.model import Block, SynthDoc
from synth.render import render


def _row(cell: list[tuple[str, int]], below: list[tuple[str, int]]) -> list[list[tuple[str, int]]]:
    # a list's row: its number, a name, the ID's cell from x=400, the next column at x=750
    return [[("1", 100), ("นายสมชาย", 200), *cell, ("โฉนด", 750)], [("ใจดี", 200), *below, ("2501", 750)]]


def _text(lines: list[list[tuple[str, int]]]) -> str:
    return "\n".join(" ".join(w for w, _ in line) for line in lines) + "\n"


@pytest.mark.parametrize(
    ("cell", "below", "joined"),
    [
        # "X-" read as "%" before the number, the rest wrapped below: the first group
        ([("%", 400), ("XXX7-469", 430)], [("10-41-5", 400)], "X-XXX7-469\n10-41-5"),
        # "-X" alone on the cell's last line read as "-%": the last group
        ([("2-7508-8009X-XX", 400)], [("-%", 400)], "2-7508-8009X-XX\n-X"),
        # "xx-x" read as three junk words, glued: the last two groups, in the number's "x"
        ([("6-960x-xxxxx-", 400)], [("|%«", 400), ("๐", 436), ("%", 454)], "6-960x-xxxxx-\nxx-x"),
    ],
)
def test_when_a_masked_ids_end_is_junk_where_the_layout_misses_it_then_it_is_put_back(cell, below, joined):
    text = page_text(tesseract_output(_row(cell, below)))
    assert joined in text, text


@pytest.mark.parametrize(
    ("cell", "below"),
    [
        # a digit in the junk: a misreading of something else, never replaced
        ([("2-7508-8009X-XX", 400)], [("-%3", 400)]),
        # no mask in the number: an unmasked one would lose a digit
        ([("2-7508-80091-23", 400)], [("-%", 400)]),
        # groups that are not the ID layout (a masked phone's 3-3-4)
        ([("081-XXX-", 400)], [("%%", 400)]),
        # the junk is not under the number
        ([("2-7508-8009X-XX", 400)], [("-%", 560)]),
        # the junk shares its cell with other text ("% ซม.", a size)
        ([("2-7508-8009X-XX", 400)], [("-%", 400), ("ซม.", 445)]),
        # other text of the cell before the "%": it does not start the number's cell
        ([("ราคา", 300), ("%", 380), ("XXX7-469", 410)], [("10-41-5", 410)]),
    ],
)
def test_when_the_junk_or_the_number_does_not_fit_the_layout_then_the_text_is_left(cell, below):
    lines = _row(cell, below)
    text = page_text(tesseract_output(lines))
    assert "-X\n" not in text and "X-XXX7" not in text and "-XX\n" not in text, text


def test_when_nothing_is_junk_then_the_lines_are_as_tesseract_read_them():
    lines = _row([("2-7508-8009X-XX", 400)], [("5", 600)])
    assert page_text(tesseract_output(lines)) == _text(lines)


# --- a rendered page ----------------------------------------------------------------------------


@pytest.mark.ocr
def test_when_a_scanned_ids_last_mask_wraps_alone_and_is_read_as_junk_then_the_id_is_found():
    # The ID column wraps "2-7508-8009X-XX-X" after "XX": Tesseract reads the "-X" left alone on
    # the cell's last line as "-%", and the number above is one position short of an ID.
    header = ["ลำดับ", "ชื่อ - สกุล", "เลขบัตรประจำตัวประชาชน", "วัน/เดือน/ปีเกิด", "อายุ (ปี)", "บ้านเลขที่", "หมู่ที่",
              "เบอร์โทร", "จำนวนเงิน (บาท)", "หมายเหตุ"]
    rows = [
        ["1", "นายศักรินทร์ วงษ์เสนา", "2-7508-8009X-XX-X", "5 พ.ย. 2501", "66", "162", "8", "081378XXXX", "1,000",
         "โอนเข้าบัญชี ธนาคารไทยพาณิชย์ 843-7-72095-3"],
        ["2", "นางสาวสงกรานต์ ส่องแสง", "1 7 1 0 9 7 0 7 9 X X X X", "19 ก.พ. 01", "66", "247", "8", "08065XXXXX", "700", ""],
        ["3", "นายบุญจิณณ์ สูงปานเขา", "786058678XXXX", "24/10/99", "68", "238/1", "5", "063034XXXX", "700", ""],
        ["4", "นายสุวสันต์ กิจไพบูลย์ชัย", "133033109XXXX", "12 ก.ย. 2484", "83", "222", "9", "09365XXXXX", "700", ""],
        ["5", "นายศักดิพัฒน์ สวัสดิ์พูน", "5-5410-953XX-XX-X", "14/10/2489", "78", "114", "7", "09184XXXXX", "1,000", ""],
    ]
    doc = SynthDoc(doc_id="test-groups", doc_type="allowance_list",
                   title="ประกาศองค์การบริหารส่วนตำบลวารินชำราบ เรื่อง บัญชีรายชื่อผู้ลงทะเบียนขอรับเงินเบี้ยยังชีพผู้สูงอายุ "
                         "ประจำปีงบประมาณ พ.ศ. 2567",
                   blocks=[Block("table", header=header, rows=rows)], labels=[], sensitive=None)
    result = extract(render(doc, "scan_pdf", dpi=200), filename="list.pdf")
    text = "\n".join(page.text for page in result.pages)
    found = {ids.canonical("national_id", page.text[d.start : d.end]): d.status.value
             for page in result.pages for d in scan_document([page], key=b"k").detections if d.kind == "national_id"}
    for written in ("2-7508-8009X-XX-X", "5-5410-953XX-XX-X"):
        assert found.get(ids.canonical("national_id", written)) == "masked", text


# --- a spaced ID's lone last mask, read as "%" beside its wrapped last piece (extractors.ocr_layout)


def _spaced_rows(upper: list[tuple[str, int]], last: list[tuple[str, int]]) -> list[list[tuple[str, int]]]:
    # an ID written with spaces wrapped over the lines of its cell (x=400); the next column at x=750
    return [[("3", 100), ("นายวีรากร", 200), *upper, ("โฉนด", 750)],
            [("ฮัจยีดาโอะ", 200), ("70643", 400), ("เลขที่ดิน", 750)],
            [*last, ("หน้าสำรวจ", 750)]]


@pytest.mark.parametrize(
    ("upper", "last", "joined"),
    [
        # "3 1711 70643 69 X" over three lines: the "%" follows the last piece in its cell, goes
        # up with it, and is read as the mask it is
        ([("3", 400), ("1711", 436)], [("69", 400), ("%", 454)], "3 1711 70643 69 X"),
        # after masks, the lone "%" takes their mask character ("216xx xx x")
        ([("2", 400), ("1711", 436)], [("xx", 400), ("%", 454)], "2 1711 70643 xx x"),
    ],
)
def test_when_a_spaced_ids_last_mask_is_misread_beside_its_wrapped_piece_then_it_joins_the_id(upper, last, joined):
    text = repair_masks(page_text(tesseract_output(_spaced_rows(upper, last))))
    assert joined in text, text
    assert "%" not in text and "\nX" not in text, text


@pytest.mark.parametrize(
    "last",
    [
        # the "%" is not in the piece's cell (a column further on): it stays where it is
        [("69", 400), ("%", 600)],
        # a "%" with a digit is a misreading of something else: left
        [("69", 400), ("%5", 454)],
    ],
)
def test_when_what_follows_the_wrapped_piece_is_not_a_lone_mask_then_it_stays(last):
    text = page_text(tesseract_output(_spaced_rows([("3", 400), ("1711", 436)], last)))
    assert "3 1711 70643 69 " in text and "69 %" not in text, text
