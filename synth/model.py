"""The document model the content generator produces and the renderers turn into files."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

LabelKind = Literal["national_id", "phone", "laser_code"]
LabelStatus = Literal["unmasked", "under_masked", "masked"]


@dataclass(frozen=True, slots=True)
class Label:
    """One planted identifier, as the truth the detectors are scored against.

    ``canonical`` is the ASCII canonical value with mask characters kept as ``X``
    (national ID: 13 positions; phone: national digits with leading 0; laser: 2 letters + 10).
    ``written`` is exactly how it appears in the text (layout, Thai digits, masks).
    """

    kind: LabelKind
    canonical: str
    written: str
    status: LabelStatus
    personal: bool
    #: Optional, for error reports: the synth.ids layout it was written in (e.g. ``dashed``).
    layout: str = ""
    #: Optional, for error reports: whose it is (``citizen``, ``company``, ``office``, ``officer`` ...).
    role: str = ""


@dataclass(slots=True)
class Block:
    """A heading, a paragraph or a table. Table cells are plain strings."""

    kind: Literal["heading", "paragraph", "table"]
    text: str = ""
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


@dataclass(slots=True)
class SynthDoc:
    """A document: title, blocks, and the labels of every identifier planted in it.

    ``doc_type`` is e.g. allowance_list, tax_roll, procurement, letter, news.
    ``sensitive`` names the PDPA s.26 category the document is about, if any.
    """

    doc_id: str
    doc_type: str
    title: str
    blocks: list[Block] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    sensitive: str | None = None

    def plain_text(self) -> str:
        """The document as plain text: cells joined by ' | ', rows and blocks by newlines."""
        out = [self.title]
        for block in self.blocks:
            if block.kind == "table":
                if block.header:
                    out.append(" | ".join(block.header))
                out.extend(" | ".join(row) for row in block.rows)
            else:
                out.append(block.text)
        return "\n".join(out) + "\n"
