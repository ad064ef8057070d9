"""ODS (LibreOffice Calc) → one page per sheet.

ODS compresses empty space as repeat counts (a blank row "repeated 1048000 times"); repeats of
empty cells are collapsed and repeats of filled ones capped, so a small file stays small.
"""

from __future__ import annotations

import io

from eagle_eye.errors import ExtractionError
from extractors.archive import open_zip
from extractors.base import Extraction, Limits, Page
from extractors.cells import SheetText, parse_decimal
from extractors.guard import Deadline, sheets_over_limit, unreadable

KIND = "ODS"
MAX_REPEAT = 100
MAX_EMPTY_REPEAT = 256
_ROWS_PER_CHECK = 500


def extract_ods(data: bytes, *, limits: Limits, deadline: Deadline, media_type: str, **_: object) -> Extraction:
    from odf.opendocument import load
    from odf.table import Table

    open_zip(data, limits, KIND).close()
    try:
        doc = load(io.BytesIO(data))
        tables = doc.spreadsheet.getElementsByType(Table)
    except Exception as exc:  # odfpy lets zip, SAX and attribute errors through
        raise unreadable(KIND, exc) from None
    result = Extraction(media_type)
    try:
        for number, table in enumerate(tables[: limits.max_pages], start=1):
            deadline.check(f"sheet {number}")
            result.pages.append(Page(number, _table_text(table, deadline, number), "ods"))
    except ExtractionError:
        raise
    except Exception as exc:
        raise unreadable(KIND, exc) from None
    warning = sheets_over_limit(len(tables), limits.max_pages)
    if warning:
        result.warnings.append(warning)
    return result


def _table_text(table, deadline: Deadline, number: int) -> str:  # noqa: ANN001 - odfpy element
    sheet = SheetText()
    for i, row in enumerate(_rows(table)):
        if i % _ROWS_PER_CHECK == 0:
            deadline.check(f"sheet {number}")
        values = _row_values(row)
        if any(v not in (None, "") for v in values):
            repeat = _repeat(row, "numberrowsrepeated")
            for _ in range(min(repeat, MAX_REPEAT)):
                sheet.add_row(values)
    return sheet.text()


def _rows(node):  # noqa: ANN001, ANN202
    """Rows in order, through row groups and header-row wrappers (not into nested tables)."""
    for child in node.childNodes:
        name = getattr(child, "qname", (None, None))[1]
        if name == "table-row":
            yield child
        elif name in ("table-row-group", "table-header-rows", "table-rows"):
            yield from _rows(child)


def _row_values(row) -> list[object]:  # noqa: ANN001
    values: list[object] = []
    for cell in row.childNodes:
        if getattr(cell, "qname", (None, None))[1] not in ("table-cell", "covered-table-cell"):
            continue
        value = _cell_value(cell)
        repeat = _repeat(cell, "numbercolumnsrepeated")
        limit = MAX_EMPTY_REPEAT if value in (None, "") else MAX_REPEAT
        values.extend([value] * min(repeat, limit))
    return values


def _cell_value(cell) -> object:  # noqa: ANN001
    from odf import teletype

    shown = " ".join(teletype.extractText(cell).split())
    kind = cell.getAttribute("valuetype")
    if kind in ("float", "percentage", "currency"):
        number = parse_decimal(cell.getAttribute("value") or "")
        if number is None:
            return shown
        digits = shown.replace("-", "").replace(" ", "")
        # A number format that shows the leading zero ("0812345678") has the real phone number.
        if digits.isdigit() and digits.startswith("0") and number == int(digits):
            return shown
        return number
    return shown


def _repeat(node, attribute: str) -> int:  # noqa: ANN001
    try:
        return max(1, int(node.getAttribute(attribute) or 1))
    except (TypeError, ValueError):
        return 1
