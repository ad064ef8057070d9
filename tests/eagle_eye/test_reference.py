"""The project's real Thai government documents hold no personal national ID: a scan must say so."""

import json
import os
from pathlib import Path

import pytest

from tests.eagle_eye.conftest import eagle_eye

REFERENCE = Path(__file__).resolve().parents[2].parent / "shared" / "reference"


@pytest.fixture(scope="module")
def reference_scan():
    if not REFERENCE.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{REFERENCE} is missing under CI")
        pytest.skip(f"{REFERENCE} is not beside this checkout")
    return eagle_eye("scan", "--format", "jsonl", str(REFERENCE))


def test_when_reference_documents_scanned_then_no_personal_national_id(reference_scan):
    records = [json.loads(line) for line in reference_scan.stdout.splitlines()]
    personal_ids = [r for r in records if r["kind"] == "national_id" and r["personal"] and r["status"] != "masked"]
    assert personal_ids == []
    assert reference_scan.code == 0


def test_when_reference_letters_scanned_then_their_office_numbers_are_found_and_not_personal(reference_scan):
    # the letters do carry contact numbers: finding them proves the scan read the files
    phones = [json.loads(line) for line in reference_scan.stdout.splitlines() if '"phone"' in line]
    assert len(phones) >= 5
    assert not any(p["personal"] for p in phones)
