"""`kette import_districts` on files that are no district file: nothing written."""

from __future__ import annotations

import json

import pytest

from kette.core.models import District
from tests.core.district_files import (
    BOW_TIE,
    collection,
    fails,
    feature,
    run,
    two_levels,
)
from tests.core.factories import square

# Messages are asserted in their English source wording.
pytestmark = pytest.mark.usefixtures("english")


def test_not_json(municipality, write):
    message = fails(write('{"type": "FeatureCollection", "features": [}'))
    assert "districts.geojson: not valid JSON" in message
    assert "line 1, column" in message


def test_a_list_is_not_a_feature_collection(municipality, write):
    message = fails(write([feature("01", "Mitte")]))
    assert "districts.geojson: not a GeoJSON FeatureCollection" in message
    assert "JSON array" in message


def test_a_bare_feature_is_not_a_feature_collection(municipality, write):
    message = fails(write(feature("01", "Mitte")))
    assert "a single Feature, not a FeatureCollection" in message


def test_wrong_type_is_not_a_feature_collection(municipality, write):
    message = fails(write(square(6.8, 51.4)))
    assert 'its "type" is "Polygon"' in message


def test_empty_collection(municipality, write):
    message = fails(write(collection()))
    assert "districts.geojson: features: the collection contains no features" in message


def test_file_not_found(municipality, tmp_path):
    message = fails(tmp_path / "missing.geojson")
    assert "missing.geojson: file not found" in message


def test_unknown_municipality(municipality, write):
    message = fails(write(two_levels()), municipality="atlantis")
    assert 'unknown municipality "atlantis"' in message
    assert "musterstadt" in message


def test_non_utf8_file(municipality, write):
    text = json.dumps(collection(feature("01", "Bülow")), ensure_ascii=False)
    message = fails(write(text.encode("latin-1")))
    assert "districts.geojson: not UTF-8 text (byte 0xFC in line 1)" in message
    assert "save the file as UTF-8" in message


def test_utf8_with_byte_order_mark_is_read(municipality, write):
    text = json.dumps(collection(feature("01", "Bülow")), ensure_ascii=False)
    run(write(b"\xef\xbb\xbf" + text.encode("utf-8")))
    assert District.objects.get().name == "Bülow"


def test_all_problems_are_listed_together(municipality, write):
    no_code = feature("x", "Nord")
    del no_code["properties"]["code"]
    path = write(
        collection(
            feature("01", ""),
            no_code,
            feature("03", "Süd", BOW_TIE),
            feature("04", "West", parent="99"),
        )
    )
    message = fails(path)
    assert 'feature 0 (code "01"): property "name": empty' in message
    assert 'feature 1: property "code": missing' in message
    assert 'feature 2 (code "03"): geometry: invalid geometry' in message
    assert (
        'feature 3 (code "04"): property "parent": unknown parent code "99"' in message
    )


def test_problems_are_capped(municipality, write):
    features = [feature(f"{n:03d}", "") for n in range(80)]
    message = fails(write(collection(*features)))
    assert 'feature 49 (code "049")' in message
    assert 'feature 50 (code "050")' not in message
    assert "30 more problems not shown (only the first 50 are listed)" in message
