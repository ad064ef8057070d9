"""Which reading of a ruled cell replaces the first pass's words (extractors.ocr_accept): one
whole number, laid out as numbers are written, with no digit the first pass did not read; laser
codes with their capitals."""

from __future__ import annotations

import pytest
from extract_fixtures import thai_id

from extractors.ocr_accept import accept, accept_laser, laser_like, overlong, sevens


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
        # a spread ID wrapped in its cell, the cell's left rule read as a "1" glued to it
        ("1615150539\n1740", "6151505391740", "6151505391740"),
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
        # a "1" dropped from the start, but the thirteen left are no valid ID: a digit lost
        ("1615150539\n1741", "6151505391741"),
        # ... or a digit dropped from the start that is not a "1": no rule reads so
        ("2615150539\n1740", "6151505391740"),
        # nothing new: the same characters, only the line break gone
        ("0812345678", "0812345678"),
        # ten positions, but not from 0: an ID whose wrapped, masked end the model dropped, and
        # a +66 phone that lost a digit
        ("2-2305-156 เว ม", "2-2305-156*"),
        ("66652729 7XX", "66652729XX"),
        # nine positions from 09: a mobile with a mask lost, no landline
        ("097 140 \nXxX", "097140xxx"),
        # ... or a landline's nine read a mask too many: the page counts them
        ("03891200<\n%", "03891XXXXx"),
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
        # the masks alone on its last line, which the eng model read nothing of: the first pass's
        ("จ 0558562***\n*", "RD558562***", "RD5 58562** **"),
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
        ("60377317****", True),  # ... but twelve ending in masks: no phone's or ID's count
        ("12-3456-7890", False),  # a phone's grouping
    ],
)
def test_when_a_cell_is_laid_out_as_a_laser_code_then_it_is_read_with_capitals(core, laser):
    assert laser_like(core) is laser


@pytest.mark.parametrize(
    ("core", "reading", "expected"),
    [
        # a valid ID's thirteen on the first line, a fourteenth wrapped below: one number, no ID
        ("3900979901380 \n1", "39009799013801", "39009799013801"),
        # ... or two more
        ("3900979901380\n12", "390097990138012", "390097990138012"),
        # the reading disagrees on a digit: no reading to trust
        ("3900979901380\n1", "39009799013807", None),
        # the first line is no valid ID: nothing for the detectors to take, nothing to mend
        ("3900979901381\n1", "39009799013811", None),
        # a word beside the digits: not one number alone in its cell
        ("3900979901380\nม.1", "39009799013801", None),
        # one line: the detectors already see fourteen digits
        ("39009799013801", "39009799013801", None),
        # two whole numbers in a cell stay two
        ("3900979901380\n0812345678", "39009799013800812345678", None),
    ],
)
def test_when_a_cell_holds_an_id_and_a_digit_or_two_more_then_they_are_glued_as_one_number(core, reading, expected):
    assert overlong(core, reading) == expected


@pytest.mark.parametrize(
    ("core", "reading", "expected"),
    [
        # the eng model read the 7 as 1, and the first pass's "O" beside masks is its 0
        ("36602\n7OXXXXXX", "3660210XXXXXX", "3660270XXXXXX"),
        # a 7 read as 1 in a whole number: the first pass's digit back in its place
        ("0817 2X\nXXXX", "0811 2XXXXX", "0817 2XXXXX"),
        # nothing to mend: the same digits
        ("0812 2X\nXXXX", "0812 2XXXXX", None),
        # a digit more than the first pass read: not a 7 read as 1
        ("0817 2X\nXXXX", "08117 2XXXX", None),
        # a digit other than 7 against 1: the two disagree, no reading to trust
        ("0819 2X\nXXXX", "0811 2XXXXX", None),
        # ... or the first pass's 1 against the eng model's 7: not the eng model's misreading
        ("0811 2X\nXXXX", "0817 2XXXXX", None),
        # an "O" where nothing is masked is no 0: a word's letter
        ("36602\n7O", "3660210", None),
    ],
)
def test_when_the_eng_model_reads_a_7_as_1_then_the_first_passs_digits_are_kept(core, reading, expected):
    assert sevens(core, reading) == expected
