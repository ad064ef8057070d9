"""A table rule read as "ไ1"/"เ1" glued to the number of its cell (extractors.ocr_rules)."""

from __future__ import annotations

import pytest

from extractors.ocr_rules import drop_rule_ones


@pytest.mark.parametrize(
    ("ocr_text", "expected"),
    [
        # a landline or a mobile after the rule: no phone starts "10", the 1 is the rule's
        ("นาง | 160 2 ไ1074399608 |600", "นาง | 160 2 | 074399608 |600"),
        ("นาย ใจดี เ10812345678 |", "นาย ใจดี | 0812345678 |"),
        # an ID after it whose check digit holds without the 1
        ("นาย ไ11951556951752 |", "นาย | 1951556951752 |"),
        # 13 digits with the 1 (a person's ID starting 1): the 1 is the ID's
        ("นาย ไ1101700230121 |", "นาย ไ1101700230121 |"),
        # 13 digits after the 1 that are no ID: left
        ("นาย ไ11951556951753 |", "นาย ไ11951556951753 |"),
        # inside a Thai word, or a number of another length: left
        ("ไม่ใช่ใไ10812345678", "ไม่ใช่ใไ10812345678"),
        ("ไ1 0812", "ไ1 0812"),
        ("ไ108123456", "ไ108123456"),
    ],
)
def test_when_a_rule_is_read_as_a_vowel_and_a_one_then_the_one_goes_only_if_the_number_is_whole(ocr_text, expected):
    assert drop_rule_ones(ocr_text) == expected
    assert len(drop_rule_ones(ocr_text)) == len(ocr_text)
