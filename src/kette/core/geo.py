"""Geometry helpers on GeoJSON (WGS 84 longitude/latitude), computed with shapely.

Three parts: bounding boxes stored beside a district's geometry, the checks an
imported district geometry has to pass (optionally repairing it), and the
point → district look-up used for offers' addresses.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import shapely
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from shapely.errors import GeometryTypeError, ShapelyError
from shapely.geometry import MultiPolygon, Point, Polygon, shape
from shapely.geometry.base import BaseGeometry
from shapely.validation import explain_validity

from .models import District, Municipality

Bounds = tuple[float, float, float, float]
POLYGONAL_TYPES = ("Polygon", "MultiPolygon")


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


def to_geojson(geom: BaseGeometry) -> dict[str, Any]:
    """A GeoJSON mapping with lists (not tuples), as it reads back from the database."""
    return _lists(shapely.geometry.mapping(geom))


def _lists(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _lists(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_lists(item) for item in value]
    return value


# --- checking imported geometries -------------------------------------------


@dataclass
class GeometryCheck:
    """The outcome of checking one district geometry.

    ``geometry`` and ``shape`` are set when the geometry can be stored (2-D,
    polygonal, valid, rings oriented as RFC 7946 asks); ``errors`` say why not;
    ``repairs`` say what ``fix=True`` changed. ``outside_lon_lat`` marks
    coordinates that cannot be longitude/latitude (a projected file).
    """

    geometry: dict[str, Any] | None = None
    shape: BaseGeometry | None = None
    errors: list[str] = field(default_factory=list)
    repairs: list[str] = field(default_factory=list)
    outside_lon_lat: bool = False


def polygonal_part(geom: BaseGeometry) -> BaseGeometry:
    """Only the polygons of ``geom`` (e.g. of a ``make_valid`` result), merged."""
    if isinstance(geom, Polygon | MultiPolygon):
        return geom
    polygons = [
        part
        for part in getattr(geom, "geoms", [])
        if isinstance(part, Polygon | MultiPolygon)
    ]
    if not polygons:
        return Polygon()
    merged = shapely.union_all(polygons)
    return merged if isinstance(merged, Polygon | MultiPolygon) else Polygon()


def _where(reason: str) -> str:
    """GEOS's 'Self-intersection[6.9 51.4]' as 'Self-intersection at (6.9, 51.4)'."""
    if reason.endswith("]") and "[" in reason:
        text, _sep, coords = reason[:-1].partition("[")
        return f"{text} at ({', '.join(coords.split())})"
    return reason


def _non_polygonal_parts(geom: BaseGeometry) -> int:
    if isinstance(geom, Polygon | MultiPolygon):
        return 0
    parts = getattr(geom, "geoms", [geom])
    return sum(not isinstance(part, Polygon | MultiPolygon) for part in parts)


def check_district_geometry(geometry: Any, *, fix: bool = False) -> GeometryCheck:
    """Check a GeoJSON geometry for a district; with ``fix``, repair invalid ones."""
    result = GeometryCheck()
    if geometry is None:
        result.errors.append(_("missing"))
        return result
    if not isinstance(geometry, dict) or not isinstance(geometry.get("type"), str):
        result.errors.append(_("not a GeoJSON geometry object"))
        return result
    kind = geometry["type"]
    if kind not in POLYGONAL_TYPES:
        result.errors.append(
            _("is a %(type)s; only Polygon and MultiPolygon describe an area")
            % {"type": kind}
        )
        return result
    try:
        with np.errstate(invalid="ignore"):
            geom = shape(geometry)
    except (
        GeometryTypeError,
        ShapelyError,
        KeyError,
        TypeError,
        ValueError,
        IndexError,
    ):
        # Shapely's own text ("A linearring requires at least 4 coordinates")
        # is a developer's; say what well-formed coordinates look like.
        result.errors.append(
            _(
                "malformed %(type)s coordinates: each ring needs at least four "
                "[longitude, latitude] pairs of numbers, the last one equal to "
                "the first"
            )
            % {"type": kind}
        )
        return result
    if geom.is_empty:
        result.errors.append(_("has no coordinates"))
        return result
    coords = shapely.get_coordinates(geom)
    if not np.isfinite(coords).all():
        result.errors.append(_("has coordinates that are not finite numbers"))
        return result
    outside = (np.abs(coords[:, 0]) > 180) | (np.abs(coords[:, 1]) > 90)
    if outside.any():
        lon, lat = coords[outside][0]
        result.outside_lon_lat = True
        result.errors.append(
            _(
                "coordinates are not WGS 84 longitude/latitude (%(lon)s, %(lat)s "
                "lies outside -180..180, -90..90); the file seems to use a "
                "projected coordinate system such as UTM: reproject it to WGS 84 "
                "(EPSG:4326)"
            )
            % {"lon": f"{lon:g}", "lat": f"{lat:g}"}
        )
        return result
    geom = shapely.force_2d(geom)
    if not geom.is_valid:
        reason = _where(explain_validity(geom))
        if not fix:
            result.errors.append(
                _("invalid geometry: %(reason)s (repair it, or import with --fix)")
                % {"reason": reason}
            )
            return result
        repaired = shapely.make_valid(geom)
        polygonal = polygonal_part(repaired)
        if polygonal.is_empty:
            result.errors.append(
                _("invalid geometry: %(reason)s; no area is left after repair")
                % {"reason": reason}
            )
            return result
        dropped = _non_polygonal_parts(repaired)
        message = _("repaired invalid geometry (%(reason)s): now a %(type)s") % {
            "reason": reason,
            "type": polygonal.geom_type,
        }
        if isinstance(polygonal, MultiPolygon):
            message += _(" of %(count)d parts") % {"count": len(polygonal.geoms)}
        if dropped:
            message += ngettext(
                "; dropped %(count)d line or point part",
                "; dropped %(count)d line or point parts",
                dropped,
            ) % {"count": dropped}
        result.repairs.append(message)
        geom = polygonal
    geom = shapely.orient_polygons(geom, exterior_cw=False)
    result.shape = geom
    result.geometry = to_geojson(geom)
    return result


# --- point → district look-up -----------------------------------------------


def _lookup_order(district: District) -> tuple[int, str]:
    """Deepest level first; among equals the smallest code wins (deterministic)."""
    return (-district.level, district.code)


class DistrictLocator:
    """Finds the deepest district containing a point.

    Loads the municipality's districts with a geometry once and indexes them in
    a shapely STRtree of prepared polygons, so a look-up tests only the few
    districts whose bounding box holds the point. Points on a boundary belong
    to every district they touch; the deepest one wins, and among districts of
    the same level the one with the smallest code. Build a new locator after
    districts change.
    """

    def __init__(
        self,
        municipality: Municipality,
        *,
        districts: Iterable[District] | None = None,
    ) -> None:
        if districts is None:
            districts = District.objects.for_municipality(municipality).filter(
                geometry__isnull=False
            )
        self.municipality = municipality
        self.districts: list[District] = sorted(
            (d for d in districts if d.geometry), key=_lookup_order
        )
        geoms = [to_shape(d.geometry) for d in self.districts]
        self._geoms = np.array(geoms, dtype=object)
        shapely.prepare(self._geoms)
        self._tree = shapely.STRtree(self._geoms)

    def __len__(self) -> int:
        return len(self.districts)

    def locate(self, lon: float, lat: float) -> District | None:
        """The deepest district covering (lon, lat), or None outside all of them."""
        point = Point(lon, lat)
        candidates = self._tree.query(point)
        if not len(candidates):
            return None
        hits = candidates[shapely.covers(self._geoms[candidates], point)]
        return self.districts[int(hits.min())] if len(hits) else None

    def locate_many(
        self, points: Sequence[tuple[float, float]]
    ) -> list[District | None]:
        """``locate`` for many (lon, lat) pairs at once (vectorised)."""
        if not len(points):
            return []
        coords = np.asarray(points, dtype=float)
        found: list[District | None] = [None] * len(coords)
        if not self.districts:
            return found
        inputs, trees = self._tree.query(shapely.points(coords), predicate="intersects")
        best = np.full(len(coords), len(self.districts))
        np.minimum.at(best, inputs, trees)
        for index in np.flatnonzero(best < len(self.districts)):
            found[index] = self.districts[int(best[index])]
        return found


def district_for_point(
    *, municipality: Municipality, lon: float, lat: float
) -> District | None:
    """The deepest district of ``municipality`` covering (lon, lat), or None.

    For a single look-up: the bounding-box columns narrow the candidates in the
    database, shapely tests the few that remain. Same semantics as
    ``DistrictLocator.locate``; use a locator for many points.
    """
    if not (math.isfinite(lon) and math.isfinite(lat)):
        return None
    candidates = District.objects.for_municipality(municipality).filter(
        geometry__isnull=False,
        min_lon__lte=lon,
        max_lon__gte=lon,
        min_lat__lte=lat,
        max_lat__gte=lat,
    )
    point = Point(lon, lat)
    for district in sorted(candidates, key=_lookup_order):
        if to_shape(district.geometry).covers(point):
            return district
    return None
