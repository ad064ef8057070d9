"""``/metrics`` for Prometheus: the counts the operators watch, from the database."""

from __future__ import annotations

import re

import pytest

from tests.dashboard.conftest import client_for

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _value(text: str, name: str, **labels: str) -> float:
    shown = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
    found = re.search(rf"^{name}{{{re.escape(shown)}}} (\S+)$" if shown else rf"^{name} (\S+)$", text, flags=re.M)
    assert found, f"{name} {labels} missing"
    return float(found.group(1))


def test_when_scraped_then_the_seeded_world_is_counted(seeded):
    text = client_for(seeded).get("/metrics").text
    # three organisations, one incident each (all "medium" or "low" by their facts): three open
    assert sum(float(v) for v in re.findall(r"^eagle_eye_open_incidents\{[^}]*\} (\S+)$", text, flags=re.M)) == 3
    # 3 + 4 national IDs unmasked online; 2 phones
    assert _value(text, "eagle_eye_findings", kind="national_id", status="unmasked") == 7
    assert _value(text, "eagle_eye_findings", kind="phone", status="unmasked") == 2
    # three notifications queued by the sync, none sent yet
    assert _value(text, "eagle_eye_emails", status="pending") == 3
    assert _value(text, "eagle_eye_documents", state="ok") == 3  # the state's value, not the enum's name
    assert _value(text, "eagle_eye_crawl_lag_seconds", org_id="t1") > 0
    digits = re.sub(r"\D", "", text)
    assert not any(n in digits for n in seeded.planted)


def test_when_the_database_answers_then_healthy(seeded):
    assert client_for(seeded).get("/healthz").json() == {"ok": True}
