"""A choropleth map: districts filled by class, with a legend of the classes.

Classes differ in colour (viridis or the index's own colours) and in a fill
pattern; districts without a figure (suppressed or missing) are hatched
white. Each district carries a tooltip with its name, figure and class.
The markup is ``kette_monitoring/charts/map.svg.html``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .base import Chart, class_fill, num, render
from .classes import ClassBand
from .geometry import MapFrame
from .palettes import ink_on, pattern_for

ROW = 22


@dataclass(frozen=True)
class MapValue:
    """What the map shows for one district."""

    number: int | None  # class number, None without a figure
    text: str  # the figure as shown in the tooltip


def legend_summary(bands: Sequence[ClassBand], missing: int) -> str:
    parts = [
        ngettext(
            "%(label)s: %(count)d district",
            "%(label)s: %(count)d districts",
            band.count,
        )
        % {"label": band.label, "count": band.count}
        for band in bands
    ]
    if missing:
        parts.append(
            ngettext(
                "no figure: %(count)d district",
                "no figure: %(count)d districts",
                missing,
            )
            % {"count": missing}
        )
    return "; ".join(parts)


@dataclass(frozen=True)
class Pattern:
    """The fill of a class: its colour, with the class's marks (``kind``,
    see ``palettes.PATTERNS``) in black or white (``ink``) on top."""

    number: int
    colour: str
    ink: str
    kind: str


@dataclass(frozen=True)
class MapArea:
    path: str
    fill: str
    code: str
    number: str  # the class number, "" without a figure
    tooltip: str


@dataclass(frozen=True)
class LegendRow:
    y: str
    text_y: str
    fill: str
    label: str
    count: int


@dataclass(frozen=True)
class MapChart(Chart):
    patterns: list[Pattern] = field(default_factory=list)
    areas: list[MapArea] = field(default_factory=list)
    highlights: list[str] = field(default_factory=list)  # outlined paths
    legend_title: str = ""
    legend_y: str = ""
    legend: list[LegendRow] = field(default_factory=list)


def choropleth(
    *,
    ident: str,
    frame: MapFrame,
    bands: Sequence[ClassBand],
    values: Mapping[str, MapValue],
    title: str,
    description: str,
    legend_title: str,
    highlight: str = "",
) -> SafeString:
    """The map as SVG markup. ``values`` is keyed by district code; a district
    without an entry, or with ``number`` None, has no figure."""
    missing = sum(
        1
        for area in frame.areas
        if values.get(area.code) is None or values[area.code].number is None
    )
    legend_rows = len(bands) + (1 if missing else 0)
    labels = {band.number: band.label for band in bands}
    areas = []
    for area in frame.areas:
        value = values.get(area.code)
        number = value.number if value is not None else None
        tip = f"{area.name} ({area.code}): "
        tip += value.text if value is not None and value.text else _("no figure")
        if number is not None and number in labels:
            tip += f" – {labels[number]}"
        areas.append(
            MapArea(
                area.path,
                class_fill(ident, number),
                area.code,
                "" if number is None else str(number),
                tip,
            )
        )
    y = frame.height + 20
    entries = [(band.number, band.label, band.count) for band in bands]
    if missing:
        entries.append((None, _("no figure (suppressed or missing)"), missing))
    chart = MapChart(
        ident=ident,
        width=num(frame.width),
        height=num(frame.height + 34 + legend_rows * ROW),
        title=title,
        desc=f"{description} {legend_summary(bands, missing)}".strip(),
        patterns=[
            Pattern(n, band.colour, ink_on(band.colour), pattern_for(n))
            for n, band in enumerate(bands)
        ],
        areas=areas,
        highlights=[a.path for a in frame.areas if a.code == highlight],
        legend_title=legend_title,
        legend_y=num(y),
        legend=[
            LegendRow(
                num(y + 8 + row * ROW),
                num(y + 8 + row * ROW + 12.5),
                class_fill(ident, number),
                label,
                count,
            )
            for row, (number, label, count) in enumerate(entries)
        ],
    )
    return render("map", chart)
