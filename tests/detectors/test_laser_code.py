"""Laser codes from the back of the ID card."""

import pytest

from tests.detectors.conftest import detect, fp


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        # the card's own layout
        ("Laser ID ME0-1234567-89", "laser_code.dashed"),
        # spaced
        ("เลขหลังบัตร ME0 1234567 89", "laser_code.dashed"),
        # contiguous, with a cue
        ("เลขหลังบัตร JT0123456789", "laser_code.contiguous"),
        # ... the cue a narrow column header cut short, as a scan reads it across the columns
        ("ที่ | ชื่อ | เลขหลังบัต | ที่อยู่\nผู้ร้อง | รประชาชน | ท์\n1 | นายก ใจดี | JT0123456789 | 12 ม.3",
         "laser_code.contiguous"),
        # glued to a Thai word, dashed layout needs no cue
        ("รหัสME0-1234567-89นาย", "laser_code.dashed"),
    ],
)
def test_when_laser_code_then_found_personal(text, pattern):
    [d] = detect(text, kind="laser_code")
    assert d.pattern == pattern
    assert d.personal is True
    assert d.status.value == "unmasked"
    canonical = "ME0123456789" if "ME" in text else "JT0123456789"
    assert d.fingerprint == fp(canonical)
    assert d.display == "XXX-XXXXX" + canonical[8:10] + "-" + canonical[10:]


@pytest.mark.parametrize(
    "text",
    [
        # 2 letters + 10 digits with no laser cue and no card layout: too common a shape
        "รหัสสินค้า AB0123456789",
        # an EMS parcel number
        "พัสดุ EB123456789TH",
        # three letters before the digits
        "Laser ABC0-1234567-89",
    ],
)
def test_when_not_a_laser_code_then_silent(text):
    assert detect(text, kind="laser_code") == []


def test_when_laser_code_masked_then_masked_and_no_fingerprint():
    [d] = detect("Laser ID ME0-XXXXXXX-89", kind="laser_code")
    assert d.status.value == "masked"
    assert d.fingerprint is None
