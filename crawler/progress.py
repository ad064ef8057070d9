"""A progress line for ``eagle-eye crawl``: redrawn every second on a terminal, a log line every
30 seconds otherwise (a scheduler's log, CI)."""

from __future__ import annotations

import sys
import time

from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import task

from crawler.context import SETTING, CrawlContext


class Progress:
    def __init__(self, ctx: CrawlContext, *, tty: bool) -> None:
        self.ctx, self.tty = ctx, tty
        self.started = time.monotonic()
        self.loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler):  # noqa: ANN001, ANN206
        ctx = crawler.settings.get(SETTING)
        if ctx is None:
            raise NotConfigured(f"{SETTING} is not set")
        progress = cls(ctx, tty=sys.stderr.isatty())
        crawler.signals.connect(progress.opened, signal=signals.spider_opened)
        crawler.signals.connect(progress.closed, signal=signals.spider_closed)
        return progress

    def line(self) -> str:
        total: dict[str, int] = {}
        for counts in self.ctx.stats.values():
            for key, value in counts.items():
                total[key] = total.get(key, 0) + value
        took = time.monotonic() - self.started
        return (f"crawling {len(self.ctx.targets)} organisations: {total.get('pages', 0)} pages, "
                f"{total.get('attachments', 0)} attachments, {total.get('exposures', 0)} exposed, "
                f"{total.get('errors', 0)} errors, {took:.0f} s")

    def opened(self, spider) -> None:  # noqa: ANN001
        self.loop = task.LoopingCall(self.show)
        self.loop.start(1.0 if self.tty else 30.0, now=False)

    def show(self) -> None:
        if self.tty:
            sys.stderr.write("\r" + self.line() + "\033[K")
            sys.stderr.flush()
        else:
            print(self.line(), file=sys.stderr, flush=True)

    def closed(self, spider) -> None:  # noqa: ANN001
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        if self.tty:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()
