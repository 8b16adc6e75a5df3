"""Malformed HSDS packages: a message naming file, line and field, nothing written."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.core.management import CommandError, call_command

from kette.core.models import AuditEntry, Organisation
from kette.offers.models import Offer
from tests.offers.hsds_fixtures import (
    S_HEBAMME,
    csv_bytes,
    descriptor_for,
    good_tables,
    uid,
    write_json,
    write_package,
)

pytestmark = pytest.mark.usefixtures("english")


def failure(path) -> str:
    """The command's error message; asserts that nothing was written."""
    with pytest.raises(CommandError) as raised:
        call_command(
            "import_hsds",
            str(path),
            municipality="musterstadt",
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
    assert not Offer.objects.exists()
    assert not Organisation.objects.exists()
    assert not AuditEntry.objects.exists()
    message = str(raised.value)
    assert message.startswith("nothing was imported")
    return message


def changed(**rows) -> dict:
    """good_tables() with fields of the first row of some resources changed."""
    tables = good_tables()
    for resource, values in rows.items():
        tables[resource][0].update(values)
    return tables


@pytest.fixture
def pkg(tmp_path):
    return tmp_path / "pkg"


def test_a_file_named_in_the_descriptor_is_missing(pkg, municipality):
    write_package(pkg, good_tables(), files={"locations.csv": None})
    (pkg / "locations.csv").unlink(missing_ok=True)

    assert (
        'datapackage.json: resource "location": the file "locations.csv" is '
        "missing from the package"
    ) in failure(pkg)


def test_the_descriptor_is_missing(pkg, municipality):
    write_package(pkg, good_tables())
    (pkg / "datapackage.json").unlink()

    assert "pkg: no datapackage.json found" in failure(pkg)


def test_a_required_value_is_missing(pkg, municipality):
    write_package(pkg, changed(service={"name": ""}))

    assert 'services.csv: line 2: field "name": missing (required)' in failure(pkg)


def test_a_required_column_is_missing(pkg, municipality):
    tables = good_tables()
    data = csv_bytes("service", tables["service"]).decode()
    header, rest = data.split("\r\n", 1)
    columns = header.split(",")
    index = columns.index("status")
    lines = [header] + rest.split("\r\n")
    # Drop the status column (no value in it contains a comma before it).
    stripped = "\r\n".join(
        ",".join(c for i, c in enumerate(line.split(",")) if i != index) if line else ""
        for line in lines
    )
    write_package(pkg, tables, files={"services.csv": stripped.encode()})

    assert (
        'services.csv: line 1: field "status": the column is missing '
        "(HSDS 3.0 requires it)"
    ) in failure(pkg)


def test_a_duplicate_id(pkg, municipality):
    tables = good_tables()
    tables["service"][2]["id"] = tables["service"][0]["id"]
    write_package(pkg, tables)

    assert (
        f'services.csv: line 4: field "id": duplicate value "{S_HEBAMME}" '
        "(first at line 2)"
    ) in failure(pkg)


def test_a_dangling_reference_to_a_location(pkg, municipality):
    missing = uid(77, "c")
    write_package(pkg, changed(service_at_location={"location_id": missing}))

    assert (
        f'service_at_location.csv: line 2: field "location_id": refers to location '
        f'"{missing}", which is not in locations.csv'
    ) in failure(pkg)


def test_an_attribute_of_an_unknown_service(pkg, municipality):
    missing = uid(78, "5")
    write_package(pkg, changed(attribute={"link_id": missing}))

    assert 'attributes.csv: line 2: field "link_id": refers to service' in failure(pkg)


def test_a_bad_number(pkg, municipality):
    write_package(pkg, changed(service={"minimum_age": "zwölf"}))

    assert (
        'services.csv: line 2: field "minimum_age": "zwölf" is not a number'
    ) in failure(pkg)


def test_a_file_that_is_not_utf8(pkg, municipality):
    tables = good_tables()
    write_package(
        pkg,
        tables,
        files={
            "services.csv": csv_bytes("service", tables["service"], encoding="cp1252")
        },
    )

    # "nötig" in the first service: ö is 0xF6 in Windows-1252.
    assert "services.csv: line 2: the file is not UTF-8 (byte 0xF6 cannot be read)" in (
        failure(pkg)
    )


def test_unbalanced_quotes(pkg, municipality):
    tables = good_tables()
    text = csv_bytes("service", tables["service"]).decode()
    text = text.replace(",Hausaufgabenhilfe,", ',"Hausaufgabenhilfe,', 1)
    write_package(pkg, tables, files={"services.csv": text.encode()})

    assert "services.csv: line 3: unbalanced quotes" in failure(pkg)


def test_minimum_age_above_maximum_age(pkg, municipality):
    write_package(pkg, changed(service={"minimum_age": "10", "maximum_age": "3"}))

    assert (
        'services.csv: line 2: field "maximum_age": The upper age must not be below '
        "the lower age."
    ) in failure(pkg)


def test_an_invalid_email(pkg, municipality):
    write_package(pkg, changed(contact={"email": "anna at fz-mitte"}))

    assert (
        'contacts.csv: line 2: field "email": "anna at fz-mitte" is not an e-mail '
        "address"
    ) in failure(pkg)


def test_a_two_megabyte_value(pkg, municipality):
    write_package(pkg, changed(service={"description": "x" * 2 * 1024 * 1024}))

    assert (
        'services.csv: line 2: field "description": the value is 2097152 characters '
        "long; at most 100000 are accepted"
    ) in failure(pkg)


def test_an_id_that_is_not_a_uuid(pkg, municipality):
    tables = good_tables()
    tables["service"][0]["id"] = "S1"
    for table in ("service_at_location", "phone", "contact", "schedule", "language"):
        for row in tables[table]:
            if row.get("service_id") == S_HEBAMME:
                row["service_id"] = "S1"
    write_package(pkg, tables)

    assert 'services.csv: line 2: field "id": "S1" is not a UUID' in failure(pkg)


def test_a_status_hsds_does_not_know(pkg, municipality):
    write_package(pkg, changed(service={"status": "open"}))

    assert (
        'services.csv: line 2: field "status": "open" is not one of: active, '
        "inactive, defunct, temporarily closed"
    ) in failure(pkg)


def test_coordinates_out_of_range(pkg, municipality):
    write_package(pkg, changed(location={"latitude": "123.4"}))

    assert (
        'locations.csv: line 2: field "latitude": Latitude lies between -90 and 90.'
    ) in failure(pkg)


def test_a_zip_with_a_path_leaving_the_package(tmp_path, municipality):
    path = write_package(tmp_path / "pkg.zip", good_tables(), zip_file=True)
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("../../etc/cron.d/evil", "* * * * * root true\n")

    assert (
        'pkg.zip: the archive holds "../../etc/cron.d/evil", a path that leaves the '
        "package"
    ) in failure(path)


def test_a_resource_path_leaving_the_package(pkg, municipality):
    tables = good_tables()
    descriptor = descriptor_for(tables)
    descriptor["resources"][0]["path"] = "../organizations.csv"
    write_package(pkg, tables, descriptor=descriptor)

    assert (
        'datapackage.json: resource "organization": path "../organizations.csv" is '
        "not a file inside the package"
    ) in failure(pkg)


def test_a_title_longer_than_kette_allows(pkg, municipality):
    write_package(pkg, changed(service={"name": "H" * 250}))

    assert (
        'services.csv: line 2: field "name": Ensure this value has at most 200 '
        "characters (it has 250)."
    ) in failure(pkg)


def test_a_postal_code_longer_than_kette_allows(pkg, municipality):
    write_package(pkg, changed(address={"postal_code": "46045-12345"}))

    assert 'addresses.csv: line 2: field "postal_code": Ensure this value' in failure(
        pkg
    )


def test_a_schedule_closing_before_it_opens(pkg, municipality):
    write_package(pkg, changed(schedule={"opens_at": "12:00:00", "closes_at": "09:00"}))

    assert (
        'schedules.csv: line 2: field "closes_at": The end must be after the start.'
    ) in failure(pkg)


def test_every_problem_is_listed_not_just_the_first(pkg, municipality):
    tables = changed(service={"minimum_age": "zwölf"}, location={"longitude": "east"})
    tables["service"][1]["status"] = "open"
    write_package(pkg, tables)

    message = failure(pkg)
    assert 'services.csv: line 2: field "minimum_age"' in message
    assert 'services.csv: line 3: field "status"' in message
    assert 'locations.csv: line 2: field "longitude"' in message


def test_a_bad_value_in_the_json_form_names_its_place(tmp_path, municipality):
    path = write_json(tmp_path / "services.json", good_tables())
    data = json.loads(path.read_text())
    data[0]["service_at_locations"][0]["location"]["latitude"] = "Markt"
    path.write_text(json.dumps(data))

    assert (
        'services.json: /0/service_at_locations/0/location: field "latitude": '
        '"Markt" is not a number'
    ) in failure(path)


def test_json_that_does_not_parse(tmp_path, municipality):
    path = tmp_path / "services.json"
    path.write_text('[{"id": "x",\n "name": }]')

    assert (
        "services.json: not valid JSON: a value is missing or is not JSON "
        "(line 2, column 10)"
    ) in failure(path)


def test_a_location_without_both_coordinates(pkg, municipality):
    tables = good_tables()
    del tables["location"][0]["longitude"]
    write_package(pkg, tables)

    message = failure(pkg)
    assert (
        'locations.csv: line 2: field "latitude": Give both latitude and longitude'
        in (message)
    )
