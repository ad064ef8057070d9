"""WeeklyReport -> CSV: one row per province × organisation type, every figure, for machines and
spreadsheets. UTF-8 with a byte-order mark: without it Excel reads the file as the local code
page and the Thai names come out garbled."""

from __future__ import annotations

import csv
import io

from reports.columns import COLUMNS
from reports.weekly import WeeklyReport

#: the leak rate of each of the 7 weeks before, nearest first
PREVIOUS = tuple(f"leak_rate_prev_{n}" for n in range(1, 8))
HEADER = ("week", "province", "org_type", "org_type_th", *(c.key for c in COLUMNS), *PREVIOUS)


def to_csv(report: WeeklyReport) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in report.by_province_type:
        f = row.figures
        before = list(reversed(f.trend[:-1]))[:len(PREVIOUS)]
        writer.writerow([str(report.week), row.province, row.org_type, row.type_th,
                         *(_plain(c.value(f)) for c in COLUMNS), *(_plain(r) for r in before)])
    return out.getvalue().encode("utf-8-sig")


def _plain(value: float | None) -> str:
    """Rates as fractions, hours as hours, at most 4 decimals; empty when there is no figure."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return str(value)
