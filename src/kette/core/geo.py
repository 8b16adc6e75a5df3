"""Geometry helpers on GeoJSON (WGS 84 longitude/latitude), computed with shapely."""

from __future__ import annotations

from typing import Any

from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

Bounds = tuple[float, float, float, float]


def to_shape(geometry: dict[str, Any]) -> BaseGeometry:
    return shape(geometry)


def geometry_bounds(geometry: dict[str, Any] | None) -> Bounds | None:
    """(min_lon, min_lat, max_lon, max_lat) of a GeoJSON geometry, or None."""
    if not geometry:
        return None
    return tuple(float(v) for v in to_shape(geometry).bounds)  # type: ignore[return-value]


def set_district_geometry(district: Any, geometry: dict[str, Any] | None) -> None:
    """Store the geometry on a district together with its bounding box."""
    district.geometry = geometry
    bounds = geometry_bounds(geometry)
    district.min_lon, district.min_lat, district.max_lon, district.max_lat = (
        bounds if bounds else (None, None, None, None)
    )
