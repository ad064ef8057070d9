"""PDF: text layers read page by page, unusable layers sent to OCR, limits and fallbacks."""

from __future__ import annotations

import re

import pytest
from extract_fixtures import PLANTED as P
from extract_fixtures import allowance_doc, contains_number

from extractors import Limits, extract
from extractors.pdf import extract_pdf, repair_text, text_quality
from synth.model import Block, SynthDoc
from synth.render import render

NO_OCR = Limits(ocr_enabled=False)


def _long_doc(rows: int) -> SynthDoc:
    doc = allowance_doc()
    table = doc.blocks[-1]
    many = [[str(i + 1), P.name_a, P.id_a, P.mobile_a, "-"] for i in range(rows)]
    doc.blocks[-1] = Block("table", header=table.header, rows=table.rows + many)
    return doc


def test_when_pdf_has_a_text_layer_then_thai_names_and_digits_come_back_exactly(doc):
    result = extract(render(doc, "pdf"), filename="list.pdf")
    assert result.media_type == "application/pdf"
    assert [(p.number, p.method, p.ocr) for p in result.pages] == [(1, "pdfium", False)]
    text = result.pages[0].text
    assert f"{P.name_a} {P.id_a} {P.mobile_a}" in text
    assert f"{P.id_c} {P.mobile_b}" in text
    assert re.search(r"\s+".join(P.name_c.split()), text)  # a long name may wrap in its cell
    assert "องค์การบริหารส่วนตำบลหนองบัว" in text
    assert result.warnings == []


def test_when_id_column_is_narrow_then_the_wrapped_id_comes_back_as_two_runs_split_by_whitespace(doc):
    text = extract(render(doc, "pdf", narrow_id_column=True)).pages[0].text
    assert P.id_a not in text  # it really wrapped
    match = re.search(rf"{P.id_a[:7]}(\s+){P.id_a[7:]}(?!\d)", text)
    assert match and "\n" in match.group(1)
    assert all(contains_number(text, n) for n in (P.id_a, P.id_b, P.id_c))


def test_when_pdf_has_many_pages_then_pages_are_numbered_from_1():
    result = extract(render(_long_doc(120), "pdf"))
    numbers = [p.number for p in result.pages]
    assert len(numbers) >= 3 and numbers == list(range(1, len(numbers) + 1))
    assert all(p.method == "pdfium" for p in result.pages)
    assert P.id_a in result.pages[-1].text


def test_when_page_count_exceeds_max_pages_then_first_pages_are_read_and_a_warning_names_the_rest():
    result = extract(render(_long_doc(120), "pdf"), limits=Limits(max_pages=2))
    assert [p.number for p in result.pages] == [1, 2]
    assert len(result.warnings) == 1 and "pages 3–" in result.warnings[0] and "limit of 2" in result.warnings[0]


def test_when_engine_is_pdfminer_raw_then_it_agrees_with_pdfium_on_the_numbers(doc):
    data = render(doc, "pdf", narrow_id_column=True)
    fast = extract_pdf(data, limits=NO_OCR).pages[0].text
    cross = extract_pdf(data, limits=NO_OCR, engine="pdfminer").pages[0]
    assert cross.method == "pdfminer"
    for number in P.all_numbers():
        assert contains_number(fast, number) and contains_number(cross.text, number)
    assert P.name_b in cross.text


def test_when_pdfium_refuses_the_file_then_pdfminer_reads_it_and_says_so(doc, monkeypatch):
    import pypdfium2

    def refuse(*_args, **_kwargs):
        raise pypdfium2.PdfiumError("Failed to load document", err_code=3)

    monkeypatch.setattr(pypdfium2, "PdfDocument", refuse)
    result = extract(render(doc, "pdf"))
    assert [p.method for p in result.pages] == ["pdfminer"]
    assert P.id_b in result.pages[0].text and P.name_b in result.pages[0].text
    assert "fallback parser" in result.warnings[0]


def test_when_pdfium_says_password_for_a_file_without_encryption_then_pdfminer_reads_it(doc, monkeypatch):
    # PDFium's error code is the process's last error, and some failures leave it as it was: a
    # damaged file read after an encrypted one comes back with the encrypted file's code
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    def refuse(*_args, **_kwargs):
        raise pypdfium2.PdfiumError("Failed to load document", err_code=pdfium_c.FPDF_ERR_PASSWORD)

    monkeypatch.setattr(pypdfium2, "PdfDocument", refuse)
    result = extract(render(doc, "pdf"))
    assert [p.method for p in result.pages] == ["pdfminer"]
    assert P.id_b in result.pages[0].text


def test_when_pdf_is_encrypted_with_only_an_owner_password_then_it_is_read(doc):
    result = extract(render(doc, "pdf", owner_password="owner-secret"))
    assert P.id_a in result.pages[0].text


def test_when_scan_pdf_and_ocr_disabled_then_no_text_and_a_warning_names_the_pages(doc):
    result = extract(render(doc, "scan_pdf"), limits=NO_OCR)
    assert result.pages == []
    assert result.warnings == ["page 1 not read: no usable text layer and OCR is disabled"]


def test_when_ocr_page_cap_is_reached_then_the_remaining_scanned_pages_are_listed():
    result = extract(render(_long_doc(60), "scan_pdf"), limits=Limits(ocr_max_pages=0))
    assert result.pages == []
    assert len(result.warnings) == 1
    assert result.warnings[0].startswith("pages 1–") and "OCR limit of 0 pages" in result.warnings[0]


def test_when_tesseract_is_missing_then_scanned_pages_are_reported_not_crashed(doc, monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    result = extract(render(doc, "scan_pdf"))
    assert result.pages == []
    assert "Tesseract OCR is not installed" in result.warnings[0]


def test_when_text_layer_is_pua_garbage_and_ocr_disabled_then_the_layer_is_kept_with_a_warning(doc):
    result = extract(render(doc, "pdf", pua_text_layer=True), limits=NO_OCR)
    assert [p.method for p in result.pages] == ["pdfium"]
    assert text_quality(result.pages[0].text) == "garbage"
    assert result.warnings == ["page 1 not read: no usable text layer and OCR is disabled"]


@pytest.mark.parametrize(
    "text, quality",
    [
        ("", "empty"),  # no text layer at all
        ("หน้า 2", "empty"),  # a page number over a scan
        ("\ue001\ue002\ue003 \ue004", "garbage"),  # a few unmapped glyphs
        ("(cid:12)(cid:13)(cid:14)(cid:15)", "garbage"),  # pdfminer's unmapped glyphs
        ("\ue001" * 40 + "ก" * 60, "garbage"),  # 40 % PUA
        ("\ue001" * 10 + "ก" * 90, "ok"),  # a few symbols in a real text
        (f"ชื่อ {P.name_a} เลขประจำตัว {P.id_a}", "ok"),
    ],
)
def test_when_text_layer_is_judged_then_quality_matches(text, quality):
    assert text_quality(text) == quality


@pytest.mark.parametrize(
    "raw, repaired",
    [
        # Microsoft/Adobe Thai PUA variants of tone marks and upper vowels.
        ("ชื\uf70b\uf705อ ผู\uf70b", "ชื้่อ ผู้"),
        # A pre-Unicode Thai font: TIS-620 bytes come out as Latin-1 letters.
        ("¹Ò§ÊÁÈÃÕ ã¨´Õ 0812345678", "นางสมศรี ใจดี 0812345678"),
        # Real Latin-1 text beside Thai letters is left alone.
        ("café ก", "café ก"),
    ],
)
def test_when_pdf_text_has_broken_thai_then_it_is_repaired(raw, repaired):
    assert repair_text(raw) == repaired


@pytest.mark.ocr
def test_when_pdf_page_has_no_text_layer_then_it_is_ocrd_and_the_ids_come_back(doc):
    result = extract(render(doc, "scan_pdf", dpi=200, noise=True))
    assert [(p.number, p.method, p.ocr) for p in result.pages] == [(1, "ocr", True)]
    text = result.pages[0].text
    for number in (P.id_a, P.id_b, P.id_c, P.mobile_a):
        assert contains_number(text, number), number
    assert "ทำ" in text or "ตำบล" in text  # normalised: not the OCR spelling ํา


@pytest.mark.ocr
def test_when_text_layer_is_pua_garbage_then_the_page_is_ocrd(doc):
    result = extract(render(doc, "pdf", pua_text_layer=True))
    assert [(p.number, p.method) for p in result.pages] == [(1, "ocr")]
    assert contains_number(result.pages[0].text, P.id_b)


def _typed_heading_over_a_scan(doc) -> bytes:  # noqa: ANN001
    """A Word-style page: one typed line, then a scanned table pasted as a picture."""
    import io

    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    from synth.render import _register_font

    font, _ = _register_font("Garuda")
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=(595, 842), invariant=1)
    pdf.setFont(font, 14)
    pdf.drawString(72, 800, "บันทึกข้อความ ส่วนราชการ อบต.หนองบัว")
    pdf.drawImage(ImageReader(io.BytesIO(render(doc, "png", dpi=100))), 40, 140, width=515, height=640)
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


def test_when_a_few_typed_words_sit_over_a_large_scan_then_the_page_is_also_ocrd(doc, monkeypatch):
    import extractors.ocr

    monkeypatch.setattr(extractors.ocr, "ocr_image", lambda *a, **k: f"OCR {P.id_a}")
    result = extract(_typed_heading_over_a_scan(doc))
    assert [(p.number, p.method) for p in result.pages] == [(1, "pdfium"), (1, "ocr")]
    assert result.pages[0].text == "บันทึกข้อความ ส่วนราชการ อบต.หนองบัว"
    assert result.pages[1].text == f"OCR {P.id_a}" and result.pages[1].ocr


def test_when_a_large_scan_cannot_be_ocrd_then_the_typed_text_is_kept_and_the_page_named(doc):
    result = extract(_typed_heading_over_a_scan(doc), limits=NO_OCR)
    assert [(p.number, p.method) for p in result.pages] == [(1, "pdfium")]
    assert result.warnings == ["page 1 only partly read: its large image was not OCR'd and OCR is disabled"]


def test_when_page_count_is_one_over_max_pages_then_the_warning_names_that_page():
    result = extract(render(_long_doc(40), "pdf"), limits=Limits(max_pages=1))
    assert result.warnings == ["PDF has 2 pages; page 2 not read: over the limit of 1 pages"]
