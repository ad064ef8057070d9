"""The supervised pool: a worker that hangs or dies costs its own item only."""

import os
import signal
import time

import pytest

from eagle_eye.workers import Failed, Supervised


def _work(item: str) -> str:
    if item == "hang":
        time.sleep(3600)  # a C library spinning forever, as far as the parent can tell
    if item == "segfault":
        os.kill(os.getpid(), signal.SIGSEGV)
    if item == "exit":
        os._exit(3)
    return item.upper()


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
        # all well, submitted from another thread than the one that collects
        (["a", "b", "c"], {"a": "A", "b": "B", "c": "C"}),
        # a hang and two crashes among good items: each costs its own item only
        (["a", "hang", "segfault", "b", "exit", "c"],
         {"a": "A", "hang": Failed("timeout"), "segfault": Failed("crash"), "b": "B", "exit": Failed("crash"), "c": "C"}),
    ],
)
def test_when_pool_is_fed_from_threads_then_each_result_reaches_its_callback(items, expected):
    import threading

    from eagle_eye.workers import WorkerPool

    results: dict[str, object] = {}
    done = threading.Event()

    def on_done(item):
        def record(result):
            results[item] = result
            if len(results) == len(items):
                done.set()
        return record

    pool = WorkerPool(_work, workers=2, limit_s=1.0)
    try:
        feeder = threading.Thread(target=lambda: [pool.submit(i, on_done(i)) for i in items])
        feeder.start()
        assert done.wait(timeout=15), f"only {sorted(results)} came back"
    finally:
        pool.close()
    assert results == expected


def test_when_pool_closed_then_submitting_is_refused():
    from eagle_eye.workers import WorkerPool

    pool = WorkerPool(_work, workers=1, limit_s=1.0)
    pool.close()
    with pytest.raises(RuntimeError):
        pool.submit("a", lambda result: None)
