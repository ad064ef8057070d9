"""``eagle-eye scheduler``: every organisation crawled once per period, the crawls spread evenly
over the period, schedules kept in the database so a restart loses none.

The period is cut into slots (``EAGLE_EYE_CRAWL_SLOT_MINUTES``); each organisation belongs to one
slot, fixed by a hash of its org_id, and each slot is one persistent job (id ``crawl-slot:<n>``)
that crawls its organisations together in one process: many hosts at once, each still polite.
One crawl process per organisation would need dozens of processes at once to cover the country
in a day; one per slot needs one (plus ``crawl --join`` helpers where Redis is set). A slot job
never runs twice at once, and an organisation is in exactly one slot, so no organisation is
crawled twice at the same time. Each crawl is its own process because Scrapy's reactor cannot
start twice in one process.
"""

from __future__ import annotations

import hashlib
import logging
import math
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
from eagle_eye.settings import Settings, get_settings

log = logging.getLogger(__name__)

JOB_PREFIX = "crawl-slot:"
JOBS_TABLE = "apscheduler_jobs"
SYNC_JOB = "registry-sync"


def slot_count(period: timedelta, slot: timedelta) -> int:
    return max(1, math.ceil(period / slot))


def slot_of(org_id: str, slots: int) -> int:
    """The organisation's slot: stable across restarts and machines, spread evenly by a hash."""
    return int.from_bytes(hashlib.sha256(org_id.encode()).digest()[:8], "big") % slots


def build_scheduler(settings: Settings, *, blocking: bool = True) -> BaseScheduler:
    engine = open_database(settings)
    scheduler_cls = BlockingScheduler if blocking else _background()
    return scheduler_cls(
        jobstores={"default": SQLAlchemyJobStore(engine=engine, tablename=JOBS_TABLE), "memory": MemoryJobStore()},
        # alert jobs get their own threads: a long crawl must not hold up the mail, nor the reverse
        executors={"default": ThreadPoolExecutor(settings.crawl_parallel), "alerts": ThreadPoolExecutor(3)},
        # one catch-up run after downtime, not one per missed period
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": int(settings.crawl_period_hours * 3600)},
        timezone=timezone.utc,
    )


def _background() -> type[BaseScheduler]:
    from apscheduler.schedulers.background import BackgroundScheduler

    return BackgroundScheduler


def sync_jobs(scheduler: BaseScheduler, *, period: timedelta, slot: timedelta, now: datetime) -> tuple[int, int]:
    """One job per slot, the n-th starting n slots from now. A job that exists with the same
    period keeps its next run (a restart must not push crawls back). Returns (added, removed)."""
    slots = slot_count(period, slot)
    existing = {job.id: job for job in scheduler.get_jobs() if job.id.startswith(JOB_PREFIX)}
    added = 0
    wanted = set()
    for n in range(slots):
        job_id = f"{JOB_PREFIX}{n}/{slots}"
        wanted.add(job_id)
        job = existing.get(job_id)
        if job is not None and getattr(job.trigger, "interval", None) == period:
            continue
        scheduler.add_job(
            "crawler.schedule:crawl_slot", IntervalTrigger(seconds=period.total_seconds(), start_date=now + n * slot),
            args=[n, slots], id=job_id, name=f"crawl slot {n + 1} of {slots}", replace_existing=True,
        )
        added += 1
    removed = 0
    for job_id in existing.keys() - wanted:  # the period or slot length changed
        scheduler.remove_job(job_id)
        removed += 1
    return added, removed


def crawl_slot(slot: int, slots: int) -> int:
    """The job: this slot's organisations, crawled together in one process. Returns the exit status."""
    settings = get_settings()
    with session_scope(open_database(settings)) as session:
        org_ids = sorted(o for o in session.exec(select(Organisation.org_id)) if slot_of(o, slots) == slot)
    if not org_ids:
        return 0
    exe = Path(sys.executable).with_name("eagle-eye")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "eagle_eye.cli"]
    args = [arg for org_id in org_ids for arg in ("--org", org_id)]
    started = datetime.now(timezone.utc)
    code = subprocess.run([*command, "crawl", *args], stdin=subprocess.DEVNULL, check=False).returncode
    took = (datetime.now(timezone.utc) - started).total_seconds()
    if code > 1:
        log.error("crawl of slot %d/%d (%d organisations) failed with exit status %s after %.0f s",
                  slot + 1, slots, len(org_ids), code, took)
    else:
        log.info("crawl of slot %d/%d (%d organisations) done in %.0f s", slot + 1, slots, len(org_ids), took)
    return code


def _sync(scheduler: BaseScheduler, settings: Settings) -> None:
    period = timedelta(hours=settings.crawl_period_hours)
    slot = timedelta(minutes=settings.crawl_slot_minutes)
    added, removed = sync_jobs(scheduler, period=period, slot=slot, now=datetime.now(timezone.utc))
    log.info("every organisation once every %s h, in %d slots (%d jobs added, %d removed)",
             settings.crawl_period_hours, slot_count(period, slot), added, removed)


def add_alert_jobs(scheduler: BaseScheduler, settings: Settings) -> None:
    """Deliver, follow up, verify and send the weekly DLA report on their own clocks. Kept in memory: they hold no state of
    their own (the outbox and the incidents do), so a restart simply starts them again."""
    from alerts import jobs
    from eagle_eye import retention
    from reports import jobs as report_jobs

    start = datetime.now(timezone.utc)
    engine = open_database(settings)  # once: the send job runs every minute
    for job_id, func, every in (("alerts-send", jobs.send, settings.alert_send_every_s),
                                ("alerts-follow-up", jobs.follow_up, jobs.FOLLOW_UP_EVERY_S),
                                ("alerts-verify", jobs.verify, jobs.VERIFY_EVERY_S),
                                # hourly and idempotent (one email per week): a restart never skips a week
                                ("reports-weekly", report_jobs.weekly, 3600),
                                ("retention-purge", retention.job, 86400)):
        scheduler.add_job(func, IntervalTrigger(seconds=every, start_date=start), args=[settings, engine], id=job_id,
                          jobstore="memory", executor="alerts", next_run_time=start, replace_existing=True)


def run_scheduler(settings: Settings) -> None:
    """Block, running crawls on schedule, until SIGTERM or SIGINT."""
    scheduler = build_scheduler(settings)
    # the slot jobs are checked once the scheduler runs: only then are the stored jobs visible
    scheduler.add_job(_sync, args=[scheduler, settings], id=SYNC_JOB, jobstore="memory",
                      next_run_time=datetime.now(timezone.utc))
    add_alert_jobs(scheduler, settings)
    signal.signal(signal.SIGTERM, lambda *_: scheduler.shutdown(wait=False))
    log.info("scheduler started (pid %d)", os.getpid())
    try:
        scheduler.start()
    except KeyboardInterrupt:
        pass
