"""Which cells are worth reading again (extractors.ocr_wanted): digits and masks, and what the
Thai model makes of masks; not dates, amounts, words or Thai digits; IDs written with dots."""

from __future__ import annotations

import pytest

from extractors.ocr_wanted import dotted_id, miscounted_dots, redotted, starts, worth_reading


@pytest.mark.parametrize(
    ("core", "worth"),
    [
        ("3-421%>90000« -XX-X", True),  # junk masks and digits: a masked number
        ("XX-XXX %-7378", True),
        ("087 824\nHHH", True),  # "H" is the Thai model's "#"
        ("08 9666\nHHHHE", True),  # ... and a line of "####" it reads as capitals
        ("09 1275\nHAH", True),
        ("088-2 \n89-##\nHt", True),  # "##" wrapped below a phone's masks, read "Ht"
        ("088-2 \n89-##\nHotel", False),  # ... but a word is a word
        ("FHEHHT84530004", True),  # the Thai model's letters for a run of "#" before the digits
        ("HHHHO 10959844", True),  # ... and a digit after them read as "O"
        ("HHHHE 06238", True),  # ... or a word of their own
        ("ส ม #*** ห ห **7226", True),  # lone Thai letters among asterisks: its reading of some
        ("สม#***หห**7226", True),  # ... glued to them before the digits
        ("นาย ก ข ค 0812345678", False),  # lone letters with no asterisk: words
        ("THE 0812345678", False),  # a word: one "H" is no run of "#"
        ("0 2627\nTHHH", False),  # but a line may start with a digit: "7###" (or "4###" as "AHHH")
        ("3 430* \nmoore ** *", True),  # its words for a run of asterisks, beside one it read
        ("+66-80-2\nส ม ม ม ห *", True),  # ... and lone Thai letters
        ("e\n*1-08-7", True),
        ("see 0812345678", False),  # a word, and no asterisk beside it: text
        ("15/02/2493", False),  # a date
        ("13,887.29", False),  # money
        ("๐๘๑ ๒๓๔ ๕๖๗๘", False),  # Thai digits: the whitelist would make up Arabic ones
        ("VI4-7381135-09", False),  # a laser code: its letters are not in the whitelist
        ("1234", False),  # too short to be a number worth a second look
        # an ID's first groups, its masked end wrapped and read with a "4" as "A", a dash as "~"
        ("3-2018-33996\n~AX-x", True),
        ("นาย ก ข ค\n~AX-x", False),  # ... but under a name it is a word's junk
        # masked numbers whose digits the Thai model read as capitals: "0985xxxxxx", "XXX XX8 2349"
        ("OIBSxxxxx\nxX", True),
        ("XXX XXB\n2349", True),
        ("OBS 0812345678", False),  # capitals beside no mask: a word
        ("***.2 \n181", True),  # "**-****-2181": a dash after masks read as a dot
        ("*.5 ต.บ้านบัว", False),  # ... but a dot in a word's line is no number's
        ("2-1214-xxxo7-24.9", True),  # an ID's last dash read as a dot, its 9 beside masks as "o"
        ("1-2345-67890.12.1", True),  # ... or its last two
        ("1.2345-67890-12-1", False),  # a dot for its first dash: no ID of ours is read so
        ("12-2568.50", False),  # a date and an amount: not an ID's groups
        ("****14.1210739", True),  # a speck read as a dot among a masked ID's 13 positions
        ('1861***"eee*', True),  # small letters and a quote among asterisks: the Thai model's reading of some
        ("1861 see", False),  # ... but beside no asterisk they are a word
        ("HHA\n26", True),  # a run of "#" read as a short junk word, the ID's last digits wrapped below
        ("THE\n26", False),  # ... but a word over a number is a word and a number
        ("****14.121073", False),  # ... but 12 positions with a dot may be an amount's
        ("1.5.2566", False),  # ... and a date has no masks
    ],
)
def test_when_a_cell_holds_text_or_thai_digits_then_it_is_not_read_again(core, worth):
    assert worth_reading(core) is worth


@pytest.mark.parametrize(
    ("word", "start"),
    [
        ("2-1214-xxxo7-24.9", True),  # an ID with dashes, its last read as a dot: its cell is looked for
        ("1-2345-67890.12.1", True),
        ("13,887.29", False),  # money: a dot is no number-like word's
        ("1.2345-67890-12-1", False),
        ("****14.1210739", True),  # a speck read as a dot inside a masked ID: its cell is looked for
        ("****1.21073.9", False),  # two dots: a date's or a dotted layout's, not a speck
    ],
)
def test_when_an_ids_dash_is_read_as_a_dot_then_its_cell_is_looked_for(word, start):
    assert starts(word) is start


@pytest.mark.parametrize(
    ("core", "dotted"),
    [
        ("6.3118.5469x,xx,\nx", "6.3118.5469x.xx.x"),  # a dot read as a comma, the end wrapped
        ("3.1012,00000.12.1", "3.1012.00000.12.1"),
        ("6.3118.5469x.xx.x", None),  # read right: nothing to put right
        ("1,234.56", None),  # money
        ("6.3118.5469x,xx", None),  # twelve positions: not an ID
    ],
)
def test_when_a_cell_holds_an_id_written_with_dots_then_its_dots_are_put_right(core, dotted):
    assert dotted_id(core) == dotted


@pytest.mark.parametrize(
    ("core", "miscounted"),
    [
        ("X.XXXx1.01380.44.5", True),  # a mask too many: "X.XXX1.01380.44.5"
        ("X.xXxXx6.87053.45.8", True),  # ... and a dot lost
        ("%90900< ๐ 7%6153.51.1", True),  # its masks read as junk ("X.XXXX.X6153.51.1")
        ("6.3118.5469x,xx,\nx", False),  # laid out right: dotted_id mends its commas
        ("6.3118.5469x.xx.x", False),  # read right
        ("3.1012.00000.12.1", False),  # no mask: read right, or a number of another kind
        ("1,234.56", False),  # money
    ],
)
def test_when_a_dotted_id_is_read_with_its_masks_miscounted_then_its_cell_is_read_again(core, miscounted):
    assert miscounted_dots(core) is miscounted
    assert starts(core) or not miscounted


@pytest.mark.parametrize(
    ("reading", "dotted"),
    [
        ("XXXX101380445", "X.XXX1.01380.44.5"),
        ("X-XXX1-01380-44-5", "X.XXX1.01380.44.5"),
        ("XXXX10138044", "XXXX10138044"),  # twelve positions: left as it is (accept refuses it)
    ],
)
def test_when_a_dotted_id_is_read_without_its_dots_then_they_are_put_back(reading, dotted):
    assert redotted(reading) == dotted
