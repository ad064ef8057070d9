"""Crawled documents and their findings into the database, masked.

A document is keyed by an HMAC of its real URL; the URL itself is stored with any
identifier-like number masked (a file name may carry an ID number). A finding keeps its display,
masked context and fingerprint. Re-crawls keep history: a finding no longer seen in a re-read
document gets ``gone_at``; a document the site answers 404/410 for becomes ``gone``.

Written with SQLAlchemy Core, a handful of statements per document: this runs once per page of
every crawl, and the ORM's unit of work cost more than reading the page did.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from datetime import datetime
from typing import NamedTuple

import sqlalchemy as sa
from sqlmodel import Session

from crawler.items import FetchedDocument
from detectors import DocumentFacts, redact
from detectors.base import Detection
from eagle_eye.models import Document, DocumentState, Finding

_DOC = Document.__table__
_FINDING = Finding.__table__

# Built once, values bound per call: a statement built per document is compiled, or at least
# has its cache key worked out, per document, which cost more than the database's own work.
_SELECT_DOC = sa.select(_DOC.c.id, _DOC.c.state, _DOC.c.content_sha256, _DOC.c.finding_count,
                        _DOC.c.exposure_count).where(_DOC.c.org_id == sa.bindparam("b_org"),
                                                     _DOC.c.url_key == sa.bindparam("b_key"))
_INSERT_DOC = sa.insert(_DOC)
_UPDATE_DOC = sa.update(_DOC).where(_DOC.c.id == sa.bindparam("b_id"))
_INSERT_FINDINGS = sa.insert(_FINDING)
_FINDING_IDENTITIES = sa.select(_FINDING.c.identity).where(_FINDING.c.document_id == sa.bindparam("b_doc"))
_TOUCH_FINDINGS = (sa.update(_FINDING).where(_FINDING.c.document_id == sa.bindparam("b_doc"), _FINDING.c.gone_at.is_(None))
                   .values(last_seen_at=sa.bindparam("b_now")))


class Stored(NamedTuple):
    document_id: int
    finding_count: int
    exposure_count: int


def url_key(key: bytes, url: str) -> str:
    return hmac.digest(key, url.encode("utf-8"), "sha256").hex()


def body_sha256(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def finding_identity(key: bytes, det: Detection) -> str:
    """Stable across re-crawls of one document: the fingerprint if unmasked, else what is shown."""
    if det.fingerprint:
        return det.fingerprint
    shown = f"{det.kind.value}|{det.display}|{det.page}|{det.context}"
    return hmac.digest(key, shown.encode("utf-8"), "sha256").hex()


def store_document(session: Session, item: FetchedDocument, *, key: bytes, run_id: int, now: datetime) -> Stored:
    conn = session.connection()
    ukey = url_key(key, item.url)
    row = conn.execute(_SELECT_DOC, {"b_org": item.org_id, "b_key": ukey}).first()
    state = DocumentState(row.state) if row is not None else None
    counts = (row.finding_count, row.exposure_count) if row is not None else (0, 0)
    values: dict = {"last_seen_at": now, "crawl_run_id": run_id}
    current: dict[str, Detection] | None = None  # set when the document was read: its findings now
    if item.fetch_error is not None:
        if item.status in (404, 410) and state is not None:  # it was there before: taken down
            if state is not DocumentState.GONE:
                values["gone_at"] = now
            # no hash: if the same file comes back, it is read again and its findings with it
            values.update(state=DocumentState.GONE.value, error=item.fetch_error, finding_count=0, exposure_count=0,
                          content_sha256="", etag="", last_modified="", facts={})
            current, counts = {}, (0, 0)
        elif state is not DocumentState.GONE:
            # a timeout or a 500 proves nothing about the findings: they stay as they were
            values.update(state=DocumentState.FAILED.value, error=item.fetch_error)
    elif item.unchanged and state is not None:
        if state is DocumentState.FAILED:  # reachable again, and as it was when last read
            values.update(state=DocumentState.OK.value, error="")
    else:
        if row is not None and row.content_sha256 and row.content_sha256 != item.content_sha256:
            values["changed_at"] = now
        current = {}
        for det in item.detections:
            current.setdefault(finding_identity(key, det), det)  # the same number twice in one document: one finding
        counts = (len(current), sum(1 for d in current.values() if d.personal and d.status.value != "masked"))
        values.update(
            content_sha256=item.content_sha256, etag=item.etag[:200], last_modified=item.last_modified[:100],
            media_type=item.media_type[:100], size=item.size, pages=item.pages, gone_at=None,
            state=(DocumentState.UNREADABLE if item.extract_error is not None else DocumentState.OK).value,
            error=item.extract_error or "", finding_count=counts[0], exposure_count=counts[1],
            facts=facts_dict(item.facts),
        )
    if row is None:
        # one INSERT with the final values: the findings' counts are known before the row exists
        doc_id = conn.execute(_INSERT_DOC, {**_NEW_DOCUMENT, **values, "org_id": item.org_id, "url_key": ukey,
                                            "url": redact(item.url), "first_seen_at": now}).inserted_primary_key[0]
    else:
        doc_id = row.id
        conn.execute(_UPDATE_DOC, {**values, "b_id": doc_id})
    if current is not None:
        _sync_findings(conn, doc_id, item.org_id, current, now=now, new=row is None)
    elif row is not None and item.unchanged:
        conn.execute(_TOUCH_FINDINGS, {"b_doc": doc_id, "b_now": now})
    return Stored(doc_id, *counts)


#: A new document's columns before this crawl says anything about it.
_NEW_DOCUMENT = {
    "state": DocumentState.OK.value, "error": "", "media_type": "", "size": 0, "pages": 0, "finding_count": 0,
    "exposure_count": 0, "content_sha256": "", "etag": "", "last_modified": "", "facts": {},
}


def facts_dict(facts: DocumentFacts) -> dict:
    """Stored as JSON: counts and flags only, nothing anyone could be identified by."""
    return {"people_exposed": facts.people_exposed, "names": facts.names, "addresses": facts.addresses,
            "birth_dates": facts.birth_dates, "sensitive": list(facts.sensitive)}


def _sync_findings(conn, doc_id: int, org_id: str, current: dict[str, Detection], *, now: datetime,
                   new: bool) -> None:  # noqa: ANN001
    """Insert what is new, refresh what is still there, mark the rest gone."""
    existing = set() if new else {
        r.identity for r in conn.execute(_FINDING_IDENTITIES, {"b_doc": doc_id})
    }
    fresh = [_finding_row(doc_id, org_id, identity, det, now) for identity, det in current.items() if identity not in existing]
    if fresh:
        conn.execute(_INSERT_FINDINGS, fresh)
    again = [identity for identity in current if identity in existing]
    if again:
        conn.execute(sa.update(_FINDING).where(_FINDING.c.document_id == doc_id, _FINDING.c.identity.in_(again))
                     .values(last_seen_at=now, gone_at=None))
    if existing:
        _mark_gone(conn, doc_id, keep=current.keys(), now=now)


def _finding_row(doc_id: int, org_id: str, identity: str, det: Detection, now: datetime) -> dict:
    return {
        "org_id": org_id, "document_id": doc_id, "identity": identity, "kind": det.kind.value,
        "status": det.status.value, "personal": det.personal, "display": det.display, "fingerprint": det.fingerprint,
        "page": det.page, "context": det.context, "pattern": det.pattern, "reasons": list(det.reasons),
        "needs_review": det.needs_review, "ocr": det.ocr, "first_seen_at": now, "last_seen_at": now, "gone_at": None,
    }


def _mark_gone(conn, doc_id: int, *, keep: Iterable[str], now: datetime) -> None:  # noqa: ANN001
    query = sa.update(_FINDING).where(_FINDING.c.document_id == doc_id, _FINDING.c.gone_at.is_(None))
    keep = list(keep)
    if keep:
        query = query.where(_FINDING.c.identity.not_in(keep))
    conn.execute(query.values(gone_at=now))
