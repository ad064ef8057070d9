"""The document model: what both renderers draw, so the DOCX and the PDF cannot say different things."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar


@dataclass(frozen=True, slots=True)
class Title:
    kind: ClassVar[str] = "title"
    text: str
    sub: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Heading:
    """A form section (level 1) or a numbered question inside one (level 2)."""

    kind: ClassVar[str] = "heading"
    text: str
    level: int = 1


@dataclass(frozen=True, slots=True)
class Para:
    """A paragraph; ``lead`` is printed bold before the text. Styles: body, indent, note, box,
    right, center, letter (first line indented, as in Thai official letters)."""

    kind: ClassVar[str] = "para"
    text: str
    lead: str = ""
    style: str = "body"


@dataclass(frozen=True, slots=True)
class Items:
    """A numbered or bulleted list."""

    kind: ClassVar[str] = "items"
    items: tuple[str, ...]
    numbered: bool = False


@dataclass(frozen=True, slots=True)
class Fields:
    """Label/value lines of a form, drawn as a borderless two-column table."""

    kind: ClassVar[str] = "fields"
    rows: tuple[tuple[str, str], ...]
    label_width: int = 30  # percent


@dataclass(frozen=True, slots=True)
class Table:
    kind: ClassVar[str] = "table"
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[int, ...]  # percent of the text width
    foot: tuple[str, ...] = ()  # a bold last row (e.g. the total)
    numeric: tuple[int, ...] = ()  # columns aligned centre


@dataclass(frozen=True, slots=True)
class Checks:
    """Checkboxes, ticked (☑) where Eagle Eye knows the answer, empty (☐) for the organisation."""

    kind: ClassVar[str] = "checks"
    items: tuple[tuple[bool, str], ...]
    inline: bool = False


@dataclass(frozen=True, slots=True)
class Lines:
    """Empty dotted lines to write on."""

    kind: ClassVar[str] = "lines"
    count: int = 2


@dataclass(frozen=True, slots=True)
class Signature:
    kind: ClassVar[str] = "signature"
    lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PageBreak:
    kind: ClassVar[str] = "pagebreak"


Block = Title | Heading | Para | Items | Fields | Table | Checks | Lines | Signature | PageBreak

TICK, BOX = "☑", "☐"
#: a blank to fill in inside a sentence; a longer one for names and addresses
BLANK = "." * 24
LONG_BLANK = "." * 48
