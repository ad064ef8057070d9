"""Character-level helpers every detector shares: Thai digits, mask characters, fingerprints."""

from __future__ import annotations

import hmac

from detectors.base import MASK_CHARS

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"

#: Canonical form of one digit-or-mask character: Thai digits become ASCII, every mask char 'X'.
#: Thai digits are converted explicitly here rather than relying on str.isdigit(), which
#: accepts other scripts' digits too.
CANON = str.maketrans({**{t: str(i) for i, t in enumerate(THAI_DIGITS)}, **{m: "X" for m in MASK_CHARS}})

#: Regex character classes (inside [...]).
DIGIT = "0-9" + THAI_DIGITS[0] + "-" + THAI_DIGITS[-1]
MASK = "Xx*×#"


def fingerprint(key: bytes, canonical_value: str) -> str:
    """Lowercase hex HMAC-SHA256 of the canonical ASCII value."""
    return hmac.digest(key, canonical_value.encode("ascii"), "sha256").hex()
