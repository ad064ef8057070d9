"""The masked first piece of an ID that wraps in its cell, misread above the rest of it
(extractors.ocr_heads), and the smaller repairs beside it: a lone "%" ending a spaced ID and
"%" for the masked head or tail of one written 1-4-5-2-1 (extractors.ocr_masks.repair_masks),
a dash lost beside a wrap in an unmasked ID (restore_dashes), and a star read as "#"
(ocr_tails.recount_stars)."""

from __future__ import annotations

from pathlib import Path

import pytest
from extract_fixtures import thai_id

from detectors import scan_document
from extractors import extract
from extractors.ocr_heads import Head, accept_head
from extractors.ocr_masks import repair_masks, restore_dashes
from extractors.ocr_sheet import Glyph, glyphs
from extractors.ocr_tails import recount_stars
from synth import ids
from synth.model import Block, SynthDoc
from synth.render import render

_FONT = Path("/usr/share/fonts/truetype/tlwg/Garuda.ttf")


def _found(doc: SynthDoc) -> tuple[str, dict[str, str]]:
    result = extract(render(doc, "scan_pdf", dpi=200), filename="list.pdf")
    text = "\n".join(page.text for page in result.pages)
    found = {}
    for page in result.pages:
        for d in scan_document([page], key=b"k").detections:
            if d.kind == "national_id":
                found[ids.canonical("national_id", page.text[d.start : d.end])] = d.status.value
    return text, found


# --- a whole page: the first pieces of masked IDs, read as letters or short -----------------------

#: A tax roll whose ID column wraps each ID after ten characters: "*********6" / "646", which
#: the first pass reads as "jee" / "646" (or "g", or "|" and "****6"); and two IDs written
#: wrapped by the clerk, "xxxx" / "802965102" (read "xxx": the x's touch) and "xxx1" /
#: "285832698" (read "Xxx": the 1 lost).
_HEADER = ["ลำดับ", "ชื่อผู้เสียภาษี", "เลขประจำตัวผู้เสียภาษี", "รายการป้าย", "ประเภท", "จำนวนเงินภาษี (บาท)", "หมายเหตุ"]
_SIGNS = [
    ("นายศุภณัฏฐ์ ผายพลพฤกษ์", "front", "ป้ายประเภท 1 ขนาด 50 x 300 ซม. จำนวน 4 ป้าย"),
    ("นายธีระยุทธ์ ตุ่ยไชย", "xxxx", "ป้ายประเภท 2 ขนาด 80 x 240 ซม. จำนวน 2 ป้าย"),
    ("นายศรัณย์ภัทร เจียมสกุล", "front", "ป้ายประเภท 2 ขนาด 50 x 200 ซม. จำนวน 4 ป้าย"),
    ("นางภัชนาพร นิมิง", "xxx1", "ป้ายประเภท 3 ขนาด 100 x 100 ซม. จำนวน 1 ป้าย"),
]
_FIRST12 = ["530410826646", "340219080296", "572901178831", "490011285832"]


def _written(how: str, value: str) -> str:
    if how == "front":
        return ids.mask_written(value, hidden=9, where="front", char="*")
    if how == "xxxx":
        return "xxxx\n" + value[4:]
    return "xxx" + value[3] + "\n" + value[4:]


@pytest.fixture(scope="module")
def heads_scan():
    rows = [[str(n), name, _written(how, thai_id(first12)), signs, "ป้ายอักษรไทยปนอักษรต่างประเทศ", "5,700.00",
             f"เลขที่อ้างอิง 256810191690{n:02d}"]
            for n, ((name, how, signs), first12) in enumerate(zip(_SIGNS, _FIRST12), start=1)]
    doc = SynthDoc(doc_id="test-heads", doc_type="tax_roll",
                   title="บัญชีรายชื่อผู้มีหน้าที่เสียภาษีป้ายที่ยังมิได้ชำระภาษี ประจำปี 2568",
                   blocks=[Block("table", header=_HEADER, rows=rows)], labels=[], sensitive=None)
    return rows, *_found(doc)


@pytest.mark.ocr
def test_when_a_masked_ids_first_piece_is_read_as_letters_or_short_then_its_glyphs_make_it_whole(heads_scan):
    rows, text, found = heads_scan
    # three masks are too few (X4 rule): found, and under-masked
    expected = {ids.canonical("national_id", row[2]): "under_masked" if row[2].startswith("xxx") and row[2][3] != "x"
                else "masked" for row in rows}
    assert {key: found.get(key) for key in expected} == expected, text


# --- the glyphs of a piece, told apart by their ink -------------------------------------------------


def _word(text: str, unit: int = 24):  # noqa: ANN202 - a page with one word, and its box
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(_FONT), round(unit / 0.72))  # Garuda's digits: ~0.72 em high
    image = Image.new("L", (40 + round(len(text) * unit), 3 * unit), 255)
    ImageDraw.Draw(image).text((20, unit), text, font=font, fill=0)
    left, top, right, bottom = image.point(lambda v: 255 if v < 128 else 0).getbbox()

    class Word:
        pass

    word = Word()
    word.left, word.top, word.right, word.bottom = left, top, right, bottom
    digit = ImageDraw.Draw(image).textbbox((0, 0), "0", font=font)
    return image, word, digit[3] - digit[1], digit[2] - digit[0]


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("*********6", "SSSSSSSSST"),  # asterisks: small, at the top of the line
        ("xxxx", "xxxx"),  # touching x's, cut by width: the first pass reads three
        ("xxx1", "xxxT"),  # the digit the first pass lost
        ("ชื่อ", None),  # a Thai word: no mask, nothing counted
        ("นาย", None),  # x-height letters, not x-shaped
    ],
)
def test_when_a_pieces_glyphs_are_measured_against_the_digits_then_only_masks_and_digits_are_told(text, kinds):
    image, word, unit, advance = _word(text)
    found = glyphs(image, word, unit, advance)
    assert (None if found is None else "".join(g.kind for g in found)) == kinds


# --- what the sheet's reading of the digits may make of a head --------------------------------------


def _head(kinds: str, core: str) -> Head:
    return Head(words=[], lower=None, glyphs=[Glyph(k, i, i + 1) for i, k in enumerate(kinds)], core=core,
                start=0, box=None)


@pytest.mark.parametrize(
    ("kinds", "core", "lower", "reading", "current", "expected"),
    [
        # asterisks read as letters: masks from the glyphs, the digit from the reading
        ("SSSSSSSSST", "jee", "646", "6646", None, "*********6"),
        # touching x's read one short: no digit to read
        ("xxxx", "xxx", "802965102", None, None, "xxxx"),
        # the digit the first pass lost, read glued before the digits below
        ("xxxT", "Xxx", "285832698", "1285832698", None, "xxx1"),
        # the reading must hold the piece below whole after the digits: else nothing is trusted
        ("xxxT", "Xxx", "285832698", "1985832698", None, None),
        ("SSSSSSSSST", "jee", "646", "646", None, None),
        # read right already, by the first pass or the re-reading alone: kept ("503" glued is "903")
        ("xxTTT", "xx503", "79298420", "90379298420", None, None),
        ("xxTTT", "»๐03", "79298420", "90379298420", "xx503", None),
    ],
)
def test_when_a_head_is_repaired_then_its_masks_come_from_the_page_and_its_digits_from_a_full_reading(
        kinds, core, lower, reading, current, expected):
    assert accept_head(_head(kinds, core), lower, reading, current) == expected


# --- smaller repairs --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ocr_text", "expected"),
    [
        # the last mask of a spaced ID, alone, read as "%"
        ("216xx xx % | xx", "216xx xx x | xx"),
        ("|1 2345 678XX XX %|", "|1 2345 678XX XX X|"),
        # after digits it is a size's "x" ("50 x 300") or a percentage: left alone
        ("ขนาด 50 % 300", "ขนาด 50 % 300"),
        ("ลดลง 12 % จากปีก่อน", "ลดลง 12 % จากปีก่อน"),
        # masks alone, no digit in the run: not a number
        ("xx %", "xx %"),
    ],
)
def test_when_a_lone_percent_ends_a_spaced_masked_number_then_it_is_a_mask(ocr_text, expected):
    assert repair_masks(ocr_text) == expected


@pytest.mark.parametrize(
    ("ocr_text", "expected"),
    [
        # the single masked first digit of a spaced ID read as "%": in the head, before any digit
        ("นายนพนัย % xxx1 23456 78 9 |123", "นายนพนัย X xxx1 23456 78 9 |123"),
        ("นางศิรินภาพร % 2345 67890 12 3 |", "นางศิรินภาพร X 2345 67890 12 3 |"),
        # a masked tail's glued pair and lone one, "xx x", read as "%% %"
        ("นางสาวสาคร 1 2345 6789x %% % | 58", "นางสาวสาคร 1 2345 6789x XX X | 58"),
        # after a number it is a size's "x" or a percentage: left alone
        ("ขนาด 50 % 1234 56789 01 2", "ขนาด 50 % 1234 56789 01 2"),
        # not the whole 1-4-5-2-1 layout: a "%" beside ordinary numbers
        ("ลดลง % 1234 5678 90", "ลดลง % 1234 5678 90"),
        # a "%" group between digits is no masked head or tail
        ("1 2345 %% 67 8 9", "1 2345 %% 67 8 9"),
        # spread a position apart, as a PDF table shows it: its masked head read as "%"s
        ("นางสาวิตรี |% % % % 5 2 7 1 7 8 8 5 4 |โฉนด", "นางสาวิตรี |X X X X 5 2 7 1 7 8 8 5 4 |โฉนด"),
        # spread, but a "%" between digits, or one position short: left alone
        ("|% % 5 2 % 7 1 7 8 8 5 4 3 |", "|% % 5 2 % 7 1 7 8 8 5 4 3 |"),
        ("|% % % 5 2 7 1 7 8 8 5 4 |", "|% % % 5 2 7 1 7 8 8 5 4 |"),
    ],
)
def test_when_a_spaced_ids_masked_head_or_tail_is_read_as_percent_then_it_is_masks(ocr_text, expected):
    assert repair_masks(ocr_text) == expected


@pytest.mark.parametrize(
    ("ocr_text", "expected"),
    [
        # an unmasked ID wrapped over three lines, the dash beside the last wrap lost: its
        # check digit vouches for it
        ("6-5217-\n42370-3\n27", "6-5217-\n42370-3\n2-7"),
        # the same with a wrong check digit: any 13-digit number, left alone
        ("6-5217-\n42370-3\n28", "6-5217-\n42370-3\n28"),
        # a phone or a short number with dashes: not 13 digits
        ("0-2493-7347-54", "0-2493-7347-54"),
    ],
)
def test_when_an_unmasked_id_lost_a_dash_then_it_is_put_back_only_if_its_check_digit_holds(ocr_text, expected):
    assert restore_dashes(ocr_text) == expected


@pytest.mark.parametrize(
    ("first_pass", "shapes", "expected"),
    [
        ("#********2", "SSSSSSSSST", "*********2"),  # the first asterisk read as "#"
        ("4120#****", "TTTTTSSSS", None),  # a tall "#": a real one, or a digit; not an asterisk
    ],
)
def test_when_an_asterisk_is_read_as_a_hash_then_the_page_shapes_count_it(first_pass, shapes, expected):
    assert recount_stars(first_pass, shapes) == expected
