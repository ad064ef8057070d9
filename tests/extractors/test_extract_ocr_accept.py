"""Which reading of a ruled cell replaces the first pass's words (extractors.ocr_accept): one
whole number, laid out as numbers are written, with no digit the first pass did not read; laser
codes with their capitals."""

from __future__ import annotations

import pytest
from extract_fixtures import thai_id

from extractors.ocr_accept import accept, accept_laser, laser_like


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
        # a +66 phone: "+66" stands for its 0
        ("+66-91-2\nส ม ****", "+66-91-2**-****", "+66-91-2**-****"),
        # a landline's masks run over its last dash: one group of masks, however long
        ("043-3\n **", "043-3*****", "043-3*****"),
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
        # ... and a phone's group of digits longer than any phone's ("043-33*2**": a cut read as a dash)
        ("043 33*2**", "043-33*2**"),
        # ... or masks before a digit: the eng model read the 9 of "*97" as a mask
        ("***-*97-49\n18", "****7-4918"),
        # ... or masks inside the number: a laser code's digits after its letters, no phone
        ("6 ป 0-92320\nXX-XX", "0-923XXXX-XX"),
        # a whole, valid ID: a mask in place of one of its digits is the misreading
        (f"{_DASHED[:14]} {_DASHED[14:]}", _DASHED[:13] + "*" + _DASHED[14:]),
        # nothing new: the same characters, only the line break gone
        ("0812345678", "0812345678"),
        # ten positions, but not from 0: an ID whose wrapped, masked end the model dropped, and
        # a +66 phone that lost a digit
        ("2-2305-156 เว ม", "2-2305-156*"),
        ("66652729 7XX", "66652729XX"),
        # nine positions from 09: a mobile with a mask lost, no landline
        ("097 140 \nXxX", "097140xxx"),
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
    assert laser_like(core)
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
    assert laser_like(core) is laser
