"""Login, sessions, CSRF and the rate limit."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from dashboard import auth
from eagle_eye.models import AuditEntry, User, UserSession
from tests.dashboard.conftest import PASSWORD, client_for, csrf_of

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def test_when_not_logged_in_then_every_page_sends_to_login(seeded):
    client = client_for(seeded)
    for path in ("/", "/incidents", "/incidents/1", "/organisations", "/crawls", "/incidents.csv"):
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"].startswith("/login?next="), path


@pytest.mark.parametrize(
    ("username", "password"),
    [
        ("admin", "wrong password!!"),  # wrong password
        ("nobody", PASSWORD),  # no such user
    ],
)
def test_when_the_login_is_wrong_then_the_same_message_and_no_session(seeded, username, password):
    client = client_for(seeded)
    response = client.post("/login", data={"username": username, "password": password}, follow_redirects=False)
    assert response.status_code == 401 and "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in response.text
    assert auth.COOKIE not in response.cookies


def test_when_five_logins_fail_then_even_the_right_password_waits(seeded):
    client = client_for(seeded)
    for _ in range(auth.LOGIN_MAX_FAILURES):
        client.post("/login", data={"username": "admin", "password": "wrong password!!"})
    response = client.post("/login", data={"username": "admin", "password": PASSWORD}, follow_redirects=False)
    assert response.status_code == 401 and "15 นาที" in response.text


def test_when_stored_then_only_argon2_hashes_and_token_digests(seeded):
    client_for(seeded, "admin")
    with seeded.session() as s:
        users = s.exec(select(User)).all()
        assert all(u.password_hash.startswith("$argon2id$") and PASSWORD not in u.password_hash for u in users)
        tokens = [row.token_hash for row in s.exec(select(UserSession))]
    blob = (seeded.settings.data_dir / "eagle_eye.db").read_bytes()
    assert PASSWORD.encode() not in blob and tokens


def test_when_logging_in_then_a_planted_session_cookie_is_replaced(seeded):
    planted = {"Cookie": f"{auth.COOKIE}=attacker-chosen-token"}
    response = client_for(seeded).post("/login", data={"username": "admin", "password": PASSWORD}, headers=planted,
                                       follow_redirects=False)
    assert response.cookies.get(auth.COOKIE) not in (None, "attacker-chosen-token")
    # the planted token opens nothing, before or after the victim logs in
    assert client_for(seeded).get("/", headers=planted, follow_redirects=False).status_code == 303


def seeded_now():  # noqa: ANN201
    from datetime import datetime, timezone

    return datetime.now(timezone.utc)


def test_when_logged_out_then_the_old_cookie_is_worthless(seeded):
    client = client_for(seeded, "admin")
    token = client.cookies.get(auth.COOKIE)
    client.post("/logout", data={"csrf": csrf_of(client)})
    stale = client_for(seeded)
    stale.cookies.set(auth.COOKIE, token, domain="testserver")
    assert stale.get("/", follow_redirects=False).status_code == 303


def test_when_a_session_expires_then_login_again(seeded):
    client = client_for(seeded, "admin")
    with seeded.session() as s:
        for row in s.exec(select(UserSession)):
            row.expires_at = seeded_now() - timedelta(seconds=1)
    assert client.get("/", follow_redirects=False).status_code == 303


@pytest.mark.parametrize(
    "csrf",
    [
        None,  # no token at all (a form posted from another site)
        "forged-token",  # a wrong one
    ],
)
def test_when_a_change_comes_without_the_form_token_then_refused_and_nothing_changes(seeded, csrf):
    client = client_for(seeded, "admin")
    data = {"action": "close", "reason": "x"} | ({"csrf": csrf} if csrf else {})
    response = client.post("/incidents/1", data=data, follow_redirects=False)
    assert response.status_code == 400
    assert seeded.incidents()[0].status.value == "open"


def test_when_the_form_token_is_right_then_the_change_is_made_and_audited(seeded):
    client = client_for(seeded, "admin")
    response = client.post("/incidents/1", data={"action": "close", "reason": "test", "csrf": csrf_of(client)},
                           follow_redirects=False)
    assert response.status_code == 303
    assert seeded.incidents()[0].status.value == "closed"
    with seeded.session() as s:
        actions = [(a.username, a.action) for a in s.exec(select(AuditEntry))]
    assert ("admin", "close") in actions and ("admin", "login") in actions


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/"])
def test_when_next_points_elsewhere_then_login_stays_on_this_site(seeded, target):
    client = client_for(seeded)
    response = client.post("/login", data={"username": "admin", "password": PASSWORD, "next": target},
                           follow_redirects=False)
    assert response.headers["location"] == "/"
