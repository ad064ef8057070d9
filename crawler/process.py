"""The one module that touches Scrapy's process and Twisted's reactor.

The reactor runs once per process: ``run_crawl`` is for a process that crawls once and exits
(``eagle-eye crawl``); a long-lived scheduler starts each crawl as such a process.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from datetime import datetime, timezone

import sqlalchemy as sa
from sqlmodel import select

from crawler.context import SETTING, CrawlContext, KnownDocument, OrgTarget
from crawler.urls import host_of
from detectors import MaskingRule, redact
from eagle_eye.db import open_database, session_scope
from eagle_eye.errors import EagleEyeError
from eagle_eye.models import CrawlRun, CrawlStatus, Document, Organisation
from eagle_eye.scanning import HARD_LIMIT_GRACE_S, ScanOptions
from eagle_eye.settings import Settings
from eagle_eye.workers import WorkerPool, call
from extractors.base import Limits

VERSION = "0.1"


@dataclass(frozen=True, slots=True)
class CrawlSummary:
    run_id: int
    status: CrawlStatus
    #: per organisation: pages, attachments, bytes, findings, exposures, errors, skipped_*
    stats: dict[str, dict[str, int]]


def scrapy_settings(settings: Settings, ctx: CrawlContext | None) -> dict:
    contact = settings.crawl_contact
    return {
        "BOT_NAME": "eagle_eye",
        "USER_AGENT": f"EagleEyeBot/{VERSION} (+mailto:{contact}; PDPA personal-data exposure monitor)",
        "ROBOTSTXT_OBEY": True,
        "AUTOTHROTTLE_ENABLED": True,
        "AUTOTHROTTLE_START_DELAY": 0.25,
        "AUTOTHROTTLE_MAX_DELAY": 30.0,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": float(settings.crawl_concurrency_per_host),
        "CONCURRENT_REQUESTS": 64,
        "CONCURRENT_REQUESTS_PER_DOMAIN": settings.crawl_concurrency_per_host,
        "DOWNLOAD_DELAY": 0,
        "DOWNLOAD_TIMEOUT": settings.crawl_download_timeout_s,
        "DNS_TIMEOUT": 10,
        "RETRY_TIMES": settings.crawl_retries,
        # stop reading a response past the cap: the download is cancelled, not buffered
        "DOWNLOAD_MAXSIZE": settings.max_file_bytes,
        "DOWNLOAD_WARNSIZE": 0,
        "DEPTH_LIMIT": settings.crawl_depth_limit,
        "REDIRECT_MAX_TIMES": 10,
        # an HTTP cache would keep bodies that hold raw numbers: none, and no job dir either
        "HTTPCACHE_ENABLED": False,
        "REMOTE_CONTROL_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        "LOG_LEVEL": settings.log_level,
        "LOGSTATS_INTERVAL": 15.0,
        "LOG_INSTALL_ROOT_HANDLER": True,
        "SPIDER_MIDDLEWARES": {"crawler.middlewares.ScopeMiddleware": 800},
        "DOWNLOADER_MIDDLEWARES": {
            "crawler.middlewares.SsrfGuardMiddleware": 50,
            "crawler.middlewares.BudgetMiddleware": 60,
            "crawler.middlewares.ConditionalRequestMiddleware": 70,
        },
        "ITEM_PIPELINES": {"crawler.pipelines.DetectPipeline": 100, "crawler.pipelines.StorePipeline": 200},
        SETTING: ctx,
        **_javascript(settings),
    }


def _javascript(settings: Settings) -> dict:
    if not settings.crawl_javascript:
        return {}
    if not settings.chromium_path.exists():
        logging.getLogger(__name__).warning(
            "no Chromium at %s (apt-get install chromium): pages built by JavaScript are read as served",
            settings.chromium_path)
        return {}
    from crawler.javascript import playwright_settings

    return {"EAGLE_EYE_JAVASCRIPT": True, **playwright_settings(
        chromium=str(settings.chromium_path), allow_private_hosts=settings.allow_private_hosts,
        timeout_s=settings.crawl_download_timeout_s)}


class _RedactingFilter(logging.Filter):
    """Scrapy logs URLs and library errors; any of them may hold an ID number."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = ()
        return True


def targets_for(session, org_ids: list[str] | None) -> tuple[dict[str, OrgTarget], dict[str, str]]:  # noqa: ANN001
    orgs = list(session.exec(select(Organisation)))
    host_owner: dict[str, str] = {}
    for org in orgs:
        for url in org.websites:
            host_owner.setdefault(host_of(url), org.org_id)
    chosen = [o for o in orgs if org_ids is None or o.org_id in org_ids]
    missing = sorted(set(org_ids or ()) - {o.org_id for o in chosen})
    if missing:
        raise EagleEyeError(f"not in the registry: {', '.join(missing)} (see eagle-eye orgs list)")
    if not chosen:
        raise EagleEyeError("the registry is empty: import it first (eagle-eye orgs import FILE.csv)")
    targets = {
        o.org_id: OrgTarget(o.org_id, frozenset(host_of(u) for u in o.websites), tuple(dict.fromkeys([*o.websites, *o.start_pages])))
        for o in chosen
    }
    return targets, host_owner


def run_crawl(settings: Settings, org_ids: list[str] | None = None) -> CrawlSummary:
    """Crawl the organisations (all if None) now; blocks until done. Once per process."""
    from scrapy.crawler import CrawlerProcess

    from crawler.spider import RegistrySpider

    engine = open_database(settings)
    with session_scope(engine) as session:
        targets, host_owner = targets_for(session, org_ids)
        known = {
            (d.org_id, d.url_key): KnownDocument(d.content_sha256, d.etag, d.last_modified)
            for d in session.exec(select(Document).where(sa.column("org_id").in_(list(targets))))
        }
        run = CrawlRun(started_at=datetime.now(timezone.utc), org_ids=sorted(targets))
        session.add(run)
        session.flush()
        run_id = run.id
    limits = Limits.from_settings(settings)
    options = ScanOptions(
        key=settings.fingerprint_key_bytes(),
        rule=MaskingRule(min_hidden=settings.mask_min_hidden, max_visible=settings.mask_max_visible),
        limits=limits,
    )
    # Before Scrapy starts any thread: the pool's fork server must be forked from a quiet process.
    pool = WorkerPool(call, workers=settings.crawl_workers or os.cpu_count() or 1,
                      limit_s=limits.timeout_s + HARD_LIMIT_GRACE_S, preload=["eagle_eye.scanning"])
    ctx = CrawlContext(settings=settings, engine=engine, run_id=run_id, options=options, targets=targets,
                       host_owner=host_owner, known=known, pool=pool)
    status = CrawlStatus.INTERRUPTED
    try:
        process = CrawlerProcess(scrapy_settings(settings, ctx))
        for handler in logging.getLogger().handlers:
            handler.addFilter(_RedactingFilter())
        crawler = process.create_crawler(RegistrySpider)
        process.crawl(crawler)
        process.start()
        reason = crawler.stats.get_value("finish_reason") if crawler.stats else None
        status = CrawlStatus.FINISHED if reason == "finished" else CrawlStatus.INTERRUPTED
    finally:
        pool.close()
        with session_scope(engine) as session:
            run = session.get(CrawlRun, run_id)
            run.finished_at = datetime.now(timezone.utc)
            run.status = status
            run.stats = ctx.stats
            session.add(run)
    return CrawlSummary(run_id, status, ctx.stats)
