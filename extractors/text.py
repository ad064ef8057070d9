"""Plain text (and XML that is not a web page): decoded like HTML, lines kept."""

from __future__ import annotations

from extractors.base import Extraction, Limits, Page
from extractors.guard import Deadline
from extractors.textutil import charset_from_content_type, clean_text, decode_text


def extract_text(data: bytes, *, limits: Limits, deadline: Deadline, content_type: str | None = None,
                 media_type: str = "text/plain") -> Extraction:
    text = decode_text(data, charset_from_content_type(content_type))
    return Extraction(media_type, [Page(None, clean_text(text), "text")])
