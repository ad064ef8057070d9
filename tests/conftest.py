import os

# pythainlp must neither write to $HOME nor try the network, in tests as in the product.
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")


import secrets  # noqa: E402
import socket  # noqa: E402
from collections.abc import Iterator  # noqa: E402

import pytest  # noqa: E402

PG_HOST, PG_PORT = "127.0.0.1", 5432


def _reachable(host: str, port: int) -> bool:
    try:
        socket.create_connection((host, port), timeout=1).close()
        return True
    except OSError:
        return False


def require_server(name: str, host: str, port: int) -> None:
    """Skip when a server the test needs is not running, except under CI: there it must be."""
    if _reachable(host, port):
        return
    message = f"{name} is not reachable on {host}:{port}"
    if os.environ.get("CI"):
        pytest.fail(f"{message}, and CI requires it")
    pytest.skip(message)


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database on the machine's server, dropped afterwards."""
    require_server("PostgreSQL", PG_HOST, PG_PORT)
    import psycopg

    name = f"eagle_eye_test_{secrets.token_hex(6)}"
    admin = f"host={PG_HOST} port={PG_PORT} user=postgres dbname=postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql://postgres@{PG_HOST}:{PG_PORT}/{name}"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def db_settings(request, tmp_path):
    """Settings on a fresh database: SQLite in a temporary data dir, then real PostgreSQL."""
    from eagle_eye.settings import Settings

    if request.param == "sqlite":
        return Settings(data_dir=tmp_path)
    return Settings(data_dir=tmp_path, database_url=request.getfixturevalue("postgres_url"))


REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379


def _redis_db() -> int:
    """15 for a serial run; under pytest-xdist 15 for gw0, 14 for gw1 and so on, so that
    parallel test processes never empty each other's database. Never below 4: 0 is the
    deployments' default and 3 the one benchmarks/national_scale.py flushes."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    db = 15 - int(worker.removeprefix("gw"))
    if db < 4:
        pytest.fail(f"too many parallel test processes for one Redis database each (databases 15 to 4): {worker}")
    return db


@pytest.fixture
def redis_url() -> Iterator[str]:
    """An empty Redis database of the machine's server (number 15, or one per parallel test
    process counting down from it), emptied again afterwards."""
    require_server("Redis", REDIS_HOST, REDIS_PORT)
    import redis

    url = f"redis://{REDIS_HOST}:{REDIS_PORT}/{_redis_db()}"
    client = redis.Redis.from_url(url)
    client.flushdb()
    try:
        yield url
    finally:
        client.flushdb()
