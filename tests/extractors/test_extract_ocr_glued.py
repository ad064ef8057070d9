"""A masked number glued to a Thai word, its masks counted on the page (extractors.ocr_glued):
the page drawn in Garuda (Debian's fonts-thai-tlwg, as the corpus renders), the first pass's
reading of it and its broken word box given, as Tesseract gives them."""

from __future__ import annotations

import pytest

from extract_fixtures import scanned

from benchmarks.corpus import make_corpus_doc
from extractors.ocr_glued import count_glued

_FONT = "/usr/share/fonts/truetype/tlwg/Garuda.ttf"
_LABEL = "เลขประจำตัวประชาชน"
_HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"


def _page(written: str, read: str | tuple[str, ...]) -> tuple[object, str, str]:
    """A page with ``_LABEL`` and ``written`` glued on one line, a year on the next; the first
    pass's text with ``read`` for the number, and its TSV, the number's box only its first glyph
    wide (as Tesseract boxes a number it read in Thai text); ``read`` in parts, a word each (as
    Tesseract boxes the Thai digits it makes of masks), glued in the text."""
    parts = (read,) if isinstance(read, str) else read
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(_FONT, 30)
    image = Image.new("L", (900, 200), 255)
    draw = ImageDraw.Draw(image)
    draw.text((40, 40), _LABEL + written, font=font, fill=0)
    draw.text((40, 110), "2567", font=font, fill=0)
    start = 40 + round(font.getlength(_LABEL))
    _, top, _, bottom = draw.textbbox((40, 40), "0", font=font)
    _, top2, right2, bottom2 = draw.textbbox((40, 110), "2567", font=font)
    rows = [
        _HEADER,
        f"5\t1\t1\t1\t1\t1\t40\t{top - 6}\t{start - 40}\t{bottom - top + 10}\t90\t{_LABEL}",
        *(f"5\t1\t1\t1\t1\t{2 + k}\t{start + 12 * k}\t{top}\t12\t{bottom - top}\t90\t{part}"
          for k, part in enumerate(parts)),
        f"5\t1\t1\t1\t2\t1\t40\t{top2}\t{right2 - 40}\t{bottom2 - top2}\t90\t2567",
    ]
    return image, f"{_LABEL}{''.join(parts)}\n2567\n", "\n".join(rows)


@pytest.mark.parametrize(
    ("written", "read", "expected"),
    [
        # a mask lost: the page shows four
        ("xxxx755496484", "xxx755496484", "xxxx755496484"),
        # a mask too many, in a dashed ID
        ("x-xxx8-79457-63-4", "X-xXxx8-79457-63-4", "x-xxx8-79457-63-4"),
        # the end of the letter before read as a "1": the page has no tall glyph there
        ("xxxxxx1701873", "1XXXXXX1701873", "xxxxxx1701873"),
        # hashes and asterisks are counted too
        ("####755496484", "###755496484", "####755496484"),
        # masks the Thai model read as Thai digits, each boxed as a word of its own
        ("620101437xxxx", ("620101437»", "๒", "๐", "๐", "๐"), "620101437xxxx"),
        # Thai digits after Arabic ones, no mask read: a number in mixed digits, never masks
        ("6201014๓๗๘๙๑x", ("6201014", "๓", "๗", "๘", "๙", "๑x"), None),
        ("*****1701873", "***1701873", None),  # twelve positions on the page: no ID, left as read
        # a digit the first pass lost: the tall glyphs are not its digits, left as read
        ("xxxx755496484", "xxx75549648", None),
        # read right: nothing to change
        ("xxxx755496484", "xxxx755496484", None),
        # masks read as digits after the last digit: the page shows masks there
        ("365073792xxxx", "365073792209909<", "365073792xxxx"),
        ("1-7115-3886x-xx-x", ("1-7115-3886%->0", "๐", "0"), "1-7115-3886x-xx-x"),
        # ... but not where the digits before do not line up with the tall glyphs
        ("365073792xxxx", "36507379<09909<", None),
    ],
)
def test_when_a_masked_number_is_glued_to_thai_then_its_masks_are_counted_on_the_page(written, read, expected):
    image, text, tsv = _page(written, read)
    new_text, new_tsv = count_glued(image, text, tsv)
    if expected is None:
        assert (new_text, new_tsv) == (text, tsv)
    else:
        assert new_text == f"{_LABEL}{expected}\n2567\n"
        assert f"\t{expected}" in new_tsv  # the boxes keep describing the text


def _glyph_reader(reading: str, seen: list):  # noqa: ANN202
    """A read_sheet that reads ``reading`` in the sheet's one band, as Tesseract's TSV has it."""
    def read_sheet(sheet, dpi):  # noqa: ANN001, ARG001
        seen.append(sheet.size)
        return "\n".join([_HEADER, f"5\t1\t1\t1\t1\t1\t30\t30\t12\t{sheet.height - 60}\t90\t{reading}"])
    return read_sheet


@pytest.mark.parametrize(
    ("reading", "expected"),
    [
        ("1", "158050993xxxx"),  # the first digit, read on its own
        ("", None),  # nothing read: left as read
        ("17", None),  # two digits for one glyph: left as read
    ],
)
def test_when_an_ids_first_digit_is_read_into_its_label_then_that_glyph_is_read_alone(reading, expected):
    image, text, tsv = _page("158050993xxxx", "58050993xxxx")
    seen: list = []
    new_text, _ = count_glued(image, text, tsv, _glyph_reader(reading, seen), dpi=200)
    assert len(seen) == 1 and seen[0][1] < 150  # one sheet, one glyph on it
    assert new_text == (text if expected is None else f"{_LABEL}{expected}\n2567\n")
    # without a reader (or with no time for it) the number stays as read
    assert count_glued(image, text, tsv)[0] == text


def test_when_a_phones_first_digit_seems_lost_then_no_glyph_is_read():
    # only an ID's: a label ends in no phone's first digit, and nine positions make no ID
    image, text, tsv = _page("081234xxxx", "81234xxxx")
    seen: list = []
    assert count_glued(image, text, tsv, _glyph_reader("0", seen), dpi=200)[0] == text
    assert seen == []


def test_when_the_numbers_box_starts_a_few_glyphs_into_it_then_it_is_still_read_from_its_start():
    # Tesseract boxed "3-5116-6254X-7X-X" from its "16": the glyphs before the box are the number's
    image, text, tsv = _page("3-5116-6254x-xx-x", "3-5116-6254X-7X-X")
    rows = tsv.split("\n")
    cols = rows[2].split("\t")
    cols[6] = str(int(cols[6]) + 60)  # three or four glyphs in
    rows[2] = "\t".join(cols)
    new_text, _ = count_glued(image, text, "\n".join(rows))
    assert new_text == f"{_LABEL}3-5116-6254x-xx-x\n2567\n"


def test_when_the_page_has_numbers_in_thai_digits_then_a_digits_height_is_still_the_arabic_ones():
    # Thai digits stand lower than Arabic ones: measured against them, every glyph is "tall"
    image, text, tsv = _page("xxxx755496484", "xxx755496484")
    year = tsv.split("\n")[-1].split("\t")
    thai = [f"5\t1\t1\t1\t2\t{k}\t{300 + 80 * k}\t{year[7]}\t60\t12\t90\t{word}"
            for k, word in ((2, "๒๕๖๒"), (3, "๒๕๖๓"))]
    text = text.replace("2567\n", "2567 ๒๕๖๒ ๒๕๖๓\n")
    new_text, _ = count_glued(image, text, "\n".join([tsv, *thai]))
    assert new_text.startswith(f"{_LABEL}xxxx755496484\n"), new_text


def test_when_the_number_has_a_space_before_it_then_it_is_not_counted_here():
    # a number standing apart is a word of its own: the other passes read its box
    image, text, tsv = _page("xxxx755496484", "xxx755496484")
    text = text.replace(_LABEL, _LABEL + " ", 1)
    assert count_glued(image, text, tsv) == (text, tsv)


@pytest.mark.ocr
def test_when_an_allowance_lists_ids_are_glued_to_their_label_then_their_masks_are_counted():
    # an allowance list (seed 20, document 2: made up) whose IDs follow "เลขบัตร" with no space,
    # the first pass reading a mask too many ("X-xXxx8-79457-63-4") or a letter's end as a "1"
    found = scanned(make_corpus_doc(20, 2, size="short"), "scan_pdf")
    for value in ["XXXX879457634", "XXXXXX1701873"]:
        assert found.get(("national_id", value)) == "masked", (value, found)


@pytest.mark.ocr
def test_when_an_ids_first_digit_is_read_as_part_of_its_label_then_the_page_gives_it_back():
    # an allowance list (seed 22, document 1: made up): "เลขบัตรประชาชน158050993xxxx" read
    # "...ประชาชน58050993xxxx", "เลขบัตร16017963xxxxx" read "เลขบัตร6017963xxxxx"
    found = scanned(make_corpus_doc(22, 1, size="short"), "scan_pdf")
    for value in ["158050993XXXX", "16017963XXXXX"]:
        assert found.get(("national_id", value)) == "masked", (value, found)


@pytest.mark.ocr
def test_when_an_allowance_lists_glued_ids_have_masks_read_as_digits_then_the_page_counts_them():
    # an allowance list (seed 34, document 16: made up): "เลขบัตร365073792XXXX" read
    # "...365073792209909<", "เลขประจำตัวประชาชน3-5116-6254X-XX-X" read "...6254X-7X-X" and boxed
    # from its "16"
    found = scanned(make_corpus_doc(34, 16, size="short"), "scan_pdf")
    for value in ["365073792XXXX", "4861151XXXXXX", "351166254XXXX", "171153886XXXX", "614026756XXXX"]:
        assert found.get(("national_id", value)) == "masked", (value, found)


def test_when_no_time_is_left_for_tesseract_then_the_counts_stay_and_the_lost_digit_is_said():
    import time

    from extractors import ocr

    # the count needs no Tesseract run: it is kept when the time is up
    image, text, tsv = _page("xxxx755496484", "xxx755496484")
    warnings: list[str] = []
    new_text, _ = ocr._sheet_passes(image, text, tsv, dpi=200, ends=time.monotonic() - 1, warnings=warnings)
    assert new_text.startswith(f"{_LABEL}xxxx755496484\n"), new_text
    # a lost first digit needs one: the number stays as read, and the page says why
    image, text, tsv = _page("158050993xxxx", "58050993xxxx")
    warnings.clear()
    new_text, _ = ocr._sheet_passes(image, text, tsv, dpi=200, ends=time.monotonic() - 1, warnings=warnings)
    assert new_text == text
    assert any(w.startswith("first digits of IDs glued to a word were not read: no time was left") for w in warnings), \
        warnings
