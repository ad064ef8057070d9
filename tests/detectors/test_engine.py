"""The engine as a whole: document facts, masked copies put back together, OCR, redaction."""

from dataclasses import dataclass

import pytest

from detectors import Engine, redact, scan_document
from tests.detectors.conftest import KEY, detect, fp

ROWS = """ประกาศรายชื่อผู้มีสิทธิรับเงินเบี้ยความพิการ ประจำปีงบประมาณ ๒๕๖๘
ลำดับ | ชื่อ-สกุล | เลขประจำตัวประชาชน | ที่อยู่ | วันเดือนปีเกิด | โทรศัพท์
1 | นายสมชาย ใจดี | 1101700230121 | 12 ม.3 ต.หนองบัว | 12/03/2490 | 0812345678
2 | นางสมศรี มีสุข | 3101700230127 | 5 ม.1 ต.หนองบัว | 01/01/2495 | 0898765432
3 | นายสมชาย ใจดี | 1101700230121 | 12 ม.3 ต.หนองบัว | 12/03/2490 | 0812345678
"""


@dataclass
class Page:
    number: int | None
    text: str
    ocr: bool = False


def test_when_list_of_people_then_facts_describe_it():
    facts = scan_document([Page(1, ROWS)], key=KEY).facts
    # row 3 repeats row 1's person: two people, not three
    assert facts.people_exposed == 2
    assert facts.names and facts.addresses and facts.birth_dates
    assert facts.sensitive == ("disability",)


@pytest.mark.parametrize(
    ("title", "sensitive"),
    [
        # HIV patients: health, by the title alone
        ("รายชื่อผู้ป่วยเอดส์ที่ได้รับเบี้ยยังชีพ", ("health",)),
        # elderly allowance: not sensitive
        ("รายชื่อผู้สูงอายุที่ได้รับเบี้ยยังชีพ", ()),
        # a religious grant list
        ("รายชื่อผู้นับถือศาสนาอิสลามที่ได้รับเงินอุดหนุน", ("religion",)),
        # released prisoners
        ("รายชื่อผู้พ้นโทษที่เข้ารับการฝึกอาชีพ", ("criminal_record",)),
        # a municipal division's name is not about religion
        ("หนังสือกองการศึกษา ศาสนาและวัฒนธรรม แจ้งรายชื่อผู้ร้อง", ()),
    ],
)
def test_when_title_names_a_sensitive_group_then_sensitive(title, sensitive):
    facts = scan_document([Page(1, f"{title}\n1 | นายสมชาย ใจดี | 1101700230121")], key=KEY).facts
    assert facts.sensitive == sensitive


def test_when_only_masked_then_no_people_exposed():
    text = "1 | นายสมชาย ใจดี | XXXX700230121\n2 | นางสมศรี มีสุข | XXXX700230127"
    result = scan_document([Page(1, text)], key=KEY)
    assert result.facts.people_exposed == 0
    assert all(not d.exposure for d in result.detections)


def test_when_two_copies_masked_at_opposite_ends_then_rejoined_and_exposed():
    # one page shows the back, another page the front: together the whole number
    pages = [Page(1, "นายสมชาย ใจดี XXXX700230121"), Page(2, "นายสมชาย ใจดี 110170023XXXX")]
    found = scan_document(pages, key=KEY).detections
    rejoined = [d for d in found if d.pattern == "national_id.rejoined"]
    assert len(rejoined) == 1
    assert rejoined[0].status.value == "unmasked" and rejoined[0].personal
    assert rejoined[0].fingerprint == fp("1101700230121")


def test_when_masked_copies_disagree_then_not_rejoined():
    # different people whose visible parts do not fit together
    pages = [Page(1, "XXXX700230121"), Page(2, "110170033XXXX")]
    assert not [d for d in scan_document(pages, key=KEY).detections if d.pattern == "national_id.rejoined"]


def test_when_ocr_page_mentions_ids_but_none_read_then_note_says_check_by_eye():
    # Tesseract turned Thai digits into letters: nothing to detect, but we must not be silent
    page = Page(3, "เลขประจำตัวประชาชน ดเดดด ดดดดด ดด ด นายสมชาย", ocr=True)
    result = scan_document([page], key=KEY)
    assert result.detections == []
    assert any("page 3" in n and "Thai digits" in n for n in result.notes)


def test_when_ocr_read_thai_digits_then_needs_review():
    [d] = scan_document([Page(1, "เลขบัตร ๑๑๐๑๗๐๐๒๓๐๑๒๑", ocr=True)], key=KEY).detections
    assert d.needs_review and d.ocr
    assert any("OCR of Thai digits" in r for r in d.reasons)


def test_when_ocr_read_arabic_digits_then_trusted():
    [d] = scan_document([Page(1, "เลขบัตร 1101700230121", ocr=True)], key=KEY).detections
    assert not d.needs_review and d.ocr


def test_when_redacting_then_identifiers_masked_short_numbers_kept():
    text = "/files/รายชื่อ_1101700230121_12/03/2567.pdf?tel=0812345678&page=12"
    out = redact(text)
    assert "1101700230121" not in out and "0812345678" not in out
    assert "12/03/2567" in out and "page=12" in out
    # an unrecognised long number (a bad-checksum ID, say) is masked too: better safe
    assert "1101700230122" not in redact("เลข 1101700230122")


def test_when_context_holds_other_numbers_then_they_are_masked_too():
    text = "เลขที่บัญชี 1234567890 ของ นายสมชาย ใจดี 1101700230121 อีกคน 3101700230127"
    [first, second] = detect(text, kind="national_id")
    for d in (first, second):
        assert "1234567890" not in d.context
        assert "1101700230121" not in d.context and "3101700230127" not in d.context


def test_when_engine_reused_then_results_do_not_leak_between_documents():
    engine = Engine(key=KEY)
    engine.scan([Page(1, "นายสมชาย ใจดี XXXX700230121")])
    # the other half in a different document must not be joined with the first
    second = engine.scan([Page(1, "นายสมชาย ใจดี 110170023XXXX")]).detections
    assert not [d for d in second if d.pattern == "national_id.rejoined"]


def test_when_no_key_then_engine_refuses():
    with pytest.raises(ValueError):
        Engine(key=b"")


def test_when_sensitive_patterns_change_then_gate_words_stay_plain_literals():
    # the gate is derived from the patterns' branches: a branch starting with a regex construct
    # would silently never open the gate
    import re

    from detectors.context import _SENSITIVE_GATE

    assert not [word for word in _SENSITIVE_GATE if re.search(r"[][().*+?{}\\|^$]", word)]


def test_when_a_fragment_of_an_id_sits_near_a_detection_then_the_snippet_masks_it():
    # OCR split a masked ID and left 8 of its digits on their own: not a run, still not shown
    [d] = detect("นางสาวรอกีเยาะ 68085803 | 1101700230121 | 12/02/2503", kind="national_id")
    assert "68085803" not in d.context and "8085" not in d.context
    assert "12/02/2503" in d.context  # dates stay readable
