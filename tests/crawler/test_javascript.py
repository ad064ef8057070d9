"""crawler.javascript: which pages need a browser, and what the browser may fetch."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from scrapy.http import HtmlResponse

from crawler.javascript import abort_request, abort_request_private_ok, needs_rendering


def html(body: str) -> HtmlResponse:
    return HtmlResponse("http://e.go.th/", body=f"<html><body>{body}</body></html>".encode(), encoding="utf-8")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('<div id="app"></div><script src="/app.js"></script>', True),  # an empty shell: built by its script
        ('<div id="root">Loading...</div><script>render()</script>', True),
        ("<p>" + "ข่าวประชาสัมพันธ์ " * 30 + "</p><script src='/menu.js'></script>", False),  # text is there already
        ('<div id="app"></div>', False),  # empty but no script: nothing a browser would add
        ("<noscript>" + "กรุณาเปิด JavaScript " * 30 + "</noscript><script src='/a.js'></script>", True),  # noscript text does not count
        ("<!--" + "ข้อความในคอมเมนต์ " * 30 + "--><div id='app'></div><script src='/a.js'></script>", True),  # nor comments
        ("<script src='/a.js'></script>" + "ข่าว " * 60, False),  # text after a script tag is visible
    ],
)
def test_when_a_page_is_checked_then_only_script_built_pages_need_rendering(body, expected):
    assert needs_rendering(html(body)) is expected


def request(url: str, resource_type: str = "xhr") -> SimpleNamespace:
    return SimpleNamespace(url=url, resource_type=resource_type)


@pytest.mark.parametrize(
    ("req", "aborted", "aborted_when_private_ok"),
    [
        (request("http://164.115.28.1/api/list.json"), False, False),  # the site's own data: fetched
        (request("http://169.254.169.254/latest/meta-data/"), True, False),  # cloud metadata: never, in real crawls
        (request("http://127.0.0.1:8080/admin"), True, False),  # the machine itself
        (request("http://10.0.0.5/internal"), True, False),  # the private network
        (request("http://164.115.28.1/logo.png", "image"), True, True),  # images, fonts, media: not read
        (request("http://164.115.28.1/site.css", "stylesheet"), True, True),
        (request("file:///etc/passwd", "document"), True, True),  # no local files
        (request("data:text/plain,hello", "xhr"), False, False),  # inline data is the page's own
    ],
)
def test_when_the_browser_asks_for_something_then_only_safe_text_sources_pass(req, aborted, aborted_when_private_ok):
    assert abort_request(req) is aborted
    assert abort_request_private_ok(req) is aborted_when_private_ok
