"""What a file really is, from its first bytes.

Thai municipal sites serve PDFs as .docx, HTML error pages as .pdf and spreadsheets as
application/octet-stream, so magic bytes decide; the name and the Content-Type are only hints for
what bytes cannot tell (CSV or plain text, which broken zip was meant).
"""

from __future__ import annotations

import io
import re
import zipfile

PDF = "application/pdf"
HTML = "text/html"
TEXT = "text/plain"
CSV = "text/csv"
XML = "application/xml"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
XLS = "application/vnd.ms-excel"
DOC = "application/msword"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
ODT = "application/vnd.oasis.opendocument.text"
ZIP = "application/zip"
OOXML_ENCRYPTED = "application/x-ooxml-encrypted"
OLE = "application/x-ole-storage"
PNG, JPEG, GIF, TIFF, BMP, WEBP = (f"image/{t}" for t in ("png", "jpeg", "gif", "tiff", "bmp", "webp"))
BINARY = "application/octet-stream"

_EXTENSIONS = {
    "pdf": PDF, "html": HTML, "htm": HTML, "xhtml": HTML, "php": HTML, "asp": HTML, "aspx": HTML,
    "jsp": HTML, "txt": TEXT, "csv": CSV, "tsv": CSV, "xml": XML, "docx": DOCX, "docm": DOCX,
    "xlsx": XLSX, "xlsm": XLSX, "xls": XLS, "doc": DOC, "ods": ODS, "odt": ODT, "pptx": PPTX,
    "png": PNG, "jpg": JPEG, "jpeg": JPEG, "gif": GIF, "tif": TIFF, "tiff": TIFF, "bmp": BMP,
    "webp": WEBP, "zip": ZIP,
}
_CONTENT_TYPES = {
    "application/xhtml+xml": HTML, "text/tab-separated-values": CSV, "application/csv": CSV,
    "text/xml": XML, "application/x-pdf": PDF, "application/excel": XLS,
    "application/x-excel": XLS, "application/x-msexcel": XLS, "image/jpg": JPEG,
    "image/pjpeg": JPEG, "image/x-ms-bmp": BMP,
}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_HTML_TAG = re.compile(rb"<(?:html|head|body|table|div|p|br|meta|title|script|span|a\s)[\s>/]", re.I)
# C0 control bytes other than tab, newline, CR, form feed, escape and DOS end-of-file: text in
# any 8-bit encoding (TIS-620, Latin-1, UTF-8) has almost none, random binary has ~11 %.
_CONTROL_BYTES = bytes(set(range(0x00, 0x20)) - {0x09, 0x0A, 0x0C, 0x0D, 0x1A, 0x1B} | {0x7F})


def hint(filename: str | None, content_type: str | None) -> str | None:
    """The media type the name or the server claims, if it is one we know."""
    if content_type:
        base = content_type.split(";")[0].strip().lower()
        if base in _CONTENT_TYPES:
            return _CONTENT_TYPES[base]
        if base in _EXTENSIONS.values():
            return base
    if filename:
        name = filename.split("?")[0].split("#")[0].rsplit("/", 1)[-1].lower()
        if "." in name:
            return _EXTENSIONS.get(name.rsplit(".", 1)[1])
    return None


def sniff(data: bytes, filename: str | None = None, content_type: str | None = None) -> str:
    claimed = hint(filename, content_type)
    head = data[:16]
    if data.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return GIF
    if head[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):
        return TIFF
    if head[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return WEBP
    if head[:2] == b"BM" and len(data) > 18 and data[14] in (12, 40, 52, 56, 64, 108, 124):
        return BMP
    if head[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
        return _sniff_zip(data, claimed)
    if head.startswith(_OLE_MAGIC):
        return _sniff_ole(data, claimed)
    pdf_at = data.find(b"%PDF-", 0, 1024)
    if pdf_at > 0 and b"<" not in data[:pdf_at]:
        return PDF  # some generators put junk before the header; readers accept up to 1 KiB
    if looks_like_text(data):
        return _sniff_text(data, claimed)
    return BINARY


def looks_like_text(data: bytes) -> bool:
    sample = data[:16384]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return True
    if not sample:
        return True
    try:
        sample.decode("utf-8")
        return b"\x00" not in sample
    except UnicodeDecodeError as exc:
        if exc.start >= len(sample) - 4:  # a character cut by the sample's end
            return b"\x00" not in sample
    bad = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return bad <= len(sample) // 100


def _sniff_text(data: bytes, claimed: str | None) -> str:
    sample = data[:8192]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec = "utf-16"
        sample = sample.decode(codec, errors="ignore").encode("utf-8")
    if _HTML_START.match(sample) or _HTML_TAG.search(sample):
        return HTML
    if claimed in (HTML, CSV, XML):
        return claimed
    if sample.lstrip().startswith(b"<?xml"):
        return XML
    return TEXT


def _sniff_zip(data: bytes, claimed: str | None) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = zf.namelist()
            mimetype = b""
            if "mimetype" in names:
                with zf.open("mimetype") as f:
                    mimetype = f.read(100).strip()
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, EOFError):
        # A broken zip: trust the claim only for zip-based types, so the error names the format.
        return claimed if claimed in (DOCX, XLSX, PPTX, ODS, ODT) else ZIP
    if mimetype:
        return mimetype.decode("ascii", errors="replace")
    if "word/document.xml" in names or any(n.startswith("word/") for n in names):
        return DOCX
    if any(n.startswith("xl/") for n in names):
        return XLSX
    if any(n.startswith("ppt/") for n in names):
        return PPTX
    return ZIP


def _sniff_ole(data: bytes, claimed: str | None) -> str:
    """Old Office files are OLE compound files; the stream names (UTF-16) tell which program."""
    def has(name: str) -> bool:
        return name.encode("utf-16-le") in data

    if has("EncryptedPackage"):
        return OOXML_ENCRYPTED  # a password-protected .docx/.xlsx
    if has("Workbook"):
        return XLS
    if has("WordDocument"):
        return DOC
    if has("Book"):
        return XLS  # BIFF5 (Excel 95) names its stream "Book"
    return claimed if claimed in (XLS, DOC) else OLE
