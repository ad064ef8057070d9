"""An incident's past status, replayed from its timeline or, without one, from its timestamps."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from reports.timeline import History

T = datetime(2026, 10, 20, 3, 0, tzinfo=UTC)
H = timedelta(hours=1)
D = timedelta(days=1)

# opened at T, notified after 2 h, remediated after 2 days, reopened after 5, remediated again after 6
ROUNDS = History.from_events(T, [(T + 2 * H, "notified"), (T + 2 * D, "remediated"), (T + 5 * D, "reopened"),
                                 (T + 6 * D, "remediated")])


@pytest.mark.parametrize(
    ("moment", "status"),
    [
        (T - H, None),  # not opened yet
        (T, None),  # opened at this very moment: not yet part of the state "just before" it
        (T + H, "open"),  # opened, nothing else yet
        (T + 2 * H, "open"),  # the notification at exactly this moment is not before it
        (T + 3 * H, "notified"),
        (T + 3 * D, "remediated"),  # between the rounds
        (T + 5 * D + H, "reopened"),  # its row now says remediated, but here it was reopened
        (T + 7 * D, "remediated"),
    ],
)
def test_when_asked_about_a_past_moment_then_the_status_then(moment, status):
    assert ROUNDS.status_at(moment) == status


def test_when_remediated_twice_then_each_remediation_counts_from_its_own_round():
    # the first from the opening, the second from the reopening: 2 days, then 1 day
    assert ROUNDS.remediations(T, T + 7 * D) == [(T + 2 * D, T), (T + 6 * D, T + 5 * D)]
    # a window holding only the second
    assert ROUNDS.remediations(T + 3 * D, T + 7 * D) == [(T + 6 * D, T + 5 * D)]


@pytest.mark.parametrize(
    ("moment", "start"),
    [
        (T + D, T),  # first round
        (T + 5 * D + H, T + 5 * D),  # the reopening restarted the clock
    ],
)
def test_when_a_round_is_asked_for_then_it_starts_at_the_opening_or_the_last_reopening(moment, start):
    assert ROUNDS.round_start_at(moment) == start


@dataclass
class Stamped:
    """An incident row with no timeline: only its transition timestamps."""

    opened_at: datetime
    notified_at: datetime | None = None
    acknowledged_at: datetime | None = None
    remediated_at: datetime | None = None
    closed_at: datetime | None = None
    reopened_at: datetime | None = None


@pytest.mark.parametrize(
    ("row", "moment", "active"),
    [
        # acknowledged, never fixed: active
        (Stamped(T, notified_at=T + H, acknowledged_at=T + D), T + 9 * D, True),
        # remediated on day 2: not active on day 3
        (Stamped(T, remediated_at=T + 2 * D), T + 3 * D, False),
        # remediated on day 2: still active on day 1
        (Stamped(T, remediated_at=T + 2 * D), T + D, True),
        # remediated, then closed: not active
        (Stamped(T, remediated_at=T + 2 * D, closed_at=T + 4 * D), T + 5 * D, False),
        # remediated on day 2 and reopened on day 5: active on day 6, not on day 3
        (Stamped(T, remediated_at=T + 2 * D, reopened_at=T + 5 * D), T + 6 * D, True),
        (Stamped(T, remediated_at=T + 2 * D, reopened_at=T + 5 * D), T + 3 * D, False),
        # closed as a false positive without a remediation
        (Stamped(T, closed_at=T + D), T + 2 * D, False),
    ],
)
def test_when_there_is_no_timeline_then_the_timestamps_tell(row, moment, active):
    assert History.from_stamps(row).active_at(moment) is active


def test_when_reopened_in_a_window_then_said_so_only_for_that_window():
    assert ROUNDS.reopened_in(T + 5 * D, T + 6 * D)  # the reopening's own moment is inside
    assert not ROUNDS.reopened_in(T, T + 5 * D)  # a window ending at that moment is not
