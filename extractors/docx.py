"""DOCX → text: body paragraphs and tables, headers, footers, text boxes, foot/endnotes, comments.

Read straight from the package XML rather than through python-docx, which skips headers,
footers, text boxes and tracked deletions: all places where an ID can still be read by anyone
who opens the file.
"""

from __future__ import annotations

import posixpath
import re

from extractors.archive import open_zip, parse_xml, read_member
from extractors.base import Extraction, Limits, Page
from extractors.cells import CELL_SEP
from extractors.guard import Deadline, unreadable
from extractors.textutil import clean_text

KIND = "DOCX"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_DOC = "/officeDocument"
# Parts around the body, by relationship type; headers first and footers last, as on paper.
_BEFORE = ("/header",)
_AFTER = ("/footnotes", "/endnotes", "/comments", "/footer")


def extract_docx(data: bytes, *, limits: Limits, deadline: Deadline, media_type: str, **_: object) -> Extraction:
    with open_zip(data, limits, KIND) as zf:
        main = _main_part(zf)
        blob = read_member(zf, main, KIND)
        if blob is None:
            raise unreadable(KIND)
        rels = _relationships(zf, main)
        sections: list[str] = []
        for suffix in _BEFORE:
            sections += _parts_text(zf, rels, suffix, deadline)
        deadline.check("the document body")
        sections.append(part_text(parse_xml(blob, KIND)))
        for suffix in _AFTER:
            sections += _parts_text(zf, rels, suffix, deadline)
    text = "\n".join(s for s in sections if s)
    return Extraction(media_type, [Page(None, text, "docx")])


def _main_part(zf) -> str:  # noqa: ANN001
    blob = read_member(zf, "_rels/.rels", KIND)
    if blob is not None:
        for rel in parse_xml(blob, KIND).iter(f"{_REL}Relationship"):
            if rel.get("Type", "").endswith(_OFFICE_DOC) and rel.get("Target"):
                return _resolve("", rel.get("Target"))
    return "word/document.xml"


def _relationships(zf, part: str) -> list[tuple[str, str]]:  # noqa: ANN001
    """(type, part name) of the part's relationships, in file order."""
    folder, name = posixpath.split(part)
    blob = read_member(zf, posixpath.join(folder, "_rels", name + ".rels"), KIND)
    if blob is None:
        return []
    out = []
    for rel in parse_xml(blob, KIND).iter(f"{_REL}Relationship"):
        if rel.get("TargetMode") != "External" and rel.get("Target"):
            out.append((rel.get("Type", ""), _resolve(folder, rel.get("Target"))))
    return out


def _resolve(folder: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(folder, target))


def _parts_text(zf, rels, suffix: str, deadline: Deadline) -> list[str]:  # noqa: ANN001
    out = []
    for rel_type, name in rels:
        if rel_type.endswith(suffix):
            deadline.check("a header, footer or note")
            blob = read_member(zf, name, KIND)
            if blob is not None:
                out.append(part_text(parse_xml(blob, KIND)))
    return out


def part_text(root) -> str:  # noqa: ANN001 - lxml element
    lines: list[str] = []
    _blocks(root, lines)
    cleaned = (re.sub(" {2,}", " ", line).strip() for line in clean_text("\n".join(lines)).split("\n"))
    return "\n".join(line for line in cleaned if line)


def _blocks(container, lines: list[str]) -> None:  # noqa: ANN001
    """Block-level content: paragraphs, tables, and wrappers around them (content controls,
    tracked changes, custom XML), in document order."""
    for child in container:
        tag = child.tag
        if tag == f"{_W}p":
            boxes: list = []
            buf: list[str] = []
            _inline(child, buf, boxes)
            lines.append("".join(buf))
            for box in boxes:
                _blocks(box, lines)
        elif tag == f"{_W}tbl":
            lines.extend(_table(child))
        elif tag == f"{_MC}Fallback" or not isinstance(tag, str):
            continue
        elif tag in (f"{_W}sectPr", f"{_W}tblPr", f"{_W}rPr", f"{_W}pPr"):
            continue
        else:
            _blocks(child, lines)


def _inline(node, buf: list[str], boxes: list) -> None:  # noqa: ANN001
    for child in node:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        if tag in (f"{_W}t", f"{_W}delText"):  # deleted text is still in the file
            buf.append(child.text or "")
        elif tag in (f"{_W}tab", f"{_W}ptab"):
            buf.append(" ")
        elif tag in (f"{_W}br", f"{_W}cr"):
            buf.append("\n")
        elif tag == f"{_W}noBreakHyphen":
            buf.append("-")
        elif tag == f"{_W}txbxContent":
            boxes.append(child)
        elif tag in (f"{_MC}Fallback", f"{_W}instrText", f"{_W}rPr", f"{_W}pPr"):
            continue  # Fallback repeats the Choice (a text box would be read twice)
        else:
            _inline(child, buf, boxes)


def _table(tbl) -> list[str]:  # noqa: ANN001
    rows = []
    for tr in _children(tbl, "tr"):
        cells = []
        for tc in _children(tr, "tc"):
            inner: list[str] = []
            _blocks(tc, inner)
            cells.append(" ".join(" ".join(x.split()) for x in inner if x.strip()))
        rows.append(CELL_SEP.join(cells).rstrip())
    return rows


def _children(node, name: str) -> list:  # noqa: ANN001
    """Direct children named ``name``, looking through content-control and custom-XML wrappers."""
    out = []
    for child in node:
        if child.tag == f"{_W}{name}":
            out.append(child)
        elif child.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"):
            out.extend(_children(child, name))
    return out
