"""``eagle-eye backup`` and ``eagle-eye restore`` on SQLite and on real PostgreSQL."""

from __future__ import annotations

import sqlalchemy as sa
from sqlmodel import select

from eagle_eye.models import IncidentEvent
from tests.alerts.conftest import KEY, T0, allowance_list, people
from tests.eagle_eye.conftest import eagle_eye


def _events(world) -> int:  # noqa: ANN001
    with world.session() as s:
        return len(s.exec(select(IncidentEvent)).all())


def test_when_backed_up_then_damaged_then_restored_then_everything_is_back(world, tmp_path):
    world.org()
    world.crawl(T0, {"https://t1.go.th/a.html": allowance_list(people(1, 3))})
    world.sync(T0)
    before = _events(world)
    env = {"EAGLE_EYE_DATA_DIR": str(world.settings.data_dir), "EAGLE_EYE_FINGERPRINT_KEY": KEY}
    if world.settings.database_url is not None:
        env["EAGLE_EYE_DATABASE_URL"] = world.settings.database_url.get_secret_value()
    out = tmp_path / "backups" / "eagle-eye.backup"
    assert eagle_eye("backup", str(out), env=env).code == 0 and out.stat().st_size > 0
    with world.session() as s:  # the loss
        s.exec(sa.delete(IncidentEvent))
    assert _events(world) == 0
    world.engine.dispose()  # the service is stopped for a restore
    refused = eagle_eye("restore", str(out), env=env)
    if world.settings.database_url is None:
        assert refused.code == 2 and "--force" in refused.stderr  # never over a live SQLite file by accident
        assert eagle_eye("restore", str(out), "--force", env=env).code == 0
    else:
        assert refused.code == 0, refused.output
    assert _events(world) == before > 0


def test_when_the_backup_is_missing_then_a_clean_error(tmp_path):
    run = eagle_eye("restore", str(tmp_path / "nope"), env={"EAGLE_EYE_DATA_DIR": str(tmp_path)})
    assert run.code == 2 and "no backup" in run.stderr and "Traceback" not in run.output
