"""Refuse hosts that resolve to addresses a public website never has.

A registry row or a hostile page could point the crawler at the machine itself, the private
network or a cloud metadata service. Every request, redirects included, is checked.
"""

from __future__ import annotations

import ipaddress
import socket
from functools import lru_cache

_METADATA = {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")}


def refused(address: str) -> str | None:
    """Why ``address`` (an IP) must not be fetched, or None."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if ip in _METADATA:
        return "a cloud metadata address"
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_link_local:
        return "a link-local address"
    if ip.is_private or ip.is_reserved or ip.is_multicast or ip.is_unspecified:
        return "a private or reserved address"
    return None


@lru_cache(maxsize=4096)
def host_refused(host: str) -> str | None:
    """Why ``host`` must not be fetched (any of its addresses is refused), or None.

    Cached per host for the crawl: one lookup per site, not per request. A host that does not
    resolve is left to the downloader, which reports it as a DNS error.
    """
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        return None
    for info in infos:
        reason = refused(str(info[4][0]))
        if reason:
            return f"{host} resolves to {reason}"
    return None


@lru_cache(maxsize=1)
def _guarded_resolver():  # noqa: ANN202 - a Scrapy resolver class, built lazily (imports Twisted)
    from scrapy.resolver import CachingThreadedResolver
    from twisted.internet.error import DNSLookupError

    class GuardedResolver(CachingThreadedResolver):
        """The address the downloader connects to, checked again. The middleware's look-up and the
        connection's are two look-ups: a hostile DNS server can answer a public address to the
        first and a private one to the second (DNS rebinding). This one is the one used."""

        def getHostByName(self, name: str, timeout=()):  # noqa: ANN001, ANN202, N802 - Twisted's interface
            def check(address: str) -> str:
                reason = refused(address)
                if reason:
                    raise DNSLookupError(f"{name} resolves to {reason}")
                return address

            return super().getHostByName(name, timeout).addCallback(check)

    return GuardedResolver


def __getattr__(name: str):  # noqa: ANN202 - Scrapy loads DNS_RESOLVER by dotted name
    if name == "GuardedResolver":
        return _guarded_resolver()
    raise AttributeError(name)
