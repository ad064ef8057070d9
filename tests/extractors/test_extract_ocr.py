"""OCR of image files, and the Thai normalisation of OCR output."""

from __future__ import annotations

import io

import pytest
from extract_fixtures import PLANTED as P
from extract_fixtures import allowance_doc, contains_number

from eagle_eye.errors import ExtractionError
from extractors import Limits, extract
from extractors.ocr import normalize_thai
from synth.render import render

SAMPLES = [
    "ทํางาน",  # OCR's nikhahit + sara aa for sara am
    "ตําบลหนองบัว",
    "เเปลก",  # two sara e for sara ae
    "ก่่า  ข",  # a repeated tone mark, double space
    "นานาาา",
    "ผู้ ่ใหญ่",  # a dangling tone mark after a space
    "สวัสดี\u200bครับ",
    "บรรทัด 1  \n\n  บรรทัด 2",
    "ID 1101700123456 โทร 0812345678",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_when_ocr_text_is_normalised_then_it_matches_pythainlp_normalize(text, monkeypatch):
    monkeypatch.setenv("PYTHAINLP_READ_ONLY", "1")
    monkeypatch.setenv("PYTHAINLP_OFFLINE", "1")
    from pythainlp.util import normalize

    assert normalize_thai(text) == normalize(text)


def test_when_ocr_writes_nikhahit_sara_aa_then_sara_am_comes_back():
    assert normalize_thai("องค์การบริหารส่วนตําบล") == "องค์การบริหารส่วนตำบล"


def test_when_image_and_ocr_disabled_then_no_pages_and_a_warning():
    result = extract(render(allowance_doc(), "png", dpi=100), limits=Limits(ocr_enabled=False))
    assert result.media_type == "image/png"
    assert result.pages == [] and result.warnings == ["image not read: OCR is disabled"]


def test_when_image_and_tesseract_missing_then_a_clear_error(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(ExtractionError) as caught:
        extract(render(allowance_doc(), "png", dpi=100))
    assert "Tesseract OCR is not installed" in str(caught.value)


def test_when_image_is_not_decodable_then_unreadable():
    data = render(allowance_doc(), "png", dpi=72)
    with pytest.raises(ExtractionError) as caught:
        extract(data[:200])
    assert caught.value.reason == "unreadable"


@pytest.mark.ocr
def test_when_multi_page_tiff_then_each_frame_is_ocrd_as_a_numbered_page():
    from PIL import Image

    doc = allowance_doc()
    first = Image.open(io.BytesIO(render(doc, "png", dpi=200)))
    blank = Image.new("L", (400, 200), 255)
    buf = io.BytesIO()
    first.save(buf, "TIFF", save_all=True, append_images=[blank], dpi=(200, 200))
    result = extract(buf.getvalue(), filename="scan.tif")
    assert [(p.number, p.method, p.ocr) for p in result.pages] == [(1, "ocr", True), (2, "ocr", True)]
    for number in (P.id_a, P.id_c, P.landline):
        assert contains_number(result.pages[0].text, number), number
    assert "องค์การบริหารส่วนตำบลหนองบัว" in result.pages[0].text  # Thai names are less sure
