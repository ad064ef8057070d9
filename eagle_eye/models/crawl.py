"""Crawl runs, the documents they fetched and the findings in them."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from eagle_eye.models.base import str_enum


class CrawlStatus(str, Enum):
    RUNNING = "running"
    FINISHED = "finished"
    #: stopped before the end (killed, crashed, interrupted): what was stored so far is kept
    INTERRUPTED = "interrupted"


class CrawlRun(SQLModel, table=True):
    __tablename__ = "crawl_run"

    id: int | None = Field(default=None, primary_key=True)
    started_at: datetime
    finished_at: datetime | None = None
    status: CrawlStatus = Field(default=CrawlStatus.RUNNING, sa_type=str_enum(CrawlStatus))
    #: the organisations this run covers
    org_ids: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    #: per organisation: pages, attachments, bytes, findings, errors (filled as the crawl goes)
    stats: dict = Field(default_factory=dict, sa_type=sa.JSON)
    #: host:pid of the process that started it, so a later crawl can tell a dead run from a live one
    owner: str = Field(default="", max_length=300)
    #: a re-check of known documents (verifying remediation), not a crawl of the sites
    recheck: bool = False


class DocumentState(str, Enum):
    OK = "ok"  # fetched and read
    UNREADABLE = "unreadable"  # fetched, but extraction failed (reason in ``error``)
    FAILED = "failed"  # not fetched (HTTP error, timeout, over the size cap)
    GONE = "gone"  # the site no longer serves it (404/410 on a re-crawl)


class DocumentBase(SQLModel):
    org_id: str = Field(foreign_key="organisation.org_id", index=True, max_length=64)
    #: the URL with any identifier-like number in it masked: safe to show and to store
    url: str
    media_type: str = Field(default="", max_length=100)
    state: DocumentState = Field(default=DocumentState.OK, sa_type=str_enum(DocumentState))
    error: str = ""
    size: int = 0
    pages: int = 0
    finding_count: int = 0
    exposure_count: int = 0
    first_seen_at: datetime
    last_seen_at: datetime
    #: when its content last changed (a new hash), and when it was found gone
    changed_at: datetime | None = None
    gone_at: datetime | None = None
    #: what the document says about the people it exposes (detectors.DocumentFacts): feeds the risk score
    facts: dict = Field(default_factory=dict, sa_type=sa.JSON)


class Document(DocumentBase, table=True):
    """A page or attachment of one organisation. Keyed by an HMAC of the real URL, which itself is
    never stored: a URL may carry an ID number in a file name or a query string."""

    __tablename__ = "document"
    __table_args__ = (sa.UniqueConstraint("org_id", "url_key"),)

    id: int | None = Field(default=None, primary_key=True)
    url_key: str = Field(max_length=64)
    #: SHA-256 of the body, to skip re-extracting an unchanged document
    content_sha256: str = Field(default="", max_length=64)
    etag: str = Field(default="", max_length=200)
    last_modified: str = Field(default="", max_length=100)
    crawl_run_id: int | None = Field(default=None, foreign_key="crawl_run.id")


class DocumentPublic(DocumentBase):
    id: int


class FindingBase(SQLModel):
    org_id: str = Field(foreign_key="organisation.org_id", index=True, max_length=64)
    document_id: int = Field(foreign_key="document.id", index=True)
    kind: str = Field(max_length=20)
    status: str = Field(max_length=20)
    personal: bool
    display: str = Field(max_length=40)
    #: HMAC of the canonical value; only for unmasked numbers
    fingerprint: str | None = Field(default=None, max_length=64, index=True)
    page: int | None = None
    #: the text around it, every number masked
    context: str = ""
    pattern: str = Field(default="", max_length=60)
    reasons: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    needs_review: bool = False
    ocr: bool = False
    first_seen_at: datetime
    last_seen_at: datetime
    #: set when a re-crawl of its document no longer finds it
    gone_at: datetime | None = None
    #: the breach incident it belongs to, once alerts has grouped it
    incident_id: int | None = Field(default=None, foreign_key="incident.id", index=True)
    #: marked a false positive by the monitoring team: kept out of incidents across re-crawls
    #: (the row is keyed by document and fingerprint, so a re-crawl finds the same row again)
    suppressed_at: datetime | None = None
    suppressed_by: str = Field(default="", max_length=100)


class Finding(FindingBase, table=True):
    __tablename__ = "finding"

    id: int | None = Field(default=None, primary_key=True)
    #: what identifies this finding across re-crawls of one document: the fingerprint when
    #: unmasked, else kind + display + page + an HMAC of its context
    identity: str = Field(max_length=64, index=True)


class FindingPublic(FindingBase):
    id: int
