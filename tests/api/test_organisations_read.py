from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kette.core.models import Sector
from tests.core.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/municipalities/{slug}/organisations/"


@pytest.fixture
def organisations(municipality):
    health = Sector.objects.get(code="health")
    return [
        OrganisationFactory(
            municipality=municipality,
            name="Gesundheitsamt Musterstadt",
            legal_form="public_body",
            sector=health,
            street="Rathausplatz 1",
            postal_code="46045",
            city="Musterstadt",
            email="gesundheit@musterstadt.example",
            phone="0208 123",
            website="https://musterstadt.example/gesundheit",
            description="Kinder- und Jugendgesundheitsdienst",
        ),
        OrganisationFactory(municipality=municipality, name="Kinderschutzbund e.V."),
        OrganisationFactory(municipality=municipality, name="Sportverein 1904 e.V."),
    ]


def test_anyone_lists_the_organisations_with_their_public_data(api, organisations):
    response = api.get(URL.format(slug="musterstadt"))

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert [o["name"] for o in body["results"]] == [
        "Gesundheitsamt Musterstadt",
        "Kinderschutzbund e.V.",
        "Sportverein 1904 e.V.",
    ]
    office = body["results"][0]
    pk = organisations[0].pk
    assert office["id"] == pk
    assert office["url"] == f"http://testserver{URL.format(slug='musterstadt')}{pk}/"
    assert office["municipality"] == "musterstadt"
    assert office["legal_form"] == "public_body"
    assert office["legal_form_label"]
    assert office["sector"] == {"code": "health", "label": "Gesundheitswesen"}
    assert office["address"] == "Rathausplatz 1, 46045 Musterstadt"
    assert office["street"] == "Rathausplatz 1"
    assert office["email"] == "gesundheit@musterstadt.example"
    assert office["phone"] == "0208 123"
    assert office["website"] == "https://musterstadt.example/gesundheit"
    assert office["description"] == "Kinder- und Jugendgesundheitsdienst"


def test_the_sector_label_follows_the_request_language(api, organisations):
    response = api.get(URL.format(slug="musterstadt"), {"lang": "en"})

    assert response.json()["results"][0]["sector"]["label"] == "Health"


def test_q_filters_by_part_of_the_name(api, organisations):
    response = api.get(URL.format(slug="musterstadt"), {"q": "schutz"})

    assert [o["name"] for o in response.json()["results"]] == ["Kinderschutzbund e.V."]


def test_sector_filters_by_sector_code(api, organisations):
    response = api.get(URL.format(slug="musterstadt"), {"sector": "health"})

    assert [o["name"] for o in response.json()["results"]] == [
        "Gesundheitsamt Musterstadt"
    ]


def test_the_list_is_paginated(api, organisations):
    first = api.get(URL.format(slug="musterstadt"), {"page_size": 2}).json()
    second = api.get(first["next"]).json()

    assert first["count"] == 3
    assert len(first["results"]) == 2
    assert [o["name"] for o in second["results"]] == ["Sportverein 1904 e.V."]
    assert second["next"] is None


def test_only_the_municipalitys_own_organisations_are_listed(
    api, organisations, other_municipality
):
    OrganisationFactory(municipality=other_municipality, name="Nachbarverein e.V.")

    names = [
        o["name"] for o in api.get(URL.format(slug="musterstadt")).json()["results"]
    ]

    assert "Nachbarverein e.V." not in names
    assert len(names) == 3


def test_anyone_reads_one_organisation(api, organisations):
    pk = organisations[1].pk

    response = api.get(f"{URL.format(slug='musterstadt')}{pk}/")

    assert response.status_code == 200
    assert response.json()["name"] == "Kinderschutzbund e.V."


def test_an_organisation_of_b_is_not_found_under_a(
    api, municipality, other_municipality
):
    foreign = OrganisationFactory(municipality=other_municipality)

    response = api.get(f"{URL.format(slug='musterstadt')}{foreign.pk}/")

    assert response.status_code == 404
    assert set(response.json()) == {"message", "errors"}


def test_the_number_of_queries_does_not_grow_with_the_organisations(
    api, municipality, organisations
):
    url = URL.format(slug="musterstadt")
    with CaptureQueriesContext(connection) as few:
        api.get(url)
    for number in range(15):
        OrganisationFactory(municipality=municipality, name=f"Verein {number} e.V.")

    with CaptureQueriesContext(connection) as many:
        body = api.get(url).json()

    assert body["count"] == 18
    assert len(many) == len(few)
