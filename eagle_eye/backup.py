"""Backup and restore of the database, as operators need them: while the service runs, and back
into place after a loss.

* SQLite: SQLite's online backup (a consistent copy even while a crawl writes). Restore puts the
  copy in the data dir; the service must be stopped (the CLI refuses to overwrite otherwise).
* PostgreSQL: ``pg_dump --format=custom`` and ``pg_restore --clean --if-exists`` (Debian's
  postgresql-client, installed by ``make setup`` and the image). The URL's password goes through
  the environment, never the command line.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import sqlalchemy as sa

from eagle_eye.db import database_url
from eagle_eye.errors import DatabaseError
from eagle_eye.settings import Settings


def backup(settings: Settings, out: Path) -> None:
    url = sa.make_url(database_url(settings))
    out.parent.mkdir(parents=True, exist_ok=True)
    if url.get_backend_name() == "sqlite":
        source = Path(url.database or "")
        if not source.exists():
            raise DatabaseError(f"no database at {source} to back up")
        with sqlite3.connect(source) as live, sqlite3.connect(out) as copy:
            live.backup(copy)
        return
    _pg(["pg_dump", "--format=custom", "--no-owner", f"--file={out}"], url)


def restore(settings: Settings, source: Path, *, force: bool = False) -> None:
    if not source.exists():
        raise DatabaseError(f"no backup at {source}")
    url = sa.make_url(database_url(settings))
    if url.get_backend_name() == "sqlite":
        target = Path(url.database or "")
        if target.exists() and not force:
            raise DatabaseError(f"{target} exists: stop the service and add --force to replace it")
        for leftover in (target.with_name(target.name + "-wal"), target.with_name(target.name + "-shm")):
            leftover.unlink(missing_ok=True)  # a stale write-ahead log would be replayed onto the copy
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        return
    _pg(["pg_restore", "--clean", "--if-exists", "--no-owner", str(source)], url, database_arg="--dbname")


def _pg(command: list[str], url: sa.URL, *, database_arg: str | None = None) -> None:
    env = {**os.environ, "PGHOST": url.host or "localhost", "PGPORT": str(url.port or 5432),
           "PGUSER": url.username or "", "PGDATABASE": url.database or ""}
    if url.password:
        env["PGPASSWORD"] = url.password
    if database_arg:
        command = [*command, f"{database_arg}={url.database}"]
    if shutil.which(command[0]) is None:
        raise DatabaseError(f"{command[0]} is not installed (Debian's postgresql-client)")
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise DatabaseError(f"{command[0]} failed: {done.stderr.strip().splitlines()[-1] if done.stderr.strip() else done.returncode}")
