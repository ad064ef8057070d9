"""An incident's status at any past moment, replayed from its timeline.

The incident row only holds its status now and the *latest* time of each transition: an
incident remediated in October and reopened in November says ``reopened`` with
``remediated_at`` in October, and nothing in the row tells that it was not active at the end of
the week in between. The timeline (``incident_event`` rows of kind ``status``, written by
``alerts.lifecycle.transition`` for every change) does, so past weeks are computed as they were.

An incident with no status event at all (stored before the timeline existed, or by hand) falls
back to its timestamps: exact for an incident that went through each status at most once.

Moments are compared half-open, like the weeks: a change at exactly the week's end belongs to
the next week, and "at the week's end" means after every change strictly before it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from eagle_eye.models import ACTIVE_STATUSES, IncidentStatus

ACTIVE = frozenset(s.value for s in ACTIVE_STATUSES)
_OPEN, _REMEDIATED, _REOPENED = IncidentStatus.OPEN.value, IncidentStatus.REMEDIATED.value, IncidentStatus.REOPENED.value
#: the transitions the incident row stamps, in the order a single round goes through them
_STAMPS = (("notified_at", "notified"), ("acknowledged_at", "acknowledged"), ("remediated_at", "remediated"),
           ("closed_at", "closed"), ("reopened_at", "reopened"))


@dataclass(frozen=True, slots=True)
class History:
    opened_at: datetime
    #: (when, status it moved to), in the order they happened
    changes: tuple[tuple[datetime, str], ...]

    @classmethod
    def from_events(cls, opened_at: datetime, changes: Iterable[tuple[datetime, str]]) -> History:
        """``changes`` in the order they were written (by time, then id)."""
        return cls(opened_at, tuple(changes))

    @classmethod
    def from_stamps(cls, incident: object) -> History:
        stamped = [(getattr(incident, name), status) for name, status in _STAMPS if getattr(incident, name) is not None]
        # a stable sort keeps the lifecycle's order for two changes stamped at the same moment
        return cls(incident.opened_at, tuple(sorted(stamped, key=lambda change: change[0])))

    def status_at(self, moment: datetime) -> str | None:
        """The status just before ``moment``; None if the incident was not opened yet."""
        if self.opened_at >= moment:
            return None
        status = _OPEN
        for at, to in self.changes:
            if at >= moment:
                break
            status = to
        return status

    def active_at(self, moment: datetime) -> bool:
        return self.status_at(moment) in ACTIVE

    def round_start_at(self, moment: datetime) -> datetime | None:
        """When the current round began as of ``moment``: opened, or found again (reopened)."""
        if self.opened_at >= moment:
            return None
        start = self.opened_at
        for at, to in self.changes:
            if at >= moment:
                break
            if to == _REOPENED:
                start = at
        return start

    def remediations(self, start: datetime, end: datetime) -> list[tuple[datetime, datetime]]:
        """(remediated at, its round's start) for every remediation in [start, end)."""
        found = []
        round_start = self.opened_at
        for at, to in self.changes:
            if at >= end:
                break
            if to == _REOPENED:
                round_start = at
            elif to == _REMEDIATED and at >= start:
                found.append((at, round_start))
        return found

    def reopened_in(self, start: datetime, end: datetime) -> bool:
        return any(to == _REOPENED and start <= at < end for at, to in self.changes)
