"""Files that cannot be read: each gives ExtractionError with the right reason and a message that
quotes nothing from the document. Files that lie about their type are read as what they are."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from extract_fixtures import PLANTED as P
from extract_fixtures import allowance_doc, assert_no_planted_digits

from eagle_eye.errors import ExtractionError
from extractors import Limits, extract
from synth.render import render

_DOC = allowance_doc()
_PDF = render(_DOC, "pdf")
_DOCX = render(_DOC, "docx")


def _rezip(data: bytes, replace: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, replace.get(info.filename, src.read(info)))
    return out.getvalue()


def _zip_bomb_docx() -> bytes:
    # 60 MB of zeros inflates from ~60 KB: a ratio of ~1000:1.
    zeros = b"<w:document>" + b"0" * 60_000_000
    return _rezip(_DOCX, {"word/document.xml": zeros})


def _billion_laughs_docx() -> bytes:
    lol = (
        b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "' + P.id_a.encode() + b'">\n'
        + b"".join(
            b'<!ENTITY lol%d "%s">\n' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
            for i in range(1, 10)
        )
        + b']>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
    )
    return _rezip(_DOCX, {"word/document.xml": lol})


CASES = [
    # id, data, extract kwargs, expected reason
    ("malformed-pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog " + P.id_a.encode() + b" >>\n" * 50, {}, "unreadable"),
    ("truncated-pdf", _PDF[: len(_PDF) // 2], {}, "unreadable"),
    ("encrypted-pdf", render(_DOC, "pdf", user_password="secret"), {}, "encrypted"),
    ("truncated-docx", _DOCX[:4000], {"filename": "list.docx"}, "unreadable"),
    ("zip-bomb-docx", _zip_bomb_docx(), {}, "bomb"),
    ("zip-over-unzipped-limit", _DOCX, {"limits": Limits(max_unzipped_bytes=10_000)}, "bomb"),
    ("billion-laughs-docx", _billion_laughs_docx(), {}, "bomb"),
    ("binary-junk", bytes((i * 151 + 7) % 256 for i in range(20_000)), {"filename": "list.pdf"}, "unsupported"),
    ("too-large", _PDF, {"limits": Limits(max_bytes=len(_PDF) - 1)}, "too_large"),
    ("timeout", _PDF, {"limits": Limits(timeout_s=-1)}, "timeout"),
    ("plain-zip", _rezip(_DOCX, {}, zipfile.ZIP_STORED).replace(b"word/", b"junk/"), {}, "unsupported"),
]


@pytest.mark.parametrize("data, kwargs, reason", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_when_file_cannot_be_read_then_extraction_error_with_reason_and_no_document_digits(data, kwargs, reason):
    with pytest.raises(ExtractionError) as caught:
        extract(data, **kwargs)
    assert caught.value.reason == reason
    message = str(caught.value)
    assert_no_planted_digits(message)
    assert not re.search(r"\d{7,}", message)


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_when_image_is_a_decompression_bomb_then_reason_is_bomb():
    from PIL import Image

    buf = io.BytesIO()
    Image.new("1", (12_000, 12_000), 1).save(buf, "PNG")  # 144 Mpx of white, a few kB
    with pytest.raises(ExtractionError) as caught:
        extract(buf.getvalue())
    assert caught.value.reason == "bomb"


def test_when_image_is_over_our_pixel_limit_then_reason_is_bomb():
    buf = io.BytesIO(render(_DOC, "png", dpi=72))
    with pytest.raises(ExtractionError) as caught:
        extract(buf.getvalue(), limits=Limits(max_image_pixels=10_000))
    assert caught.value.reason == "bomb"


@pytest.mark.parametrize(
    "fmt, filename, content_type, media_type, method",
    [
        ("pdf", "list.docx", None, "application/pdf", "pdfium"),  # a PDF named .docx
        ("html", "list.pdf", "application/pdf", "text/html", "html"),  # an HTML error page served as PDF
        ("docx", "list.xls", "application/vnd.ms-excel",
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
        ("xlsx", "list.csv", "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
        ("xls", "list.doc", "application/msword", "application/vnd.ms-excel", "xls"),
        ("ods", "list.xlsx", None, "application/vnd.oasis.opendocument.spreadsheet", "ods"),
        ("csv", "list.bin", "application/octet-stream", "text/plain", "text"),  # without a hint, CSV is text
    ],
)
def test_when_file_lies_about_its_type_then_it_is_read_as_what_it_is(fmt, filename, content_type, media_type, method):
    result = extract(render(_DOC, fmt), filename=filename, content_type=content_type)
    assert result.media_type == media_type
    assert result.pages[0].method == method
    assert P.id_b in result.pages[0].text


def test_when_messages_and_warnings_are_produced_then_they_never_quote_the_document():
    result = extract(render(_DOC, "scan_pdf"), limits=Limits(ocr_enabled=False))
    for warning in result.warnings:
        assert_no_planted_digits(warning)
        assert P.name_a not in warning
