"""PDF → one page of text per PDF page (numbers 1-based), OCR where the text layer is unusable.

pypdfium2 first: ~1 ms/page and right on Thai. pdfminer.six (raw stream order) when PDFium refuses
the file or a page, and as a cross-check engine for the benchmark. A page goes to OCR when its
text layer is (near-)empty but it has a scan on it, when the text is garbage (glyphs mapped to the
Private Use Area, U+FFFD, "(cid:NN)"), or when a mostly-image page carries only a few words of
text (a scan pasted into a Word file under a typed heading).
"""

from __future__ import annotations

import math
import threading

from eagle_eye.errors import ExtractionError
from extractors.base import Extraction, Limits, Page
from extractors.guard import Deadline, pages_phrase
from extractors.pdfminer_engine import Miner, extract_with_pdfminer, no_pages
from extractors.pdftext import over_limit, repair_text, text_quality, visible_chars

__all__ = ["extract_pdf", "repair_text", "text_quality", "ENGINES"]

MEDIA_TYPE = "application/pdf"
ENGINES = ("pdfium", "pdfminer", "pdfminer-layout")
# PDFium is not thread-safe, even across documents: one call into it at a time per process.
_PDFIUM_LOCK = threading.Lock()

_SPARSE_CHARS = 200  # a page with this little text under a large image gets OCR as well
_IMAGE_COVER = 0.4  # share of the page covered by images that makes it "a scan"
_VECTOR_OBJECTS = 50  # no text but this many drawing objects: text converted to outlines


def extract_pdf(data: bytes, *, limits: Limits = Limits(), deadline: Deadline | None = None,
                engine: str = "pdfium", media_type: str = MEDIA_TYPE, **_: object) -> Extraction:
    """``engine``: "pdfium" (the product path: PDFium, pdfminer.six fallback, OCR), or
    "pdfminer" (raw stream order) / "pdfminer-layout" (layout analysis) alone, without OCR."""
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}")
    deadline = deadline or Deadline(limits.timeout_s)
    if engine != "pdfium":
        return extract_with_pdfminer(data, limits, deadline, media_type, layout=engine == "pdfminer-layout")
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        with _PDFIUM_LOCK:
            pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        # PDFium's error code is the process's last error, which some failures leave as it was:
        # a file only counts as encrypted if it says so, not because an earlier one was
        if exc.err_code == pdfium_c.FPDF_ERR_PASSWORD and b"/Encrypt" in data:
            raise ExtractionError("PDF is encrypted with a password", reason="encrypted") from None
        # PDFium gives up on damaged cross-reference tables that pdfminer rebuilds.
        result = extract_with_pdfminer(data, limits, deadline, media_type, layout=False)
        result.warnings.insert(0, "PDF is damaged; it was read with the fallback parser and without OCR")
        return result
    try:
        return _PdfiumReader(pdf, data, limits, deadline, media_type).read()
    finally:
        with _PDFIUM_LOCK:
            pdf.close()


class _PdfiumReader:
    def __init__(self, pdf, data: bytes, limits: Limits, deadline: Deadline, media_type: str) -> None:  # noqa: ANN001
        self.pdf, self.data, self.limits, self.deadline = pdf, data, limits, deadline
        self.result = Extraction(media_type)
        self.miner: Miner | None = None
        self.ocr_done = 0
        self.not_read: dict[str, list[int]] = {}  # why → page numbers
        self.ocr_broken: str | None = None
        self.unopened = 0  # pages neither engine could open

    def read(self) -> Extraction:
        with _PDFIUM_LOCK:
            count = len(self.pdf)
        last = min(count, self.limits.max_pages)
        for index in range(last):
            self.deadline.check(f"page {index + 1}")
            self._page(index)
        if self.unopened == last:
            raise no_pages()  # a page tree that loops or leads nowhere: nothing was read at all
        if count > last:
            self.result.warnings.append(over_limit(count, last))
        for why, numbers in self.not_read.items():
            self.result.warnings.append(f"{pages_phrase(numbers)} {why}")
        return self.result

    def _page(self, index: int) -> None:
        import pypdfium2 as pdfium

        number = index + 1
        try:
            with _PDFIUM_LOCK:
                text, scan = _pdfium_page(self.pdf, index)
            method = "pdfium"
        except pdfium.PdfiumError:
            try:
                self.miner = self.miner or Miner(self.data, self.deadline)
                text, scan, method = self.miner.page_text(index), None, "pdfminer"
            except ExtractionError as exc:
                if exc.reason == "timeout":
                    raise
                self.result.warnings.append(f"page {number} could not be read")
                self.unopened += 1
                return
        text = repair_text(text)
        quality = text_quality(text)
        wants_ocr = quality == "garbage" or (scan is not None and scan.wants_ocr(quality, text))
        if not wants_ocr:
            self.result.pages.append(Page(number, text, method))
            return
        ocr_text = self._ocr(index, supplement=quality == "ok")
        # Keep a usable text layer beside the OCR; keep even a garbage one when OCR could not
        # run (its digits are often right when its letters are not).
        if quality == "ok" or (ocr_text is None and text.strip()):
            self.result.pages.append(Page(number, text, method))
        if ocr_text is not None:
            self.result.pages.append(Page(number, ocr_text, "ocr", ocr=True))

    def _ocr(self, index: int, *, supplement: bool) -> str | None:
        """OCR text of the page, or None (the reason is recorded for a warning). ``supplement``:
        the text layer was read and the OCR is for the scanned image beside it."""
        from extractors.ocr import OcrError, ocr_image

        number = index + 1
        what = ("only partly read: its large image was not OCR'd" if supplement
                else "not read: no usable text layer")
        blocked = None
        if not self.limits.ocr_enabled:
            blocked = "OCR is disabled"
        elif self.ocr_broken:
            blocked = self.ocr_broken
        elif self.ocr_done >= self.limits.ocr_max_pages:
            blocked = f"the OCR limit of {self.limits.ocr_max_pages} pages was reached"
        if blocked:
            self.not_read.setdefault(f"{what} and {blocked}", []).append(number)
            return None
        self.ocr_done += 1
        with _PDFIUM_LOCK:
            image, dpi = _render(self.pdf, index, self.limits)
        timeout = min(self.limits.ocr_timeout_s, self.deadline.remaining())
        notes: list[str] = []
        try:
            text = ocr_image(image, self.limits, timeout=timeout, dpi=dpi, warnings=notes)
            self.result.warnings.extend(f"page {number}: {note}" for note in notes)
            return text
        except OcrError as exc:
            if exc.missing:
                self.ocr_broken = str(exc)
                self.not_read.setdefault(f"{what} and {exc}", []).append(number)
            else:
                self.deadline.check(f"page {number}")
                self.result.warnings.append(f"page {number}: {exc}")
            return None


class _Scan:
    """What a page is made of, for the OCR decision."""

    def __init__(self, objects: int, image_cover: float) -> None:
        self.objects = objects
        self.image_cover = image_cover

    def wants_ocr(self, quality: str, text: str) -> bool:
        if quality == "empty":
            return self.image_cover > 0.05 or self.objects >= _VECTOR_OBJECTS
        return self.image_cover >= _IMAGE_COVER and visible_chars(text) < _SPARSE_CHARS


def _pdfium_page(pdf, index: int) -> tuple[str, _Scan]:  # noqa: ANN001
    import pypdfium2.raw as pdfium_c

    page = pdf[index]
    try:
        textpage = page.get_textpage()
        try:
            text = textpage.get_text_range()
        finally:
            textpage.close()
        scan = None
        if visible_chars(text) < _SPARSE_CHARS:  # only then is the page's make-up needed
            width, height = page.get_size()
            area = max(width * height, 1.0)
            cover = 0.0
            for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]):
                left, bottom, right, top = obj.get_bounds()
                cover += max(0.0, min(right, width) - max(left, 0.0)) * max(0.0, min(top, height) - max(bottom, 0.0))
            scan = _Scan(pdfium_c.FPDFPage_CountObjects(page.raw), min(cover / area, 1.0))
        return text, scan or _Scan(0, 0.0)
    finally:
        page.close()


def _render(pdf, index: int, limits: Limits) -> tuple[object, int]:  # noqa: ANN001
    """The page as a grey PIL image at ``limits.ocr_dpi`` (less for huge pages), and its dpi."""
    page = pdf[index]
    try:
        width, height = page.get_size()
        scale = limits.ocr_dpi / 72
        pixels = width * height * scale * scale
        if pixels > limits.max_image_pixels:  # a poster-sized page: render smaller, not bigger
            scale *= math.sqrt(limits.max_image_pixels / pixels)
        bitmap = page.render(scale=scale, grayscale=True)
        return bitmap.to_pil(), max(1, round(scale * 72))
    finally:
        page.close()
