"""What runs in the crawl's worker processes: read a document, find the numbers, store the result.

Storing here rather than in the crawl process keeps the object-relational work off the process
that drives the downloads (one interpreter lock for Scrapy, Twisted and SQLAlchemy would halve the
crawl rate), and puts each document's findings in the database the moment it is read.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timezone

import sqlalchemy as sa

from crawler.items import FetchedDocument
from crawler.store import Stored, store_document
from eagle_eye.db import create_db_engine, session_scope
from eagle_eye.scanning import ScanOptions, scan_bytes
from eagle_eye.settings import Settings


@dataclass(slots=True)
class DocumentTask:
    item: FetchedDocument
    #: the body to read, or None to store the item as it is (a failure, an unchanged document)
    body: bytes | None


@dataclass(frozen=True, slots=True)
class Handled:
    """What the worker did with one document, as the crawl process needs to count it."""

    finding_count: int
    exposure_count: int
    extract_error: str | None
    #: the database refused the document (locked, full, gone away): counted as an error
    store_error: str | None = None


_ENGINES: dict[str, sa.Engine] = {}


def _engine(settings: Settings) -> sa.Engine:
    # one engine (connection pool) per worker process and database, reused for every document
    key = repr(settings.database_url.get_secret_value() if settings.database_url else settings.data_dir)
    if key not in _ENGINES:
        _ENGINES[key] = create_db_engine(settings)
    return _ENGINES[key]


@dataclass(frozen=True, slots=True)
class DocumentHandler:
    """The worker function: what every document of the crawl shares travels once, when a worker
    process starts, not with every document."""

    options: ScanOptions
    settings: Settings
    run_id: int

    def __call__(self, task: DocumentTask) -> Handled:
        item = task.item
        if task.body is not None:
            name = item.url.split("?", 1)[0].rsplit("/", 1)[-1] or None
            result = scan_bytes(task.body, self.options, source="", filename=name, content_type=item.content_type)
            item.media_type, item.pages = result.media_type or "", result.pages
            item.detections, item.facts, item.notes = result.detections, result.facts, result.notes
            if result.error:
                item.extract_error = result.error
        try:
            stored = self._store(item)
        except sa.exc.SQLAlchemyError as exc:
            # the worker lives on (respawning costs a second); the message names no URL or value
            return Handled(0, 0, item.extract_error, store_error=f"could not store ({type(exc.orig or exc).__name__})")
        return Handled(stored.finding_count, stored.exposure_count, item.extract_error)

    def _store(self, item: FetchedDocument) -> Stored:
        """Store, waiting out a database that went away (a restart, a fail-over) for up to
        EAGLE_EYE_DB_RETRY_S: the findings are in this process only, and would be lost."""
        deadline, delay = time.monotonic() + self.settings.db_retry_s, 0.25
        while True:
            try:
                with session_scope(_engine(self.settings)) as session:
                    return store_document(session, item, key=self.options.key, run_id=self.run_id,
                                          now=datetime.now(timezone.utc))
            except sa.exc.OperationalError:
                # the pool drops the dead connections (pre-ping) and the next try reconnects
                if time.monotonic() + delay > deadline:
                    raise
                time.sleep(delay)
                delay = min(delay * 2, 5.0)
