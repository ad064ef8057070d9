"""XLSX → one page per worksheet (hidden sheets too: lists are often hidden, not removed)."""

from __future__ import annotations

import io

from eagle_eye.errors import ExtractionError
from extractors.archive import open_zip
from extractors.base import Extraction, Limits, Page
from extractors.cells import SheetText
from extractors.guard import Deadline, sheets_over_limit, unreadable

KIND = "XLSX"
_ROWS_PER_CHECK = 500


def extract_xlsx(data: bytes, *, limits: Limits, deadline: Deadline, media_type: str, **_: object) -> Extraction:
    import openpyxl

    open_zip(data, limits, KIND).close()
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises anything from KeyError to TypeError on bad files
        raise unreadable(KIND, exc) from None
    result = Extraction(media_type)
    try:
        sheets = wb.worksheets
        for number, ws in enumerate(sheets[: limits.max_pages], start=1):
            deadline.check(f"sheet {number}")
            result.pages.append(Page(number, _sheet_text(ws, deadline, number), "xlsx"))
        warning = sheets_over_limit(len(sheets), limits.max_pages)
        if warning:
            result.warnings.append(warning)
    except ExtractionError:
        raise
    except Exception as exc:
        raise unreadable(KIND, exc) from None
    finally:
        wb.close()
    return result


def _sheet_text(ws, deadline: Deadline, number: int) -> str:  # noqa: ANN001 - openpyxl sheet
    sheet = SheetText()
    # Stored dimensions are often wrong (A1:XFD1048576); reset them so only real cells are read.
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()
    for i, row in enumerate(ws.iter_rows()):
        if i % _ROWS_PER_CHECK == 0:
            deadline.check(f"sheet {number}")
        values = [getattr(c, "value", None) for c in row]
        formats = [getattr(c, "number_format", None) for c in row]
        sheet.add_row(values, formats)
    return sheet.text()
