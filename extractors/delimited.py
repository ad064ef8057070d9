"""CSV / TSV → one page: rows as lines, cells joined like every other table."""

from __future__ import annotations

import csv
import io

from extractors.base import Extraction, Limits, Page
from extractors.cells import SheetText
from extractors.guard import Deadline
from extractors.textutil import charset_from_content_type, clean_text, decode_text

_ROWS_PER_CHECK = 1000
DELIMITERS = (",", ";", "\t", "|")


def extract_csv(data: bytes, *, limits: Limits, deadline: Deadline, content_type: str | None = None,
                media_type: str = "text/csv") -> Extraction:
    text = clean_text(decode_text(data, charset_from_content_type(content_type)), keep_tabs=True)
    sheet = SheetText()
    warnings: list[str] = []
    reader = csv.reader(io.StringIO(text), delimiter=sniff_delimiter(text))
    try:
        for i, row in enumerate(reader):
            if i % _ROWS_PER_CHECK == 0:
                deadline.check("the CSV rows")
            sheet.add_row([cell.replace("\t", " ") for cell in row])
    except csv.Error:
        # A malformed row (e.g. an oversized quoted field): keep what was read, and the raw rest.
        warnings.append(f"CSV is malformed after row {len(sheet.lines)}; the rest is read as plain lines")
        rest = text.split("\n")[reader.line_num:]
        sheet.lines.extend(line for line in rest if line.strip())
    return Extraction(media_type, [Page(None, sheet.text(), "csv")], warnings)


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits most of the first lines into the same number (> 1) of fields.

    csv.Sniffer wants every line to agree, and Thai exports start with title lines that hold
    one field, so it often falls back to a comma on semicolon or tab files.
    """
    lines = text[:50_000].split("\n")[:100]
    best, best_score = ",", 0
    for delimiter in DELIMITERS:
        try:
            counts = [len(row) for row in csv.reader(lines, delimiter=delimiter) if row]
        except csv.Error:
            continue
        wide = [c for c in counts if c > 1]
        if not wide:
            continue
        mode = max(set(wide), key=wide.count)
        score = wide.count(mode)
        if score > best_score:
            best, best_score = delimiter, score
    return best
