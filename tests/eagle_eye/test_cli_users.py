"""``eagle-eye users add|list``."""

from __future__ import annotations

import pytest

from tests.eagle_eye.conftest import eagle_eye

PASSWORD = "a long enough password"


@pytest.mark.parametrize(
    ("args", "code", "said"),
    [
        (["admin", "--role", "national_admin"], 0, "user admin added"),  # an admin needs nothing else
        (["plk", "--role", "province_officer", "--province", "พิษณุโลก"], 0, "added"),
        (["plk", "--role", "province_officer"], 2, "--province"),  # an officer without a province
        (["c1", "--role", "coordinator"], 2, "--org"),  # a coordinator without an organisation
        (["x", "--role", "king"], 2, "national_admin"),  # no such role
    ],
)
def test_when_users_are_added_then_clean_results(tmp_path, args, code, said):
    env = {"EAGLE_EYE_DATA_DIR": str(tmp_path), "EAGLE_EYE_NEW_PASSWORD": PASSWORD}
    run = eagle_eye("users", "add", *args, env=env)
    assert run.code == code and said in run.output and "Traceback" not in run.output


def test_when_listed_then_no_password_or_hash_is_shown(tmp_path):
    env = {"EAGLE_EYE_DATA_DIR": str(tmp_path), "EAGLE_EYE_NEW_PASSWORD": PASSWORD}
    assert eagle_eye("users", "add", "admin", "--role", "national_admin", env=env).code == 0
    assert eagle_eye("users", "add", "admin", "--role", "national_admin", env=env).code == 2  # exists already
    run = eagle_eye("users", "list", "--format", "jsonl", env=env)
    assert run.code == 0 and '"username": "admin"' in run.stdout
    assert PASSWORD not in run.output and "argon2" not in run.output and "password" not in run.stdout


def test_when_the_password_is_short_then_refused(tmp_path):
    run = eagle_eye("users", "add", "a", "--role", "national_admin",
                    env={"EAGLE_EYE_DATA_DIR": str(tmp_path), "EAGLE_EYE_NEW_PASSWORD": "short"})
    assert run.code == 2 and "10 characters" in run.stderr
