"""Spreadsheet cells → text lines, shared by the XLSX, XLS, ODS and CSV readers.

Clerks type IDs and phones into cells as numbers. A 13-digit ID survives as a number but must be
written out in full (never ``1.23457E+12``); a phone loses its leading 0 (``812345678``), which is
put back when the column's header says the column holds phone numbers.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal, InvalidOperation

from detectors.national_id import is_valid

CELL_SEP = " | "
ID_HEADER = re.compile(r"เลข|ประจำตัว|ผู้เสียภาษี|ทะเบียน|นิติบุคคล|tax|\bid\b", re.IGNORECASE)
PHONE_HEADER = re.compile(r"โทร|เบอร์|มือถือ|phone|\btel|mobile|fax|แฟกซ์", re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")
_ZERO_FORMAT = re.compile(r'^"?0+"?$')


def format_number(value: int | float | Decimal, number_format: str | None = None) -> str:
    """A number as a person would read it in the cell: integers in full, no exponent, and
    zero-padded when the cell's format is all zeros (how clerks keep a phone's leading 0)."""
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        if value.is_integer():
            value = int(value)
        else:
            value = Decimal(repr(value))
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            value = int(value)
        else:
            return format(value.normalize(), "f")
    text = str(value)
    if number_format and _ZERO_FORMAT.match(number_format.strip()):
        width = number_format.count("0")
        if value >= 0 and len(text) < width:
            text = text.zfill(width)
    return text


def parse_decimal(text: str) -> Decimal | None:
    try:
        value = Decimal(text.strip())
    except (InvalidOperation, ValueError):
        return None
    return value if value.is_finite() else None


class SheetText:
    """Collects one sheet's rows as lines and remembers each column's header.

    A header is the text of the latest header-like row above: a row of words with no numbers
    (the first non-empty row, or the header of a second table further down). A word in a data
    row ("ไม่มี" in the phone column) does not replace it.
    """

    def __init__(self) -> None:
        self.lines: list[str] = []
        self._labels: dict[int, str] = {}

    def add_row(self, cells: list[object], number_formats: list[str | None] | None = None) -> None:
        if _is_header_row(cells):
            for col, value in enumerate(cells):
                if isinstance(value, str) and value.strip():
                    self._labels[col] = " ".join(value.split())
        out: list[str] = []
        for col, value in enumerate(cells):
            fmt = number_formats[col] if number_formats and col < len(number_formats) else None
            out.append(self._cell(col, value, fmt))
        while out and not out[-1]:
            out.pop()
        if out:
            self.lines.append(CELL_SEP.join(out))

    def text(self) -> str:
        return "\n".join(self.lines)

    def _cell(self, col: int, value: object, fmt: str | None) -> str:
        if value is None:
            return ""
        if isinstance(value, bool):
            return "TRUE" if value else "FALSE"
        if isinstance(value, (int, float, Decimal)):
            return self._number(col, format_number(value, fmt))
        if isinstance(value, dt.datetime):
            return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
        if isinstance(value, (dt.date, dt.time)):
            return value.isoformat()
        text = " ".join(str(value).split())
        if text.isascii() and text.isdigit():
            # CSV exports of a numeric phone column carry the same lost zero.
            return self._number(col, text)
        return text

    def _number(self, col: int, digits: str) -> str:
        if not (digits.isascii() and digits.isdigit()) or digits[0] == "0":
            return digits
        label = self._labels.get(col)
        if not label:
            return digits
        if len(digits) in (8, 9) and PHONE_HEADER.search(label):
            return "0" + digits
        # A juristic person's number starts with 0 and loses it as a number; put it back only
        # where the header says the column holds such numbers and the checksum agrees.
        if len(digits) == 12 and ID_HEADER.search(label) and is_valid("0" + digits):
            return "0" + digits
        return digits


def _is_header_row(cells: list[object]) -> bool:
    words = False
    for value in cells:
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if not isinstance(value, str):
            return False
        digits = sum(ch.isdigit() for ch in value)
        if digits * 2 > len(value.replace(" ", "")):
            return False
        words = words or bool(_LETTER.search(value))
    return words
