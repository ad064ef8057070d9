"""The report's two charts, drawn here as inline SVG: no JavaScript, nothing to fetch, the same
markup in a browser, in the email and in WeasyPrint's PDF.

WeasyPrint draws SVG text one character at a time, without shaping: Thai vowels and tone marks
above or below a consonant come out as boxes (seen in the page renders). So no Thai goes inside
an SVG here, only numbers; every Thai label is HTML next to the drawing:

* leak rate per province: a table, one row per province (worst first), its name in HTML and its
  bar a small SVG; the dashed national line runs through every row. Past 40 provinces the rows
  go into side-by-side columns, so the whole country fits one A4 landscape page.
* the national leak rate over 8 weeks: a line whose points sit over the columns of the trend
  table below it (same widths), which labels the weeks.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from markupsafe import Markup, escape

from alerts.documents.render_pdf import CSS_FONTS
from reports.columns import percent

BAR_ROWS_PER_COLUMN = 40
#: the trend table's first column, in percent of the width; the 8 weeks share the rest equally
TREND_LABEL_PCT = 16.0
_BAR, _NATIONAL, _GRID, _INK, _MUTED = "#1e3a8a", "#b91c1c", "#d1d5db", "#111827", "#4b5563"
# in an attribute: the font list with single quotes, as its double quotes would end the attribute
_FONT = CSS_FONTS.replace('"', "'")
_STEPS = (0.01, 0.02, 0.05, 0.1, 0.2, 0.25)


def axis(values: Sequence[float | None], *, most_ticks: int = 5) -> tuple[float, float]:
    """(end, step) of a percentage axis: round steps (1, 2, 5, 10, 20, 25 %), at most
    ``most_ticks`` of them, ending at or just above the largest value, and at 5 % at least
    (a week with no leak still gets a readable axis)."""
    top = max([v for v in values if v is not None] + [0.05])
    step = next((s for s in _STEPS if math.ceil(round(top / s, 9)) <= most_ticks), 0.25)
    return min(1.0, round(step * math.ceil(round(top / step, 9)), 6)), step


def _tick_label(fraction: float) -> str:
    return f"{fraction * 100:.0f}%" if round(fraction * 100, 6).is_integer() else f"{fraction * 100:.1f}%"


def _svg(width: float, height: float, body: list[str], *, label: str = "", css: str = "chart") -> Markup:
    described = f' role="img" aria-label="{escape(label)}"' if label else ' aria-hidden="true"'
    return Markup(f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:g} {height:g}" class="{css}"'
                  f'{described} font-family="{_FONT}">{"".join(body)}</svg>')


def _number(x: float, y: float, text: str, *, size: float, anchor: str = "middle", color: str = _INK,
            bold: bool = False) -> str:
    """Digits and % only: see the module docstring."""
    weight = ' font-weight="bold"' if bold else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size:.1f}" text-anchor="{anchor}" fill="{color}"{weight}>'
            f"{escape(text)}</text>")


def _line(x1: float, y1: float, x2: float, y2: float, *, color: str, width: float = 1, dash: str = "") -> str:
    dashed = f' stroke-dasharray="{dash}"' if dash else ""
    return (f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{color}" '
            f'stroke-width="{width:g}"{dashed}/>')


def province_bars(rows: Sequence[tuple[str, float | None]], *, national: float | None) -> Markup:
    """``rows``: (province, leak rate). An HTML table of bars, worst first, no figure last."""
    ordered = sorted(rows, key=lambda r: (r[1] is None, -(r[1] or 0.0)))
    columns = max(1, math.ceil(len(ordered) / BAR_ROWS_PER_COLUMN))
    per_column = max(1, math.ceil(len(ordered) / columns))
    end, step = axis([r[1] for r in ordered] + [national])
    # one bar's drawing, wider than tall so it keeps its shape at any table width: about 4 mm
    # high on A4 landscape, one column or two, so 40 rows and their caption fit one page
    width, height = 1000.0 / columns, 22.0 if columns == 1 else 18.0
    ticks = [step * n for n in range(round(end / step) + 1)]

    def x(fraction: float) -> float:
        # room on the left for half of "0%", on the right for the value after a full bar
        return 24 + (width - 100) * fraction / end

    def bar(rate: float | None) -> Markup:
        body = [_line(x(t), 0, x(t), height, color=_GRID) for t in ticks]
        body.append(f'<rect x="{x(0):.1f}" y="{height * 0.15:.1f}" width="{x(rate or 0) - x(0):.1f}" height="{height * 0.7:.1f}" '
                    f'fill="{_BAR}"/>')
        if national is not None:
            body.append(_line(x(national), 0, x(national), height, color=_NATIONAL, width=2.5, dash="5 3"))
        # on a white ground: the national line may run through the value
        label, size = percent(rate), height * 0.7
        body.append(f'<rect x="{x(rate or 0) + 3:.1f}" y="{height * 0.12:.1f}" width="{len(label) * size * 0.6:.1f}" '
                    f'height="{height * 0.76:.1f}" fill="#ffffff"/>')
        body.append(_number(x(rate or 0) + 6, height * 0.78, label, size=size, anchor="start"))
        return _svg(width, height, body, css="bar")

    scale = _svg(width, 22, [_number(x(t), 16, _tick_label(t), size=13, color=_MUTED) for t in ticks], css="bar")
    tables = []
    for c in range(columns):
        lines = [f'<tr><td class="name">{escape(name)}</td><td class="bar">{bar(rate)}</td></tr>'
                 for name, rate in ordered[c * per_column:(c + 1) * per_column]]
        lines.append(f'<tr class="scale"><td></td><td class="bar">{scale}</td></tr>')
        tables.append(f'<table class="bars">{"".join(lines)}</table>')
    if columns == 1:
        return Markup(tables[0])
    cells = "".join(f'<td style="width:{100 / columns:.2f}%">{t}</td>' for t in tables)
    return Markup(f'<table class="bar-columns"><tr>{cells}</tr></table>')


def trend_line(rates: Sequence[float | None], *, label: str) -> Markup:
    """The rates, oldest first, each point over its week's column of the trend table."""
    width, height, top, bottom = 1000.0, 230.0, 26.0, 10.0
    left = width * TREND_LABEL_PCT / 100
    column = (width - left) / max(1, len(rates))
    end, step = axis(rates)
    plot_h = height - top - bottom

    def y(fraction: float) -> float:
        return top + plot_h * (1 - fraction / end)

    body = []
    for n in range(round(end / step) + 1):
        body.append(_line(left, y(n * step), width, y(n * step), color=_GRID))
        body.append(_number(left - 10, y(n * step) + 5, _tick_label(n * step), size=14, anchor="end", color=_MUTED))
    points = [(left + column * (i + 0.5), y(rate), rate) for i, rate in enumerate(rates) if rate is not None]
    if len(points) > 1:
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py, _ in points)
        body.append(f'<polyline points="{path}" fill="none" stroke="{_BAR}" stroke-width="3"/>')
    for n, (px, py, rate) in enumerate(points):
        last = n == len(points) - 1
        body.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="{6 if last else 4}" fill="{_NATIONAL if last else _BAR}"/>')
        body.append(_number(px, py - 12, percent(rate), size=15, bold=last))
    return _svg(width, height, body, label=label)
