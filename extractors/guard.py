"""Time and size guards shared by the extractors.

Every message here names what failed, never what the file contained: an error message ends up in
logs and e-mails, and a document's text may hold personal ID numbers.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from eagle_eye.errors import ExtractionError


class Deadline:
    """A per-file time budget. Extractors call ``check`` between pages, sheets and row batches,
    so one slow file cannot hold a scan worker for ever (a single library call is not interrupted)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._end = time.monotonic() + seconds

    def remaining(self) -> float:
        return max(0.0, self._end - time.monotonic())

    def expired(self) -> bool:
        return time.monotonic() > self._end

    def check(self, where: str) -> None:
        if self.expired():
            raise self.error(where)

    def error(self, where: str) -> ExtractionError:
        return ExtractionError(
            f"extraction took longer than {self.seconds:g} s (stopped while reading {where})", reason="timeout")


class _Overrun(BaseException):
    """Raised by the alarm. A BaseException, so no library's ``except Exception`` swallows it."""


@contextmanager
def interrupted_at(deadline: Deadline, where: str) -> Iterator[None]:
    """Stop pure-Python library code at the deadline even inside one call: pdfminer resolving an
    object that refers to itself spins for ever, and no check between pages is ever reached.

    SIGALRM, so only in a process's main thread (where the crawl and scan workers extract) and
    only if no alarm is already set; elsewhere the cooperative checks and the supervisor's hard
    limit remain. C code is not interrupted: the alarm takes effect when it returns to Python.
    """
    if threading.current_thread() is not threading.main_thread() or signal.getitimer(signal.ITIMER_REAL)[0]:
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise _Overrun

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, max(deadline.remaining(), 0.001))
    try:
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    except _Overrun:
        # it may have gone off inside the clean-up above, before the timer was cleared
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        raise deadline.error(where) from None


def unreadable(kind: str, exc: BaseException | None = None) -> ExtractionError:
    """An ExtractionError for a file a library refused. Only the exception's class name is kept:
    library messages sometimes quote the bytes they choked on."""
    cause = f" ({type(exc).__name__})" if exc is not None else ""
    return ExtractionError(f"{kind} file could not be read: malformed or truncated{cause}", reason="unreadable")


def page_ranges(numbers: list[int]) -> str:
    """``[1, 2, 3, 7]`` → ``"1–3, 7"``: page numbers for warnings, kept short."""
    out: list[str] = []
    numbers = sorted(numbers)
    i = 0
    while i < len(numbers):
        j = i
        while j + 1 < len(numbers) and numbers[j + 1] == numbers[j] + 1:
            j += 1
        out.append(str(numbers[i]) if i == j else f"{numbers[i]}–{numbers[j]}")
        i = j + 1
    return ", ".join(out)


def pages_phrase(numbers: list[int], noun: str = "page") -> str:
    """``[3]`` → ``"page 3"``, ``[3, 4, 9]`` → ``"pages 3–4, 9"``."""
    plural = len(numbers) > 1 or "–" in page_ranges(numbers)
    return f"{noun}{'s' if plural else ''} {page_ranges(numbers)}"


def sheets_over_limit(count: int, limit: int) -> str | None:
    """The warning for a workbook with more sheets than the page limit reads, or None."""
    if count <= limit:
        return None
    return f"{pages_phrase(list(range(limit + 1, count + 1)), 'sheet')} not read: over the limit of {limit}"


def human_bytes(count: int) -> str:
    """Sizes in messages as "64 MiB", so no long digit run appears in them at all."""
    for unit, size in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if count >= size:
            return f"{count / size:.3g} {unit}"
    return f"{count} bytes"
