"""Bytes of a downloaded file → pages of text for the detectors.

    extract(data, filename=..., content_type=..., limits=Limits()) -> Extraction
    sniff(data, filename, content_type) -> media type

A file that cannot be read at all raises ExtractionError with a ``reason`` (unreadable,
encrypted, too_large, timeout, unsupported, bomb); partial problems (a bad page, pages past
``max_pages``, pages left without OCR) are listed in ``Extraction.warnings`` and the rest is
returned. Messages and warnings never quote the document.

Page.method values: html, html-hidden, pdfium, pdfminer, ocr, docx, xlsx, xls, ods, csv, text.

Decisions the callers can rely on:
  * Over ``max_pages`` (PDF pages, sheets, TIFF frames): the first ``max_pages`` are read and a
    warning names the rest. Leaks sit on early pages as often as late ones; half a file read
    beats none.
  * Past ``timeout_s``: ExtractionError(reason="timeout"), checked between pages, sheets and row
    batches (one library call is not interrupted).
  * OCR: a PDF page with an empty or garbage text layer is OCR'd instead of read; a page with a
    few typed words over a large image is read *and* OCR'd (two Pages with one number). Pages
    left unOCR'd (OCR off, ``ocr_max_pages`` reached, Tesseract missing) are named in warnings;
    a garbage text layer is then still returned, since its digits are often right.
  * Image files need OCR: with OCR off they give no pages and a warning.
  * Zip formats are checked for bombs (declared sizes, ratio, entity declarations) before any
    library opens them; images over ``max_image_pixels`` are refused as bombs.
  * Word 97 .doc, .pptx, .odt and plain zips are "unsupported".
  * PDFium is called under one process-wide lock: it is not thread-safe.
"""

from __future__ import annotations

from collections.abc import Callable

from eagle_eye.errors import ExtractionError
from extractors import mediatype as _sniff
from extractors.base import Extraction, Limits, Page
from extractors.guard import Deadline, human_bytes

__all__ = ["extract", "sniff", "Extraction", "Limits", "Page", "ExtractionError"]


def sniff(data: bytes, filename: str | None = None, content_type: str | None = None) -> str:
    """The media type of ``data``: by magic bytes first; the name and Content-Type are only hints."""
    return _sniff.sniff(data, filename, content_type)


def _handlers() -> dict[str, Callable[..., Extraction]]:
    from extractors.delimited import extract_csv
    from extractors.docx import extract_docx
    from extractors.html import extract_html
    from extractors.ocr import extract_image
    from extractors.ods import extract_ods
    from extractors.pdf import extract_pdf
    from extractors.text import extract_text
    from extractors.xls import extract_xls
    from extractors.xlsx import extract_xlsx

    m = _sniff
    handlers: dict[str, Callable[..., Extraction]] = {
        m.PDF: extract_pdf, m.HTML: extract_html, m.TEXT: extract_text, m.XML: extract_text,
        m.CSV: extract_csv, m.DOCX: extract_docx, m.XLSX: extract_xlsx, m.XLS: extract_xls,
        m.ODS: extract_ods,
    }
    for image_type in (m.PNG, m.JPEG, m.GIF, m.TIFF, m.BMP, m.WEBP):
        handlers[image_type] = extract_image
    return handlers


def extract(data: bytes, *, filename: str | None = None, content_type: str | None = None,
            limits: Limits = Limits()) -> Extraction:
    if len(data) > limits.max_bytes:
        raise ExtractionError(f"file is larger than the limit of {human_bytes(limits.max_bytes)}", reason="too_large")
    deadline = Deadline(limits.timeout_s)
    media_type = sniff(data, filename, content_type)
    if media_type == _sniff.OOXML_ENCRYPTED:
        raise ExtractionError("Office file is password-protected", reason="encrypted")
    handler = _handlers().get(media_type)
    if handler is None:
        raise ExtractionError(f"unsupported file type ({media_type})", reason="unsupported")
    try:
        return handler(data, limits=limits, deadline=deadline, content_type=content_type, media_type=media_type)
    except ExtractionError:
        raise
    except RecursionError:
        raise ExtractionError(f"{media_type} file is nested too deeply to read", reason="unreadable") from None
    except Exception as exc:  # a library bug on a hostile file must not stop the scan
        raise ExtractionError(
            f"{media_type} file could not be read ({type(exc).__name__})", reason="unreadable"
        ) from None
