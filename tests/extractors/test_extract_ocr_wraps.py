"""Wrapped pieces of masked IDs and of their column's label on scanned pages: the mask repair
keeps the word boxes usable (extractors.ocr), a label whose sara am OCR dropped at the wrap
(extractors.ocr_labels), and a masked end read alone as letters (extractors.ocr_tails)."""

from __future__ import annotations

import pytest
from extract_fixtures import thai_id

from detectors import scan_document
from extractors import extract
from extractors import ocr
from extractors.ocr import _rejoined, _repaired, normalize_thai, page_text
from extractors.ocr_layout import locate_words, split_output
from extractors.ocr_tails import accept_tail
from synth import ids
from synth.model import Block, SynthDoc
from synth.render import render


def _output(lines: list[list[tuple[str, int]]], *, glued: bool = False) -> str:
    """``tesseract ... txt tsv`` output for lines of (word, left edge): 18 px a character, 24 px
    high, lines 53 px apart (a 200 dpi page). ``glued``: the text writes a line's words without
    spaces, as Tesseract does between words of Thai script."""
    rows = ["level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"]
    for n, line in enumerate(lines, start=1):
        for k, (word, left) in enumerate(line, start=1):
            rows.append(f"5\t1\t1\t1\t{n}\t{k}\t{left}\t{100 + 53 * n}\t{18 * len(word)}\t24\t95.0\t{word}")
    sep = "" if glued else " "
    return "\n".join(rows) + "\n" + "\n".join(sep.join(w for w, _ in line) for line in lines) + "\n"


# --- the mask repair and the word boxes -----------------------------------------------------------


def test_when_a_mask_read_as_thai_zero_is_a_word_of_its_own_then_the_boxes_still_match_the_text():
    # "1234567๐๐" in the text, but "1234567" and "๐๐" apart in the boxes: repaired word by word,
    # "๐๐" (no digits of its own) stayed while the text said "XX", and the page lost its layout
    lines = [[("1234567", 400), ("๐๐", 526)], [("XXXX", 400)]]
    text, tsv = split_output(_output(lines, glued=True))
    text, tsv = _repaired(text, tsv)
    assert text.split("\n")[0] == "1234567XX"
    assert locate_words(text, tsv) is not None
    assert normalize_thai(_rejoined(text, tsv)) == "1234567XX\nXXXX"  # the wrapped ID joined


# --- the ID column's label ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pieces", "header"),
    [
        # OCR drops the nikhahit of a sara am that starts the lower line: "าตัว"
        (["เลขประจ", "าตัวผู้เสีย", "ภาษี"], "ที่ ชื่อ เลขประจำตัวผู้เสียภาษี อายุ"),
        (["เลขประจ", "าตัวประชาชน"], "ที่ ชื่อ เลขประจำตัวประชาชน อายุ"),
        # more of the header after the label comes along
        (["เลขประจำตัวป", "ระชาชน/เลขที่"], "ที่ ชื่อ เลขประจำตัวประชาชน/เลขที่ อายุ"),
    ],
)
def test_when_a_wrapped_label_lost_its_sara_am_or_goes_on_then_it_is_joined_whole(pieces, header):
    lines = [[("ที่", 100), ("ชื่อ", 200), (pieces[0], 400), ("อายุ", 700)]]
    lines += [[(piece, 400)] for piece in pieces[1:]]
    lines.append([("1", 100), ("นายก", 200), ("1234", 400)])
    assert normalize_thai(page_text(_output(lines))) == header + "\n1 นายก 1234"


def test_when_a_number_follows_the_label_in_its_cell_then_it_stays_where_it_is():
    # "เลขประจำตัวผู้เสีย" / "ภาษี0" / "3355 48332 31 4": the 0 starts the number, not the header
    lines = [[("เลขประจำตัวผู้เสีย", 400)], [("ภาษี0", 400)], [("3355", 400), ("48332", 490), ("31", 590), ("4", 640)]]
    text = "\n".join(" ".join(w for w, _ in line) for line in lines) + "\n"
    assert page_text(_output(lines)) == text


# --- the masked end of an ID alone on the line below -------------------------------------------


@pytest.mark.parametrize(
    ("upper", "reading", "glyphs", "tail"),
    [
        # "##" after digits read as "7#" or "###": the masks are counted in the ink
        ("680190259##", "6801902597###", 2, "##"),
        ("170098919##", "170098910####", 2, "##"),
        # asterisks stand apart: as many as the reading adds
        ("1181****", "1181*********", 5, "*****"),
        # a dashed number keeps its dashes
        ("3401-5522x-", "3401-5522x-XX-X", 4, "XX-X"),
        # a wide "X" counted by its runs of ink, not its width
        ("061-56X-", "061-56X-XXXX", 4, "XXXX"),
    ],
)
def test_when_the_glued_reading_ends_with_more_masks_then_they_are_the_tail(upper, reading, glyphs, tail):
    assert accept_tail(upper, reading, glyphs) == tail


@pytest.mark.parametrize(
    ("upper", "reading", "glyphs"),
    [
        ("4120****", "41", 5),  # the masks were not read at all
        ("5840****", "5840****", 5),  # nothing read after the number
        ("190108851##", "190108851744", 2),  # digits after it: a name or a misreading
        ("4120****", "4120**********", 10),  # more than an ID's 13 positions
    ],
)
def test_when_the_glued_reading_adds_no_masks_or_too_many_then_the_tail_is_left(upper, reading, glyphs):
    assert accept_tail(upper, reading, glyphs) is None


def _tax_roll() -> SynthDoc:
    """A tax roll whose ID column wraps each "####"-masked ID after 11 characters: its last two
    masks alone on the next line, which the Thai model reads as "HH"."""
    def masked(first12: str) -> str:
        return ids.mask_written(thai_id(first12), hidden=4, where="back", char="#")

    rows = [
        ["1", "นางสาวธิปัตยา หริ่มสง่า", masked("680190259123"), "โฉนดที่ดินเลขที่ 23117 เลขที่ดิน 3 หน้าสำรวจ 8625", "13,887.29", "-"],
        ["2", "นางวชิรา อาบสุวรรณ์", masked("811093455789"), "น.ส.3 ก. เลขที่ 95728 เลขที่ดิน 337 หน้าสำรวจ 6480", "40,825.20", "-"],
    ]
    header = ["ลำดับ", "ชื่อผู้เสียภาษี", "เลขประจำตัวผู้เสียภาษี", "รายการทรัพย์สิน", "จำนวนเงินภาษี (บาท)", "หมายเหตุ"]
    return SynthDoc(doc_id="test-tails", doc_type="tax_roll",
                    title="บัญชีรายชื่อผู้มีหน้าที่เสียภาษีที่ดินและสิ่งปลูกสร้างที่ยังมิได้ชำระภาษี ประจำปี 2568",
                    blocks=[Block("table", header=header, rows=rows)], labels=[], sensitive=None)


@pytest.mark.ocr
@pytest.mark.parametrize(
    ("passes", "joined"),
    [
        # as the product reads it: the ruled cell read whole (extractors.ocr_cells)
        ("all", "|680190259####|"),
        # as an unruled table is read: the tail read glued to its number (extractors.ocr_tails)
        ("words", "680190259##\n##"),
    ],
)
def test_when_a_masked_ids_end_wraps_alone_and_is_read_as_letters_then_it_comes_back_as_masks(monkeypatch, passes, joined):
    if passes == "words":
        monkeypatch.setattr(ocr, "_SHEET_PASSES", [p for p in ocr._SHEET_PASSES if p[1] is ocr.reread_numbers])
    result = extract(render(_tax_roll(), "scan_pdf", dpi=200), filename="roll.pdf")
    (page,) = result.pages
    assert "HH" not in page.text and joined in page.text, page.text
    found = {ids.canonical("national_id", page.text[d.start : d.end]): d.status.value
             for d in scan_document(result.pages, key=b"k").detections if d.kind == "national_id"}
    assert found.get("680190259XXXX") == "masked", found
