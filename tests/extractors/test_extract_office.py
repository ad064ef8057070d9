"""DOCX, XLSX, XLS, ODS and CSV: tables as rows of " | " cells, numbers written out in full."""

from __future__ import annotations

import io

import pytest
from extract_fixtures import PLANTED as P

from extractors import Limits, extract
from synth.render import render

SHEET_FORMATS = ["xlsx", "xls", "ods"]


def _only_text(result) -> str:  # noqa: ANN001
    assert len(result.pages) == 1
    return result.pages[0].text


def test_when_docx_has_paragraphs_and_a_table_then_rows_come_back_as_cell_lines(doc):
    result = extract(render(doc, "docx"), filename="list.docx")
    assert result.media_type.endswith("wordprocessingml.document")
    assert [(p.number, p.method) for p in result.pages] == [(None, "docx")]
    lines = result.pages[0].text.splitlines()
    assert lines[0] == doc.title
    assert f"สอบถามรายละเอียดได้ที่สำนักปลัด โทร. {P.office_phone} ในวันและเวลาราชการ" in lines
    assert f"1 | {P.name_a} | {P.id_a} | {P.mobile_a} | 0123456789" in lines
    assert f"3 | {P.name_c} | {P.id_c} | {P.mobile_b} | 0345678912" in lines


def test_when_docx_has_numbers_in_header_footer_and_text_box_then_each_is_read_once(doc):
    data = render(doc, "docx", header_text=f"ผู้จัดทำ โทร {P.mobile_b}", footer_text=f"อ้างอิง {P.id_c}",
                  textbox_text=f"หมายเหตุ {P.id_b}")
    text = _only_text(extract(data))
    lines = text.splitlines()
    assert lines[0] == f"ผู้จัดทำ โทร {P.mobile_b}"  # the header comes first, as on paper
    assert lines[-1] == f"อ้างอิง {P.id_c}"  # the footer last
    assert lines.count(f"หมายเหตุ {P.id_b}") == 1  # Word stores a text box twice (DrawingML + VML)


def test_when_docx_has_a_tracked_deletion_then_the_deleted_number_is_still_read(doc):
    import zipfile

    data = render(doc, "docx")
    src = zipfile.ZipFile(io.BytesIO(data))
    body = src.read("word/document.xml").replace(
        b"</w:body>",
        b'<w:p><w:del w:id="1" w:author="x" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>'
        + P.id_b.encode() + b"</w:delText></w:r></w:del></w:p></w:body>",
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, body if info.filename == "word/document.xml" else src.read(info))
    assert P.id_b in _only_text(extract(out.getvalue())).splitlines()


@pytest.mark.parametrize("fmt", SHEET_FORMATS)
def test_when_ids_and_phones_are_typed_as_numbers_then_ids_are_whole_and_phone_zeros_restored(doc, fmt):
    result = extract(render(doc, fmt, numeric_ids=True), filename=f"list.{fmt}")
    assert [(p.number, p.method) for p in result.pages] == [(1, fmt)]
    lines = result.pages[0].text.splitlines()
    # ID stored as a number: all 13 digits, no ".0", no exponent. Phone under "เบอร์โทรศัพท์มือถือ":
    # its lost 0 is back. The bank-account column also lost its 0 but is not a phone: unchanged.
    assert f"1 | {P.name_a} | {P.id_a} | {P.mobile_a} | 123456789" in lines
    assert f"2 | {P.name_b} | {P.id_b} | {P.landline} | 234567891" in lines
    assert f"3 | {P.name_c} | {P.id_c} | {P.mobile_b} | 345678912" in lines


@pytest.mark.parametrize("fmt", SHEET_FORMATS)
def test_when_numbers_are_typed_as_text_then_they_come_back_verbatim(doc, fmt):
    lines = extract(render(doc, fmt)).pages[0].text.splitlines()
    assert f"2 | {P.name_b} | {P.id_b} | {P.landline} | 0234567891" in lines


@pytest.mark.parametrize("fmt", SHEET_FORMATS)
def test_when_workbook_has_several_sheets_then_each_sheet_is_a_page_numbered_from_1(doc, fmt):
    doc.blocks.append(doc.blocks[-1])  # a second table → a second sheet
    result = extract(render(doc, fmt, sheet_per_table=True, numeric_ids=True))
    assert [(p.number, p.method) for p in result.pages] == [(1, fmt), (2, fmt)]
    assert f"{P.id_c} | {P.mobile_b}" in result.pages[1].text


@pytest.mark.parametrize("fmt", SHEET_FORMATS)
def test_when_sheets_exceed_max_pages_then_the_rest_are_named_in_a_warning(doc, fmt):
    doc.blocks += [doc.blocks[-1], doc.blocks[-1]]
    result = extract(render(doc, fmt, sheet_per_table=True), limits=Limits(max_pages=1))
    assert [p.number for p in result.pages] == [1]
    assert result.warnings == ["sheets 2–3 not read: over the limit of 1"]


def test_when_xlsx_number_format_pads_with_zeros_then_the_phone_keeps_its_zero():
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["ชื่อ", "ติดต่อ"])  # a header that does not say "phone"
    ws.append(["นางสมศรี", 812345678])
    ws["B2"].number_format = "0000000000"
    buf = io.BytesIO()
    wb.save(buf)
    assert extract(buf.getvalue()).pages[0].text.splitlines()[1] == f"นางสมศรี | {P.mobile_a}"


@pytest.mark.parametrize(
    "header, cell, expected",
    [
        ("โทรศัพท์", 21234567, "021234567"),  # landline: 8 digits + 0
        ("Tel.", 812345678, "0812345678"),  # English header
        ("หมายเลขโทร", 812345678.0, "0812345678"),  # a float from xlrd-style storage
        ("เบอร์โทรศัพท์มือถือ", 969876543, "0969876543"),  # the word inside a longer header
        ("จำนวนเงิน", 812345678, "812345678"),  # not a phone column
        ("โทรศัพท์", 1234567, "1234567"),  # too short for a phone
        ("โทรศัพท์", 1101700123456, "1101700123456"),  # an ID in the wrong column stays an ID
    ],
)
def test_when_number_sits_under_a_header_then_phone_zero_is_restored_only_for_phone_headers(header, cell, expected):
    from extractors.cells import SheetText

    sheet = SheetText()
    sheet.add_row(["ลำดับ", header])
    sheet.add_row([1, cell])
    assert sheet.lines[1] == f"1 | {expected}"


def test_when_a_word_appears_in_a_phone_column_then_the_header_still_applies():
    from extractors.cells import SheetText

    sheet = SheetText()
    sheet.add_row(["บัญชีรายชื่อ"])  # title row above the table
    sheet.add_row(["ชื่อ", "เลขบัตร", "เบอร์โทร"])
    sheet.add_row(["นาง ก", 1101700123456, "ไม่มี"])
    sheet.add_row(["นาง ข", 3509900112237, 812345678])
    assert sheet.lines[-1] == f"นาง ข | 3509900112237 | {P.mobile_a}"


@pytest.mark.parametrize(
    "value, expected",
    [
        (1101700123456, "1101700123456"),
        (1101700123456.0, "1101700123456"),  # xlrd: floats
        (1.5, "1.5"),
        (1e20, "100000000000000000000"),  # never scientific notation
        (0.0000001, "0.0000001"),
    ],
)
def test_when_number_is_formatted_then_it_is_written_out_in_full(value, expected):
    from extractors.cells import format_number

    assert format_number(value) == expected


@pytest.mark.parametrize(
    "encoding, delimiter",
    [
        ("windows-874", ","),  # Excel on Thai Windows saves CSV in cp874
        ("tis-620", ";"),
        ("utf-8-sig", ","),  # Excel's "CSV UTF-8" adds a BOM
        ("utf-8", "\t"),
    ],
)
def test_when_csv_in_thai_encoding_then_rows_come_back_as_cell_lines(doc, encoding, delimiter):
    result = extract(render(doc, "csv", encoding=encoding, delimiter=delimiter), filename="list.csv")
    assert result.media_type == "text/csv"
    assert [(p.number, p.method) for p in result.pages] == [(None, "csv")]
    assert f"1 | {P.name_a} | {P.id_a} | {P.mobile_a} | 0123456789" in result.pages[0].text.splitlines()


def test_when_csv_exported_a_numeric_phone_column_then_the_zero_is_restored():
    data = f"ชื่อ,เบอร์โทร\r\nนางสมศรี,{P.mobile_a[1:]}\r\n".encode("cp874")
    assert extract(data, filename="x.csv").pages[0].text.splitlines()[1] == f"นางสมศรี | {P.mobile_a}"


def test_when_plain_text_in_cp874_then_it_decodes_with_lines_kept():
    data = f"ประกาศ\r\n{P.name_a} {P.id_a}\r\n".encode("cp874")
    result = extract(data, filename="notice.txt")
    assert [(p.number, p.method) for p in result.pages] == [(None, "text")]
    assert result.pages[0].text.splitlines() == ["ประกาศ", f"{P.name_a} {P.id_a}"]


def test_when_xls_number_format_pads_with_zeros_then_the_phone_keeps_its_zero():
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("Sheet1")
    ws.write(0, 0, "ชื่อ")
    ws.write(0, 1, "ติดต่อ")
    ws.write(1, 0, "นางสมศรี")
    ws.write(1, 1, 812345678, xlwt.easyxf(num_format_str="0000000000"))
    buf = io.BytesIO()
    wb.save(buf)
    assert extract(buf.getvalue()).pages[0].text.splitlines()[1] == f"นางสมศรี | {P.mobile_a}"


def test_when_ods_cell_shows_a_leading_zero_then_the_shown_number_is_kept():
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P as Para

    ods = OpenDocumentSpreadsheet()
    table = Table(name="Sheet1")
    row = TableRow()
    name = TableCell(valuetype="string")
    name.addElement(Para(text="นางสมศรี"))
    phone = TableCell(valuetype="float", value="812345678")
    phone.addElement(Para(text=P.mobile_a))  # a "0000000000" number style shows the 0
    row.addElement(name)
    row.addElement(phone)
    table.addElement(row)
    ods.spreadsheet.addElement(table)
    buf = io.BytesIO()
    ods.write(buf)
    assert extract(buf.getvalue()).pages[0].text == f"นางสมศรี | {P.mobile_a}"


def test_when_ods_has_huge_repeat_counts_then_empty_space_is_not_expanded():
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P as Para

    ods = OpenDocumentSpreadsheet()
    table = Table(name="Sheet1")
    blank = TableRow(numberrowsrepeated=1_000_000)
    blank.addElement(TableCell(numbercolumnsrepeated=16384))
    table.addElement(blank)
    row = TableRow()
    cell = TableCell(valuetype="string")
    cell.addElement(Para(text=P.id_a))
    row.addElement(TableCell(numbercolumnsrepeated=3))
    row.addElement(cell)
    table.addElement(row)
    ods.spreadsheet.addElement(table)
    buf = io.BytesIO()
    ods.write(buf)
    assert extract(buf.getvalue()).pages[0].text == f" |  |  | {P.id_a}"


def test_when_juristic_number_typed_as_number_then_leading_zero_restored_under_tax_id_header():
    import openpyxl
    import io

    from extractors import extract

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["ลำดับ", "ชื่อผู้เสียภาษี", "เลขประจำตัวผู้เสียภาษี", "จำนวนเงิน"])
    ws.append([1, "บริษัท ก่อสร้างดี จำกัด", 105556012341, 1500])  # 0105556012341 as a number
    ws.append([2, "ยอดยกมา", 123456789012, 2000])  # 12 digits whose 0-padded form fails the checksum
    buf = io.BytesIO()
    wb.save(buf)
    text = extract(buf.getvalue(), filename="t.xlsx").pages[0].text
    assert "0105556012341" in text
    assert "0123456789012" not in text and "123456789012" in text
