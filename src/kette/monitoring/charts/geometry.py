"""District outlines as SVG paths, with the projection of ``kette.core.svg``.

The shapes are simplified to about half a pixel, which keeps a map of a
hundred detailed districts small without a visible change.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from shapely.ops import unary_union

from kette.core.svg import Projection, shape_or_none

#: Simplify to this many viewBox units.
TOLERANCE = 0.5


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    path: str
    x: float  # a point inside the area, for a label or marker
    y: float


@dataclass(frozen=True)
class MapFrame:
    """The projected districts of one level: ready to colour."""

    width: int
    height: int
    areas: tuple[Area, ...] = field(default_factory=tuple)

    @property
    def codes(self) -> list[str]:
        return [area.code for area in self.areas]


def map_frame(districts: Iterable[Any], *, width: int = 640) -> MapFrame | None:
    """The areas of ``districts`` (objects or tuples with code, name, geometry);
    None when none has a geometry."""
    shapes = []
    for district in districts:
        code, name, geometry = (
            district
            if isinstance(district, tuple)
            else (district.code, district.name, district.geometry)
        )
        shape = shape_or_none(geometry)
        if shape is not None:
            shapes.append((code, name, shape))
    if not shapes:
        return None
    projection = Projection(
        unary_union([s for _, _, s in shapes]).bounds, width=width, pad=6
    )
    tolerance = TOLERANCE / projection.scale
    areas = []
    for code, name, shape in sorted(shapes, key=lambda item: item[0]):
        simple = shape.simplify(tolerance, preserve_topology=True)
        if simple.is_empty:
            simple = shape
        anchor = shape.representative_point()
        x, y = projection.point(anchor.x, anchor.y)
        areas.append(Area(code=code, name=name, path=projection.path(simple), x=x, y=y))
    return MapFrame(
        width=projection.width, height=projection.height, areas=tuple(areas)
    )
