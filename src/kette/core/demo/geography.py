"""Demo municipalities, their districts with polygons, and population figures.

The polygons tile each town without gaps or overlaps by construction: the
town's outline is cut into Voronoi cells around the districts' seed points,
the cells' boundaries become one network of lines, that network is bent by a
smooth displacement (so borders wiggle like real ones) and rounded to six
decimals *once*, and the faces of the network are the districts. Two
neighbours therefore share exactly the same border vertices.
"""

from __future__ import annotations

import math
from random import Random
from types import SimpleNamespace
from typing import Any

import numpy as np
import shapely
from django.utils.translation import gettext as _
from shapely.geometry import MultiPoint, Point, Polygon
from shapely.geometry.base import BaseGeometry

from ..geo import set_district_geometry, to_shape
from ..models import AgeBand, District, DistrictPopulation, Municipality
from .places import TOWNS, Area, Town
from .registry import DemoContext, register

KM_PER_DEGREE_LAT = 111.2
DECIMALS = 6
SEGMENT_KM = 0.15  # border vertices at most this far apart
YEARS = range(2021, 2026)

# Share of all residents per age band (0-3 includes pregnancy) in a district
# of average profile, and the band's yearly trend across the city.
BAND_SHARES = {
    "0-3": 0.031,
    "3-6": 0.027,
    "6-10": 0.036,
    "10-14": 0.036,
    "14-18": 0.037,
    "18-27": 0.098,
}
BAND_TRENDS = {
    "0-3": -0.012,
    "3-6": 0.004,
    "6-10": 0.014,
    "10-14": 0.01,
    "14-18": 0.005,
    "18-27": -0.004,
}


# --- polygons -----------------------------------------------------------------


def _outline(town: Town, rng: Random, vertices: int = 48) -> Polygon:
    """An irregular oval around the centre, in km."""
    phases = [rng.uniform(0, 2 * math.pi) for _ in range(3)]
    points = []
    for i in range(vertices):
        t = 2 * math.pi * i / vertices
        wave = (
            0.6 * math.sin(3 * t + phases[0])
            + 0.3 * math.sin(5 * t + phases[1])
            + 0.2 * math.sin(7 * t + phases[2])
        )
        factor = 1 + town.wobble * wave
        points.append(
            (town.radius_x * factor * math.cos(t), town.radius_y * factor * math.sin(t))
        )
    return Polygon(points)


def _bend(xy: np.ndarray) -> np.ndarray:
    """A smooth, one-to-one displacement of up to ~170 m (km in, km out)."""
    x, y = xy[:, 0], xy[:, 1]
    dx = 0.12 * np.sin(2 * np.pi * y / 2.3 + 0.7) + 0.05 * np.sin(
        2 * np.pi * (x + y) / 1.3
    )
    dy = 0.12 * np.sin(2 * np.pi * x / 2.9 + 1.9) + 0.05 * np.cos(
        2 * np.pi * (x - y) / 1.1
    )
    return np.column_stack([x + dx, y + dy])


def _to_lon_lat(town: Town, xy: np.ndarray) -> np.ndarray:
    km_per_degree_lon = KM_PER_DEGREE_LAT * math.cos(math.radians(town.lat))
    lon = town.lon + xy[:, 0] / km_per_degree_lon
    lat = town.lat + xy[:, 1] / KM_PER_DEGREE_LAT
    return np.column_stack([lon, lat])


def tile(town: Town, rng: Random) -> dict[str, BaseGeometry]:
    """{area code: polygon in lon/lat} for the town's lowest-level districts."""
    outline = _outline(town, rng)
    seeds = MultiPoint([(area.x, area.y) for area in town.areas])
    cells = shapely.voronoi_polygons(seeds, extend_to=outline)
    borders = shapely.union_all(
        [cell.intersection(outline).boundary for cell in cells.geoms]
    )
    borders = shapely.segmentize(borders, SEGMENT_KM)

    def place(xy: np.ndarray) -> np.ndarray:
        return np.round(_to_lon_lat(town, _bend(xy)), DECIMALS)

    network = shapely.transform(borders, place)
    faces = list(shapely.get_parts(shapely.polygonize(shapely.get_parts(network))))
    targets = [Point(place(np.array([[area.x, area.y]]))[0]) for area in town.areas]
    owner: list[int | None] = [
        next((i for i, p in enumerate(targets) if face.contains(p)), None)
        for face in faces
    ]
    # A concave outline can cut a cell in two: the piece without a seed point
    # joins the neighbour it shares the longest border with.
    while None in owner:
        for index, face in enumerate(faces):
            if owner[index] is not None:
                continue
            shared = [
                (face.boundary.intersection(other.boundary).length, j)
                for j, other in enumerate(faces)
                if owner[j] is not None
            ]
            length, neighbour = max(shared, default=(0.0, None))
            if length > 0:
                owner[index] = owner[neighbour]
    return {
        area.code: shapely.union_all(
            [face for face, o in zip(faces, owner, strict=True) if o == i]
        )
        for i, area in enumerate(town.areas)
    }


def to_geojson(geom: BaseGeometry) -> dict[str, Any]:
    """GeoJSON with lists, exterior rings anticlockwise (RFC 7946)."""
    oriented = shapely.orient_polygons(geom)
    return _lists(shapely.geometry.mapping(oriented))


def _lists(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _lists(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_lists(item) for item in value]
    return value


def random_point_in(district: District, rng: Random) -> tuple[float, float]:
    """A random (lon, lat) inside the district, e.g. for an offer's location."""
    area = to_shape(district.geometry)
    min_lon, min_lat, max_lon, max_lat = area.bounds
    while True:
        lon = round(rng.uniform(min_lon, max_lon), DECIMALS)
        lat = round(rng.uniform(min_lat, max_lat), DECIMALS)
        if area.contains(Point(lon, lat)):
            return lon, lat


# --- builders -------------------------------------------------------------------


def _geometry_values(geom: BaseGeometry) -> dict[str, Any]:
    holder = SimpleNamespace()
    set_district_geometry(holder, to_geojson(geom))
    return vars(holder)


@register(order=0)
def build_municipalities(context: DemoContext) -> None:
    for town in TOWNS:
        context.municipalities[town.slug] = context.upsert(
            Municipality,
            lookup={"slug": town.slug},
            values={
                "name": town.name,
                "ags": town.ags,
                "kind": town.kind,
                "state": town.state,
            },
        )
    context.say(
        _("Municipalities: %(names)s") % {"names": ", ".join(t.name for t in TOWNS)}
    )


@register(order=10)
def build_districts(context: DemoContext) -> None:
    for town in TOWNS:
        municipality = context.municipalities[town.slug]
        leaves = tile(town, context.random_for(f"outline:{town.slug}"))
        parents: dict[str, District] = {}
        for code, name in town.parents:
            members = [g for c, g in leaves.items() if c.startswith(code)]
            parents[code] = context.upsert(
                District,
                lookup={"municipality": municipality, "code": code},
                values={
                    "name": name,
                    "parent": None,
                    "level": 0,
                    "level_name": town.parent_level_name,
                    **_geometry_values(shapely.union_all(members)),
                },
            )
        level = 1 if town.parents else 0
        for area in town.areas:
            parent = next(
                (d for c, d in parents.items() if area.code.startswith(c)), None
            )
            context.upsert(
                District,
                lookup={"municipality": municipality, "code": area.code},
                values={
                    "name": area.name,
                    "parent": parent,
                    "level": level,
                    "level_name": town.leaf_level_name,
                    **_geometry_values(leaves[area.code]),
                },
            )
        context.say(
            _("Districts of %(town)s: %(parents)d upper, %(leaves)d lower level")
            % {"town": town.name, "parents": len(parents), "leaves": len(town.areas)}
            if parents
            else _("Districts of %(town)s: %(leaves)d")
            % {"town": town.name, "leaves": len(town.areas)}
        )


def _area_counts(area: Area, rng: Random) -> dict[tuple[int, str], int]:
    """{(year, band code): residents} for one area over the demo years."""
    last = max(YEARS)
    counts = {}
    for band, share in BAND_SHARES.items():
        youth = 0.1 if band == "18-27" else 0.25
        base = area.residents * share * (1 + youth * area.profile)
        for year in YEARS:
            before = year - last  # 0 in the last year, negative earlier
            trend = (1 + area.growth) ** before * (1 + BAND_TRENDS[band] * before)
            counts[year, band] = round(base * trend * rng.gauss(1, 0.01))
    return counts


@register(order=15)
def build_populations(context: DemoContext) -> None:
    bands = {band.code: band for band in AgeBand.objects.filter(code__in=BAND_SHARES)}
    rows = 0
    for town in TOWNS:
        rng = context.random_for(f"population:{town.slug}")
        municipality = context.municipalities[town.slug]
        districts = {d.code: d for d in District.objects.for_municipality(municipality)}
        wanted: dict[tuple[str, int, str], int] = {}
        for area in town.areas:
            for (year, band), count in _area_counts(area, rng).items():
                wanted[area.code, year, band] = count
                parent = districts[area.code].parent
                if parent is not None:
                    key = (parent.code, year, band)
                    wanted[key] = wanted.get(key, 0) + count
        rows += _sync_populations(wanted, districts, bands)
    context.say(
        _("Population by age band, %(first)d–%(last)d: %(rows)d figures")
        % {"first": min(YEARS), "last": max(YEARS), "rows": rows}
    )


def _sync_populations(
    wanted: dict[tuple[str, int, str], int],
    districts: dict[str, District],
    bands: dict[str, AgeBand],
) -> int:
    """Create or correct the figures in bulk; statistics are not audited."""
    ids = [districts[code].pk for code in {key[0] for key in wanted}]
    existing = {
        (p.district_id, p.year, p.age_band_id): p
        for p in DistrictPopulation.objects.filter(district_id__in=ids)
    }
    new, changed = [], []
    for (code, year, band), count in wanted.items():
        district, age_band = districts[code], bands[band]
        figure = existing.get((district.pk, year, age_band.pk))
        if figure is None:
            new.append(
                DistrictPopulation(
                    district=district, year=year, age_band=age_band, count=count
                )
            )
        elif figure.count != count:
            figure.count = count
            changed.append(figure)
    DistrictPopulation.objects.bulk_create(new)
    DistrictPopulation.objects.bulk_update(changed, ["count"])
    return len(wanted)
