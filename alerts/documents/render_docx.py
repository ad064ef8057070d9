"""Blocks -> DOCX (python-docx), with the Thai fonts, sizes and margins of an official letter."""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from alerts.documents.blocks import (
    BOX, TICK, Block, Checks, Fields, Heading, Items, Lines, PageBreak, Para, Signature, Table, Title,
)

#: DOCX: the name Word on the coordinator's PC knows; LibreOffice on Debian substitutes Laksaman.
DOCX_FONT = "TH SarabunPSK"
_CM_TEXT_WIDTH = 16.0  # A4 21 cm - 3 cm left - 2 cm right (Thai official-letter margins)


def to_docx(blocks: Sequence[Block], *, title: str) -> bytes:
    doc = Document()
    doc.core_properties.title = title
    doc.core_properties.language = "th-TH"
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3.0), Cm(2.0)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    _docx_styles(doc)
    _docx_footer(section)

    for block in blocks:
        _DOCX_DRAW[block.kind](doc, block)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


#: Child order of ``w:rPr`` and ``w:pPr`` in the WordprocessingML schema: Word refuses a file
#: whose properties are out of order, so new children are inserted in place.
_RPR_ORDER = ("w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike",
              "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid",
              "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz",
              "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl",
              "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")
_PPR_ORDER = ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
              "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
              "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
              "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
              "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
              "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


def _insert_ordered(parent, child, order: tuple[str, ...]) -> None:
    tag = next(t for t in order if qn(t) == child.tag)
    parent.insert_element_before(child, *order[order.index(tag) + 1:])


def _set_run_props(rpr, *, font: str | None = None, size: float | None = None, bold: bool | None = None,
                   color: str | None = None) -> None:
    """Fonts for every script (incl. ``w:cs``: Thai is a complex script in Word), sizes ``w:sz``
    and ``w:szCs``, bold ``w:b`` and ``w:bCs``: Word reads the *Cs variants for Thai text."""
    if font:
        fonts = rpr.get_or_add_rFonts()
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attr), None)
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attr), font)
    if bold is not None:
        for tag in ("b", "bCs"):
            el = rpr.find(qn(f"w:{tag}"))
            if el is None:
                el = getattr(rpr, f"_add_{tag}")()
            el.set(qn("w:val"), "1" if bold else "0")
    if color:
        rpr.get_or_add_color().set(qn("w:val"), color)
        rpr.color.attrib.pop(qn("w:themeColor"), None)
        rpr.color.attrib.pop(qn("w:themeShade"), None)
    if size:
        half_points = str(round(size * 2))
        rpr.get_or_add_sz().set(qn("w:val"), half_points)
        sz_cs = rpr.find(qn("w:szCs"))
        if sz_cs is None:
            sz_cs = OxmlElement("w:szCs")
            _insert_ordered(rpr, sz_cs, _RPR_ORDER)
        sz_cs.set(qn("w:val"), half_points)
    if rpr.find(qn("w:lang")) is None:
        # Thai is a complex script: its language goes in w:bidi. Tagging Latin text (w:val) as Thai
        # too makes LibreOffice break URLs and words like "Eagle Eye" mid-word.
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), "en-US")
        lang.set(qn("w:bidi"), "th-TH")
        _insert_ordered(rpr, lang, _RPR_ORDER)


def _docx_styles(doc) -> None:
    # the document defaults first: what any style without its own font falls back to
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
        if rpr is not None:
            _set_run_props(rpr, font=DOCX_FONT, size=16)

    normal = doc.styles["Normal"]
    _set_run_props(normal.element.get_or_add_rPr(), font=DOCX_FONT, size=16)
    normal.paragraph_format.space_after = Pt(2)
    normal.paragraph_format.line_spacing = 1.0

    for name, size, space_before in (("Title", 20, 0), ("Heading 1", 17, 10), ("Heading 2", 16, 6)):
        style = doc.styles[name]
        _set_run_props(style.element.get_or_add_rPr(), font=DOCX_FONT, size=size, bold=True, color="000000")
        style.font.italic = False
        style.paragraph_format.space_before = Pt(space_before)
        style.paragraph_format.space_after = Pt(2)
        style.paragraph_format.keep_with_next = True
    title = doc.styles["Title"]
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # the built-in Title has a blue bottom border: a form's title has none
    ppr = title.element.find(qn("w:pPr"))
    if ppr is not None:
        border = ppr.find(qn("w:pBdr"))
        if border is not None:
            ppr.remove(border)

    for name in ("List Bullet", "List Number"):
        style = doc.styles[name]
        _set_run_props(style.element.get_or_add_rPr(), font=DOCX_FONT, size=16)
        style.paragraph_format.left_indent = Cm(1.0)


def _docx_footer(section) -> None:
    """``หน้า N`` centred, from a PAGE field."""
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(p, "หน้า ", size=14)
    run = _run(p, "", size=14)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text == "1":
            el = OxmlElement("w:t")
            el.text = text
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)


def _run(paragraph, text: str, *, bold: bool = False, size: float | None = None):
    run = paragraph.add_run(text)
    if bold or size:
        _set_run_props(run._r.get_or_add_rPr(), bold=True if bold else None, size=size)
    return run


def _add_text(paragraph, text: str, *, bold: bool = False, size: float | None = None) -> None:
    """Text with line breaks (``\\n``) kept as breaks inside the paragraph."""
    for i, line in enumerate(text.split("\n")):
        run = _run(paragraph, "", bold=bold, size=size)
        if i:
            run.add_break()
        run.add_text(line)


def _draw_title(doc, block: Title) -> None:
    doc.add_paragraph(block.text, style="Title")
    for sub in block.sub:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(p, sub, bold=True)


def _draw_heading(doc, block: Heading) -> None:
    doc.add_heading(block.text, level=block.level)


def _draw_para(doc, block: Para) -> None:
    p = doc.add_paragraph()
    fmt = p.paragraph_format
    size = None
    if block.style == "indent":
        fmt.left_indent = Cm(0.75)
    elif block.style == "letter":
        fmt.first_line_indent = Cm(2.5)
        # left-aligned as in the PDF: LibreOffice's "Thai distributed" splits numbers across lines
        fmt.space_after = Pt(6)
    elif block.style == "right":
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif block.style == "center":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif block.style == "note":
        size = 14
        fmt.left_indent = Cm(0.75)
    elif block.style == "box":
        size = 14
        _shade_paragraph(p)
    if block.lead:
        _run(p, block.lead, bold=True, size=size)
    _add_text(p, block.text, size=size)


def _shade_paragraph(p) -> None:
    """A light grey box with a border: the coordinator's notes and the deadline."""
    ppr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        el = OxmlElement(f"w:{side}")
        for k, v in (("w:val", "single"), ("w:sz", "4"), ("w:space", "4"), ("w:color", "808080")):
            el.set(qn(k), v)
        borders.append(el)
    shd = OxmlElement("w:shd")
    for k, v in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", "F2F2F2")):
        shd.set(qn(k), v)
    _insert_ordered(ppr, borders, _PPR_ORDER)
    _insert_ordered(ppr, shd, _PPR_ORDER)


def _draw_items(doc, block: Items) -> None:
    for item in block.items:
        _add_text(doc.add_paragraph(style="List Number" if block.numbered else "List Bullet"), item)


def _table(doc, widths_pct: Sequence[int], n_rows: int, *, grid: bool):
    table = doc.add_table(rows=n_rows, cols=len(widths_pct))
    if grid:
        table.style = doc.styles["Table Grid"]
    table.autofit = False
    for i, pct in enumerate(widths_pct):
        width = Cm(_CM_TEXT_WIDTH * pct / 100)
        table.columns[i].width = width
        for cell in table.columns[i].cells:
            cell.width = width
    return table


def _fill(cell, text: str, *, bold: bool = False, size: float | None = None, center: bool = False) -> None:
    p = cell.paragraphs[0]
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _add_text(p, text, bold=bold, size=size)


def _draw_fields(doc, block: Fields) -> None:
    table = _table(doc, (block.label_width, 100 - block.label_width), len(block.rows), grid=False)
    for row, (label, value) in zip(table.rows, block.rows, strict=True):
        _fill(row.cells[0], f"{label}:", bold=True)
        _fill(row.cells[1], value)


def _draw_table(doc, block: Table) -> None:
    rows = [block.header, *block.rows] + ([block.foot] if block.foot else [])
    table = _table(doc, block.widths, len(rows), grid=True)
    for r, values in enumerate(rows):
        is_head = r == 0
        is_foot = bool(block.foot) and r == len(rows) - 1
        for c, value in enumerate(values):
            cell = table.rows[r].cells[c]
            _fill(cell, value, bold=is_head or is_foot, size=14, center=is_head or c in block.numeric)
            if is_head:
                shd = OxmlElement("w:shd")
                for k, v in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", "E7E6E6")):
                    shd.set(qn(k), v)
                cell._tc.get_or_add_tcPr().append(shd)
    # repeat the header row on every page the table runs onto
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "1")
    tr_pr.append(header)
    doc.add_paragraph()


def _draw_checks(doc, block: Checks) -> None:
    if block.inline:
        p = doc.add_paragraph()
        p.paragraph_format.left_indent = Cm(0.75)
        _add_text(p, "     ".join(f"{TICK if on else BOX} {label}" for on, label in block.items))
        return
    for on, label in block.items:
        p = doc.add_paragraph()
        p.paragraph_format.left_indent = Cm(1.35)
        p.paragraph_format.first_line_indent = Cm(-0.6)
        _run(p, f"{TICK if on else BOX} ", bold=on)
        _add_text(p, label)


def _draw_lines(doc, block: Lines) -> None:
    """A tab to a right tab stop with a dotted leader: Word draws the dots to the margin in any font."""
    for _ in range(block.count):
        p = doc.add_paragraph()
        p.paragraph_format.left_indent = Cm(0.75)
        p.paragraph_format.tab_stops.add_tab_stop(Cm(_CM_TEXT_WIDTH), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        p.add_run("\t")


def _draw_signature(doc, block: Signature) -> None:
    for line in block.lines:
        p = doc.add_paragraph(line)
        p.paragraph_format.left_indent = Cm(7.5)


def _draw_pagebreak(doc, block: PageBreak) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


_DOCX_DRAW = {
    "title": _draw_title, "heading": _draw_heading, "para": _draw_para, "items": _draw_items,
    "fields": _draw_fields, "table": _draw_table, "checks": _draw_checks, "lines": _draw_lines,
    "signature": _draw_signature, "pagebreak": _draw_pagebreak,
}
