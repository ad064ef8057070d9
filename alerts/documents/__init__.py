"""The two documents an organisation must produce for an incident, prefilled, as DOCX and PDF.

1. ``render_breach_report``: the breach notification to PDPC (สคส.): a covering letter, then the
   sections of the official form (reference/002, "แบบการแจ้งเหตุการละเมิดข้อมูลส่วนบุคคล").
2. ``render_subject_notice``: the notice to the affected people (หนังสือแจ้งเจ้าของข้อมูลส่วนบุคคล)
   with the four parts PDPC's 2022 announcement requires (reference/004): what happened, the
   possible impact, the remedies and what the person can do, and whom to contact.

Eagle Eye fills what it knows; what only the organisation knows is left as a dotted blank or an
empty checkbox for the coordinator to complete. The wording is built once, as a list of blocks
(``breach_report``, ``subject_notice``), and drawn by two renderers (``render_pdf``: HTML for
WeasyPrint, ``render_docx``: python-docx), so the DOCX and the PDF cannot say different things.

Nothing here ever sees a raw identifier: the view holds masked URLs and masked examples only.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from alerts.documents.blocks import Block
from alerts.documents.breach_report import REPORT_TITLE, breach_report_blocks
from alerts.documents.render_docx import to_docx
from alerts.documents.render_pdf import to_html, to_pdf
from alerts.documents.subject_notice import NOTICE_TITLE, subject_notice_blocks
from alerts.documents.view import IncidentReportView, ReportDocument
from alerts.documents.wording import RISK_FACTORS_TH

BREACH_REPORT = "breach_report"
SUBJECT_NOTICE = "subject_notice"
FORMATS = ("docx", "pdf")
MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
_FILE_STEMS = {BREACH_REPORT: "pdpc-report", "pdpc-report": "pdpc-report",
               SUBJECT_NOTICE: "subject-notice", "subject-notice": "subject-notice"}


def render_breach_report(view: IncidentReportView, fmt: str, *, now: datetime | None = None) -> bytes:
    """The breach notification to PDPC (covering letter + form), as ``"docx"`` or ``"pdf"`` bytes.

    ``now`` decides whether the 72-hour deadline has passed (then lines for the reasons for the
    delay appear); it defaults to the current time."""
    _check_format(fmt)
    return _render(breach_report_blocks(view, _now(now)), fmt, title=REPORT_TITLE)


def render_subject_notice(view: IncidentReportView, fmt: str) -> bytes:
    """The notice to the affected people, as ``"docx"`` or ``"pdf"`` bytes."""
    _check_format(fmt)
    return _render(subject_notice_blocks(view), fmt, title=NOTICE_TITLE)


def breach_report_html(view: IncidentReportView, *, now: datetime | None = None) -> str:
    """The HTML the PDF of the breach report is printed from (for a preview)."""
    return to_html(breach_report_blocks(view, _now(now)), title=REPORT_TITLE)


def subject_notice_html(view: IncidentReportView) -> str:
    """The HTML the PDF of the subject notice is printed from (for a preview)."""
    return to_html(subject_notice_blocks(view), title=NOTICE_TITLE)


def report_filename(view: IncidentReportView, which: str, fmt: str) -> str:
    """``incident-12-pdpc-report.docx`` / ``incident-12-subject-notice.pdf``: ASCII, no path parts.

    ``which`` is ``"breach_report"`` (or ``"pdpc-report"``) or ``"subject_notice"`` (or
    ``"subject-notice"``)."""
    _check_format(fmt)
    try:
        stem = _FILE_STEMS[which]
    except KeyError:
        raise ValueError(f"unknown document {which!r}; expected {BREACH_REPORT!r} or {SUBJECT_NOTICE!r}") from None
    return f"incident-{int(view.incident_id)}-{stem}.{fmt}"


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def _now(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(UTC)
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    return now


def _render(blocks: Sequence[Block], fmt: str, *, title: str) -> bytes:
    if fmt == "pdf":
        return to_pdf(to_html(blocks, title=title))
    return to_docx(blocks, title=title)


__all__ = [
    "BREACH_REPORT", "FORMATS", "MEDIA_TYPES", "RISK_FACTORS_TH", "SUBJECT_NOTICE", "IncidentReportView",
    "ReportDocument", "breach_report_html", "render_breach_report", "render_subject_notice", "report_filename",
    "subject_notice_html",
]
