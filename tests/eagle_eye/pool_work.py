"""What test_workers runs in its pools, in a module that imports nothing heavy: AsyncPool's
workers come from a fork server and import this on start, within the item's 1 s limit, which
must not go on importing pytest while parallel test processes keep the machine busy."""

import os
import signal
import time


def work(item: str) -> str:
    if item == "hang":
        time.sleep(3600)  # a C library spinning forever, as far as the parent can tell
    if item == "segfault":
        os.kill(os.getpid(), signal.SIGSEGV)
    if item == "exit":
        os._exit(3)
    return item.upper()
