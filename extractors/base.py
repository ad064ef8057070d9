"""Types shared by every extractor: bytes in, pages of text out."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Limits:
    """Per-file limits; built from Settings by the caller (extractors never read settings)."""

    max_bytes: int = 64 * 1024 * 1024
    max_pages: int = 2000
    timeout_s: float = 120.0
    max_unzipped_bytes: int = 256 * 1024 * 1024
    ocr_enabled: bool = True
    ocr_languages: str = "tha+eng"
    ocr_dpi: int = 200
    ocr_timeout_s: float = 60.0
    ocr_max_pages: int = 50
    #: Images (files, and PDF pages rendered for OCR) above this many pixels are refused or
    #: rendered smaller. Pillow's own decompression-bomb threshold: A4 at about 950 dpi.
    max_image_pixels: int = 89_478_485

    @classmethod
    def from_settings(cls, settings) -> "Limits":  # noqa: ANN001 - avoid importing settings here
        return cls(
            max_bytes=settings.max_file_bytes,
            max_pages=settings.max_pages,
            timeout_s=settings.extract_timeout_s,
            max_unzipped_bytes=settings.max_unzipped_bytes,
            ocr_enabled=settings.ocr_enabled,
            ocr_languages=settings.ocr_languages,
            ocr_dpi=settings.ocr_dpi,
            ocr_timeout_s=settings.ocr_timeout_s,
            ocr_max_pages=settings.ocr_max_pages,
            max_image_pixels=settings.max_image_pixels,
        )


@dataclass(frozen=True, slots=True)
class Page:
    """One unit of text with its page number.

    ``number`` is 1-based for paged formats (PDF pages, spreadsheet sheets), None otherwise.
    ``method`` names what produced the text (``html``, ``html-hidden``, ``pdfium``, ``pdfminer``,
    ``ocr``, ``docx``, ``xlsx``, ``xls``, ``ods``, ``csv``, ``text``).
    ``ocr`` is True when the text came from Tesseract: it reads Arabic digits reliably and Thai
    digits not at all, and the detectors treat such text accordingly.
    """

    number: int | None
    text: str
    method: str
    ocr: bool = False


@dataclass(slots=True)
class Extraction:
    media_type: str
    pages: list[Page] = field(default_factory=list)
    #: Leak-free notes about partial reads (page skipped, OCR off, sheet truncated ...).
    warnings: list[str] = field(default_factory=list)
