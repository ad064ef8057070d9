"""A table's vertical rule that OCR read as a Thai vowel and a "1" glued to the number after it.

Tesseract's Thai model reads the rule at a cell's left edge as "ไ|", "เ|" or "(|" (ocr_boxes
drops those at a word's ends), and sometimes as "ไ1": the rule's "1" is then glued to the
cell's number ("ไ1074399608" for "| 074399608") and makes it a digit too long for any layout.

A leading vowel before a digit is no Thai, so "ไ1"/"เ1" there is a rule; its "1" is the rule's
too only when the digits after it are a whole number without it: a phone (0 and 8-9 more
digits: no phone starts "10") or a national ID whose check digit holds. Otherwise (an ID of 13
with the 1, "ไ1234567890121") the 1 is the number's own first digit and stays.
"""

from __future__ import annotations

import re

from detectors.national_id import is_valid

_GLUED_ONE = re.compile(r"(?<![0-9A-Za-zก-๙])[ไเ]1(?=(0[0-9]{8,9}|[0-9]{13})(?![0-9]))")


def drop_rule_ones(text: str) -> str:
    """"ไ1074399608" → "| 074399608" where the rule's "1" is not the number's. Same length."""

    def fix(m: re.Match[str]) -> str:
        rest = m.group(1)
        if len(rest) == 13 and not is_valid(rest):
            return m.group()
        return "| "

    return _GLUED_ONE.sub(fix, text)
