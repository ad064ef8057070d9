"""ISO weeks as Thai officials live them: Monday 00:00 to the next Monday 00:00 in Thailand's
time (UTC+7), whatever the server's clock says. A report run at 06:30 on a Monday in Bangkok is
still 23:30 on Sunday in UTC: the week it reports on must not depend on that.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from alerts import thai

_PATTERN = re.compile(r"^(\d{4})-[Ww](\d{2})$")


@dataclass(frozen=True, order=True, slots=True)
class IsoWeek:
    year: int
    week: int

    def __post_init__(self) -> None:
        # date.fromisocalendar knows which years have a week 53
        try:
            date.fromisocalendar(self.year, self.week, 1)
        except ValueError:
            raise ValueError(f"{self.year} has no ISO week {self.week}") from None

    @classmethod
    def parse(cls, text: str) -> IsoWeek:
        """``2026-W45``; ValueError with a message fit for a person otherwise."""
        match = _PATTERN.match(text.strip())
        if match is None:
            raise ValueError(f"{text!r} is not an ISO week: write it as YYYY-Www, e.g. 2026-W45")
        return cls(int(match[1]), int(match[2]))

    @classmethod
    def containing(cls, moment: datetime) -> IsoWeek:
        iso = thai.local(moment).isocalendar()
        return cls(iso.year, iso.week)

    @classmethod
    def last_complete(cls, now: datetime) -> IsoWeek:
        """The week before the one ``now`` falls in (in Thailand's time)."""
        return cls.containing(now).previous()

    def previous(self, weeks: int = 1) -> IsoWeek:
        iso = (self.monday - timedelta(weeks=weeks)).isocalendar()
        return IsoWeek(iso.year, iso.week)

    def history(self, weeks: int) -> tuple[IsoWeek, ...]:
        """This week and the ``weeks - 1`` before it, oldest first."""
        return tuple(self.previous(n) for n in range(weeks - 1, -1, -1))

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.week, 1)

    @property
    def start(self) -> datetime:
        return datetime.combine(self.monday, time(0), tzinfo=thai.BANGKOK)

    @property
    def end(self) -> datetime:
        """The next Monday 00:00, Thailand time: the first moment no longer in the week."""
        return self.start + timedelta(weeks=1)

    def __str__(self) -> str:
        return f"{self.year}-W{self.week:02d}"

    def thai(self) -> str:
        """``สัปดาห์ที่ 45 (2–8 พฤศจิกายน 2569)``."""
        return f"สัปดาห์ที่ {self.week} ({self.thai_range()})"

    def thai_range(self) -> str:
        first, last = self.start, self.end - timedelta(days=1)
        if (first.year, first.month) == (last.year, last.month):
            return f"{first.day}–{thai.thai_date(last)}"
        if first.year == last.year:
            return f"{thai.thai_date(first).rsplit(' ', 1)[0]} – {thai.thai_date(last)}"
        return f"{thai.thai_date(first)} – {thai.thai_date(last)}"

    def thai_short(self) -> str:
        """For a chart axis: ``2–8 พ.ย.``, ``26 ต.ค.–1 พ.ย.``."""
        first, last = self.start, self.end - timedelta(days=1)
        if first.month == last.month:
            return f"{first.day}–{_day_month(last)}"
        return f"{_day_month(first)}–{_day_month(last)}"


def _day_month(moment: datetime) -> str:
    return thai.thai_date(moment, short=True).rsplit(" ", 1)[0]


def resolve(text: str | None, *, now: datetime) -> IsoWeek:
    """The week a person asked for, or by default the last complete one. A week that has not
    ended yet is refused: its "still open at the week's end" would be a guess about the future."""
    if text is None:
        return IsoWeek.last_complete(now)
    week = IsoWeek.parse(text)
    if week.end > now:
        raise ValueError(f"{week} has not ended yet (the last complete week is {IsoWeek.last_complete(now)})")
    return week
