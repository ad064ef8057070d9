"""National ID: every layout seen in the wild, and the near-misses that must stay silent."""

import pytest

from detectors.national_id import check_digit, completions, is_valid
from tests.detectors.conftest import detect, fp

VALID = "1101700230121"  # checksum-valid, first digit 1
VALID_TH = "๑๑๐๑๗๐๐๒๓๐๑๒๑"
JURISTIC = "0105556012341"  # first digit 0, checksum-valid

assert is_valid(VALID) and is_valid(JURISTIC)


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        # contiguous, the most common layout in lists
        (f"เลขประจำตัวประชาชน {VALID}", "national_id.contiguous"),
        # canonical 1-4-5-2-1 dashes
        ("ID 1-1017-00230-12-1 ok", "national_id.grouped"),
        # spaced groups
        ("เลข 1 1017 00230 12 1 ok", "national_id.grouped"),
        # dotted groups
        ("เลข 1.1017.00230.12.1 ok", "national_id.grouped"),
        # en dashes from a word processor
        ("เลข 1–1017–00230–12–1 ok", "national_id.grouped"),
        # Thai digits
        (f"เลขประจำตัวประชาชน {VALID_TH}", "national_id.contiguous"),
        # Thai digits, grouped
        ("เลข ๑-๑๐๑๗-๐๐๒๓๐-๑๒-๑", "national_id.grouped"),
        # mixed Thai and Arabic digits
        ("เลข ๑-1017-๐๐๒๓๐-12-๑", "national_id.grouped"),
        # glued to Thai letters with no space: \b would fail here
        (f"เลขบัตร{VALID}นายสมชาย", "national_id.contiguous"),
        # digits spread by PDF extraction
        ("เลขบัตร 1 1 0 1 7 0 0 2 3 0 1 2 1 ที่อยู่", "national_id.spread"),
        # first digit then the rest (some forms print a box for the first digit)
        ("เลขบัตร 1 101700230121 ที่อยู่", "national_id.grouped"),
        # broken across a line inside a digit group (narrow table cell)
        ("เลขประจำตัวประชาชน\n11017002\n30121", "national_id.contiguous+wrapped"),
        # broken across a line after a dash
        ("บัตรประชาชน 1-1017-00230-\n12-1", "national_id.grouped+wrapped"),
        # in parentheses, the line breaking where a space was (a wide procurement cell)
        ("ผู้ชนะ นายสมชาย ใจดี (1\n1017 00230 12 1) ราคา", "national_id.grouped+wrapped"),
        # broken across a line just before a dash
        ("บัตรประชาชน 1-1017\n-00230-12-1", "national_id.grouped+wrapped"),
        # typed in Thai and Arabic digits both, wrapped over three lines of a narrow cell
        ("เลขบัตรประชาชน\n๑1๐๑๗0\n๐๒๓๐1๒\n1", "national_id.contiguous+wrapped"),
        # Windows line ending from pypdfium2, wrap with indentation
        ("บัตรประชาชน 1101700230\r\n   121", "national_id.contiguous+wrapped"),
        # inside a table row with a phone right after it
        ("1 | นายสมชาย | 1101700230121 0812345678", "national_id.contiguous"),
        # a cell's line break turned into a space by the extractor
        ("ลำดับ | เลขประจำตัวประชาชน\n5 | นายสมชาย | 11017002 30121 |", "national_id.split"),
    ],
)
def test_when_valid_id_in_any_layout_then_found_unmasked_personal(text, pattern):
    found = detect(text, kind="national_id")
    assert len(found) == 1, found
    d = found[0]
    assert d.pattern == pattern
    assert d.status.value == "unmasked"
    assert d.personal is True
    assert d.fingerprint == fp(VALID)
    assert d.display == "X-XXXX-XXXX0-12-1"
    assert VALID not in d.context and "00230" not in d.context


@pytest.mark.parametrize(
    "text",
    [
        # checksum wrong by one
        "เลขประจำตัวประชาชน 1101700230122",
        # reserved first digit 9, even with a valid checksum
        "เลขประจำตัวประชาชน 9" + "101700230120"[:11] + str(check_digit("910170023012")),
        # 12 digits
        "เลขประจำตัวประชาชน 110170023012",
        # 14 digits: the valid 13 must not be cut out of it
        "เลขประจำตัวประชาชน 11017002301215",
        # a valid 13 preceded by a digit, glued
        "เลข 51101700230121",
        # 13 spread digits inside a longer row of single digits (a row of counts)
        "รวม 3 1 1 0 1 7 0 0 2 3 0 1 2 1 4",
        # a bank account
        "บัญชีเลขที่ 123-4-56789-0",
        # an e-GP project number
        "เลขที่โครงการ 66019123456",
        # a document number
        "ที่ มท 0808.2/ว 1234 ลงวันที่ 12 มกราคม 2567",
        # money
        "จำนวนเงิน 1,101,700,230,121.00 บาท",
        # a date and a time
        "วันที่ 12/01/2567 เวลา 09.30-16.30 น.",
        # a wrapped number where the topic is not ID cards: could be two unrelated numbers
        "ยอดรวม\n11017002\n30121",
        # a phone on one line and a 3-digit number on the next: must not be glued
        "บัตรประชาชน 0812345678\n121",
        # two numbers side by side in a document not about ID cards
        "รายการ 11017002 30121 บาท",
        # a phone and a short number side by side, even where ID cards are the topic
        "บัตรประชาชน 0812345678 121",
        # a number in Thai digits on one line, one in Arabic on the next: two numbers
        "บัตรประชาชน ๑๑๐๑๗๐๐๒\n30121",
        # a masked number in Thai digits and an amount beside it (not one number typed in both)
        "บัตรประชาชน xxxx๔๘๘๑๖๗ 500",
        # a masked phone wrapped in its cell, the next cell's allowance below it
        "บัตรประชาชน\n1 นายสมชาย ใจดี XXX\nX01\n4118\n700",
        # ... a phone written 66 without its "+", and the amount beside it
        "บัตรประชาชน 664452#### 600",
        # e-GP's 12-digit contract control number at a cell's end, the next row's number below it
        "เลขประจำตัวผู้เสียภาษี |เลขคุมสัญญา\n) 670880704255\n2 จ้างก่อสร้างถนน",
    ],
)
def test_when_near_miss_then_no_national_id(text):
    assert detect(text, kind="national_id") == []


def test_when_a_dashed_id_wraps_under_another_columns_contract_label_then_it_is_still_found():
    # a scan read across the columns: the contract column's label lands right above the ID
    [d] = detect("เลขประจำตัวผู้เสียภาษี |เลขคุมสัญญา\n) 2-2509-4470\n0-67-0 671181360445", kind="national_id")
    assert d.status.value == "unmasked"


def test_when_a_person_is_named_between_a_contract_label_and_a_wrapped_id_then_it_is_still_found():
    # the label is the cell's above; the wrapped number after the name is the person's
    [d] = detect("บัตรประชาชน เลขที่สัญญา\nนายสมชาย 1101700230\n121", kind="national_id")
    assert d.status.value == "unmasked"


def test_when_a_masked_id_wraps_its_last_three_digits_then_it_is_no_amount():
    # ends "300" like an allowance, but starts as no phone does: a person's ID, three digits hidden
    [d] = detect("บัตรประชาชน 12012×××82\n300", kind="national_id")
    assert (d.status.value, d.personal) == ("under_masked", True)


def test_when_a_wrapped_0_leading_number_is_in_a_row_without_a_company_then_it_is_no_id():
    # the company is the row above's: a narrow row's cue is looked for back to its own start
    text = "1 บริษัท ก่อสร้างดี\nจำกัด\n0105556012341\n2 นายสมชาย\nใจดี\n0463654\n345120"
    assert [d.display for d in detect(text, kind="national_id")] == ["X-XXXX-XXXX2-34-1"]


@pytest.mark.parametrize(
    ("text", "personal", "needs_review", "reason"),
    [
        # juristic number in a company row: public
        (f"บริษัท ก่อสร้างดี จำกัด เลขทะเบียนนิติบุคคล {JURISTIC}", False, False, "company context"),
        # juristic number with the company on the line above
        (f"ห้างหุ้นส่วนจำกัด รุ่งเรือง\nเลขประจำตัวผู้เสียภาษี {JURISTIC}", False, False, "company context"),
        # a 0-leading number beside a person's name: not a person's number, but a person should look
        (f"นายสมชาย ใจดี {JURISTIC}", False, True, "beside a person's name"),
        # a company's number wrapped inside its cell (OCR puts the pieces back with a line break)
        ("1 | บริษัท ธนาก่อสร้าง จำกัด | 01055\n56012\n341 | ป้ายประเภท 2", False, False, "company context"),
        # a narrow PDF row: the company's name broken over four lines above its wrapped number
        ("9 ห้างหุ้นส่ว\nนจำกัด เ\nอกชัยซัพ\nพลาย\n0463654\n345120", False, False, "company's name"),
        # ... over three lines, the number over three too
        ("3 ห้างหุ้นส่ว\nนจำกัด เ\nอกชัยเทร\nดดิ้ง\n0-8036-\n62784-3\n2-0", False, False, "company's name"),
        # a scanned table read across its columns: the number's label two lines above it
        ("เลขประจำตัวผู้เสียภาษี |ยตรง เลขคุมสัญญา\n660903809581\n0215663482\n618\nราคา", False, False,
         "juristic-person number"),
        # a company's number broken where a space was: still the company's
        ("บริษัท ก่อสร้างดี จำกัด (0\n1055 56012 34 1) ราคา", False, False, "company context"),
        # a person winning a procurement: their ID is personal even in a procurement notice
        (f"ร้านสมชายการค้า โดยนายสมชาย ใจดี {VALID}", True, False, "natural person"),
    ],
)
def test_when_id_owner_depends_on_context_then_personal_follows(text, personal, needs_review, reason):
    [d] = detect(text, kind="national_id")
    assert d.personal is personal
    assert d.needs_review is needs_review
    assert any(reason in r for r in d.reasons), d.reasons


@pytest.mark.parametrize(
    ("written", "status"),
    [
        # X4 at the front
        ("XXXX00230121", None),  # 12 chars: not an ID layout
        ("XXXX700230121", "masked"),
        # X4 at the back
        ("110170023XXXX", "masked"),
        # lower-case x, stars, multiplication sign, hash
        ("xxxx700230121", "masked"),
        ("****700230121", "masked"),
        ("××××700230121", "masked"),
        ("####700230121", "masked"),
        # grouped and masked
        ("1-1017-00230-XX-X", "under_masked"),
        ("X-XXXX-00230-12-1", "masked"),
        # 1 to 3 hidden: under-masked
        ("11017002301X1", "under_masked"),
        ("1101700230XXX", "under_masked"),
        # Thai digits with a mask
        ("๑๑๐๑๗๐๐๒๓XXXX", "masked"),
    ],
)
def test_when_masked_then_status_follows_x4(written, status):
    found = detect(f"เลขประจำตัวประชาชน {written} ", kind="national_id")
    if status is None:
        assert found == []
        return
    [d] = found
    assert d.status.value == status
    assert d.fingerprint is None


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        # check digit 7: the gap has exactly one fill
        ("310170X230127", "recoverable from the checksum"),
        # check digit 1: two sums fold onto it, so two fills fit
        ("11017002301X1", "narrows it to 2 numbers"),
        # the third digit has weight 11 = 0 (mod 11): the checksum says nothing about it
        ("11X1700230121", "narrows it to 10 numbers"),
    ],
)
def test_when_one_digit_hidden_then_reason_says_how_recoverable(written, reason):
    [d] = detect(f"เลขประจำตัวประชาชน {written}", kind="national_id")
    assert d.status.value == "under_masked"
    assert any(reason in r for r in d.reasons), d.reasons


def test_when_one_hidden_digit_fits_no_checksum_then_not_an_id():
    # the gap would need the "digit" 10 to satisfy the checksum: no such ID exists
    value = next(v for d in range(100) if not completions(v := f"31017{d:02d}023X127"))
    assert detect(f"เลขประจำตัวประชาชน {value}", kind="national_id") == []


def test_when_one_digit_hidden_anywhere_then_completions_are_the_valid_fillings():
    import random

    rng = random.Random(3)
    for _ in range(3000):
        value = "".join(rng.choice("0123456789") for _ in range(13))
        gap = rng.randrange(13)
        masked = value[:gap] + "X" + value[gap + 1 :]
        expected = [v for v in (masked.replace("X", str(d)) for d in range(10)) if is_valid(v)]
        assert completions(masked) == expected
    for odd in ("X", "12X", "1234567890X12x", "๑234567890X12", "1-234567890X1", "XX34567890123"):
        assert completions(odd) == [v for v in (odd.replace("X", str(d)) for d in range(10)) if is_valid(v)] * (odd.count("X") == 1)
