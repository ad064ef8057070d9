"""A shared crawl queue that survives a killed worker.

scrapy-redis pops a request off the shared queue and forgets it: if the process that popped it
dies (SIGKILL, out of memory, a machine lost), the request and every link behind it are gone and
their findings are never stored. Here a pop moves the request, in one atomic step, into the
popping process's *lease* hash in Redis; the lease is dropped only once Scrapy has finished with
the request (downloaded, read, and its document stored by the pipelines). Every process keeps a
heartbeat key alive while it crawls; the leases of a process whose heartbeat has lapsed (or, on
the same machine, whose pid is gone) go back on the queue, so another worker, or the killed one
restarted, fetches them again. Storing a document twice is harmless (documents and findings are
keyed by URL and fingerprint), so the worst a crash costs is a few fetches repeated.

A crawl is over only when the queue is empty and no live process holds a lease: a worker busy
with a slow document may still add links.
"""

from __future__ import annotations

import logging

from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler
from twisted.internet import task

from crawler import shared

log = logging.getLogger(__name__)

#: how often a process renews its heartbeat, drops finished leases and looks for dead processes
TICK_S = 2.0
_LEASE_META = "eagle_eye_lease"

# Pop the best request and lease it to this process, atomically: no moment where it is nowhere.
_POP = """
local top = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #top == 0 then return false end
redis.call('ZREM', KEYS[1], top[1])
redis.call('HSET', KEYS[2], ARGV[1], top[2] .. '|' .. top[1])
redis.call('EXPIRE', KEYS[2], ARGV[2])
return top[1]
"""
# Put every lease of one process back on the queue with its priority, atomically: two processes
# reaping the same dead one requeue its requests once.
_REQUEUE = """
local leases = redis.call('HGETALL', KEYS[2])
for i = 2, #leases, 2 do
  local lease = leases[i]
  local cut = string.find(lease, '|', 1, true)
  redis.call('ZADD', KEYS[1], tonumber(string.sub(lease, 1, cut - 1)), string.sub(lease, cut + 1))
end
redis.call('DEL', KEYS[2])
return #leases / 2
"""


def leases_key(run_id: int, worker: str) -> str:
    return f"{shared.prefix(run_id)}:leases:{worker}"


def reap(client, run_id: int, queue_key: str) -> tuple[int, bool]:  # noqa: ANN001
    """Requeue the leases of every dead process of the crawl and drop it from the crawl's workers.
    Returns (requests requeued, whether a live process other than this one holds leases)."""
    requeue = client.register_script(_REQUEUE)
    me, requeued, others_busy = shared.worker_id(), 0, False
    prefix = f"{shared.prefix(run_id)}:leases:"
    for key in client.scan_iter(f"{prefix}*"):
        worker = key.decode()[len(prefix):]
        if worker == me:
            continue
        if shared.is_alive(client, run_id, worker):
            others_busy = others_busy or bool(client.hlen(key))
            continue
        count = int(requeue(keys=[queue_key, key]))
        client.srem(f"{shared.prefix(run_id)}:workers", worker)
        if count:
            log.warning("crawl worker %s stopped answering: %d of its requests go back on the queue", worker, count)
        requeued += count
    return requeued, others_busy


class LeasedQueue(PriorityQueue):
    """scrapy-redis' priority queue, with pops leased to this process (see the module)."""

    def __init__(self, server, spider, key, serializer=None) -> None:  # noqa: ANN001
        super().__init__(server, spider, key, serializer)
        self.worker = shared.worker_id()
        self._pop = server.register_script(_POP)
        self._requeue = server.register_script(_REQUEUE)
        self._next = 0
        self.leases_key = ""  # set by the scheduler, which knows the crawl

    def pop(self, timeout: int = 0):  # noqa: ANN201 - Request | None
        self._next += 1
        lease = str(self._next)
        data = self._pop(keys=[self.key, self.leases_key], args=[lease, shared.REDIS_TTL_S])
        if data is None:
            return None
        request = self._decode_request(data)
        request.meta[_LEASE_META] = lease
        return request

    def release(self, leases: list[str]) -> None:
        if leases:
            self.server.hdel(self.leases_key, *leases)

    def requeue_mine(self) -> int:
        return int(self._requeue(keys=[self.key, self.leases_key]))


class LeasingScheduler(Scheduler):
    """scrapy-redis' scheduler over a LeasedQueue: releases a lease once the engine is done with
    its request, keeps this process's heartbeat, and requeues the leases of dead processes."""

    def __init__(self, *args, run_id: int = 0, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.run_id = run_id
        self.crawler = None
        self._held: dict[str, object] = {}
        self._others_busy = False
        self._tick: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler):  # noqa: ANN001, ANN206
        instance = super().from_crawler(crawler)
        instance.run_id = crawler.settings.getint("EAGLE_EYE_RUN_ID")
        instance.crawler = crawler
        return instance

    def open(self, spider) -> None:  # noqa: ANN001
        super().open(spider)
        if not isinstance(self.queue, LeasedQueue):
            raise ValueError("the leasing scheduler needs crawler.leases.LeasedQueue")
        self.queue.leases_key = leases_key(self.run_id, self.queue.worker)
        self._tick = task.LoopingCall(self.tick)
        self._tick.start(TICK_S, now=True)

    def next_request(self):  # noqa: ANN201
        request = super().next_request()
        if request is not None:
            self._held[request.meta[_LEASE_META]] = request
        return request

    def has_pending_requests(self) -> bool:
        return super().has_pending_requests() or self._others_busy

    def tick(self) -> None:
        """Heartbeat, release what the engine has finished, requeue what dead processes held."""
        try:
            shared.heartbeat(self.server, self.run_id)
            self._release_finished()
            requeued, self._others_busy = reap(self.server, self.run_id, self.queue.key)
        except Exception:  # noqa: BLE001 - Redis away for a moment: the next tick tries again
            log.warning("could not renew the crawl's leases in Redis", exc_info=True)
            return
        if requeued and self.crawler is not None:
            self.crawler.engine._slot.nextcall.schedule()  # noqa: SLF001 - fetch them now, not at the next heartbeat

    def _release_finished(self) -> None:
        # The engine keeps a request "in progress" from the pop until its callback's output has
        # gone through the item pipelines (the document is stored): done means gone from there.
        slot = self.crawler.engine._slot if self.crawler is not None and self.crawler.engine else None  # noqa: SLF001
        in_progress = slot.inprogress if slot is not None else set()
        done = [lease for lease, request in self._held.items() if request not in in_progress]
        for lease in done:
            del self._held[lease]
        self.queue.release(done)

    def close(self, reason: str) -> None:
        if self._tick is not None and self._tick.running:
            self._tick.stop()
        try:
            self._release_finished()
            # what the engine never finished (a forced stop) is another process's to fetch
            requeued = self.queue.requeue_mine()
            if requeued:
                log.warning("%d unfinished requests go back on the shared queue", requeued)
        except Exception:  # noqa: BLE001 - the heartbeat lapses and another process requeues them
            log.warning("could not hand back this process's leases", exc_info=True)
        super().close(reason)
