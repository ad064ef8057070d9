from datetime import timedelta

import pytest

from alerts import links
from eagle_eye.errors import LinkError
from tests.alerts.conftest import T0

KEY = b"link-test-key"
MAX_AGE = timedelta(days=60)


def test_when_signed_then_verifies_to_its_incident():
    assert links.verify(KEY, links.sign(KEY, 42, now=T0), now=T0 + timedelta(days=1), max_age=MAX_AGE) == 42


@pytest.mark.parametrize(
    ("mangle", "now"),
    [
        (lambda t: t.replace("42.", "43.", 1), T0),  # moved to another incident
        (lambda t: t[:-1] + ("0" if t[-1] != "0" else "1"), T0),  # signature tampered
        (lambda t: "not-a-token", T0),  # malformed
        (lambda t: t, T0 + timedelta(days=61)),  # expired
    ],
)
def test_when_tampered_malformed_or_expired_then_refused(mangle, now):
    with pytest.raises(LinkError):
        links.verify(KEY, mangle(links.sign(KEY, 42, now=T0)), now=now, max_age=MAX_AGE)


def test_when_signed_with_another_key_or_purpose_then_refused():
    token = links.sign(KEY, 42, now=T0)
    with pytest.raises(LinkError):
        links.verify(b"other-key", token, now=T0, max_age=MAX_AGE)
    with pytest.raises(LinkError):
        links.verify(KEY, token, now=T0, max_age=MAX_AGE, purpose="download")
