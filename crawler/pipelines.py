"""Item pipelines: each fetched document is read, scanned and stored in a supervised worker
process (crawler.worker) as soon as it arrives; then its counts go into the crawl's summary."""

from __future__ import annotations

import logging

from scrapy.exceptions import NotConfigured

from crawler.context import SETTING, CrawlContext
from crawler.items import FetchedDocument
from crawler.store import body_sha256, url_key
from crawler.urls import host_of
from crawler.worker import DocumentTask, Handled
from eagle_eye.workers import Failed

log = logging.getLogger(__name__)


def _context(crawler) -> CrawlContext:  # noqa: ANN001
    ctx = crawler.settings.get(SETTING)
    if ctx is None:
        raise NotConfigured(f"{SETTING} is not set: run crawls through crawler.process.run_crawl")
    return ctx


class DocumentPipeline:
    """Read, detect and store, in a worker: a hostile file may crash or hang its worker, never
    the crawl. The body is dropped here; nothing after this holds it."""

    def __init__(self, ctx: CrawlContext) -> None:
        if ctx.pool is None:
            raise NotConfigured("no worker pool")
        self.ctx = ctx

    @classmethod
    def from_crawler(cls, crawler):  # noqa: ANN001, ANN206
        return cls(_context(crawler))

    async def process_item(self, item: FetchedDocument) -> FetchedDocument:
        body, item.body = item.body, None
        if body is not None:
            item.content_sha256 = body_sha256(body)
            known = self.ctx.known.get((item.org_id, url_key(self.ctx.options.key, item.url)))
            if item.not_modified or (known is not None and known.content_sha256 == item.content_sha256):
                item.unchanged, body = True, None
        result = await self._run(item, body)
        if isinstance(result, Failed):
            # the reader crashed or hung on this file: record that, in a fresh worker
            item.extract_error = "the reader crashed on this file" if result.reason == "crash" else "reading took too long"
            result = await self._run(item, None)
        if isinstance(result, Handled) and result.store_error is None:
            item.finding_count, item.exposure_count = result.finding_count, result.exposure_count
            item.extract_error = result.extract_error
        else:
            item.store_error = True
            log.error("a document of %s could not be stored: %s", item.org_id,
                      result.store_error if isinstance(result, Handled) else f"the worker failed twice ({result.reason})")
        return item

    async def _run(self, item: FetchedDocument, body: bytes | None):  # noqa: ANN202 - Handled | Failed
        return await self.ctx.pool.run(DocumentTask(item, body))


class SummaryPipeline:
    """The per-organisation counts the crawl prints and records."""

    def __init__(self, ctx: CrawlContext) -> None:
        self.ctx = ctx

    @classmethod
    def from_crawler(cls, crawler):  # noqa: ANN001, ANN206
        return cls(_context(crawler))

    def process_item(self, item: FetchedDocument) -> FetchedDocument:
        ctx, org = self.ctx, item.org_id
        ctx.count(org, "attachments" if item.attachment else "pages")
        ctx.count(org, "bytes", item.size)
        if item.fetch_error or item.extract_error or item.store_error:
            ctx.count(org, "errors")
        if item.unchanged:
            ctx.count(org, "unchanged")
        # what the document holds now, read this time or unchanged since the last
        ctx.count(org, "findings", item.finding_count)
        ctx.count(org, "exposures", item.exposure_count)
        if host_of(item.url) not in ctx.targets[org].hosts:
            ctx.count(org, "offsite_attachments")
        return item
