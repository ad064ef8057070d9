"""Media type by magic bytes first; the name and Content-Type only decide what bytes cannot."""

from __future__ import annotations

import io

import pytest
from extract_fixtures import allowance_doc

from extractors import sniff
from extractors import mediatype as m
from synth.render import render

_DOC = allowance_doc()


def _image(fmt: str) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buf, fmt)
    return buf.getvalue()


@pytest.mark.parametrize(
    "data, filename, content_type, expected",
    [
        (render(_DOC, "pdf"), "x.docx", "text/html", m.PDF),  # magic beats every hint
        (b"\r\n\r\n%PDF-1.4\n...", None, None, m.PDF),  # junk before the header
        (render(_DOC, "docx"), None, None, m.DOCX),
        (render(_DOC, "xlsx"), "a.pdf", None, m.XLSX),
        (render(_DOC, "ods"), None, None, m.ODS),
        (render(_DOC, "xls"), None, None, m.XLS),
        (render(_DOC, "html", declare="none"), "a.txt", "text/plain", m.HTML),  # markup is HTML
        (b"<?xml version='1.0'?><html xmlns='http://www.w3.org/1999/xhtml'><body/></html>", None, None, m.HTML),
        (b"<?xml version='1.0'?><rows><r>1</r></rows>", None, None, m.XML),
        ("ก,ข\n1,2\n".encode("cp874"), "a.csv", None, m.CSV),  # CSV only by its name ...
        ("ก,ข\n1,2\n".encode("cp874"), None, "text/csv; charset=tis-620", m.CSV),  # ... or its type
        ("ก,ข\n1,2\n".encode("cp874"), None, None, m.TEXT),
        ("ข้อความ".encode("utf-16"), None, None, m.TEXT),
        (_image("PNG"), "a.pdf", None, m.PNG),
        (_image("JPEG"), None, None, m.JPEG),
        (_image("GIF"), None, None, m.GIF),
        (_image("TIFF"), None, None, m.TIFF),
        (_image("BMP"), None, None, m.BMP),
        (_image("WEBP"), None, None, m.WEBP),
        (bytes(range(256)) * 4, "a.txt", "text/plain", m.BINARY),  # binary junk named .txt
        (render(_DOC, "docx")[:2000], "a.docx", None, m.DOCX),  # broken zip: the claim names it
        (render(_DOC, "docx")[:2000], "a.bin", None, m.ZIP),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"), None, None,
         m.OOXML_ENCRYPTED),  # a password-protected .docx/.xlsx is an OLE file
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le"), None, None, m.DOC),
    ],
)
def test_when_bytes_are_sniffed_then_media_type_follows_the_magic(data, filename, content_type, expected):
    assert sniff(data, filename, content_type) == expected


def test_when_office_file_is_password_protected_then_reason_is_encrypted():
    from eagle_eye.errors import ExtractionError
    from extractors import extract

    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le")
    with pytest.raises(ExtractionError) as caught:
        extract(data, filename="list.xlsx")
    assert caught.value.reason == "encrypted"


def test_when_word_97_doc_then_reason_is_unsupported():
    from eagle_eye.errors import ExtractionError
    from extractors import extract

    with pytest.raises(ExtractionError) as caught:
        extract(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le"))
    assert caught.value.reason == "unsupported"
