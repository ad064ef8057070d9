"""synth.render: every format is produced, deterministically, and is what it claims to be."""

from __future__ import annotations

import io

import pytest
from extract_fixtures import PLANTED as P
from extract_fixtures import allowance_doc

from synth.render import FORMATS, content_type, render

_DOC = allowance_doc()


@pytest.mark.parametrize("fmt", FORMATS)
def test_when_the_same_doc_is_rendered_twice_then_the_bytes_are_equal(fmt):
    assert render(_DOC, fmt) == render(_DOC, fmt)


def test_when_scan_pdf_is_rendered_then_it_has_no_text_layer_at_all():
    import pypdfium2

    pdf = pypdfium2.PdfDocument(render(_DOC, "scan_pdf", noise=True))
    assert len(pdf) == 1
    assert pdf[0].get_textpage().get_text_range().strip() == ""
    w, h = pdf[0].get_size()
    assert round(w) == 595 and round(h) == 842  # A4


def test_when_png_is_rendered_then_it_is_an_a4_wide_image_at_the_asked_dpi():
    from PIL import Image

    image = Image.open(io.BytesIO(render(_DOC, "png", dpi=150)))
    assert image.width == round(8.27 * 150)
    assert round(image.info["dpi"][0]) == 150


def test_when_html_declares_in_a_header_then_content_type_carries_the_charset():
    assert content_type("html", encoding="windows-874", declare="header") == "text/html; charset=windows-874"
    data = render(_DOC, "html", encoding="windows-874", declare="header")
    assert b"charset" not in data and P.name_a.encode("cp874") in data


def test_when_xlsx_numeric_ids_then_cells_are_numbers_and_the_phone_zero_is_lost():
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(render(_DOC, "xlsx", numeric_ids=True)))
    row = next(r for r in wb.active.iter_rows(values_only=True) if r[1] == P.name_a)
    assert row[2] == int(P.id_a) and row[3] == int(P.mobile_a)


def test_when_unknown_format_then_value_error():
    with pytest.raises(ValueError):
        render(_DOC, "pptx")
