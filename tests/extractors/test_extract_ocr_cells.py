"""Numbers read a ruled table cell at a time (extractors.ocr_cells): which cells are read, how the
rules are found on a page (crooked ones too), which readings replace the first pass's, and a
scanned allowance list whose wrapped, masked numbers only the cell reading gets whole."""

from __future__ import annotations

import pytest
from extract_fixtures import thai_id

from detectors import scan_document
from extractors import extract
from extractors.ocr_boxes import Word
from extractors.ocr_cells import Cell, _cells, _enclosing, _laser_like, _opened, _worth_reading, accept, accept_laser
from synth import ids
from synth.model import Block, SynthDoc
from synth.render import render

_ID = thai_id("352012281815")  # 3520122818153
_DASHED = f"{_ID[0]}-{_ID[1:5]}-{_ID[5:10]}-{_ID[10:12]}-{_ID[12]}"


@pytest.mark.parametrize(
    ("core", "reading", "expected"),
    [
        # masks the Thai model made junk of, and the masked end wrapped below: one number again
        ("3-421%>90000« -XX-X", "3-421X-XXXXX-XX-X", "3-421X-XXXXX-XX-X"),
        ("064-20« -XXXX", "064-2XX-XXXX", "064-2XX-XXXX"),
        # a "#" the first pass read as a 9: the digit goes, a mask comes
        ("#9#1246733 802", "###1246733802", "###1246733802"),
        # a spread number's lines are spaced, not glued
        ("XXXXXXX %%9336", "X X X X X X X X X 9 3 3 6", "X X X X X X X X X 9 3 3 6"),
        # a dash at either end is a wrap's, not the number's
        ("0-733%-  XXXX", "-0-733X-XXXX-", "0-733X-XXXX"),
    ],
)
def test_when_the_cell_reads_as_one_whole_number_then_it_replaces_the_first_pass(core, reading, expected):
    assert accept(core, reading) == expected


@pytest.mark.parametrize(
    ("core", "reading"),
    [
        # a digit read as another (7 as 1): never digits the first pass did not see
        ("X-XXXX-XXXX 7-49-3", "X-XXXX-XXXX1-49-3"),
        # "##" read as "#": fewer positions than the first pass counted
        ("08-1177 -55##", "08-1177-55#"),
        # a line cut inside a group, read as a dash: no ID is written 1-4-2-3-2-1
        ("7-6320-49 789-67-1", "7-6320-49-789-67-1"),
        # a whole, valid ID: a mask in place of one of its digits is the misreading
        (f"{_DASHED[:14]} {_DASHED[14:]}", _DASHED[:13] + "*" + _DASHED[14:]),
        # nothing new: the same characters, only the line break gone
        ("0812345678", "0812345678"),
        # ten positions, but not from 0: an ID whose wrapped, masked end the model dropped, and
        # a +66 phone that lost a digit
        ("2-2305-156 เว ม", "2-2305-156*"),
        ("66652729 7XX", "66652729XX"),
        # eleven positions: neither an ID nor a phone
        ("12345678 901", "12345678901"),
        # nothing read, or a character the whitelist does not allow
        ("XX-XXX %-7378", ""),
        ("XX-XXX %-7378", "XX-XXXX-7378?"),
    ],
)
def test_when_the_cell_reading_is_not_plainly_better_then_the_first_pass_stays(core, reading):
    assert accept(core, reading) is None


@pytest.mark.parametrize(
    ("core", "worth"),
    [
        ("3-421%>90000« -XX-X", True),  # junk masks and digits: a masked number
        ("XX-XXX %-7378", True),
        ("087 824\nHHH", True),  # "H" is the Thai model's "#"
        ("15/02/2493", False),  # a date
        ("13,887.29", False),  # money
        ("๐๘๑ ๒๓๔ ๕๖๗๘", False),  # Thai digits: the whitelist would make up Arabic ones
        ("VI4-7381135-09", False),  # a laser code: its letters are not in the whitelist
        ("1234", False),  # too short to be a number worth a second look
    ],
)
def test_when_a_cell_holds_text_or_thai_digits_then_it_is_not_read_again(core, worth):
    assert _worth_reading(core) is worth


@pytest.mark.parametrize(
    ("core", "reading", "expected"),
    [
        # the Thai model's letters ("VI" as "ง1", "ZE" as "75"): the eng model's capitals instead
        ("ง14-7381135-\n09", "VI4-7381135-09", "VI4-7381135-09"),
        ("757-3061570\n-15", "ZE7-3061570-15", "ZE7-3061570-15"),
        # spaced as the first pass saw it, though the eng model read it in one run
        ("โง 4 2249725  30", "TJ4224972530", "TJ4 2249725 30"),
        # a wrapped run of twelve stays one run
        ("BA34508\n22729", "BA3450822729", "BA3450822729"),
    ],
)
def test_when_a_laser_code_cell_is_read_with_capitals_then_its_letters_come_back(core, reading, expected):
    assert _laser_like(core)
    assert accept_laser(core, reading) == expected


@pytest.mark.parametrize(
    ("core", "reading"),
    [
        ("757-3061570\n-15", "ZE7-3061570-16"),  # a digit changed
        ("757-3061570\n-15", "ZE7-3061570-1"),  # one short
        ("757-3061570\n-15", "7E7-3061570-15"),  # one letter: no laser code
        ("ง14-7381135-09", "VI4-7381135-09X"),  # a glyph more
    ],
)
def test_when_a_laser_code_reading_changes_digits_then_the_first_pass_stays(core, reading):
    assert accept_laser(core, reading) is None


@pytest.mark.parametrize(
    ("core", "laser"),
    [
        ("757-3061570-15", True),  # grouped 3-7-2: only a laser code is written so
        ("BA3450822729", True),  # two glyphs that are no digits, then ten
        ("123456789012", False),  # twelve digits in a row: an account or a document number
        ("12-3456-7890", False),  # a phone's grouping
    ],
)
def test_when_a_cell_is_laid_out_as_a_laser_code_then_it_is_read_with_capitals(core, laser):
    assert _laser_like(core) is laser


def _grid(rotate: float = 0.0):  # noqa: ANN202 - PIL image
    """A white page with a 3x2 table of 200x120 px cells from (100, 100), rules 2 px wide."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (800, 600), 255)
    draw = ImageDraw.Draw(image)
    for row in range(2):
        for col in range(3):
            x, y = 100 + 200 * col, 100 + 120 * row
            draw.rectangle((x, y, x + 200, y + 120), outline=0, width=2)
    draw.text((120, 150), "3-4210-12345", fill=0)
    draw.text((100, 400), "below the table", fill=0)
    return image.rotate(rotate, fillcolor=255) if rotate else image


def _rules(image):  # noqa: ANN001, ANN202
    import numpy as np

    ink = np.asarray(image) < 150
    return _opened(ink, 40, axis=1), _opened(ink, 40, axis=0)


@pytest.mark.parametrize(
    "rotate",
    [
        0.0,  # a clean print
        0.8,  # a crooked scan: the rules step a pixel every ~70, still found
    ],
)
def test_when_a_word_sits_in_a_ruled_cell_then_its_cell_is_found(rotate):
    across, down = _rules(_grid(rotate))
    box = _enclosing(Word("3-4210-12345", 320, 150, 380, 170), across, down)
    assert box is not None
    left, top, right, bottom = box
    # the middle cell of the first row, inside its rules (give or take the skew)
    assert abs(left - 302) <= 4 and abs(right - 500) <= 4 and abs(top - 102) <= 6 and abs(bottom - 220) <= 6, box


def test_when_a_word_is_outside_any_table_then_no_cell_is_found():
    across, down = _rules(_grid())
    assert _enclosing(Word("below", 100, 400, 160, 415), across, down) is None


def test_when_masks_draw_bars_as_long_as_a_rule_then_the_cell_is_still_the_ruled_one():
    from PIL import Image, ImageDraw, ImageFont

    # "#####" draws bars longer than the shortest rule, inside the cell, above and below the
    # word on the other line
    image = Image.new("L", (600, 300), 255)
    draw = ImageDraw.Draw(image)
    draw.rectangle((100, 50, 420, 200), outline=0, width=2)
    font = ImageFont.truetype("/usr/share/fonts/truetype/tlwg/Garuda.ttf", 33)
    draw.text((115, 65), "#####12345678", font=font, fill=0)
    draw.text((115, 118), "#####", font=font, fill=0)
    across, down = _rules(image)
    assert across[56:195, 106:415].any()  # the bars are there, inside the cell, as long as a rule
    for word in (Word("#####12345678", 115, 70, 380, 100), Word("#####", 115, 123, 215, 153)):
        assert _enclosing(word, across, down) == (102, 52, 419, 199), word  # up to the rules' first ink


def _allowance_list() -> SynthDoc:
    """The table of an allowance list of the accuracy corpus (seed 16, document 17: made up) whose
    ID and phone cells wrap masked numbers; the first pass reads some of their masks as junk
    ("3-421%>90000«") and their wrapped ends ("-XX-X") far from them."""
    rows = [
        ["1", "นางศิริขวัญ แซ่อึ้ง", "X-XXXX-XXXX5-16-8", "15/02/2493", "128 ม.9 ต.ยะรม อ.เบตง", "XXX-XX1-117", "รับเงินสด"],
        ["2", "นายธีระยุทธ สิขัณฑกสมิต", "X-XXXX-XXXX7-49-3", "10 ต.ค. 03", "238/13 ม.11 ต.ยะรม อ.เบตง", "08-74XX-XXXX", ""],
        ["3", "นางอัคมาร์ โบราณมูล", "X-XXXX-XXXX6-88-5", "22 พ.ย. 03", "94 ม.13 ต.ยะรม อ.เบตง", "XX-XXXX-5177", "ย้ายภูมิลำเนาเข้า"],
        ["4", "นายอัฌวิชญ์ เปรมเอกภัทร์", "3-420X-XXXXX-XX-X", "09/11/2476", "97 ม.11 ต.ยะรม อ.เบตง", "XXX-XX3-866", "รายใหม่"],
        ["5", "นายทวิรัฐ กันทาซาว", "X X X X X X X X X 9 3 3 6", "28 ก.ย. 90", "112 ม.3 ต.ยะรม อ.เบตง", "XX-XXXX-7378", ""],
        ["6", "นายมนัส มีคุณ", "3-421X-XXXXX-XX-X", "20/12/2493", "206 ม.5 ต.ยะรม อ.เบตง", "064-2XX-XXXX", "ย้ายภูมิลำเนาเข้า"],
        ["7", "นายศรุต สิงห์ซอม", "X-XXXX-XXXX5-26-1", "24/09/2480", "115 ม.1 ต.ยะรม อ.เบตง", "0-733X-XXXX", "รายใหม่"],
        ["8", "นางธรัญญา วรรณจงคำ", "3-440X-XXXXX-XX-X", "14 ก.ค. 2476", "378 ม.12 ต.ยะรม อ.เบตง", "XXX-XXX-2931", "ย้ายภูมิลำเนาเข้า"],
        ["9", "นายปริญญ์ แก้วกันหา", "8-850X-XXXXX-XX-X", "10 ธ.ค. 98", "74 ม.5 ต.ยะรม อ.เบตง", "08-21XX-XXXX", "รับเงินสด"],
    ]
    header = ["ลำดับ", "ชื่อ - สกุล", "เลขประจำตัวประชาชน", "วัน/เดือน/ปีเกิด", "ที่อยู่", "เบอร์โทรศัพท์", "หมายเหตุ"]
    return SynthDoc(doc_id="test-cells", doc_type="allowance_list",
                    title="บัญชีรายชื่อผู้ลงทะเบียนขอรับเงินเบี้ยยังชีพผู้สูงอายุ ประจำปีงบประมาณ พ.ศ. 2567",
                    blocks=[Block("table", header=header, rows=rows)], labels=[], sensitive=None)


@pytest.mark.ocr
def test_when_masked_numbers_wrap_in_ruled_cells_then_each_is_found_whole_and_masked():
    result = extract(render(_allowance_list(), "scan_pdf", dpi=200), filename="list.pdf")
    found = {(d.kind, ids.canonical(d.kind, page.text[d.start : d.end])): d.status.value
             for page in result.pages for d in scan_document([page], key=b"k").detections}
    for kind, value in [("national_id", "3421XXXXXXXXX"), ("national_id", "3440XXXXXXXXX"),
                        ("phone", "0642XXXXXX"), ("phone", "XXXXXX2931")]:
        assert found.get((kind, value)) == "masked", (kind, value, found)


def test_when_the_cell_reading_fails_then_the_page_goes_on_to_the_next_pass_with_a_warning(monkeypatch):
    from PIL import Image, ImageDraw

    from extractors import Limits, ocr

    first = "\n".join([
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
        "5\t1\t1\t1\t1\t1\t100\t100\t144\t24\t90.0\tนางสมศรี",
        "5\t1\t1\t1\t1\t2\t500\t100\t198\t24\t90.0\t1-1017-001%",
    ]) + "\nนางสมศรี 1-1017-001%\n"
    calls = []

    def fake_tesseract(png, languages, args, *, timeout):  # noqa: ARG001
        calls.append(args[1])  # the page segmentation mode: 4 the page, 6 the cells, 11 the words
        if len(calls) == 1:
            return first
        if len(calls) == 2:
            raise ocr.OcrError("OCR took longer than 3 s", timeout=True)
        return ""

    monkeypatch.setattr(ocr, "_tesseract", fake_tesseract)
    image = Image.new("L", (1400, 400), 255)
    ImageDraw.Draw(image).rectangle((480, 70, 720, 150), outline=0, width=2)  # the word's cell
    warnings: list[str] = []
    text = ocr.ocr_image(image, Limits(), timeout=10, dpi=200, warnings=warnings)
    assert calls == ["4", "6", "11"]
    assert text == "นางสมศรี 1-1017-001X"  # the first pass, its "%" repaired as before
    (warning,) = warnings
    assert "table cells were not read one by one: OCR took longer than 3 s; the first reading is kept" == warning


def _complaint_register() -> SynthDoc:
    """The table of a complaint register of the accuracy corpus (seed 16, document 12: made up)
    with a laser code column; the first pass reads "VI4" as "ง14" and "ZE7" as "757"."""
    rows = [
        ["1", "27/2/68", "นายโทน พรมโสภา", "7\n2316 77298 15 0", "VI4-7381135-09", "245/5 ม.9 ต.ปากน้ำ อ.เมืองกระบี่", "095 298 3329", "โทรศัพท์", "สุนัขจรจัดทำร้ายประชาชน", "อยู่ระหว่างดำเนินการ"],
        ["2", "28 ม.ค. 2568", "นางปวิชญา นาคนาวา", "17309997\n48825", "WG6-7234128-34", "332 ม.9 ต.ปากน้ำ อ.เมืองกระบี่", "06 4241 1188", "Facebook", "ถนนลูกรังชำรุดเป็นหลุมบ่อ", "แจ้งหน่วยงานที่เกี่ยวข้อง"],
        ["3", "10/3/68", "นางกุลภัสสร เจ็กพิมาย", "1-3207-46544-89-3", "ZE7-3061570-15", "379 ม.1 ต.ปากน้ำ อ.เมืองกระบี่", "๐๘-๓๕๘๘-๒๓๕๗", "ศูนย์ดำรงธรรม", "กลิ่นเหม็นจากฟาร์มไก่", "แจ้งหน่วยงานที่เกี่ยวข้อง"],
        ["4", "11 ส.ค. 68", "นายสมัชชา รอดแก้ว", "5-2015-12281-\n81-5", "FE8 7192580 30", "314 ม.9 ต.ปากน้ำ อ.เมืองกระบี่", "089 562 3180", "เว็บไซต์", "กลิ่นเหม็นจากฟาร์มไก่", "อยู่ระหว่างดำเนินการ"],
        ["5", "21 ก.ค. 68", "นางสาวกาญจนา เศรษฐภูมิภักดี", "1\n3411 55774 60 0", "TL1-6925308-41", "171 ม.6 ต.ปากน้ำ อ.เมืองกระบี่", "065 167 9883", "มาด้วยตนเอง", "น้ำประปาขุ่น", "ส่งเรื่องให้กองช่างดำเนินการ"],
        ["6", "11/04/2568", "นายต่อเกียรติ คำสวัสดิ์", "3-7714-25739-\n86-3", "IZ3-1638288-17", "358 ม.7 ต.ปากน้ำ อ.เมืองกระบี่", "0984627361", "มาด้วยตนเอง", "ไฟฟ้าส่องสว่างดับ", "อยู่ระหว่างดำเนินการ"],
    ]
    header = ["ที่", "วัน เดือน ปี", "ชื่อ - สกุล ผู้ร้อง", "เลขประจำตัวประชาชน", "เลขหลังบัตร (Laser ID)", "ที่อยู่",
              "โทรศัพท์", "ช่องทาง", "เรื่องร้องเรียน", "ผลการดำเนินการ"]
    return SynthDoc(doc_id="test-laser-cells", doc_type="complaint_register",
                    title="ทะเบียนรับเรื่องร้องเรียน/ร้องทุกข์ ประจำปีงบประมาณ พ.ศ. 2568 เทศบาลตำบลปากน้ำ",
                    blocks=[Block("table", header=header, rows=rows)], labels=[], sensitive=None)


@pytest.mark.ocr
def test_when_a_laser_codes_letters_are_misread_then_its_cell_is_read_with_capitals_and_found():
    result = extract(render(_complaint_register(), "scan_pdf", dpi=200), filename="register.pdf")
    found = {ids.canonical(d.kind, page.text[d.start : d.end])
             for page in result.pages for d in scan_document([page], key=b"k").detections if d.kind == "laser_code"}
    assert {"VI4738113509", "ZE7306157015"} <= found, found


def _hashed_phones() -> SynthDoc:
    """A complaint register of the accuracy corpus (seed 16, document 6: made up, scanned with
    noise) whose phone cells wrap "####" alone onto a line, which the first pass reads "HHH" and
    the eng model as nothing."""
    rows = [
        ["1", "27/04/2567", "นางอรพร อำนวย", "3-8104-857##-##-#", "270 ม.5 ต.เกาะเกร็ด อ.ปากเกร็ด", "087 824 ####", "ศูนย์ดำรงธรรม", "ถนนลูกรังชำรุดเป็นหลุมบ่อ", "ดำเนินการแล้วเสร็จ"],
        ["2", "15/09/2567", "นางสาวกุลวดี เที่ยงตรง", "32615##858783", "125 ม.14 ต.เกาะเกร็ด อ.ปากเกร็ด", "0 2627 7###", "Facebook", "ขอให้ตัดกิ่งไม้ที่กีดขวางสายไฟ", "ดำเนินการแล้วเสร็จ"],
        ["3", "04/12/2567", "นายชาดา โกมินทรชาติ", "7531296180746", "150 ม.5 ต.เกาะเกร็ด อ.ปากเกร็ด", "08 9341 3149", "โทรศัพท์", "สุนัขจรจัดทำร้ายประชาชน", "ดำเนินการแล้วเสร็จ"],
        ["4", "23 มี.ค. 67", "นายกวีฉัฏฐ ศรีดานุช", "2 1512 97098 87 #", "345/20 ม.3 ต.เกาะเกร็ด อ.ปากเกร็ด", "09 202# ####", "เว็บไซต์", "ไฟฟ้าส่องสว่างดับ", "อยู่ระหว่างดำเนินการ"],
        ["5", "28/05/2567", "นายพูนศักดิ์ ระเซีย", "####594684035", "232 ม.15 ต.เกาะเกร็ด อ.ปากเกร็ด", "08 0141 7402", "Facebook", "ขอรับความช่วยเหลือผู้ประสบอุทกภัย", "แจ้งหน่วยงานที่เกี่ยวข้อง"],
    ]
    header = ["ที่", "วัน เดือน ปี", "ชื่อ - สกุล ผู้ร้อง", "เลขประจำตัวประชาชน", "ที่อยู่", "โทรศัพท์", "ช่องทาง", "เรื่องร้องเรียน", "ผลการดำเนินการ"]
    return SynthDoc(doc_id="s16-d00006", doc_type="complaint_register",  # its id seeds the scanner noise
                    title="ทะเบียนรับเรื่องร้องเรียน/ร้องทุกข์ ประจำปีงบประมาณ พ.ศ. 2568 เทศบาลเมืองปากเกร็ด",
                    blocks=[Block("table", header=header, rows=rows)], labels=[], sensitive=None)


@pytest.mark.ocr
def test_when_a_run_of_masks_wraps_alone_in_a_cell_then_its_glyphs_are_counted_on_the_page():
    result = extract(render(_hashed_phones(), "scan_pdf", dpi=200, noise=True), filename="register.pdf")
    found = {ids.canonical(d.kind, page.text[d.start : d.end]): d.status.value
             for page in result.pages for d in scan_document([page], key=b"k").detections if d.kind == "phone"}
    assert found.get("087824XXXX") == "masked", found
    assert found.get("09202XXXXX") == "masked", found


def test_when_a_page_is_huge_then_its_cells_are_left_to_the_later_passes():
    from PIL import Image, ImageDraw

    from extractors.ocr_cells import read_cells

    # 7000 x 6000: past what the rule search (a few int32 copies of the page) is allowed
    text = "1-1017-001%\n"
    tsv = "\n".join(["level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
                     "5\t1\t1\t1\t1\t1\t500\t100\t198\t24\t90.0\t1-1017-001%"])

    def read_sheet(sheet, dpi):  # noqa: ANN001, ARG001
        raise AssertionError("no cell should be read")

    page = Image.new("L", (7000, 6000), 255)
    ImageDraw.Draw(page).rectangle((480, 40, 800, 180), outline=0, width=4)  # the word's ruled cell
    assert read_cells(page, text, tsv, read_sheet, dpi=600) == (text, tsv)
