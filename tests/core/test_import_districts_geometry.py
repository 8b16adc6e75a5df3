"""`kette import_districts`: geometries and coordinate systems it accepts, repairs
or rejects."""

from __future__ import annotations

import pytest
from shapely.geometry import shape

from kette.core.models import District
from tests.core.district_files import (
    BOW_TIE,
    box,
    collection,
    fails,
    feature,
    run,
)
from tests.core.factories import square

# Messages are asserted in their English source wording.
pytestmark = pytest.mark.usefixtures("english")


def test_self_intersecting_polygon_is_reported(municipality, write):
    message = fails(write(collection(feature("01", "Mitte", BOW_TIE))))
    assert (
        'feature 0 (code "01"): geometry: invalid geometry: Self-intersection'
        in message
    )
    assert "--fix" in message


def test_self_intersecting_polygon_is_repaired_with_fix(municipality, write):
    path = write(collection(feature("01", "Mitte", BOW_TIE)))
    out, err = run(path, "--fix", parent=False)
    assert "created 1" in out
    assert (
        f'warning: {path}: feature 0 (code "01"): geometry: repaired invalid geometry'
        in err
    )
    assert "Self-intersection" in err and "MultiPolygon of 2 parts" in err
    repaired = shape(District.objects.get(code="01").geometry)
    assert repaired.is_valid and repaired.geom_type == "MultiPolygon"
    assert repaired.area == pytest.approx(0.01 * 0.01 / 2)


def test_crs_other_than_wgs84(municipality, write):
    utm = box(361000, 5700000, 362000, 5701000)
    crs = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::25832"}}
    message = fails(write(collection(feature("01", "Mitte", utm), crs=crs)))
    assert (
        'crs: the file declares the coordinate reference system "urn:ogc:def:crs:EPSG::25832"'
        in (message)
    )
    assert "reproject the file to WGS 84" in message
    assert "feature 0" not in message  # implied by the crs; not repeated per feature


def test_projected_coordinates_without_crs(municipality, write):
    utm = box(361000, 5700000, 362000, 5701000)
    message = fails(write(collection(feature("01", "Mitte", utm))))
    assert 'feature 0 (code "01"): geometry: coordinates are not WGS 84' in message
    assert "361000, 5.7e+06" in message
    assert "reproject it to WGS 84 (EPSG:4326)" in message


def test_crs84_and_epsg_4326_are_accepted(municipality, write):
    for name in ("urn:ogc:def:crs:OGC:1.3:CRS84", "EPSG:4326"):
        crs = {"type": "name", "properties": {"name": name}}
        run(write(collection(feature("01", "Mitte"), crs=crs)))
    assert District.objects.count() == 1


def test_point_geometry(municipality, write):
    point = {"type": "Point", "coordinates": [6.8, 51.4]}
    message = fails(write(collection(feature("01", "Mitte", point))))
    assert (
        'feature 0 (code "01"): geometry: is a Point; only Polygon and MultiPolygon'
        in (message)
    )


def test_missing_geometry(municipality, write):
    nothing = feature("01", "Mitte")
    nothing["geometry"] = None
    message = fails(write(collection(nothing)))
    assert 'feature 0 (code "01"): geometry: missing' in message


def test_malformed_coordinates(municipality, write):
    broken = {"type": "Polygon", "coordinates": [["x"]]}
    message = fails(write(collection(feature("01", "Mitte", broken))))
    assert 'feature 0 (code "01"): geometry: malformed Polygon coordinates' in message


def test_child_outside_its_parent_is_a_warning(municipality, write):
    path = write(
        collection(
            feature("01", "Mitte", square(6.80, 51.40)),
            feature("0101", "Draußen", square(6.805, 51.40), parent="01"),
        )
    )
    _out, err = run(path)
    assert (
        'feature 1 (code "0101"): geometry: 50.0% of its area lies outside its parent "01"'
        in (err)
    )
    assert District.objects.count() == 2
