"""``eagle-eye scheduler``: every organisation crawled once per period, the crawls spread evenly
over the period, schedules kept in the database so a restart loses none.

One job per organisation (id ``crawl:<org_id>``, at most one instance: an organisation is never
crawled twice at the same time). Each job runs ``eagle-eye crawl --org ORG_ID`` as its own
process, because Scrapy's reactor cannot start twice in one process. New and removed
organisations are picked up from the registry every few minutes.
"""

from __future__ import annotations

import hashlib
import logging
import os
import signal
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.interval import IntervalTrigger
from sqlmodel import select

from eagle_eye.db import open_database, session_scope
from eagle_eye.models import Organisation
from eagle_eye.settings import Settings

log = logging.getLogger(__name__)

JOB_PREFIX = "crawl:"
JOBS_TABLE = "apscheduler_jobs"
SYNC_JOB = "registry-sync"
SYNC_EVERY = timedelta(minutes=5)


def offset_in_period(org_id: str, period: timedelta) -> timedelta:
    """Where in the period this organisation's crawl falls: stable across restarts and machines,
    spread evenly over the period by a hash of the org_id."""
    fraction = int.from_bytes(hashlib.sha256(org_id.encode()).digest()[:8], "big") / 2**64
    return timedelta(seconds=int(period.total_seconds() * fraction))


def build_scheduler(settings: Settings, *, blocking: bool = True) -> BaseScheduler:
    engine = open_database(settings)
    scheduler_cls = BlockingScheduler if blocking else _background()
    return scheduler_cls(
        jobstores={"default": SQLAlchemyJobStore(engine=engine, tablename=JOBS_TABLE), "memory": MemoryJobStore()},
        executors={"default": ThreadPoolExecutor(settings.crawl_parallel)},
        # one catch-up run after downtime, not one per missed period
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": int(settings.crawl_period_hours * 3600)},
        timezone=timezone.utc,
    )


def _background() -> type[BaseScheduler]:
    from apscheduler.schedulers.background import BackgroundScheduler

    return BackgroundScheduler


def sync_jobs(scheduler: BaseScheduler, org_ids: list[str], *, period: timedelta, now: datetime) -> tuple[int, int]:
    """Add a job for each organisation that has none, remove jobs of organisations that left the
    registry; an existing job keeps its next run (a restart or a re-import must not reset it).
    Returns (added, removed)."""
    existing = {job.id: job for job in scheduler.get_jobs() if job.id.startswith(JOB_PREFIX)}
    wanted = {f"{JOB_PREFIX}{org_id}": org_id for org_id in org_ids}
    added = 0
    for job_id, org_id in wanted.items():
        job = existing.get(job_id)
        if job is not None and getattr(job.trigger, "interval", None) == period:
            continue
        first = now + offset_in_period(org_id, period)
        scheduler.add_job(
            "crawler.schedule:crawl_org", IntervalTrigger(seconds=int(period.total_seconds()), start_date=first),
            args=[org_id], id=job_id, name=f"crawl {org_id}", replace_existing=True,
        )
        added += 1
    removed = 0
    for job_id in existing.keys() - wanted.keys():
        scheduler.remove_job(job_id)
        removed += 1
    return added, removed


def crawl_org(org_id: str) -> int:
    """The job: one organisation's crawl in its own process. Returns its exit status."""
    exe = Path(sys.executable).with_name("eagle-eye")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "eagle_eye.cli"]
    started = datetime.now(timezone.utc)
    code = subprocess.run([*command, "crawl", "--org", org_id], stdin=subprocess.DEVNULL, check=False).returncode
    took = (datetime.now(timezone.utc) - started).total_seconds()
    if code > 1:
        log.error("crawl of %s failed with exit status %s after %.0f s", org_id, code, took)
    else:
        log.info("crawl of %s done in %.0f s (%s)", org_id, took, "exposures found" if code == 1 else "nothing exposed")
    return code


def sync_registry(scheduler: BaseScheduler, settings: Settings) -> None:
    """Keep one crawl job per registered organisation (run every few minutes)."""
    with session_scope(open_database(settings)) as session:
        org_ids = list(session.exec(select(Organisation.org_id)))
    added, removed = sync_jobs(scheduler, org_ids, period=timedelta(hours=settings.crawl_period_hours),
                               now=datetime.now(timezone.utc))
    if added or removed:
        log.info("registry: %d organisations scheduled, %d removed", added, removed)


def run_scheduler(settings: Settings) -> None:
    """Block, running crawls on schedule, until SIGTERM or SIGINT."""
    scheduler = build_scheduler(settings)
    # the registry sync is not a stored job: it is re-added at every start, with this scheduler
    scheduler.add_job(sync_registry, "interval", seconds=int(SYNC_EVERY.total_seconds()), args=[scheduler, settings],
                      id=SYNC_JOB, jobstore="memory", next_run_time=datetime.now(timezone.utc))
    signal.signal(signal.SIGTERM, lambda *_: scheduler.shutdown(wait=False))
    log.info("scheduler started: every organisation once every %s h (pid %d)", settings.crawl_period_hours, os.getpid())
    try:
        scheduler.start()
    except KeyboardInterrupt:
        pass
