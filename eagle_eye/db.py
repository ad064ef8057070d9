"""The database: SQLite inside EAGLE_EYE_DATA_DIR by default, PostgreSQL via EAGLE_EYE_DATABASE_URL.

Opening the database migrates it to the newest Alembic revision first, so every command works on
a fresh data dir and on one an older release left behind.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlmodel import Session

from eagle_eye.errors import ConfigError, DatabaseError
from eagle_eye.settings import Settings

_MIGRATIONS = Path(__file__).resolve().parent / "migrations"
#: any constant: PostgreSQL's advisory lock that serialises migrations across processes
_MIGRATION_LOCK = 0x4561676C65457965  # "EagleEye"


def database_url(settings: Settings) -> str:
    if settings.database_url:
        return settings.database_url.get_secret_value()
    return f"sqlite:///{settings.data_dir / 'eagle_eye.db'}"


def create_db_engine(settings: Settings) -> sa.Engine:
    url = sa.make_url(database_url(settings))
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(url, connect_args={"timeout": 30})
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if url.get_backend_name() == "postgresql" and url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")  # the driver we install
    return sa.create_engine(url, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001
    # Foreign keys are off by default in SQLite; WAL lets the dashboard read while a crawl writes.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # WAL + NORMAL: no fsync per commit (a crawl commits many small batches); a power cut can
    # lose the last commits, never corrupt the database, and the next crawl finds them again
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def migrate(engine: sa.Engine) -> None:
    """Bring the schema to the newest revision."""
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    try:
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                # several services start at once (dashboard, scheduler, workers): one migrates,
                # the others wait for it and find nothing left to do; released at commit
                connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except sa.exc.OperationalError as exc:
        raise DatabaseError(f"cannot open the database ({_describe(engine)}): {_first_line(exc)}") from None


def open_database(settings: Settings) -> sa.Engine:
    """An engine on a migrated database. Raises ConfigError or DatabaseError with a clean message."""
    try:
        engine = create_db_engine(settings)
    except (sa.exc.ArgumentError, ModuleNotFoundError) as exc:
        raise ConfigError(f"EAGLE_EYE_DATABASE_URL: {exc}") from None
    migrate(engine)
    return engine


@contextmanager
def session_scope(engine: sa.Engine) -> Iterator[Session]:
    """One unit of work: committed if the block finishes, rolled back if it raises."""
    with Session(engine) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def _describe(engine: sa.Engine) -> str:
    # never the password
    return engine.url.render_as_string(hide_password=True)


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", exc)) or type(exc).__name__
    return text.strip().splitlines()[0]
