"""A time series: one line per series (a district, the city) over the periods.

A period without a figure (suppressed or missing) leaves a gap in the line
rather than a guess. Series differ in colour, marker shape and dash pattern.
The markup is ``kette_monitoring/charts/lines.svg.html``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.safestring import SafeString

from .base import (
    Chart,
    Marker,
    decimals_for,
    fmt,
    marker,
    nice_ticks,
    num,
    render,
    shorten,
)
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


@dataclass(frozen=True)
class LegendEntry:
    """A series in the legend: a stretch of its line with its marker."""

    x1: str
    x2: str
    y: str
    text_x: str
    text_y: str
    name: str
    colour: str
    dash: str
    marker: Marker


@dataclass(frozen=True)
class Label:
    x: str
    y: str
    text: str


@dataclass(frozen=True)
class GridLine:
    y: str
    text_y: str
    label: str


@dataclass(frozen=True)
class Point:
    tooltip: str
    marker: Marker


@dataclass(frozen=True)
class Line:
    """One series: its runs of points without a gap, and each point."""

    colour: str
    dash: str
    runs: list[str]  # the points of each polyline
    points: list[Point]


@dataclass(frozen=True)
class LineChart(Chart):
    left: str = ""
    right: str = ""
    bottom: str = ""
    legend: list[LegendEntry] = field(default_factory=list)
    tick_x: str = ""
    ticks: list[GridLine] = field(default_factory=list)
    unit: Label | None = None
    periods: list[Label] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)


def legend_entry(
    number: int, name: str, top: float, colour: str, dash: str, shape: str, size: float
) -> LegendEntry:
    """Series ``number`` in a legend of three columns, the first row at ``top``."""
    row, col = divmod(number, 3)
    x, y = 10 + col * 245, top + row * 22
    return LegendEntry(
        num(x),
        num(x + 30),
        num(y),
        num(x + 38),
        num(y + 4.5),
        shorten(name, 30),
        colour,
        dash,
        marker(shape, x + 15, y, colour, size),
    )


def polylines(runs: list[list[tuple[float, float]]]) -> list[str]:
    """The points of each run of two or more points (a gap breaks a line)."""
    return [
        " ".join(f"{num(x)},{num(y)}" for x, y in run) for run in runs if len(run) > 1
    ]


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
    span = max(len(periods) - 1, 1)
    step = (WIDTH - LEFT - RIGHT) / span

    def x_of(index: int) -> float:
        return LEFT + (index * step if len(periods) > 1 else (WIDTH - LEFT - RIGHT) / 2)

    def y_of(value: float) -> float:
        return bottom - (value - low) / ((high - low) or 1) * PLOT_HEIGHT

    legend, lines = [], []
    for number, item in enumerate(series):
        colour = REFERENCE if item.reference else SERIES[number % len(SERIES)]
        dash = "5 4" if item.reference else DASHES[number % len(DASHES)]
        shape = MARKERS[number % len(MARKERS)]
        legend.append(legend_entry(number, item.name, 12, colour, dash, shape, 4))
        runs: list[list[tuple[float, float]]] = [[]]
        points = []
        for index, value in enumerate(item.values):
            if value is None or not math.isfinite(value):
                runs.append([])
                continue
            x, y = x_of(index), y_of(value)
            runs[-1].append((x, y))
            points.append(
                Point(
                    f"{item.name}, {periods[index]}: {fmt(value, 2)}",
                    marker(shape, x, y, colour, 4),
                )
            )
        lines.append(Line(colour, dash, polylines(runs), points))
    decimals = decimals_for(ticks)
    every = max(1, math.ceil(len(periods) / 10))
    chart = LineChart(
        ident=ident,
        width=num(WIDTH),
        height=num(bottom + 40),
        title=title,
        desc=description,
        left=num(LEFT),
        right=num(WIDTH - RIGHT),
        bottom=num(bottom),
        legend=legend,
        tick_x=num(LEFT - 6),
        ticks=[
            GridLine(num(y_of(t)), num(y_of(t) + 4.5), fmt(t, decimals)) for t in ticks
        ],
        unit=Label(num(LEFT - 6), num(top - 14), unit) if unit else None,
        periods=[
            Label(num(x_of(index)), num(bottom + 18), period)
            for index, period in enumerate(periods)
            if index % every == 0 or index == len(periods) - 1
        ],
        lines=lines,
    )
    return render("lines", chart)
