from datetime import datetime, timedelta, timezone

import pytest

from alerts.thai import thai_date, thai_datetime, thai_duration

UTC = timezone.utc


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        # evening UTC is already the next day in Thailand, Buddhist-era year
        (datetime(2026, 11, 21, 18, 30, tzinfo=UTC), "22 พฤศจิกายน 2569 เวลา 01:30 น."),
        # new year's eve UTC afternoon: next year in Bangkok
        (datetime(2026, 12, 31, 17, 0, tzinfo=UTC), "1 มกราคม 2570 เวลา 00:00 น."),
    ],
)
def test_when_utc_moment_then_thai_local_time_and_buddhist_year(moment, expected):
    assert thai_datetime(moment) == expected


def test_when_short_then_abbreviated_month():
    assert thai_date(datetime(2026, 2, 1, 12, tzinfo=UTC), short=True) == "1 ก.พ. 2569"


def test_when_naive_datetime_then_refused():
    with pytest.raises(ValueError):
        thai_date(datetime(2026, 1, 1))


@pytest.mark.parametrize(
    ("delta", "expected"),
    [
        (timedelta(days=2, hours=5, minutes=10), "2 วัน 5 ชั่วโมง"),  # minutes dropped once days show
        (timedelta(minutes=45), "45 นาที"),
        (timedelta(seconds=-1), "เลยกำหนดแล้ว"),  # past the deadline
    ],
)
def test_when_duration_then_plain_thai(delta, expected):
    assert thai_duration(delta) == expected
