"""crawler.urls and crawler.ssrf: the rules that decide what may be requested."""

from __future__ import annotations

import pytest

from crawler import ssrf
from crawler.urls import canonical_url, host_of, is_attachment, is_skipped, url_pattern


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTP://WWW.Example.go.th/a", "http://www.example.go.th/a"),  # scheme and host lower-cased
        ("http://example.go.th", "http://example.go.th/"),  # an empty path is "/"
        ("http://example.go.th:80/a#top", "http://example.go.th/a"),  # default port and fragment dropped
        ("https://example.go.th:8443/a", "https://example.go.th:8443/a"),  # other ports kept
        ("http://e.go.th/n?utm_source=fb&id=7&fbclid=x", "http://e.go.th/n?id=7"),  # tracking stripped
        ("http://e.go.th/n?b=2&a=1&PHPSESSID=abc", "http://e.go.th/n?a=1&b=2"),  # sorted, session dropped
        ("http://e.go.th/n?q=&a=1", "http://e.go.th/n?a=1&q="),  # blank values kept: they can matter
    ],
)
def test_when_url_canonicalised_then_one_form_per_page(url, expected):
    assert canonical_url(url) == expected


@pytest.mark.parametrize(
    ("url", "attachment", "skipped"),
    [
        ("http://e.go.th/files/list.PDF", True, False),  # extension, any case
        ("http://e.go.th/a/b.xlsx?v=2", True, False),
        ("http://e.go.th/download.php?file=12", True, False),  # PHP templates serve files by script
        ("http://e.go.th/index.php?option=com_docman&task=doc_download&gid=5", True, False),  # Joomla DOCman
        ("http://e.go.th/news/view.php?id=5", False, False),  # a page
        ("http://e.go.th/v/clip.mp4", False, True),  # media: never worth a request
        ("http://e.go.th/theme/site.css", False, True),
    ],
)
def test_when_a_link_is_classified_then_files_pages_and_noise_are_told_apart(url, attachment, skipped):
    assert (is_attachment(url), is_skipped(url)) == (attachment, skipped)


def test_when_urls_differ_only_in_numbers_then_they_share_a_pattern():
    assert url_pattern("http://e.go.th/calendar/2026/11?day=3") == url_pattern("http://e.go.th/calendar/2027/01?day=28")
    assert url_pattern("http://e.go.th/calendar?day=3") != url_pattern("http://e.go.th/calendar?month=3")


def test_when_host_has_www_then_it_is_the_same_site():
    assert host_of("https://www.maeraka.go.th/x") == host_of("http://maeraka.go.th") == "maeraka.go.th"


@pytest.mark.parametrize(
    ("address", "refused"),
    [
        ("127.0.0.1", True),  # loopback
        ("::1", True),
        ("10.1.2.3", True),  # private
        ("192.168.0.10", True),
        ("172.16.5.4", True),
        ("169.254.169.254", True),  # cloud metadata
        ("169.254.1.1", True),  # link-local
        ("fe80::1", True),
        ("::ffff:127.0.0.1", True),  # loopback hidden in an IPv4-mapped IPv6 address
        ("0.0.0.0", True),
        ("164.115.28.1", False),  # a public address (.go.th hosting)
        ("2001:4860:4860::8888", False),
    ],
)
def test_when_an_address_is_checked_then_only_public_ones_pass(address, refused):
    assert (ssrf.refused(address) is not None) is refused


def test_when_a_name_resolves_to_loopback_then_the_host_is_refused():
    assert "loopback" in ssrf.host_refused("localhost")
