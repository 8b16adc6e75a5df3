"""`kette import_districts`: good files, re-imports and the import service."""

from __future__ import annotations

import pytest
from django.core.management import CommandError
from shapely.geometry import shape

from kette.core.exceptions import ImportFailed
from kette.core.models import AuditEntry, District
from tests.core.district_files import (
    box,
    collection,
    feature,
    import_upload,
    run,
    two_levels,
)
from tests.core.factories import DistrictFactory, UserFactory, square

# Messages are asserted in their English source wording.
pytestmark = pytest.mark.usefixtures("english")


def test_good_file_creates_a_two_level_hierarchy(municipality, write):
    path = write(two_levels())
    out, err = run(path, "--level-name-field", "kind")

    districts = {d.code: d for d in District.objects.for_municipality(municipality)}
    assert set(districts) == {"01", "02", "0101", "0102", "0201"}
    assert districts["01"].parent is None and districts["01"].level == 0
    assert districts["0101"].parent == districts["01"]
    assert districts["0102"].parent == districts["01"]
    assert districts["0201"].parent == districts["02"]
    assert districts["0201"].level == 1
    assert districts["0101"].name == "Altstadt-Nord"
    assert districts["01"].level_name == "Stadtbezirk"
    assert districts["0101"].level_name == "Stadtteil"
    assert (districts["0101"].min_lon, districts["0101"].max_lat) == (6.80, 51.41)
    assert shape(districts["02"].geometry).equals(shape(box(6.82, 51.40, 6.83, 51.41)))
    assert "created 5" in out
    assert err == ""
    entries = AuditEntry.objects.filter(municipality=municipality, action="create")
    assert entries.count() == 5
    assert {e.actor_name for e in entries} == {"import_districts (command line)"}
    child_entry = entries.get(object_id=str(districts["0101"].pk))
    assert child_entry.changes["parent"] == [None, districts["01"].pk]


def test_reimport_updates_by_code_without_duplicates(municipality, write):
    run(write(two_levels()))
    changed = two_levels()
    changed["features"][0]["properties"]["name"] = "Altstadt Nord"
    changed["features"][2]["geometry"] = square(6.825, 51.40, size=0.005)
    out, _err = run(write(changed, "v2.geojson"))

    assert District.objects.for_municipality(municipality).count() == 5
    assert District.objects.get(code="0101").name == "Altstadt Nord"
    harbour = District.objects.get(code="0201")
    assert harbour.min_lon == 6.825 and harbour.max_lon == pytest.approx(6.83)
    assert "created 0, updated 2, unchanged 3" in out
    updates = AuditEntry.objects.filter(action="update")
    assert updates.count() == 2
    name_change = updates.get(object_repr__startswith="Altstadt Nord")
    assert name_change.changes == {"name": ["Altstadt-Nord", "Altstadt Nord"]}


def test_parent_may_be_an_existing_district(municipality, write):
    top = DistrictFactory(
        municipality=municipality, code="01", geometry=box(6.8, 51.4, 6.9, 51.5)
    )
    run(write(collection(feature("0101", "Altstadt", parent="01"))))
    child = District.objects.get(code="0101")
    assert child.parent == top and child.level == 1


def test_moving_a_district_relevels_its_descendants(municipality, write):
    a = DistrictFactory(municipality=municipality, code="A", level=0)
    b = DistrictFactory(municipality=municipality, code="B", level=1, parent=a)
    DistrictFactory(municipality=municipality, code="C", level=2, parent=b)
    top = feature("B", "Bezirk B")
    top["properties"]["parent"] = None
    out, _err = run(write(collection(top)))
    assert District.objects.get(code="B").parent is None
    assert District.objects.get(code="C").level == 1
    assert "1 districts not in the file moved to a new level" in out


def test_districts_of_another_municipality_are_untouched(
    municipality, other_municipality, write
):
    theirs = DistrictFactory(municipality=other_municipality, code="01", name="Fremd")
    run(write(collection(feature("01", "Mitte"))))
    theirs.refresh_from_db()
    assert theirs.name == "Fremd"
    assert (
        District.objects.for_municipality(municipality).get(code="01").name == "Mitte"
    )


def test_parent_of_another_municipality_is_unknown(
    municipality, other_municipality, write
):
    DistrictFactory(municipality=other_municipality, code="01")
    path = write(collection(feature("0101", "Altstadt", parent="01")))
    with pytest.raises(CommandError, match='unknown parent code "01"'):
        run(path)
    assert District.objects.filter(code="0101").count() == 0


def test_dry_run_writes_nothing(municipality, write):
    out, _err = run(write(two_levels()), "--dry-run")
    assert "dry run" in out and "would create 5" in out
    assert District.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_progress_on_stderr_and_quiet_with_verbosity_0(municipality, write):
    features = [
        feature(f"{n:04d}", f"Bezirk {n}", square(6.8 + n * 0.001, 51.4, 0.001))
        for n in range(1000)
    ]
    path = write(collection(*features))
    _out, err = run(path, parent=False)
    assert "checked 500 of 1000 features" in err
    assert "checked 1000 of 1000 features" in err
    changed = collection(
        *[{**f, "properties": {**f["properties"], "name": "x"}} for f in features]
    )
    out, err = run(write(changed, "v2.geojson"), "-v", "0", parent=False)
    assert (out, err) == ("", "")
    assert set(District.objects.values_list("name", flat=True)) == {"x"}


def test_service_records_the_acting_user(municipality):
    user = UserFactory()
    result = import_upload(municipality, collection(feature("01", "Mitte")), actor=user)
    assert result.created == ["01"]
    assert AuditEntry.objects.get().actor == user


def test_service_reports_problems_as_import_failed(municipality):
    with pytest.raises(ImportFailed) as failed:
        import_upload(municipality, collection(feature("01", " ")))
    [problem] = failed.value.problems
    assert (problem.file, problem.row, problem.field) == (
        "upload.geojson",
        'feature 0 (code "01")',
        'property "name"',
    )
    assert problem.message == "empty"
