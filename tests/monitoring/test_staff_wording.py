"""German wording of the monitoring desk: counts agree with their nouns, and
an import file field is optional only when a preview has kept a file."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kette.core.models import Role
from tests.core.factories import user_with_role
from tests.monitoring.pages_world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


@pytest.fixture
def planner(client, world):
    client.force_login(user_with_role(world.municipality, Role.PLANNER))
    return client


def data_import_url(world) -> str:
    return reverse(
        "monitoring:staff_data_import",
        kwargs={"municipality": world.municipality.slug},
    )


def test_importing_one_value_says_one_value(planner, world):
    text = "district;period;indicator;value\nB1-2;2025;poverty;25\n"
    response = planner.post(
        data_import_url(world),
        {"file": SimpleUploadedFile("werte.csv", text.encode()), "action": "import"},
        follow=True,
    )
    page = response.content.decode()
    assert "werte.csv: 1 Wert importiert (1 neu, 0 aktualisiert)" in page


def test_the_file_is_required_until_a_preview_keeps_one(planner, world):
    page = planner.get(data_import_url(world)).content.decode()
    assert "freiwillig" not in page.split('name="file"')[0].rsplit("<label", 1)[-1]
    assert 'name="file"' in page and "required" in page.split('name="file"')[1][:80]
    empty = planner.post(data_import_url(world), {"action": "preview"})
    assert empty.status_code == 400
    assert "Wählen Sie eine CSV- oder XLSX-Datei." in empty.content.decode()
    text = "district;period;indicator;value\nB1-2;2025;poverty;25\n"
    planner.post(
        data_import_url(world),
        {"file": SimpleUploadedFile("werte.csv", text.encode()), "action": "preview"},
    )
    page = planner.get(data_import_url(world)).content.decode()
    label = page.split('name="file"')[0].rsplit("<label", 1)[-1]
    assert "(freiwillig)" in label
