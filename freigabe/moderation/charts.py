"""Small bar charts drawn as SVG on the server: no chart library, no script, CSP-safe.

Returned strings are built only from numbers and escaped labels, so they are safe to mark
as HTML in a template.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe

BAR_HEIGHT = 22
LABEL_WIDTH = 240
CHART_WIDTH = 640


def horizontal_bars(items, *, title, max_value=None, shown=lambda value: f"{value:.0f}"):
    """items: [(label, value or None)]. A bar per item, `shown(value)` written beside it."""
    values = [value for _, value in items if value is not None]
    top = max_value or max(values, default=0) or 1
    height = BAR_HEIGHT * max(len(items), 1) + 8
    bar_room = CHART_WIDTH - LABEL_WIDTH - 90
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {CHART_WIDTH} {height}" '
        f'width="{CHART_WIDTH}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for row, (label, value) in enumerate(items):
        y = 4 + row * BAR_HEIGHT
        width = 0 if value is None else max(1, round(bar_room * min(value, top) / top))
        text = "–" if value is None else shown(value)
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 15}" text-anchor="end" class="label">'
            f"{escape(label)}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{width}" height="{BAR_HEIGHT - 8}" '
            f'class="bar"/>'
            f'<text x="{LABEL_WIDTH + width + 6}" y="{y + 15}" class="value">'
            f"{escape(text)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - numbers and escaped labels only


def column_series(labels, series, *, title):
    """A small column chart per series (e.g. decisions per hour for one editor)."""
    top = max((max(values, default=0) for _, values in series), default=0) or 1
    column = 26
    width = max(len(labels), 1) * column + 40
    height = 110
    charts = []
    for name, values in series:
        parts = [
            f'<svg class="chart columns" role="img" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
            f"<title>{escape(title)}: {escape(name)}</title>",
        ]
        for index, value in enumerate(values):
            bar = round(70 * value / top)
            x = 20 + index * column
            parts.append(
                f'<rect x="{x}" y="{80 - bar}" width="{column - 6}" height="{bar}" class="bar"/>'
                f'<text x="{x + (column - 6) / 2}" y="{78 - bar}" text-anchor="middle" '
                f'class="value">{value}</text>'
                f'<text x="{x + (column - 6) / 2}" y="96" text-anchor="middle" class="label">'
                f"{escape(labels[index])}</text>"
            )
        parts.append("</svg>")
        charts.append((name, mark_safe("".join(parts))))  # noqa: S308
    return charts


def duration(seconds):
    """A waiting time as people say it: 45 s, 12 min, 3.5 h."""
    if seconds is None:
        return "–"
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 90 * 60:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"
