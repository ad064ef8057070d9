"""Phones: layouts, +66 forms, ranges, and whose number it is."""

import pytest

from tests.detectors.conftest import detect, fp


@pytest.mark.parametrize(
    ("text", "canonical", "pattern"),
    [
        # mobile, contiguous
        ("นายสมชาย ใจดี 0812345678", "0812345678", "phone.mobile"),
        # mobile 3-3-4
        ("นายสมชาย ใจดี 081-234-5678", "0812345678", "phone.mobile"),
        # mobile 2-4-4
        ("นายสมชาย ใจดี 08-1234-5678", "0812345678", "phone.mobile"),
        # mobile 3-7
        ("นายสมชาย ใจดี 081-2345678", "0812345678", "phone.mobile"),
        # mobile spaced
        ("นายสมชาย ใจดี 081 234 5678", "0812345678", "phone.mobile"),
        # +66 with spaces
        ("นายสมชาย ใจดี +66 81 234 5678", "0812345678", "phone.mobile+66"),
        # +66 glued
        ("นายสมชาย ใจดี +66812345678", "0812345678", "phone.mobile+66"),
        # 66 without the plus, contiguous
        ("นายสมชาย ใจดี 66812345678", "0812345678", "phone.mobile+66"),
        # ... and wrapped in a narrow cell
        ("นายสมชาย ใจดี 66812345\n678 | มาด้วยตนเอง", "0812345678", "phone.mobile+66"),
        # a mobile wrapped after nine digits: 06 starts no landline, so the tenth belongs to it
        ("นายสมชาย ใจดี |062308886\n0\nใจดี", "0623088860", "phone.mobile"),
        # Thai digits
        ("นายสมชาย ใจดี ๐๘๑-๒๓๔-๕๖๗๘", "0812345678", "phone.mobile"),
        # glued to a Thai word
        ("นายสมชาย ใจดี โทร0812345678", "0812345678", "phone.mobile"),
        # Bangkok landline 02-123-4567
        ("นายสมชาย ใจดี 02-123-4567", "021234567", "phone.landline"),
        # provincial landline 044-243129
        ("นายสมชาย ใจดี 044-243129", "044243129", "phone.landline"),
        # provincial landline 0-4424-3129
        ("นายสมชาย ใจดี 0-4424-3129", "044243129", "phone.landline"),
        # +66 landline
        ("นายสมชาย ใจดี +66 2 123 4567", "021234567", "phone.landline+66"),
        # digits spread by PDF extraction
        ("นายสมชาย ใจดี 0 8 1 2 3 4 5 6 7 8", "0812345678", "phone.mobile"),
    ],
)
def test_when_phone_in_any_layout_then_canonical_national_form(text, canonical, pattern):
    [d] = detect(text, kind="phone")
    assert d.pattern == pattern
    assert d.fingerprint == fp(canonical)
    assert d.display.endswith(canonical[-4:])
    assert canonical not in d.context


@pytest.mark.parametrize(
    "text",
    [
        # a bank account of phone length
        "โอนเข้าบัญชีธนาคารกรุงไทย 0812345678",
        # 10 digits not starting with 0
        "เลขที่ 1812345678",
        # 10 digits starting 01 (no such mobile prefix)
        "เลขที่ 0112345678",
        # an e-GP project number starting 66 (66 + 0...: not a mobile), also wrapped
        "โครงการเลขที่ 66019123456",
        "โครงการเลขที่ 6601912\n3456",
        # hotlines are too short to be phone numbers
        "สายด่วน 1111 และ 1300",
        # times and dates
        "เวลา 08.30-16.30 น. วันที่ 01-02-2567",
        # a postcode beside a short number
        "นครราชสีมา 30000 โทร 1234",
        # 11 digits starting 08
        "เลข 08123456789",
        # a PDF table row: a date's year, a house number, moo and the next row's number
        "1 7 นายวทัญกร ปีดอก 6/7/04 62 179 2\n1\n8 นายบากียา",
    ],
)
def test_when_near_miss_then_no_phone(text):
    assert detect(text, kind="phone") == []


@pytest.mark.parametrize(
    ("text", "personal", "cue"),
    [
        # a citizen in a list row with a name
        ("1 | นางสมศรี มีสุข | 12 ม.3 | 081-234-5678", True, "beside a person's name"),
        # a citizen's phone on the same row as their ID
        ("1 1101700230121 ต.หนองบัว 0812345678", True, "person's ID"),
        # a complainant quoted in a letter
        ("ด้วยนายสมชาย ใจดี ผู้ร้องเรียน โทร 081-234-5678", True, "citizen on this line"),
        # a row of a list without names on the same line
        ("ลำดับ | โทรศัพท์\n1 | 0812345678\n2 | 0898765432\n3 | 0612345678", True, "row of a list"),
        # the office line in a letter's contact block
        ("กองคลัง\nโทร. 0-4424-3129", False, "organisation contact"),
        # an extension only exists on a switchboard
        ("โทร. 044-243129 ต่อ 12", False, "extension"),
        # fax
        ("โทรสาร 044-243130", False, "labelled โทรสาร"),
        # hotline label
        ("สายด่วน 02-123-4567", False, "labelled สายด่วน"),
        # a switchboard range 044-243-129 to 130
        ("โทร 044-243-129-30", False, "switchboard"),
        # an officer's mobile in the contact line of an announcement
        ("ติดต่อสอบถามได้ที่ นางสาวสมศรี มีสุข โทร 081-234-5678", False, "organisation contact"),
        # a coordinator named in a letter
        ("ผู้ประสานงาน นายสมชาย ใจดี โทร. 08-1234-5678", False, "organisation contact"),
        # a bare landline with no person: the organisation's
        ("โทร. 02-123-4567", False, "landline with no person cue"),
        # a citizen's row whose next cell names the unit the complaint went to
        ("5 | นายทนงชิต บ่อผล | 52 ม.14 | 0919114801 | ศูนย์ดำรงธรรม | กองช่าง", True, "beside a person's name"),
        # a company's row in a tax roll: the company's name is in another cell
        ("10 | บริษัท มั่นคงการโยธา จำกัด | 0105556012341 | 23,960.00 | 0638239176 | ค้างชำระ", False, "company"),
        # a citizen paid through a bank whose name holds "สหกรณ์"
        ("30 | นายกิติพันธ์ สุกใส | 0812347187 | โอนเข้าบัญชี ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร", True, "person"),
        # an office's own complaints desk: "ร้องเรียน" here is the office's label, not a citizen
        ("ศูนย์รับเรื่องร้องเรียน โทร 044-243129", False, "organisation contact"),
        # a PDF table line: the channel cell follows the phone; the citizen's row is above
        ("รายชื่อ\n1 นายก ใจดี 1101700230121\n2 นายข ใจดี 3101700230127\n3 นายค ใจดี 1101700230121\nต.นาแก้ว\n+66919114801 ศูนย์ดำรงธรรม", True, "mobile"),
        # the notice's own enquiry line right under a list of people
        ("1 | นายก ใจดี | 1101700230121\n2 | นายข ใจดี | 3101700230127\nหรือสอบถามทางโทรศัพท์หมายเลข 045-326-176", False, "organisation contact"),
        # a complaint register's footer under its last row (scanned: no rule ends the row), the
        # office's line beside its hotline
        ("2 | นายข ใจดี | 3101700230127 | 155/7 ม.14 | xxx-x38-0677\nร้องเรียนได้ที่ องค์การบริหารส่วนตำบลบ้านลาน โทร. 043-762518 หรือสายด่วน 1784",
         False, "organisation contact"),
        # ... its "ที่" read without the tone mark by OCR
        ("2 | นายข ใจดี | 3101700230127 | 155/7 ม.14\nร้องเรียนได้ที องค์การบริหารส่วนตำบลทุ่งหวัง โทร. 074 308 254",
         False, "organisation contact"),
    ],
)
def test_when_context_says_whose_then_personal_follows(text, personal, cue):
    [d] = detect(text, kind="phone")[-1:]
    assert d.personal is personal, d.reasons
    assert any(cue in r for r in d.reasons), d.reasons


def test_when_range_then_one_detection_for_the_base_number():
    found = detect("โทร 044-243-129-30 ต่อ", kind="phone")
    assert [d.pattern for d in found] == ["phone.range"]
    assert found[0].fingerprint == fp("044243129")


@pytest.mark.parametrize(
    ("written", "status"),
    [
        # last 4 hidden
        ("081-234-XXXX", "masked"),
        # middle hidden
        ("08X-XXX-5678", "masked"),
        # stars
        ("081-***-*678", "masked"),
        # under-masked: 2 hidden
        ("081-234-56XX", "under_masked"),
    ],
)
def test_when_phone_masked_then_status_follows_x4(written, status):
    [d] = detect(f"นายสมชาย ใจดี โทร {written}", kind="phone")
    assert d.status.value == status
    assert d.fingerprint is None
