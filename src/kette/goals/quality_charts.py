"""The radar (spider) chart of the quality cycle as data for an SVG template.

One axis per station, from the centre (rating 0) to the rim (4); one
polygon per series (the assessment, the previous one or the state's mean),
each with its own colour, line style and marker shape. The markup is in
``kette_goals/charts/radar.svg.html`` inside the monitoring's chart frame
(title, description, ``role="img"``); the page puts the data table beside
the chart.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from kette.monitoring.charts.base import (
    Chart,
    Marker,
    chart_id,
    marker,
    num,
    shorten,
    text_width,
)
from kette.monitoring.charts.timeseries import LegendEntry, legend_entry

from .models import Rating

WIDTH = 760
CENTRE_X = WIDTH / 2
CENTRE_Y = 235
RADIUS = 165
LEGEND_Y = 470
HEIGHT = 500
TOP = max(Rating.values)
#: The longest axis label that fits beside the circle (text_width's estimate)
LABEL_CHARS = int((CENTRE_X - RADIUS - 24) / text_width("x"))
#: (colour, dash, marker shape) per series: apart by more than the colour
STYLES = [
    ("#004488", "", "circle"),
    ("#bb5566", "6 4", "square"),
    ("#997700", "2 3", "triangle"),
]


@dataclass(frozen=True)
class Series:
    name: str
    values: list[float | None]  # one per axis; None is drawn at 0


@dataclass(frozen=True)
class Axis:
    x2: str
    y2: str
    label: str
    label_x: str
    label_y: str
    anchor: str


@dataclass(frozen=True)
class Ring:
    points: str
    label: str
    label_y: str


@dataclass(frozen=True)
class Polygon:
    name: str
    points: str
    colour: str
    dash: str
    markers: list[Marker]


@dataclass(frozen=True)
class RadarChart(Chart):
    cx: str = ""
    cy: str = ""
    axes: list[Axis] = field(default_factory=list)
    rings: list[Ring] = field(default_factory=list)
    polygons: list[Polygon] = field(default_factory=list)
    legend: list[LegendEntry] = field(default_factory=list)


def _point(index: int, count: int, value: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    distance = RADIUS * value / TOP
    return (
        CENTRE_X + distance * math.cos(angle),
        CENTRE_Y + distance * math.sin(angle),
    )


def _points(values: list[float]) -> str:
    count = len(values)
    return " ".join(
        f"{num(x)},{num(y)}"
        for x, y in (_point(i, count, value) for i, value in enumerate(values))
    )


def radar_chart(
    *, labels: list[str], series: list[Series], title: str, desc: str, scope: str
) -> RadarChart:
    """A radar over ``labels`` (the stations) with up to three ``series``."""
    count = max(len(labels), 3)
    axes = []
    for index, label in enumerate(labels):
        x2, y2 = _point(index, count, TOP)
        lx, ly = _point(index, count, TOP * (RADIUS + 14) / RADIUS)
        cos = math.cos(-math.pi / 2 + 2 * math.pi * index / count)
        anchor = "start" if cos > 0.3 else "end" if cos < -0.3 else "middle"
        if anchor == "middle":
            ly += 12 if ly > CENTRE_Y else -4
        axes.append(
            Axis(
                num(x2), num(y2), shorten(label, LABEL_CHARS), num(lx), num(ly), anchor
            )
        )
    rings = [
        Ring(
            points=_points([level] * count),
            label=str(level),
            label_y=num(CENTRE_Y - RADIUS * level / TOP + 12),
        )
        for level in range(1, TOP + 1)
    ]
    polygons, legend = [], []
    for number, item in enumerate(series[: len(STYLES)]):
        colour, dash, shape = STYLES[number]
        values = [value or 0.0 for value in item.values]
        markers = [
            marker(shape, *_point(i, count, value), colour, size=4)
            for i, value in enumerate(values)
        ]
        polygons.append(Polygon(item.name, _points(values), colour, dash, markers))
        legend.append(legend_entry(number, item.name, LEGEND_Y, colour, dash, shape, 4))
    return RadarChart(
        ident=chart_id("quality", scope),
        width=str(WIDTH),
        height=str(HEIGHT),
        title=title,
        desc=desc,
        cx=num(CENTRE_X),
        cy=num(CENTRE_Y),
        axes=axes,
        rings=rings,
        polygons=polygons,
        legend=legend,
    )
