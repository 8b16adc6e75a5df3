"""A time series: one line per series (a district, the city) over the periods.

A period without a figure (suppressed or missing) leaves a gap in the line
rather than a guess. Series differ in colour, marker shape and dash pattern.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .base import decimals_for, fmt, marker, nice_ticks, num, shorten, svg_open
from .palettes import DASHES, MARKERS, REFERENCE, SERIES

WIDTH = 760
LEFT = 64
RIGHT = 32
PLOT_HEIGHT = 260


@dataclass(frozen=True)
class LineSeries:
    name: str
    values: tuple[float | None, ...]  # one per period
    reference: bool = False  # the city: grey and dashed


def line_chart(
    *,
    ident: str,
    periods: Sequence[str],
    series: Sequence[LineSeries],
    title: str,
    description: str,
    unit: str = "",
) -> SafeString:
    values = [v for s in series for v in s.values if v is not None and math.isfinite(v)]
    low, high = (min(values), max(values)) if values else (0.0, 1.0)
    if low >= 0 and low < (high - low):
        low = 0.0  # start at zero unless that squashes the lines
    ticks = nice_ticks(low, high, 5)
    low, high = ticks[0], ticks[-1]
    legend_rows = math.ceil(len(series) / 3)
    top = 34 + legend_rows * 22
    bottom = top + PLOT_HEIGHT
    height = bottom + 40
    span = max(len(periods) - 1, 1)
    step = (WIDTH - LEFT - RIGHT) / span

    def x_of(index: int) -> float:
        return LEFT + (index * step if len(periods) > 1 else (WIDTH - LEFT - RIGHT) / 2)

    def y_of(value: float) -> float:
        return bottom - (value - low) / ((high - low) or 1) * PLOT_HEIGHT

    out = [
        svg_open(
            ident=ident,
            width=WIDTH,
            height=height,
            title=title,
            desc=description,
            css="chart--lines",
        )
    ]
    styles = []
    for number, item in enumerate(series):
        colour = REFERENCE if item.reference else SERIES[number % len(SERIES)]
        dash = "5 4" if item.reference else DASHES[number % len(DASHES)]
        shape = MARKERS[number % len(MARKERS)]
        styles.append((colour, dash, shape))
        row, col = divmod(number, 3)
        x, y = 10 + col * 245, 12 + row * 22
        out.append(
            f'<line x1="{x}" y1="{y}" x2="{x + 30}" y2="{y}" stroke="{colour}" '
            f'stroke-width="2" stroke-dasharray="{dash}"/>'
            + marker(shape, x + 15, y, colour, 4)
            + f'<text x="{x + 38}" y="{y + 4.5}">{escape(shorten(item.name, 30))}</text>'
        )
    decimals = decimals_for(ticks)
    for tick in ticks:
        y = y_of(tick)
        out.append(
            f'<line x1="{LEFT}" y1="{num(y)}" x2="{WIDTH - RIGHT}" y2="{num(y)}" '
            'stroke="#d3d9e0"/>'
            f'<text x="{LEFT - 6}" y="{num(y + 4.5)}" text-anchor="end">'
            f"{escape(fmt(tick, decimals))}</text>"
        )
    if unit:
        out.append(
            f'<text x="{LEFT - 6}" y="{top - 14}" text-anchor="end" fill="#4b5563">'
            f"{escape(unit)}</text>"
        )
    every = max(1, math.ceil(len(periods) / 10))
    for index, period in enumerate(periods):
        if index % every == 0 or index == len(periods) - 1:
            out.append(
                f'<text x="{num(x_of(index))}" y="{bottom + 18}" '
                f'text-anchor="middle">{escape(period)}</text>'
            )
    out.append(
        f'<line x1="{LEFT}" y1="{bottom}" x2="{WIDTH - RIGHT}" y2="{bottom}" '
        'stroke="#4b5563"/>'
    )
    for item, (colour, dash, shape) in zip(series, styles, strict=True):
        run: list[tuple[float, float]] = []
        runs = []
        for index, value in enumerate(item.values):
            if value is None or not math.isfinite(value):
                runs.append(run)
                run = []
                continue
            run.append((x_of(index), y_of(value)))
        runs.append(run)
        for part in runs:
            if len(part) > 1:
                coords = " ".join(f"{num(x)},{num(y)}" for x, y in part)
                out.append(
                    f'<polyline points="{coords}" fill="none" stroke="{colour}" '
                    f'stroke-width="2" stroke-dasharray="{dash}"/>'
                )
        for index, value in enumerate(item.values):
            if value is None or not math.isfinite(value):
                continue
            out.append(
                f"<g><title>{escape(item.name)}, {escape(periods[index])}: "
                f"{escape(fmt(value, 2))}</title>"
                f"{marker(shape, x_of(index), y_of(value), colour, 4)}</g>"
            )
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 - every text above is escaped
