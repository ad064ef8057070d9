"""IDs spread a digit apart that OCR read with some spaces lost (extractors.ocr_spread), and the
digit height the layout measures in on a page of Thai digits (extractors.ocr_layout)."""

from __future__ import annotations

import pytest
from extract_fixtures import tesseract_output, thai_id

from detectors import scan_document
from extractors.base import Page
from extractors.ocr import page_text

_ID = thai_id("810152732976")  # 8101527329768


def _cell(groups: list[str], left: int = 400) -> list[tuple[str, int]]:
    """Words a letter space apart (tesseract_output: 18 px a character)."""
    out = []
    for g in groups:
        out.append((g, left))
        left += 18 * len(g) + 14
    return out


def _row(groups: list[str]) -> list[list[tuple[str, int]]]:
    return [[("4", 100), ("นายจินต์", 200), *_cell(groups), ("โฉนด", 900)]]


def _ids(text: str) -> list[str]:
    found = scan_document([Page(1, text, "ocr", ocr=True)], key=b"k").detections
    return [text[d.start : d.end] for d in found if d.kind == "national_id"]


@pytest.mark.parametrize(
    ("groups", "spread"),
    [
        # a person's ID whose check digit holds, some letter spaces closed by OCR
        (["8", "1", "0", "1", "5", "27329", "768"], " ".join(_ID)),
        # masked by a run of masks at its head
        (["****6", "82", "6", "6", "1", "7", "3", "8"], "* * * * 6 8 2 6 6 1 7 3 8"),
    ],
)
def test_when_a_spread_id_lost_some_spaces_then_it_is_spread_again_and_found(groups, spread):
    text = page_text(tesseract_output(_row(groups)))
    assert spread in text, text
    assert _ids(text) == [spread]


@pytest.mark.parametrize(
    "groups",
    [
        # the check digit does not hold: a row of small numbers, not an ID
        ["8", "1", "0", "1", "5", "27329", "769"],
        # masks between digits: no clerk masks so
        ["8", "1", "*", "*", "*", "*7329", "768"],
        # an ID written in its 1-4-5-2-1 groups: already as the detectors read it
        ["x", "xxxx", "xxxx1", "10", "9"],
        # mostly groups, one lone digit: a mangled spaced ID, not a spread one
        ["x", "xxxx", "XxXxx8", "90"],
        # twelve digits
        ["8", "1", "0", "1", "5", "27329", "76"],
    ],
)
def test_when_a_run_is_no_spread_id_then_it_is_left_as_ocr_read_it(groups):
    lines = _row(groups)
    assert page_text(tesseract_output(lines)) == " ".join(w for w, _ in lines[0]) + "\n"


def test_when_a_spread_id_wraps_in_its_cell_then_its_pieces_are_spread_too():
    upper, middle, lower = _ID[:5], _ID[5:10], _ID[10:]
    lines = [[("4", 100), ("นายจินต์", 200), (upper, 400), ("โฉนด", 900)],
             [("ใจดี", 200), *_cell(list(middle)), ("เลขที่", 900)],
             [(lower, 400), ("หน้า", 900)]]
    text = page_text(tesseract_output(lines))
    assert _ids(text) == [" ".join(_ID)], text


def _boxed(lines: list[list[tuple[str, int, int]]]) -> str:
    """Tesseract output for lines of (word, left, height): lines 54 px apart."""
    rows = ["level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"]
    for n, line in enumerate(lines, start=1):
        for k, (word, left, height) in enumerate(line, start=1):
            rows.append(f"5\t1\t1\t1\t{n}\t{k}\t{left}\t{100 + 54 * n}\t{18 * len(word)}\t{height}\t95.0\t{word}")
    return "\n".join(rows) + "\n" + "\n".join(" ".join(w for w, _, _ in line) for line in lines) + "\n"


def test_when_a_page_is_full_of_thai_digits_then_distances_are_still_in_arabic_digit_heights():
    # one-glyph Thai digits boxed 14 px high outnumber the Arabic numbers (24 px): measured in
    # them, the ID's lower piece one line (54 px) below would be too far down to join
    thai = [(d, 700 + 20 * i, 14) for i, d in enumerate("๑๒๓๔๕๖๗๘๙")]
    lines = [[("1", 100, 24), ("นายก", 200, 40), (_ID[:8], 400, 24), *thai],
             [("ใจดี", 200, 40), (_ID[8:], 400, 24), *thai]]
    text = page_text(_boxed(lines))
    assert f"{_ID[:8]}\n{_ID[8:]}" in text, text
