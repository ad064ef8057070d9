"""The figures of one breakdown line, in the order every format shows them: one list of columns,
so the HTML, the workbook and the CSV cannot drift apart. ``key`` heads the CSV (stable names
for machines), ``th`` the tables people read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from alerts.thai import thai_duration
from reports.weekly import Figures


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    th: str
    value: Callable[[Figures], int | float | None]
    #: count, rate (a fraction), change (a difference of fractions), hours
    kind: str = "count"


COLUMNS = (
    Column("monitored", "อปท. ที่เฝ้าระวัง", lambda f: f.monitored),
    Column("crawled", "อปท. ที่ตรวจเว็บไซต์ในสัปดาห์", lambda f: f.crawled),
    Column("new_incidents", "เรื่องใหม่", lambda f: f.new_incidents),
    Column("remediated", "แก้ไขแล้ว (ตรวจยืนยัน)", lambda f: f.remediated),
    Column("still_open", "ยังไม่แก้ไข ณ สิ้นสัปดาห์", lambda f: f.still_open),
    Column("overdue", "เกิน 72 ชั่วโมง", lambda f: f.overdue),
    Column("median_hours_to_remediate", "เวลาแก้ไข (มัธยฐาน)", lambda f: f.median_hours_to_remediate, "hours"),
    Column("people_exposed", "ประชาชนที่ถูกเปิดเผย (โดยประมาณ)", lambda f: f.people_exposed),
    Column("orgs_leaking", "อปท. ที่ยังเปิดเผยข้อมูล", lambda f: f.leaking),
    Column("leak_rate", "อัตราการรั่วไหล", lambda f: f.leak_rate, "rate"),
    Column("leak_rate_change", "เทียบสัปดาห์ก่อน (จุด)", lambda f: f.change, "change"),
    Column("repeat_offenders", "อปท. ที่เกิดซ้ำ", lambda f: f.repeat_offenders),
)


def percent(rate: float | None) -> str:
    return "–" if rate is None else f"{rate * 100:.1f}%"


def change(delta: float | None) -> str:
    """Percentage points, with the direction a reader sees first: ``▲ 33.3``, ``▼ 5.0``, ``0.0``."""
    if delta is None:
        return "–"
    points = round(delta * 100, 1)
    if points == 0:
        return "0.0"
    return f"{'▲' if points > 0 else '▼'} {abs(points):.1f}"


def duration(hours: float | None) -> str:
    """``4 วัน 15 ชั่วโมง``; ``–`` when nothing was remediated."""
    if hours is None:
        return "–"
    if hours * 60 < 1:
        return "ไม่ถึง 1 นาที"  # thai_duration reads zero as "past the deadline"
    return thai_duration(timedelta(hours=hours))


def shown(column: Column, figures: Figures) -> str:
    """The value as a person reads it."""
    value = column.value(figures)
    if column.kind == "rate":
        return percent(value)
    if column.kind == "change":
        return change(value)
    if column.kind == "hours":
        return duration(value)
    return f"{value:,}"
