"""Numbers that wrap inside a ruled cell of prose (extractors.ocr_prose): which words make the
number, how its crop is cut out of the cell, and a procurement notice whose winners' numbers
only this reading gets whole."""

from __future__ import annotations

import pytest
from extract_fixtures import scanned

from benchmarks.corpus import make_corpus_doc
from extractors.ocr_boxes import Word
from extractors.ocr_prose import _unbracketed, wrapped_in_prose
from extractors.ocr_table import Cell


def _cell(lines: list[str]) -> Cell:
    """A cell of the first pass's words, a line of the page each; words 20 px a glyph wide."""
    words = []
    for k, line in enumerate(lines):
        x = 10
        for text in line.split():
            words.append(Word(text, x, 40 * k, x + 20 * len(text), 40 * k + 24, line=k))
            x += 20 * len(text) + 12
    return Cell((0, 0, 1000, 40 * len(lines)), words)


@pytest.mark.parametrize(
    ("lines", "number"),
    [
        # a spread number wrapped after its sixth digit, its masks read as junk, in brackets
        (["ร้านพงศกรณ์ โดยนายพงศกรณ์", "ราชไมตรี (1 2 1 1 7 8", "7 179%>% %) ราคา", "16,055.00 บาท"],
         "(1 2 1 1 7 8 7 179%>% %)"),
        # a taxpayer number whose first and last digits wrapped apart, a rule read as a word
        (["เลขประจำตัวผู้เสียภาษี 5", "42019515005 |", "5", "ราคา 511,447.17 บาท"], "5 42019515005 5"),  # (the rule left out)
        # a masked phone wrapped in a sentence
        (["ติดต่อ นายสมชาย โทร 081 234", "XXXX ในวันราชการ"], "081 234 XXXX"),
    ],
)
def test_when_a_number_wraps_in_a_cell_of_prose_then_its_words_alone_are_taken(lines, number):
    part = wrapped_in_prose(_cell(lines))
    assert part is not None
    assert " ".join(w.text for w in part.words) == number


@pytest.mark.parametrize(
    "lines",
    [
        ["ราชไมตรี (1 2 1 1 7 8 7 1 7 9 X X X) ราคา"],  # on one line: the page reads it whole already
        ["ราคา 16,055.00", "บาท 2 สิงหาคม 2566"],  # an amount and a date: no number of a person
        ["หมู่ที่ 12", "34 ถนนสุขุมวิท"],  # house numbers a line apart: too few digits
        ["เลขที่ 5 42019", "515005 5 และ 081 234", "XXXX"],  # two numbers: which words are whose
        ["เลขคุมสัญญา 6609066", "682321234 ราคา"],  # sixteen digits: a contract number, no person's
        ["เลขที่อ้างอิง", "2567021652149", "9"],  # fourteen digits: a reference number
    ],
)
def test_when_a_cell_of_prose_holds_no_wrapped_number_then_nothing_is_taken(lines):
    assert wrapped_in_prose(_cell(lines)) is None


def _word_crop(text: str, size: int = 24):  # noqa: ANN202 - (PIL image, rows of the digits)
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype("/usr/share/fonts/truetype/tlwg/Garuda.ttf", size)
    image = Image.new("L", (size * len(text), 3 * size), 255)
    ImageDraw.Draw(image).text((4, size // 2), text, font=font, fill=0)
    digits = Image.new("L", image.size, 255)
    ImageDraw.Draw(digits).text((4, size // 2), "8", font=font, fill=0)
    band = digits.point(lambda v: 255 if v < 128 else 0).getbbox()
    return image, band[1], band[3]


@pytest.mark.parametrize(
    ("text", "cut_left", "cut_right"),
    [
        ("(12", True, False),  # a bracket reaches below the digits' baseline, and above them
        ("79X)", False, True),
        ("(1)", True, True),
        ("123", False, False),  # digits alone: nothing cut
        ("XX*", False, False),  # masks stand within the digits' rows too
    ],
)
def test_when_a_word_has_a_bracket_at_an_end_then_its_columns_are_cut(text, cut_left, cut_right):
    image, upper, lower = _word_crop(text)
    ink = image.point(lambda v: 255 if v < 128 else 0).getbbox()
    lo, hi = _unbracketed(image, upper - 1, lower + 1)
    assert (lo > ink[0]) is cut_left
    assert (hi < ink[2]) is cut_right


@pytest.mark.ocr
def test_when_spread_numbers_wrap_in_a_procurement_notices_prose_then_they_are_found_whole():
    # a procurement notice (seed 44, document 6: made up) whose winner cell names a person and
    # wraps their spread number "(1 2 1 1 7 8" / "7 1 7 9 X X X)": the first pass reads its
    # pieces lines apart, with other columns between, and its masks as "%>% %"
    found = scanned(make_corpus_doc(44, 6, size="short"), "scan_pdf")
    assert found.get(("national_id", "1211787179XXX")) == "under_masked", found
