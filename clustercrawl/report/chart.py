"""Posts per month as an inline SVG bar chart: readable offline, in any browser, without
JavaScript or a charting library; native ``<title>`` tooltips give the exact counts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date
from html import escape
from typing import Any

#: Months shown, ending with the run's month.
MONTHS = 36
WIDTH, HEIGHT = 900, 220
LEFT, RIGHT, TOP, BOTTOM = 40, 10, 14, 34
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
               "Dec")


def month_of(post: Mapping[str, Any]) -> str | None:
    """``YYYY-MM`` of the publication date when it is at least month-precise."""
    pub = post.get("published")
    if not isinstance(pub, Mapping):
        return None
    value = pub.get("value")
    if not isinstance(value, str) or len(value) < 7 or pub.get("precision") == "year":
        return None
    return value[:7]


def _shift(year: int, month: int, delta: int) -> tuple[int, int]:
    idx = year * 12 + month - 1 + delta
    return idx // 12, idx % 12 + 1


def month_counts(posts: Iterable[Mapping[str, Any]], last: date,
                 months: int = MONTHS) -> tuple[list[tuple[str, int]], int, int]:
    """(month, count) for the ``months`` months ending with ``last``'s, plus how many dated
    posts fall before that window and how many have no usable date."""
    counts: Counter[str] = Counter()
    undated = 0
    for post in posts:
        month = month_of(post)
        if month is None:
            undated += 1
        else:
            counts[month] += 1
    window = [_shift(last.year, last.month, -i) for i in range(months - 1, -1, -1)]
    keys = [f"{y:04d}-{m:02d}" for y, m in window]
    older = sum(n for k, n in counts.items() if k < keys[0])
    return [(k, counts.get(k, 0)) for k in keys], older, undated


def _nice_max(value: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if value <= step * 4:
            return step * 4
    return value


def bar_chart(series: list[tuple[str, int]]) -> str:
    """The SVG: one ``rect.bar`` per month (``data-month``, ``data-count``), a y axis with four
    gridlines, January labels with the year."""
    top = _nice_max(max((n for _, n in series), default=0) or 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(series), 1)
    out = [f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} '
           f'{HEIGHT}" width="100%" role="img" aria-labelledby="chart-title">',
           '<title id="chart-title">Posts per month</title>']
    for i in range(5):
        value = top * i // 4
        y = TOP + plot_h - plot_h * i / 4
        out.append(f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" '
                   f'y2="{y:.1f}"/><text class="axis" x="{LEFT - 6}" y="{y + 4:.1f}" '
                   f'text-anchor="end">{value}</text>')
    for i, (month, count) in enumerate(series):
        h = plot_h * count / top
        x = LEFT + i * slot + slot * 0.15
        y = TOP + plot_h - h
        year, mon = month.split("-")
        label = f"{MONTH_NAMES[int(mon) - 1]} {year}: {count} post{'s' if count != 1 else ''}"
        out.append(f'<rect class="bar" data-month="{month}" data-count="{count}" x="{x:.1f}" '
                   f'y="{y:.1f}" width="{slot * 0.7:.1f}" height="{h:.1f}">'
                   f"<title>{escape(label)}</title></rect>")
        if count and slot >= 18:
            out.append(f'<text class="value" x="{x + slot * 0.35:.1f}" y="{y - 3:.1f}" '
                       f'text-anchor="middle">{count}</text>')
        if mon == "01" or (i == 0 and int(mon) < 11):  # the first month, unless a
            # January label follows too closely
            out.append(f'<text class="axis" x="{x:.1f}" y="{HEIGHT - BOTTOM + 16}">'
                       f"{MONTH_NAMES[int(mon) - 1]} {year}</text>")
    out.append(f'<line class="base" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{TOP + plot_h}" '
               f'y2="{TOP + plot_h}"/></svg>')
    return "\n".join(out)
