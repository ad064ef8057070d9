"""One generic spider for every organisation: the registry says where to start and which hosts
are whose. It parses and yields; what may be requested is decided by crawler.middlewares."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import urljoin, urlsplit

import scrapy
from scrapy.http import HtmlResponse, Response, TextResponse
from scrapy import signals
from scrapy.exceptions import DontCloseSpider, IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawler.context import SETTING, CrawlContext
from crawler.hostile import FetchFailed
from crawler.items import FetchedDocument
from crawler.javascript import needs_rendering
from crawler.urls import host_of, is_attachment

#: Where pages link documents and frames; <a> first, it is nearly all of them.
_LINKS = (
    "a::attr(href)", "area::attr(href)", "iframe::attr(src)", "frame::attr(src)",
    "embed::attr(src)", "object::attr(data)", "link[rel=alternate]::attr(href)",
)


class RegistrySpider(scrapy.Spider):
    name = "eagle_eye"

    def __init__(self, *args: Any, seed: bool = True, recheck: dict[str, list[tuple[str, bool]]] | None = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.ctx: CrawlContext | None = None
        #: False for a process that joins a crawl another one started: the queue is already fed
        self.seed = seed
        #: org_id -> (url, attachment): fetch only these, follow nothing (verifying remediation)
        self.recheck = recheck
        self._idle_since: float | None = None

    @classmethod
    def from_crawler(cls, crawler, *args: Any, **kwargs: Any):  # noqa: ANN001, ANN206
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.ctx = crawler.settings.get(SETTING)
        if crawler.settings.getfloat("EAGLE_EYE_IDLE_CLOSE_S"):
            crawler.signals.connect(spider._idle, signal=signals.spider_idle)
        return spider

    def _idle(self) -> None:
        """With a shared queue, an empty local engine is not the end: other processes may still
        add requests. Close only after the queue has stayed empty for EAGLE_EYE_IDLE_CLOSE_S."""
        scheduler = self.crawler.engine.scheduler
        if scheduler is not None and scheduler.has_pending_requests():
            self._idle_since = None
            raise DontCloseSpider
        now = time.monotonic()
        if self._idle_since is None:
            self._idle_since = now
        if now - self._idle_since < self.settings.getfloat("EAGLE_EYE_IDLE_CLOSE_S"):
            raise DontCloseSpider

    async def start(self) -> AsyncIterator[scrapy.Request]:
        assert self.ctx is not None, "run through crawler.process.run_crawl"
        if not self.seed:
            return
        if self.recheck is not None:
            for org_id, urls in self.recheck.items():
                for url, attachment in urls:
                    yield scrapy.Request(url, callback=self.parse, errback=self.failed, dont_filter=True,
                                         meta={"org_id": org_id, "attachment": attachment, "recheck": True})
            return
        for target in self.ctx.targets.values():
            for url in target.start_urls:
                yield self._request(url, target.org_id, attachment=False, dont_filter=True)
            for site in {f"{urlsplit(u).scheme}://{urlsplit(u).netloc}" for u in target.start_urls}:
                yield scrapy.Request(f"{site}/sitemap.xml", callback=self.parse_sitemap, errback=self._sitemap_missing,
                                     meta={"org_id": target.org_id, "sitemap": True, "handle_httpstatus_list": [404]})

    def parse(self, response: Response) -> Iterator[Any]:
        self._idle_since = None
        org_id = response.meta["org_id"]
        if self._render_first(response):
            yield response.request.replace(dont_filter=True, meta={**response.meta, "playwright": True, "rendered": True})
            return
        # links first: the item waits on a worker, and the crawl should not wait with it
        yield from self._links(response, org_id)
        yield self._document(response, org_id)

    def _links(self, response: Response, org_id: str) -> Iterator[scrapy.Request]:
        if not isinstance(response, HtmlResponse) or response.meta.get("attachment") or response.meta.get("recheck"):
            return
        if host_of(response.url) not in self.ctx.targets[org_id].hosts:
            return  # a page elsewhere (an off-site redirect): read it, never crawl from it
        for href in response.css(", ".join(_LINKS)).getall():
            href = href.strip()
            if not href or href.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
                continue
            url = urljoin(response.url, href)
            if url.startswith(("http://", "https://")):
                yield self._request(url, org_id, attachment=is_attachment(url))

    def _render_first(self, response: Response) -> bool:
        """A page of the organisation built by its scripts: read it as a browser shows it."""
        return (
            isinstance(response, HtmlResponse)
            and not response.meta.get("rendered")
            and self.settings.getbool("EAGLE_EYE_JAVASCRIPT")
            and needs_rendering(response)
        )

    def parse_sitemap(self, response: Response) -> Iterator[Any]:
        if response.status != 200 or not isinstance(response, TextResponse):
            return
        org_id = response.meta["org_id"]
        response.selector.remove_namespaces()
        for loc in response.xpath("//url/loc/text() | //sitemap/loc/text()").getall():
            url = loc.strip()
            if url.endswith(".xml"):
                yield scrapy.Request(url, callback=self.parse_sitemap, errback=self._sitemap_missing,
                                     meta={"org_id": org_id, "sitemap": True})
            elif url.startswith(("http://", "https://")):
                yield self._request(url, org_id, attachment=is_attachment(url))

    def _request(self, url: str, org_id: str, *, attachment: bool, dont_filter: bool = False) -> scrapy.Request:
        return scrapy.Request(url, callback=self.parse, errback=self.failed, dont_filter=dont_filter,
                              meta={"org_id": org_id, "attachment": attachment})

    def failed(self, failure: Failure) -> Iterator[FetchedDocument]:
        request = failure.request  # type: ignore[attr-defined]
        if failure.check(FetchFailed):
            yield FetchedDocument(
                org_id=request.meta["org_id"], url=failure.value.url or request.url,
                attachment=bool(request.meta.get("attachment")), fetch_error=str(failure.value),
            )
            return
        if failure.check(IgnoreRequest) and not isinstance(failure.value, HttpError):
            # refused by policy (robots.txt, the SSRF guard, a budget): nothing was fetched
            if not request.meta.get("eagle_eye_refused"):
                self.ctx.count(request.meta["org_id"], "skipped_robots")
            return
        response = getattr(failure.value, "response", None)
        status = response.status if response is not None else 0
        yield FetchedDocument(
            org_id=request.meta["org_id"], url=request.url, status=status,
            attachment=bool(request.meta.get("attachment")),
            fetch_error=_describe(failure, status, request.meta.get("download_timeout")),
        )

    def _sitemap_missing(self, failure: Failure) -> None:
        return None  # most sites have none: not an error worth recording

    @staticmethod
    def _document(response: Response, org_id: str) -> FetchedDocument:
        headers = response.headers
        return FetchedDocument(
            org_id=org_id, url=response.url, status=response.status, body=response.body,
            content_type=_header(headers, b"Content-Type"), etag=_header(headers, b"ETag") or "",
            last_modified=_header(headers, b"Last-Modified") or "",
            attachment=bool(response.meta.get("attachment")) or not isinstance(response, HtmlResponse),
            not_modified=response.status == 304, size=len(response.body),
        )


def _header(headers, name: bytes) -> str | None:  # noqa: ANN001
    value = headers.get(name)
    return value.decode("latin-1") if value else None


def _describe(failure: Failure, status: int, timeout_s: float | None) -> str:
    """A storable reason: never the exception's own text, which may quote the URL."""
    if status:
        return f"HTTP {status}"
    name = type(failure.value).__name__
    timed_out = f"timed out after {timeout_s:g} s" if timeout_s else "timed out"
    return {
        # Scrapy 2.19 raises its own exception types; older versions and Twisted, theirs
        "DownloadTimeoutError": timed_out, "TimeoutError": timed_out, "TCPTimedOutError": timed_out,
        "DNSLookupError": "host not found", "CannotResolveHostError": "host not found",
        "ConnectionRefusedError": "connection refused", "DownloadConnectionRefusedError": "connection refused",
        "ResponseNeverReceived": "no response", "ConnectionLost": "connection lost",
        "ResponseDataLossError": "connection lost before the whole answer arrived",
        "DownloadCancelledError": "larger than the size cap", "CancelledError": "larger than the size cap",
    }.get(name, f"download failed ({name})")
