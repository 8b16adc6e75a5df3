"""Limits checked before a file is parsed: size, JSON depth, XLSX shape.

Routes of core: the district import on the web and on the command line; the
limits module itself for what every route shares. Other apps' routes are
tested in their own test_upload_limits.py.
"""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from kette.core.exceptions import ImportFailed
from kette.core.importers.limits import json_depth_line, json_load
from kette.core.models import AuditEntry, District, Role
from tests.core.district_files import collection, fails, feature
from tests.core.factories import user_with_role
from tests.core.upload_files import deep_json

pytestmark = pytest.mark.django_db


def test_json_nested_50000_deep_is_refused_before_parsing(english):
    with pytest.raises(ImportFailed) as failure:
        json_load(deep_json(), file="tief.json")
    problem = failure.value.problems[0]
    assert problem.file == "tief.json"
    assert "nested more than 64 levels deep (line 1)" in problem.message


def test_brackets_inside_strings_do_not_count_as_nesting():
    text = json.dumps({"name": "[" * 500 + "{" * 500, "list": [[[1]]]})
    assert json_load(text, file="ok.json")["list"] == [[[1]]]
    assert json_depth_line(b'{"a": [[[\n[[1]]]]]}', 4) == 2


def test_unbalanced_deep_json_is_refused_too(english):
    with pytest.raises(ImportFailed, match="levels deep"):
        json_load(b"[" * 5000, file="offen.json")


@override_settings(KETTE_MAX_UPLOAD_MB=0.05)
def test_a_district_file_over_the_limit_is_refused_by_the_command(
    municipality, write, english
):
    big = collection(*(feature(f"{n:03}", f"Bezirk {n}") for n in range(600)))
    message = fails(write(big))
    assert "districts.geojson: the file is larger than 0.05 MB" in message


def test_a_deep_district_file_is_refused_by_the_command(municipality, write, english):
    message = fails(write(deep_json()))
    assert "districts.geojson: the JSON data is nested more than 64 levels deep" in (
        message
    )


@pytest.fixture
def planner_client(client, municipality):
    client.force_login(user_with_role(municipality, Role.PLANNER))
    return client


def post_districts(client, municipality, data: bytes):
    return client.post(
        reverse(
            "core:staff_district_import", kwargs={"municipality": municipality.slug}
        ),
        {
            "file": SimpleUploadedFile("bezirke.geojson", data),
            "code_field": "code",
            "name_field": "name",
            "action": "import",
        },
    )


@override_settings(KETTE_MAX_UPLOAD_MB=0.05)
def test_a_district_upload_over_the_limit_says_so_in_german_and_writes_nothing(
    planner_client, municipality
):
    big = collection(*(feature(f"{n:03}", f"Bezirk {n}") for n in range(600)))
    response = post_districts(planner_client, municipality, json.dumps(big).encode())
    assert response.status_code == 400
    page = response.content.decode()
    assert "bezirke.geojson: die Datei ist größer als 0,05 MB" in page
    assert District.objects.count() == 0 and AuditEntry.objects.count() == 0


def test_a_deep_district_upload_answers_400_with_the_reason(
    planner_client, municipality
):
    response = post_districts(planner_client, municipality, deep_json())
    assert response.status_code == 400
    assert "tiefer als 64 Ebenen verschachtelt (Zeile 1)" in response.content.decode()
    assert District.objects.count() == 0


def test_a_broken_district_upload_names_line_and_column_in_german(
    planner_client, municipality
):
    response = post_districts(
        planner_client, municipality, b'{"type": "FeatureCollection",\n"features": }'
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert (
        "bezirke.geojson: kein gültiges JSON: ein Wert fehlt oder ist kein JSON "
        "(Zeile 2, Spalte 13)"
    ) in page
    assert "Expecting value" not in page


def test_broken_coordinates_are_explained_without_shapely_text(
    planner_client, municipality
):
    broken = {"type": "Polygon", "coordinates": [[[6.8, 51.4], [6.9, 51.4]]]}
    data = json.dumps(collection(feature("01", "Mitte", broken))).encode()
    page = post_districts(planner_client, municipality, data).content.decode()
    assert "fehlerhafte Polygon-Koordinaten: Jeder Ring braucht mindestens vier" in page
    assert "linearring" not in page.lower()
