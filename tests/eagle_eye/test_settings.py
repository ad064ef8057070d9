"""Settings come from EAGLE_EYE_* variables when asked for, never at import."""

import pytest
from pydantic import ValidationError

from eagle_eye.settings import Settings, get_settings
from extractors.base import Limits


def test_when_env_sets_limits_then_extraction_limits_follow(monkeypatch):
    monkeypatch.setenv("EAGLE_EYE_MAX_PAGES", "7")
    monkeypatch.setenv("EAGLE_EYE_OCR_DPI", "300")
    monkeypatch.setenv("EAGLE_EYE_MAX_IMAGE_PIXELS", "2000000")
    limits = Limits.from_settings(get_settings())
    assert (limits.max_pages, limits.ocr_dpi, limits.max_image_pixels) == (7, 300, 2_000_000)


def test_when_key_set_then_its_utf8_bytes_are_the_hmac_key(monkeypatch):
    monkeypatch.setenv("EAGLE_EYE_FINGERPRINT_KEY", "กุญแจ")
    settings = Settings()
    assert settings.fingerprint_key_bytes() == "กุญแจ".encode()
    assert not settings.fingerprint_key_is_ephemeral


def test_when_key_unset_then_one_random_key_per_process(monkeypatch):
    monkeypatch.delenv("EAGLE_EYE_FINGERPRINT_KEY", raising=False)
    first, second = Settings(), Settings()
    assert first.fingerprint_key_is_ephemeral
    assert first.fingerprint_key_bytes() == second.fingerprint_key_bytes()
    assert len(first.fingerprint_key_bytes()) == 32


@pytest.mark.parametrize(
    ("name", "value"),
    [
        # the X4 rule cannot require more digits than an ID has
        ("EAGLE_EYE_MASK_MIN_HIDDEN", "14"),
        # OCR below 72 dpi reads nothing
        ("EAGLE_EYE_OCR_DPI", "10"),
    ],
)
def test_when_setting_out_of_range_then_refused(monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError):
        Settings()
