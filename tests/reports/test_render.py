"""Every format of the hand-computed week (conftest.py, test_weekly.py): the figures where a
reader finds them, in Thai, and nothing but counts."""

import csv
import io
import re
from dataclasses import replace

import pypdfium2 as pdfium
import pytest
from lxml import html as lxml_html
from openpyxl import load_workbook
from openpyxl.chart import BarChart

from reports import render_html
from reports.charts import axis
from reports.render import render
from reports.weekly import build_weekly
from tests.alerts.conftest import make_settings
from tests.alerts.test_documents import pdf_fonts, pdf_text, squeeze
from tests.reports.conftest import KRT, NOW, PLK, WEEK, open_world

# the columns' order, as every table shows them
HEADERS = ["อปท. ที่เฝ้าระวัง", "อปท. ที่ตรวจเว็บไซต์ในสัปดาห์", "เรื่องใหม่", "แก้ไขแล้ว (ตรวจยืนยัน)",
           "ยังไม่แก้ไข ณ สิ้นสัปดาห์", "เกิน 72 ชั่วโมง", "เวลาแก้ไข (มัธยฐาน)", "ประชาชนที่ถูกเปิดเผย (โดยประมาณ)",
           "อปท. ที่ยังเปิดเผยข้อมูล", "อัตราการรั่วไหล", "เทียบสัปดาห์ก่อน (จุด)", "อปท. ที่เกิดซ้ำ"]

#: the province table as a person reads it (test_weekly.py says why each count is what it is)
PROVINCE_ROWS = {
    # 3 monitored, 2 crawled, 2 new, 1 fixed, 2 open, 1 overdue, k1's 30 h, 9 people, 2 of 3 leaking,
    # up from 1 of 3 in W44, 1 repeat offender
    KRT: ["3", "2", "2", "1", "2", "1", "1 วัน 6 ชั่วโมง", "9", "2", "66.7%", "▲ 33.3", "1"],
    # p2's 192 h = 8 days; 2 of 3 leaking, up from 1 of 3
    PLK: ["3", "3", "1", "1", "2", "1", "8 วัน", "4", "2", "66.7%", "▲ 33.3", "1"],
    # median of 192 h and 30 h = 111 h = 4 days 15 hours; 4 of 6, up from 2 of 6
    "ทั้งประเทศ": ["6", "5", "3", "2", "4", "2", "4 วัน 15 ชั่วโมง", "13", "4", "66.7%", "▲ 33.3", "2"],
}

TYPE_ROWS = {
    # p1 and k1: 1 of 2 leaking, was 0 of 2
    "องค์การบริหารส่วนจังหวัด": ["2", "2", "1", "1", "1", "0", "1 วัน 6 ชั่วโมง", "2", "1", "50.0%", "▲ 50.0", "1"],
    # p2: fixed, so 0 of 1, was 1 of 1
    "เทศบาลตำบล": ["1", "1", "0", "1", "0", "0", "8 วัน", "0", "0", "0.0%", "▼ 100.0", "0"],
    # p3 k2 k3: all three leaking, was 1 of 3; nothing fixed, so no median
    "องค์การบริหารส่วนตำบล": ["3", "2", "2", "0", "3", "2", "–", "11", "3", "100.0%", "▲ 66.7", "1"],
}


@pytest.fixture(scope="module")
def page(report):
    return lxml_html.fromstring(render(report, ".html").decode("utf-8"))


def table_after(page, heading: str) -> dict[str, list[str]]:
    table = page.xpath(f'//h2[starts-with(normalize-space(.), "{heading}")]/following-sibling::table[1]')[0]
    rows = {}
    for tr in table.xpath("./tbody/tr"):
        cells = [" ".join(td.text_content().split()) for td in tr.xpath("./td")]
        rows[cells[0]] = cells[1:]
    return rows


def header_of(page, heading: str) -> list[str]:
    table = page.xpath(f'//h2[starts-with(normalize-space(.), "{heading}")]/following-sibling::table[1]')[0]
    # the footnote number is a <sup> of its own
    return [(th.text or "").strip() for th in table.xpath("./thead/tr/th")][1:]


def test_when_html_then_the_province_table_holds_the_hand_computed_figures(page):
    assert header_of(page, "แยกตามจังหวัด") == HEADERS
    assert table_after(page, "แยกตามจังหวัด") == PROVINCE_ROWS


def test_when_html_then_the_type_table_uses_the_thai_names_of_the_types(page):
    rows = table_after(page, "แยกตามประเภท")
    assert {k: v for k, v in rows.items() if k != "ทั้งประเทศ"} == TYPE_ROWS


def test_when_html_then_the_trend_reads_week_by_week(page):
    table = page.xpath('//table[@class="trend"]')[0]
    labels = [th.text_content() for th in table.xpath("./thead/tr/th")][1:]
    assert labels[-3:] == ["19–25 ต.ค.", "26 ต.ค.–1 พ.ย.", "2–8 พ.ย."]  # W43, W44, W45
    rates = [td.text_content() for td in table.xpath("./tbody/tr[3]/td")][1:]
    assert rates == ["0.0%"] * 5 + ["20.0%", "33.3%", "66.7%"]  # 1 of 5, 2 of 6, 4 of 6


def test_when_html_then_charts_are_svg_without_script_or_thai_inside(page):
    line = page.xpath('//svg[contains(@class, "chart")]')[0]
    assert len(line.xpath('.//polyline')[0].get("points").split()) == 8  # one point per week
    bars = page.xpath('//table[@class="bars"]/tr/td[@class="name"]')
    assert [td.text_content() for td in bars] == [KRT, PLK]  # both 66.7 %: the breakdown's order
    assert not page.xpath("//script") and "javascript:" not in lxml_html.tostring(page, encoding="unicode")
    # WeasyPrint draws SVG text unshaped: a Thai vowel above or below would come out as a box
    for text in page.xpath("//svg//text"):
        assert not re.search("[\u0e00-\u0e7f]", text.text_content()), text.text_content()


def test_when_html_then_every_figure_has_its_definition_in_thai(page):
    definitions = [li.text_content() for li in page.xpath('//ol[@class="defs"]/li')]
    assert len(definitions) == len(HEADERS)
    for header, definition in zip(HEADERS, definitions, strict=True):
        assert definition.startswith(header.split(" (")[0])  # footnote n explains column n
    text = page.text_content()
    assert "UTC+7" in text and "72 ชั่วโมง" in text and "โดยประมาณ" in text


def test_when_a_name_holds_markup_then_it_is_escaped(report):
    odd = replace(report.offenders[0], name='<img src=x onerror="alert(1)">')
    page = render_html.to_html(replace(report, offenders=(odd,)))
    assert "<img" not in page and "&lt;img" in page


def test_when_the_email_text_is_made_then_it_sums_up_the_national_figures(report):
    text = render_html.to_text(report)
    assert "- อัตราการรั่วไหล: 66.7%" in text  # 4 of 6
    assert "- เวลาแก้ไข (มัธยฐาน): 4 วัน 15 ชั่วโมง" in text  # 111 h
    assert "- 2–8 พ.ย.: 66.7%" in text and "- 19–25 ต.ค.: 20.0%" in text
    assert "45" in render_html.subject(report) and "66.7%" in render_html.subject(report)


def test_when_csv_then_one_row_per_province_and_type_with_a_bom(report):
    data = render(report, ".csv")
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads Thai right only with it
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    # KRT: pao, sao; PLK: pao, subdistrict, sao
    assert [(r["province"], r["org_type"]) for r in rows] == [
        (KRT, "pao"), (KRT, "sao"), (PLK, "pao"), (PLK, "subdistrict"), (PLK, "sao")]
    krt_sao = rows[1]
    assert {k: krt_sao[k] for k in list(krt_sao)[:16]} == {
        "week": "2026-W45", "province": KRT, "org_type": "sao", "org_type_th": "องค์การบริหารส่วนตำบล",
        "monitored": "2",  # k2 k3
        "crawled": "1",  # k3
        "new_incidents": "1",  # k3
        "remediated": "0",
        "still_open": "2",  # k2 k3
        "overdue": "1",  # k2
        "median_hours_to_remediate": "",  # nothing fixed: no figure, not zero
        "people_exposed": "7",  # k3
        "orgs_leaking": "2",
        "leak_rate": "1",  # 2 of 2
        "leak_rate_change": "0.5",  # from 1 of 2 (k3 registered, no incident yet)
        "repeat_offenders": "1",  # k2
    }
    # W44 1 of 2; W43 0 of 1 (k2's first was fixed on 23 Oct, k3 not registered); then nothing
    assert [krt_sao[f"leak_rate_prev_{n}"] for n in range(1, 8)] == ["0.5", "0", "0", "0", "0", "0", "0"]


@pytest.fixture(scope="module")
def workbook(report):
    return load_workbook(io.BytesIO(render(report, ".xlsx")))


def test_when_xlsx_then_a_sheet_per_breakdown_with_the_header_frozen(workbook):
    assert workbook.sheetnames == ["สรุป", "จังหวัด", "ประเภท อปท.", "จังหวัด×ประเภท", "แนวโน้ม", "อปท. ที่เกิดซ้ำ",
                                   "คำอธิบาย"]
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2", sheet.title


def test_when_xlsx_then_the_province_sheet_holds_numbers_and_a_bar_chart(workbook):
    sheet = workbook["จังหวัด"]
    rows = {r[0]: list(r[1:]) for r in sheet.iter_rows(min_row=2, values_only=True)}
    # numbers, not text: the median in hours, the rate a fraction, the change in points
    assert rows[PLK] == [3, 3, 1, 1, 2, 1, 192, 4, 2, pytest.approx(2 / 3), pytest.approx(33.3333), 1]
    assert rows["ทั้งประเทศ"] == [6, 5, 3, 2, 4, 2, 111, 13, 4, pytest.approx(4 / 6), pytest.approx(33.3333), 2]
    assert sheet.cell(row=2, column=11).number_format == "0.0%"
    [chart] = sheet._charts
    assert isinstance(chart, BarChart) and chart.type == "bar"


def test_when_xlsx_then_the_trend_and_the_offenders_are_there(workbook):
    trend = {r[0]: list(r[1:]) for r in workbook["แนวโน้ม"].iter_rows(min_row=2, values_only=True)}
    assert trend["ทั้งประเทศ"] == pytest.approx([0, 0, 0, 0, 0, 0.2, 2 / 6, 4 / 6])
    assert trend["เทศบาลตำบล"] == pytest.approx([0, 0, 0, 0, 0, 0, 1, 0])  # p2 over W44 only
    offenders = list(workbook["อปท. ที่เกิดซ้ำ"].iter_rows(min_row=2, values_only=True))
    assert offenders == [("องค์การบริหารส่วนตำบลโคกกรวด", KRT, "องค์การบริหารส่วนตำบล", 2, None),
                         ("องค์การบริหารส่วนจังหวัดพิษณุโลก", PLK, "องค์การบริหารส่วนจังหวัด", 1, "ใช่")]


@pytest.fixture(scope="module")
def pdf(report) -> bytes:
    return render(report, ".pdf")


def test_when_pdf_then_valid_a4_landscape_with_the_thai_font_embedded(pdf):
    document = pdfium.PdfDocument(pdf)
    assert len(document) >= 1
    width, height = document[0].get_size()
    assert (round(width), round(height)) == (842, 595)  # A4 landscape, in points
    document.close()
    fonts = pdf_fonts(pdf)
    assert any("Laksaman" in name for name in fonts) and all(fonts.values())


def test_when_pdf_then_its_text_holds_the_figures_and_the_provinces(pdf):
    text = squeeze(pdf_text(pdf))
    # names without SARA AM: the tlwg fonts draw it from a glyph the text layer cannot map back
    for expected in ("พิษณุโลก", "นครราชสีมา", "ยังไม่แก้ไข", "4วัน15ชั่วโมง", "66.7%", "2–8พฤศจิกายน2569"):
        assert expected in text, expected


@pytest.mark.parametrize("fmt", [".html", ".csv", ".xlsx", ".pdf"])
def test_when_any_format_then_no_planted_number_is_in_it(seeded, report, pdf, workbook, fmt):
    if fmt == ".pdf":
        text = pdf_text(pdf)
    elif fmt == ".xlsx":
        text = " ".join(str(v) for s in workbook.worksheets for r in s.iter_rows(values_only=True) for v in r)
    else:
        text = render(report, fmt).decode("utf-8-sig")
    runs = re.findall(r"\d{6,}", text)
    for number in seeded.planted:
        assert number not in text
        assert not any(number[i:i + 6] in run for run in runs for i in range(len(number) - 5))


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([0.0, None], (0.05, 0.01)),  # nothing leaking: still a readable 0–5 % axis
        ([0.19], (0.2, 0.05)),  # 0, 5, 10, 15, 20 %
        ([0.667], (0.8, 0.2)),  # 0, 20, 40, 60, 80 %
        ([1.0], (1.0, 0.2)),  # never past 100 %
    ],
)
def test_when_an_axis_is_scaled_then_round_steps_just_above_the_top(values, expected):
    assert axis(values) == pytest.approx(expected)


@pytest.mark.parametrize("fmt", [".html", ".csv", ".xlsx", ".pdf"])
def test_when_nothing_is_registered_yet_then_every_format_still_renders(tmp_path, fmt):
    world = open_world(make_settings(tmp_path))
    with world.session() as s:
        empty = build_weekly(s, week=WEEK, now=NOW)
    assert empty.national.leak_rate is None and empty.by_province == ()  # no rate of nothing
    assert render(empty, fmt)
