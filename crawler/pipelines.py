"""Item pipelines: read and detect, then store. Both run as soon as a document is fetched, so a
page's findings are in the database seconds after the page was."""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from functools import partial

from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import defer

from crawler.context import SETTING, CrawlContext
from crawler.items import FetchedDocument
from crawler.store import body_sha256, store_document, url_key
from crawler.urls import host_of
from eagle_eye.db import session_scope
from eagle_eye.scanning import scan_bytes
from eagle_eye.workers import Failed

log = logging.getLogger(__name__)


def _context(crawler) -> CrawlContext:  # noqa: ANN001
    ctx = crawler.settings.get(SETTING)
    if ctx is None:
        raise NotConfigured(f"{SETTING} is not set: run crawls through crawler.process.run_crawl")
    return ctx


class DetectPipeline:
    """Extraction and detection in supervised worker processes (a hostile file may crash or hang
    its worker, never the crawl). The body is dropped here: nothing after this holds it."""

    def __init__(self, ctx: CrawlContext) -> None:
        if ctx.pool is None:
            raise NotConfigured("no worker pool")
        self.ctx = ctx

    @classmethod
    def from_crawler(cls, crawler):  # noqa: ANN001, ANN206
        return cls(_context(crawler))

    async def process_item(self, item: FetchedDocument) -> FetchedDocument:
        if item.body is None:
            return item
        body, item.body = item.body, None
        item.content_sha256 = body_sha256(body)
        known = self.ctx.known.get((item.org_id, url_key(self.ctx.options.key, item.url)))
        if item.not_modified or (known is not None and known.content_sha256 == item.content_sha256):
            item.unchanged = True
            return item
        from twisted.internet import reactor  # the one Scrapy installed: importing it earlier would pick another

        done: defer.Deferred = defer.Deferred()
        name = item.url.split("?", 1)[0].rsplit("/", 1)[-1] or None
        task = partial(scan_bytes, body, self.ctx.options, source="", filename=name, content_type=item.content_type)
        self.ctx.pool.submit(task, lambda result: reactor.callFromThread(done.callback, result))
        return self._read(await maybe_deferred_to_future(done), item)

    @staticmethod
    def _read(result, item: FetchedDocument) -> FetchedDocument:  # noqa: ANN001
        if isinstance(result, Failed):
            item.extract_error = "the reader crashed on this file" if result.reason == "crash" else "reading took too long"
            return item
        item.media_type = result.media_type or ""
        item.pages = result.pages
        item.detections, item.facts, item.notes = result.detections, result.facts, result.notes
        if result.error:
            item.extract_error = result.error
        return item


class StorePipeline:
    def __init__(self, ctx: CrawlContext) -> None:
        self.ctx = ctx

    @classmethod
    def from_crawler(cls, crawler):  # noqa: ANN001, ANN206
        return cls(_context(crawler))

    def process_item(self, item: FetchedDocument) -> FetchedDocument:
        now = datetime.now(timezone.utc)
        with session_scope(self.ctx.engine) as session:
            doc = store_document(session, item, key=self.ctx.options.key, run_id=self.ctx.run_id, now=now)
            findings, exposures = doc.finding_count, doc.exposure_count
        ctx = self.ctx
        ctx.count(item.org_id, "attachments" if item.attachment else "pages")
        ctx.count(item.org_id, "bytes", item.size)
        if item.fetch_error or item.extract_error:
            ctx.count(item.org_id, "errors")
        if item.unchanged:
            ctx.count(item.org_id, "unchanged")
        # what the document holds now, read this time or unchanged since the last
        ctx.count(item.org_id, "findings", findings)
        ctx.count(item.org_id, "exposures", exposures)
        if host_of(item.url) not in ctx.targets[item.org_id].hosts:
            ctx.count(item.org_id, "offsite_attachments")
        return item
