"""The profile diagram of a Sozialstrukturatlas: a district's indicators as
standard scores against the city average (the middle line).

Every indicator is standardised over the districts of the same level,
z = (value − mean) / standard deviation, and oriented so that the right side
always means more need (for indicators where higher is better the sign is
turned round), so that indicators in different units can stand side by side.
One district is drawn as bars; two or more (the comparison) as profile lines
with their own colour, marker shape and dash pattern.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .base import fmt, marker, num, shorten, svg_open
from .palettes import DASHES, FAVOURABLE, MARKERS, REFERENCE, SERIES, UNFAVOURABLE

WIDTH = 760
LABEL_WIDTH = 310
RIGHT = 24
ROW = 28
LIMIT = 3.0


@dataclass(frozen=True)
class ProfileSeries:
    name: str
    values: tuple[float | None, ...]  # oriented z per indicator, None: no figure


def _limit(series: Sequence[ProfileSeries]) -> float:
    largest = max(
        (
            abs(v)
            for s in series
            for v in s.values
            if v is not None and math.isfinite(v)
        ),
        default=1.0,
    )
    return float(min(LIMIT, max(2, math.ceil(largest))))


def profile_chart(
    *,
    ident: str,
    labels: Sequence[str],
    series: Sequence[ProfileSeries],
    title: str,
    description: str,
) -> SafeString:
    """The profile as SVG; ``labels`` name the indicators (rows)."""
    limit = _limit(series)
    legend_rows = 0 if len(series) < 2 else math.ceil(len(series) / 3)
    top = 48 + legend_rows * 22
    plot_left, plot_right = LABEL_WIDTH, WIDTH - RIGHT
    middle = (plot_left + plot_right) / 2
    scale = (plot_right - plot_left) / (2 * limit)
    height = top + len(labels) * ROW + 40

    def x_of(z: float) -> float:
        return middle + max(-limit, min(limit, z)) * scale

    out = [
        svg_open(
            ident=ident,
            width=WIDTH,
            height=height,
            title=title,
            desc=description,
            css="chart--profile",
        )
    ]
    for column, item in enumerate(series if len(series) > 1 else []):
        row, col = divmod(column, 3)
        x, y = 10 + col * 245, 14 + row * 22
        colour = SERIES[column % len(SERIES)]
        dash = DASHES[column % len(DASHES)]
        out.append(
            f'<line x1="{x}" y1="{y}" x2="{x + 30}" y2="{y}" stroke="{colour}" '
            f'stroke-width="2" stroke-dasharray="{dash}"/>'
            + marker(MARKERS[column % len(MARKERS)], x + 15, y, colour)
            + f'<text x="{x + 38}" y="{y + 4.5}">{escape(shorten(item.name, 30))}</text>'
        )
    axis_y = top - 12
    out.append(
        f'<text x="{num(plot_left)}" y="{axis_y}" fill="#4b5563">'
        f"{escape(_('← less need'))}</text>"
        f'<text x="{num(plot_right)}" y="{axis_y}" text-anchor="end" '
        f'fill="#4b5563">{escape(_("more need →"))}</text>'
    )
    for row, label in enumerate(labels):
        y = top + row * ROW + ROW / 2
        if row % 2 == 0:
            out.append(
                f'<rect x="0" y="{num(y - ROW / 2)}" width="{WIDTH}" height="{ROW}" '
                'fill="#f4f6f9"/>'
            )
        out.append(
            f'<text x="{LABEL_WIDTH - 10}" y="{num(y + 4.5)}" text-anchor="end">'
            f"<title>{escape(label)}</title>{escape(shorten(label, 36))}</text>"
        )
    for step in range(-int(limit), int(limit) + 1):
        x = x_of(step)
        strong = step == 0
        out.append(
            f'<line x1="{num(x)}" y1="{top}" x2="{num(x)}" '
            f'y2="{top + len(labels) * ROW}" stroke="{REFERENCE if strong else "#d3d9e0"}" '
            f'stroke-width="{2 if strong else 1}"/>'
            f'<text x="{num(x)}" y="{top + len(labels) * ROW + 16}" '
            f'text-anchor="middle">{escape(fmt(step, 0))}</text>'
        )
    out.append(
        f'<text x="{num(middle)}" y="{top + len(labels) * ROW + 34}" '
        f'text-anchor="middle" fill="#4b5563">'
        f"{escape(_('standard deviations from the average of the districts shown (0)'))}</text>"
    )
    if len(series) == 1:
        out.extend(_bars(series[0], top, x_of))
    else:
        for column, item in enumerate(series):
            out.extend(_line(item, column, top, x_of))
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 - every text above is escaped


def _bars(item: ProfileSeries, top: float, x_of) -> list[str]:
    parts = []
    zero = x_of(0)
    for row, value in enumerate(item.values):
        y = top + row * ROW + ROW / 2
        if value is None or not math.isfinite(value):
            parts.append(
                f'<text x="{num(zero + 6)}" y="{num(y + 4.5)}" fill="#4b5563">'
                f"{escape(_('no figure'))}</text>"
            )
            continue
        end = x_of(value)
        colour = UNFAVOURABLE if value > 0 else FAVOURABLE
        left, width = min(zero, end), max(abs(end - zero), 1)
        parts.append(
            f'<rect x="{num(left)}" y="{num(y - 8)}" width="{num(width)}" height="16" '
            f'fill="{colour}"><title>{escape(fmt(value, 2))}</title></rect>'
        )
    return parts


def _line(item: ProfileSeries, column: int, top: float, x_of) -> list[str]:
    colour = SERIES[column % len(SERIES)]
    dash = DASHES[column % len(DASHES)]
    shape = MARKERS[column % len(MARKERS)]
    parts, run = [], []
    points = []
    for row, value in enumerate(item.values):
        y = top + row * ROW + ROW / 2
        if value is None or not math.isfinite(value):
            if len(run) > 1:
                parts.append(_polyline(run, colour, dash))
            run = []
            continue
        run.append((x_of(value), y))
        points.append((x_of(value), y, value))
    if len(run) > 1:
        parts.append(_polyline(run, colour, dash))
    for x, y, value in points:
        parts.append(
            f"<g><title>{escape(item.name)}: {escape(fmt(value, 2))}</title>"
            f"{marker(shape, x, y, colour)}</g>"
        )
    return parts


def _polyline(points: list[tuple[float, float]], colour: str, dash: str) -> str:
    coords = " ".join(f"{num(x)},{num(y)}" for x, y in points)
    return (
        f'<polyline points="{coords}" fill="none" stroke="{colour}" '
        f'stroke-width="2" stroke-dasharray="{dash}"/>'
    )
