"""The report in the format a file name asks for."""

from __future__ import annotations

from pathlib import Path

from reports.weekly import WeeklyReport

FORMATS = (".html", ".pdf", ".xlsx", ".csv")


def format_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"{path.name}: the file name must end in {', '.join(FORMATS)}")
    return suffix


def render(report: WeeklyReport, fmt: str) -> bytes:
    # each renderer imported when asked for: the PDF one brings WeasyPrint and Pango
    if fmt == ".html":
        from reports.render_html import to_html

        return to_html(report).encode("utf-8")
    if fmt == ".pdf":
        from reports.render_pdf import to_pdf

        return to_pdf(report)
    if fmt == ".xlsx":
        from reports.render_xlsx import to_xlsx

        return to_xlsx(report)
    if fmt == ".csv":
        from reports.render_csv import to_csv

        return to_csv(report)
    raise ValueError(f"no such format: {fmt}")
