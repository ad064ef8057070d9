"""What the spider yields: one fetched (or failed) document of one organisation.

The raw URL and body live only in memory, between the spider and the detection pipeline, which
drops the body once it is read. What reaches the database is masked (see crawler.store).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from detectors import DocumentFacts
from detectors.base import Detection


@dataclass(slots=True)
class FetchedDocument:
    org_id: str
    url: str
    status: int = 0
    body: bytes | None = None
    content_type: str | None = None
    etag: str = ""
    last_modified: str = ""
    #: fetched because a page of the organisation links it (a file, not a page to follow)
    attachment: bool = False
    #: why it could not be fetched (HTTP error, timeout, over the size cap), safe to store
    fetch_error: str | None = None
    #: the site said 304 Not Modified to our conditional request
    not_modified: bool = False
    size: int = 0
    # set by the detection pipeline
    content_sha256: str = ""
    unchanged: bool = False
    media_type: str = ""
    pages: int = 0
    detections: list[Detection] = field(default_factory=list)
    facts: DocumentFacts = field(default_factory=DocumentFacts)
    notes: list[str] = field(default_factory=list)
    extract_error: str | None = None
    # set once stored
    finding_count: int = 0
    exposure_count: int = 0
    store_error: bool = False
