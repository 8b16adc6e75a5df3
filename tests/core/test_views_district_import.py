"""Importing districts in the staff area: preview first, nothing written on error."""

from __future__ import annotations

import html
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kette.core.models import AuditEntry, District, Role
from tests.core.factories import square, user_with_role


@pytest.fixture(autouse=True)
def english_pages(client, settings):
    """Messages are asserted in their English source wording."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def geojson(*features: tuple[str, str, str | None]) -> bytes:
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"id": code, "label": name, "up": parent},
                "geometry": square(6.80 + 0.01 * index, 51.40),
            }
            for index, (code, name, parent) in enumerate(features)
        ],
    }
    return json.dumps(collection).encode()


GOOD = geojson(("01", "Mitte", None), ("0101", "Altstadt", "01"))
OPTIONS = {"code_field": "id", "name_field": "label", "parent_field": "up"}


@pytest.fixture
def planner(municipality):
    return user_with_role(municipality, Role.PLANNER, username="planung")


def url(municipality) -> str:
    return reverse(
        "core:staff_district_import", kwargs={"municipality": municipality.slug}
    )


def upload(data: bytes, name: str = "bezirke.geojson") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/geo+json")


def test_preview_shows_what_would_happen_and_writes_nothing(
    client, municipality, planner
):
    client.force_login(planner)
    response = client.post(
        url(municipality), {**OPTIONS, "file": upload(GOOD), "action": "preview"}
    )
    assert response.status_code == 200
    assert response.context["preview"].created == ["01", "0101"]
    assert b"Import now" in response.content
    assert not District.objects.exists()
    assert not AuditEntry.objects.exists()


def test_import_after_preview_uses_the_kept_file(client, municipality, planner):
    client.force_login(planner)
    client.post(
        url(municipality), {**OPTIONS, "file": upload(GOOD), "action": "preview"}
    )
    response = client.post(url(municipality), {**OPTIONS, "action": "import"})
    assert response.status_code == 302
    districts = {d.code: d for d in District.objects.filter(municipality=municipality)}
    assert set(districts) == {"01", "0101"}
    assert districts["0101"].parent == districts["01"]
    assert districts["0101"].level == 1
    entries = AuditEntry.objects.filter(object_type="kette_core.District")
    assert entries.count() == 2
    assert {e.actor for e in entries} == {planner}
    follow = client.get(response["Location"])
    assert "2 new" in follow.content.decode()


def test_a_bad_file_names_feature_and_property_and_writes_nothing(
    client, municipality, planner
):
    client.force_login(planner)
    bad = geojson(("01", "Mitte", None), ("01", "Doppelt", None))
    response = client.post(
        url(municipality), {**OPTIONS, "file": upload(bad), "action": "import"}
    )
    assert response.status_code == 400
    text = html.unescape(response.content.decode())
    assert "bezirke.geojson" in text and "feature 1" in text and "duplicate" in text
    assert not District.objects.exists()


def test_wrong_options_can_be_corrected_without_choosing_the_file_again(
    client, municipality, planner
):
    client.force_login(planner)
    wrong = {**OPTIONS, "code_field": "nummer"}
    response = client.post(
        url(municipality), {**wrong, "file": upload(GOOD), "action": "preview"}
    )
    assert response.status_code == 400
    assert 'property "nummer"' in html.unescape(response.content.decode())
    assert response.context["form"]["code_field"].value() == "nummer"
    response = client.post(url(municipality), {**OPTIONS, "action": "preview"})
    assert response.status_code == 200
    assert response.context["preview"].total == 2


def test_a_post_without_any_file_asks_for_one(client, municipality, planner):
    client.force_login(planner)
    response = client.post(url(municipality), {**OPTIONS, "action": "preview"})
    assert response.status_code == 400
    assert "Choose a GeoJSON file" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.COORDINATOR, 200),
        (Role.PLANNER, 200),
        (Role.NETWORK_LEAD, 403),
        (Role.PROVIDER_EDITOR, 403),
    ],
)
def test_only_planners_and_coordinators_may_import(client, municipality, role, status):
    client.force_login(user_with_role(municipality, role))
    assert client.get(url(municipality)).status_code == status


def test_a_file_kept_for_one_municipality_is_not_used_in_another(
    client, municipality, other_municipality, planner
):
    from kette.core.models import Membership

    Membership.objects.create(
        user=planner, municipality=other_municipality, role=Role.PLANNER
    )
    client.force_login(planner)
    client.post(
        url(municipality), {**OPTIONS, "file": upload(GOOD), "action": "preview"}
    )
    response = client.post(url(other_municipality), {**OPTIONS, "action": "import"})
    assert response.status_code == 400
    assert not District.objects.exists()
