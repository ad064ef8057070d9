"""What the processes of one crawl share: counters (budgets, URL shapes) and, with Redis, the
crawl itself. Without Redis a crawl is one process and these are plain dictionaries.

With ``EAGLE_EYE_REDIS_URL`` the crawl that ``eagle-eye crawl`` starts is published in Redis;
``eagle-eye crawl --join`` on any machine takes requests from the same queue, checks them against
the same dupefilter (scrapy-redis) and counts against the same budgets. Keys expire on their own
so a crashed crawl leaves nothing behind for long. The queue holds requests (URLs) only while the
crawl runs; Redis here keeps nothing on disk.
"""

from __future__ import annotations

import json
from collections import Counter

from eagle_eye.owners import owner_alive, worker_id

CURRENT = "eagle_eye:crawl:current"
#: Redis keys of a crawl expire after this, whatever happens to its processes.
REDIS_TTL_S = 2 * 24 * 3600
#: a process whose heartbeat is older than this is taken for dead (its leases go back on the queue)
HEARTBEAT_TTL_S = 30


def prefix(run_id: int) -> str:
    return f"eagle_eye:crawl:{run_id}"


class LocalCounters:
    def __init__(self) -> None:
        self._counts: Counter[tuple[str, str]] = Counter()

    def incr(self, name: str, field: str, n: int = 1) -> int:
        self._counts[(name, field)] += n
        return self._counts[(name, field)]

    def get(self, name: str, field: str) -> int:
        return self._counts[(name, field)]


class RedisCounters:
    """Counters in Redis hashes under the crawl's prefix, shared by every process of the crawl."""

    def __init__(self, client, run_id: int, ttl_s: int) -> None:  # noqa: ANN001 - a redis.Redis
        self._client, self._prefix, self._ttl = client, prefix(run_id), ttl_s
        self._expiring: set[str] = set()

    def incr(self, name: str, field: str, n: int = 1) -> int:
        key = f"{self._prefix}:{name}"
        value = int(self._client.hincrby(key, field, n))
        if key not in self._expiring:
            self._client.expire(key, self._ttl)
            self._expiring.add(key)
        return value

    def get(self, name: str, field: str) -> int:
        return int(self._client.hget(f"{self._prefix}:{name}", field) or 0)


def publish(client, run_id: int, org_ids: list[str], ttl_s: int) -> None:  # noqa: ANN001
    client.set(CURRENT, json.dumps({"run_id": run_id, "org_ids": org_ids}), ex=ttl_s)


def current(client) -> tuple[int, list[str]] | None:  # noqa: ANN001
    raw = client.get(CURRENT)
    if raw is None:
        return None
    data = json.loads(raw)
    return int(data["run_id"]), list(data["org_ids"])


def alive_key(run_id: int, worker: str) -> str:
    return f"{prefix(run_id)}:alive:{worker}"


def heartbeat(client, run_id: int) -> None:  # noqa: ANN001
    """This process is still at work on the crawl (renewed by crawler.leases while it crawls)."""
    client.set(alive_key(run_id, worker_id()), 1, ex=HEARTBEAT_TTL_S)


def is_alive(client, run_id: int, worker: str) -> bool:  # noqa: ANN001
    """On this machine the pid tells at once; elsewhere the heartbeat tells within its TTL."""
    return owner_alive(worker) and bool(client.exists(alive_key(run_id, worker)))


def join(client, run_id: int, ttl_s: int) -> None:  # noqa: ANN001
    key = f"{prefix(run_id)}:workers"
    heartbeat(client, run_id)
    client.sadd(key, worker_id())
    client.expire(key, ttl_s)


def leave(client, run_id: int) -> int:  # noqa: ANN001
    """Leave the crawl; returns how many processes are still in it."""
    key = f"{prefix(run_id)}:workers"
    client.srem(key, worker_id())
    client.delete(alive_key(run_id, worker_id()))
    return int(client.scard(key))


def workers(client, run_id: int) -> int:  # noqa: ANN001
    """How many processes are still in the crawl; a dead one (killed, machine lost) is dropped."""
    key = f"{prefix(run_id)}:workers"
    for member in client.smembers(key):
        if not is_alive(client, run_id, member.decode()):
            client.srem(key, member)
    return int(client.scard(key))


def finish(client, run_id: int) -> None:  # noqa: ANN001
    """The crawl is over: unpublish it and drop its queue, dupefilter and counters."""
    raw = client.get(CURRENT)
    if raw is not None and json.loads(raw)["run_id"] == run_id:
        client.delete(CURRENT)
    keys = list(client.scan_iter(f"{prefix(run_id)}:*"))
    if keys:
        client.delete(*keys)
