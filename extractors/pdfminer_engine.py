"""pdfminer.six: the fallback when PDFium refuses a file or a page, and the benchmark's cross-check.

Raw content-stream order (``laparams=None``) keeps a wrapped ID's halves next to each other and
costs ~15–30 ms/page; layout analysis (``"pdfminer-layout"``, for comparison only) splits Thai
lines after stacked marks and separates the halves of an ID wrapped in a narrow cell.
"""

from __future__ import annotations

import unicodedata

from eagle_eye.errors import ExtractionError
from extractors.base import Extraction, Limits, Page
from extractors.guard import Deadline, interrupted_at, pages_phrase, unreadable
from extractors.pdftext import over_limit, repair_text, text_quality


#: what a timeout message says was being read when pdfminer was stopped
_WHERE = "the PDF with the fallback parser"


class Miner:
    """pdfminer.six over one file. Every call into it is stopped at ``deadline``: it is pure
    Python, and some reference cycles make it spin inside one call for ever."""

    def __init__(self, data: bytes, deadline: Deadline) -> None:
        with interrupted_at(deadline, _WHERE):
            self._open(data)
        self.deadline = deadline

    def _open(self, data: bytes) -> None:
        import io

        from pdfminer.pdfdocument import PDFDocument, PDFPasswordIncorrect
        from pdfminer.pdfinterp import PDFResourceManager
        from pdfminer.pdfpage import PDFPage
        from pdfminer.pdfparser import PDFParser

        self.rsrc = PDFResourceManager(caching=True)  # fonts are parsed once, not once per page
        try:
            self.doc = PDFDocument(PDFParser(io.BytesIO(data)), password="")
            self.pages = list(PDFPage.create_pages(self.doc))
        except PDFPasswordIncorrect:
            raise ExtractionError("PDF is encrypted with a password", reason="encrypted") from None
        except Exception as exc:  # pdfminer raises many unrelated types on damaged files
            if "encrypt" in type(exc).__name__.lower():
                raise ExtractionError("PDF is encrypted in a way that cannot be read", reason="encrypted") from None
            raise unreadable("PDF", exc) from None

    def page_text(self, index: int, layout: bool = False) -> str:
        from pdfminer.converter import PDFPageAggregator
        from pdfminer.layout import LAParams
        from pdfminer.pdfinterp import PDFPageInterpreter

        device = PDFPageAggregator(self.rsrc, laparams=LAParams() if layout else None)
        try:
            with interrupted_at(self.deadline, _WHERE):
                PDFPageInterpreter(self.rsrc, device).process_page(self.pages[index])
            result = device.get_result()
        except ExtractionError:
            raise
        except Exception as exc:
            raise unreadable("PDF page", exc) from None
        return _layout_text(result) if layout else _raw_text(result)


def extract_with_pdfminer(data: bytes, limits: Limits, deadline: Deadline, media_type: str, *, layout: bool) -> Extraction:
    miner = Miner(data, deadline)
    result = Extraction(media_type)
    method = "pdfminer"
    count = len(miner.pages)
    last = min(count, limits.max_pages)
    for index in range(last):
        deadline.check(f"page {index + 1}")
        try:
            text = repair_text(miner.page_text(index, layout))
        except ExtractionError as exc:
            if exc.reason == "timeout":
                raise
            result.warnings.append(f"page {index + 1} could not be read")
            continue
        result.pages.append(Page(index + 1, text, method))
    if count > last:
        result.warnings.append(over_limit(count, last))
    unread = [p.number for p in result.pages if text_quality(p.text) != "ok"]
    if unread:
        result.warnings.append(f"{pages_phrase(unread)} may be scans: no usable text layer, not OCR'd")
    if not result.pages:
        raise no_pages()  # none found (a page tree that loops) or none could be opened
    return result


def no_pages() -> ExtractionError:
    return ExtractionError("PDF file could not be read: not one of its pages could be opened", reason="unreadable")


def _chars(item):  # noqa: ANN001, ANN202
    from pdfminer.layout import LTChar

    if isinstance(item, LTChar):
        yield item
    elif hasattr(item, "__iter__"):
        for child in item:
            yield from _chars(child)


def _raw_text(layout) -> str:  # noqa: ANN001
    """Characters in content-stream order, with a line break where the baseline moves down or
    up by half a character and a space where there is a gap. Thai marks are placed by some
    producers with their own offsets, so they never start a line or a word."""
    out: list[str] = []
    prev = None
    for ch in _chars(layout):
        text = ch.get_text()
        if prev is not None and not _is_mark(text):
            size = max(min(ch.size, prev.size), 1.0)
            if abs(ch.y0 - prev.y0) > 0.5 * size:
                out.append("\n")
            elif ch.x0 - prev.x1 > 0.2 * size or ch.x1 < prev.x0:
                out.append(" ")
        out.append(text)
        if not _is_mark(text):
            prev = ch
    return "".join(out)


def _is_mark(text: str) -> bool:
    return len(text) == 1 and unicodedata.category(text) == "Mn"


def _layout_text(layout) -> str:  # noqa: ANN001
    from pdfminer.layout import LTTextContainer

    return "".join(item.get_text() for item in layout if isinstance(item, LTTextContainer))
