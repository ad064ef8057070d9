"""WeeklyReport -> HTML (``templates/weekly.html``), and the plain-text summary of the email.

Pure: the report in, text out. The PDF is this HTML printed (``render_pdf``).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from alerts.documents.render_pdf import CSS_FONTS
from alerts.thai import thai_datetime
from reports import charts, wording
from reports.columns import COLUMNS, Column, change, percent, shown
from reports.weekly import Figures, WeeklyReport

TEMPLATES = Path(__file__).parent / "templates"


@cache
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html",), default_for_string=False, default=False),
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )


def to_html(report: WeeklyReport) -> str:
    n = report.national
    return environment().get_template("weekly.html").render(
        title=wording.TITLE, week_code=str(report.week), week_th=report.week.thai(),
        generated_th=thai_datetime(report.generated_at),
        # a trusted constant of ours: escaped, its quotes would break the CSS (alerts.documents.render_pdf)
        fonts=Markup(CSS_FONTS),
        cards=_cards(n),
        trend=[{"label": w.thai_short(), "monitored": f"{m:,}", "leaking": f"{a:,}", "rate": percent(r)}
               for w, m, a, r in zip(report.weeks, n.monitored_by_week, n.active_orgs, n.trend, strict=True)],
        trend_svg=charts.trend_line(n.trend, label="อัตราการรั่วไหลทั้งประเทศ 8 สัปดาห์ล่าสุด"),
        # the chart's points sit over these columns
        trend_widths=(charts.TREND_LABEL_PCT, (100 - charts.TREND_LABEL_PCT) / len(report.weeks)),
        bars=charts.province_bars([(row.province, row.figures.leak_rate) for row in report.by_province],
                                  national=n.leak_rate),
        national_rate=percent(n.leak_rate),
        headers=[c.th for c in COLUMNS],
        tables=[
            {"title": "แยกตามจังหวัด", "first": "จังหวัด",
             "rows": [_row(row.province, row.figures) for row in report.by_province] + [_row("ทั้งประเทศ", n, total=True)]},
            {"title": "แยกตามประเภท อปท.", "first": "ประเภท",
             "rows": [_row(row.type_th, row.figures) for row in report.by_type] + [_row("ทั้งประเทศ", n, total=True)]},
        ],
        offenders=report.offenders,
        week_note=wording.WEEK_NOTE,
        definitions=[wording.DEFINITIONS[c.key] for c in COLUMNS],
        # footnote numbers: the columns' places
        notes={c.key: i for i, c in enumerate(COLUMNS, 1)},
    )


def _cards(n: Figures) -> list[dict]:
    cards = []
    for column in COLUMNS:
        if column.key in ("orgs_leaking", "leak_rate_change"):
            continue  # said inside the leak-rate card
        label = column.th
        if column.key == "leak_rate":
            label = f"{column.th} ({n.leaking:,} จาก {n.monitored:,} อปท.; เทียบสัปดาห์ก่อน {change(n.change)} จุด)"
        cards.append({"value": shown(column, n), "label": label,
                      "alert": column.key in ("overdue", "repeat_offenders") and bool(column.value(n))})
    return cards


def _row(label: str, figures: Figures, *, total: bool = False) -> dict:
    return {"label": label, "total": total, "cells": [{"text": shown(c, figures), "css": _css(c, figures)} for c in COLUMNS]}


def _css(column: Column, figures: Figures) -> str:
    if column.kind != "change" or not figures.change:
        return ""
    return "up" if figures.change > 0 else "down"  # more organisations leaking is the bad direction


def subject(report: WeeklyReport) -> str:
    n = report.national
    return (f"[Eagle Eye] รายงานประจำสัปดาห์ {report.week.thai()}: อัตราการรั่วไหล {percent(n.leak_rate)}, "
            f"เรื่องใหม่ {n.new_incidents:,} เรื่อง")


def to_text(report: WeeklyReport) -> str:
    """The email's plain-text twin: the national figures; the tables are in the HTML part."""
    n = report.national
    lines = [wording.TITLE, f"{report.week.thai()} (ข้อมูลทั้งประเทศ)", ""]
    for column in COLUMNS:
        lines.append(f"- {column.th}: {shown(column, n)}")
    lines += ["", "อัตราการรั่วไหล 8 สัปดาห์ล่าสุด:"]
    lines += [f"- {w.thai_short()}: {percent(r)}" for w, r in zip(report.weeks, n.trend, strict=True)]
    if report.offenders:
        lines += ["", f"อปท. ที่เกิดซ้ำ {len(report.offenders):,} แห่ง:"]
        lines += [f"- {o.name} จังหวัด{o.province} ({o.incidents} เรื่องใน 8 สัปดาห์"
                  + (", พบซ้ำในสัปดาห์นี้" if o.reopened else "") + ")" for o in report.offenders]
    lines += ["", "รายละเอียดรายจังหวัดและประเภท อปท. กราฟ และคำอธิบายตัวเลขอยู่ในอีเมลฉบับ HTML",
              f"จัดทำเมื่อ {thai_datetime(report.generated_at)} โดยระบบ Eagle Eye ไม่มีข้อมูลส่วนบุคคลในรายงานนี้", ""]
    return "\n".join(lines)

