"""What one crawl shares between its Scrapy components, handed over in the Scrapy settings
(``EAGLE_EYE_CRAWL``): components read it in ``from_crawler`` and raise NotConfigured without it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from crawler.shared import LocalCounters
from eagle_eye.scanning import ScanOptions
from eagle_eye.settings import Settings


@dataclass(slots=True)
class OrgTarget:
    org_id: str
    #: the organisation's own hosts (without "www."): its pages are followed only there
    hosts: frozenset[str]
    start_urls: tuple[str, ...]


@dataclass(slots=True)
class KnownDocument:
    content_sha256: str
    etag: str
    last_modified: str


@dataclass
class CrawlContext:
    settings: Settings
    engine: sa.Engine
    run_id: int
    options: ScanOptions
    targets: dict[str, OrgTarget]
    #: host -> org_id for every registered organisation, crawled now or not
    host_owner: dict[str, str]
    #: (org_id, url_key) -> what the last crawl saw, for conditional requests and hashes
    known: dict[tuple[str, str], KnownDocument] = field(default_factory=dict)
    #: per organisation: pages, attachments, bytes, findings, exposures, errors, skipped
    stats: dict[str, dict[str, int]] = field(default_factory=dict)
    #: eagle_eye.workers.AsyncPool running crawler.worker.DocumentHandler; started before the reactor
    pool: Any = None
    #: budgets and URL-shape counts: crawler.shared.LocalCounters, or RedisCounters when the
    #: crawl spans processes
    counters: Any = field(default_factory=lambda: LocalCounters())

    def __deepcopy__(self, memo: dict) -> CrawlContext:
        # Scrapy deep-copies its settings; this is one shared, live object (engine, pool, counters)
        return self

    def count(self, org_id: str, key: str, n: int = 1) -> None:
        org = self.stats.setdefault(org_id, {})
        org[key] = org.get(key, 0) + n


SETTING = "EAGLE_EYE_CRAWL"
