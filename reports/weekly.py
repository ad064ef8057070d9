"""The weekly aggregate report for the Department of Local Administration (DLA, สถ.).

Counts only: no citizen's number, no document, no URL. Every figure is computed per
organisation first, then summed per province, per organisation type, per province × type and
for the whole country, so the breakdowns always add up to the national totals.

Definitions (the report's footnotes say the same in Thai: ``reports/wording.py``):

* **Week**: an ISO week, Monday 00:00 to the next Monday 00:00, Thailand time (UTC+7). "At the
  week's end" means after everything that happened strictly before that next Monday 00:00.
* **Monitored**: organisations in the registry, registered before the week's end.
* **Crawled**: monitored organisations covered by at least one *finished* crawl run (not a
  re-check of known documents) that *started* in the week.
* **New incidents**: incidents opened in the week. A reopened incident is not new (see repeat
  offenders).
* **Remediated**: incidents whose verified remediation (status ``remediated``, proved by a
  re-fetch) happened in the week; a closing without remediation (false positives) is not one.
* **Still open**: incidents active (open, notified, acknowledged, reopened) at the week's end.
* **Overdue**: still open, and their round began 72 hours (PDPA s.37(4), ``alerts.views.
  NOTIFY_WITHIN``) or more before the week's end. A round begins when the incident is opened, or
  when it is reopened: a reopened incident is told again like a new one, and its clock restarts.
* **Median time to remediate**: the median, over the incidents remediated in the week, of the
  time from the start of the round to the remediation (for an incident never reopened:
  ``remediated_at - opened_at``). None when nothing was remediated.
* **People exposed (approximate)**: the sum of ``people_exposed`` of the incidents opened in the
  week, as last counted (one person listed by two organisations counts twice).
* **Leak rate**: the share of monitored organisations with an active incident at the week's
  end. **Trend**: the same for the 7 weeks before, replayed from the incident timeline
  (``reports.timeline``) so that a past week shows what was true then, not what is true now.
* **Repeat offenders**: organisations with 2 or more incidents opened in the 8 weeks ending with
  the report's week, or with an incident reopened in the week.
"""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import NamedTuple

from sqlmodel import Session, col, select

from alerts.thai import ORG_TYPE_TH
from alerts.views import NOTIFY_WITHIN
from eagle_eye.models import CrawlRun, CrawlStatus, Incident, IncidentEvent, Organisation, OrgType
from reports.timeline import History
from reports.weeks import IsoWeek

#: the report's week and the 7 before it: the trend and the repeat-offender window
WEEKS = 8
REPEAT_INCIDENTS = 2


@dataclass(frozen=True, slots=True)
class Figures:
    monitored: int
    crawled: int
    new_incidents: int
    remediated: int
    still_open: int
    overdue: int
    median_hours_to_remediate: float | None
    people_exposed: int
    repeat_offenders: int
    #: per week, oldest first, the report's week last: organisations with an active incident at
    #: the week's end, and organisations monitored then
    active_orgs: tuple[int, ...]
    monitored_by_week: tuple[int, ...]

    @property
    def trend(self) -> tuple[float | None, ...]:
        return tuple(a / m if m else None for a, m in zip(self.active_orgs, self.monitored_by_week, strict=True))

    @property
    def leak_rate(self) -> float | None:
        return self.trend[-1]

    @property
    def change(self) -> float | None:
        """Leak rate against the week before, in fractions (0.05 = 5 percentage points)."""
        now, before = self.trend[-1], self.trend[-2]
        return None if now is None or before is None else now - before

    @property
    def leaking(self) -> int:
        return self.active_orgs[-1]


@dataclass(frozen=True, slots=True)
class Row:
    """One line of a breakdown: a province, an organisation type, or both."""

    province: str | None
    org_type: str | None
    figures: Figures

    @property
    def type_th(self) -> str:
        return ORG_TYPE_TH.get(self.org_type or "", self.org_type or "")


@dataclass(frozen=True, slots=True)
class Offender:
    name: str
    province: str
    org_type: str
    #: incidents opened in the 8 weeks ending with the report's week
    incidents: int
    reopened: bool

    @property
    def type_th(self) -> str:
        return ORG_TYPE_TH.get(self.org_type, self.org_type)


@dataclass(frozen=True, slots=True)
class WeeklyReport:
    week: IsoWeek
    #: the trend's weeks, oldest first, the report's week last
    weeks: tuple[IsoWeek, ...]
    generated_at: datetime
    national: Figures
    by_province: tuple[Row, ...]
    by_type: tuple[Row, ...]
    by_province_type: tuple[Row, ...]
    offenders: tuple[Offender, ...]


class _Org(NamedTuple):
    org_id: str
    name: str
    org_type: str
    province: str


@dataclass(slots=True)
class _OrgFacts:
    """One organisation's part of every figure."""

    org: _Org
    #: per week of the trend: registered before its end; an incident active at its end
    monitored: list[bool]
    active: list[bool]
    crawled: bool = False
    new: int = 0
    people: int = 0
    remediated: int = 0
    hours: list[float] = field(default_factory=list)
    still_open: int = 0
    overdue: int = 0
    opened_in_window: int = 0
    reopened: bool = False

    @property
    def repeat(self) -> bool:
        return self.opened_in_window >= REPEAT_INCIDENTS or self.reopened


def build_weekly(session: Session, *, week: IsoWeek, now: datetime, province: str | None = None) -> WeeklyReport:
    """The report for DLA (every province), or one province's (a province officer's view)."""
    weeks = week.history(WEEKS)
    facts = _org_facts(session, week=week, weeks=weeks, province=province)
    groups: dict[tuple[str, str], list[_OrgFacts]] = defaultdict(list)
    for f in facts:
        groups[(f.org.province, f.org.org_type)].append(f)
    provinces = sorted({p for p, _ in groups}, key=thai_sort_key)
    types = [t.value for t in OrgType if any(k[1] == t.value for k in groups)]
    return WeeklyReport(
        week=week, weeks=weeks, generated_at=now, national=_sum(facts),
        by_province=tuple(Row(p, None, _sum([f for f in facts if f.org.province == p])) for p in provinces),
        by_type=tuple(Row(None, t, _sum([f for f in facts if f.org.org_type == t])) for t in types),
        by_province_type=tuple(Row(p, t, _sum(groups[(p, t)])) for p in provinces for t in types if (p, t) in groups),
        offenders=tuple(sorted(
            (Offender(name=f.org.name, province=f.org.province, org_type=f.org.org_type, incidents=f.opened_in_window,
                      reopened=f.reopened) for f in facts if f.repeat),
            key=lambda o: (thai_sort_key(o.province), -o.incidents, thai_sort_key(o.name)))),
    )


def _org_facts(session: Session, *, week: IsoWeek, weeks: tuple[IsoWeek, ...], province: str | None
               ) -> list[_OrgFacts]:
    start, end, window = _utc(week.start), _utc(week.end), _utc(weeks[0].start)
    facts: dict[str, _OrgFacts] = {}
    orgs = select(Organisation.org_id, Organisation.name, Organisation.org_type, Organisation.province,
                  Organisation.created_at)
    if province is not None:
        orgs = orgs.where(Organisation.province == province)
    for org_id, name, org_type, province_name, created_at in session.exec(orgs):
        kind = org_type.value if isinstance(org_type, OrgType) else str(org_type)
        facts[org_id] = _OrgFacts(_Org(org_id, name, kind, province_name), [created_at < _utc(w.end) for w in weeks],
                                  [False] * len(weeks))

    # one column: sqlmodel yields the values themselves
    for org_ids in session.exec(
        select(CrawlRun.org_ids).where(CrawlRun.status == CrawlStatus.FINISHED.value, col(CrawlRun.recheck).is_(False),
                                       col(CrawlRun.started_at) >= start, col(CrawlRun.started_at) < end)
    ):
        for org_id in org_ids:
            if org_id in facts:
                facts[org_id].crawled = True

    incidents = session.exec(
        select(Incident.id, Incident.org_id, Incident.opened_at, Incident.people_exposed, Incident.notified_at,
               Incident.acknowledged_at, Incident.remediated_at, Incident.closed_at, Incident.reopened_at)
        .where(col(Incident.opened_at) < end)
    ).all()
    # every status change, later ones too: an incident with any timeline is replayed from it
    # (History ignores what comes after the moment asked about); only one with none falls back
    changes: dict[int, list[tuple[datetime, str]]] = defaultdict(list)
    for incident_id, at, to_status in session.exec(
        select(IncidentEvent.incident_id, IncidentEvent.at, IncidentEvent.to_status)
        .join(Incident, col(Incident.id) == IncidentEvent.incident_id)
        .where(IncidentEvent.kind == "status", col(IncidentEvent.to_status).is_not(None), col(Incident.opened_at) < end)
        .order_by(col(IncidentEvent.at), col(IncidentEvent.id))
    ):
        changes[incident_id].append((at, to_status))

    for incident in incidents:
        f = facts.get(incident.org_id)
        if f is None:  # another province's, when the report is one province's
            continue
        history = (History.from_events(incident.opened_at, changes[incident.id]) if incident.id in changes
                   else History.from_stamps(incident))
        if start <= incident.opened_at < end:
            f.new += 1
            f.people += incident.people_exposed or 0
        if window <= incident.opened_at < end:
            f.opened_in_window += 1
        remediations = history.remediations(start, end)
        if remediations:
            at, round_start = remediations[-1]
            f.remediated += 1
            f.hours.append((at - round_start).total_seconds() / 3600)
        for i, w in enumerate(weeks):
            f.active[i] = f.active[i] or history.active_at(_utc(w.end))
        if history.active_at(end):
            f.still_open += 1
            if end - history.round_start_at(end) >= NOTIFY_WITHIN:
                f.overdue += 1
        f.reopened = f.reopened or history.reopened_in(start, end)
    return list(facts.values())


def _sum(facts: list[_OrgFacts]) -> Figures:
    hours = [h for f in facts for h in f.hours]
    weeks = len(facts[0].monitored) if facts else WEEKS
    return Figures(
        monitored=sum(f.monitored[-1] for f in facts),
        crawled=sum(f.crawled for f in facts),
        new_incidents=sum(f.new for f in facts),
        remediated=sum(f.remediated for f in facts),
        still_open=sum(f.still_open for f in facts),
        overdue=sum(f.overdue for f in facts),
        median_hours_to_remediate=statistics.median(hours) if hours else None,
        people_exposed=sum(f.people for f in facts),
        repeat_offenders=sum(f.repeat for f in facts),
        # an organisation registered later cannot have leaked before: counted only where monitored
        active_orgs=tuple(sum(f.monitored[i] and f.active[i] for f in facts) for i in range(weeks)),
        monitored_by_week=tuple(sum(f.monitored[i] for f in facts) for i in range(weeks)),
    )


def _utc(moment: datetime) -> datetime:
    # bound as UTC: SQLite keeps the text of the moment, and compares text
    return moment.astimezone(UTC)


_LEADING_VOWEL = re.compile("([\u0e40-\u0e44])([\u0e01-\u0e2e])")
_MARKS = re.compile("[\u0e47-\u0e4e]")


def thai_sort_key(text: str) -> str:
    """Thai dictionary order, near enough for place names: a leading vowel (เ แ โ ใ ไ) sorts
    after its consonant, tone marks do not count (code-point order puts every เชียง… last)."""
    return _LEADING_VOWEL.sub(r"\2\1", _MARKS.sub("", text))
