"""The profile diagram of a Sozialstrukturatlas: a district's indicators as
standard scores against the city average (the middle line).

Every indicator is standardised over the districts of the same level,
z = (value − mean) / standard deviation, and oriented so that the right side
always means more need (for indicators where higher is better the sign is
turned round), so that indicators in different units can stand side by side.
One district is drawn as bars; two or more (the comparison) as profile lines
with their own colour, marker shape and dash pattern.
The markup is ``kette_monitoring/charts/profile.svg.html``.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.safestring import SafeString

from .base import Chart, fmt, marker, num, render, shorten
from .palettes import DASHES, FAVOURABLE, MARKERS, SERIES, UNFAVOURABLE
from .timeseries import LegendEntry, Line, Point, legend_entry, polylines

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


@dataclass(frozen=True)
class ProfileBar:
    x: str
    y: str
    width: str
    colour: str
    text: str  # the z as shown


@dataclass(frozen=True)
class ProfileRow:
    """An indicator: its label (shortened, the whole name as tooltip) and,
    with one district, its bar (None: no figure)."""

    y: str  # the row's top
    text_y: str
    name: str
    label: str
    shaded: bool
    bar: ProfileBar | None = None


@dataclass(frozen=True)
class Step:
    """A grid line at a whole standard deviation."""

    x: str
    label: str
    strong: bool  # the average (0)


@dataclass(frozen=True)
class ProfileChart(Chart):
    label_x: str = ""
    plot_left: str = ""
    plot_right: str = ""
    middle: str = ""
    axis_y: str = ""
    top: str = ""
    bottom: str = ""
    step_y: str = ""
    caption_y: str = ""
    no_figure_x: str = ""
    single: bool = False  # one district: bars, else lines
    legend: list[LegendEntry] = field(default_factory=list)
    rows: list[ProfileRow] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)  # two districts or more


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
    bottom = top + len(labels) * ROW

    def x_of(z: float) -> float:
        return middle + max(-limit, min(limit, z)) * scale

    legend = []
    for column, item in enumerate(series if len(series) > 1 else []):
        legend.append(
            legend_entry(
                column,
                item.name,
                14,
                SERIES[column % len(SERIES)],
                DASHES[column % len(DASHES)],
                MARKERS[column % len(MARKERS)],
                5,
            )
        )
    bars = series[0].values if len(series) == 1 else [None] * len(labels)
    rows = []
    for at, label in enumerate(labels):
        y = top + at * ROW + ROW / 2
        row = ProfileRow(
            num(y - ROW / 2), num(y + 4.5), label, shorten(label, 36), at % 2 == 0
        )
        value = bars[at]
        if value is not None and math.isfinite(value):
            end, zero = x_of(value), x_of(0)
            left, width = min(zero, end), max(abs(end - zero), 1)
            row = dataclasses.replace(
                row,
                bar=ProfileBar(
                    num(left),
                    num(y - 8),
                    num(width),
                    UNFAVOURABLE if value > 0 else FAVOURABLE,
                    fmt(value, 2),
                ),
            )
        rows.append(row)
    chart = ProfileChart(
        ident=ident,
        width=num(WIDTH),
        height=num(bottom + 40),
        title=title,
        desc=description,
        label_x=num(LABEL_WIDTH - 10),
        plot_left=num(plot_left),
        plot_right=num(plot_right),
        middle=num(middle),
        axis_y=num(top - 12),
        top=num(top),
        bottom=num(bottom),
        step_y=num(bottom + 16),
        caption_y=num(bottom + 34),
        no_figure_x=num(x_of(0) + 6),
        single=len(series) == 1,
        legend=legend,
        rows=rows,
        steps=[
            Step(num(x_of(step)), fmt(step, 0), step == 0)
            for step in range(-int(limit), int(limit) + 1)
        ],
        lines=[
            _line(item, column, top, x_of)
            for column, item in enumerate(series if len(series) > 1 else [])
        ],
    )
    return render("profile", chart)


def _line(item: ProfileSeries, column: int, top: float, x_of) -> Line:
    colour = SERIES[column % len(SERIES)]
    shape = MARKERS[column % len(MARKERS)]
    runs: list[list[tuple[float, float]]] = [[]]
    points = []
    for row, value in enumerate(item.values):
        if value is None or not math.isfinite(value):
            runs.append([])
            continue
        x, y = x_of(value), top + row * ROW + ROW / 2
        runs[-1].append((x, y))
        points.append(
            Point(f"{item.name}: {fmt(value, 2)}", marker(shape, x, y, colour))
        )
    return Line(colour, DASHES[column % len(DASHES)], polylines(runs), points)
