"""Alembic environment: the connection comes from eagle_eye.db (never from alembic.ini), so the
program, the tests and ``alembic`` on the command line all migrate the same database."""

from __future__ import annotations

from alembic import context

from eagle_eye import models  # noqa: F401 - registers the tables on SQLModel.metadata
from sqlmodel import SQLModel

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    # `alembic -c eagle_eye/alembic.ini ...` by hand: the database the settings name
    from eagle_eye.db import create_db_engine
    from eagle_eye.settings import get_settings

    engine = create_db_engine(get_settings())
    connection = engine.connect()



def _ours(obj, name, type_, reflected, compare_to) -> bool:  # noqa: ANN001
    # APScheduler creates and owns its job table: not a migration's business
    return not (type_ == "table" and name == "apscheduler_jobs")


context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    include_object=_ours,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite can only ALTER by copying
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
