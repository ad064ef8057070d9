import hashlib
import hmac

import pytest

from detectors import MaskingRule, scan_text

KEY = b"test-fingerprint-key"


def fp(canonical: str) -> str:
    """The fingerprint the issue specifies, computed independently of the engine."""
    return hmac.new(KEY, canonical.encode("ascii"), hashlib.sha256).hexdigest()


def detect(text: str, *, kind: str | None = None, rule: MaskingRule | None = None, **kw):
    found = scan_text(text, key=KEY, rule=rule, **kw).detections
    return [d for d in found if kind is None or d.kind.value == kind]


@pytest.fixture
def key() -> bytes:
    return KEY
