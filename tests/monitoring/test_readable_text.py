"""No developer text reaches the people using the monitoring: no column keys,
no file paths, no command-line options, no parser or engine messages in
English; what they see names the thing in words and says what to do."""

from __future__ import annotations

import html
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from kette.core.models import Role
from kette.monitoring.models import IndexDefinition, Observation
from kette.monitoring.services.indices import index_save
from tests.core.factories import user_with_role
from tests.monitoring.factories import index_spec
from tests.monitoring.pages_world import build_world, csv_rows

pytestmark = pytest.mark.django_db

KEYS = ("district_code", "district_name", "class_", "subindex_", "value_")


@pytest.fixture
def world():
    world = build_world()
    spec = index_spec("poverty", "checkups")
    spec["subindices"][0]["name"] = {"de": "Soziale Lage", "en": "Social situation"}
    index_save(municipality=world.municipality, spec=spec, actor=None)
    return world


def url(world, name: str, **kwargs) -> str:
    return reverse(
        f"monitoring:{name}", kwargs={"municipality": world.municipality.slug, **kwargs}
    )


@pytest.fixture
def planner(world):
    planner = Client()
    planner.force_login(user_with_role(world.municipality, Role.PLANNER))
    return planner


def all_values_header(page: str) -> str:
    """The header row of the folded "All values" table."""
    start = page.index('id="block-results"')
    table = page[start:]
    return table[table.index("<thead>") : table.index("</thead>")]


def test_the_all_values_table_has_readable_headers(client, planner, world):
    for who, name in ((client, "index"), (planner, "staff_index")):
        page = html.unescape(
            who.get(url(world, name, index_key="need")).content.decode()
        )
        header = all_values_header(page)
        for key in KEYS:
            assert key not in header, (name, key)
        for label in ("Sozialraum", "Rang", "Klasse (Index)", "Soziale Lage"):
            assert label in header, (name, label)
    staff = html.unescape(
        planner.get(url(world, "staff_index", index_key="need")).content.decode()
    )
    assert "Armutsquote (Wert)" in all_values_header(staff)


def test_the_all_values_download_has_the_same_readable_headers(client, world):
    rows = csv_rows(client.get(url(world, "index", index_key="need") + "?csv=results"))
    assert rows[0] == [
        "Code",
        "Sozialraum",
        "Zeitraum",
        "Index",
        "Rang",
        "Klasse (Index)",
        "Soziale Lage",
    ]


def test_the_headers_follow_the_language(client, world):
    client.cookies["django_language"] = "en"
    rows = csv_rows(client.get(url(world, "index", index_key="need") + "?csv=results"))
    assert rows[0][:2] == ["Code", "District"]
    assert "Class (Index)" in rows[0] and "Social situation" in rows[0]


def test_the_catalogue_explains_the_definition_format_instead_of_a_file_path(
    planner, world
):
    page = html.unescape(planner.get(url(world, "staff_catalogue")).content.decode())
    assert "monitoring-index.md" not in page and "docs/monitoring" not in page
    assert "Das Format einer Definition" in page
    assert "coverage" in page
    assert "Zielpfosten stehen in der eigenen Einheit" in page  # transform
    assert "vertippter Schlüssel" in page


def test_a_wide_file_without_period_asks_for_the_form_field_not_an_option(
    planner, world
):
    upload = SimpleUploadedFile(
        "breit.csv", b"district;poverty\nB1-2;3\n", content_type="text/csv"
    )
    before = Observation.objects.count()
    response = planner.post(
        url(world, "staff_data_import"), {"file": upload, "action": "preview"}
    )
    page = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert "--period" not in page
    assert "Geben Sie den Zeitraum unten im Feld „Zeitraum“ an" in page
    assert Observation.objects.count() == before


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            {"coverage": 2},
            "an der Stelle coverage ungültig: muss größer als 0 und höchstens 1 sein",
        ),
        ({"missing": "drop"}, "muss einer dieser Werte sein: exclude, impute_mean"),
        ({"subindices": []}, "braucht mindestens einen Teilindex"),
    ],
)
def test_a_wrong_definition_is_explained_in_german(planner, world, change, expected):
    content = json.dumps(index_spec("poverty") | change).encode()
    upload = SimpleUploadedFile("bedarf.json", content, "application/json")
    versions = IndexDefinition.objects.get(key="need").versions.count()
    response = planner.post(url(world, "staff_index_upload"), {"file": upload})
    page = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert expected in page
    assert "must be" not in page and "needs at least" not in page
    assert IndexDefinition.objects.get(key="need").versions.count() == versions


def test_unreadable_json_is_explained_without_the_parser_text(planner, world):
    upload = SimpleUploadedFile(
        "bedarf.json", b'{"format": "kette-index/1",\n  "key": }', "application/json"
    )
    response = planner.post(url(world, "staff_index_upload"), {"file": upload})
    page = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert "bedarf.json" in page and "Zeile 2" in page
    assert "Expecting value" not in page


def test_the_analysis_names_an_ignored_period(planner, world):
    response = planner.get(
        url(world, "staff_index_analysis", index_key="need") + "?period=2099&from=x"
    )
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "„Zeitraum: 2099“ gibt es hier nicht" in page
    assert "„Vergleichen mit: x“ gibt es hier nicht" in page
