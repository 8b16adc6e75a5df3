"""`kette import_districts`: good files, re-imports, and bad files that write nothing."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from shapely.geometry import shape

from kette.core.exceptions import ImportFailed
from kette.core.models import AuditEntry, District
from kette.core.services.districts import district_import
from tests.core.factories import DistrictFactory, UserFactory, square

# Messages are asserted in their English source wording.
pytestmark = pytest.mark.usefixtures("english")

BOW_TIE = {
    "type": "Polygon",
    "coordinates": [
        [[6.8, 51.4], [6.81, 51.41], [6.81, 51.4], [6.8, 51.41], [6.8, 51.4]]
    ],
}


def feature(code, name, geometry=None, parent=None, **extra) -> dict:
    properties = {"code": code, "name": name, **extra}
    if parent is not None:
        properties["parent"] = parent
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": geometry if geometry is not None else square(6.8, 51.4),
    }


def collection(*features, **members) -> dict:
    return {"type": "FeatureCollection", "features": list(features), **members}


def two_levels() -> dict:
    """Children first: a parent may come later in the file than its children."""
    return collection(
        feature(
            "0101", "Altstadt-Nord", square(6.80, 51.40), parent="01", kind="Stadtteil"
        ),
        feature(
            "0102", "Altstadt-Süd", square(6.81, 51.40), parent="01", kind="Stadtteil"
        ),
        feature("0201", "Hafen", square(6.82, 51.40), parent="02", kind="Stadtteil"),
        feature("01", "Mitte", _box(6.80, 51.40, 6.82, 51.41), kind="Stadtbezirk"),
        feature("02", "Ost", _box(6.82, 51.40, 6.83, 51.41), kind="Stadtbezirk"),
    )


def _box(x0, y0, x1, y1) -> dict:
    ring = [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]
    return {"type": "Polygon", "coordinates": [ring]}


@pytest.fixture
def write(tmp_path):
    def write(content, name="districts.geojson"):
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_text(json.dumps(content), encoding="utf-8")
        return path

    return write


def run(path, *options, municipality="musterstadt", parent=True, **streams):
    args = [str(path), "--municipality", municipality]
    args += ["--code-field", "code", "--name-field", "name"]
    if parent:
        args += ["--parent-field", "parent"]
    stdout, stderr = StringIO(), StringIO()
    call_command("import_districts", *args, *options, stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


def fails(path, *options, **kwargs) -> str:
    """Run the import expecting failure; nothing may have been written."""
    with pytest.raises(CommandError) as error:
        run(path, *options, **kwargs)
    assert District.objects.count() == 0
    assert AuditEntry.objects.count() == 0
    message = str(error.value)
    assert message.startswith("nothing was imported") or "municipality" in message
    return message


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
    assert shape(districts["02"].geometry).equals(shape(_box(6.82, 51.40, 6.83, 51.41)))
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
        municipality=municipality, code="01", geometry=_box(6.8, 51.4, 6.9, 51.5)
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


def test_service_records_the_acting_user(municipality):
    user = UserFactory()
    data = json.dumps(collection(feature("01", "Mitte"))).encode()
    result = district_import(
        municipality=municipality,
        source=data,
        file="upload.geojson",
        code_field="code",
        name_field="name",
        actor=user,
    )
    assert result.created == ["01"]
    assert AuditEntry.objects.get().actor == user


def test_service_reports_problems_as_import_failed(municipality):
    data = json.dumps(collection(feature("01", " "))).encode()
    with pytest.raises(ImportFailed) as failed:
        district_import(
            municipality=municipality,
            source=data,
            file="upload.geojson",
            code_field="code",
            name_field="name",
            actor=None,
        )
    [problem] = failed.value.problems
    assert (problem.file, problem.row, problem.field) == (
        "upload.geojson",
        'feature 0 (code "01")',
        'property "name"',
    )
    assert problem.message == "empty"


# --- bad files: a clear message, nothing written ----------------------------


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


def test_crs_other_than_wgs84(municipality, write):
    utm = _box(361000, 5700000, 362000, 5701000)
    crs = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::25832"}}
    message = fails(write(collection(feature("01", "Mitte", utm), crs=crs)))
    assert (
        'crs: the file declares the coordinate reference system "urn:ogc:def:crs:EPSG::25832"'
        in (message)
    )
    assert "reproject the file to WGS 84" in message
    assert "feature 0" not in message  # implied by the crs; not repeated per feature


def test_projected_coordinates_without_crs(municipality, write):
    utm = _box(361000, 5700000, 362000, 5701000)
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


def test_parent_field_in_no_feature_imports_top_level_with_a_warning(
    municipality, write
):
    _out, err = run(write(collection(feature("01", "Mitte"), feature("02", "Ost"))))
    assert "warning: " in err
    assert 'property "parent": no feature has this property' in err
    assert "imported as top-level" in err
    assert set(District.objects.values_list("level", flat=True)) == {0}
