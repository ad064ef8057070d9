"""The one module that touches Scrapy's process and Twisted's reactor.

The reactor runs once per process: ``run_crawl`` is for a process that crawls once and exits
(``eagle-eye crawl``); a long-lived scheduler starts each crawl as such a process.
"""

from __future__ import annotations

import gc
import logging
import os
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa
from sqlmodel import select

from crawler import shared
from crawler.context import SETTING, CrawlContext, KnownDocument, OrgTarget
from crawler.urls import host_of
from crawler.worker import DocumentHandler
from detectors import MaskingRule, redact
from eagle_eye.db import open_database, session_scope
from eagle_eye.errors import EagleEyeError
from eagle_eye.logs import RedactingFilter
from eagle_eye.logs import formatter as log_formatter
from eagle_eye.owners import is_local, owner_alive
from eagle_eye.models import CrawlRun, CrawlStatus, Document, Organisation
from eagle_eye.scanning import HARD_LIMIT_GRACE_S, ScanOptions
from eagle_eye.settings import Settings
from eagle_eye.workers import AsyncPool
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
        "CONCURRENT_REQUESTS": settings.crawl_concurrency,
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
            "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
            "crawler.middlewares.RobotsTxtMiddleware": 100,
            "crawler.middlewares.SsrfGuardMiddleware": 50,
            "crawler.middlewares.BudgetMiddleware": 60,
            "crawler.middlewares.ConditionalRequestMiddleware": 70,
            # bombs and endless redirects: recorded as failures, not dropped as if refused
            "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": None,
            "crawler.hostile.DecompressionGuardMiddleware": 590,
            "crawler.hostile.RedirectGuardMiddleware": 650,
        },
        "EXTENSIONS": {"crawler.progress.Progress": 500},
        # the address connected to is checked too (DNS rebinding), unless private hosts are allowed
        **({} if settings.allow_private_hosts else {"DNS_RESOLVER": "crawler.ssrf.GuardedResolver"}),
        "ITEM_PIPELINES": {"crawler.pipelines.DocumentPipeline": 100, "crawler.pipelines.SummaryPipeline": 200},
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


def run_crawl(settings: Settings, org_ids: list[str] | None = None, *, join: bool = False,
              recheck: dict[str, list[tuple[str, bool]]] | None = None) -> CrawlSummary:
    """Crawl the organisations (all if None) now; blocks until done. Once per process.

    With EAGLE_EYE_REDIS_URL the crawl is shared: ``join=True`` takes part in the crawl another
    process started (any machine with the same database and Redis), instead of starting one.
    ``recheck`` (org_id -> [(url, is_attachment)]) fetches only those URLs and follows nothing:
    how remediation is verified. It always runs in this one process.
    """
    if recheck is not None:
        if join:
            raise EagleEyeError("a re-check is not a shared crawl: it cannot be joined")
        org_ids = sorted(recheck)
        settings = settings.model_copy(update={"redis_url": None})
    from scrapy.crawler import CrawlerProcess

    from crawler.spider import RegistrySpider

    engine = open_database(settings)
    redis = redis_client(settings)
    if join:
        if redis is None:
            raise EagleEyeError("joining a crawl needs EAGLE_EYE_REDIS_URL")
        running = shared.current(redis)
        if running is None:
            raise EagleEyeError("no crawl in progress to join")
        run_id, org_ids = running
    with session_scope(engine) as session:
        targets, host_owner = targets_for(session, org_ids)
        known = {
            (d.org_id, d.url_key): KnownDocument(d.content_sha256, d.etag, d.last_modified)
            for d in session.exec(select(Document).where(sa.column("org_id").in_(list(targets))))
        }
        if not join:
            now = datetime.now(timezone.utc)
            _serialise_run_starts(session)
            _close_dead_runs(session, now=now)
            if recheck is None:
                targets = _not_being_crawled(session, targets, now=now,
                                             live_for=timedelta(hours=settings.crawl_period_hours))
            run = CrawlRun(started_at=datetime.now(timezone.utc), org_ids=sorted(targets), owner=shared.worker_id(),
                           recheck=recheck is not None)
            session.add(run)
            session.flush()
            run_id = run.id
    if redis is not None:
        if not join:
            shared.publish(redis, run_id, sorted(targets), shared.REDIS_TTL_S)
        shared.join(redis, run_id, shared.REDIS_TTL_S)
    limits = Limits.from_settings(settings)
    options = ScanOptions(
        key=settings.fingerprint_key_bytes(),
        rule=MaskingRule(min_hidden=settings.mask_min_hidden, max_visible=settings.mask_max_visible),
        limits=limits,
    )
    # Before Scrapy starts any thread: the pool's fork server must be forked from a quiet process.
    pool = AsyncPool(DocumentHandler(options, settings, run_id), workers=settings.crawl_workers or os.cpu_count() or 1,
                      limit_s=limits.timeout_s + HARD_LIMIT_GRACE_S + settings.db_retry_s)
    ctx = CrawlContext(settings=settings, engine=engine, run_id=run_id, options=options, targets=targets,
                       host_owner=host_owner, known=known, pool=pool,
                       counters=shared.RedisCounters(redis, run_id, shared.REDIS_TTL_S) if redis else shared.LocalCounters())
    status = CrawlStatus.INTERRUPTED
    try:
        process = CrawlerProcess({**scrapy_settings(settings, ctx), **_redis_settings(settings, run_id)})
        for handler in logging.getLogger().handlers:
            handler.addFilter(RedactingFilter())
            if isinstance(handler, logging.StreamHandler):  # JSON lines when not on a terminal
                handler.setFormatter(log_formatter(handler.stream))
        # Scrapy logs every response and item at DEBUG; below the level, never build the record
        logging.getLogger("scrapy").setLevel(settings.log_level)
        crawler = process.create_crawler(RegistrySpider)
        process.crawl(crawler, seed=not join, recheck=recheck)
        # Everything alive now lives as long as the crawl (modules, settings, the registry):
        # out of the collector's sight, a collection no longer walks it all again, which was
        # a tenth of the crawl process's CPU.
        gc.freeze()
        process.start()
        reason = crawler.stats.get_value("finish_reason") if crawler.stats else None
        status = CrawlStatus.FINISHED if reason == "finished" else CrawlStatus.INTERRUPTED
    finally:
        pool.close()
        if redis is not None:
            shared.leave(redis, run_id)
            if not join:
                _wait_for_workers(redis, run_id, settings.crawl_idle_close_s * 4)
                shared.finish(redis, run_id)
        _record(engine, run_id, ctx.stats, status=None if join else status)
    return CrawlSummary(run_id, status, ctx.stats)


#: any constant: the PostgreSQL advisory lock under which a crawl checks what is being crawled
_RUN_START_LOCK = 0x4561676C65437277  # "EagleCrw"


def _serialise_run_starts(session) -> None:  # noqa: ANN001
    """Two crawls starting at the same moment must not both see an organisation as free."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _RUN_START_LOCK})
    else:  # SQLite: a write statement takes the database's write lock until this transaction ends
        session.execute(sa.text("UPDATE crawl_run SET id = id WHERE id < 0"))


def _not_being_crawled(session, targets: dict[str, OrgTarget], *, now: datetime,  # noqa: ANN001
                       live_for: timedelta) -> dict[str, OrgTarget]:
    """Leave out the organisations a live crawl is crawling now (a scheduler restarted while its
    crawl went on, two schedulers, a hand-started crawl): never two crawls of one site at once.
    A run of this machine is live while its process is; one of another machine, which cannot be
    asked, for one crawl period (the longest a crawl should take)."""
    busy: dict[str, int] = {}
    for run in session.exec(select(CrawlRun).where(CrawlRun.status == CrawlStatus.RUNNING,
                                                   CrawlRun.recheck == False)):  # noqa: E712
        started = run.started_at if run.started_at.tzinfo else run.started_at.replace(tzinfo=timezone.utc)
        if run.owner and owner_alive(run.owner) and (is_local(run.owner) or now - started < live_for):
            busy.update({org_id: run.id for org_id in run.org_ids if org_id in targets})
    if not busy:
        return targets
    named = ", ".join(f"{org_id} (run {run_id})" for org_id, run_id in sorted(busy.items()))
    if len(busy) == len(targets):
        raise EagleEyeError(f"already being crawled: {named}")
    logging.getLogger(__name__).warning("left out, already being crawled: %s", named)
    return {org_id: target for org_id, target in targets.items() if org_id not in busy}


def _close_dead_runs(session, *, now: datetime) -> None:  # noqa: ANN001
    """Runs left 'running' by a process of this machine that no longer exists (killed, power cut)
    become 'interrupted': what they stored is kept, their status stops lying. Runs of other
    machines are left to those machines."""
    for run in session.exec(select(CrawlRun).where(CrawlRun.status == CrawlStatus.RUNNING)):
        if run.owner and not owner_alive(run.owner):
            run.status, run.finished_at = CrawlStatus.INTERRUPTED, now
            session.add(run)


def redis_client(settings: Settings):  # noqa: ANN201 - redis.Redis | None
    if settings.redis_url is None:
        return None
    import redis

    client = redis.Redis.from_url(settings.redis_url.get_secret_value())
    try:
        client.ping()
    except redis.RedisError as exc:
        raise EagleEyeError(f"cannot reach Redis at EAGLE_EYE_REDIS_URL ({type(exc).__name__})") from None
    return client


def _redis_settings(settings: Settings, run_id: int) -> dict:
    if settings.redis_url is None:
        return {}
    key = shared.prefix(run_id)
    return {
        # scrapy-redis, with pops leased until done: a killed worker's requests are fetched again
        "SCHEDULER": "crawler.leases.LeasingScheduler",
        "SCHEDULER_QUEUE_CLASS": "crawler.leases.LeasedQueue",
        "SCHEDULER_SERIALIZER": "crawler.serializer",
        "EAGLE_EYE_RUN_ID": run_id,
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "REDIS_URL": settings.redis_url.get_secret_value(),
        "SCHEDULER_QUEUE_KEY": f"{key}:requests",
        "SCHEDULER_DUPEFILTER_KEY": f"{key}:dupefilter",
        # the queue is the crawl's, not this process's: never flushed when one process leaves
        "SCHEDULER_PERSIST": True,
        "EAGLE_EYE_IDLE_CLOSE_S": settings.crawl_idle_close_s,
        "EAGLE_EYE_SITES_TAKE_TURNS": True,
    }


def _wait_for_workers(redis, run_id: int, timeout_s: float) -> None:  # noqa: ANN001
    deadline = time.monotonic() + timeout_s
    while shared.workers(redis, run_id) and time.monotonic() < deadline:
        time.sleep(0.5)


def _record(engine: sa.Engine, run_id: int, stats: dict[str, dict[str, int]], *, status: CrawlStatus | None) -> None:
    """Add this process's counts to the crawl run (several processes may share one run)."""
    with session_scope(engine) as session:
        run = session.exec(select(CrawlRun).where(CrawlRun.id == run_id).with_for_update()).one()
        merged = {org: dict(counts) for org, counts in (run.stats or {}).items()}
        for org, counts in stats.items():
            for key, value in counts.items():
                merged.setdefault(org, {})[key] = merged.get(org, {}).get(key, 0) + value
        run.stats = merged
        if status is not None:
            run.status = status
            run.finished_at = datetime.now(timezone.utc)
        session.add(run)
