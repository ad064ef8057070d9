"""The supervised pool: a worker that hangs or dies costs its own item only."""

import time

import pytest

from eagle_eye.workers import Failed, Supervised
from tests.eagle_eye.pool_work import work as _work


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        # all well: results in input order
        (["a", "b", "c", "d"], ["A", "B", "C", "D"]),
        # one hangs: killed at the limit, the rest still done, order kept
        (["a", "hang", "b", "c"], ["A", Failed("timeout"), "B", "C"]),
        # one segfaults and one exits: each reported as a crash, fresh workers take over
        (["segfault", "a", "exit", "b"], [Failed("crash"), "A", Failed("crash"), "B"]),
        # more items than workers, with failures among them
        (["a", "segfault", "b", "hang", "c", "d", "e"], ["A", Failed("crash"), "B", Failed("timeout"), "C", "D", "E"]),
    ],
)
def test_when_items_run_then_failures_are_contained(items, expected):
    started = time.monotonic()
    assert list(Supervised(_work, workers=2, limit_s=1.0).map(items)) == expected
    assert time.monotonic() - started < 10


def test_when_done_then_no_worker_process_is_left_behind():
    import multiprocessing

    list(Supervised(_work, workers=2, limit_s=1.0).map(["a", "hang", "b"]))
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        # all well, more items than workers, awaited concurrently
        (["a", "b", "c"], ["A", "B", "C"]),
        # a hang and two crashes among good items: each costs its own item only
        (["a", "hang", "segfault", "b", "exit", "c"], ["A", Failed("timeout"), Failed("crash"), "B", Failed("crash"), "C"]),
    ],
)
def test_when_async_pool_runs_items_then_failures_are_contained(items, expected):
    import asyncio

    from eagle_eye.workers import AsyncPool

    pool = AsyncPool(_work, workers=2, limit_s=1.0)

    async def main():
        return await asyncio.wait_for(asyncio.gather(*(pool.run(i) for i in items)), timeout=15)

    try:
        started = time.monotonic()
        assert asyncio.run(main()) == expected
        assert time.monotonic() - started < 10
    finally:
        pool.close()


def test_when_async_pool_closed_then_running_is_refused():
    import asyncio

    from eagle_eye.workers import AsyncPool

    pool = AsyncPool(_work, workers=1, limit_s=1.0)
    pool.close()
    with pytest.raises(RuntimeError):
        asyncio.run(pool.run("a"))


def test_when_an_idle_worker_is_killed_from_outside_then_the_pool_replaces_it_and_goes_on():
    import asyncio

    from eagle_eye.workers import AsyncPool

    pool = AsyncPool(_work, workers=1, limit_s=5.0)

    async def main():
        first = await pool.run("a")
        victim = pool._idle[0]
        victim.process.kill()  # the OOM killer, an operator: the worker dies between items
        await asyncio.sleep(0.3)  # the loop notices, once, and does not spin on the dead pipe
        return first, await asyncio.wait_for(pool.run("b"), timeout=10), victim in pool._idle

    try:
        assert asyncio.run(main()) == ("A", "B", False)
    finally:
        pool.close()
