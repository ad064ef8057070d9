"""Pages whose content only appears after their scripts run: rendered in Debian's Chromium through
scrapy-playwright, and only those, so the crawl stays fast.

The browser fetches a page's scripts and data itself, past Scrapy's downloader middlewares: the
abort hooks here hold the same line for those requests (no loopback, private or metadata host),
and skip what reading text does not need (images, media, fonts, styles).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from scrapy.http import HtmlResponse

from crawler import ssrf

#: Less visible text than this, with scripts on the page: the content is built by JavaScript.
MIN_STATIC_TEXT = 200
_SKIP_TYPES = frozenset({"image", "media", "font", "stylesheet", "manifest", "other"})
_LOCAL_SCHEMES = ("data", "blob", "about")


def needs_rendering(response: HtmlResponse) -> bool:
    if b"<script" not in response.body and b"<SCRIPT" not in response.body:
        return False
    root = response.selector.root  # the tree Scrapy already parsed for the links
    if root is None or not root.xpath("//script[@src or normalize-space()]"):
        return False
    # count visible text until there is enough: nearly every page stops after a few elements
    seen = 0
    for element in root.iter():
        tag = element.tag if isinstance(element.tag, str) else ""  # comments have a function as tag
        if tag and tag.lower() not in _HIDDEN_TEXT and element.text:
            seen += len(element.text.strip())
        if element.tail and element.getparent() is not None and element.getparent().tag != "head":
            seen += len(element.tail.strip())
        if seen >= MIN_STATIC_TEXT:
            return False
    return True


_HIDDEN_TEXT = frozenset({"script", "style", "noscript", "head", "title", "meta", "link", "template"})


def abort_request(request) -> bool:  # noqa: ANN001 - a playwright Request
    """PLAYWRIGHT_ABORT_REQUEST for real crawls: also refuse private and metadata hosts."""
    if abort_request_private_ok(request):
        return True
    return ssrf.host_refused(urlsplit(request.url).hostname or "") is not None


def abort_request_private_ok(request) -> bool:  # noqa: ANN001
    """PLAYWRIGHT_ABORT_REQUEST when EAGLE_EYE_ALLOW_PRIVATE_HOSTS is set (tests, the demo)."""
    if request.resource_type in _SKIP_TYPES:
        return True
    scheme = urlsplit(request.url).scheme
    return scheme not in ("http", "https", *_LOCAL_SCHEMES)


def playwright_settings(*, chromium: str, allow_private_hosts: bool, timeout_s: float) -> dict:
    handler = "crawler.browser.BrowserOnDemandDownloadHandler"
    return {
        "DOWNLOAD_HANDLERS": {"http": handler, "https": handler},
        "PLAYWRIGHT_BROWSER_TYPE": "chromium",
        # `playwright install` cannot download here: Debian's chromium, with the flags that keep
        # it from flooding a closed network with background requests (stack notes)
        "PLAYWRIGHT_LAUNCH_OPTIONS": {
            "executable_path": chromium,
            "headless": True,
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--no-first-run"],
        },
        "PLAYWRIGHT_ABORT_REQUEST": f"crawler.javascript.{'abort_request_private_ok' if allow_private_hosts else 'abort_request'}",
        "PLAYWRIGHT_MAX_CONTEXTS": 2,
        "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT": 4,
        "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": int(timeout_s * 1000),
    }
