"""Hostile files, built here byte by byte: decompression bombs, entity bombs, looping PDFs.

The bombs are real (valid gzip and zip, right sizes and checksums): a reader that ignored its
guards would inflate them whole, to gigabytes. They are built in milliseconds from one
compressed block of zeros repeated, never by compressing gigabytes.
"""

from __future__ import annotations

import functools
import io
import struct
import zipfile
import zlib

MiB = 1024 * 1024
GiB = 1024 * MiB


@functools.lru_cache(maxsize=None)
def _zeros_deflated(mib: int) -> tuple[bytes, int]:
    """Raw deflate of ``mib`` MiB of zeros, and their CRC-32. After a full flush the compressor
    starts afresh, so every further MiB compresses to the same bytes: repeat them."""
    block = b"\0" * MiB
    deflater = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = deflater.compress(block) + deflater.flush(zlib.Z_FULL_FLUSH)
    again = deflater.compress(block) + deflater.flush(zlib.Z_FULL_FLUSH)
    data = first + again * (mib - 1) + deflater.flush(zlib.Z_FINISH)
    crc, buffer = 0, b"\0" * (64 * MiB)
    for _ in range(mib // 64):
        crc = zlib.crc32(buffer, crc)
    crc = zlib.crc32(b"\0" * ((mib % 64) * MiB), crc)
    return data, crc


def gzip_bomb(size: int) -> bytes:
    """A gzip stream of ``size`` bytes of zeros (a whole number of MiB), about size/1000 long."""
    raw, crc = _zeros_deflated(size // MiB)
    return b"\x1f\x8b\x08\x00\0\0\0\0\x02\xff" + raw + struct.pack("<II", crc, size & 0xFFFFFFFF)


def zip_bytes(members: dict[str, bytes], *, bomb: tuple[str, int] | None = None) -> bytes:
    """A zip of ``members`` (deflated), plus ``bomb`` = (name, size): an entry of ``size`` zeros
    (under 4 GiB: no zip64) that declares its true size, as an honest bomb does."""
    entries: list[tuple[str, bytes, int, int]] = []  # name, deflated data, crc, size
    for name, data in members.items():
        deflater = zlib.compressobj(6, zlib.DEFLATED, -15)
        entries.append((name, deflater.compress(data) + deflater.flush(), zlib.crc32(data), len(data)))
    if bomb is not None:
        name, size = bomb
        raw, crc = _zeros_deflated(size // MiB)
        entries.append((name, raw, crc, size))
    out, central = bytearray(), bytearray()
    for name, data, crc, size in entries:
        encoded = name.encode()
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, len(data), size,
                               len(encoded), 0, 0, 0, 0, 0, len(out)) + encoded
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(data), size, len(encoded), 0)
        out += encoded + data
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), len(out), 0)
    return bytes(out + central + end)


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_PACKAGE_RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                 'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
                 '2006/relationships/officeDocument" Target="{target}"/></Relationships>')


def docx_parts(document_xml: bytes) -> dict[str, bytes]:
    types = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="xml" ContentType="application/xml"/></Types>')
    return {"[Content_Types].xml": types.encode(), "_rels/.rels": _PACKAGE_RELS.format(target="word/document.xml").encode(),
            "word/document.xml": document_xml}


def docx_bytes(document_xml: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in docx_parts(document_xml).items():
            zf.writestr(name, data)
    return buf.getvalue()


def docx_paragraph(text: str) -> bytes:
    body = f"<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body>"
    return f'<?xml version="1.0"?><w:document xmlns:w="{_W}">{body}</w:document>'.encode()


def billion_laughs(*, padding: int = 0) -> bytes:
    """word/document.xml declaring ten entities of ten references each (10^9 copies of a word),
    used once in the body. ``padding``: a comment that long before the declarations, to push them
    past a reader that only looks at the start of the part."""
    entities = '<!ENTITY lol0 "lol">' + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    comment = f"<!--{'x' * padding}-->" if padding else ""
    body = docx_paragraph("&lol9;").decode().split("?>", 1)[1]
    return f'<?xml version="1.0"?>{comment}<!DOCTYPE lolz [{entities}]>{body}'.encode()


def docx_bomb(size: int) -> bytes:
    """A DOCX whose word/document.xml inflates to ``size`` bytes."""
    parts = {name: data for name, data in docx_parts(b"").items() if name != "word/document.xml"}
    return zip_bytes(parts, bomb=("word/document.xml", size))


def xlsx_bomb(size: int) -> bytes:
    """A workbook whose one worksheet inflates to ``size`` bytes."""
    types = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="xml" ContentType="application/xml"/></Types>')
    workbook = ('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
                '<sheet name="a" sheetId="1" r:id="rId1"/></sheets></workbook>')
    parts = {"[Content_Types].xml": types.encode(), "_rels/.rels": _PACKAGE_RELS.format(target="xl/workbook.xml").encode(),
             "xl/workbook.xml": workbook.encode()}
    return zip_bytes(parts, bomb=("xl/worksheets/sheet1.xml", size))


# --- PDFs whose object graph loops ------------------------------------------------------------


def pdf_bytes(objects: dict[int, str], *, prev_self: bool = False) -> bytes:
    """A PDF with a correct cross-reference table. ``prev_self``: the trailer's /Prev names the
    table itself, an endless chain of previous revisions."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = {}
    for num in sorted(objects):
        offsets[num] = len(out)
        out += f"{num} 0 obj\n{objects[num]}\nendobj\n".encode("latin-1")
    xref, size = len(out), max(objects) + 1
    out += f"xref\n0 {size}\n0000000000 65535 f \n".encode()
    for num in range(1, size):
        out += (f"{offsets[num]:010d} 00000 n \n" if num in offsets else "0000000000 65535 f \n").encode()
    prev = f" /Prev {xref}" if prev_self else ""
    out += f"trailer\n<< /Size {size} /Root 1 0 R{prev} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _text_page(parent: int, text: str) -> dict[int, str]:
    content = f"BT /F1 12 Tf 72 700 Td ({text}) Tj ET"
    return {
        3: f"<< /Type /Page /Parent {parent} 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
           "/Resources << /Font << /F1 5 0 R >> >> >>",
        4: f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        5: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    }


def pdf_kids_loop(text: str) -> bytes:
    """The page tree lists itself among its own kids, beside one real page."""
    return pdf_bytes({1: "<< /Type /Catalog /Pages 2 0 R >>", 2: "<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
                      **_text_page(2, text)})


def pdf_prev_loop(text: str) -> bytes:
    """The cross-reference table's /Prev points at itself."""
    return pdf_bytes({1: "<< /Type /Catalog /Pages 2 0 R >>", 2: "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                      **_text_page(2, text)}, prev_self=True)


def pdf_self_reference(text: str) -> bytes:
    """The page tree is an indirect object whose value is a reference to itself: PDFium refuses
    the file, and the fallback parser is left to resolve a reference that never ends."""
    return pdf_bytes({1: "<< /Type /Catalog /Pages 2 0 R >>", 2: "2 0 R", **_text_page(2, text)})


def pdf_pages_cycle() -> bytes:
    """Two page-tree nodes, each the other's only kid, counting one page that is nowhere."""
    return pdf_bytes({1: "<< /Type /Catalog /Pages 2 0 R >>", 2: "<< /Type /Pages /Kids [3 0 R] /Count 1 /Parent 3 0 R >>",
                      3: "<< /Type /Pages /Kids [2 0 R] /Count 1 /Parent 2 0 R >>"})
