"""A district overview map as server-rendered SVG data.

Coordinates are WGS 84 longitude/latitude. A simple equirectangular
projection, with longitudes scaled by the cosine of the middle latitude, is
plenty at city scale and needs no projection library. The template
``kette_core/includes/district_map.html`` turns the result into markup.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from .districts import DistrictTree
from .geo import to_shape

# Paul Tol's "light" scheme: distinguishable with colour-vision deficiencies
# and light enough for black labels (contrast above 7:1 on every colour).
PALETTE = (
    "#77AADD",
    "#EE8866",
    "#EEDD88",
    "#FFAABB",
    "#99DDFF",
    "#44BB99",
    "#BBCC33",
    "#DDDDDD",
    "#AAAA00",
)


@dataclass
class MapShape:
    code: str
    name: str
    group: str
    path: str
    colour: str


@dataclass
class MapLabel:
    x: float
    y: float
    text: str


@dataclass
class LegendEntry:
    code: str
    name: str
    colour: str
    parts: int


@dataclass
class DistrictMap:
    width: int
    height: int
    shapes: list[MapShape] = field(default_factory=list)
    outlines: list[str] = field(default_factory=list)
    labels: list[MapLabel] = field(default_factory=list)
    legend: list[LegendEntry] = field(default_factory=list)
    # How lon/lat became x/y, for drawing points on the same map.
    projection: Projection | None = field(default=None, repr=False, compare=False)

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"


class Projection:
    """Maps lon/lat into a viewBox ``width`` wide, keeping the aspect ratio."""

    def __init__(self, bounds: tuple[float, float, float, float], width: int, pad: int):
        min_lon, min_lat, max_lon, max_lat = bounds
        self.min_lon, self.max_lat, self.pad = min_lon, max_lat, pad
        self.kx = math.cos(math.radians((min_lat + max_lat) / 2))
        span_x = max((max_lon - min_lon) * self.kx, 1e-9)
        span_y = max(max_lat - min_lat, 1e-9)
        self.scale = (width - 2 * pad) / span_x
        self.width = width
        self.height = math.ceil(span_y * self.scale + 2 * pad)

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        x = (lon - self.min_lon) * self.kx * self.scale + self.pad
        y = (self.max_lat - lat) * self.scale + self.pad
        return round(x, 1), round(y, 1)

    def path(self, geometry: BaseGeometry) -> str:
        parts = []
        for polygon in _polygons(geometry):
            for ring in (polygon.exterior, *polygon.interiors):
                points = [self.point(lon, lat) for lon, lat, *_ in ring.coords[:-1]]
                if len(points) < 3:
                    continue
                coords = " ".join(f"{x:g},{y:g}" for x, y in points)
                parts.append(f"M{coords}Z")
        return "".join(parts)


def _polygons(geometry: BaseGeometry) -> Iterable[Polygon]:
    if isinstance(geometry, Polygon):
        yield geometry
    elif hasattr(geometry, "geoms"):
        for part in geometry.geoms:
            yield from _polygons(part)


def shape_or_none(geometry: dict[str, Any] | None) -> BaseGeometry | None:
    if not geometry:
        return None
    try:
        shape = to_shape(geometry)
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    return None if shape.is_empty else shape


def district_map(districts: Sequence[Any], *, width: int = 800) -> DistrictMap | None:
    """The map of ``districts`` (objects with pk, parent_id, code, name, geometry).

    Leaf districts are filled in the colour of their top-level district, the
    top-level districts are outlined and labelled. Returns None when no
    district has a geometry.
    """
    tree = DistrictTree(districts)
    shapes = {d.pk: shape_or_none(d.geometry) for d in districts}

    groups: dict[int, list[Any]] = {}
    for district in tree.leaves():
        if shapes[district.pk] is not None:
            groups.setdefault(tree.root(district).pk, []).append(district)
    tops = sorted(
        (tree.districts[pk] for pk in groups), key=lambda d: (d.code, d.name)
    )  # stable colours
    if not tops:
        return None

    drawn = [shapes[d.pk] for members in groups.values() for d in members]
    drawn += [shapes[t.pk] for t in tops if shapes[t.pk] is not None]
    projection = Projection(unary_union(drawn).bounds, width=width, pad=8)
    result = DistrictMap(
        width=projection.width, height=projection.height, projection=projection
    )

    for index, top in enumerate(tops):
        colour = PALETTE[index % len(PALETTE)]
        members = sorted(groups[top.pk], key=lambda d: d.code)
        for district in members:
            result.shapes.append(
                MapShape(
                    code=district.code,
                    name=district.name,
                    group=top.name,
                    path=projection.path(shapes[district.pk]),
                    colour=colour,
                )
            )
        outline = shapes[top.pk] or unary_union([shapes[d.pk] for d in members])
        if members != [top]:
            result.outlines.append(projection.path(outline))
        anchor = outline.representative_point()
        x, y = projection.point(anchor.x, anchor.y)
        result.labels.append(MapLabel(x=x, y=y, text=top.name))
        parts = 0 if members == [top] else len(members)
        result.legend.append(
            LegendEntry(code=top.code, name=top.name, colour=colour, parts=parts)
        )
    return result
