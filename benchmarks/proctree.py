"""A process and everything it started, read from /proc: a crawl is a Scrapy process plus its
fork server, document readers and browser, and its memory is theirs together."""

from __future__ import annotations

import os
from pathlib import Path


def _children_by_parent() -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                # the command name may hold spaces and parentheses: the fields follow the last ")"
                ppid = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            out.setdefault(ppid, []).append(int(entry))
    return out


def descendants(pid: int) -> list[int]:
    children = _children_by_parent()
    out, todo = [], list(children.get(pid, []))
    while todo:
        child = todo.pop()
        out.append(child)
        todo.extend(children.get(child, []))
    return out
