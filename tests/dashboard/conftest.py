"""A seeded dashboard: two provinces, three organisations with incidents, one user per role."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from dashboard import auth
from dashboard.app import create_app
from eagle_eye.models import Role
from tests.alerts.conftest import T0, World, allowance_list, people, phone_list, smtp, sqlite_world, world  # noqa: F401

PASSWORD = "correct horse battery staple"
USERS = {
    "admin": dict(role=Role.NATIONAL_ADMIN),
    "plk": dict(role=Role.PROVINCE_OFFICER, province="พิษณุโลก"),
    "lpg": dict(role=Role.PROVINCE_OFFICER, province="ลำปาง"),
    "coord": dict(role=Role.COORDINATOR, org_id="t1"),
}


def seed(world: World) -> World:
    world.org("t1", name="อบต.หนึ่ง")  # พิษณุโลก
    world.org("t2", name="อบต.สอง", email="pdpa@t2.go.th")  # พิษณุโลก
    world.org("t3", name="เทศบาลสาม", email="pdpa@t3.go.th", province="ลำปาง", province_email="pdpa@lpg.go.th")
    world.crawl(T0, {"https://t1.go.th/a.html": allowance_list(people(1, 3))}, org_id="t1")
    world.crawl(T0, {"https://t2.go.th/b.html": phone_list(people(2, 2))}, org_id="t2")
    world.crawl(T0, {"https://t3.go.th/c.html": allowance_list(people(3, 4))}, org_id="t3")
    world.sync(T0)
    with world.session() as s:
        for name, extra in USERS.items():
            auth.add_user(s, username=name, password=PASSWORD, now=T0, **extra)
    return world


@pytest.fixture
def seeded(sqlite_world) -> World:
    return seed(sqlite_world)


def client_for(world: World, username: str | None = None) -> TestClient:
    client = TestClient(create_app(world.settings), base_url="https://testserver")
    if username:
        response = client.post("/login", data={"username": username, "password": PASSWORD}, follow_redirects=False)
        assert response.status_code == 303, response.text
    return client


def csrf_of(client: TestClient, path: str = "/") -> str:
    import re

    return re.search(r'name="csrf" value="([^"]+)"', client.get(path).text).group(1)
