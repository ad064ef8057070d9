"""Signed links for coordinators: they work without a login, only for their one incident, and
expire. A link is ``<incident id>.<issued, unix seconds>.<HMAC>``; the HMAC (SHA-256, key
EAGLE_EYE_SECRET_KEY) covers the purpose, the id and the time, so a link cannot be moved to
another incident or another use."""

from __future__ import annotations

import hmac
from datetime import datetime, timedelta

from eagle_eye.errors import LinkError

ACK = "ack"


def sign(key: bytes, incident_id: int, *, now: datetime, purpose: str = ACK) -> str:
    issued = int(now.timestamp())
    return f"{incident_id}.{issued}.{_mac(key, purpose, incident_id, issued)}"


def verify(key: bytes, token: str, *, now: datetime, max_age: timedelta, purpose: str = ACK) -> int:
    """The incident id the token was issued for; LinkError if forged, malformed or expired."""
    parts = token.split(".")
    if len(parts) != 3 or not parts[0].isdigit() or not parts[1].isdigit():
        raise LinkError("this link is not valid: open the latest email from Eagle Eye")
    incident_id, issued = int(parts[0]), int(parts[1])
    if not hmac.compare_digest(parts[2], _mac(key, purpose, incident_id, issued)):
        raise LinkError("this link is not valid: open the latest email from Eagle Eye")
    if now.timestamp() - issued > max_age.total_seconds():
        raise LinkError("this link has expired: open the latest email from Eagle Eye")
    return incident_id


def _mac(key: bytes, purpose: str, incident_id: int, issued: int) -> str:
    return hmac.new(key, f"{purpose}|{incident_id}|{issued}".encode(), "sha256").hexdigest()[:32]
