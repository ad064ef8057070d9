"""ISO weeks in Thailand's time: parsing, the default week, and the weeks a report refuses."""

from datetime import UTC, datetime

import pytest

from reports.weeks import IsoWeek, resolve


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-W45", (2026, 45)),  # the documented form
        ("2026-w45", (2026, 45)),  # a lower-case w is still unambiguous
        (" 2026-W05 ", (2026, 5)),  # stray spaces from a shell script
        ("2026-W53", (2026, 53)),  # 2026 starts on a Thursday: it has a week 53
    ],
)
def test_when_a_week_is_written_as_iso_then_it_parses(text, expected):
    week = IsoWeek.parse(text)
    assert (week.year, week.week) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2026-45",  # no W
        "2026W45",  # no dash
        "26-W45",  # a two-digit year
        "2026-W5",  # one digit: ambiguous with W50-W59 when typed in a hurry
        "2026-W00",  # weeks start at 1
        "2026-W54",  # no year has 54
        "2025-W53",  # 2025 starts on a Wednesday: 52 weeks only
        "",  # nothing
    ],
)
def test_when_a_week_is_malformed_then_value_error(text):
    with pytest.raises(ValueError):
        IsoWeek.parse(text)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        # Sunday 8 Nov 23:59:59 in Bangkok: W45 is not over yet, so the last complete week is W44
        (datetime(2026, 11, 8, 16, 59, 59, tzinfo=UTC), "2026-W44"),
        # Monday 9 Nov 00:00 in Bangkok, still Sunday in UTC: W45 has just ended
        (datetime(2026, 11, 8, 17, 0, tzinfo=UTC), "2026-W45"),
        # Tuesday of W46
        (datetime(2026, 11, 10, 2, 0, tzinfo=UTC), "2026-W45"),
        # Monday 4 Jan 2027 in Bangkok: the last complete week is 2026's week 53
        (datetime(2027, 1, 3, 17, 0, tzinfo=UTC), "2026-W53"),
    ],
)
def test_when_no_week_is_given_then_the_last_complete_week_in_thai_time(now, expected):
    assert str(resolve(None, now=now)) == expected


def test_when_a_week_is_asked_for_then_it_runs_from_monday_to_monday_in_bangkok():
    week = IsoWeek(2026, 45)
    # Monday 2 Nov 00:00 in Bangkok is Sunday 1 Nov 17:00 UTC
    assert week.start.astimezone(UTC) == datetime(2026, 11, 1, 17, 0, tzinfo=UTC)
    assert week.end.astimezone(UTC) == datetime(2026, 11, 8, 17, 0, tzinfo=UTC)
    assert week.thai() == "สัปดาห์ที่ 45 (2–8 พฤศจิกายน 2569)"  # Buddhist era, as DLA writes dates


@pytest.mark.parametrize(
    ("text", "now"),
    [
        # the week still running (W46 on its Tuesday)
        ("2026-W46", datetime(2026, 11, 10, 2, 0, tzinfo=UTC)),
        # W45 one second before it ends in Bangkok
        ("2026-W45", datetime(2026, 11, 8, 16, 59, 59, tzinfo=UTC)),
        # next year
        ("2027-W10", datetime(2026, 11, 10, 2, 0, tzinfo=UTC)),
    ],
)
def test_when_the_week_has_not_ended_then_it_is_refused(text, now):
    with pytest.raises(ValueError, match="has not ended"):
        resolve(text, now=now)
