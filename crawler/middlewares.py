"""Request policy: what the crawl may ask for, and how.

* ScopeMiddleware (spider): one canonical URL per page, an organisation's pages only on its own
  hosts, other organisations' sites left to their own crawl, off-site links only when they are
  attachments, a cap on URLs of one shape (endless calendars, faceted search), and, in a queue
  shared over Redis, priorities that make the queue hand out the sites' requests in turn.
* SsrfGuardMiddleware (downloader): no loopback, private, link-local or metadata address,
  redirects included (a redirect comes back through here as a new request).
* BudgetMiddleware (downloader): per-organisation page and byte budgets.
* ConditionalRequestMiddleware (downloader): If-None-Match / If-Modified-Since for attachments
  the last crawl read, so an unchanged file costs a 304 and no extraction.
* RobotsTxtMiddleware (downloader): Scrapy's, with every request that waits for a host's
  robots.txt given the parsed file (Scrapy 2.19 gives it to the first waiter only).
"""

from __future__ import annotations

from urllib.parse import urlsplit

import scrapy
from scrapy.downloadermiddlewares import robotstxt
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response
from scrapy.spidermiddlewares.base import BaseSpiderMiddleware
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

from crawler import ssrf
from crawler.context import SETTING, CrawlContext
from crawler.store import url_key
from crawler.urls import canonical_url, host_of, is_skipped, url_pattern


def _context(crawler) -> CrawlContext:  # noqa: ANN001
    ctx = crawler.settings.get(SETTING)
    if ctx is None:
        raise NotConfigured(f"{SETTING} is not set: run crawls through crawler.process.run_crawl")
    return ctx


def _refuse(request: scrapy.Request, why: str) -> IgnoreRequest:
    request.meta["eagle_eye_refused"] = why
    return IgnoreRequest(why)


class ScopeMiddleware(BaseSpiderMiddleware):
    def __init__(self, crawler) -> None:  # noqa: ANN001
        super().__init__(crawler)
        self.ctx = _context(crawler)
        self.max_per_pattern = self.ctx.settings.crawl_max_urls_per_pattern
        #: canonical URLs this process has passed on: the dupefilter has them already
        self._passed: set[str] = set()
        #: per organisation, how many URLs this process has passed on
        self._turn: dict[str, int] = {}
        # A process's own queue already gives each host its turn (Scrapy's downloader-aware
        # queue) and keeps one internal queue per priority, scanned on every pop: a priority
        # per URL would make each pop cost as much as the queue is long.
        self._take_turns = crawler.settings.getbool("EAGLE_EYE_SITES_TAKE_TURNS")

    def get_processed_request(self, request: scrapy.Request, response: Response | None) -> scrapy.Request | None:
        org_id = request.meta["org_id"]
        if request.meta.get("sitemap"):
            # a sitemap index may name sitemaps anywhere: only the organisation's own are read
            return request if host_of(request.url) in self.ctx.targets[org_id].hosts else None
        url = canonical_url(request.url)
        if is_skipped(url):
            return None
        host = host_of(url)
        own = host in self.ctx.targets[org_id].hosts
        owner = self.ctx.host_owner.get(host)
        if not own:
            if owner is not None and owner != org_id:
                self.ctx.count(org_id, "skipped_other_org")
                return None  # another registered organisation's site: its own crawl reads it
            if not request.meta.get("attachment"):
                self.ctx.count(org_id, "skipped_offsite")
                return None  # an off-site page: never requested
        if not request.dont_filter:
            # Most links on a page are ones already seen (menus, sidebars): counted once, a URL
            # uses one place of its shape's cap, and a repeat costs no round trip to a shared
            # counter or dupefilter, which block the reactor.
            if url in self._passed:
                return None
            if self.ctx.counters.incr("patterns", f"{org_id} {url_pattern(url)}") > self.max_per_pattern:
                self.ctx.count(org_id, "skipped_trap")
                return None
            self._passed.add(url)
            if self._take_turns:
                # In the shared queue, the n-th URL of an organisation is queued at priority -n,
                # so the queue hands out one site's request after another's. Equal priorities
                # leave the order to the queue (sorted by URL): a process would take a run of one
                # site's requests, each waiting for that host's politeness delay while other
                # sites idle.
                turn = self._turn[org_id] = self._turn.get(org_id, 0) + 1
                return request.replace(url=url, priority=request.priority - turn)
        return request if url == request.url else request.replace(url=url)


class SsrfGuardMiddleware:
    def __init__(self, ctx: CrawlContext) -> None:
        if ctx.settings.allow_private_hosts:
            raise NotConfigured("EAGLE_EYE_ALLOW_PRIVATE_HOSTS is set")
        self.ctx = ctx

    @classmethod
    def from_crawler(cls, crawler):  # noqa: ANN001, ANN206
        return cls(_context(crawler))

    def process_request(self, request: scrapy.Request) -> None:
        reason = ssrf.host_refused(urlsplit(request.url).hostname or "")
        if reason:
            if "org_id" in request.meta:
                self.ctx.count(request.meta["org_id"], "refused_private")
            raise _refuse(request, f"refused: {reason}")


class BudgetMiddleware:
    def __init__(self, ctx: CrawlContext) -> None:
        self.ctx = ctx
        self.max_pages = ctx.settings.crawl_max_pages_per_org
        self.max_bytes = ctx.settings.crawl_max_bytes_per_org

    @classmethod
    def from_crawler(cls, crawler):  # noqa: ANN001, ANN206
        return cls(_context(crawler))

    def process_request(self, request: scrapy.Request) -> None:
        org_id = request.meta.get("org_id")
        if org_id is None or request.meta.get("sitemap") or "robots.txt" in request.url:
            return
        counters = self.ctx.counters
        if counters.get("bytes", org_id) >= self.max_bytes or counters.incr("pages", org_id) > self.max_pages:
            self.ctx.count(org_id, "skipped_budget")
            raise _refuse(request, "over the organisation's crawl budget")

    def process_response(self, request: scrapy.Request, response: Response) -> Response:
        org_id = request.meta.get("org_id")
        if org_id is not None:
            self.ctx.counters.incr("bytes", org_id, len(response.body))
        return response


class ConditionalRequestMiddleware:
    def __init__(self, ctx: CrawlContext) -> None:
        self.ctx = ctx
        self.key = ctx.options.key

    @classmethod
    def from_crawler(cls, crawler):  # noqa: ANN001, ANN206
        return cls(_context(crawler))

    def process_request(self, request: scrapy.Request) -> None:
        # Pages are always fetched whole: a 304 page would hide the links to re-check below it.
        if not request.meta.get("attachment") or request.meta.get("conditional"):
            return
        known = self.ctx.known.get((request.meta["org_id"], url_key(self.key, request.url)))
        if known is None or not (known.etag or known.last_modified):
            return
        if known.etag:
            request.headers[b"If-None-Match"] = known.etag
        if known.last_modified:
            request.headers[b"If-Modified-Since"] = known.last_modified
        request.meta["conditional"] = True
        request.meta.setdefault("handle_httpstatus_list", []).append(304)


class RobotsTxtMiddleware(robotstxt.RobotsTxtMiddleware):
    """Scrapy's, fixed for requests that wait for a host's robots.txt together.

    Scrapy 2.19 makes each waiter await the one pending Deferred; the first waiter's callback
    then passes None on, which the others take for "no robots.txt": they are all allowed. A
    worker joining a shared crawl starts with many requests per host, so it fetched disallowed
    pages. Each waiter gets a Deferred of its own here, fed without consuming the result.
    """

    async def robot_parser(self, request: scrapy.Request):  # noqa: ANN201 - RobotParser | None
        pending = self._parsers.get(urlparse_cached(request).netloc)
        if not isinstance(pending, Deferred):
            return await super().robot_parser(request)
        mine: Deferred = Deferred()

        def hand_on(parser):  # noqa: ANN001, ANN202
            mine.callback(parser)
            return parser

        pending.addCallback(hand_on)
        return await maybe_deferred_to_future(mine)
