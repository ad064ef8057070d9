"""Turn a SynthDoc into the bytes of a real file, the way Thai local-government offices publish them.

Every format the extractors read can be produced here, so tests and benchmarks use real files
made on the fly instead of committed binary fixtures. Output is deterministic for a given doc and
options on one machine (fixed timestamps, seeded noise), so a failing test can be reproduced.
"""

from __future__ import annotations

import csv
import html
import io
import math
import random
import re
import unicodedata
import zipfile
from pathlib import Path

from synth.model import Block, SynthDoc

FONT_DIR = Path("/usr/share/fonts/truetype/tlwg")
FONTS = {
    "Garuda": ("Garuda.ttf", "Garuda-Bold.ttf"),
    "Loma": ("Loma.ttf", "Loma-Bold.ttf"),
    "Sawasdee": ("Sawasdee.ttf", "Sawasdee-Bold.ttf"),
    "Kinnari": ("Kinnari.ttf", "Kinnari-Bold.ttf"),
    "Norasi": ("Norasi.ttf", "Norasi-Bold.ttf"),
    "TlwgMono": ("TlwgMono.ttf", "TlwgMono-Bold.ttf"),
}
FORMATS = ("txt", "html", "pdf", "scan_pdf", "png", "docx", "xlsx", "xls", "ods", "csv")

# Python's codec names for what Thai sites declare.
_CODECS = {"utf-8": "utf-8", "utf-8-sig": "utf-8-sig", "tis-620": "tis-620", "windows-874": "cp874", "cp874": "cp874"}
_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_ID_HEADER = re.compile(r"ประชาชน|บัตร|เลขประจำตัว|citizen|national id", re.IGNORECASE)


def render(doc: SynthDoc, fmt: str, **options) -> bytes:
    """Render ``doc`` as a file of format ``fmt`` (see FORMATS) and return its bytes.

    Options by format:
      txt:      encoding="utf-8"
      html:     encoding="utf-8" | "tis-620" | "windows-874"; declare="meta" | "header" | "none";
                charset=<name written in the declaration, default the encoding's own name>
      pdf:      font="Garuda", font_size=12, narrow_id_column=False, user_password=None,
                owner_password=None, pua_text_layer=False (glyphs right, text layer garbage)
      scan_pdf: dpi=200, font="Garuda", noise=False
      png:      dpi=200, font="Garuda", noise=False
      docx:     header_text=None, footer_text=None, textbox_text=None
      xlsx/xls/ods: numeric_ids=False, sheet_per_table=False
      csv:      encoding="utf-8", delimiter=","
    """
    renderers = {
        "txt": _render_txt,
        "html": _render_html,
        "pdf": _render_pdf,
        "scan_pdf": _render_scan_pdf,
        "png": _render_png,
        "docx": _render_docx,
        "xlsx": _render_xlsx,
        "xls": _render_xls,
        "ods": _render_ods,
        "csv": _render_csv,
    }
    if fmt not in renderers:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    return renderers[fmt](doc, **options)


def content_type(fmt: str, **options) -> str:
    """The Content-Type header a web server would send with ``render(doc, fmt, **options)``."""
    if fmt == "html":
        if options.get("declare", "meta") == "header":
            return f"text/html; charset={options.get('charset') or options.get('encoding', 'utf-8')}"
        return "text/html"
    return {
        "txt": "text/plain",
        "pdf": "application/pdf",
        "scan_pdf": "application/pdf",
        "png": "image/png",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xls": "application/vnd.ms-excel",
        "ods": "application/vnd.oasis.opendocument.spreadsheet",
        "csv": "text/csv",
    }[fmt]


def _codec(encoding: str) -> str:
    try:
        return _CODECS[encoding.lower()]
    except KeyError:
        raise ValueError(f"unsupported encoding {encoding!r}") from None


# --- text formats -------------------------------------------------------------------------------


def _render_txt(doc: SynthDoc, *, encoding: str = "utf-8") -> bytes:
    return doc.plain_text().encode(_codec(encoding), errors="replace")


def _render_html(
    doc: SynthDoc, *, encoding: str = "utf-8", declare: str = "meta", charset: str | None = None
) -> bytes:
    if declare not in ("meta", "header", "none"):
        raise ValueError(f"declare must be meta, header or none, not {declare!r}")
    esc = html.escape
    head = []
    if declare == "meta":
        name = charset or encoding
        # Old Thai CMS pages use the http-equiv form; newer ones the short form.
        if name.lower().startswith("utf"):
            head.append(f'<meta charset="{name}">')
        else:
            head.append(f'<meta http-equiv="Content-Type" content="text/html; charset={name}">')
    head.append(f"<title>{esc(doc.title)}</title>")
    body = [f"<h1>{esc(doc.title)}</h1>"]
    for block in doc.blocks:
        if block.kind == "heading":
            body.append(f"<h2>{esc(block.text)}</h2>")
        elif block.kind == "paragraph":
            body.append(f"<p>{esc(block.text)}</p>")
        else:
            body.append('<table border="1" cellspacing="0" cellpadding="4">')
            if block.header:
                cells = "".join(f"<th>{esc(c)}</th>" for c in block.header)
                body.append(f"<thead><tr>{cells}</tr></thead>")
            body.append("<tbody>")
            for row in block.rows:
                body.append("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>")
            body.append("</tbody></table>")
    page = (
        "<!DOCTYPE html>\n<html lang=\"th\">\n<head>\n"
        + "\n".join(head)
        + "\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
    return page.encode(_codec(encoding), errors="xmlcharrefreplace")


def _render_csv(doc: SynthDoc, *, encoding: str = "utf-8", delimiter: str = ",") -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    for row in _sheet_rows(doc, doc.blocks):
        writer.writerow(row)
    return buf.getvalue().encode(_codec(encoding), errors="replace")


# --- spreadsheets ------------------------------------------------------------------------------


def _sheet_rows(doc: SynthDoc, blocks: list[Block]) -> list[list[str]]:
    """Title row, then each block: text blocks as one cell, tables as header + rows."""
    rows: list[list[str]] = [[doc.title]]
    for block in blocks:
        if block.kind == "table":
            if block.header:
                rows.append(list(block.header))
            rows.extend(list(r) for r in block.rows)
        else:
            rows.append([block.text])
    return rows


def _sheets(doc: SynthDoc, sheet_per_table: bool) -> list[tuple[str, list[list[str]]]]:
    if not sheet_per_table:
        return [("Sheet1", _sheet_rows(doc, doc.blocks))]
    text_blocks = [b for b in doc.blocks if b.kind != "table"]
    tables = [b for b in doc.blocks if b.kind == "table"]
    sheets = [("Sheet1", _sheet_rows(doc, text_blocks + tables[:1]))]
    for i, table in enumerate(tables[1:], start=2):
        sheets.append((f"Sheet{i}", _sheet_rows(doc, [table])))
    return sheets


def _as_number(cell: str) -> int | None:
    """The number a clerk would have typed: 13-digit IDs and phones (which lose their leading 0)."""
    digits = re.sub(r"[\s-]", "", cell)
    if not (digits.isascii() and digits.isdigit()):
        return None
    if len(digits) == 13 or (len(digits) in (9, 10) and digits.startswith("0")):
        return int(digits)
    return None


def _render_xlsx(doc: SynthDoc, *, numeric_ids: bool = False, sheet_per_table: bool = False) -> bytes:
    import datetime

    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in _sheets(doc, sheet_per_table):
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append([_cell_value(c, numeric_ids) for c in row])
    fixed = datetime.datetime(2024, 1, 1)
    wb.properties.created = fixed
    wb.properties.modified = fixed
    buf = io.BytesIO()
    wb.save(buf)
    return _deterministic_zip(buf.getvalue())


def _cell_value(cell: str, numeric_ids: bool) -> str | int:
    if numeric_ids:
        number = _as_number(cell)
        if number is not None:
            return number
    return cell


def _render_xls(doc: SynthDoc, *, numeric_ids: bool = False, sheet_per_table: bool = False) -> bytes:
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    for name, rows in _sheets(doc, sheet_per_table):
        ws = wb.add_sheet(name)
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                ws.write(r, c, _cell_value(cell, numeric_ids))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _render_ods(doc: SynthDoc, *, numeric_ids: bool = False, sheet_per_table: bool = False) -> bytes:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    ods = OpenDocumentSpreadsheet()
    for name, rows in _sheets(doc, sheet_per_table):
        table = Table(name=name)
        for row in rows:
            tr = TableRow()
            for cell in row:
                value = _cell_value(cell, numeric_ids)
                if isinstance(value, int):
                    tc = TableCell(valuetype="float", value=str(value))
                    tc.addElement(P(text=str(value)))
                else:
                    tc = TableCell(valuetype="string")
                    tc.addElement(P(text=value))
                tr.addElement(tc)
            table.addElement(tr)
        ods.spreadsheet.addElement(table)
    buf = io.BytesIO()
    ods.write(buf)
    return _deterministic_zip(buf.getvalue(), prune_namespaces=True)


def _deterministic_zip(data: bytes, *, prune_namespaces: bool = False) -> bytes:
    """Rewrite a zip with fixed entry times and fixed document dates so equal docs give equal bytes.

    ``prune_namespaces``: odfpy declares on every document each namespace any earlier document in
    the process used, so its XML depends on history unless unused declarations are dropped.
    """
    from lxml import etree

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            blob = src.read(info)
            if info.filename in ("docProps/core.xml", "meta.xml"):
                blob = re.sub(
                    rb"(<(dcterms:(?:created|modified)|meta:creation-date|dc:date)\b[^>]*>)[^<]*(</\2>)",
                    rb"\g<1>2024-01-01T00:00:00Z\g<3>",
                    blob,
                )
            if prune_namespaces and info.filename.endswith(".xml"):
                root = etree.fromstring(blob)
                etree.cleanup_namespaces(root)
                blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED_ZIP_TIME)
            fixed.compress_type = info.compress_type
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, blob)
    return out.getvalue()


# --- DOCX --------------------------------------------------------------------------------------

_VML_NS = "urn:schemas-microsoft-com:vml"
_MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_WPS_NS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"


def _render_docx(
    doc: SynthDoc,
    *,
    header_text: str | None = None,
    footer_text: str | None = None,
    textbox_text: str | None = None,
) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading(doc.title, level=1)
    for block in doc.blocks:
        if block.kind == "heading":
            document.add_heading(block.text, level=2)
        elif block.kind == "paragraph":
            document.add_paragraph(block.text)
        else:
            rows = ([block.header] if block.header else []) + block.rows
            ncols = max((len(r) for r in rows), default=0)
            if not rows or not ncols:
                continue
            table = document.add_table(rows=len(rows), cols=ncols)
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
    section = document.sections[0]
    if header_text is not None:
        section.header.paragraphs[0].text = header_text
    if footer_text is not None:
        section.footer.paragraphs[0].text = footer_text
    if textbox_text is not None:
        _add_textbox(document.add_paragraph(), textbox_text)
    document.core_properties.author = "synth"
    buf = io.BytesIO()
    document.save(buf)
    return _deterministic_zip(buf.getvalue())


def _add_textbox(paragraph, text: str) -> None:  # noqa: ANN001 - python-docx paragraph
    """Append a floating text box the way Word 2010+ writes it.

    Word stores the box twice: a DrawingML shape and a VML fallback, each with its own
    w:txbxContent, so readers must take one and not report the text twice.
    """
    from lxml import etree

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    wp = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
    a = "http://schemas.openxmlformats.org/drawingml/2006/main"
    esc = html.escape(text)
    content = f'<w:txbxContent xmlns:w="{w}"><w:p><w:r><w:t xml:space="preserve">{esc}</w:t></w:r></w:p></w:txbxContent>'
    xml = (
        f'<w:r xmlns:w="{w}" xmlns:mc="{_MC_NS}" xmlns:wps="{_WPS_NS}" xmlns:wp="{wp}" '
        f'xmlns:a="{a}" xmlns:v="{_VML_NS}">'
        '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        '<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="2540000" cy="635000"/>'
        '<wp:docPr id="100" name="Text Box 1"/>'
        f'<a:graphic><a:graphicData uri="{_WPS_NS}"><wps:wsp><wps:cNvSpPr txBox="1"/>'
        '<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="2540000" cy="635000"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>'
        f"<wps:txbx>{content}</wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic>"
        "</wp:inline></w:drawing></mc:Choice>"
        '<mc:Fallback><w:pict><v:shape style="width:200pt;height:50pt" type="#_x0000_t202">'
        f"<v:textbox>{content}</v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )
    paragraph._p.append(etree.fromstring(xml))


# --- PDF with a text layer ----------------------------------------------------------------------


def _register_font(name: str) -> tuple[str, str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    regular, bold = FONTS[name]
    names = (f"Synth-{name}", f"Synth-{name}-Bold")
    for font_name, file in zip(names, (regular, bold)):
        if font_name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(font_name, str(FONT_DIR / file)))
    return names


def _render_pdf(
    doc: SynthDoc,
    *,
    font: str = "Garuda",
    font_size: float = 12,
    narrow_id_column: bool = False,
    user_password: str | None = None,
    owner_password: str | None = None,
    pua_text_layer: bool = False,
) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    regular, bold = _register_font(font)
    body = ParagraphStyle("body", fontName=regular, fontSize=font_size, leading=font_size * 1.6)
    cell = ParagraphStyle("cell", parent=body, splitLongWords=1)
    head_cell = ParagraphStyle("head_cell", parent=cell, fontName=bold)
    title = ParagraphStyle("title", parent=body, fontName=bold, fontSize=font_size * 1.4,
                           leading=font_size * 2.2, alignment=1)
    heading = ParagraphStyle("heading", parent=body, fontName=bold, fontSize=font_size * 1.15,
                             leading=font_size * 1.9)
    pad = 4
    encrypt = None
    if user_password is not None or owner_password is not None:
        from reportlab.lib.pdfencrypt import StandardEncryption

        encrypt = StandardEncryption(user_password or "", ownerPassword=owner_password or user_password)
    buf = io.BytesIO()
    template = SimpleDocTemplate(
        buf, pagesize=landscape(A4) if _wide(doc) else A4, leftMargin=2 * cm, rightMargin=2 * cm, topMargin=2 * cm,
        bottomMargin=2 * cm, invariant=1, encrypt=encrypt, title=doc.title, author="synth",
        pageCompression=0 if pua_text_layer else None,
    )
    story: list = [Paragraph(_xml(doc.title), title), Spacer(1, font_size / 2)]
    for block in doc.blocks:
        if block.kind == "heading":
            story.append(Paragraph(_xml(block.text), heading))
        elif block.kind == "paragraph":
            story.append(Paragraph(_xml(block.text), body))
        else:
            rows = ([block.header] if block.header else []) + block.rows
            ncols = max((len(r) for r in rows), default=0)
            if not ncols:
                continue
            natural = [pad * 2 + 6.0] * ncols
            numbers = [0.0] * ncols
            for r, row in enumerate(rows):
                face = bold if (block.header and r == 0) else regular
                for i, text in enumerate(row):
                    natural[i] = max(natural[i], stringWidth(text, face, font_size) + pad * 2 + 2)
                    for token in _NUMBER_TOKEN.findall(text):
                        numbers[i] = max(numbers[i], stringWidth(token, face, font_size) + pad * 2 + 2)
            narrow = _id_column(block) if narrow_id_column else None
            widths = _fit_widths(natural, template.width, numbers)
            if narrow is not None:
                # Room for about seven digits: a 13-digit ID wraps onto a second line.
                widths[narrow] = stringWidth("0" * 7, regular, font_size) + pad * 2 + 1
            data = []
            for r, row in enumerate(rows):
                style = head_cell if (block.header and r == 0) else cell
                padded = list(row) + [""] * (ncols - len(row))
                data.append([Paragraph(_xml(t), style) for t in padded])
            table = Table(data, colWidths=widths, repeatRows=1 if block.header else 0)
            table.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), pad),
                ("RIGHTPADDING", (0, 0), (-1, -1), pad),
            ]))
            story += [Spacer(1, font_size / 2), table, Spacer(1, font_size / 2)]
    template.build(story)
    if pua_text_layer:
        return _pua_cmaps(buf.getvalue())
    return buf.getvalue()


def _pua_cmaps(pdf: bytes) -> bytes:
    """Point every glyph's Unicode mapping (except the space) into the Private Use Area, as
    broken Thai fonts do: the page looks right but its text layer is garbage. Each mapping keeps
    its length, so the uncompressed streams and the xref stay valid."""
    def block(match: re.Match) -> bytes:
        return re.sub(rb"<([0-9A-F]{2})> <(?!0020)[0-9A-F]{4}>", rb"<\1> <E0\1>", match.group(0))

    return re.sub(rb"beginbfchar.*?endbfchar", block, pdf, flags=re.S)


def _xml(text: str) -> str:
    return html.escape(text, quote=False)


def _id_column(block: Block) -> int | None:
    """The column holding national IDs: by its header, else by 13-digit cell contents."""
    for i, name in enumerate(block.header):
        if _ID_HEADER.search(name):
            return i
    ncols = max((len(r) for r in block.rows), default=0)
    for i in range(ncols):
        cells = [r[i] for r in block.rows if i < len(r)]
        if cells and sum(len(re.sub(r"\D", "", c)) == 13 for c in cells) * 2 > len(cells):
            return i
    return None


def _wide(doc: SynthDoc) -> bool:
    """Offices print wide tables (8+ columns: allowance lists, complaint registers) landscape."""
    return any(b.kind == "table" and len(b.header or (b.rows[0] if b.rows else [])) >= 8 for b in doc.blocks)


#: An unbreakable number as it is typed in a cell (an ID, a phone, a laser code, a date).
_NUMBER_TOKEN = re.compile(r"[0-9๐-๙A-Z][0-9๐-๙Xx*×#./-]{6,}")


def _fit_widths(natural: list[float], available: float, keep: list[float] | None = None) -> list[float]:
    """Shrink columns to the page. ``keep`` is each column's width below which it should not
    go (its longest unbreakable number): clerks widen those columns and let text wrap."""
    total = sum(natural)
    if total <= available:
        return list(natural)
    keep = keep or [0.0] * len(natural)
    # every column keeps room for a short word, or its header wraps letter by letter
    floor = [min(w, max(k, 48.0)) for k, w in zip(keep, natural)]
    if sum(floor) >= available:
        return [w * available / total for w in natural]
    # shrink only what is above the floor, in proportion
    slack = total - sum(floor)
    excess = total - available
    return [f + (w - f) * (1 - excess / slack) for w, f in zip(natural, floor)]


# --- raster: what a scanner or a screenshot produces -------------------------------------------


def _render_scan_pdf(doc: SynthDoc, *, dpi: int = 200, font: str = "Garuda", noise: bool = False) -> bytes:
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    pages = _raster_pages(doc, dpi=dpi, font=font, noise=noise, single=False)
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, invariant=1)
    for img in pages:
        w, h = img.width * 72 / dpi, img.height * 72 / dpi
        pdf.setPageSize((w, h))
        pdf.drawImage(ImageReader(img), 0, 0, width=w, height=h)
        pdf.showPage()
    pdf.save()
    return buf.getvalue()


def _render_png(doc: SynthDoc, *, dpi: int = 200, font: str = "Garuda", noise: bool = False) -> bytes:
    (img,) = _raster_pages(doc, dpi=dpi, font=font, noise=noise, single=True)
    buf = io.BytesIO()
    img.save(buf, "PNG", dpi=(dpi, dpi))
    return buf.getvalue()


class _Raster:
    """Lays text out line by line on A4-sized grey images (one tall image when ``single``)."""

    def __init__(self, dpi: int, font: str, single: bool, landscape: bool = False) -> None:
        from PIL import ImageFont, features

        self.dpi = dpi
        self.single = single
        # wide tables are printed (and so scanned) landscape, as _render_pdf lays them out
        short_side, long_side = round(8.27 * dpi), round(11.69 * dpi)
        self.width, self.height = (long_side, short_side) if landscape else (short_side, long_side)
        self.margin = round(0.8 * dpi)
        engine = ImageFont.Layout.RAQM if features.check("raqm") else ImageFont.Layout.BASIC
        px = 12 * dpi / 72  # 12 pt at this resolution
        regular, bold = FONTS[font]
        self.body = ImageFont.truetype(str(FONT_DIR / regular), round(px), layout_engine=engine)
        self.bold = ImageFont.truetype(str(FONT_DIR / bold), round(px), layout_engine=engine)
        self.title = ImageFont.truetype(str(FONT_DIR / bold), round(px * 1.35), layout_engine=engine)
        self.pages: list = []
        self._new_page()

    def line_height(self, font) -> int:  # noqa: ANN001 - PIL font
        return round(font.size * 1.6)

    def _new_page(self) -> None:
        from PIL import Image, ImageDraw

        self.img = Image.new("L", (self.width, self.height), 255)
        self.draw = ImageDraw.Draw(self.img)
        self.pages.append(self.img)
        self.y = self.margin

    def _room(self, needed: int) -> None:
        if self.y + needed <= self.height - self.margin:
            return
        if self.single:
            from PIL import Image, ImageDraw

            grown = Image.new("L", (self.width, self.height * 2), 255)
            grown.paste(self.img, (0, 0))
            self.pages[-1] = self.img = grown
            self.height *= 2
            self.draw = ImageDraw.Draw(self.img)
        else:
            self._new_page()

    def text(self, text: str, font, center: bool = False) -> None:  # noqa: ANN001
        lh = self.line_height(font)
        for line in _wrap(text, font, self.width - 2 * self.margin):
            self._room(lh)
            x = self.margin
            if center:
                x = max(self.margin, round((self.width - font.getlength(line)) / 2))
            self.draw.text((x, self.y), line, font=font, fill=0)
            self.y += lh
        self.y += lh // 3

    def table(self, block: Block) -> None:
        rows = ([block.header] if block.header else []) + block.rows
        ncols = max((len(r) for r in rows), default=0)
        if not ncols:
            return
        pad = round(self.body.size * 0.35)
        natural = [0.0] * ncols
        for r, row in enumerate(rows):
            font = self.bold if (block.header and r == 0) else self.body
            for i, cell in enumerate(row):
                # measure line by line: raqm refuses text holding a line break
                widest = max(font.getlength(line) for line in cell.split("\n"))
                natural[i] = max(natural[i], widest + 2 * pad + 2)
        widths = [math.floor(w) for w in _fit_widths(natural, self.width - 2 * self.margin)]
        lh = self.line_height(self.body)
        for r, row in enumerate(rows):
            is_header = bool(block.header) and r == 0
            font = self.bold if is_header else self.body
            cells = [list(_wrap(c, font, widths[i] - 2 * pad)) for i, c in enumerate(row)]
            height = max(len(c) for c in cells) * lh + pad
            self._room(height)
            x = self.margin
            for i, width in enumerate(widths):
                self.draw.rectangle((x, self.y, x + width, self.y + height), outline=0, width=2)
                for k, line in enumerate(cells[i] if i < len(cells) else []):
                    self.draw.text((x + pad, self.y + pad // 2 + k * lh), line, font=font, fill=0)
                x += width
            self.y += height
        self.y += lh // 2


def _raster_pages(doc: SynthDoc, *, dpi: int, font: str, noise: bool, single: bool) -> list:
    raster = _Raster(dpi, font, single, landscape=_wide(doc))
    raster.text(doc.title, raster.title, center=True)
    for block in doc.blocks:
        if block.kind == "heading":
            raster.text(block.text, raster.bold)
        elif block.kind == "paragraph":
            raster.text(block.text, raster.body)
        else:
            raster.table(block)
    pages = raster.pages
    if single:
        pages = [pages[0].crop((0, 0, raster.width, min(pages[0].height, raster.y + raster.margin)))]
    if noise:
        rng = random.Random(doc.doc_id)
        pages = [_scanner_noise(p, rng) for p in pages]
    return pages


def _scanner_noise(img, rng: random.Random):  # noqa: ANN001, ANN201 - PIL images
    """A slightly crooked, slightly blurred page with dust specks, as from an office scanner."""
    from PIL import ImageDraw, ImageFilter

    img = img.rotate(rng.uniform(-0.8, 0.8), resample=3, expand=False, fillcolor=255)
    draw = ImageDraw.Draw(img)
    for _ in range(img.width * img.height // 4000):
        x, y = rng.randrange(img.width), rng.randrange(img.height)
        draw.point((x, y), fill=rng.randrange(60, 200))
    return img.filter(ImageFilter.GaussianBlur(0.5))


def _wrap(text: str, font, width: float) -> list[str]:  # noqa: ANN001 - PIL font
    """Greedy wrap at spaces; a word wider than the line is cut between characters (never before
    a combining Thai mark, which belongs to the character before it)."""
    lines: list[str] = []
    for para in text.split("\n"):
        current = ""
        for word in para.split(" "):
            candidate = f"{current} {word}" if current else word
            if font.getlength(candidate) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            current = ""
            for piece in _cut(word, font, width):
                if current:
                    lines.append(current)
                current = piece
        lines.append(current)
    return lines


def _cut(word: str, font, width: float) -> list[str]:  # noqa: ANN001
    pieces, current = [], ""
    for ch in word:
        if current and not unicodedata.combining(ch) and unicodedata.category(ch) != "Mn" \
                and font.getlength(current + ch) > width:
            pieces.append(current)
            current = ""
        current += ch
    pieces.append(current)
    return pieces
