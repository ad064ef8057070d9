"""Every list as CSV or XLSX: the same rows the page shows, with the same filters and scope."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import datetime

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

MEDIA = {"csv": "text/csv; charset=utf-8",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def render(columns: Sequence[tuple[str, str]], rows: Iterable[dict], fmt: str, *, title: str) -> bytes:
    """``columns`` are (key, Thai header) pairs."""
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow([header for _, header in columns])
        for row in rows:
            writer.writerow([_cell(row.get(key)) for key, _ in columns])
        # a BOM, or Excel reads the Thai as mojibake
        return ("\ufeff" + out.getvalue()).encode("utf-8")
    if fmt == "xlsx":
        book = Workbook(write_only=True)
        sheet = book.create_sheet(title[:31])
        sheet.freeze_panes = "A2"
        sheet.append([header for _, header in columns])
        for row in rows:
            sheet.append([_xlsx_cell(row.get(key)) for key, _ in columns])
        for i, _ in enumerate(columns, 1):
            sheet.column_dimensions[get_column_letter(i)].width = 18
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()
    raise ValueError(f"no such export format: {fmt}")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        value = " ".join(map(str, value))
    return _defused(str(value)) if isinstance(value, str) else str(value)


def _defused(text: str) -> str:
    # a cell a spreadsheet would run as a formula (text a website controls can start with "=")
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _xlsx_cell(value: object) -> object:
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)  # Excel has no time zones: UTC, as the header says
    if isinstance(value, (list, tuple)):
        value = " ".join(map(str, value))
    return _defused(value) if isinstance(value, str) else value
