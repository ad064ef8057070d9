"""Responses that would cost the crawl its time or memory, stopped and named.

Scrapy already bounds them (DOWNLOAD_MAXSIZE also caps decompression, REDIRECT_MAX_TIMES caps a
redirect chain), but it drops such a request with an IgnoreRequest, which the spider cannot tell
from a robots.txt refusal, or, for a redirect back to a URL already fetched, silently in the
duplicate filter. Here each becomes a FetchFailed whose message is stored with the document.

* RedirectGuardMiddleware (downloader, before RedirectMiddleware sees the response): a redirect
  back into its own chain, or one more than REDIRECT_MAX_TIMES.
* DecompressionGuardMiddleware (in place of HttpCompressionMiddleware): a body that inflates past
  DOWNLOAD_MAXSIZE.
"""

from __future__ import annotations

from urllib.parse import urljoin

import scrapy
from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from w3lib.url import safe_url_string

from extractors.guard import human_bytes

_REDIRECTS = {301, 302, 303, 307, 308}


class FetchFailed(Exception):
    """A fetch given up on purpose. The message is stored: it names what happened, never a URL."""

    def __init__(self, message: str, *, url: str | None = None) -> None:
        super().__init__(message)
        #: the URL to record the failure under, if not the request's own
        self.url = url


class RedirectGuardMiddleware:
    def __init__(self, max_redirects: int) -> None:
        self.max_redirects = max_redirects

    @classmethod
    def from_crawler(cls, crawler):  # noqa: ANN001, ANN206
        return cls(crawler.settings.getint("REDIRECT_MAX_TIMES"))

    def process_response(self, request: scrapy.Request, response: Response) -> Response:
        location = response.headers.get(b"Location")
        if response.status not in _REDIRECTS or not location or _redirects_left_alone(request, response):
            return response
        # recorded under the link a page had (chain[0]), not wherever the chain happened to stop
        chain = [*request.meta.get("redirect_urls", []), request.url]
        if urljoin(request.url, safe_url_string(location)) in chain and not request.dont_filter:
            # the duplicate filter would drop the request back, silently: the page is never read.
            # A start page (dont_filter) may come back once, as cookie checks do; if it never
            # stops, the cap below ends it.
            raise FetchFailed("redirect loop: it redirects back to an address already visited", url=chain[0])
        if request.meta.get("redirect_times", 0) >= self.max_redirects:
            raise FetchFailed(f"too many redirects (more than {self.max_redirects})", url=chain[0])
        return response


def _redirects_left_alone(request: scrapy.Request, response: Response) -> bool:
    """RedirectMiddleware's own exceptions: the spider asked for these statuses as they are."""
    return (request.meta.get("dont_redirect", False) or request.meta.get("handle_httpstatus_all", False)
            or response.status in request.meta.get("handle_httpstatus_list", ()))


class DecompressionGuardMiddleware(HttpCompressionMiddleware):
    def process_response(self, request: scrapy.Request, response: Response) -> Response:  # type: ignore[override]
        try:
            return super().process_response(request, response)
        except IgnoreRequest:
            # the one request it ignores: a body that inflates past DOWNLOAD_MAXSIZE
            cap = request.meta.get("download_maxsize", self._max_size)
            raise FetchFailed(f"decompresses to more than the size cap of {human_bytes(cap)}: "
                              "refused as a decompression bomb") from None
