"""The leases of the shared queue, against the real Redis: which process's requests go back."""

from __future__ import annotations

import pytest
import redis as redis_lib

from crawler import leases, shared

RUN = 7
QUEUE = f"{shared.prefix(RUN)}:requests"


@pytest.fixture
def client(redis_url):
    return redis_lib.Redis.from_url(redis_url)


def _lease(client, worker: str, *entries: tuple[float, bytes]) -> None:  # noqa: ANN001
    for n, (score, data) in enumerate(entries, 1):
        client.hset(leases.leases_key(RUN, worker), str(n), f"{score}|".encode() + data)


@pytest.mark.parametrize(("alive", "requeued"), [
    (False, True),  # another machine's worker whose heartbeat lapsed: its requests go back
    (True, False),  # a live worker on another machine: its requests are its own
])
def test_when_another_machines_worker_holds_leases_then_only_a_lapsed_heartbeat_requeues_them(client, alive, requeued):
    worker = "another-machine:4242"
    client.sadd(f"{shared.prefix(RUN)}:workers", worker)
    # pickled requests hold any byte, the separator included
    _lease(client, worker, (-5.0, b"req|one\x00"), (0.0, b"req two"))
    if alive:
        client.set(shared.alive_key(RUN, worker), 1, ex=30)
    count, others_busy = leases.reap(client, RUN, QUEUE)
    if requeued:
        assert count == 2 and not others_busy
        assert client.zrange(QUEUE, 0, -1, withscores=True) == [(b"req|one\x00", -5.0), (b"req two", 0.0)]
        assert not client.exists(leases.leases_key(RUN, worker))
        assert shared.workers(client, RUN) == 0
    else:
        assert count == 0 and others_busy
        assert client.zcard(QUEUE) == 0 and client.hlen(leases.leases_key(RUN, worker)) == 2
        assert shared.workers(client, RUN) == 1


def test_when_a_worker_of_this_machine_has_exited_then_its_leases_go_back_before_its_heartbeat_lapses(client):
    worker = f"{shared.worker_id().rsplit(':', 1)[0]}:{2**22 + 1}"  # above any pid this machine hands out
    _lease(client, worker, (0.0, b"req"))
    client.set(shared.alive_key(RUN, worker), 1, ex=30)
    assert leases.reap(client, RUN, QUEUE) == (1, False)
    assert client.zcard(QUEUE) == 1


def test_when_a_request_is_queued_then_redis_holds_json_that_comes_back_as_the_same_request(client):
    import scrapy

    from crawler import serializer
    from crawler.spider import RegistrySpider

    spider = RegistrySpider()
    request = scrapy.Request("https://t1.go.th/ข่าว?id=1", callback=spider.parse, errback=spider.failed,
                             method="POST", body=b"\x00\xffbinary", headers={"X-A": "b"}, priority=3,
                             meta={"org_id": "t1", "attachment": True, "depth": 2, "redirect_urls": ["https://a/"]})
    queue = leases.LeasedQueue(client, spider, QUEUE, serializer=serializer)
    queue.leases_key = leases.leases_key(RUN, "this")
    queue.push(request)
    [(stored, score)] = client.zrange(QUEUE, 0, -1, withscores=True)
    assert stored.startswith(b"{") and b"\x80" not in stored[:2]  # JSON, never a pickle
    back = queue.pop()
    assert (back.url, back.method, back.body, back.headers.get("X-A"), back.priority) == (
        request.url, "POST", b"\x00\xffbinary", b"b", 3)
    assert back.callback == spider.parse and back.errback == spider.failed
    assert {k: back.meta[k] for k in request.meta} == request.meta and back.meta["eagle_eye_lease"] == "1"
    assert client.hlen(queue.leases_key) == 1 and score == -3
