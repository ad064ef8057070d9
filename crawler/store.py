"""Crawled documents and their findings into the database, masked.

A document is keyed by an HMAC of its real URL; the URL itself is stored with any
identifier-like number masked (a file name may carry an ID number). A finding keeps its display,
masked context and fingerprint. Re-crawls keep history: a finding no longer seen in a re-read
document gets ``gone_at``; a document the site answers 404/410 for becomes ``gone``.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from datetime import datetime

from sqlmodel import Session, col, select, update

from detectors import redact
from detectors.base import Detection
from eagle_eye.models import Document, DocumentState, Finding

from crawler.items import FetchedDocument


def url_key(key: bytes, url: str) -> str:
    return hmac.digest(key, url.encode("utf-8"), "sha256").hex()


def finding_identity(key: bytes, det: Detection) -> str:
    """Stable across re-crawls of one document: the fingerprint if unmasked, else what is shown."""
    if det.fingerprint:
        return det.fingerprint
    shown = f"{det.kind.value}|{det.display}|{det.page}|{det.context}"
    return hmac.digest(key, shown.encode("utf-8"), "sha256").hex()


def store_document(session: Session, item: FetchedDocument, *, key: bytes, run_id: int, now: datetime) -> Document:
    ukey = url_key(key, item.url)
    doc = session.exec(select(Document).where(Document.org_id == item.org_id, Document.url_key == ukey)).first()
    if doc is None:
        doc = Document(org_id=item.org_id, url_key=ukey, url=redact(item.url), first_seen_at=now, last_seen_at=now)
        session.add(doc)
        session.flush()
    doc.last_seen_at = now
    doc.crawl_run_id = run_id
    if item.fetch_error is not None:
        if item.status in (404, 410) and doc.first_seen_at < now:  # it was there before: taken down
            if doc.state is not DocumentState.GONE:
                doc.gone_at = now
            doc.state, doc.error = DocumentState.GONE, item.fetch_error
            _mark_gone(session, doc, keep=(), now=now)
        elif doc.state is not DocumentState.GONE:
            # a timeout or a 500 proves nothing about the findings: they stay as they were
            doc.state, doc.error = DocumentState.FAILED, item.fetch_error
        return _save(session, doc)
    if doc.state is DocumentState.GONE:
        doc.gone_at = None  # it came back
    if item.not_modified or item.unchanged:
        doc.state = DocumentState.UNREADABLE if doc.error and doc.state is DocumentState.UNREADABLE else DocumentState.OK
        session.exec(update(Finding).where(col(Finding.document_id) == doc.id, col(Finding.gone_at).is_(None))
                     .values(last_seen_at=now))
        return _save(session, doc)
    if doc.content_sha256 and doc.content_sha256 != item.content_sha256:
        doc.changed_at = now
    doc.content_sha256, doc.etag, doc.last_modified = item.content_sha256, item.etag[:200], item.last_modified[:100]
    doc.media_type, doc.size, doc.pages = item.media_type[:100], item.size, item.pages
    if item.extract_error is not None:
        doc.state, doc.error = DocumentState.UNREADABLE, item.extract_error
    else:
        doc.state, doc.error = DocumentState.OK, ""
    _sync_findings(session, doc, item.detections, key=key, now=now)
    return _save(session, doc)


def _sync_findings(session: Session, doc: Document, detections: Iterable[Detection], *, key: bytes, now: datetime) -> None:
    existing = {f.identity: f for f in session.exec(select(Finding).where(Finding.document_id == doc.id))}
    seen: set[str] = set()
    for det in detections:
        identity = finding_identity(key, det)
        if identity in seen:
            continue  # the same number twice in one document: one finding
        seen.add(identity)
        finding = existing.get(identity)
        if finding is None:
            session.add(Finding(
                org_id=doc.org_id, document_id=doc.id, identity=identity, kind=det.kind.value, status=det.status.value,
                personal=det.personal, display=det.display, fingerprint=det.fingerprint, page=det.page,
                context=det.context, pattern=det.pattern, reasons=list(det.reasons), needs_review=det.needs_review,
                ocr=det.ocr, first_seen_at=now, last_seen_at=now,
            ))
        else:
            finding.last_seen_at, finding.gone_at = now, None
            finding.context, finding.page, finding.reasons = det.context, det.page, list(det.reasons)
            session.add(finding)
    _mark_gone(session, doc, keep=seen, now=now)
    session.flush()
    current = session.exec(select(Finding).where(Finding.document_id == doc.id, col(Finding.gone_at).is_(None))).all()
    doc.finding_count = len(current)
    doc.exposure_count = sum(1 for f in current if f.personal and f.status != "masked")


def _mark_gone(session: Session, doc: Document, *, keep: Iterable[str], now: datetime) -> None:
    query = update(Finding).where(col(Finding.document_id) == doc.id, col(Finding.gone_at).is_(None))
    keep = list(keep)
    if keep:
        query = query.where(col(Finding.identity).not_in(keep))
    session.exec(query.values(gone_at=now))
    if not keep:
        doc.finding_count = doc.exposure_count = 0


def _save(session: Session, doc: Document) -> Document:
    session.add(doc)
    session.flush()
    return doc


def body_sha256(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()
