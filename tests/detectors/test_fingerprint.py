"""The engine's fingerprint is HMAC-SHA256 exactly as the hmac module computes it."""

import hashlib
import hmac

import pytest

from detectors.text import Fingerprinter, fingerprint


@pytest.mark.parametrize("key", [b"k", b"test-fingerprint-key", bytes(range(64)), bytes(range(200)), b"\x00" * 70])
@pytest.mark.parametrize("value", ["", "1101700230121", "0812345678", "ME0123456789"])
def test_when_any_key_then_same_as_hmac_module(key, value):
    expected = hmac.new(key, value.encode("ascii"), hashlib.sha256).hexdigest()
    assert Fingerprinter(key).digest(value) == expected == fingerprint(key, value)


def test_when_called_twice_then_state_not_shared():
    fp = Fingerprinter(b"key").digest
    assert fp("1101700230121") == fp("1101700230121") != fp("3101700230127")
