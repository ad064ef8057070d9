"""Masked IDs on scanned pages that the first OCR pass mangles beyond the word-by-word second
reading: masks read as Thai digits and boxed apart (extractors.ocr_reread), dashes lost between
masks (extractors.ocr_masks), runs of asterisks read short or not at all, and the masked end
of a number written with spaces (extractors.ocr_tails)."""

from __future__ import annotations

import pytest
from extract_fixtures import thai_id

from detectors import scan_document
from extractors import extract
from extractors.ocr_masks import restore_dashes
from extractors.ocr_reread import _accept, _numberlike
from extractors.ocr_sheet import Ink
from extractors.ocr_tails import accept_tail, recount_stars, star_tail
from synth import ids
from synth.model import Block, SynthDoc
from synth.render import render


def _found(doc: SynthDoc) -> tuple[str, dict[str, str]]:
    result = extract(render(doc, "scan_pdf", dpi=200), filename="list.pdf")
    (page,) = result.pages
    found = {ids.canonical("national_id", page.text[d.start : d.end]): d.status.value
             for d in scan_document(result.pages, key=b"k").detections if d.kind == "national_id"}
    return page.text, found


def _doc(title: str, header: list[str], rows: list[list[str]]) -> SynthDoc:
    return SynthDoc(doc_id="test-misreads", doc_type="allowance_list", title=title,
                    blocks=[Block("table", header=header, rows=rows)], labels=[], sensitive=None)


def _dashed(first12: str) -> str:
    """The ID written 1-4-5-2-1, its first nine digits masked with "x"."""
    v = thai_id(first12)
    return ids.mask_written(f"{v[0]}-{v[1:5]}-{v[5:10]}-{v[10:12]}-{v[12]}", hidden=9, where="front", char="x")


# --- masks read as Thai digits, and dashes lost between masks -------------------------------------

#: A ten-column list: the ID column wraps "x-xxxx-xxxx3-13-1" after "x-xxxx-xxxx3-1", and the
#: first pass reads its masks as Thai digits, each boxed apart ("%", "๓", "๓๐", ..., "3-1"), or
#: drops a dash between two masks ("XXXXX-XXXX1-0").
_DISABLED_HEADER = ["ลำดับ", "ชื่อ - นามสกุล", "เลขประจำตัวประชาชน", "อายุ (ปี)", "บ้านเลขที่", "หมู่ที่",
                    "ประเภทความพิการ", "เบอร์โทรศัพท์", "จำนวนเงิน (บาท)", "หมายเหตุ"]
_DISABLED = [
    ["1", "นายเชียง อินปาว", "x x x x x x x x x 1 6 0 3", "15", "259", "5", "ทางการเห็น", "xx-xxxx-๓๘๑๑", "800", ""],
    ["2", "นายดุสิต วรรณชาลี", _dashed("400131120131"), "61", "267", "12", "ทางออทิสติก", "-", "1,000",
     "โอนเข้าบัญชี ธนาคารกรุงเทพ 5072948436"],
    ["3", "นางกรรณภิรมย์ กุณรักษ์", "x xxxx xxxx1 10 9", "7", "161", "8", "ทางการเคลื่อนไหวหรือทางร่างกาย",
     "xxx-xxx-๓๑๙๖", "800", ""],
    ["4", "นายนันทศักดิ์ จตุรนต์รัศมี", _dashed("300540190190"), "41", "182", "8", "ทางจิตใจหรือพฤติกรรม",
     "066 5xx xxxx", "800", "รายใหม่"],
    ["5", "นางนัฐริกา กางศรี", _dashed("110230282282"), "43", "140", "10", "ทางออทิสติก", "xxx xxx ๙๙๐๗", "800", "รายใหม่"],
    ["6", "ด.ญ.พุทธพร วสุวรเศรษฐ์", _dashed("500610981381"), "72", "26", "11", "ทางการเรียนรู้", "0842xxxxxx", "1,000", ""],
    ["7", "นายทำนุ มาลีศรีอมร", _dashed("200720080480"), "47", "165/4", "14", "ทางออทิสติก", "xx-xxxx-๕๓๒๔", "800", ""],
    ["8", "นางชนกนันท์ กุลมงคลชัยศรี", _dashed("600910010210"), "59", "248/9", "2", "ทางจิตใจหรือพฤติกรรม", "-", "800",
     "เสียชีวิต ระงับสิทธิ"],
]


@pytest.fixture(scope="module")
def disabled_scan():
    doc = _doc("ประกาศรายชื่อผู้มีสิทธิรับเงินเบี้ยความพิการ ประจำเดือนกรกฎาคม 2568", _DISABLED_HEADER, _DISABLED)
    # row 5's first mask and dash are not read at all ("XXXX-XXXX2-8"): no repair can count them
    return [row for row in _DISABLED if "-" in row[2] and row[0] != "5"], *_found(doc)


@pytest.mark.ocr
def test_when_masks_are_read_as_thai_digits_or_lose_their_dashes_then_the_masked_ids_are_found(disabled_scan):
    rows, text, found = disabled_scan
    expected = {ids.canonical("national_id", row[2]): "masked" for row in rows}
    assert {key: found.get(key) for key in expected} == expected, text


@pytest.mark.parametrize(
    ("ocr_text", "expected"),
    [
        # the dashes that are left all stand where 1-4-5-2-1 has them: the others come back
        ("XXXXX-XXXX1-0\n25", "X-XXXX-XXXX1-0\n2-5"),
        ("X-XXXXXXXX1-9\n0-5", "X-XXXX-XXXX1-9\n0-5"),
        ("นาง xxxxx-xxxx8-2\n8-0 |43", "นาง x-xxxx-xxxx8-2\n8-0 |43"),
        # the first digit wrapped alone ("1-" / "901x-xxxxx-xx-x") and put on the rest's line
        ("บุญทัน 1- 901XXXXXX-XX-X ไ๒", "บุญทัน 1- 901X-XXXXX-XX-X ไ๒"),
        # a speck read as a dot beside a dash: an unmasked ID wrapped in its cell, its check digit valid
        ("| 3-.4703-0875\n5-11-2 |โฉนด", "| 3-4703-0875\n5-11-2 |โฉนด"),
        ("ราคา 1,500.- บาท", "ราคา 1,500.- บาท"),  # ... but a price written "1,500.-" keeps its dot
        # nothing lost, not masked, too short, a dash out of place, or only one dash
        ("X-XXXX-XXXX3-1\n3-1", "X-XXXX-XXXX3-1\n3-1"),
        ("1-2345-678901-2", "1-2345-678901-2"),
        ("0-4572-5445-52", "0-4572-5445-52"),
        ("12-XXXX-XXXXX-1", "12-XXXX-XXXXX-1"),
        ("XXXXXXXXX-1231", "XXXXXXXXX-1231"),
        # a space after a dash joins only across a wrap: two numbers a space apart stay two
        ("ราคา 1- 2345 678", "ราคา 1- 2345 678"),
        ("1- 901XXXXXX XX-X", "1- 901XXXXXX XX-X"),
    ],
)
def test_when_a_masked_id_lost_dashes_then_they_are_put_back_only_in_its_layout(ocr_text, expected):
    assert restore_dashes(ocr_text) == expected


@pytest.mark.parametrize(
    ("first_pass", "reading", "kept"),
    [
        # Thai digits among Arabic ones and masks were masks: they may become masks...
        ("%๓๓๐๐๐๐๐๐๐3-1", "X-XXXX-XXXX3-1", "X-XXXX-XXXX3-1"),
        ("%๓9๐๐๐๑๐๐๐8-1", "X-XXXX-XXXX8-1", "X-XXXX-XXXX8-1"),
        # ...never Arabic digits: Tesseract cannot read Thai digits, the whitelist makes some up
        ("%๐๐๐๕๐๐๐๐๕1-", "X-XXXX-XXXX1-", "X-XXXX-XXXX1-"),
        # ...never Arabic digits: Tesseract cannot read Thai digits, the whitelist makes some up
        ("%๓9๐๐๐๑๐๐๐8-1", "X-X3XX-XXXX8-1", None),
        ("๑๒๓4xxxx", "1234xxxx", None),
        # and the digits after them are the number's visible end: not lost (the first pass's
        # are kept after the masks the second reading found, test_extract_ocr_mixed)
        ("%๐๐๓๐๐๐๐๐7-", "X-XXXX-XXXX-", "X-XXXX-XXXX7-"),
        ("%๐๐๓๐๐๐๐๐7-", "X-XXXX-XXXX1-", None),
    ],
)
def test_when_thai_digits_are_read_again_then_only_masks_replace_them(first_pass, reading, kept):
    assert _accept(first_pass, reading) == kept


@pytest.mark.parametrize(
    ("word", "numberlike"),
    [
        ("%๓๓๐๐๐๐๐๐๐3-1", True),  # masks read as Thai digits, among Arabic ones
        ("%๐๐๓๐๐๐๐๐7-", True),
        ("»๐03", True),  # "xx503": its masks read as "»๐", the 5 lost
        ("๕๓๐๑๓", False),  # a number in Thai digits
        ("๑๑๕5๓", False),  # Thai and Arabic digits mixed, no mask: a number, not a misreading
    ],
)
def test_when_a_word_holds_thai_digits_then_it_is_read_again_only_beside_arabic_digits_and_masks(word, numberlike):
    assert _numberlike(word) is numberlike


@pytest.mark.parametrize(
    ("word", "numberlike"),
    [
        ("20000", True),  # an ID's wrapped end of five masks ("XXXXX") read as digits
        ("909009", True),
        ("2567", False),  # four digits: a year, too short to hide an ID piece's masks
        ("xxxx8", False),  # five with masks: read again no better ("XxXxx8")
        ("12/3", False),  # a house number
    ],
)
def test_when_a_word_is_clean_then_it_is_read_again_only_when_long_enough_to_hide_masks(word, numberlike):
    assert _numberlike(word) is numberlike


# --- runs of asterisks ----------------------------------------------------------------------------

#: A tax roll whose ID column wraps "4120*********" after eight characters: the first pass reads
#: the asterisks of the upper line one short ("4421***"), the five below as Thai letters
#: ("เปลมม"), and the eng model reads the two glued together as "41".
_SIGNS_HEADER = ["ลำดับ", "ชื่อผู้เสียภาษี", "เลขประจำตัวผู้เสียภาษี", "รายการป้าย", "ประเภท",
                 "จำนวนเงินภาษี (บาท)", "หมายเหตุ"]
_SIGNS = [
    ("นายเลาสา สอระมัน", "412011111111", "ป้ายประเภท 3 ขนาด 100 x 100 ซม. จำนวน 1 ป้าย", "ป้ายอักษรไทยล้วน"),
    ("นายกรกิตต์ อักษรศิริ", "442122222222", "ป้ายประเภท 2 ขนาด 150 x 200 ซม. จำนวน 4 ป้าย",
     "ป้ายอักษรไทยปนอักษรต่างประเทศ"),
    ("นายพูนลาภ ขวัญเกื้อ", "584044444444", "ป้ายประเภท 2 ขนาด 120 x 240 ซม. จำนวน 3 ป้าย", "ป้ายไม่มีอักษรไทย"),
]


@pytest.fixture(scope="module")
def signs_scan():
    rows = [[str(n), name, ids.mask_written(thai_id(first12), hidden=9, where="back", char="*"), signs, kind,
             "12,840.00", "ค้างชำระ"]
            for n, (name, first12, signs, kind) in enumerate(_SIGNS, start=1)]
    doc = _doc("บัญชีรายชื่อผู้มีหน้าที่เสียภาษีป้ายที่ยังมิได้ชำระภาษี ประจำปี 2568", _SIGNS_HEADER, rows)
    return rows, *_found(doc)


@pytest.mark.ocr
def test_when_a_masked_ids_asterisks_are_read_short_or_as_letters_then_they_are_counted_on_the_page(signs_scan):
    rows, text, found = signs_scan
    expected = {ids.canonical("national_id", row[2]): "masked" for row in rows}
    assert found == expected, text


@pytest.mark.parametrize(
    ("first_pass", "shapes", "expected"),
    [
        ("4421***", "TTTTSSSS", "4421****"),  # one asterisk dropped
        ("1181***”*", "TTTTSSSS", "1181****"),  # one read as a quote
        ("****6", "SSSSSSSSST", "*********6"),
        # the page's tall glyphs are not the first pass's digits, or something is neither
        ("4421***", "TTTSSSS", None),
        ("4421***", None, None),
        ("4421-***", "TTTTSSS", None),  # a dash: not a run of asterisks
    ],
)
def test_when_asterisks_are_counted_on_the_page_then_only_their_number_changes(first_pass, shapes, expected):
    assert recount_stars(first_pass, shapes) == expected


@pytest.mark.parametrize(
    ("upper", "ink", "expected"),
    [
        ("4120****", Ink(5, 0.4), "*****"),
        ("4120****", Ink(4, 0.4), None),  # not 13 positions: the count is not trusted
        ("4120****", Ink(5, 0.8), None),  # as high as a Thai word
        ("4120XXXX", Ink(5, 0.4), None),  # the number is not masked with asterisks
    ],
)
def test_when_a_tails_reading_fails_then_only_a_row_of_small_glyphs_ending_the_id_is_asterisks(upper, ink, expected):
    assert star_tail(upper, ink) == expected


# --- the masked end of a number written with spaces -----------------------------------------------

_ELDERLY_HEADER = ["ลำดับ", "ชื่อ-สกุล", "เลขบัตรประจำตัวประชาชน", "อายุ (ปี)", "ที่อยู่", "จำนวนเงิน (บาท)", "หมายเหตุ"]


@pytest.mark.ocr
def test_when_the_last_mask_of_a_spaced_id_wraps_alone_then_it_joins_the_id():
    # "7 7513 28344 XX" / "X": the lone "X" is read as "%", under the line's first group (the
    # other rows set the column's width, and the page's lines)
    written = "7 7513 28344 XX\nX"
    rows = [
        ["1", "นางไพเราะจิต เปรมเอกภัทร์", "X-XXX4-\n06187-28-7", "83", "236/9 ม.2 ต.ทุ่งหมอ อ.สะเดา", "700", "รายใหม่"],
        ["2", "นายประยูร ไวทยกุล", written, "63", "159 ม.1 ต.ทุ่งหมอ อ.สะเดา", "800", "ย้ายภูมิลำเนาเข้า"],
        ["3", "นายวทัญญู ยะโกะ", "3 3402 28259 24 1", "76", "243 ม.5 ต.ทุ่งหมอ อ.สะเดา", "1,000", ""],
        ["4", "นายพิรพัฒน์ ศิริวงศ์", "1-\n9202-XXX40-10-9", "74", "53 ม.3 ต.ทุ่งหมอ อ.สะเดา", "1,000",
         "โอนเข้าบัญชี ธนาคารกรุงเทพ 378-0-16735-7"],
    ]
    doc = _doc("รายชื่อผู้สูงอายุที่มีสิทธิรับเงินเบี้ยยังชีพผู้สูงอายุ ประจำเดือนกันยายน 2568", _ELDERLY_HEADER, rows)
    text, found = _found(doc)
    assert ids.canonical("national_id", written) in found, text


# --- the masked end of a dashed ID cut inside its third group -------------------------------------

#: A tax roll whose ID column wraps "1-9502-0568*-**-*" after "1-9502-056": the first pass reads
#: the lower piece, a digit and masks, as letters ("grt", "Bt"); glued to the number it reads right.
_LAND_HEADER = ["ลำดับ", "ชื่อผู้เสียภาษี", "เลขบัตรประชาชน", "รายการทรัพย์สิน", "ประเภท", "จำนวนเงินภาษี (บาท)",
                "โทรศัพท์", "สถานะ"]


def _starred(first12: str) -> str:
    v = thai_id(first12)
    return ids.mask_written(f"{v[0]}-{v[1:5]}-{v[5:10]}-{v[10:12]}-{v[12]}", hidden=4, where="back", char="*")


_LAND = [
    ["1", "นางสาวรวินท์นิภา หมู่โสภณ", _starred("195020568111"), "น.ส.3 ก. เลขที่ 83900 เลขที่ดิน 314 หน้าสำรวจ 7891",
     "เกษตรกรรม", "45,860.00", "06-1260-****", "เลขที่อ้างอิง 25670625640994"],
    ["2", "นางมานิสา ศรีสมุทร์", _starred("182012147222"), "โฉนดเลขที่ 84494 เลขที่ดิน 273 หน้าสำรวจ 4907",
     "ทิ้งไว้ว่างเปล่า", "32,980.00", "06-2342-****", "ค้างชำระ"],
    ["3", "นางแสงอาทิตย์ อินตาเปี้ย", _starred("223051565333"), "โฉนดเลขที่ 27567 เลขที่ดิน 353 หน้าสำรวจ 3692",
     "ทิ้งไว้ว่างเปล่า", "10,410.00", "", "ผ่อนชำระ งวดที่ 2"],
]


@pytest.mark.ocr
def test_when_a_dashed_ids_masked_end_wraps_with_a_digit_then_it_joins_the_id():
    doc = _doc("รายชื่อผู้ค้างชำระภาษีที่ดินและสิ่งปลูกสร้าง ประจำปี พ.ศ. 2567", _LAND_HEADER, _LAND)
    text, found = _found(doc)
    expected = {ids.canonical("national_id", row[2]): "masked" for row in _LAND}
    assert {key: found.get(key) for key in expected} == expected, text


@pytest.mark.parametrize(
    ("upper", "reading", "tail"),
    [
        ("1-9502-056", "1-9502-0568*-**-*", "8*-**-*"),
        ("1-4816-052", "1-4816-052**-**-*", "**-**-*"),
        ("1-9502-056", "1-9502-0568*-**", None),  # 12 positions
        ("1-9502-056", "1-9502-05681-23", None),  # no masks: a name read as digits
        ("1-9502-056", "7-9502-0568*-**-*", None),  # not the number above
    ],
)
def test_when_a_dashed_ids_third_group_is_cut_then_its_tail_must_finish_it_with_masks(upper, reading, tail):
    assert accept_tail(upper, reading, 7) == tail

