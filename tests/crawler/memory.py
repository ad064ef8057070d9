"""The resident memory of everything a test starts (a crawl, its fork server, its workers, the
Playwright driver), read from /proc while it runs.

A hostile input that breaks its guard makes the crawl grow by gigabytes in a second or two. The
watch kills the test's child processes the moment they pass the budget, so a broken guarantee
fails the test instead of taking the machine (and the other tests on it) down with it.
"""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path

from benchmarks.proctree import descendants

MiB = 1024 * 1024


def _status_kib(pid: int, *fields: str) -> dict[str, int]:
    found: dict[str, int] = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            name = line.split(":", 1)[0]
            if name in fields:
                found[name] = int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return found


class MemoryWatch:
    """Samples this process's descendants every ``every_s``: the largest sum of their resident
    memory (``peak_tree``) and the largest high-water mark of any one of them (``peak_process``,
    which the kernel keeps, so a spike between two samples is not missed)."""

    def __init__(self, budget: int, *, every_s: float = 0.05) -> None:
        self.budget = budget
        self.every_s = every_s
        self.peak_tree = 0
        self.peak_process = 0
        self.killed = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> MemoryWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(self.every_s):
            pids = descendants(os.getpid())
            total = 0
            for pid in pids:
                status = _status_kib(pid, "VmRSS", "VmHWM")
                total += status.get("VmRSS", 0) * 1024
                self.peak_process = max(self.peak_process, status.get("VmHWM", 0) * 1024)
            self.peak_tree = max(self.peak_tree, total)
            if max(self.peak_tree, self.peak_process) > self.budget:
                self.killed = True
                for pid in pids:
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except OSError:
                        pass

    def __str__(self) -> str:
        return (f"peak {self.peak_tree / MiB:.0f} MiB over the process tree, {self.peak_process / MiB:.0f} MiB in one "
                f"process, budget {self.budget / MiB:.0f} MiB{' (killed: over budget)' if self.killed else ''}")
