"""HSDS packages within the upload limits: a package too large, unpacking
too large or nested too deep is refused with a message naming it, nothing is
written; broken JSON is explained in German, not in the parser's words."""

from __future__ import annotations

import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from kette.core.models import Role
from tests.core.factories import user_with_role
from tests.core.upload_files import deep_json, zip_bomb
from tests.offers.hsds_fixtures import csv_bytes, good_tables, write_package
from tests.offers.test_hsds_malformed import failure

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_a_json_package_nested_50000_deep_is_refused(tmp_path, municipality):
    path = tmp_path / "services.json"
    path.write_bytes(deep_json())
    assert (
        "services.json: the JSON data is nested more than 64 levels deep (line 1)"
        in failure(path)
    )


def test_a_deep_datapackage_json_in_a_zip_is_refused(tmp_path, municipality):
    path = tmp_path / "paket.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("datapackage.json", deep_json())
    assert "datapackage.json: the JSON data is nested more than 64 levels deep" in (
        failure(path)
    )


@override_settings(KETTE_MAX_UNPACKED_MB=1)
def test_a_zip_that_unpacks_beyond_the_limit_is_refused(tmp_path, municipality):
    path = tmp_path / "bombe.zip"
    path.write_bytes(zip_bomb(size=2 * 1024 * 1024))
    message = failure(path)
    assert "bombe.zip: the archive unpacks to 2 MB, more than the 1 MB allowed" in (
        message
    )


@override_settings(KETTE_MAX_UPLOAD_MB=0.01)
def test_a_package_file_over_the_limit_is_refused_before_it_is_read(
    tmp_path, municipality
):
    path = tmp_path / "services.json"
    path.write_text(json.dumps([{"id": "x" * 20_000}]), encoding="utf-8")
    assert "services.json: the file is larger than 0.01 MB" in failure(path)


def test_a_deep_file_that_looks_like_a_descriptor_is_refused(tmp_path, municipality):
    path = tmp_path / "paket.json"
    path.write_bytes(b'{"resources": ' + deep_json() + b"}")
    assert "paket.json: the JSON data is nested more than 64 levels deep" in (
        failure(path)
    )


def test_the_staff_upload_explains_broken_json_in_german(client, municipality):
    client.force_login(user_with_role(municipality, Role.COORDINATOR))
    url = reverse("offers_staff:hsds_exchange", kwargs={"municipality": "musterstadt"})
    broken = SimpleUploadedFile("services.json", b'[{"id": "x",\n "name": }]')
    with translation.override("de"):
        response = client.post(url, {"file": broken, "action": "preview"})
    page = response.content.decode()
    assert response.status_code == 400
    assert (
        "kein gültiges JSON: ein Wert fehlt oder ist kein JSON (Zeile 2, Spalte 10)"
        in page
    )
    assert "services.json" in page
    assert "Expecting value" not in page


@override_settings(KETTE_MAX_TABLE_COLUMNS=5)
def test_a_csv_file_with_too_many_columns_is_refused(tmp_path, municipality):
    pkg = tmp_path / "paket"
    write_package(pkg, good_tables())
    assert "services.csv: the table has more than 5 columns" in failure(pkg)


def test_a_row_with_one_value_says_one_value(tmp_path, municipality):
    pkg = tmp_path / "paket"
    tables = good_tables()
    header = csv_bytes("service", tables["service"]).split(b"\r\n", 1)[0]
    write_package(pkg, tables, files={"services.csv": header + b"\r\nx\r\n"})
    message = failure(pkg)
    assert "services.csv: line 2: 1 value, but the header has" in message
