"""Run a function over items in worker processes that the parent can kill.

Extraction libraries are C code fed hostile files: one may crash its process or spin forever
inside a single call, where no cooperative deadline can reach it. Each item therefore runs in a
worker the parent watches: past its wall-clock limit the worker is killed, if it dies the item
is reported as a crash, and in both cases a fresh worker takes the next item. Results come back
in input order.
"""

from __future__ import annotations

import asyncio
import multiprocessing as mp
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class Failed:
    """An item whose worker crashed or ran past the limit."""

    reason: str  # "crash" or "timeout"


def _serve(fn: Callable, conn: Connection) -> None:
    while True:
        task = conn.recv()
        if task is None:
            return
        index, item = task
        conn.send((index, fn(item)))


class _Worker:
    def __init__(self, ctx, fn: Callable) -> None:  # noqa: ANN001 - a multiprocessing context
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(fn, child), daemon=True)
        self.process.start()
        child.close()
        self.task: int | None = None
        self.started = 0.0

    def give(self, index: int, item: object) -> None:
        self.task, self.started = index, time.monotonic()
        self.conn.send((index, item))

    def kill(self) -> None:
        self.process.kill()
        self.process.join()
        self.conn.close()


class Supervised(Generic[T, R]):
    """``fn`` over ``items`` with ``workers`` processes and a per-item wall-clock ``limit_s``."""

    def __init__(self, fn: Callable[[T], R], *, workers: int, limit_s: float) -> None:
        self._fn = fn
        self._workers = max(1, workers)
        self._limit_s = limit_s
        # fork: workers start in milliseconds and inherit the already-imported libraries
        self._ctx = mp.get_context("fork")

    def map(self, items: Sequence[T]) -> Iterator[R | Failed]:
        results: dict[int, R | Failed] = {}
        todo = list(enumerate(items))[::-1]
        pool = [_Worker(self._ctx, self._fn) for _ in range(min(self._workers, len(items)))]
        next_out = 0
        try:
            while next_out < len(items):
                for worker in pool:
                    if worker.task is None and todo:
                        worker.give(*todo.pop())
                busy = [w for w in pool if w.task is not None]
                if busy:
                    deadline = min(w.started for w in busy) + self._limit_s
                    ready = wait(
                        [w.conn for w in busy] + [w.process.sentinel for w in busy],
                        timeout=max(0.0, deadline - time.monotonic()),
                    )
                    pool = [_settle(w, ready, results, self._limit_s, self._ctx, self._fn) for w in pool]
                while next_out in results:
                    yield results.pop(next_out)
                    next_out += 1
        finally:
            _stop(pool)


def _stop(pool: list[_Worker]) -> None:
    for worker in pool:
        if worker.process.is_alive():
            try:
                worker.conn.send(None)
            except OSError:
                pass
            worker.process.join(timeout=1)
            if worker.process.is_alive():
                worker.kill()


def _settle(worker: _Worker, ready: list, results: dict, limit_s: float, ctx, fn: Callable) -> _Worker:  # noqa: ANN001
    """Collect a worker's result into ``results``, or replace the worker if it died or overran."""
    if worker.task is None:
        return worker
    if worker.conn in ready:
        try:
            index, result = worker.conn.recv()
            results[index] = result
            worker.task = None
            return worker
        except (EOFError, OSError):
            pass  # died while answering: a crash
    elif worker.process.sentinel not in ready and time.monotonic() - worker.started < limit_s:
        return worker
    # by the clock, not is_alive(): a worker that just died may not be reaped yet
    reason = "timeout" if time.monotonic() - worker.started >= limit_s else "crash"
    results[worker.task] = Failed(reason)
    worker.kill()
    return _Worker(ctx, fn)


class AsyncPool(Generic[T, R]):
    """Supervised workers for an asyncio program (the crawler, under Scrapy's asyncio reactor).

    ``await pool.run(item)`` gives ``fn(item)`` or Failed. The workers' pipes are watched by the
    event loop itself: no supervisor thread competing for the interpreter lock with the crawl,
    no wake-up pipes. Workers come from a fork server started before the crawl starts any
    thread, so a replacement forked later cannot inherit a held lock.
    """

    def __init__(self, fn: Callable[[T], R], *, workers: int, limit_s: float) -> None:
        self._fn = fn
        self._limit_s = limit_s
        # nothing preloaded: the fork server starts at once and each worker imports what it
        # needs on its own, while the crawl is already fetching
        self._ctx = mp.get_context("forkserver")
        self._idle: list[_Worker] = [_Worker(self._ctx, fn) for _ in range(max(1, workers))]
        self._busy: dict[int, tuple[_Worker, asyncio.Future, asyncio.TimerHandle]] = {}
        self._todo: deque[tuple[int, T, asyncio.Future]] = deque()
        self._next = 0
        self._closed = False
        self._watched: set[_Worker] = set()

    async def run(self, item: T) -> R | Failed:
        if self._closed:
            raise RuntimeError("the worker pool is closed")
        future = asyncio.get_running_loop().create_future()
        self._todo.append((self._next, item, future))
        self._next += 1
        self._dispatch()
        return await future

    def _dispatch(self) -> None:
        loop = asyncio.get_running_loop()
        while self._idle and self._todo:
            index, item, future = self._todo.popleft()
            worker = self._idle.pop()
            if worker not in self._watched:
                # watched for life, not per task: two epoll changes per worker instead of four per item
                loop.add_reader(worker.conn.fileno(), self._settle, worker, "answer")
                loop.add_reader(worker.process.sentinel, self._settle, worker, "exit")
                self._watched.add(worker)
            worker.give(index, item)
            timer = loop.call_later(self._limit_s, self._settle, worker, "timeout")
            self._busy[index] = (worker, future, timer)

    def _settle(self, worker: _Worker, event: str) -> None:
        index = worker.task
        if index is None or index not in self._busy:
            if event == "exit" and worker in self._watched:
                self._replace(worker)  # an idle worker died (killed from outside): stop watching it
                if worker in self._idle:
                    self._idle.remove(worker)
                self._idle.append(_Worker(self._ctx, self._fn))
            return
        _, future, timer = self._busy.pop(index)
        timer.cancel()
        result: R | Failed
        if event == "answer":
            try:
                _, result = worker.conn.recv()
                worker.task = None
                self._idle.append(worker)
            except (EOFError, OSError):
                event = "exit"  # died while answering: a crash
        if event != "answer":
            result = Failed("timeout" if event == "timeout" else "crash")
            self._replace(worker)
            self._idle.append(_Worker(self._ctx, self._fn))
        if not future.done():
            future.set_result(result)
        self._dispatch()

    def _replace(self, worker: _Worker) -> None:
        loop = asyncio.get_running_loop()
        loop.remove_reader(worker.conn.fileno())
        loop.remove_reader(worker.process.sentinel)
        self._watched.discard(worker)
        worker.kill()

    def close(self) -> None:
        """Stop the workers; anything still running is abandoned (call when the crawl is done)."""
        self._closed = True
        workers = self._idle + [w for w, _, _ in self._busy.values()]
        for _, future, timer in self._busy.values():
            timer.cancel()
            if not future.done():
                future.cancel()
        self._busy.clear()
        _stop(workers)
