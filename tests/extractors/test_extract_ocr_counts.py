"""Masks and digits counted on the page where neither reading counts them right
(extractors.ocr_counts): cells drawn in the corpus's font, their glyphs measured."""

from __future__ import annotations

import pytest

from extractors.ocr_counts import _aligned, _headed, _shaped_digits, head_digits, mask_shapes, page_confirmed
from extractors.ocr_counts import unread_digits, with_digits
from extractors.ocr_sheet import cell_shapes


def _drawn(lines: list[str], *, size: int = 24):  # noqa: ANN202 - PIL image
    """A cell's crop: ``lines`` in Garuda (Debian's fonts-thai-tlwg), as the corpus renders them."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype("/usr/share/fonts/truetype/tlwg/Garuda.ttf", size)
    image = Image.new("L", (12 * size, (len(lines) + 1) * 2 * size), 255)
    for k, line in enumerate(lines):
        ImageDraw.Draw(image).text((size // 2, size // 2 + k * 2 * size), line, font=font, fill=0)
    return image


@pytest.mark.parametrize(
    ("lines", "core", "read", "expected"),
    [
        # the eng model read a line of asterisks as nothing, "****3" as "*x3": the page counts them
        (["* ****", "****3 80", "1"], "see\n****3 80\n1", ["*x3 80", "1"], "*********3801"),
        # ... and dropped a digit beside them: the first pass's digits, as many as the tall glyphs
        (["* ****", "****3 80", "1"], "* **** ง\n****3 80\n1", ["80", "1"], "*********3801"),
        # the first pass lost the masks, the eng model read a 7 as 1 (as it does): the page's
        # glyphs, the first pass's digits
        (["152023", "745****"], "152023\n745", ["152023", "145****"], "152023745****"),
        # the first pass read a digit more (a speck): the reading's, among the first pass's
        (["****206", "058360"], "7****206\n058360", ["****206", "058360"], "****206058360"),
        # dashes are flat and lower than an asterisk's middle
        (["*-****-***", "*1-08-7"], "e\n*1-08-7", ["*1-08-7"], "*-****-****1-08-7"),
        # a phone's +66: a cross, not a mask
        (["+66-91-2", "**-****"], "+66-91-2\nส ม ****", ["+66-91-2"], "+66-91-2**-****"),
        # "×" read long: x-shaped glyphs, counted
        (["6520×××××", "××××"], "6520xxxxx\nม %%%", ["6520xxxxx", "xxxXX"], "6520xxxxxxxxx"),
        (["××××××", "8992"], "xxxxxx\n8992", ["xXxXXXX", "8992"], "xxxxxx8992"),
        # a capital "X" is as tall as a digit, but x-shaped: the first pass read one as two
        (["37712", "14051 XX", "X"], "37712 \n14051 XX\n%", ["37712", "14051XX", "xX"], "3771214051xxx"),
        # hashes have two bars across, no digit has: counted by their strokes, touching or not
        (["####101676"], "#4101676", ["#01676"], "####101676"),  # the first pass read one as a 4
        (["####439237248"], "# ห 9439237248", ["39237248"], "####439237248"),  # ... or a 9
        # a digit the first pass made part of its "HHH": the page has a tall glyph for it
        (["####715101"], "HHH 15101", ["#715101"], "####715101"),
        # ... and the eng model read its 7 as 1, the first pass did not
        (["#########9372"], "HHAEHHHHHOS\n72", ["93", "12"], "#########9372"),
        # the first pass read asterisks as 8s, the eng model junk: glyph for glyph, the page's
        # tall glyphs hold the first pass's digits, its small high ones are asterisks
        (["1340*********"], "1340**8888***", ["1 17-10"], "1340*********"),
        # "×" read as junk and digits before the last groups, which line up with the page glyph for
        # glyph: the first pass's digits there (the eng model read one otherwise: "3-07-4")
        (["×-××××-××××3-02-4"], "ม 2 ม ม %%%2%%%%3-02-4", ["X-XXXX-XXXX3-07-4"], "x-xxxx-xxxx3-02-4"),
        # ... hashes read as 9s and 8s, the eng model a line of them as a "7": the page has no
        # tall glyph for it
        (["#########", "8471"], "#99899998\n 8471", ["7", "8471"], "#########8471"),
        # ... or all of them, the eng model none ("31 51"): every glyph not a digit's height is an
        # asterisk, so the first pass's other digits are misreadings
        (["3151*********"], "3151335488888", ["31 51"], "3151*********"),
        (["4-211*-*****-**-*"], "4-211*-*8 888 488 8", ["4-21 1"], "4-211*-*****-**-*"),
    ],
)
def test_when_masks_are_read_short_or_long_then_their_glyphs_on_the_page_are_counted(lines, core, read, expected):
    assert mask_shapes(_drawn(lines), core, read, unit=17) == expected


@pytest.mark.parametrize(
    ("size", "unit"),
    [
        (24, 17),  # hashes touch in runs of two and three: the median run is no glyph's width
        (28, 20),  # ... and of one and two: a lone "#" was measured against a pair's width
    ],
)
def test_when_hashes_touch_in_runs_then_each_run_is_counted_against_one_glyphs_width(size, unit):
    assert cell_shapes(_drawn(["#########44", "26"], size=size), unit) == "#########TTTT"


@pytest.mark.parametrize(
    ("lines", "core", "read", "unit"),
    [
        # fewer digits than tall glyphs, in both readings
        (["* ****", "****3 80", "1"], "see\n****3 8\n1", ["*x3 8", "1"], 17),
        (["* ****", "****3 80", "1"], "see\n****3 8\n1", ["*x3 80", "71"], 17),  # more, and fewer
        (["1 1ก0*", "***** ** *"], "1 1ก0*\nmoore ** *", ["110*"], 17),  # a letter: not a number's glyph
        # the two readings disagree on a digit: neither is taken
        (["****206", "058360"], "****206\n058360", ["****906", "058360"], 17),
        # a digit more than a "#" is read as (4 or 9): not the first pass's misreading of one
        (["####101676"], "#5101676", ["#01676"], 17),
        # a digit the first pass did not read, and no "#" on the page to tell masks from digits
        (["xxxx715101"], "xxxx 15101", ["xxxx715101"], 17),
        # glyph for glyph only where the first pass read as many characters as the page shows
        (["1340*********"], "1340**8888**", ["1 17-10"], 17),
        # ... and the page shows digits: glyphs all small are digits measured against a wrong unit
        (["360098527217*"], "360098527217*", ["360098527217*"], 34),
        # the first pass read a valid ID, the eng model lost its first digit, of which the crop
        # kept a small high piece: no asterisk hides a digit of an ID read whole
        (["*391271374191"], "7391271374191", ["391271374191"], 17),
        # the last groups line up with the page, but the eng model read two of their digits otherwise
        (["×-××××-××××3-02-4"], "ม 2 ม ม %%%2%%%%3-02-4", ["X-XXXX-XXXX3-77-4"], 17),
        # the first pass's digits where the eng model read none: the page shows them all tall
        (["3151335488888"], "3151335488888", ["31 51"], 17),
    ],
)
def test_when_the_glyphs_do_not_match_the_digits_read_then_the_count_is_not_used(lines, core, read, unit):
    assert mask_shapes(_drawn(lines), core, read, unit=unit) is None


@pytest.mark.parametrize(
    ("lines", "core", "reading", "expected"),
    [
        # the first pass made junk of "6***": the reading's new digit, as the page shows it
        (["08 2742", "6***"], "08 2742 \neee", "0827426***", "0827426***"),
        # a mask more than the page shows
        (["08 2742", "6***"], "08 2742 \neee", "0827426****", None),
        # a digit for a glyph the page shows as a mask
        (["08 2742", "6***"], "08 2742 \neee", "08274261**", None),
        # a first-pass digit the reading lost ("5" for "6"): no
        (["08 2742", "6***"], "08 2752 \neee", "0827426***", None),
        # "#" is as tall as a digit: a mask read as a digit would look the same
        (["08 2742", "6###"], "08 2742 \nHHH", "0827426###", None),
        # the first pass read each "X" as a digit or two: the reading's masks, as the page shows them
        (["XXXX914736592"], "72000(914736592", "XXXX914736592", "XXXX914736592"),
        # ... but not where the page shows digits for the reading's masks
        (["7200914736592"], "72000(914736592", "XXXX914736592", None),
        # a "#" of the first pass where the page shows asterisks and no hash: an asterisk misread
        (["*****76032187"], "*#***76(0232187", "*****76032187", "*****76032187"),
        # ... but where the page shows a hash, a digit beside it may be one
        (["*#***76032187"], "*#***76(0232187", "*****76032187", None),
    ],
)
def test_when_the_page_confirms_a_reading_then_its_new_digits_are_taken(lines, core, reading, expected):
    assert page_confirmed(_drawn(lines), core, reading, unit=17) == expected


@pytest.mark.parametrize(
    ("core", "shapes", "reading", "expected"),
    [
        # the page shows four digits, both readings three: the glyphs alone read "3886"
        ("ate HHS\n-88-6", "#-####-####T-TT-T", "3886", "#-####-####3-88-6"),
        ("ate HHS\n-88-6", "#-####-####T-TT-T", "388", None),  # fewer digits than tall glyphs
        ("ate HHS\n-88-6", "#-####-####T-TT-T", "3996", None),  # the first pass's "886" not among them
        ("HEHE HHS\n-12-7", "#-####-####T-TT-T", "3 1 2 1", "#-####-####3-12-7"),  # the first pass's 7 (eng reads 1)
    ],
)
def test_when_neither_reading_has_a_digit_the_page_shows_then_the_glyphs_alone_are_read(core, shapes, reading,
                                                                                      expected):
    assert with_digits(core, shapes, reading) == expected


@pytest.mark.parametrize(
    ("read", "glyphs_read"),
    [
        (["X7"], True),  # "000" and "7": each the part the other lost, four in all, as the page shows
        (["X"], True),  # the eng model read no digit: nothing to disagree with
        (["X75"], False),  # "000" and "75": five digits for four tall glyphs, and no order agrees
    ],
)
def test_when_the_readings_read_different_digits_then_the_tall_glyphs_are_read_only_if_they_add_up(read, glyphs_read):
    found = unread_digits(_drawn(["*********7000"]), "ล ******** 000", read, unit=17)
    assert (found is not None) is glyphs_read


@pytest.mark.parametrize(
    ("core", "second", "reading", "expected"),
    [
        # each reading has the part the other lost ("000" and "7"): both among the glyphs' reading
        ("ล ******** 000", "X7", "7000", "*********7000"),
        ("ล ******** 000", "X5", "7000", None),  # the eng model's 5 is not among them
        ("ล ******** 000", "X7", "7001", None),  # ... nor the first pass's 000 here
    ],
)
def test_when_the_readings_disagree_then_the_glyphs_reading_must_hold_both(core, second, reading, expected):
    assert with_digits(core, "*********TTTT", reading, second=second) == expected


@pytest.mark.parametrize(
    ("first", "read", "shapes", "expected"),
    [
        ("245", "451", "TTTTxxxxxxxxx", "2451"),  # the first pass lost the end, the eng model the start
        ("451", "245", "TTTTxxxxxxxxx", "2451"),  # ... the other way round
        ("245", "461", "TTTTxxxxxxxxx", None),  # they do not overlap: no telling
        ("245", "451", "TTTTTxxxxxxxx", None),  # one digit in common is too few to join on
    ],
)
def test_when_each_reading_lost_one_end_then_the_page_joins_them_where_they_overlap(first, read, shapes, expected):
    digits, _ = _shaped_digits(shapes, list(first), list(read))
    assert ("".join(digits) if digits else None) == expected


@pytest.mark.parametrize(
    ("first", "read", "shapes", "expected"),
    [
        # the eng reading lost a digit and made one up, but the first pass has the page's count
        ("51989684", "4989684", "*-****-TTTTT-TT-T", "51989684"),
        # ... not where a "#" is: as tall as a digit, the first pass may have read one as a digit
        ("51989684", "4989684", "#-###T-TTTTT-TT-T", None),
        # ... nor where the first pass's digits are not the page's count
        ("519896840", "4989684", "*-****-TTTTT-TT-T", None),
    ],
)
def test_when_the_eng_reading_loses_digits_and_makes_one_up_then_the_first_passs_count_decides(first, read, shapes,
                                                                                               expected):
    digits, _ = _shaped_digits(shapes, list(first), list(read))
    assert (None if digits is None else "".join(digits)) == expected


@pytest.mark.parametrize(
    ("first", "read", "shapes", "confirmed"),
    [
        # the first pass read the "#" as a 4, and the page shows a hash there: the reading stands
        ("6451214474204", "645121447420", "TTTTTTTTTTTT#", True),
        ("7131036804288", "71310368042", "TTTTTTTTTTT##", True),  # ... "##" as "88"
        # ... but a speck read as a digit the page shows nothing for is no confirmation
        ("6451214474204", "645121447420", "TTTTTTTTTTTT", False),
        # ... nor a digit no "#" is read as
        ("6451214474201", "645121447420", "TTTTTTTTTTTT#", False),
    ],
)
def test_when_the_first_pass_read_a_hash_as_a_digit_then_the_pages_hash_confirms_the_reading(first, read, shapes,
                                                                                             confirmed):
    digits, said = _shaped_digits(shapes, list(first), list(read))
    assert "".join(digits) == read
    assert said is confirmed


@pytest.mark.parametrize(
    ("shapes", "core", "read", "expected"),
    [
        # an asterisk read as a 2: only dropping it lines the digits up with the tall glyphs
        ("*-****-****T-TT-T", "#2**** ****6 05\n-3", "53", "6053"),
        ("**TT", "*1*23", "", "23"),
        ("TTT", "1234", "", None),  # a digit too many among digits: no telling which
        ("*-****-****T-TT-T", "#2**** ****6 05\n-3", "99", None),  # the eng model read other digits
    ],
)
def test_when_the_first_pass_read_a_mask_as_a_digit_then_the_page_shows_which(shapes, core, read, expected):
    digits = _aligned(shapes, core, list(read))
    assert ("".join(digits) if digits else None) == expected


@pytest.mark.parametrize(
    ("shapes", "read", "expected"),
    [
        # "#"s read as a 4, as 8s, as letters after the last digit: the page shows hashes there
        ("T-TTT#-#####-##-#", "1-912#-####HHH", "1912"),
        ("T-TTT#-#####-##-#", "1-200#-##88HHH", "1200"),
        ("TTTTTTTTTxxxx", "365073792209909<", "365073792"),
        ("xxxxxxxxxTTTT", "มม%%%%%%%42091", None),  # Thai letters for masks: no telling how many
        ("T-TTT#-#####-##-#", "1912#-####HHH", None),  # a dash missing: not glyph for glyph
        ("T-TTT#-#####-##-#", "1-9#2#-####", None),  # a mask read where the page has a digit
        ("#-####-####T-TT-T", "#-####", None),  # shorter than the page's digits reach
    ],
)
def test_when_masks_after_the_last_digit_are_misread_then_the_digits_before_them_count(shapes, read, expected):
    digits = head_digits(shapes, read)
    assert ("".join(digits) if digits else None) == expected


@pytest.mark.parametrize(
    ("shapes", "core", "read", "expected"),
    [
        ("T-TTT#-#####-##-#", "1-912#-####\nHHH", "19124", "1912"),  # the eng model read a "#" as 4
        ("****TTTTTTTTT", "****942\n817 54 5", "19817545", None),  # the two disagree on a digit
    ],
)
def test_when_the_first_passs_digits_before_misread_masks_are_taken_then_the_eng_reading_must_agree(
        shapes, core, read, expected):
    digits = _headed(shapes, core, list(read))
    assert ("".join(digits) if digits else None) == expected
