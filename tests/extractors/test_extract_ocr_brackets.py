"""A number in brackets that wraps inside a table cell of prose, as procurement notices write the
winner's ID: "… จำกัด (1 2345" / "67890 12 1) ราคา …" (extractors.ocr_brackets)."""

from __future__ import annotations

import pytest
from extract_fixtures import tesseract_output, thai_id

from detectors import scan_document
from extractors import extract
from extractors.ocr import page_text
from synth import ids
from synth.model import Block, SynthDoc
from synth.render import render


def _cell(upper: list[tuple[str, int]], lower: list[tuple[str, int]]) -> list[list[tuple[str, int]]]:
    # The row's first line: its number, the work (prose that wraps too), the winner's cell from
    # x=700 ("จำกัด (1 2345"), the next column far off; the second line starts with the work's
    # continuation in the first column, as a new row of a list would.
    return [[("1", 100), ("จ้างซ่อมถนน", 200), ("จำกัด", 700), *upper, ("ราคา", 1300)],
            [("สายบ้านดอน", 100), *lower, ("บาท", 1300)]]


@pytest.mark.parametrize(
    ("upper", "lower", "joined"),
    [
        # the bracket opened above and closed below: one number, joined at its space
        ([("(1", 800), ("2345", 850)], [("67890", 700), ("12", 810), ("1)", 860)], "(1 2345 67890 12 1"),
        # a table rule read before the lower piece ("|67890") is still under the cell's text
        ([("(1", 800), ("2345", 850)], [("|67890", 700), ("12", 826), ("1)", 876)], "(1 2345 67890 12 1"),
        # the cell text before the "(" holds a bracket of its own: "(มหาชน) (1"
        ([("(มหาชน)", 800), ("(1", 940)], [("2345", 700), ("67890", 790), ("12", 900), ("1)", 950)],
         "(มหาชน) (1 2345 67890 12 1"),
    ],
)
def test_when_a_bracketed_number_wraps_in_a_prose_cell_then_its_pieces_are_joined(upper, lower, joined):
    first, second = page_text(tesseract_output(_cell(upper, lower))).rstrip("\n").split("\n")
    assert joined in first and not any(ch.isdigit() for ch in second), (first, second)


_COMPANY = thai_id("037364289074")  # a juristic person's number: 0 3736 42890 74 9
_NOT_AN_ID = _COMPANY[:12] + str((int(_COMPANY[12]) + 1) % 10)


@pytest.mark.parametrize(
    ("number", "joined"),
    [
        # a word space before the "(" (wider than between Thai letters' boxes): the whole ID's
        # check digit vouches for the pieces, so the cell text is found across the space
        (_COMPANY, True),
        # the same pieces with a wrong check digit: the space ends the cell text, as before
        (_NOT_AN_ID, False),
    ],
)
def test_when_a_word_space_comes_before_the_bracket_then_only_a_whole_id_is_joined(number, joined):
    upper = [(f"({number[0]}", 815), (number[1:5], 865)]  # 25 px after "จำกัด": over 0.8 digit heights
    lower = [(number[5:10], 700), (number[10:12], 810), (f"{number[12]})", 860)]
    lines = _cell(upper, lower)
    text = page_text(tesseract_output(lines))
    spaced = f"{number[0]} {number[1:5]} {number[5:10]} {number[10:12]} {number[12]}"
    assert (spaced in text) is joined, text


@pytest.mark.parametrize(
    ("upper", "lower"),
    [
        # no bracket closes below: the lower line may be the next row, as _starts_row says
        ([("(1", 800), ("2345", 850)], [("67890", 700), ("12", 810), ("1", 860)]),
        # the bracket closes on its own line: the number above is whole
        ([("(1", 800), ("2345)", 850)], [("67890", 700), ("12", 810), ("1)", 860)]),
        # another bracket opens below: two items
        ([("(1", 800), ("2345", 850)], [("(67890", 700), ("12", 826), ("1)", 876)]),
        # more than 13 digits together: two numbers, never glued
        ([("(1", 800), ("2345", 850)], [("67890", 700), ("12", 810), ("1", 860), ("99)", 890)]),
        # the lower piece does not start under the cell's text
        ([("(1", 800), ("2345", 850)], [("67890", 1000), ("12", 1110), ("1)", 1160)]),
    ],
)
def test_when_the_brackets_do_not_hold_one_number_then_the_lines_stay_apart(upper, lower):
    lines = _cell(upper, lower)
    assert page_text(tesseract_output(lines)) == "\n".join(" ".join(w for w, _ in line) for line in lines) + "\n"


# --- a whole page -----------------------------------------------------------------------------

#: Winners of a procurement summary, each ID written with spaces inside brackets after a name;
#: the winner column is narrow, so the IDs wrap inside the brackets at different groups.
_WINNERS = [
    ("ห้างหุ้นส่วนจำกัด เจริญคอมพิวเตอร์ จำกัด", "352080012345"),  # wraps after the 5-digit group
    ("นายธีรสรร คงเนียม ราคา", "171020045678"),  # wraps after the 4-digit group
    ("บริษัท ทรูคอร์ปอเรชั่น จำกัด (มหาชน)", "310050078901"),  # a bracket of its own before the ID's
]


def _spaced(value: str) -> str:
    return f"{value[0]} {value[1:5]} {value[5:10]} {value[10:12]} {value[12]}"


@pytest.fixture(scope="module")
def procurement_scan():
    header = ["ลำดับที่", "งานที่จัดซื้อหรือจัดจ้าง", "วงเงิน (บาท)", "วิธีซื้อหรือจ้าง",
              "ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง", "เหตุผลที่คัดเลือกโดยสังเขป", "เลขที่และวันที่ของสัญญา"]
    rows = [[str(n), "จ้างก่อสร้างถนนคอนกรีตเสริมเหล็ก สายบ้านสวนดอก หมู่ที่ 10 กว้าง 4 เมตร ยาว 200 เมตร หนา 0.15 เมตร",
             "495,000.00", "เฉพาะเจาะจง", f"{name} ({_spaced(thai_id(first12))}) ราคา 489,500.00 บาท",
             "เสนอราคาต่ำสุด", f"สัญญาจ้างเลขที่ {n}/2568 ลงวันที่ 12 มิ.ย. 2568"]
            for n, (name, first12) in enumerate(_WINNERS, start=1)]
    doc = SynthDoc(doc_id="test-brackets", doc_type="procurement",
                   title="สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือนมิถุนายน พ.ศ. 2568",
                   blocks=[Block("table", header=header, rows=rows)], labels=[], sensitive=None)
    result = extract(render(doc, "scan_pdf", dpi=200), filename="summary.pdf")
    found = {ids.canonical("national_id", page.text[d.start : d.end])
             for page in result.pages for d in scan_document([page], key=b"k").detections if d.kind == "national_id"}
    return "\n".join(page.text for page in result.pages), found


@pytest.mark.ocr
@pytest.mark.parametrize("first12", [first12 for _, first12 in _WINNERS])
def test_when_a_spaced_id_wraps_inside_brackets_on_a_scan_then_it_is_found(procurement_scan, first12):
    text, found = procurement_scan
    assert thai_id(first12) in found, text
