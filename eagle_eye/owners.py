"""Who holds a claim (a crawl run, an outbox message): ``host:pid``, and whether that process
still exists. Only processes of this machine can be checked; others are taken to be alive, and
their claims are left to expire."""

from __future__ import annotations

import os
import socket


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def is_local(owner: str) -> bool:
    return owner.rpartition(":")[0] == socket.gethostname()


def owner_alive(owner: str) -> bool:
    host, _, pid = owner.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: it exists
        return True
    return True
