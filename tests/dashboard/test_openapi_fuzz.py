"""Schemathesis against the schema FastAPI derives from the dashboard's own routes, in process.

The app serves no schema (``openapi_url=None``: nothing to advertise), and its one JSON API is
``/healthz``, with ``/metrics`` beside it for Prometheus: those two are held to their schema. The
rest are pages and exports for people, whose statuses (303 to the login, 403, 404) and content
types FastAPI does not document and the role walk in test_access.py checks; generated input there
must still never make the server fail.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance, response_headers_conformance, response_schema_conformance, status_code_conformance,
)

from dashboard import auth
from tests.dashboard.conftest import client_for, csrf_of

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

#: examples per operation and mode: bounded, and the same ones every run (derandomized)
EXAMPLES = 20
MACHINE_ENDPOINTS = {"/healthz", "/metrics"}
CONFORMANCE = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance,
               response_headers_conformance]


def _fuzz(schema, headers: dict[str, str], checks: list) -> list[str]:  # noqa: ANN001
    """Every operation of ``schema``, with valid and invalid input; the failures, labelled."""
    failures: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode, headers=headers))
            @settings(max_examples=EXAMPLES, derandomize=True, database=None, deadline=None,
                      suppress_health_check=list(HealthCheck))
            def run(case) -> None:  # noqa: ANN001
                case.call_and_validate(checks=checks)

            try:
                run()
            except Unsatisfiable:
                assert mode is schemathesis.GenerationMode.NEGATIVE, operation.label
                continue  # no parameters and no body: nothing of it can be made invalid
            except Exception as exc:  # noqa: BLE001 - collected, so one run reports every operation that fails
                failures.append(f"{operation.label} ({mode.value}): {str(exc)[:600]}")
    return failures


def _as_admin(world):  # noqa: ANN001, ANN202
    """The app and the headers of a signed-in national admin (session cookie and CSRF token)."""
    client = client_for(world, "admin")
    headers = {"Cookie": f"{auth.COOKIE}={client.cookies.get(auth.COOKIE)}", "X-CSRF-Token": csrf_of(client)}
    return client.app, headers


def test_when_the_json_endpoints_are_fuzzed_then_they_answer_as_their_schema_says(seeded):
    app, headers = _as_admin(seeded)
    schema = schemathesis.openapi.from_dict(app.openapi()).include(path=sorted(MACHINE_ENDPOINTS))
    schema.app = app
    assert {op.ok().path for op in schema.get_all_operations()} == MACHINE_ENDPOINTS
    assert _fuzz(schema, headers, CONFORMANCE) == []


def test_when_every_route_is_fuzzed_as_a_national_admin_then_none_answers_with_a_server_error(seeded):
    app, headers = _as_admin(seeded)
    # logging out would end the session every later request is made in
    schema = schemathesis.openapi.from_dict(app.openapi()).exclude(path="/logout")
    schema.app = app
    assert len(list(schema.get_all_operations())) >= 15  # the pages are in the schema: they are fuzzed too
    assert _fuzz(schema, headers, [not_a_server_error]) == []
