"""Geometry checks and the point → district look-up."""

from __future__ import annotations

import pytest
import shapely
from shapely.geometry import shape

from kette.core.geo import (
    DistrictLocator,
    check_district_geometry,
    district_for_point,
    geometry_bounds,
    set_district_geometry,
)
from kette.core.models import District
from tests.core.factories import DistrictFactory

# Messages are asserted in their English source wording.
pytestmark = pytest.mark.usefixtures("english")


def box(x0, y0, x1, y1) -> dict:
    ring = [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]
    return {"type": "Polygon", "coordinates": [ring]}


def make(municipality, code, geometry, parent=None) -> District:
    district = District(
        municipality=municipality,
        code=code,
        name=f"Bezirk {code}",
        parent=parent,
        level=parent.level + 1 if parent else 0,
    )
    set_district_geometry(district, geometry)
    district.save()
    return district


@pytest.fixture
def city(municipality):
    """A and B side by side; A has children A1, A2 over its lower half only,
    and A1 a grandchild A1a in its south-west corner. A2 is created before A1
    so that creation order cannot decide ties."""
    a = make(municipality, "A", box(6.80, 51.40, 6.82, 51.42))
    b = make(municipality, "B", box(6.82, 51.40, 6.84, 51.42))
    a2 = make(municipality, "A2", box(6.81, 51.40, 6.82, 51.41), parent=a)
    a1 = make(municipality, "A1", box(6.80, 51.40, 6.81, 51.41), parent=a)
    a1a = make(municipality, "A1a", box(6.80, 51.40, 6.805, 51.405), parent=a1)
    make(municipality, "X", None)  # no geometry: never found
    return {d.code: d for d in (a, b, a1, a2, a1a)}


POINTS = [
    # (lon, lat, expected code)
    (6.802, 51.402, "A1a"),  # three levels deep
    (6.808, 51.408, "A1"),  # in A1, outside A1a
    (6.815, 51.405, "A2"),
    (6.81, 51.415, "A"),  # upper half of A has no children
    (6.83, 51.41, "B"),
    (6.81, 51.405, "A1"),  # on the A1/A2 boundary: smaller code wins
    (6.82, 51.415, "A"),  # on the A/B boundary
    (6.82, 51.405, "A2"),  # on the A2/B boundary: the deeper district wins
    (6.80, 51.415, "A"),  # on the city's outer boundary
    (6.805, 51.403, "A1a"),  # on A1a's edge inside A1
    (6.79, 51.41, None),  # west of the city
    (6.83, 51.43, None),  # north of the city
    (0.0, 0.0, None),
]


@pytest.mark.parametrize(("lon", "lat", "expected"), POINTS)
def test_locator_finds_the_deepest_district(city, municipality, lon, lat, expected):
    found = DistrictLocator(municipality).locate(lon, lat)
    assert (found.code if found else None) == expected


@pytest.mark.parametrize(("lon", "lat", "expected"), POINTS)
def test_district_for_point_agrees_with_the_locator(
    city, municipality, lon, lat, expected
):
    found = district_for_point(municipality=municipality, lon=lon, lat=lat)
    assert (found.code if found else None) == expected


def test_locate_many_agrees_with_locate(city, municipality):
    locator = DistrictLocator(municipality)
    grid = [
        (6.79 + 0.0025 * i, 51.395 + 0.0025 * j) for i in range(24) for j in range(12)
    ]
    grid += [(lon, lat) for lon, lat, _code in POINTS]
    assert locator.locate_many(grid) == [locator.locate(x, y) for x, y in grid]
    assert {d.code for d in locator.locate_many(grid) if d} == {
        "A",
        "B",
        "A1",
        "A2",
        "A1a",
    }


def test_locator_ignores_other_municipalities_and_districts_without_geometry(
    city, municipality, other_municipality
):
    make(other_municipality, "Z", box(6.0, 51.0, 7.0, 52.0))
    locator = DistrictLocator(municipality)
    assert len(locator) == 5
    assert locator.locate(6.79, 51.41) is None
    assert district_for_point(municipality=municipality, lon=6.79, lat=51.41) is None
    assert district_for_point(municipality=other_municipality, lon=6.83, lat=51.41)


def test_locator_of_a_municipality_without_districts(municipality):
    locator = DistrictLocator(municipality)
    assert locator.locate(6.8, 51.4) is None
    assert locator.locate_many([(6.8, 51.4)]) == [None]
    assert locator.locate_many([]) == []


def test_district_for_point_rejects_non_finite_coordinates(city, municipality):
    nan = float("nan")
    assert district_for_point(municipality=municipality, lon=nan, lat=51.4) is None


def test_locator_handles_multipolygons(municipality):
    islands = {
        "type": "MultiPolygon",
        "coordinates": [
            box(6.80, 51.40, 6.81, 51.41)["coordinates"],
            box(6.83, 51.40, 6.84, 51.41)["coordinates"],
        ],
    }
    make(municipality, "I", islands)
    locator = DistrictLocator(municipality)
    assert locator.locate(6.835, 51.405).code == "I"
    assert locator.locate(6.82, 51.405) is None


# --- bounds ------------------------------------------------------------------


def test_geometry_bounds_and_set_district_geometry(municipality):
    assert geometry_bounds(None) is None
    assert geometry_bounds(box(6.8, 51.4, 6.9, 51.5)) == (6.8, 51.4, 6.9, 51.5)
    district = DistrictFactory(municipality=municipality)
    set_district_geometry(district, None)
    assert (district.geometry, district.min_lon, district.max_lat) == (None, None, None)


# --- checks ------------------------------------------------------------------


def test_a_valid_polygon_passes_and_is_oriented_counter_clockwise():
    clockwise = {
        "type": "Polygon",
        "coordinates": [
            [[6.8, 51.4], [6.8, 51.5], [6.9, 51.5], [6.9, 51.4], [6.8, 51.4]]
        ],
    }
    check = check_district_geometry(clockwise)
    assert check.errors == [] and check.repairs == []
    assert shapely.is_ccw(shape(check.geometry).exterior)
    assert isinstance(check.geometry["coordinates"][0][0], list)


def test_third_coordinates_are_dropped():
    ring = [[6.8, 51.4, 40], [6.9, 51.4, 41], [6.9, 51.5, 42], [6.8, 51.4, 40]]
    check = check_district_geometry({"type": "Polygon", "coordinates": [ring]})
    assert check.errors == []
    assert all(len(point) == 2 for point in check.geometry["coordinates"][0])


BOW_TIE = {
    "type": "Polygon",
    "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]],
}


def test_a_bow_tie_is_reported_with_where_it_crosses():
    check = check_district_geometry(BOW_TIE)
    assert check.geometry is None
    assert check.errors == [
        "invalid geometry: Self-intersection at (0.5, 0.5) "
        "(repair it, or import with --fix)"
    ]


def test_a_bow_tie_is_repaired_into_two_triangles():
    check = check_district_geometry(BOW_TIE, fix=True)
    assert check.errors == []
    assert check.repairs == [
        "repaired invalid geometry (Self-intersection at (0.5, 0.5)): "
        "now a MultiPolygon of 2 parts"
    ]
    assert check.shape.is_valid and check.shape.area == pytest.approx(0.5)


def test_a_polygon_with_a_dangling_spike_keeps_only_its_area():
    spike = {
        "type": "Polygon",
        "coordinates": [[[0, 0], [1, 0], [1, 1], [2, 2], [1, 1], [0, 1], [0, 0]]],
    }
    check = check_district_geometry(spike, fix=True)
    assert check.errors == []
    assert check.shape.geom_type == "Polygon"
    assert check.shape.area == pytest.approx(1.0)
    assert "; dropped 1 line or point part" in check.repairs[0]


def test_a_collapsed_polygon_cannot_be_repaired():
    flat = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [2, 0], [0, 0]]]}
    check = check_district_geometry(flat, fix=True)
    assert check.geometry is None
    assert "no area is left after repair" in check.errors[0]


@pytest.mark.parametrize(
    ("geometry", "message"),
    [
        (None, "missing"),
        ("POLYGON ((0 0, 1 0, 1 1, 0 0))", "not a GeoJSON geometry object"),
        ({"coordinates": []}, "not a GeoJSON geometry object"),
        ({"type": "Point", "coordinates": [6.8, 51.4]}, "is a Point; only Polygon"),
        (
            {"type": "LineString", "coordinates": [[6.8, 51.4], [6.9, 51.4]]},
            "is a LineString",
        ),
        ({"type": "Polygon"}, "malformed Polygon coordinates"),
        ({"type": "Polygon", "coordinates": [[["a", 0]]]}, "malformed Polygon"),
        ({"type": "Polygon", "coordinates": []}, "has no coordinates"),
        (
            {
                "type": "Polygon",
                "coordinates": [[[0, 0], [float("nan"), 0], [1, 1], [0, 0]]],
            },
            "not finite numbers",
        ),
    ],
)
def test_geometries_that_are_not_areas_are_rejected(geometry, message):
    check = check_district_geometry(geometry, fix=True)
    assert check.geometry is None
    assert message in check.errors[0]


def test_projected_coordinates_are_flagged():
    check = check_district_geometry(box(361000.5, 5700000, 362000, 5701000))
    assert check.outside_lon_lat
    assert "361000, 5.7e+06 lies outside -180..180, -90..90" in check.errors[0]
