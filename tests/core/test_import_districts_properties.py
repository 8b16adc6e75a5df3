"""`kette import_districts`: bad codes, names and parents name the feature; nothing
written."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from kette.core.models import District
from tests.core.district_files import (
    collection,
    fails,
    feature,
    run,
)
from tests.core.factories import DistrictFactory

# Messages are asserted in their English source wording.
pytestmark = pytest.mark.usefixtures("english")


def test_missing_code_property(municipality, write):
    good, bad = feature("01", "Mitte"), feature("02", "Ost")
    del bad["properties"]["code"]
    message = fails(write(collection(good, bad)))
    assert 'districts.geojson: feature 1: property "code": missing' in message


def test_code_field_in_no_feature_lists_the_properties_found(municipality, write):
    path = write(collection(feature("01", "Mitte"), feature("02", "Ost")))
    with pytest.raises(CommandError) as error:
        call_command(
            "import_districts", str(path), "--municipality", "musterstadt",
            "--code-field", "BEZ_ID", "--name-field", "name",
        )  # fmt: skip
    assert 'property "BEZ_ID": no feature has this property' in str(error.value)
    assert "properties found: code, name" in str(error.value)
    assert District.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "expected"), [(None, "empty"), ("  ", "empty"), ([1], "must be text")]
)
def test_missing_or_blank_name(municipality, write, name, expected):
    path = write(collection(feature("01", "Mitte"), feature("0102", name)))
    message = fails(path)
    assert (
        f'districts.geojson: feature 1 (code "0102"): property "name": {expected}'
        in (message)
    )


def test_absent_name_property(municipality, write):
    bad = feature("0102", "x")
    del bad["properties"]["name"]
    message = fails(write(collection(feature("01", "Mitte"), bad)))
    assert 'feature 1 (code "0102"): property "name": missing' in message


def test_duplicate_codes(municipality, write):
    path = write(
        collection(feature("01", "Mitte"), feature("02", "Ost"), feature("01", "Nord"))
    )
    message = fails(path)
    assert (
        'feature 2 (code "01"): property "code": duplicate: feature 0 has the same code'
        in message
    )


def test_unknown_parent_code(municipality, write):
    message = fails(write(collection(feature("0101", "Altstadt", parent="09"))))
    assert (
        'feature 0 (code "0101"): property "parent": unknown parent code "09"'
        in message
    )
    assert "Musterstadt" in message


def test_parent_cycle(municipality, write):
    path = write(
        collection(
            feature("A", "Eins", parent="B"),
            feature("B", "Zwei", parent="C"),
            feature("C", "Drei", parent="A"),
            feature("D", "Vier", parent="D"),
        )
    )
    message = fails(path)
    assert (
        'feature 0 (code "A"): property "parent": the parents form a cycle: A → B → C → A'
        in (message)
    )
    assert (
        'feature 3 (code "D"): property "parent": the parents form a cycle: D → D'
        in message
    )


def test_parent_cycle_through_an_existing_district(municipality, write):
    a = DistrictFactory(municipality=municipality, code="A")
    DistrictFactory(municipality=municipality, code="B", parent=a, level=1)
    with pytest.raises(CommandError, match="cycle: A → B → A"):
        run(write(collection(feature("A", "Eins", parent="B"))))
    assert District.objects.get(code="A").parent is None


def test_parent_field_in_no_feature_imports_top_level_with_a_warning(
    municipality, write
):
    _out, err = run(write(collection(feature("01", "Mitte"), feature("02", "Ost"))))
    assert "warning: " in err
    assert 'property "parent": no feature has this property' in err
    assert "imported as top-level" in err
    assert set(District.objects.values_list("level", flat=True)) == {0}
