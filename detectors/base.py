"""Public types of the detection engine.

The engine is pure: text and a key in, detections out. No I/O, no settings, no globals
that change. A :class:`Detection` never holds a raw identifier: only a masked ``display``,
a masked ``context`` and, for unmasked values, a keyed ``fingerprint``. ``start``/``end``
are offsets into the text the caller passed in, so the caller (who already has the text)
can point at the spot without the engine handing the value out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol


class Kind(StrEnum):
    NATIONAL_ID = "national_id"
    PHONE = "phone"
    LASER_CODE = "laser_code"


class Status(StrEnum):
    UNMASKED = "unmasked"
    UNDER_MASKED = "under_masked"
    MASKED = "masked"


#: Characters seen in the wild standing in for a hidden digit.
MASK_CHARS = "Xx*×#"


@dataclass(frozen=True, slots=True)
class MaskingRule:
    """The X4 rule, as a setting.

    Masked when at least ``min_hidden`` digits are hidden and, if ``max_visible`` is set, no
    more than that many digits remain visible (PDPC's public example keeps only 4).
    """

    min_hidden: int = 4
    max_visible: int | None = None

    def status(self, *, hidden: int, visible: int) -> Status:
        if hidden == 0:
            return Status.UNMASKED
        if hidden >= self.min_hidden and (self.max_visible is None or visible <= self.max_visible):
            return Status.MASKED
        return Status.UNDER_MASKED


class TextPage(Protocol):
    """What the engine needs of a page (extractors.Page fits)."""

    @property
    def number(self) -> int | None: ...
    @property
    def text(self) -> str: ...
    @property
    def ocr(self) -> bool: ...


@dataclass(slots=True)
class Detection:
    """One identifier found. Treat as read-only (not frozen only because frozen dataclasses
    cost ~3x to build, and the engine builds one per number on the hot path)."""

    kind: Kind
    status: Status
    #: Whether this is a private person's identifier (personal data under the PDPA).
    personal: bool
    #: Masked for people: at most the last 4 positions as published, the rest X.
    display: str
    #: Lowercase hex HMAC-SHA256 of the canonical value; only for unmasked, else None.
    fingerprint: str | None
    page: int | None
    #: The surrounding text with every identifier-like number masked.
    context: str
    #: Which named pattern matched (e.g. ``national_id.grouped``).
    pattern: str
    #: Why: the validation and the context cues that decided ``personal`` and ``status``.
    reasons: tuple[str, ...]
    #: A person should look: e.g. a juristic number beside a person's name, OCR of Thai digits.
    needs_review: bool
    start: int
    end: int
    #: The text came from OCR.
    ocr: bool = False

    @property
    def exposure(self) -> bool:
        """A personal identifier that is not (sufficiently) masked."""
        return self.personal and self.status is not Status.MASKED


@dataclass(frozen=True, slots=True)
class DocumentFacts:
    """What the document says about the people it exposes; feeds the risk score."""

    #: Distinct people whose personal identifiers are exposed (unmasked or under-masked).
    people_exposed: int = 0
    names: bool = False
    addresses: bool = False
    birth_dates: bool = False
    #: PDPA s.26 categories the document is about (``disability``, ``health``, ``religion`` ...).
    sensitive: tuple[str, ...] = ()


@dataclass(slots=True)
class DocumentScan:
    detections: list[Detection] = field(default_factory=list)
    facts: DocumentFacts = field(default_factory=DocumentFacts)
    #: Leak-free notes for people (e.g. an OCR'd page that mentions ID numbers OCR could not read).
    notes: list[str] = field(default_factory=list)
