"""XLS (Excel 97–2003) → one page per sheet. xlrd gives every number as a float."""

from __future__ import annotations

from eagle_eye.errors import ExtractionError
from extractors.base import Extraction, Limits, Page
from extractors.cells import SheetText
from extractors.guard import Deadline, sheets_over_limit, unreadable

KIND = "XLS"
_ROWS_PER_CHECK = 500


def extract_xls(data: bytes, *, limits: Limits, deadline: Deadline, media_type: str, **_: object) -> Extraction:
    book = _open(data)
    result = Extraction(media_type)
    try:
        count = book.nsheets
        for index in range(min(count, limits.max_pages)):
            deadline.check(f"sheet {index + 1}")
            sheet = book.sheet_by_index(index)
            result.pages.append(Page(index + 1, _sheet_text(book, sheet, deadline, index + 1), "xls"))
            book.unload_sheet(index)
        warning = sheets_over_limit(count, limits.max_pages)
        if warning:
            result.warnings.append(warning)
    except ExtractionError:
        raise
    except Exception as exc:
        raise unreadable(KIND, exc) from None
    finally:
        book.release_resources()
    return result


def _open(data: bytes):  # noqa: ANN202 - xlrd Book
    import xlrd

    # Formatting info tells which number cells are shown zero-padded (phones); files that xlrd
    # cannot read it from are opened again without.
    for formatting in (True, False):
        try:
            return xlrd.open_workbook(file_contents=data, on_demand=True, formatting_info=formatting,
                                      logfile=_Discard())
        except NotImplementedError:
            continue
        except xlrd.XLRDError as exc:
            if "encrypt" in str(exc).lower():
                raise ExtractionError("XLS file is password-protected", reason="encrypted") from None
            raise unreadable(KIND, exc) from None
        except Exception as exc:
            raise unreadable(KIND, exc) from None
    raise unreadable(KIND)


class _Discard:
    """xlrd writes warnings about odd records to a log file (stdout by default)."""

    def write(self, _text: str) -> None:
        pass


def _sheet_text(book, sheet, deadline: Deadline, number: int) -> str:  # noqa: ANN001
    import xlrd

    out = SheetText()
    for r in range(sheet.nrows):
        if r % _ROWS_PER_CHECK == 0:
            deadline.check(f"sheet {number}")
        values: list[object] = []
        formats: list[str | None] = []
        for c, cell in enumerate(sheet.row(r)):
            value: object = cell.value
            if cell.ctype == xlrd.XL_CELL_DATE:
                try:
                    value = xlrd.xldate.xldate_as_datetime(cell.value, book.datemode)
                except (ValueError, OverflowError, xlrd.xldate.XLDateError):
                    pass
            elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                value = bool(cell.value)
            elif cell.ctype in (xlrd.XL_CELL_ERROR, xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                value = None
            values.append(value)
            formats.append(_number_format(book, sheet, r, c) if cell.ctype == xlrd.XL_CELL_NUMBER else None)
        out.add_row(values, formats)
    return out.text()


def _number_format(book, sheet, r: int, c: int) -> str | None:  # noqa: ANN001
    if not book.formatting_info:
        return None
    try:
        xf = book.xf_list[sheet.cell_xf_index(r, c)]
        return book.format_map[xf.format_key].format_str
    except (IndexError, KeyError, AttributeError):
        return None
