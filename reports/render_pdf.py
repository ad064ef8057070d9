"""WeeklyReport -> PDF: the HTML report printed by WeasyPrint (A4 landscape, Thai fonts, the
charts as vector graphics)."""

from __future__ import annotations

from alerts.documents.render_pdf import _weasyprint
from reports.render_html import TEMPLATES, to_html
from reports.weekly import WeeklyReport


def to_pdf(report: WeeklyReport) -> bytes:
    # _weasyprint() puts back Pillow's strict truncated-image flag that importing WeasyPrint clears
    return _weasyprint().HTML(string=to_html(report), base_url=str(TEMPLATES)).write_pdf()
