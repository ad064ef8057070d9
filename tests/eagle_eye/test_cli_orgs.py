"""``eagle-eye orgs import/list``, run as a user runs them."""

from __future__ import annotations

import json

import pytest

from tests.eagle_eye.conftest import eagle_eye
from tests.eagle_eye.test_registry import GOOD, csv_bytes, row


@pytest.fixture(params=["sqlite", "postgresql"])
def env(request, tmp_path):
    env = {"EAGLE_EYE_DATA_DIR": str(tmp_path / "data")}
    if request.param == "postgresql":
        env["EAGLE_EYE_DATABASE_URL"] = request.getfixturevalue("postgres_url")
    return env


def test_when_registry_imported_then_listed_in_every_format(tmp_path, env):
    path = tmp_path / "orgs.csv"
    path.write_bytes(csv_bytes(GOOD, row(org_id="3010101", name="เทศบาลนครนครราชสีมา", org_type="เทศบาลนคร", province="นครราชสีมา")))
    imported = eagle_eye("orgs", "import", str(path), env=env)
    assert imported.code == 0, imported.output
    assert "2 organisations: 2 new, 0 updated, 0 unchanged" in imported.stdout
    table = eagle_eye("orgs", "list", env=env)
    assert table.code == 0 and "เทศบาลนครนครราชสีมา" in table.stdout and "2 organisations" in table.stdout
    jsonl = eagle_eye("orgs", "list", "--format", "jsonl", "--province", "Phitsanulok", env=env)
    [org] = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert (org["org_id"], org["org_type"], org["websites"]) == ("6300101", "sao", ["http://www.maeraka.go.th/"])
    csv_out = eagle_eye("orgs", "list", "--format", "csv", env=env)
    assert csv_out.stdout.splitlines()[0].startswith("org_id,name,org_type,province")


def test_when_one_row_is_bad_then_exit_2_naming_it_and_nothing_imported(tmp_path, env):
    path = tmp_path / "orgs.csv"
    path.write_bytes(csv_bytes(GOOD, row(org_id="6300102", org_type="หมู่บ้าน")))
    bad = eagle_eye("orgs", "import", str(path), env=env)
    assert bad.code == 2
    assert "line 3, org_type:" in bad.stderr and "nothing imported" in bad.stderr
    assert "Traceback" not in bad.output
    assert eagle_eye("orgs", "list", env=env).stdout.strip() == "0 organisations"


def test_when_province_filter_is_not_a_province_then_usage_error(env):
    assert eagle_eye("orgs", "list", "--province", "Korat", env=env).code == 2
