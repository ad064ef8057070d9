"""synth.ids: values validate where they should, layouts keep the digits, masking keeps the layout."""

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.th import moa, pin

from synth import ids

SEEDS = st.integers(min_value=0, max_value=2**32)


def _digits_of(text: str) -> str:
    return "".join(c for c in ids.to_ascii_digits(text) if c.isdigit())


def test_when_known_first12_then_check_digit_matches_stdnum():
    for first12 in ("110170020345", "310100123456", "123456789012"):
        assert ids.national_id_check_digit(first12) == pin.calc_check_digit(first12)


@given(SEEDS)
def test_when_national_id_generated_then_stdnum_accepts_it(seed):
    value = ids.national_id(random.Random(seed))
    assert pin.is_valid(value) and value[0] in "12345678"


@given(SEEDS)
def test_when_juristic_id_generated_then_moa_accepts_and_pin_rejects(seed):
    rng = random.Random(seed)
    for entity in (None, "company", "limited_partnership", "public_company", "agency"):
        value = ids.juristic_id(rng, entity=entity)
        assert moa.is_valid(value) and not pin.is_valid(value) and value[0] == "0"


@given(SEEDS)
def test_when_invalid_or_reserved_id_generated_then_stdnum_rejects_it(seed):
    rng = random.Random(seed)
    bad = ids.invalid_national_id(rng)
    reserved = ids.reserved_national_id(rng)
    assert len(bad) == 13 and bad[0] in "12345678" and not pin.is_valid(bad)
    assert len(reserved) == 13 and reserved[0] == "9" and not pin.is_valid(reserved)
    assert reserved[-1] == ids.national_id_check_digit(reserved[:12])


@given(SEEDS)
def test_when_phone_and_laser_generated_then_shapes_are_right(seed):
    rng = random.Random(seed)
    assert re.fullmatch(r"0(6[1-6]|8\d|9\d)\d{7}", ids.mobile(rng))
    land = ids.landline(rng)
    assert re.fullmatch(r"02\d{7}|0(3[2-9]|4[2-5]|5[3-6]|7[3-7])\d{6}", land)
    assert re.fullmatch(r"[A-WYZ]{2}\d{10}", ids.laser_code(rng))


@settings(max_examples=200)
@given(SEEDS, st.sampled_from(ids.NATIONAL_ID_LAYOUTS))
def test_when_national_id_laid_out_then_digits_and_canonical_round_trip(seed, layout):
    rng = random.Random(seed)
    value = ids.national_id(rng)
    written = ids.layout_national_id(value, layout, rng)
    assert _digits_of(written) == value
    assert ids.canonical("national_id", written) == value


def test_when_layouts_are_named_then_they_look_as_documented():
    rng = random.Random(0)
    value = "1234567890121"
    assert ids.layout_national_id(value, "dashed", rng) == "1-2345-67890-12-1"
    assert ids.layout_national_id(value, "spaced", rng) == "1 2345 67890 12 1"
    assert ids.layout_national_id(value, "dotted", rng) == "1.2345.67890.12.1"
    assert ids.layout_national_id(value, "spread", rng) == "1 2 3 4 5 6 7 8 9 0 1 2 1"
    assert "\n" in ids.layout_national_id(value, "wrapped", rng)
    assert set(ids.layout_national_id(value, "thai_digits", rng)) <= set(ids.THAI_DIGITS + "- ")
    mixed = ids.layout_national_id(value, "mixed_digits", rng)
    assert any(c in ids.THAI_DIGITS for c in mixed) and any(c in "0123456789" for c in mixed)
    assert ids.layout_laser("ME0123456789", "dashed", rng) == "ME0-1234567-89"
    assert ids.layout_laser("ME0123456789", "spaced", rng) == "ME0 1234567 89"


@settings(max_examples=200)
@given(SEEDS, st.sampled_from(ids.PHONE_LAYOUTS), st.booleans())
def test_when_phone_laid_out_then_canonical_round_trips(seed, layout, is_mobile):
    rng = random.Random(seed)
    value = ids.mobile(rng) if is_mobile else ids.landline(rng)
    if layout not in ids.phone_layouts_for(value):
        with pytest.raises(ValueError):
            ids.layout_phone(value, layout, rng)
        return
    written = ids.layout_phone(value, layout, rng)
    assert ids.canonical("phone", written) == value


def test_when_phone_range_written_then_suffix_is_a_later_number():
    rng = random.Random(3)
    for _ in range(200):
        value = ids.landline(rng)
        written = ids.layout_phone(value, "range", rng)
        suffix = written.rsplit("-", 1)[1]
        assert int(suffix) > int(value[-len(suffix):])
        assert ids.canonical("phone", written) == value


def test_when_international_forms_then_canonical_restores_leading_zero():
    assert ids.canonical("phone", "+66 81 234 5678") == "0812345678"
    assert ids.canonical("phone", "+66-2-123-4567") == "021234567"
    assert ids.canonical("phone", "66812345678") == "0812345678"
    assert ids.canonical("phone", "044-243-129-30") == "044243129"
    assert ids.canonical("phone", "02-123-4567-8") == "021234567"
    assert ids.canonical("phone", "081-234-XXXX") == "081234XXXX"
    assert ids.canonical("phone", "XXX-234-5678") == "XXX2345678"
    assert ids.canonical("phone", "๐-๔๔๒๔-๓๑๒๙") == "044243129"
    assert ids.canonical("phone", "812345678") == "0812345678"  # spreadsheet number, 0 lost
    assert ids.canonical("phone", "44243129") == "044243129"


@given(SEEDS, st.integers(min_value=0, max_value=13), st.sampled_from(("front", "back", "middle")),
       st.sampled_from(tuple(ids.MASK_CHARS)), st.sampled_from(ids.NATIONAL_ID_LAYOUTS))
def test_when_masked_then_hidden_count_and_separators_hold(seed, hidden, where, char, layout):
    rng = random.Random(seed)
    value = ids.national_id(rng)
    written = ids.layout_national_id(value, layout, rng)
    masked = ids.mask_written(written, hidden=hidden, where=where, char=char)
    assert masked.count(char) - written.count(char) == hidden
    assert [c for c in masked if not (c.isdigit() or c == char)] == [c for c in written if not c.isdigit()]
    canon = ids.canonical("national_id", masked)
    assert len(canon) == 13 and canon.count("X") == hidden
    assert all(c == "X" or c == v for c, v in zip(canon, value))
    if where == "front":
        assert canon.startswith("X" * hidden)
    elif where == "back" and hidden:
        assert canon.endswith("X" * hidden)


def test_when_masking_front_or_back_then_x4_examples_match():
    assert ids.mask_written("1234567890121", hidden=4, where="front") == "XXXX567890121"
    assert ids.mask_written("1-2345-67890-12-1", hidden=4, where="back") == "1-2345-6789X-XX-X"
    assert ids.mask_written("๑๒๓๔๕๖๗๘๙๐๑๒๑", hidden=4, where="back", char="x") == "๑๒๓๔๕๖๗๘๙xxxx"
    assert ids.mask_written("ME0-1234567-89", hidden=4, where="back") == "ME0-12345XX-XX"


def test_when_hidden_count_given_then_x4_status_follows_rule():
    assert [ids.x4_status(h) for h in (0, 1, 3, 4, 9)] == ["unmasked", "under_masked", "under_masked", "masked", "masked"]


def test_when_laser_canonicalised_then_letters_kept_and_masks_become_x():
    assert ids.canonical("laser_code", "ME0-1234567-89") == "ME0123456789"
    assert ids.canonical("laser_code", "me0 12345** **") == "ME012345XXXX"
