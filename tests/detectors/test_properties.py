"""Property-based: IDs, phones and laser codes generated in every layout and masking."""

import random

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from stdnum.th import pin

from detectors.national_id import is_valid
from synth import ids
from tests.detectors.conftest import detect, fp

seeds = st.integers(min_value=0, max_value=2**32 - 1)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _ctx(written: str, layout: str) -> str:
    # glued_thai means no space at all between the Thai label and the number
    label = "เลขประจำตัวประชาชน" if layout != "glued_thai" else "เลขบัตร"
    sep = "" if layout == "glued_thai" else " "
    return f"นายสมชาย ใจดี {label}{sep}{written}{sep}ที่อยู่ 12 ม.3"


@SETTINGS
@given(seed=seeds, layout=st.sampled_from(ids.NATIONAL_ID_LAYOUTS))
def test_when_valid_id_in_any_layout_then_one_unmasked_personal_detection(seed, layout):
    rng = random.Random(seed)
    value = ids.national_id(rng)
    written = ids.layout_national_id(value, layout, rng)
    found = detect(_ctx(written, layout), kind="national_id")
    assert len(found) == 1, (layout, [d.pattern for d in found])
    d = found[0]
    assert d.status.value == "unmasked" and d.personal
    assert d.fingerprint == fp(value)
    assert value not in d.context and value not in d.display


@SETTINGS
@given(
    seed=seeds,
    layout=st.sampled_from(ids.NATIONAL_ID_LAYOUTS),
    hidden=st.integers(1, 9),
    where=st.sampled_from(["front", "back", "middle"]),
    char=st.sampled_from(list(ids.MASK_CHARS)),
)
def test_when_id_masked_then_status_follows_x4(seed, layout, hidden, where, char):
    rng = random.Random(seed)
    value = ids.national_id(rng)
    written = ids.mask_written(ids.layout_national_id(value, layout, rng), hidden=hidden, where=where, char=char)
    found = detect(_ctx(written, layout), kind="national_id")
    assert len(found) == 1, (layout, written.replace("\n", "⏎"))
    assert found[0].status.value == ids.x4_status(hidden)
    assert found[0].fingerprint is None


@SETTINGS
@given(seed=seeds, mobile=st.booleans(), data=st.data())
def test_when_phone_in_any_layout_then_one_detection_with_national_fingerprint(seed, mobile, data):
    rng = random.Random(seed)
    value = ids.mobile(rng) if mobile else ids.landline(rng)
    layout = data.draw(st.sampled_from(ids.phone_layouts_for(value)))
    written = ids.layout_phone(value, layout, rng)
    # "66" + a landline without "+" is trusted only beside a phone word
    word = "โทร " if layout == "66" and not mobile else ""
    found = detect(f"นางสมศรี มีสุข บ้านเลขที่ 5 หมู่ 2 {word}{written} ลงชื่อ", kind="phone")
    assert len(found) == 1, (layout, written)
    assert found[0].fingerprint == fp(value)
    assert found[0].personal is (layout != "range")


@SETTINGS
@given(seed=seeds, layout=st.sampled_from(ids.LASER_LAYOUTS))
def test_when_laser_code_in_any_layout_then_found(seed, layout):
    rng = random.Random(seed)
    value = ids.laser_code(rng)
    written = ids.layout_laser(value, layout, rng)
    [d] = detect(f"เลขหลังบัตร (Laser ID) {written} ", kind="laser_code")
    assert d.fingerprint == fp(value) and d.personal


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="0123456789", min_size=13, max_size=13))
def test_when_any_13_digits_then_checksum_agrees_with_stdnum(digits):
    person = is_valid(digits) and digits[0] in "12345678"
    assert person == pin.is_valid(digits)


@SETTINGS
@given(seed=seeds)
def test_when_checksum_wrong_then_never_a_national_id(seed):
    rng = random.Random(seed)
    value = ids.invalid_national_id(rng)
    assume(not is_valid(value))
    assert detect(f"เลขประจำตัวประชาชน {value}", kind="national_id") == []
