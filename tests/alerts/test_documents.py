"""The two prefilled documents of an incident: the breach report to PDPC and the notice to the people.

The DOCX is read back exactly (python-docx), so the wording is tested there; the PDF is
smoke-tested (valid, Thai font embedded, the text pypdfium2 reads back reliably).
"""

import io
import re
import unicodedata
import zipfile
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pypdfium2 as pdfium
import pytest
from docx import Document
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1

from alerts.documents import (
    IncidentReportView,
    ReportDocument,
    breach_report_html,
    render_breach_report,
    render_subject_notice,
    report_filename,
)

FOUND = datetime(2026, 11, 20, 2, 15, tzinfo=UTC)  # 09:15 in Bangkok
DEADLINE = FOUND + timedelta(hours=72)
BEFORE_DEADLINE = FOUND + timedelta(hours=10)
DEADLINE_TH = "23 พฤศจิกายน 2569 เวลา 09:15 น."

#: A raw ID (valid check digit) that only ever reaches the view masked: it must never be printed.
PLANTED_ID = "3101700245671"
URL_LIST = "http://bankrang.example.go.th/files/2569/allowance-list-XXXX700245671.pdf"
URL_PAGE = "http://bankrang.example.go.th/complaints.html?id=7&amp=1"
EXAMPLES = ("3-1017-XXXXX-67-1", "081-XXX-X567", "ME0-12XXXXX-XX")

# The organisation's name has no SARA AM (ำ) on purpose: WeasyPrint draws ำ from two glyphs of the
# tlwg fonts, one without a Unicode mapping, so pypdfium2 reads "ตำบล" back as "ตĻาบล". The PDF looks
# right (checked by eye); only its text layer is lossy there. The DOCX carries the exact text.
ORG = "เทศบาลเมืองบ้านกร่าง"


def make_view(**changes) -> IncidentReportView:
    view = IncidentReportView(
        incident_id=12,
        org_name=ORG,
        org_type="town",
        province="พิษณุโลก",
        district="เมืองพิษณุโลก",
        coordinator_name="วิชัย ปกป้อง",
        coordinator_email="it@bankrang.example.go.th",
        coordinator_phone="055-222-100",
        found_at=FOUND,
        online_since=datetime(2026, 10, 1, 3, 0, tzinfo=UTC),
        deadline=DEADLINE,
        risk_score=16,
        risk_level="high",
        risk_factors={"people": 3, "data_kind": 3, "discovery": 3, "access_lost": 0, "altered": 0, "scope": 3,
                      "impact": 3},
        people_exposed=137,
        kinds={"national_id": 137, "phone": 42, "laser_code": 3},
        names=True,
        addresses=True,
        birth_dates=False,
        sensitive=("disability",),
        documents=(
            ReportDocument(url=URL_LIST, pages=(1, 2, 5), people=120, kinds={"national_id": 120, "laser_code": 3},
                           examples=(EXAMPLES[0], EXAMPLES[2])),
            ReportDocument(url=URL_PAGE, pages=(), people=17, kinds={"national_id": 17, "phone": 42},
                           examples=(EXAMPLES[1],)),
        ),
        status="notified",
        remediated_at=None,
        incident_url="https://eagle-eye.example/incidents/12",
    )
    return replace(view, **changes)


# -- helpers -----------------------------------------------------------------------------------


def docx_paragraphs(data: bytes) -> list[tuple[str, str]]:
    """(style name, text) of every paragraph, in the body and inside tables."""
    doc = Document(io.BytesIO(data))
    out = [(p.style.name, p.text) for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                out += [(p.style.name, p.text) for p in cell.paragraphs]
    return out


def docx_text(data: bytes) -> str:
    return "\n".join(text for _, text in docx_paragraphs(data))


def docx_headings(data: bytes) -> list[str]:
    return [text for style, text in docx_paragraphs(data) if style.startswith("Heading")]


def docx_xml(data: bytes) -> str:
    """Every XML part of the package: body, styles, footer, properties."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return "\n".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith((".xml", ".rels")))


def pdf_text(data: bytes) -> str:
    pdf = pdfium.PdfDocument(data)
    texts = []
    for page in pdf:  # keep the page alive while its text page is read
        textpage = page.get_textpage()
        texts.append(textpage.get_text_range())
        textpage.close()
        page.close()
    pdf.close()
    return "\n".join(texts)


def squeeze(text: str) -> str:
    """PDF text as comparable: pypdfium2 reads back the line breaks a table cell wraps a URL with,
    spaces it guesses from glyph gaps (``ปกปิ ด``), a hyphen as U+FFFE, and a tone mark before a
    below vowel (``ผู้``, fixed by NFC's canonical order); none of it shows on the page."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text.replace("\ufffe", "-")))


def pdf_fonts(data: bytes) -> dict[str, bool]:
    """Base font name -> embedded (a FontFile* stream in its descriptor), over all pages."""
    doc = PDFDocument(PDFParser(io.BytesIO(data)))
    fonts: dict[str, bool] = {}
    for page in PDFPage.create_pages(doc):
        for ref in (resolve1(resolve1(page.resources).get("Font")) or {}).values():
            font = resolve1(ref)
            descendants = [resolve1(d) for d in resolve1(font.get("DescendantFonts", []))] or [font]
            for f in descendants:
                descriptor = resolve1(f.get("FontDescriptor")) or {}
                name = resolve1(f.get("BaseFont")).name
                fonts[name] = any(k in descriptor for k in ("FontFile", "FontFile2", "FontFile3"))
    return fonts


@pytest.fixture(scope="module")
def view() -> IncidentReportView:
    return make_view()


@pytest.fixture(scope="module")
def report_docx(view) -> bytes:
    return render_breach_report(view, "docx", now=BEFORE_DEADLINE)


@pytest.fixture(scope="module")
def report_pdf(view) -> bytes:
    return render_breach_report(view, "pdf", now=BEFORE_DEADLINE)


@pytest.fixture(scope="module")
def notice_docx(view) -> bytes:
    return render_subject_notice(view, "docx")


@pytest.fixture(scope="module")
def notice_pdf(view) -> bytes:
    return render_subject_notice(view, "pdf")


# -- the breach report (DOCX) --------------------------------------------------------------------


@pytest.mark.parametrize(
    "heading",
    [
        "ส่วนที่ 1 ผู้แจ้ง/ผู้รับแจ้งเหตุการณ์",  # reporter and contact
        "ส่วนที่ 2 รายละเอียดเหตุการณ์",  # dates, system, what/how/how found, safeguards, form, cyber
        "ส่วนที่ 3 ผลกระทบ (ทำเครื่องหมายทุกข้อที่เกี่ยวข้อง ได้มากกว่า 1 ข้อ)",  # people, data, number, risk
        "ส่วนที่ 4 การตอบสนองเพื่อระงับเหตุการณ์",  # containment and remedies
        "ส่วนที่ 5 การวิเคราะห์สาเหตุ และป้องกันการเกิดซ้ำ",  # root cause, prevention, responsible unit
        "ส่วนที่ 6 การแจ้งต่อหน่วยงานที่เกี่ยวข้อง",  # DPO, executives, police, data subjects
        "ส่วนที่ 7 แจ้งต่อคณะกรรมการคุ้มครองข้อมูลส่วนบุคคล (DPO เป็นผู้บันทึกข้อมูล)",  # notification to PDPC
    ],
)
def test_when_breach_report_docx_then_every_form_section_is_a_heading(report_docx, heading):
    assert heading in docx_headings(report_docx)


@pytest.mark.parametrize(
    "expected",
    [
        ORG,  # the organisation, in the letter and section 1
        "อำเภอเมืองพิษณุโลก จังหวัดพิษณุโลก",  # where it is
        "วิชัย ปกป้อง",  # the coordinator, prefilled as the reporter
        "055-222-100",  # the coordinator's work phone
        "it@bankrang.example.go.th",  # and e-mail
        DEADLINE_TH,  # the 72-hour deadline in Thai time and Buddhist-era year
        "20 พฤศจิกายน 2569 เวลา 09:15 น.",  # when Eagle Eye found it (= awareness)
        "ไม่ช้ากว่า 1 ตุลาคม 2569 เวลา 10:00 น.",  # the earliest moment it is known to have been online
        "ความเสี่ยงสูง",  # the risk level in Thai
        URL_LIST,  # each masked URL, printed as given
        URL_PAGE,
        "หน้า 1, 2, 5",  # the PDF pages with exposures
        *EXAMPLES,  # each masked example
        "ประมาณ 137 คน",  # the people count
        "เลขประจำตัวประชาชน 13 หลัก: 137",  # a kind with its count in the total row
        "เหตุการณ์เลขที่ 12",  # the incident it was drafted from
        "https://eagle-eye.example/incidents/12",
    ],
)
def test_when_breach_report_docx_then_eagle_eye_facts_are_prefilled(report_docx, expected):
    assert expected in docx_text(report_docx)


@pytest.mark.parametrize(
    "ticked",
    [
        "☑ รูปแบบอิเล็กทรอนิกส์",  # (5) form of the breach: a website is electronic
        "☑ ไม่ใช่",  # (6) not a cyber attack: the organisation published it itself
        "☑ ข้อมูลเอกสารราชการ",  # ID numbers and laser codes are ID-card data
        "☑ ข้อมูลอื่นๆ (โปรดระบุ) ความพิการ",  # disability is not on the form's sensitive list
        "☑ จำนวน 137 คน/record",  # the approximate number of people
        "☑ สูง - ",  # the risk level box
    ],
)
def test_when_eagle_eye_knows_the_answer_then_its_box_is_ticked(report_docx, ticked):
    assert any(ticked in text for _, text in docx_paragraphs(report_docx))  # inline boxes share a line


@pytest.mark.parametrize(
    "empty",
    [
        "☐ ข้อมูลเจ้าหน้าที่และผู้บริหาร",  # which group of people: only the organisation knows
        "☐ ข้อมูลสุขภาพ/สุขภาพจิต",  # a sensitive category that was not found
        "☐ ปานกลาง - ",  # the other risk levels
        "☐ แจ้งเรียบร้อยแล้ว",  # section 7: whether PDPC was notified
    ],
)
def test_when_only_the_organisation_knows_then_its_box_is_left_empty(report_docx, empty):
    assert any(empty in text for _, text in docx_paragraphs(report_docx))


def test_when_breach_report_docx_then_risk_table_has_the_seven_factors_and_the_total(report_docx, view):
    doc = Document(io.BytesIO(report_docx))
    table = next(t for t in doc.tables if t.rows[0].cells[1].text.startswith("ปัจจัยความเสี่ยง"))
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert [r[2] for r in rows[1:8]] == ["3", "3", "3", "0", "0", "3", "3"]  # in the form's order
    assert rows[1][1] == "จำนวนเจ้าของข้อมูลที่อาจได้รับผลกระทบ"
    assert rows[7][1] == "ผลกระทบที่อาจเกิดขึ้นต่อเจ้าของข้อมูลจากการรั่วไหล"
    assert rows[8][1:] == ["รวม: ความเสี่ยงสูง", "16 / 21"]


def test_when_a_factor_is_unknown_then_its_score_is_a_blank():
    data = render_breach_report(make_view(risk_factors={"people": 3}), "docx", now=BEFORE_DEADLINE)
    doc = Document(io.BytesIO(data))
    table = next(t for t in doc.tables if t.rows[0].cells[1].text.startswith("ปัจจัยความเสี่ยง"))
    assert [r.cells[2].text for r in table.rows[1:8]] == ["3"] + ["........"] * 6


def test_when_docx_then_thai_font_is_set_for_complex_script_too(report_docx):
    styles = docx_xml(report_docx)
    assert 'w:cs="TH SarabunPSK"' in styles  # Word draws Thai with the complex-script font
    assert "<w:szCs " in styles  # and sizes it with szCs, not sz
    assert 'w:bidi="th-TH"' in styles


# -- the 72-hour deadline ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "late"),
    [
        (BEFORE_DEADLINE, False),  # 10 hours after awareness: on time
        (DEADLINE - timedelta(minutes=1), False),  # the last minute is still on time
        (DEADLINE + timedelta(minutes=1), True),  # one minute past 72 hours: late
        (FOUND + timedelta(days=20), True),  # past even the 15-day limit
    ],
)
def test_when_deadline_passed_then_report_asks_for_the_reasons_for_the_delay(view, now, late):
    text = docx_text(render_breach_report(view, "docx", now=now))
    assert DEADLINE_TH in text  # the deadline is always printed
    assert ("เหตุผลความจำเป็นที่แจ้งล่าช้าเกิน 72 ชั่วโมง" in text) is late  # section 7
    assert ("การแจ้งเหตุครั้งนี้เกินกำหนด 72 ชั่วโมงนับแต่ทราบเหตุ" in text) is late  # the covering letter
    assert ("5 ธันวาคม 2569 เวลา 09:15 น." in text) is late  # the 15-day limit, shown only once late


def test_when_past_fifteen_days_then_report_says_so(view):
    text = docx_text(render_breach_report(view, "docx", now=FOUND + timedelta(days=16)))
    assert "ซึ่งเลยมาแล้วเช่นกัน" in text


def test_when_now_is_naive_then_refused(view):
    with pytest.raises(ValueError):
        render_breach_report(view, "docx", now=datetime(2026, 11, 21))


# -- what the organisation must fill in ---------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        # no coordinator on record: the reporter's name is a dotted blank, not "None" or empty
        ({"coordinator_name": "", "coordinator_phone": ""}, "ชื่อ-นามสกุล:\n" + "." * 48),
        # the day it went online is unknown: a blank to fill in
        ({"online_since": None}, "." * 24 + " เวลา " + "." * 24 + " นาฬิกา (วันที่นำเอกสารขึ้นเว็บไซต์)"),
        # taken down and verified: the containment box is ticked with the date
        ({"remediated_at": FOUND + timedelta(days=1), "status": "remediated"},
         "☑ นำเอกสาร/หน้าเว็บไซต์ที่พบออก หรือปกปิดข้อมูลแล้ว (ระบบ Eagle Eye ตรวจยืนยันเมื่อ 21 พฤศจิกายน 2569"),
        # not yet taken down: the box is empty with a blank date
        ({"remediated_at": None}, "☐ นำเอกสาร/หน้าเว็บไซต์ที่พบออกจากเว็บไซต์"),
        # a category not on the form goes to "other" in Thai
        ({"sensitive": ("health", "disability")}, "☑ ข้อมูลสุขภาพ/สุขภาพจิต"),
    ],
)
def test_when_view_varies_then_prefill_or_blank_follows(changes, expected):
    text = docx_text(render_breach_report(make_view(**changes), "docx", now=BEFORE_DEADLINE))
    assert expected in text


# -- the notice to the people (DOCX) -------------------------------------------------------------


@pytest.mark.parametrize(
    ("part", "content"),
    [
        # 1 what happened, briefly: when, where, which data
        ("1. เหตุการณ์ที่เกิดขึ้น", "ข้อมูลที่อาจถูกเปิดเผย ได้แก่ เลขประจำตัวประชาชน 13 หลัก"),
        # 2 the possible impact
        ("2. ผลกระทบที่อาจเกิดขึ้นกับท่าน", "หลอกลวง (แก๊งคอลเซ็นเตอร์)"),
        # 3 the remedies and what the organisation did
        ("3. สิ่งที่หน่วยงานได้ดำเนินการและแนวทางเยียวยา", "มาตรการเยียวยาเพิ่มเติม"),
        # 4 what the person can do
        ("4. สิ่งที่ท่านควรทำเพื่อป้องกันความเสียหาย", "อย่าบอกรหัส OTP"),
        # 5 how to contact the coordinator and the DPO
        ("5. ช่องทางติดต่อสอบถาม", "เจ้าหน้าที่คุ้มครองข้อมูลส่วนบุคคล (DPO)"),
    ],
)
def test_when_subject_notice_docx_then_it_has_the_required_parts(notice_docx, part, content):
    assert part in docx_headings(notice_docx)
    assert content in docx_text(notice_docx)


@pytest.mark.parametrize(
    "advice",
    [
        "วิชัย ปกป้อง",  # the coordinator to contact
        "055-222-100",
        "it@bankrang.example.go.th",
        "ให้ติดต่อธนาคารนั้นทันที",  # an ID number/laser code is out: contact the bank
        "ขอทำบัตรประจำตัวประชาชนใหม่",  # a laser code is out: a new card has a new one
        "ท่านมีสิทธิขอเข้าถึงและขอรับสำเนาข้อมูลส่วนบุคคลของท่าน",  # how to ask the organisation
        "ท่านมีสิทธิร้องเรียนต่อสำนักงานคณะกรรมการคุ้มครองข้อมูลส่วนบุคคล",  # the right to complain to PDPC
        "ความพิการ",  # the sensitive category, named
    ],
)
def test_when_subject_notice_docx_then_it_tells_the_person_what_to_do(notice_docx, advice):
    assert advice in docx_text(notice_docx)


@pytest.mark.parametrize(
    ("kinds", "bank_advice"),
    [
        ({"phone": 5}, False),  # only phone numbers: no bank or ID-card advice
        ({"national_id": 5}, True),  # an ID number: watch the bank accounts
    ],
)
def test_when_kinds_differ_then_notice_advice_follows(kinds, bank_advice):
    text = docx_text(render_subject_notice(make_view(kinds=kinds), "docx"))
    assert ("ให้ติดต่อธนาคารนั้นทันที" in text) is bank_advice
    assert "ขอทำบัตรประจำตัวประชาชนใหม่" not in text  # no laser code in either


def test_when_subject_notice_then_no_one_elses_masked_number_or_url_is_in_it(notice_docx):
    text = docx_text(notice_docx)
    for shown in (*EXAMPLES, URL_LIST, URL_PAGE):
        assert shown not in text


# -- PDF ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["report", "notice"])
def test_when_pdf_then_valid_a4_with_the_thai_font_embedded(report_pdf, notice_pdf, which):
    data = report_pdf if which == "report" else notice_pdf
    assert data.startswith(b"%PDF-")
    pdf = pdfium.PdfDocument(data)
    assert len(pdf) >= 1
    width, height = pdf[0].get_size()
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    fonts = pdf_fonts(data)
    thai = [name for name in fonts if name.split("+")[-1].startswith("Laksaman")]
    assert thai, fonts
    assert all(fonts[name] for name in thai)  # embedded, not referenced


@pytest.mark.parametrize(
    "expected",
    [
        ORG,  # Thai text with tone marks reads back right (no SARA AM in it, see ORG)
        URL_LIST,  # masked URLs, possibly wrapped inside their table cell
        URL_PAGE,
        EXAMPLES[0],
        "ส่วนที่ 1 ผู้แจ้ง/ผู้รับแจ้งเหตุการณ์",
    ],
)
def test_when_breach_report_pdf_then_text_reads_back(report_pdf, expected):
    assert squeeze(expected) in squeeze(pdf_text(report_pdf))


def test_when_subject_notice_pdf_then_text_reads_back(notice_pdf):
    text = squeeze(pdf_text(notice_pdf))
    assert squeeze(ORG) in text
    assert squeeze("อย่าบอกรหัส OTP") in text


def test_when_docx_and_pdf_then_they_say_the_same_headings(view, report_docx):
    html = breach_report_html(view, now=BEFORE_DEADLINE)
    for heading in docx_headings(report_docx):
        assert f">{heading}<" in html  # one wording, two renderers: nothing can drift


@pytest.mark.parametrize(
    ("changes", "raw", "escaped"),
    [
        ({"org_name": "<b>อบต.</b>"}, "<b>อบต.</b>", "&lt;b&gt;อบต.&lt;/b&gt;"),  # in paragraphs and fields
        ({"sensitive": ("<i>x</i>",)}, "<i>x</i>", "&lt;i&gt;x&lt;/i&gt;"),  # an unknown category, in a box label
        ({}, "&amp=1", "&amp;amp=1"),  # the & of a URL, in a table cell
    ],
)
def test_when_html_then_values_are_escaped(changes, raw, escaped):
    html = breach_report_html(make_view(**changes), now=BEFORE_DEADLINE)
    assert raw not in html
    assert escaped in html


# -- no raw identifier, ever --------------------------------------------------------------------


def test_when_only_masked_values_then_the_raw_number_is_nowhere(view, report_docx, report_pdf, notice_docx,
                                                                   notice_pdf):
    # The view carries PLANTED_ID only masked (URL_LIST ends in its last 9 digits, EXAMPLES[0] shows
    # 3-1017-XXXXX-67-1); a template that printed anything unmasked would put the 13 digits back.
    def digits(text: str) -> str:
        return re.sub(r"[\s\-–.\u200b]", "", text)  # as a reader would join a grouped or wrapped number

    late_report = render_breach_report(view, "docx", now=FOUND + timedelta(days=5))
    for name, text in [
        ("report.docx", docx_xml(report_docx)),
        ("late report.docx", docx_xml(late_report)),
        ("notice.docx", docx_xml(notice_docx)),
        ("report.pdf", pdf_text(report_pdf)),
        ("notice.pdf", pdf_text(notice_pdf)),
        ("report.html", breach_report_html(view, now=BEFORE_DEADLINE)),
    ]:
        assert PLANTED_ID not in text, name
        assert PLANTED_ID not in digits(text), name


# -- formats and file names ---------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["doc", "PDF", "html", "", "docx "])  # near misses, case, empty
def test_when_unknown_format_then_value_error(view, fmt):
    with pytest.raises(ValueError):
        render_breach_report(view, fmt, now=BEFORE_DEADLINE)
    with pytest.raises(ValueError):
        render_subject_notice(view, fmt)
    with pytest.raises(ValueError):
        report_filename(view, "breach_report", fmt)


@pytest.mark.parametrize(
    ("which", "fmt", "expected"),
    [
        ("breach_report", "docx", "incident-12-pdpc-report.docx"),  # the function's name
        ("pdpc-report", "pdf", "incident-12-pdpc-report.pdf"),  # the file's name
        ("subject_notice", "pdf", "incident-12-subject-notice.pdf"),
        ("subject-notice", "docx", "incident-12-subject-notice.docx"),
    ],
)
def test_when_filename_then_ascii_and_safe(view, which, fmt, expected):
    name = report_filename(view, which, fmt)
    assert name == expected
    assert name.isascii() and "/" not in name


def test_when_unknown_document_then_value_error(view):
    with pytest.raises(ValueError):
        report_filename(view, "letter", "pdf")


def test_when_a_pdf_is_rendered_then_pillow_still_refuses_truncated_images(view):
    from PIL import ImageFile

    from alerts.documents import render_subject_notice

    render_subject_notice(view, "pdf")
    # WeasyPrint turns this on at import; the extractors must keep reporting broken images
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False
