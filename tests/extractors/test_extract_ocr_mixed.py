"""Masked IDs that the first OCR pass reads as Thai digits beside Arabic ones with no mask left
(extractors.ocr_reread), whose trailing digit the second reading drops, whose dashes it reads as
dots, or whose touching "#" masks it reads as digits (extractors.ocr_masks.merge_split_masks).

The word-level cases take the first pass's text and boxes as the pipeline does (made up here, as
Tesseract's Thai model boxes such a number: a glyph or two a word) over a real 200 dpi image of
the line in a Thai font, and the second reading is the real Tesseract's."""

from __future__ import annotations

import pytest

from detectors import scan_document
from extractors import extract
from extractors.ocr import WHITELIST, _png, _tesseract
from extractors.ocr_masks import merge_split_masks
from extractors.ocr_reread import _accept, _numberlike, reread_numbers
from synth import ids
from synth.model import Block, SynthDoc
from synth.render import render

_FONT_PATH = "/usr/share/fonts/truetype/tlwg/Garuda.ttf"
_FONT_PX = 33  # 12 pt at 200 dpi


def _found(doc: SynthDoc) -> tuple[str, dict[str, str]]:
    result = extract(render(doc, "scan_pdf", dpi=200), filename="list.pdf")
    text = "\n".join(p.text for p in result.pages)
    found = {ids.canonical("national_id", p.text[d.start : d.end]): d.status.value
             for p in result.pages for d in scan_document([p], key=b"k").detections if d.kind == "national_id"}
    return text, found


def _doc(doc_type: str, title: str, header: list[str], rows: list[list[str]]) -> SynthDoc:
    return SynthDoc(doc_id="test-mixed", doc_type=doc_type, title=title,
                    blocks=[Block("table", header=header, rows=rows)], labels=[], sensitive=None)


def _line(ink: str, words: list[tuple[str, int, int]]):  # noqa: ANN202
    """A page holding one line of ``ink``, and the first pass's text and TSV for it: ``words`` are
    (what the first pass read, first and last+1 character of ``ink`` it covers); words that
    touch in ``ink`` are glued in the text, as Tesseract writes them."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(_FONT_PATH, _FONT_PX)
    image = Image.new("L", (1400, 140), 255)
    x0, y0 = 60, 40
    ImageDraw.Draw(image).text((x0, y0), ink, font=font, fill=0)
    rows = ["level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"]
    text = ""
    for k, (word, a, b) in enumerate(words, start=1):
        left, right = x0 + round(font.getlength(ink[:a])), x0 + round(font.getlength(ink[:b]))
        box = image.crop((left, y0 - 10, right, y0 + 50)).point(lambda v: 255 if v < 128 else 0).getbbox()
        l, t, r, btm = left + box[0], y0 - 10 + box[1], left + box[2], y0 - 10 + box[3]
        rows.append(f"5\t1\t1\t1\t1\t{k}\t{l}\t{t}\t{r - l}\t{btm - t}\t90.0\t{word}")
        text += ("" if k == 1 or words[k - 2][2] == a else " ") + word
    return image, text + "\n", "\n".join(rows) + "\n"


def _read_sheet(sheet, dpi: int) -> str:  # noqa: ANN001
    return _tesseract(_png(sheet), "eng", ["--psm", "11", "--dpi", str(dpi), "-c",
                                           f"tessedit_char_whitelist={WHITELIST}", "tsv"], timeout=60)


def _after(prefix: str, words: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """The number's words shifted behind ``prefix`` (a row's first cells) on the line."""
    head = [(w, prefix.index(w), prefix.index(w) + len(w)) for w in prefix.split()]
    return head + [(w, a + len(prefix) + 1, b + len(prefix) + 1) for w, a, b in words]


# --- masks read as Thai digits and a Thai letter, no mask left; a dropped last digit ---------------


@pytest.mark.ocr
@pytest.mark.parametrize(
    ("prefix", "ink", "first_pass", "expected"),
    [
        # "x-xxxx-xxxx3-" (its cell wraps "41-0" below): the first x read as the letter "ว", the dash
        # as a tiny "๓", the other masks as Thai digits, each boxed apart; no mask is left in it
        ("6 นางนิลยา", "x-xxxx-xxxx3-",
         [("ว", 0, 1), ("๓", 1, 2), ("๒๐", 2, 4), ("๐", 4, 5), ("๐", 5, 6), ("๐", 6, 8), ("๐", 8, 9), ("๐", 9, 11),
          ("3-", 11, 13)],
         "X-XXXX-XXXX3-"),
        # "x-xxxx-xxxx7-": the eng model reads the masks but drops the 7 after the last small x
        # ("X-XXXX-XXXX-"); the 7 is the first pass's, the masks the second reading's
        ("8 ร้านกาจพล", "x-xxxx-xxxx7-",
         [("%", 0, 2), ("๐", 2, 3), ("๐", 3, 4), ("๓๐", 4, 6), ("๐", 6, 7), ("๐๐", 7, 10), ("๐", 10, 11),
          ("7-", 11, 13)],
         "X-XXXX-XXXX7-"),
    ],
)
def test_when_masks_are_read_as_thai_digits_beside_an_arabic_one_then_they_are_read_again_as_masks(
        prefix, ink, first_pass, expected):
    image, text, tsv = _line(f"{prefix} {ink}", _after(prefix, first_pass))
    new, _ = reread_numbers(image, text, tsv, _read_sheet, dpi=200)
    assert new == f"{prefix} {expected}\n", text


@pytest.mark.parametrize(
    ("word", "numberlike"),
    [
        ("ว๓๒๐๐๐๐๐๐3-", True),  # "x-xxxx-xxxx3-": no mask left, but dashed and ID-long
        ("๓๒๐๐๐๐๐๐3-", True),
        ("๒๐๐๐๐๐๐๐๐3", True),  # ten positions, Thai digits beside an Arabic one
        ("2๐๐๐๐๐", True),  # "XXXXXX": four or more Thai zeros (the reading of "x"), an Arabic digit
        ("2๕๐๐", False),  # a year in Thai digits, its first read as Arabic
        ("2๐๐๐", False),  # three zeros: a round number in Thai digits
        ("๒๕9๒", False),  # a year in Thai digits, one of them read as an Arabic digit
        ("๒๕5๒59", False),
        ("๑๑๕5๓", False),
        ("๑๒๓๔๕๖๗๘๙๐", False),  # a number in Thai digits alone
        ("นาย๑๒3-", False),  # a word of text
    ],
)
def test_when_thai_digits_beside_arabic_ones_make_a_long_or_dashed_word_then_it_is_read_again(word, numberlike):
    assert _numberlike(word) is numberlike


@pytest.mark.parametrize(
    ("first_pass", "reading", "kept"),
    [
        # the second reading's masks, then the digits the first pass read after the Thai ones
        ("%๐๐๓๐๐๐๐๐7-", "X-XXXX-XXXX-", "X-XXXX-XXXX7-"),
        ("ว๓๒๐๐๐๐๐๐3-", "X-XXXX-XXXX-", "X-XXXX-XXXX3-"),
        # only as many positions as the first pass found, and never a digit for that end
        ("%๐๐๓๐๐๐๐๐7-", "X-XXXX-XXX-", None),
        ("%๐๐๓๐๐๐๐๐7-", "X-XXXX-XXXX1-", None),
        ("%๓9๐๐๐๑๐๐๐8-1", "X-XXXX-XXXX-1", None),
        ("%๓9๐๐๐๑๐๐๐8-1", "X-XXXX-XXXX-", None),  # its 9 is a misread mask, or not: not counted
    ],
)
def test_when_the_second_reading_drops_the_digits_after_thai_ones_then_the_first_pass_keeps_them(
        first_pass, reading, kept):
    assert _accept(first_pass, reading) == kept


# --- dashes read as dots ---------------------------------------------------------------------------

_COMPLAINTS_HEADER = ["ที่", "วัน เดือน ปี", "ชื่อ - สกุล ผู้ร้อง", "เลขประจำตัวประชาชน", "ที่อยู่", "โทรศัพท์",
                      "ช่องทาง", "เรื่องร้องเรียน", "ผลการดำเนินการ"]
#: a complaint register, its other numbers in Thai digits: the first pass reads the first ID as
#: "*.***6.009221-7" (its cell wraps "8-4" below)
_COMPLAINTS = [
    ["๑", "๒๖/๑/๖๗", "นายณรรรร์ สือกระแสร์", "*-***6-09221-78-4", "๖๓/๕ ม.๘ ต.บางตลาด อ.ปากเกร็ด", "* ***๓ ๕๕๗๓",
     "ศูนย์ดำรงธรรม", "เสียงดังจากการก่อสร้างในเวลากลางคืน", "แจ้งหน่วยงานที่เกี่ยวข้อง"],
    ["๒", "๒๕/๔/๖๗", "นางนูรมี สมจิตต์", "*-***4-31319-63-9", "๑๙๙ ม.๒ ต.บางตลาด อ.ปากเกร็ด", "****๕๒๒๗๗๑",
     "มาด้วยตนเอง", "ไฟฟ้าส่องสว่างดับ", "ดำเนินการแล้วเสร็จ"],
    ["๓", "๒๒ พ.ย. ๒๕๖๗", "นายทัพพสาร โสรินทร์", "*-***9-83052-02-4", "๑๒๓/๑๐ ม.๑๕ ต.บางตลาด อ.ปากเกร็ด",
     "**-***๓-๐๖๘๖", "Facebook", "น้ำประปาขุ่น", "แจ้งหน่วยงานที่เกี่ยวข้อง"],
    ["๔", "๑๒ มี.ค. ๒๕๖๗", "นางปัญจรัศม์ เรืองวรบูรณ์", "*-***6-31090-66-1", "๔๗ ม.๑๒ ต.บางตลาด อ.ปากเกร็ด",
     "**-**๓๙-๑๘๖๒", "เว็บไซต์", "ขยะตกค้างไม่มีผู้จัดเก็บ", "อยู่ระหว่างดำเนินการ"],
]


@pytest.mark.ocr
def test_when_a_masked_ids_dashes_are_read_as_dots_then_it_is_read_again_and_found():
    title = "ทะเบียนรับเรื่องร้องเรียน/ร้องทุกข์ ประจำปีงบประมาณ พ.ศ. ๒๕๖๗ เทศบาลเมืองปากเกร็ด"
    doc = _doc("complaint_register", title, _COMPLAINTS_HEADER, _COMPLAINTS)
    text, found = _found(doc)
    key = ids.canonical("national_id", _COMPLAINTS[0][3])
    assert found.get(key) == "masked", text


@pytest.mark.parametrize(
    ("word", "numberlike"),
    [
        ("*.***6.009221-7", True),  # masks: a number whose dashes were read as dots
        ("X.XXXX.XXXX1.23.4", True),
        ("12.05.2567", False),  # a date
        ("1,234.50", False),  # money
        ("12.30", False),  # a time
    ],
)
def test_when_a_word_has_dots_then_it_is_read_again_only_with_masks_in_it(word, numberlike):
    assert _numberlike(word) is numberlike


@pytest.mark.parametrize(
    ("first_pass", "reading", "kept"),
    [
        # each dot read again as a dash: the layout is kept
        ("*.***6.009221-7", "*-***6-09221-7", "*-***6-09221-7"),
        # a dotted ID the detectors read as it is: a re-reading without its dots loses the layout
        ("3.1008.3X945.51.5", "310083X945-515", None),
        # one dot dropped is one separator lost
        ("*.***6.009221-7", "****6-09221-7", None),
    ],
)
def test_when_a_dotted_word_is_read_again_then_every_dot_must_come_back_as_a_dash(first_pass, reading, kept):
    assert _accept(first_pass, reading) == kept


# --- touching "#" masks read as digits ------------------------------------------------------------

_ALLOWANCE_HEADER = ["ลำดับ", "ชื่อ-สกุล", "เลขที่บัตรประชาชน", "วัน/เดือน/ปีเกิด", "บ้านเลขที่", "หมู่ที่", "เบอร์โทร",
                     "หมายเหตุ"]
#: an allowance list: the first pass reads the first ID's "####" as "###9#" or "###98"
_ALLOWANCE = [
    ["1", "นายไอใจ กระจายศรี", "#-####-#7500-20-7", "18/09/2493", "279", "6", "09 477# ####", ""],
    ["2", "นางอุตส่าห์ อะคะปัน", "#-##09-96023-25-7", "9 ธ.ค. 2504", "189", "15", "-", "เสียชีวิต ระงับสิทธิ"],
    ["3", "นางฟาตีเมาะห์ ภัทรขจรกิจ", "2-8615-45373-25-5", "10/09/2478", "198", "11", "-", ""],
    ["4", "นายวิญญา สุปะมา", "#-###2-25784-13-8", "26 ต.ค. 84", "170/3", "2", "08 3644 5265", ""],
    ["5", "นายเรืองศักดิ์ ฉวีนวน", "5-4005-47863-21-4", "28/10/2505", "287", "10", "08 4318 7620", "รับเงินสด"],
    ["6", "นายวันสห วงษ์เพิก", "1-4212-6301#-##-#", "14 ก.ย. 2506", "104", "6", "082 284 2277", ""],
    ["7", "นายเดชสำราญ เทียนไสย", "5400103828690", "16/11/97", "127/2", "10", "077 63####", "เสียชีวิต ระงับสิทธิ"],
    ["8", "นางสาวสุศิริวิภา รินทไชย", "6-1503-96062-11-1", "12/6/87", "111", "1", "077 207 383", "รับเงินสด"],
    ["9", "นายวิชา ชัยยะ", "5-9210-9901#-##-#", "08/08/2506", "217/8", "4", "077 6## ###", "เสียชีวิต ระงับสิทธิ"],
]


@pytest.mark.ocr
def test_when_touching_hash_masks_are_read_as_digits_then_the_masked_id_is_found():
    title = ("ประกาศองค์การบริหารส่วนจังหวัดสุราษฎร์ธานี เรื่อง บัญชีรายชื่อผู้ลงทะเบียนขอรับเงินเบี้ยยังชีพผู้สูงอายุ "
             "(รายใหม่) ประจำปีงบประมาณ พ.ศ. 2568")
    doc = _doc("allowance_list", title, _ALLOWANCE_HEADER, _ALLOWANCE)
    text, found = _found(doc)
    assert found.get(ids.canonical("national_id", _ALLOWANCE[0][2])) == "masked", text


@pytest.mark.parametrize(
    ("ocr_text", "expected"),
    [
        # digits inside the run of masks overfill their group: they were masks
        ("1 นาย #-###98-#7500-20-7 | 18", "1 นาย #-####-#7500-20-7 | 18"),
        ("#-###9#-#7500-20-7", "#-####-#7500-20-7"),
        ("X-XXX12-XXXX5-12-3", "X-XXXX-XXXX5-12-3"),
        ("x-xx12x-xxxx1-23-4", "x-xxxx-xxxx1-23-4"),
        # the layout whole, no masks, digits not between masks, several groups off, not five groups
        ("X-XXXX-XXXX1-23-4", "X-XXXX-XXXX1-23-4"),
        ("1-23456-78901-23-4", "1-23456-78901-23-4"),
        ("1-23456-XXXXX-XX-X", "1-23456-XXXXX-XX-X"),
        ("#-###98-7500-20-7", "#-###98-7500-20-7"),
        ("X-XXX12-XXXX5-12-3-4", "X-XXX12-XXXX5-12-3-4"),
        ("X-XX1*X-XXXX5-12-3", "X-XX1*X-XXXX5-12-3"),  # two different masks around it
    ],
)
def test_when_digits_sit_in_a_dashed_ids_masks_and_overfill_its_group_then_they_become_masks(ocr_text, expected):
    assert merge_split_masks(ocr_text) == expected
