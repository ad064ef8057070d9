"""eagle_eye.db: migrations build exactly the models' schema, on SQLite and on real PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlmodel import SQLModel

from eagle_eye import db, models  # noqa: F401 - models registers the tables
from eagle_eye.errors import ConfigError, DatabaseError
from eagle_eye.models import Organisation, OrgType
from eagle_eye.settings import Settings


@pytest.fixture
def settings(db_settings):
    return db_settings


def test_when_opened_then_migrations_match_the_models_exactly(settings):
    engine = db.open_database(settings)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), SQLModel.metadata)
    assert diff == [], "a model changed without an Alembic revision"


def test_when_opened_twice_then_the_database_is_at_the_newest_revision(settings):
    db.open_database(settings)
    engine = db.open_database(settings)
    script = ScriptDirectory(str(Path(db.__file__).parent / "migrations"))
    with engine.connect() as conn:
        assert conn.execute(sa.text("select version_num from alembic_version")).scalar_one() == script.get_current_head()


def test_when_stored_then_enum_lists_and_aware_utc_times_round_trip(settings):
    engine = db.open_database(settings)
    at = datetime(2026, 11, 21, 16, 30, tzinfo=timezone.utc)
    with db.session_scope(engine) as session:
        session.add(Organisation(org_id="6300101", name="อบต.แม่ระกา", org_type=OrgType.SAO, province="พิษณุโลก",
                                 websites=["http://a.go.th/", "http://b.go.th/"], created_at=at, updated_at=at))
    with db.session_scope(engine) as session:
        org = session.get(Organisation, "6300101")
        assert (org.org_type, org.websites, org.start_pages) == (OrgType.SAO, ["http://a.go.th/", "http://b.go.th/"], [])
        assert org.created_at == at and org.created_at.tzinfo is not None
    with engine.connect() as conn:  # stored as text, not a native ENUM that a new member would break
        assert conn.execute(sa.text("select org_type from organisation")).scalar_one() == "sao"


def test_when_default_settings_then_sqlite_lives_in_the_data_dir(tmp_path):
    db.open_database(Settings(data_dir=tmp_path / "data"))
    assert (tmp_path / "data" / "eagle_eye.db").is_file()


@pytest.mark.parametrize(
    ("url", "error"),
    [
        ("nonsense://", ConfigError),  # no such database kind
        ("postgresql://eagle:s3cret@127.0.0.1:1/none", DatabaseError),  # nothing listens on port 1
    ],
)
def test_when_the_database_is_wrong_then_a_clean_error_without_the_password(tmp_path, url, error):
    with pytest.raises(error) as err:
        db.open_database(Settings(data_dir=tmp_path, database_url=url))
    assert "s3cret" not in str(err.value)


def test_when_several_processes_open_a_new_postgres_database_at_once_then_one_migrates_and_none_fails(postgres_url, tmp_path):
    import subprocess
    import sys

    code = ("from eagle_eye.settings import Settings; from eagle_eye import db; "
            f"db.open_database(Settings(data_dir={str(tmp_path)!r}, database_url={postgres_url!r}))")
    procs = [subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.PIPE, text=True) for _ in range(4)]
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], errors
