"""WeeklyReport -> XLSX (openpyxl): the national summary, a sheet per breakdown with its header
row frozen, the 8-week trend, the repeat offenders and the definitions; a native bar chart of the
leak rate per province and a line of the national trend, which Excel redraws from the cells.

Figures are numbers, not text, so they can be summed and sorted: rates as fractions shown as
percentages, the change in percentage points, the median time in hours.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from alerts.thai import thai_datetime
from reports import wording
from reports.columns import COLUMNS, Column
from reports.weekly import Figures, WeeklyReport

_HEAD = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="E5E7EB")
_TOTAL = Font(bold=True)
_FORMATS = {"rate": "0.0%", "change": '+0.0;-0.0;0.0', "hours": "0.0", "count": "#,##0"}


def header(column: Column) -> str:
    return f"{column.th} (ชั่วโมง)" if column.kind == "hours" else column.th


def cell_value(column: Column, figures: Figures) -> int | float | None:
    value = column.value(figures)
    if value is None:
        return None
    # the change in percentage points, as the header says, not as a fraction
    return round(value * 100, 4) if column.kind == "change" else value


def to_xlsx(report: WeeklyReport) -> bytes:
    book = Workbook()
    _summary(book.active, report)
    provinces = _breakdown(book.create_sheet("จังหวัด"), ["จังหวัด"],
                           [([r.province], r.figures) for r in report.by_province], report.national)
    _bar_chart(provinces, rows=len(report.by_province))
    _breakdown(book.create_sheet("ประเภท อปท."), ["ประเภท"], [([r.type_th], r.figures) for r in report.by_type],
               report.national)
    _breakdown(book.create_sheet("จังหวัด×ประเภท"), ["จังหวัด", "ประเภท"],
               [([r.province, r.type_th], r.figures) for r in report.by_province_type], report.national)
    _trend(book.create_sheet("แนวโน้ม"), report)
    _offenders(book.create_sheet("อปท. ที่เกิดซ้ำ"), report)
    _definitions(book.create_sheet("คำอธิบาย"))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _head(sheet: Worksheet, titles: Sequence[str], widths: Sequence[float]) -> None:
    sheet.append(list(titles))
    for n, width in enumerate(widths, 1):
        cell = sheet.cell(row=1, column=n)
        cell.font, cell.fill = _HEAD, _HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="center")
        sheet.column_dimensions[get_column_letter(n)].width = width
    sheet.row_dimensions[1].height = 48
    sheet.freeze_panes = "A2"


def _summary(sheet: Worksheet, report: WeeklyReport) -> None:
    sheet.title = "สรุป"
    _head(sheet, ["ตัวชี้วัด (ทั้งประเทศ)", "ค่า", "คำอธิบาย"], [40, 14, 110])
    for column in COLUMNS:
        sheet.append([header(column), cell_value(column, report.national), wording.DEFINITIONS[column.key]])
        sheet.cell(row=sheet.max_row, column=2).number_format = _FORMATS[column.kind]
    sheet.append([])
    for label, value in (("รายงาน", wording.TITLE), ("สัปดาห์", f"{report.week} · {report.week.thai()}"),
                         ("จัดทำเมื่อ", thai_datetime(report.generated_at)), ("หมายเหตุ", wording.WEEK_NOTE)):
        sheet.append([label, value])


def _breakdown(sheet: Worksheet, keys: list[str], rows: list[tuple[list[str], Figures]], national: Figures) -> Worksheet:
    _head(sheet, [*keys, *(header(c) for c in COLUMNS)], [22] * len(keys) + [13] * len(COLUMNS))
    for labels, figures in [*rows, (["ทั้งประเทศ"] + [""] * (len(keys) - 1), national)]:
        sheet.append([*labels, *(cell_value(c, figures) for c in COLUMNS)])
        for n, column in enumerate(COLUMNS, len(keys) + 1):
            sheet.cell(row=sheet.max_row, column=n).number_format = _FORMATS[column.kind]
    for cell in sheet[sheet.max_row]:
        cell.font = _TOTAL
    return sheet


def _bar_chart(sheet: Worksheet, *, rows: int) -> None:
    if not rows:
        return
    rate = 2 + [c.key for c in COLUMNS].index("leak_rate")  # after the province's column
    chart = BarChart()
    chart.type, chart.style = "bar", 10
    chart.title = "อัตราการรั่วไหลรายจังหวัด"
    chart.y_axis.title, chart.y_axis.numFmt = "ร้อยละของ อปท. ที่เฝ้าระวัง", "0%"
    chart.y_axis.scaling.min = 0
    chart.legend = None
    chart.add_data(Reference(sheet, min_col=rate, min_row=1, max_row=rows + 1), titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=rows + 1))
    chart.height, chart.width = max(7.5, 0.5 * rows + 3), 18
    sheet.add_chart(chart, f"A{rows + 5}")


def _trend(sheet: Worksheet, report: WeeklyReport) -> None:
    _head(sheet, ["พื้นที่", *(f"{w} ({w.thai_short()})" for w in report.weeks)], [26] + [14] * len(report.weeks))
    lines: list[tuple[str, Figures]] = [("ทั้งประเทศ", report.national)]
    lines += [(r.province, r.figures) for r in report.by_province]
    lines += [(r.type_th, r.figures) for r in report.by_type]
    for label, figures in lines:
        sheet.append([label, *figures.trend])
        for cell in sheet[sheet.max_row][1:]:
            cell.number_format = "0.0%"
    chart = LineChart()
    chart.title = "อัตราการรั่วไหลทั้งประเทศ 8 สัปดาห์ล่าสุด"
    chart.y_axis.numFmt, chart.y_axis.scaling.min = "0%", 0
    chart.legend = None
    chart.add_data(Reference(sheet, min_col=1, max_col=len(report.weeks) + 1, min_row=2, max_row=2), from_rows=True,
                   titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=2, max_col=len(report.weeks) + 1, min_row=1, max_row=1))
    chart.height, chart.width = 7.5, 18
    sheet.add_chart(chart, f"A{len(lines) + 4}")


def _offenders(sheet: Worksheet, report: WeeklyReport) -> None:
    _head(sheet, ["หน่วยงาน", "จังหวัด", "ประเภท", "เรื่องใหม่ใน 8 สัปดาห์", "พบซ้ำในสัปดาห์นี้"], [44, 18, 26, 14, 14])
    for o in report.offenders:
        sheet.append([o.name, o.province, o.type_th, o.incidents, "ใช่" if o.reopened else ""])


def _definitions(sheet: Worksheet) -> None:
    _head(sheet, ["ตัวเลข", "ความหมาย"], [34, 140])
    sheet.append(["สัปดาห์", wording.WEEK_NOTE])
    for column in COLUMNS:
        sheet.append([header(column), wording.DEFINITIONS[column.key]])
    for row in sheet.iter_rows(min_row=2):
        row[1].alignment = Alignment(wrap_text=True, vertical="top")

