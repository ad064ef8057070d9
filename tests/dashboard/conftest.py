from tests.alerts.conftest import smtp, sqlite_world, world  # noqa: F401 - shared fixtures
