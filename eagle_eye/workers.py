"""Run a function over items in worker processes that the parent can kill.

Extraction libraries are C code fed hostile files: one may crash its process or spin forever
inside a single call, where no cooperative deadline can reach it. Each item therefore runs in a
worker the parent watches: past its wall-clock limit the worker is killed, if it dies the item
is reported as a crash, and in both cases a fresh worker takes the next item. Results come back
in input order.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import threading
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


class WorkerPool(Generic[T, R]):
    """Supervised workers for a long-lived, multi-threaded caller (the crawler's reactor).

    ``submit`` may be called from any thread; ``on_done(result | Failed)`` runs on the pool's own
    supervisor thread, so a Twisted caller hands it back with ``reactor.callFromThread``. Workers
    come from a fork server started before any other thread: forking the crawler itself, with its
    reactor and thread pool, could copy a held lock into the child.
    """

    def __init__(self, fn: Callable[[T], R], *, workers: int, limit_s: float, preload: Sequence[str] = ()) -> None:
        self._fn = fn
        self._limit_s = limit_s
        self._ctx = mp.get_context("forkserver")
        if preload:
            self._ctx.set_forkserver_preload(list(preload))
        self._pool = [_Worker(self._ctx, fn) for _ in range(max(1, workers))]
        self._todo: deque[tuple[int, T]] = deque()
        self._callbacks: dict[int, Callable[[R | Failed], None]] = {}
        self._next = 0
        self._lock = threading.Lock()
        # a raw pipe, written only when a worker is idle: under load the supervisor wakes on
        # results anyway, and a syscall per submit hands the interpreter lock away each time
        self._wake_r, self._wake_w = os.pipe()
        os.set_blocking(self._wake_r, False)
        os.set_blocking(self._wake_w, False)
        self._idle = len(self._pool)
        self._closing = False
        self._thread = threading.Thread(target=self._loop, name="eagle-eye-workers", daemon=True)
        self._thread.start()

    def submit(self, item: T, on_done: Callable[[R | Failed], None]) -> None:
        with self._lock:
            if self._closing:
                raise RuntimeError("the worker pool is closed")
            self._callbacks[self._next] = on_done
            self._todo.append((self._next, item))
            self._next += 1
            wake = self._idle > 0
        if wake:
            self._wake()

    def close(self) -> None:
        """Finish what was submitted, then stop the workers."""
        with self._lock:
            self._closing = True
        self._wake()
        self._thread.join()
        os.close(self._wake_r)
        os.close(self._wake_w)

    def _wake(self) -> None:
        try:
            os.write(self._wake_w, b"!")
        except BlockingIOError:
            pass  # the pipe is full of wake-ups already

    def _loop(self) -> None:
        try:
            while True:
                with self._lock:
                    idle = [w for w in self._pool if w.task is None]
                    handed = [(w, self._todo.popleft()) for w in idle[: len(self._todo)]]
                    closing, waiting = self._closing, bool(self._todo)
                    self._idle = len(idle) - len(handed)
                # pickling a task can take a while (a large file): never while submit() waits
                for worker, task in handed:
                    worker.give(*task)
                busy = [w for w in self._pool if w.task is not None]
                if closing and not busy and not waiting:
                    return
                timeout = None
                if busy:
                    timeout = max(0.0, min(w.started for w in busy) + self._limit_s - time.monotonic())
                ready = wait([self._wake_r] + [w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=timeout)
                if self._wake_r in ready:
                    try:
                        while os.read(self._wake_r, 4096):
                            pass
                    except BlockingIOError:
                        pass
                results: dict[int, R | Failed] = {}
                self._pool = [_settle(w, ready, results, self._limit_s, self._ctx, self._fn) for w in self._pool]
                for index, result in results.items():
                    with self._lock:
                        callback = self._callbacks.pop(index)
                    try:
                        callback(result)
                    except Exception:  # noqa: BLE001 - one bad callback must not stop the pool
                        logging.getLogger(__name__).exception("a worker pool callback failed")
        finally:
            _stop(self._pool)
